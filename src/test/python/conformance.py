"""The Jupyter kernel conformance suite (Debian's python3-jupyter-kernel-test) for Kindling.

Run: JUPYTER_PATH=<dir with kernels/kindling> /usr/bin/python3 -m unittest -v conformance
"""
import unittest

import jupyter_kernel_test


class KindlingConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "kindling"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "String.valueO", "matches": {"valueOf("}},
    ]
    complete_code_samples = ["1 + 1", "int x = 1;", "for (int i = 0; i < 2; i++) { }", "%lsmagic"]
    incomplete_code_samples = ["for (int i = 0; i < 2; i++) {", "Math.max(1,"]
    invalid_code_samples = ["int x = ;", "String s = \"never closed", "%nosuchmagic"]

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "\"kind\" + \"ling\"", "result": "kindling"},
    ]
    code_display_data = [
        {"code": 'display(html("<b>bold</b>"));', "mime": "text/html"},
        {"code": 'display(markdown("**bold**"));', "mime": "text/markdown"},
    ]
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")

    code_generate_error = 'throw new IllegalStateException("expected")'
    code_inspect_sample = "Math.max"
    code_clear_output = None
    code_page_something = None


if __name__ == "__main__":
    unittest.main()

"""The Jupyter kernel conformance suite (Debian's python3-jupyter-kernel-test) for Kindling.

Run: JUPYTER_PATH=<dir with kernels/kindling> /usr/bin/python3 -m unittest -v conformance
"""
import unittest

import jupyter_kernel_test
from jupyter_client.utils import run_sync
from jupyter_kernel_test.msgspec_v5 import validate_message


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

    def execute_helper(self, code, timeout=jupyter_kernel_test.TIMEOUT, silent=False, store_history=True,
                       stop_on_error=True):
        """The suite's own checks, but each IOPub message may take the whole timeout.

        The suite gives the messages after the reply 0.1 s each; Jupyter does not require them that fast
        (idle always follows the reply), and on a busy machine a 0.1 s pause is ordinary.
        """
        msg_id = self.kc.execute(code=code, silent=silent, store_history=store_history, stop_on_error=stop_on_error)
        reply = self.get_non_kernel_info_reply(timeout=timeout)
        validate_message(reply, "execute_reply", msg_id)
        busy_msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=timeout)
        validate_message(busy_msg, "status", msg_id)
        self.assertEqual(busy_msg["content"]["execution_state"], "busy")
        output_msgs = []
        while True:
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=timeout)
            validate_message(msg, msg["msg_type"], msg_id)
            if msg["msg_type"] == "status":
                self.assertEqual(msg["content"]["execution_state"], "idle")
                break
            if msg["msg_type"] == "execute_input":
                self.assertEqual(msg["content"]["code"], code)
                continue
            output_msgs.append(msg)
        return reply, output_msgs


if __name__ == "__main__":
    unittest.main()

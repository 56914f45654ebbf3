"""Drives one Jupyter kernel with Debian's jupyter_client, for Kindling's end-to-end tests.

Reads one JSON command per line on stdin and answers one JSON line on stdout, so JUnit tests can
assert on the real protocol messages a frontend would see. Run with /usr/bin/python3.
"""
import json
import queue
import sys
import time

from jupyter_client.manager import KernelManager

# How long a cell may run before the test calls it hung. Generous: CI machines are shared, and a cell that
# starts Spark there can take most of a minute; a test's assertions never depend on it.
CELL_TIMEOUT = 180


class Driver:
    def __init__(self):
        self.km = None
        self.kc = None
        self.pending = []  # IOPub messages read by wait_stream, handed to collect first

    def start(self, kernel_name="kindling", timeout=60):
        began = time.monotonic()
        self.km = KernelManager(kernel_name=kernel_name)
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        info = self.kc.kernel_info(reply=True, timeout=timeout)["content"]
        return {"startup_seconds": time.monotonic() - began, "kernel_info": info}

    def submit(self, code, allow_stdin=False, stop_on_error=False):
        return {"msg_id": self.kc.execute(code, allow_stdin=allow_stdin, stop_on_error=stop_on_error)}

    def answer_input(self, text, timeout=60):
        """Waits for the kernel's next input request and answers it with text."""
        request = self.kc.get_stdin_msg(timeout=timeout)
        self.kc.input(text)
        return {"prompt": request["content"].get("prompt")}

    def wait_stream(self, msg_id, text, timeout=60):
        """Waits until the request's output contains text; what it read stays there for collect."""
        deadline = time.monotonic() + timeout
        seen = ""
        while text not in seen:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{text!r} not printed by {msg_id} within {timeout}s")
            try:
                message = self.kc.get_iopub_msg(timeout=0.05)
            except queue.Empty:
                continue
            self.pending.append(message)
            if message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "stream":
                seen += message["content"]["text"]
        return {}

    def _next_iopub(self, timeout):
        return self.pending.pop(0) if self.pending else self.kc.get_iopub_msg(timeout=timeout)

    def collect(self, msg_id, timeout=CELL_TIMEOUT, stdin=None):
        """Gathers the IOPub messages of one request up to its idle status, and its shell reply."""
        stdin = list(stdin or [])
        iopub = []
        began = time.monotonic()
        deadline = time.monotonic() + timeout
        idle = False
        while not idle:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no idle status for {msg_id} within {timeout}s")
            try:
                request = self.kc.get_stdin_msg(timeout=0)
                iopub.append({"msg_type": request["msg_type"], "content": request["content"]})
                self.kc.input(stdin.pop(0) if stdin else "")
            except queue.Empty:
                pass
            try:
                message = self._next_iopub(0.05)
            except queue.Empty:
                continue
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            iopub.append({"msg_type": message["msg_type"], "content": message["content"],
                          "seconds": time.monotonic() - began})
            idle = message["msg_type"] == "status" and message["content"]["execution_state"] == "idle"
        while True:
            reply = self.kc.get_shell_msg(timeout=max(1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return {"reply": reply["content"], "iopub": iopub}

    def execute(self, code, timeout=CELL_TIMEOUT, stdin=None, allow_stdin=False):
        began = time.monotonic()
        result = self.collect(self.submit(code, allow_stdin or bool(stdin))["msg_id"], timeout, stdin)
        result["seconds"] = time.monotonic() - began
        return result

    def interrupt(self):
        self.km.interrupt_kernel()
        return {}

    def complete(self, code, cursor_pos):
        return self.kc.complete(code, cursor_pos, reply=True, timeout=30)["content"]

    def inspect(self, code, cursor_pos):
        return self.kc.inspect(code, cursor_pos, reply=True, timeout=30)["content"]

    def is_complete(self, code):
        msg_id = self.kc.is_complete(code)
        return self._shell_reply(msg_id)

    def history(self, **kwargs):
        msg_id = self.kc.history(**kwargs)
        return self._shell_reply(msg_id)

    def kernel_info(self):
        return self.kc.kernel_info(reply=True, timeout=30)["content"]

    def restart(self, timeout=60):
        began = time.monotonic()
        self.km.restart_kernel(now=False)
        self.kc.kernel_info(reply=True, timeout=timeout)
        return {"restart_seconds": time.monotonic() - began, "pid": self.pid()["pid"]}

    def pid(self):
        provisioner = getattr(self.km, "provisioner", None)
        process = getattr(provisioner, "process", None) if provisioner else getattr(self.km, "kernel", None)
        return {"pid": process.pid if process else None}

    def is_alive(self):
        return {"alive": self.km.is_alive()}

    def shutdown(self):
        if self.kc:
            self.kc.stop_channels()
        if self.km:
            self.km.shutdown_kernel(now=False)
        return {}

    def _shell_reply(self, msg_id, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            reply = self.kc.get_shell_msg(timeout=max(1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]


def main():
    driver = Driver()
    for line in sys.stdin:
        command = json.loads(line)
        op = command.pop("op")
        try:
            answer = {"ok": getattr(driver, op)(**command)}
        except Exception as error:  # reported to the JUnit side, which fails the test with it
            answer = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
        if op == "shutdown":
            break
    driver.shutdown() if driver.km and driver.km.is_alive() else None


if __name__ == "__main__":
    main()

"""Outside load for the soak: N busy processes, as a lecturer's laptop is loaded while it shares its
screen, records and runs a browser (the same loop as /work/shared/tools/busy).

They are bounded twice: each is started under ``timeout`` (or given a deadline of its own where there is
no ``timeout`` command), so it ends by itself after ``seconds`` even if the bench is killed; and the bench
ends them (their whole process group) when the soak ends.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

# A Python loop where there is no coreutils timeout: spins until its own deadline.
_SPIN = "import time, sys\nend = time.monotonic() + float(sys.argv[1])\nwhile time.monotonic() < end: pass\n"


class BusyLoad:
    """``n`` processes that each keep a core busy for at most ``seconds``; ``stop()`` ends them sooner."""

    def __init__(self, n: int, seconds: float):
        self.n, self.seconds = max(0, int(n)), max(1, int(seconds))
        self.processes: list[subprocess.Popen] = []

    def start(self) -> BusyLoad:
        timeout = shutil.which("timeout")
        for _ in range(self.n):
            if timeout:
                command = [timeout, str(self.seconds), "sh", "-c", "while :; do :; done"]
            else:
                command = [sys.executable, "-c", _SPIN, str(self.seconds)]
            # A session of its own: stop() ends the loop and the shell under timeout together.
            self.processes.append(subprocess.Popen(command, start_new_session=True, stdin=subprocess.DEVNULL,
                                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        return self

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except (ProcessLookupError, PermissionError):
                    process.terminate()
        for process in self.processes:
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        self.processes = []

    def __enter__(self) -> BusyLoad:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()


def load_average() -> tuple[float, float, float] | None:
    try:
        return os.getloadavg()
    except (OSError, AttributeError):
        return None

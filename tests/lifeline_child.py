"""Programs for test_lifeline: an app that starts a busy child and waits to be killed.

Run as ``python -m tests.lifeline_child [thread]``: it spawns a child (multiprocessing spawn, as the app
does) that arms the lifeline and then computes without ever reading a pipe, like an analysis process
deep in a first t-SNE. It prints the child's pid and sleeps. With ``thread``, the child is started from a
thread that ends once the child has armed its lifeline, as a restart from a reader thread would.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time


def busy_child(armed) -> None:
    from engine.processes.lifeline import watch_parent

    watch_parent()
    armed.set()
    total = 0
    while True:  # a long job that never looks at its pipe
        total += sum(range(10_000))


def start_child(out: list) -> None:
    context = multiprocessing.get_context("spawn")
    armed = context.Event()
    process = context.Process(target=busy_child, args=(armed,), daemon=True)
    process.start()
    armed.wait(30)  # the lifeline is armed: the starting thread may end now
    out.append(process.pid)


def main() -> None:
    pids: list[int] = []
    if "thread" in sys.argv[1:]:
        starter = threading.Thread(target=start_child, args=(pids,))
        starter.start()
        starter.join()  # the thread that started the child ends here; the app lives on
    else:
        start_child(pids)
    print(pids[0], flush=True)
    time.sleep(600)


if __name__ == "__main__":
    main()

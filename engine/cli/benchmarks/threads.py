"""``python main.py bench threads``: training speed with one and with two torch threads, on an idle
machine and beside outside busy processes (the figures behind engine/processes/thread_budget.py).

Each measurement is a fresh process that trains ``--method`` on ``--dataset`` for ``--seconds`` with
``torch.set_num_threads(k)`` (set-up and the first steps excluded), while N busy processes
(``sh -c 'while :; do :; done'``, ended with the measurement) load the machine. It is a benchmark, not a
test: the figures depend on the machine and on whatever else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

BUSY = ["sh", "-c", "while :; do :; done"]


def child(method: str, dataset: str, threads: int, seconds: float) -> float:
    """In the measuring process: images per second with ``threads`` torch threads."""
    import torch

    torch.set_num_threads(threads)
    from engine.cli.benchmarks.compare import Rate, _config, _train_for

    _train_for(_config(method, dataset, 0), min(2.0, seconds), Rate())  # warm-up: first-call costs
    rate = Rate()
    _train_for(_config(method, dataset, 0), seconds, rate)
    return rate.images_per_s


def measure(method: str, dataset: str, threads: int, seconds: float, load: int) -> float:
    """Images per second of a fresh process with ``threads`` threads beside ``load`` busy processes."""
    busy = [subprocess.Popen(BUSY) for _ in range(load)]
    try:
        code = ("import sys; from engine.cli.benchmarks.threads import child; "
                f"print(child({method!r}, {dataset!r}, {threads}, {seconds}))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=60 + 20 * seconds, cwd=os.path.dirname(os.path.dirname(os.path.dirname(
                                 os.path.dirname(os.path.abspath(__file__))))))
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "the child failed")
        return float(out.stdout.strip().splitlines()[-1])
    finally:
        for p in busy:
            p.kill()
            p.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="main.py bench threads", description=__doc__.splitlines()[0])
    parser.add_argument("--method", default="simclr")
    parser.add_argument("--dataset", default="mnist5k")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--threads", default="1,2", help="thread counts to compare, e.g. 1,2")
    parser.add_argument("--loads", default="0,2", help="outside busy processes, e.g. 0,2")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    counts = [int(t) for t in args.threads.split(",")]
    loads = [int(n) for n in args.loads.split(",")]
    rows = []
    for load in loads:
        for threads in counts:
            started = time.monotonic()
            rate = measure(args.method, args.dataset, threads, args.seconds, load)
            rows.append({"load": load, "threads": threads, "images_per_s": rate,
                         "wall_s": time.monotonic() - started, "cores": os.cpu_count()})
            if not args.json:
                print(f"{load} busy, {threads} thread(s): {rate:8.0f} img/s", flush=True)
    if args.json:
        print(json.dumps(rows))
    else:
        print(f"{args.method} on {args.dataset}, {args.seconds:.0f} s each, {os.cpu_count()} cores, "
              f"load average before: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

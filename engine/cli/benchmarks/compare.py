"""Two runs at once (A and B), as the app trains them: each run's speed beside its speed alone.

The app trains run B beside run A as two threads of its one engine process
(engine/processes/engine_process.py), which take their steps in turn (engine/training/turns.py): together
they use the engine's share of the cores, not twice it. The target of issue 13: on 2 cores,
each of two small runs keeps at least 45% of the images per second it reaches alone (a fair half,
less a little for the switching).

``python -m engine.cli.benchmarks.compare [--seconds S] [--method M] [--dataset D]`` prints the figures;
it is a benchmark, not a test (timings depend on the machine and on what else runs on it).
"""

from __future__ import annotations

import argparse
import threading
import time
from dataclasses import dataclass


@dataclass
class Rate:
    """Images per second of one run, measured between its first and last loss report (set-up excluded)."""

    images: int = 0
    seconds: float = 0.0

    @property
    def images_per_s(self) -> float:
        return self.images / self.seconds if self.seconds > 0 else 0.0


def _train_for(config, seconds: float, rate: Rate, started: threading.Barrier | None = None, turns=None) -> None:
    """Train ``config`` headless for ``seconds`` after its set-up; fill ``rate``."""
    from engine.training.control import RunControl
    from engine.training.snapshots import LossUpdate, RunStarted
    from engine.training.trainer import train

    control = RunControl(start_paused=False)
    batch = int(config.run_params.get("batch_size", 128))
    first: tuple[float, int] | None = None
    deadline = None
    for snap in train(config, control, turns):
        if isinstance(snap, RunStarted) and started is not None:
            started.wait()  # both runs set up before either is timed: set-up is not what is shared
        if isinstance(snap, LossUpdate):
            now = time.perf_counter()
            if first is None:
                first, deadline = (now, snap.step), now + seconds
            rate.images, rate.seconds = (snap.step - first[1]) * batch, now - first[0]
            if now >= deadline:
                control.stop()


def _config(method: str, dataset: str, seed: int):
    from engine.training.config import Cadence, RunConfig

    # The app's reports off: what is measured is the sharing of the training steps themselves.
    cadence = Cadence(images_interval_s=None, latents_interval_s=None)
    return RunConfig(method=method, dataset=dataset, run_params={"seed": seed, "batch_size": 128}, cadence=cadence)


def compare_runs(method: str = "autoencoder", dataset: str = "mnist5k", seconds: float = 8.0) -> dict[str, float]:
    """Each of two runs at once as a share of one run alone: {"alone", "a", "b", "a_share", "b_share"}."""
    _train_for(_config(method, dataset, 0), min(2.0, seconds), Rate())  # warm-up: first-call costs, caches
    alone = Rate()
    _train_for(_config(method, dataset, 0), seconds, alone)
    from engine.training.turns import Turns

    rates = [Rate(), Rate()]
    barrier, turns = threading.Barrier(2), Turns()  # the engine's runs step in turn (engine/training/turns.py)
    threads = [threading.Thread(target=_train_for, args=(_config(method, dataset, i + 1), seconds, rates[i], barrier,
                                                         turns),
                                name=f"run-{'AB'[i]}") for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = Rate()  # alone again: a load that changed meanwhile (other programs) shows as two figures apart
    _train_for(_config(method, dataset, 0), seconds, after)
    single = (alone.images_per_s + after.images_per_s) / 2
    a, b = (r.images_per_s for r in rates)
    return {"alone": single, "alone_before": alone.images_per_s, "alone_after": after.images_per_s, "a": a, "b": b, "a_share": a / single if single else 0.0,
            "b_share": b / single if single else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", default="autoencoder")
    parser.add_argument("--dataset", default="mnist5k")
    parser.add_argument("--seconds", type=float, default=8.0, help="timed training per measurement")
    args = parser.parse_args(argv)
    import torch

    from engine.processes.thread_budget import apply_to_engine

    apply_to_engine()  # the engine process's torch threads (one on 1-2 cores), as the app trains them
    print(f"torch threads: {torch.get_num_threads()} (intra-op), {torch.get_num_interop_threads()} (inter-op)")
    r = compare_runs(args.method, args.dataset, args.seconds)
    print(f"{args.method} on {args.dataset}: alone {r['alone_before']:,.0f} / {r['alone_after']:,.0f} img/s "
          f"(before / after); two at once: "
          f"A {r['a']:,.0f} img/s ({r['a_share']:.0%}), B {r['b']:,.0f} img/s ({r['b_share']:.0%}); target >= 45% each")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

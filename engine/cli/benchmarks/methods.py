"""``python main.py bench methods``: every method trained on a CPU for 60 s and for 300 s, probed.

For each method: train headless on the data set (default mnist5k) with its default settings; after 60
and after 300 seconds of training time (pauses for saving excluded) keep a checkpoint; then score each
checkpoint with the probes of ``evaluate`` (kNN and linear probe on held-out images) beside the same
probes on raw pixels and on a random encoder of the method's own architecture. The generators (GAN,
WGAN-GP, CycleGAN) are measured by their samples instead, on the data sets of their own
(engine/cli/benchmarks/generators.py). Prints a table, and with ``--out`` writes it as JSON too.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from typing import Any


def train_for(method: str, dataset: str, marks: list[float], folder: str) -> tuple[dict[float, str], float]:
    """Train until each mark (seconds of training); returns ({mark: checkpoint}, images/s)."""
    from engine.cli.benchmarks.generators import run_config
    from engine.training.config import Cadence
    from engine.training.control import RunControl
    from engine.training.snapshots import LossUpdate, RunEvent
    from engine.training.trainer import train

    control = RunControl()
    cad = Cadence(images_interval_s=None, latents_interval_s=None)
    pending = sorted(marks)
    saved: dict[float, str] = {}
    rates: list[float] = []
    for snap in train(run_config(method, dataset, cad), control):
        if isinstance(snap, LossUpdate):
            rates.append(snap.images_per_s)
            if pending and snap.elapsed_s >= pending[0]:
                mark = pending.pop(0)
                path = os.path.join(folder, f"{method}-{dataset}-{int(mark)}s.safetensors")
                control.save(path)
                saved[mark] = path
                if not pending:
                    control.stop()
        elif isinstance(snap, RunEvent) and snap.kind in ("diverged", "out_of_memory", "save_failed"):
            print(f"  {method}: {snap.message}", flush=True)
            control.stop()
    tail = rates[len(rates) // 2:] or [0.0]
    return saved, sum(tail) / len(tail)


def run(dataset: str, marks: list[float], methods: list[str] | None = None) -> list[dict[str, Any]]:
    from engine.cli.benchmarks import generators
    from engine.cli.evaluate import evaluate_checkpoint
    from engine.methods import method_names

    rows = []
    folder = tempfile.mkdtemp(prefix="encoder-lab-bench-")
    chosen = methods or method_names()
    for method in [m for m in chosen if not generators.is_generator_method(m)]:
        started = time.monotonic()
        saved, rate = train_for(method, dataset, marks, folder)
        row: dict[str, Any] = {"method": method, "images_per_s": rate}
        for mark, path in saved.items():
            scores = evaluate_checkpoint(path)["scores"]
            row[f"{int(mark)}s"] = {k: scores["checkpoint"][k] for k in ("knn", "linear", "effective_rank")}
            row["random encoder"] = {k: scores["random encoder"][k] for k in ("knn", "linear")}
            row["raw pixels"] = {k: scores["raw pixels"][k] for k in ("knn", "linear")}
        rows.append(row)
        print_row(row, marks)
        print(f"    ({time.monotonic() - started:.0f} s wall)", flush=True)
    made = [m for m in chosen if generators.is_generator_method(m)]
    if made:
        print("Generators, by their samples (engine/cli/benchmarks/generators.py):", flush=True)
    for method in made:
        for on in generators.GENERATOR_SETS[method]:
            started = time.monotonic()
            saved, rate = train_for(method, on, marks, folder)
            row = {"method": method, "dataset": on, "images_per_s": rate}
            for mark, path in saved.items():
                row[f"{int(mark)}s"] = generators.measure(path)
            rows.append(row)
            generators.print_row(row, marks)
            print(f"    ({time.monotonic() - started:.0f} s wall)", flush=True)
    return rows


def print_header(marks: list[float]) -> None:
    cols = "".join(f"{f'kNN @{int(m)}s':>11}{f'lin @{int(m)}s':>11}" for m in marks)
    print(f"{'method':<24}{cols}{'rand kNN':>10}{'rand lin':>10}{'img/s':>9}", flush=True)


def print_row(row: dict[str, Any], marks: list[float]) -> None:
    cols = ""
    for m in marks:
        s = row.get(f"{int(m)}s")
        cols += f"{s['knn']:>11.1%}{s['linear']:>11.1%}" if s else f"{'-':>11}{'-':>11}"
    r = row.get("random encoder", {"knn": float("nan"), "linear": float("nan")})
    print(f"{row['method']:<24}{cols}{r['knn']:>10.1%}{r['linear']:>10.1%}{row['images_per_s']:>9,.0f}", flush=True)


def main(args) -> int:
    marks = [float(m) for m in args.marks.split(",")]
    methods = args.methods.split(",") if args.methods else None
    print(f"Every method on {args.dataset}, {os.cpu_count()} CPU cores: probes after "
          f"{' and '.join(f'{m:.0f} s' for m in marks)} of training", flush=True)
    print_header(marks)
    rows = run(args.dataset, marks, methods)
    if rows and "raw pixels" in rows[0]:
        p = rows[0]["raw pixels"]
        print(f"raw pixels: kNN {p['knn']:.1%}, linear {p['linear']:.1%}")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(rows, f, indent=2)
    return 0

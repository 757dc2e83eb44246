"""``python main.py bench map``: embedding-map and probe figures for 2,000 points on this machine.

- PCA; the first t-SNE and a warm-started t-SNE refresh;
- the first UMAP in a cold process (numba compiling), and after the app's background warm-up;
  a UMAP refresh; the time from a request to a UMAP map when asked 40 s after launch;
- the probes (kNN, linear, k-means, collapse) on one embedding;
- training throughput with the map live (embeddings every 4 s into a UMAP analysis process) against
  without, in alternating rounds.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import time

import numpy as np

COLD_UMAP = """
import time, numpy as np
t0 = time.perf_counter()
from engine.analysis.project import umap_2d
x = np.load({path!r})
t1 = time.perf_counter()
umap_2d(x, seed=0)
print(t1 - t0, time.perf_counter() - t1)
"""


def _points(n: int = 2000, d: int = 64) -> np.ndarray:
    """n MNIST digits as d-dimensional vectors (their first principal components): embedding-like data."""
    from engine.data import load_dataset

    ds = load_dataset("mnist5k")
    x = ds.train.images[:n].flatten(1).numpy()
    x = x - x.mean(0)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    return (x @ vt[:d].T).astype(np.float32)


def _timed(fn, *args, **kw) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - t, out


def projection_times(x: np.ndarray) -> dict[str, float]:
    import os
    import tempfile

    from engine.analysis.project import pca_2d, umap_2d, warm_up_umap
    from engine.analysis.tsne import tsne

    out: dict[str, float] = {}
    out["pca"], _ = _timed(pca_2d, x)
    out["tsne_first"], first = _timed(tsne, x)
    out["tsne_refresh"], _ = _timed(tsne, x + 0.01, init=first)
    path = os.path.join(tempfile.mkdtemp(), "x.npy")
    np.save(path, x)
    cold = subprocess.run([sys.executable, "-c", COLD_UMAP.format(path=path)], capture_output=True, text=True,
                          timeout=600)
    out["umap_import_cold"], out["umap_first_cold"] = map(float, cold.stdout.split()[-2:])
    out["umap_warm_up"], _ = _timed(warm_up_umap)
    out["umap_first_warm"], first = _timed(umap_2d, x)  # no seed: the parallel path the app uses
    out["umap_refresh"], _ = _timed(umap_2d, x + 0.01, init=first)
    return out


def umap_after_launch(x: np.ndarray, delay: float = 40.0) -> tuple[float, float]:
    """(seconds from a UMAP request to its map, seconds the warm-up took) in a fresh analysis process
    asked ``delay`` s after it started, with a training process busy meanwhile, as in the app."""
    from engine.processes.analysis_process import serve
    from engine.processes.protocol import message
    from engine.training.snapshots import AnalysisStatus, EmbeddingUpdate, MapUpdate

    ctx = multiprocessing.get_context("spawn")
    conn, child = ctx.Pipe()
    proc = ctx.Process(target=serve, args=(child,), daemon=True)
    proc.start()
    busy = subprocess.Popen([sys.executable, "main.py", "train", "--steps", "100000", "--out", "/dev/null"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    warm = float("nan")
    try:
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline:
            if conn.poll(0.2):
                msg = conn.recv()["snapshot"]
                if isinstance(msg, AnalysisStatus):
                    warm = float(msg.message.split("in ")[-1].split(" s")[0]) if msg.umap_ready else warm
        labels = np.zeros(len(x), dtype=np.int64)
        update = EmbeddingUpdate(1, 0, "model", x, labels, x, labels)
        t = time.perf_counter()
        conn.send(message("map_method", method="umap"))
        conn.send(message("embeddings", snapshot=update))
        while True:
            msg = conn.recv()["snapshot"]
            if isinstance(msg, MapUpdate) and msg.method == "umap":
                return time.perf_counter() - t, warm
    finally:
        busy.kill()
        conn.send(message("shutdown"))
        proc.join(5)


def probe_time(x: np.ndarray) -> float:
    from engine.analysis.evaluate import probe_scores

    labels = np.repeat(np.arange(10), len(x) // 10)
    seconds, _ = _timed(probe_scores, x, labels, x, labels, with_clusters=True)
    return seconds


def throughput_with_map(seconds: float, rounds: int) -> tuple[list[float], list[float]]:
    """Headless training images/s without and with the map live (alternating rounds)."""
    from engine.processes.analysis_process import serve
    from engine.processes.protocol import message
    from dataclasses import replace

    from engine.training.config import RunConfig, app_cadence
    from engine.training.control import RunControl
    from engine.training.snapshots import EmbeddingUpdate, LossUpdate, ProbeSet
    from engine.training.trainer import train

    ctx = multiprocessing.get_context("spawn")
    conn, child = ctx.Pipe()
    proc = ctx.Process(target=serve, args=(child,), daemon=True)
    proc.start()
    conn.send(message("map_method", method="umap"))
    maps = []

    def drain() -> None:  # read the answers, as the app does, or both ends of the pipe fill up and block
        while True:
            try:
                maps.append(conn.recv())
            except (EOFError, OSError):
                return

    import threading

    threading.Thread(target=drain, daemon=True).start()

    def rate(live: bool) -> float:
        cad = app_cadence() if live else replace(app_cadence(), embeddings_interval_s=None)
        control, t0, s0 = RunControl(), None, 0
        for snap in train(RunConfig(method="autoencoder", dataset="sprites", cadence=cad), control):
            if live and isinstance(snap, (EmbeddingUpdate, ProbeSet)):
                conn.send(message("embeddings", snapshot=snap))
            if isinstance(snap, LossUpdate):
                if t0 is None and snap.step >= 20:
                    t0, s0 = time.perf_counter(), snap.step
                elif t0 is not None and time.perf_counter() - t0 >= seconds:
                    control.stop()
                    return (snap.step - s0) * 128 / (time.perf_counter() - t0)
        return float("nan")

    time.sleep(15)  # let the analysis process finish compiling UMAP, as it would have in the app
    without, with_map = [], []
    for _ in range(rounds):
        without.append(rate(False))
        with_map.append(rate(True))
    conn.send(message("shutdown"))
    proc.join(5)
    drawn = sum(1 for m in maps if type(m["snapshot"]).__name__ == "MapUpdate")
    print(f"  (maps drawn during the live rounds: {drawn})")
    return without, with_map


def main(args) -> int:
    x = _points(args.points)
    print(f"Encoder Lab map benchmark: {len(x):,} points of {x.shape[1]} dimensions (MNIST, PCA-reduced)", flush=True)
    t = projection_times(x)
    print(f"  PCA                              : {t['pca']:.3f} s")
    print(f"  t-SNE, first map                 : {t['tsne_first']:.2f} s")
    print(f"  t-SNE, warm-started refresh      : {t['tsne_refresh']:.2f} s")
    print(f"  UMAP, first map in a cold process: {t['umap_first_cold']:.1f} s (+ {t['umap_import_cold']:.1f} s import)")
    print(f"  UMAP, background warm-up         : {t['umap_warm_up']:.1f} s (the app does this at start-up)")
    print(f"  UMAP, first map after warm-up    : {t['umap_first_warm']:.2f} s")
    print(f"  UMAP, warm-started refresh       : {t['umap_refresh']:.2f} s", flush=True)
    print(f"  probes (kNN, linear, k-means)    : {probe_time(x):.2f} s", flush=True)
    asked, warm = umap_after_launch(x, args.delay)
    print(f"  UMAP asked {args.delay:.0f} s after launch      : map in {asked:.2f} s (warm-up took {warm:.1f} s, "
          "training busy meanwhile)", flush=True)
    without, with_map = throughput_with_map(args.seconds, args.rounds)
    ratios = [w / o for w, o in zip(with_map, without)]
    print(f"  training without the map         : {np.median(without):,.0f} images/s "
          f"(rounds: {', '.join(f'{v:,.0f}' for v in without)})")
    print(f"  training with the map live (UMAP): {np.median(with_map):,.0f} images/s "
          f"(rounds: {', '.join(f'{v:,.0f}' for v in with_map)})")
    print(f"  slowdown                         : {1 - np.median(ratios):.0%} median "
          f"(rounds: {', '.join(f'{1 - r:.0%}' for r in ratios)})")
    return 0

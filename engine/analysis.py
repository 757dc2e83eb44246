"""The heavy analysis (probes, k-means, t-SNE, UMAP) in a process of its own, on a duty cycle.

It blocks neither the GUI thread nor the training loop: it gets embeddings over a pipe, works on the
newest ones only (older ones still queued are dropped), and answers with MapUpdate and MetricsUpdate
snapshots. Routine maps keep to a duty cycle (see Analyst.work), so on a busy 2-core machine the
analysis takes a bounded share of the CPU; a map the user asks for is drawn at once. (A lower
scheduling priority was tried first: it starved the maps the user asked for, 12 s for a UMAP map.)

UMAP's first map in a fresh process spends most of its time compiling numba code (about 10 s here),
so the process compiles it on a thread as soon as it starts; until then a request for UMAP gets PCA
with a note. The raw-pixel baseline of a data set is computed once and cached.

Messages in: ("embeddings", EmbeddingUpdate | ProbeSet), ("method", name), ("forget", run_id),
("shutdown",). Out: ("snapshot", MapUpdate | MetricsUpdate | AnalysisStatus).
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any



class Analyst:
    """The state of the analysis: the newest work per run, each run's projector, cached baselines."""

    def __init__(self, send):
        from engine.project import Projector

        self.send = send
        self.method = "pca"
        self.umap_ready = threading.Event()
        self.projectors: dict[int, Projector] = {}
        self.datasets: dict[int, str] = {}
        self.last_model: dict[int, Any] = {}  # run id -> newest "model" EmbeddingUpdate
        self.pixel_cache: dict[str, Any] = {}  # dataset -> MetricsUpdate fields of the pixel baseline
        # Newest work only: a map for the newest model embeddings of a run, probes for the newest ones
        # that carry a training set. Kept apart, so embeddings for the map alone never drop probes
        # still waiting to be scored.
        self.pending_maps: dict[int, Any] = {}  # run id -> newest "model" EmbeddingUpdate to map
        self.pending_probes: dict[tuple[int, str], Any] = {}  # (run id, kind) -> newest one to score
        self.remap: set[int] = set()  # runs whose map must be redrawn (the method changed)
        self.rest_until = 0.0  # monotonic time before which routine maps wait (the duty cycle)

    def take(self, message: tuple) -> bool:
        """Queue one message; False on shutdown."""
        from engine.snapshots import ProbeSet

        kind = message[0]
        if kind == "shutdown":
            return False
        if kind == "embeddings":
            snap = message[1]
            if isinstance(snap, ProbeSet):
                self.datasets[snap.run_id] = snap.dataset
            else:
                if snap.kind == "model":
                    self.pending_maps[snap.run_id] = snap
                if snap.train is not None:  # embeddings for the map only carry no training set
                    self.pending_probes[(snap.run_id, snap.kind)] = snap
        elif kind == "method":
            self.method = message[1]
            self.remap.update(self.last_model)
        elif kind == "forget":
            run_id = message[1]
            for store in (self.projectors, self.datasets, self.last_model):
                store.pop(run_id, None)
            self.pending_maps.pop(run_id, None)
            self.pending_probes = {k: v for k, v in self.pending_probes.items() if k[0] != run_id}
        return True

    def work(self) -> None:
        """Do what is queued, maps first (the user is looking at them), then the probes.

        A duty cycle keeps the analysis from taking the training's CPU: after a projection that took
        t seconds, the next routine one waits 2t (a t-SNE refresh of 2 s waits 4 s). A projection the
        user asked for (another method) does not wait.
        """
        for run_id in list(self.remap):
            self.remap.discard(run_id)
            if run_id in self.last_model:
                self._map(self.last_model[run_id])
        if time.monotonic() >= self.rest_until:  # else they stay pending, newer embeddings replace them
            for run_id in list(self.pending_maps):
                snap = self.pending_maps.pop(run_id)
                self.last_model[run_id] = snap
                self._map(snap)
        # Probes are cheap next to a map (a fraction of a second) and come every few updates only.
        for key in sorted(self.pending_probes, key=lambda k: k[1] != "model"):
            self._metrics(self.pending_probes.pop(key))

    def _map(self, snap) -> None:
        from engine.project import LABELS, Projector
        from engine.snapshots import MapUpdate

        method, note = self.method, ""
        if method == "umap" and not self.umap_ready.is_set():
            method, note = "pca", "UMAP is still compiling (first use in this session); PCA meanwhile"
        projector = self.projectors.setdefault(snap.run_id, Projector())
        started = time.perf_counter()
        coords = projector.project(snap.probe, method)
        seconds = time.perf_counter() - started
        self.rest_until = time.monotonic() + 2 * seconds
        self.send(MapUpdate(snap.run_id, snap.step, method, coords, seconds,
                            note or f"{LABELS[method]} of {len(coords):,} held-out images in {seconds:.2f} s"))

    def _metrics(self, snap) -> None:
        from engine.evaluate import probe_scores
        from engine.snapshots import MetricsUpdate

        cache_key = self.datasets.get(snap.run_id, "")
        if snap.kind == "pixels" and cache_key in self.pixel_cache:
            fields = self.pixel_cache[cache_key]
        else:
            scores, clusters, collapse = probe_scores(snap.train, snap.train_labels, snap.probe, snap.probe_labels,
                                                      with_clusters=True, head=snap.head)
            fields = dict(scores=scores.as_dict(), singular_values=collapse.singular_values, clusters=clusters,
                          warning=collapse.warning if snap.kind == "model" else "")
            if snap.kind == "pixels" and cache_key:
                self.pixel_cache[cache_key] = fields
        self.send(MetricsUpdate(snap.run_id, snap.step, snap.kind, **fields))

    def warm_up(self) -> None:
        from engine.project import warm_up_umap
        from engine.snapshots import AnalysisStatus

        started = time.perf_counter()
        try:
            warm_up_umap()
        except Exception as e:  # UMAP unusable (a broken numba install): say so, keep PCA and t-SNE
            self.send(AnalysisStatus(0, False, f"UMAP is not available: {type(e).__name__}: {e}"))
            return
        self.umap_ready.set()
        self.send(AnalysisStatus(0, True, f"UMAP ready (compiled in {time.perf_counter() - started:.1f} s)"))
        self.remap.update(run for run in self.last_model if self.method == "umap")


def serve(conn: Any, nice: int = 0, warm_up_delay: float = 4.0) -> None:
    """Run the analysis until shut down or until the other end of the pipe closes.

    UMAP is compiled on a thread ``warm_up_delay`` seconds after start (the app's own start-up, torch
    imports and first images, has the CPU first). ``nice`` > 0 lowers this process's priority.
    """
    from engine.data.downloads import cache_dir

    # numba caches compiled code beside umap-learn's sources; where those are read-only, it would
    # compile again in every session. A cache folder of our own keeps it.
    os.environ.setdefault("NUMBA_CACHE_DIR", str(cache_dir() / "numba"))
    if nice > 0:
        try:
            os.nice(nice)
        except (AttributeError, OSError):
            pass  # not on this platform: normal priority
    lock = threading.Lock()

    def send(snapshot) -> None:
        with lock:
            try:
                conn.send(("snapshot", snapshot))
            except (BrokenPipeError, EOFError, OSError):
                pass

    analyst = Analyst(send)

    def warm_up_later() -> None:
        time.sleep(warm_up_delay)
        analyst.warm_up()

    threading.Thread(target=warm_up_later, name="umap-warm-up", daemon=True).start()
    running = True
    while running:
        try:
            if not conn.poll(0.25):
                analyst.work()  # e.g. a map that waited for UMAP or for its duty cycle
                continue
            # Drain everything queued, so stale embeddings are skipped rather than worked through.
            while running and conn.poll():
                running = analyst.take(conn.recv())
        except (EOFError, OSError):
            break
        if running:
            analyst.work()

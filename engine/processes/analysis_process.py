"""The heavy analysis (probes, k-means, t-SNE, UMAP) in a process of its own, on a duty cycle.

It blocks neither the GUI thread nor the training loop: a thread of its own reads the pipe at once into
a coalescing inbox (engine/processes/mailbox.py), so the GUI's writer never waits on a long t-SNE and
embeddings that arrive meanwhile replace older ones of their run; the main thread works on the newest
only, and answers with MapUpdate and MetricsUpdate snapshots through a sender thread. Routine maps keep
to a duty cycle (see Analyst.work), so on a busy 2-core machine the analysis takes a bounded share of
the CPU; a map the user asks for is drawn at once. Its thread pools and priority come from
engine/processes/thread_budget.py: one BLAS/numba thread on small machines, and nice 5, so training
comes first (nice 10 and more starved the maps the user asked for: 12 s for a UMAP map).

UMAP's first map in a fresh process spends most of its time compiling numba code (about 10 s here),
so the process compiles it on a thread as soon as it starts; until then a request for UMAP gets PCA
with a note. The raw-pixel baseline of a data set is computed once and cached.

Messages (engine.processes.protocol, plain dicts): in, "embeddings" (an EmbeddingUpdate or ProbeSet),
"map_method", "map_settings" (refused with an AnalysisProblem when out of range; either may name one run,
whose map then keeps its own: engine.processes.analysis_jobs), "fresh_map", "forget", "layout" and
"shutdown"; out, "snapshot" (MapUpdate, MetricsUpdate, AnalysisStatus or AnalysisProblem).

Faults: a job never ends the process. Embeddings with non-finite values (a diverging run) are skipped
and a job that raises (PCA's LinAlgError, a t-SNE or UMAP error, a probe) is caught; either is answered
with one AnalysisProblem per run and job (again only after that job has worked once more), and the
process goes on serving. The process ends with the app (engine.processes.lifeline).

Memory: the state kept is bounded: per run, its newest embeddings, its projector's last layouts and
its collapse watch; at most MAX_RUNS runs (the oldest is dropped even if no "forget" came), one
pixel baseline per data set. No torch in this process: it needs none, and importing it cost 480 MB.

Restart: a fresh process knows nothing, so after the old one died (kill -9, a crash in native code)
the GUI resends what engine.processes.analysis_replay.AnalysisReplay recorded, in order: "map_method" (the
current map kind) and "map_settings", then for each live run its own map choices, its ProbeSet, a
"layout" of the last map the GUI got (the next one warm-starts from it and keeps its orientation, instead of a cold t-SNE that
lands elsewhere), and its newest embeddings (the map is redrawn at once, unanswered probes scored).
That is a few megabytes and one map's time.
"""

from __future__ import annotations

import os
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from engine.analysis.map_settings import MapSettings
from engine.processes import analysis_jobs, protocol
from engine.processes.mailbox import Mailbox, message_key, snapshot_sender
from engine.words import Words

MAX_RUNS = 3  # runs whose state is kept: the current one, a pending one, one being discarded
JOB_NAMES = {"map": Words("The map"), "probes": Words("The probes")}


def non_finite(arrays) -> str:
    """"" when every array (None: absent) is finite, else how many values are not, in words."""
    bad = sum(int(a.size - np.count_nonzero(np.isfinite(a))) for a in arrays
              if a is not None and a.dtype.kind in "fc")
    return Words("{n:,} non-finite values (NaN or infinity)", n=bad) if bad else ""


def numba_cache_dir() -> str:
    """Where numba keeps UMAP's compiled code: the app's cache folder (engine.data.downloads.cache_dir,
    rebuilt here because importing engine.data imports torch, 480 MB this process does not need)."""
    if os.environ.get("ENCODER_LAB_CACHE"):
        base = Path(os.environ["ENCODER_LAB_CACHE"])
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "encoder-lab"
    return str(base / "numba")


class Analyst:
    """The state of the analysis: the newest work per run, each run's projector, cached baselines."""

    def __init__(self, send):
        from engine.analysis.project import Projector

        self.send = send
        self.method = "pca"
        self.map_settings = MapSettings()  # t-SNE and UMAP maps are made with these, but for run_settings'
        self.run_methods: dict[int, str] = {}  # run id -> its own projection (engine.processes.analysis_jobs)
        self.run_settings: dict[int, MapSettings] = {}  # run id -> its own map settings
        self.umap_ready = threading.Event()
        self.projectors: dict[int, Projector] = {}
        self.datasets: dict[int, str] = {}
        self.last_model: dict[int, Any] = {}  # run id -> newest "model" EmbeddingUpdate
        self.pixel_cache: dict[str, Any] = {}  # dataset -> MetricsUpdate fields of the pixel baseline
        self.collapse_watches: dict[int, Any] = {}  # run id -> CollapseWatch: the run's best gauges so far
        # Newest work only: a map for the newest model embeddings of a run, probes for the newest ones
        # that carry a training set. Kept apart, so embeddings for the map alone never drop probes
        # still waiting to be scored.
        self.pending_maps: dict[int, Any] = {}  # run id -> newest "model" EmbeddingUpdate to map
        self.pending_probes: dict[tuple[int, str], Any] = {}  # (run id, kind) -> newest one to score
        self.remap: set[int] = set()  # runs whose map must be redrawn (the method changed)
        self.rest_until = 0.0  # monotonic time before which routine maps wait (the duty cycle)
        self.reported: set[tuple] = set()  # (run id, job, kind) whose problem was sent and still holds

    def run_stores(self) -> tuple[dict, ...]:
        """Every dict keyed by run id: what "forget" must empty."""
        return (self.projectors, self.datasets, self.last_model, self.collapse_watches, self.pending_maps,
                self.run_methods, self.run_settings)

    def known_runs(self) -> set[int]:
        runs = {run for store in self.run_stores() for run in store}
        return runs | {run for run, _kind in self.pending_probes}

    def forget(self, run_id: int) -> None:
        """Drop everything kept for a run."""
        for store in self.run_stores():
            store.pop(run_id, None)
        self.pending_probes = {k: v for k, v in self.pending_probes.items() if k[0] != run_id}
        self.remap.discard(run_id)
        self.reported = {k for k in self.reported if k[0] != run_id}

    def admit(self, run_id: int) -> None:
        """Make room for a run: keep at most MAX_RUNS, dropping the oldest (run ids only grow).

        The GUI forgets every run it discards, but a missed "forget" (a lost message, a replay after a
        restart) must not keep a run's embeddings for the rest of the session.
        """
        runs = self.known_runs()
        if run_id in runs:
            return
        for old in sorted(runs)[:max(0, len(runs) + 1 - MAX_RUNS)]:
            self.forget(old)

    def take(self, received: dict) -> bool:
        """Queue one message (a ProtocolError for one that is not of this channel); False on shutdown."""
        from engine.training.snapshots import ProbeSet

        kind = protocol.check(received, "analysis_in")["kind"]
        if kind == "shutdown":
            return False
        if kind == "embeddings":
            snap = received["snapshot"]
            self.admit(snap.run_id)
            if isinstance(snap, ProbeSet):
                self.datasets[snap.run_id] = snap.dataset
            else:
                if snap.kind == "model":
                    self.pending_maps[snap.run_id] = snap
                if snap.train is not None:  # embeddings for the map only carry no training set
                    self.pending_probes[(snap.run_id, snap.kind)] = snap
        elif kind == "map_method":
            analysis_jobs.take_map_method(self, received)
        elif kind == "map_settings":
            analysis_jobs.take_map_settings(self, received)
        elif kind == "fresh_map":
            analysis_jobs.fresh_map(self, received["run_id"])
        elif kind == "forget":
            self.forget(received["run_id"])
        elif kind == "layout":  # after a restart: the map the user sees, to warm-start the next one from
            self.admit(received["run_id"])
            self.projector(received["run_id"]).remember(received["method"], received["coords"])
        return True

    def projector(self, run_id: int):
        from engine.analysis.project import Projector

        if run_id not in self.projectors:
            self.projectors[run_id] = Projector(settings=analysis_jobs.settings_of(self, run_id))
        return self.projectors[run_id]

    def report(self, snap, job: str, message: str) -> None:
        """Tell the GUI that a job of a run was skipped or failed, once until it works again."""
        from engine.training.snapshots import AnalysisProblem

        if (snap.run_id, job, snap.kind) not in self.reported:
            self.reported.add((snap.run_id, job, snap.kind))
            self.send(AnalysisProblem(snap.run_id, snap.step, job, message))

    def guarded(self, job: str, snap, arrays: tuple, do) -> None:
        """Run one job on finite data, turning its failure into a message instead of an exit."""
        bad = non_finite(arrays)
        if bad:
            self.report(snap, job, Words("{job} skipped at step {step}: the embeddings hold {bad} (the run is "
                                         "diverging?)", job=JOB_NAMES[job], step=snap.step, bad=bad))
            return
        try:
            do(snap)
        except Exception as e:  # noqa: BLE001 -- any failure of one job must leave the process serving
            self.report(snap, job, Words("{job} failed at step {step}: {error}: {e}", job=JOB_NAMES[job],
                                         step=snap.step, error=type(e).__name__, e=str(e)))
            return
        self.reported.discard((snap.run_id, job, snap.kind))

    def work(self) -> None:
        """Do what is queued, maps first (the user is looking at them), then the probes.

        A duty cycle keeps the analysis from taking the training's CPU: after a projection that took
        t seconds, the next routine one waits 2t (a t-SNE refresh of 2 s waits 4 s). A projection the
        user asked for (another method) does not wait.
        """
        for run_id in list(self.remap):
            self.remap.discard(run_id)
            if run_id in self.last_model:
                self._guarded_map(self.last_model[run_id])
        if time.monotonic() >= self.rest_until:  # else they stay pending, newer embeddings replace them
            for run_id in list(self.pending_maps):
                snap = self.pending_maps.pop(run_id)
                self.last_model[run_id] = snap
                self._guarded_map(snap)
        # Probes are cheap next to a map (a fraction of a second) and come every few updates only.
        for key in sorted(self.pending_probes, key=lambda k: k[1] != "model"):
            snap = self.pending_probes.pop(key)
            self.guarded("probes", snap, (snap.train, snap.probe, snap.head),
                         partial(analysis_jobs.score_probes, self))

    def _guarded_map(self, snap) -> None:
        self.guarded("map", snap, (snap.probe,), partial(analysis_jobs.draw_map, self))

    def warm_up(self) -> None:
        analysis_jobs.warm_up(self)


_CLOSED = {"kind": "closed"}  # what the reader hands on when the pipe closes (never a protocol message)


def read_into(conn: Any, inbox: Mailbox) -> None:
    """The reader thread: everything from the pipe into the inbox, at once, whatever the main thread does.

    So the GUI's writer never waits on a long job, and embeddings that arrive during one replace each
    other in the inbox (only the newest of a run matter) instead of piling up in the pipe.
    """
    failures = 0
    while failures < 3:  # a pipe that fails every read is as good as closed
        try:
            inbox.put(conn.recv())
            failures = 0
        except (EOFError, OSError):
            break
        except Exception as e:  # noqa: BLE001 -- a message that does not unpickle: skip it, keep reading
            failures += 1
            inbox.put({"kind": "unreadable", "error": f"{type(e).__name__}: {e}"})
    inbox.put(_CLOSED)


def serve(conn: Any, warm_up_delay: float = 4.0) -> None:
    """Run the analysis until shut down or until the other end of the pipe closes.

    UMAP is compiled on a thread ``warm_up_delay`` seconds after start (the app's own start-up, torch
    imports and first images, has the CPU first); it gives up waiting when the process is told to stop.
    """
    from engine.processes.lifeline import watch_parent
    from engine.processes.thread_budget import apply_to_analysis, in_child_process

    watch_parent()  # end with the app, even in the middle of a long t-SNE
    # Not when a test serves on a thread of its own process: pytest keeps its own faulthandler output.
    if in_child_process():
        from engine.crash_log import enable as enable_crash_log

        enable_crash_log("analysis")  # a native crash's stack goes to <cache>/crash/ (engine/crash_log.py)
        apply_to_analysis()  # its share of the cores, at a lower priority than training
    # numba caches compiled code beside umap-learn's sources; where those are read-only, it would
    # compile again in every session. A cache folder of our own keeps it.
    os.environ.setdefault("NUMBA_CACHE_DIR", numba_cache_dir())
    sender = snapshot_sender(conn, "analysis-out")

    def send(snapshot) -> None:
        sender.send(protocol.message("snapshot", snapshot=snapshot))

    analyst = Analyst(send)
    stopping = threading.Event()

    def warm_up_later() -> None:
        if not stopping.wait(warm_up_delay):
            analyst.warm_up()

    threading.Thread(target=warm_up_later, name="umap-warm-up", daemon=True).start()
    inbox = Mailbox(message_key)
    threading.Thread(target=read_into, args=(conn, inbox), name="analysis-in", daemon=True).start()
    try:
        running = True
        while running:
            try:
                received = inbox.get(timeout=0.25)
            except TimeoutError:
                _survive(analyst.work, send)  # e.g. a map that waited for UMAP or for its duty cycle
                continue
            # Take everything queued, so stale embeddings are skipped rather than worked through.
            while running and received is not None:
                running = received is not _CLOSED and _survive(lambda: _take(analyst, received), send, default=True)
                received = inbox.get_nowait() if running else None
            if running:
                _survive(analyst.work, send)
    finally:
        stopping.set()
        sender.close(timeout=1.0)


def _take(analyst: Analyst, received: Any) -> bool:
    if isinstance(received, dict) and received.get("kind") == "unreadable":
        raise protocol.ProtocolError(f"a message could not be read: {received['error']}")
    return analyst.take(received)


def _survive(do, send, default=None):
    """Call ``do``; an error that escaped the jobs' own guard (a malformed message) is reported, not fatal."""
    from engine.training.snapshots import AnalysisProblem

    try:
        return do()
    except Exception as e:  # noqa: BLE001
        send(AnalysisProblem(0, 0, "analysis", Words("The analysis skipped a message: {error}: {e}",
                                                     error=type(e).__name__, e=str(e))))
        return default

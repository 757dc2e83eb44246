"""Runs the engine in a worker process (engine/processes/engine_process.py) and re-emits its snapshots as a Qt signal.

The worker is spawned when the session is made, so it imports torch on the other core while the
window opens. A thread of this process reads the pipe and hands each snapshot to a pacer, which emits
``snapshot`` on the GUI thread a few per turn of the event loop (gui/snapshot_pacer.py).

The GUI thread never waits on a child. It does not even write to their pipes: each pipe has one
sender thread fed by a mailbox that never blocks (engine/processes/mailbox.py), so a child that is
busy, starved or stopped (SIGSTOP) holds up only its own sender, which holds nothing anyone else needs.
Embeddings going to the analysis process are coalesced there (only the newest of a run matter); verbs
always arrive. Shutdown has a deadline: children still running after it are ended.

A new run starts as *pending* while the current one goes on: only when the new run has really started
(its ``RunStarted`` arrived: data loaded, checkpoint accepted, device found) is it promoted and the old
one stopped. So a data set that fails to download or a checkpoint that fails to load costs the user a
dialog and nothing else. Late snapshots of stopped runs are dropped by run id.

A comparison adds run B (``compare_id``): a second run of the same engine process, started with
``start_b`` beside the current run A. Promoting a new run A stops every other run but B (a Reset of A
keeps the comparison); ``close_b`` stops B and returns to one run.
"""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from gui.snapshot_pacer import SnapshotPacer

from engine.processes import protocol
from engine.processes.mailbox import PipeSender, snapshot_sender
from gui.child_processes import receive, start_analysis, start_worker  # noqa: F401 (start_worker: gui/app.py)
from gui.remote_control import RemoteControl


def _tr(text: str) -> str:
    """The session's messages to the user in the user's language (gui/translations/, context "Session")."""
    return QCoreApplication.translate("Session", text)


_run_ids = itertools.count(1)
MAX_RESTARTS, RESTART_WINDOW_S = 3, 60.0  # analysis restarts allowed within the window


class Session(QObject):
    snapshot = Signal(object)  # every snapshot of every live run, delivered on the GUI thread
    worker_died = Signal(str)  # the engine process ended without being asked to
    analysis_restarted = Signal(str)  # the analysis process died and a new one took over

    def __init__(self, parent: QObject | None = None, worker: tuple[Any, Any] | None = None,
                 analysis: bool = True):
        super().__init__(parent)
        self.controls: dict[int, RemoteControl] = {}
        self.current_id: int | None = None
        self.pending_id: int | None = None
        self.compare_id: int | None = None  # run B of a comparison, beside the current run
        self.compare_config: Any = None  # what B was started with (Reset starts B again from it)
        # The (method, data set) of the run A that B is compared with: a new A of another one closes B.
        self.compare_base: tuple[str, str] | None = None
        self.compare_label = ""  # how B differs from A ("stop gradient off")
        self._closing = False
        # Reader threads hand snapshots to the pacer; it delivers them on the GUI thread a few per turn
        # of the event loop (gui/snapshot_pacer.py says why).
        self._pacer = SnapshotPacer(self)
        self._pacer.delivered.connect(self.snapshot)
        self._process = None
        self._conn = None
        self._sender: PipeSender | None = None  # the one writer of the engine's pipe
        self._reader: threading.Thread | None = None
        self._analysis = None  # (process, connection) of the analysis process, when there is one
        self._analysis_sender: PipeSender | None = None  # the one writer of the analysis process's pipe
        # Guards which analysis process is current and the replay record; held for microseconds, never
        # across a send (the senders' threads do those).
        self._analysis_lock = threading.Lock()
        from engine.processes.analysis_replay import AnalysisReplay

        # What a restarted analysis process needs to carry on where the dead one stopped (the map kind,
        # each live run's probe set, last layout and newest embeddings): recorded as messages pass.
        self._replay = AnalysisReplay()
        self.analysis_restarts = 0
        self._restart_times: list[float] = []
        self._start_worker(worker)
        if analysis:
            self._start_analysis()

    # -- the worker process -----------------------------------------------------------------------
    def _start_worker(self, worker: tuple[Any, Any] | None = None) -> None:
        self._process, self._conn = worker or start_worker()
        self._sender = snapshot_sender(self._conn, "engine-sender")
        self._reader = threading.Thread(target=self._read, args=(self._conn, self._process, self._sender), name="engine-reader",
                                        daemon=True)
        self._reader.start()

    def _read(self, conn, process, sender: PipeSender) -> None:
        while True:
            try:
                received = receive(conn, "engine_out")
            except (EOFError, OSError):
                break
            if received is not None and received["kind"] == "snapshot":
                from engine.training.snapshots import EmbeddingUpdate, ProbeSet

                snap = received["snapshot"]
                if isinstance(snap, (EmbeddingUpdate, ProbeSet)):
                    # Straight on to the analysis process, from this thread: the GUI thread never
                    # pickles a few megabytes of embeddings.
                    self.send_analysis(protocol.message("embeddings", snapshot=snap))
                self._deliver(snap)
        sender.close()  # its process is gone: nothing it holds can be delivered
        if not self._closing and conn is self._conn:
            process.join(timeout=2)
            self._emit(self.worker_died, _tr("The training engine stopped unexpectedly (exit code {0}).").format(
                process.exitcode))

    def _deliver(self, snap) -> None:
        if not self._pacer.put(snap):  # False: the window (and the pacer) is gone
            self._closing = True

    def _emit(self, signal, value) -> None:
        """Emit from a reader thread; after the window (and this object) is gone there is no one to tell."""
        try:
            signal.emit(value)
        except RuntimeError:  # "Signal source has been deleted"
            self._closing = True

    # -- the analysis process ---------------------------------------------------------------------
    def _start_analysis(self) -> None:
        self._install_analysis(start_analysis())

    def _install_analysis(self, analysis: tuple[Any, Any], replay: list[dict] = ()) -> None:
        """Make ``analysis`` (process, connection) the current analysis process, with its sender and reader."""
        sender = snapshot_sender(analysis[1], "analysis-sender")
        for message in replay:
            sender.send(message)  # if it died again at once, its reader says so
        self._analysis, self._analysis_sender = analysis, sender
        threading.Thread(target=self._read_analysis, args=(*analysis, sender), name="analysis-reader",
                         daemon=True).start()

    def _read_analysis(self, process, conn, sender: PipeSender) -> None:
        while True:
            try:
                received = receive(conn, "analysis_out")
            except (EOFError, OSError):
                break
            if received is not None:
                self._replay.seen(received["snapshot"])
                self._deliver(received["snapshot"])
        sender.close()  # its process is gone: nothing it holds can be delivered
        if self._closing:
            return
        process.join(timeout=2)
        with self._analysis_lock:
            if self._closing or self._analysis is None or self._analysis[1] is not conn:
                return
            now = time.monotonic()
            self._restart_times = [t for t in self._restart_times if now - t < RESTART_WINDOW_S] + [now]
            give_up = len(self._restart_times) > MAX_RESTARTS
            self._analysis_sender = None  # until the new one is up: messages only go to the replay record
            if give_up:  # replaying what crashed it would crash the next one too: stop here and say so
                self._analysis = None
        if give_up:
            message = _tr("The analysis process (maps and probes) stopped {0} times within a minute and was "
                          "left off; training goes on. Save, then restart the app for maps.").format(MAX_RESTARTS + 1)
        else:
            fresh = start_analysis()  # outside the lock: spawning takes a moment the GUI thread must not wait
            with self._analysis_lock:
                if self._closing:
                    fresh[0].kill()
                    return
                self.analysis_restarts += 1
                self._install_analysis(fresh, self._replay.messages())
            message = _tr("The analysis process (maps and probes) stopped (exit code {0}) and was started "
                          "again; the map and the probes carry on from the newest embeddings.").format(
                              process.exitcode)
        self._emit(self.analysis_restarted, message)

    def send_analysis(self, message: dict) -> None:
        """Send a message of engine.processes.protocol to the analysis process; never waits on it."""
        with self._analysis_lock:
            self._replay.record(message)  # also when the send fails: a restarted process gets it
            if self._analysis_sender is not None:
                self._analysis_sender.send(message)  # a dead process: its reader starts a new one

    def set_map_method(self, method: str, run_id: int | None = None) -> None:
        """Which projection the analysis draws from now on ("pca", "tsne" or "umap"): run_id's maps, or all."""
        self.send_analysis(protocol.message("map_method", method=method, run_id=run_id))

    def set_map_settings(self, perplexity: float, n_neighbors: int, min_dist: float, run_id: int | None = None) -> None:
        """t-SNE's perplexity, UMAP's n_neighbors and min_dist (refused if out of range): run_id's maps, or all."""
        self.send_analysis(protocol.message("map_settings", perplexity=perplexity, n_neighbors=n_neighbors,
                                            min_dist=min_dist, run_id=run_id))

    def analysis_pid(self) -> int | None:
        return self._analysis[0].pid if self._analysis is not None else None

    def send(self, message: dict) -> None:
        """Send a message of engine.processes.protocol to the engine process; never waits on it (a dead
        engine: the reader thread reports it)."""
        self._sender.send(message)

    def ensure_worker(self) -> None:
        """Start a new worker if the last one died."""
        if self._process is None or not self._process.is_alive():
            for run_id in list(self.controls):
                self.discard(run_id)
            self.current_id = self.pending_id = self.compare_id = None
            self._start_worker()

    # -- runs -------------------------------------------------------------------------------------
    @property
    def control(self) -> RemoteControl | None:
        """The current run's control, or None."""
        return self.controls.get(self.current_id) if self.current_id is not None else None

    @property
    def control_b(self) -> RemoteControl | None:
        """Run B's control, or None when there is no comparison."""
        return self.controls.get(self.compare_id) if self.compare_id is not None else None

    def _start(self, config: Any, paused: bool) -> int:
        self.ensure_worker()
        run_id = next(_run_ids)
        self.controls[run_id] = RemoteControl(self.send, run_id, paused)
        self.send(protocol.message("start", run_id=run_id, config=config, paused=paused))
        return run_id

    def start(self, config: Any, paused: bool = True) -> int:
        """Start a run as pending (paused unless told otherwise); returns its id."""
        if self.pending_id is not None:
            self.discard(self.pending_id)
        self.pending_id = self._start(config, paused)
        return self.pending_id

    def start_b(self, config: Any, label: str, paused: bool = True, base: tuple[str, str] | None = None) -> int:
        """Start run B of a comparison (a B already there is stopped first); returns its id. Its
        RunStarted (or RunEnded, when it cannot start) arrives like any run's. ``base``: the (method, data
        set) of the A it is compared with, when that is not B's own (a lesson's GAN against a VAE)."""
        self.close_b()
        self.compare_config, self.compare_label = config, label
        self.compare_base = base or (config.method, config.dataset)
        self.compare_id = self._start(config, paused)
        return self.compare_id

    def close_b(self) -> None:
        """Stop run B: one run again."""
        if self.compare_id is not None:
            self.discard(self.compare_id)

    def promote(self, run_id: int) -> None:
        """Make a started pending run the current one, and stop every other run but run B."""
        for other in [i for i in self.controls if i not in (run_id, self.compare_id)]:
            self.discard(other)
        self.current_id, self.pending_id = run_id, None

    def discard(self, run_id: int) -> None:
        control = self.controls.pop(run_id, None)
        if control is not None:
            control.stop()
            self.send_analysis(protocol.message("forget", run_id=run_id))
        if self.current_id == run_id:
            self.current_id = None
        if self.pending_id == run_id:
            self.pending_id = None
        if self.compare_id == run_id:
            self.compare_id = None

    def alive(self) -> bool:
        """Whether any process of the session (or the engine's pipe reader) is still up."""
        return (bool(self._process and self._process.is_alive()) or bool(self._reader and self._reader.is_alive())
                or bool(self._analysis and self._analysis[0].is_alive()))

    def shutdown(self, timeout: float = 1.0) -> bool:
        """Stop every run and both processes (only at exit); True when it all ended.

        Quick by design, and never longer than about ``timeout`` + 0.5 s: anything worth keeping was saved
        before this (the window offers that), so a run still inside a long step, an analysis deep in a
        t-SNE or a child that is stopped or starved is ended rather than keeping a lecturer's Quit waiting.
        The "shutdown" verbs go through the senders; a child that cannot read them is killed (SIGKILL:
        a stopped process would hold SIGTERM until it runs again).
        """
        self._closing = True
        for run_id in list(self.controls):
            self.discard(run_id)
        self.send(protocol.message("shutdown"))
        self.send_analysis(protocol.message("shutdown"))
        processes = [p for p in (self._process, self._analysis and self._analysis[0]) if p is not None]
        deadline = time.monotonic() + timeout
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
        for process in processes:
            if process.is_alive():
                process.terminate()
        grace = time.monotonic() + 0.3
        for process in processes:
            process.join(max(0.0, grace - time.monotonic()))
        for process in processes:
            if process.is_alive():
                process.kill()
                process.join(0.2)
        for sender in (self._sender, self._analysis_sender):
            if sender is not None:
                sender.close(0.0)  # its pipe broke with the child: it ends by itself
        if self._reader is not None:
            self._reader.join(0.2)
        return not self.alive()

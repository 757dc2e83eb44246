"""The window never waits on a child (issue 19, section 1): with the engine and the analysis process
stopped (SIGSTOP: what a busy or starved child looks like to a pipe), the GUI thread keeps ticking
through Play, Reset, a method switch, a map-kind change, and the window closes within its deadline.
Before: the GUI thread blocked in ``conn.send`` (or on a lock a thread blocked there held), 5.6 s late,
and closing took 5.8 s (221 s under load)."""

from __future__ import annotations

import os
import signal
import threading
import time

import numpy as np
import pytest

from engine.processes import protocol
from engine.training.snapshots import EmbeddingUpdate
from tests.gui_helpers import settle, wait_until


class Ticker:
    """A 10 ms timer on the GUI thread; ``worst`` is its largest gap in seconds."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.last, self.worst = time.perf_counter(), 0.0
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self):
        now = time.perf_counter()
        self.worst, self.last = max(self.worst, now - self.last), now


def _embeddings(run_id, step, n=40_000, train=True):
    x = np.full((n, 32), float(step), np.float32)  # 5 MB: a pipe's buffer holds 64 kB
    labels = np.zeros(n, int)
    return EmbeddingUpdate(run_id, step, "model", x if train else None, labels if train else None, x, labels)


@pytest.mark.analysis
def test_stopped_children_never_freeze_the_window_and_it_closes_within_its_deadline(window):
    session = window.session
    wait_until(lambda: session.analysis_pid() is not None, what="the analysis process")
    window.toggle_play()
    wait_until(lambda: window.step >= 5, timeout=120, what="training")
    pids = [session._process.pid, session.analysis_pid()]
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        ticker = Ticker()
        # What the engine-reader thread does with every embeddings update: to a child that does not read.
        feeder_done = threading.Event()

        def feed():
            for step in range(30):
                session.send_analysis(protocol.message("embeddings", snapshot=_embeddings(session.current_id, step)))
            feeder_done.set()

        threading.Thread(target=feed, daemon=True).start()
        started = time.perf_counter()
        window.toggle_play()  # Space
        settle(0.2)
        window.reset()  # R
        settle(0.2)
        window.panel.method.setCurrentIndex(window.panel.method.findData("simclr"))  # a method switch
        settle(0.2)
        session.set_map_method("tsne")  # a map-kind change
        settle(0.5)
        assert feeder_done.wait(5), "send_analysis waited on a stopped child"
        assert time.perf_counter() - started < 5.0
        assert ticker.worst < 1.0, f"the GUI thread was {ticker.worst:.1f} s late"
        # What waits for the stopped analysis process is bounded: the verbs and one embeddings update.
        assert session._analysis_sender.pending() < 15
        window.ask_before_discard = False
        closing = time.perf_counter()
        window.close()
        assert session.shutdown()  # already done by close: the children were ended
        assert time.perf_counter() - closing < 3.0, "closing waited on the stopped children"
        assert not session.alive()
    finally:
        for pid in pids:
            try:
                os.kill(pid, signal.SIGCONT)
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_a_slow_analysis_job_never_blocks_its_writer_and_only_the_newest_embeddings_are_mapped(monkeypatch):
    """The analysis process reads its pipe on a thread of its own: while a map takes seconds, 150 MB of
    embeddings are written without waiting, and the next map is made from the newest of them."""
    import multiprocessing

    import engine.processes.lifeline
    from engine.processes import analysis_jobs
    from engine.processes.analysis_process import serve
    from engine.training.snapshots import MapUpdate

    monkeypatch.setattr(engine.processes.lifeline, "watch_parent", lambda *a, **k: None)
    real_draw = analysis_jobs.draw_map
    drawn: list[int] = []

    def slow_draw(analyst, snap):
        drawn.append(snap.step)
        if len(drawn) == 1:
            time.sleep(3.0)  # a long t-SNE
        real_draw(analyst, snap)

    monkeypatch.setattr(analysis_jobs, "draw_map", slow_draw)
    gui, child = multiprocessing.get_context("spawn").Pipe()
    thread = threading.Thread(target=serve, args=(child,), kwargs={"warm_up_delay": 3600}, daemon=True)
    thread.start()
    try:
        small = _embeddings(1, 0, n=60)
        gui.send(protocol.message("embeddings", snapshot=small))
        wait_until(lambda: drawn == [0], what="the first (slow) map to start")
        started = time.perf_counter()
        for step in range(1, 31):  # for the map only: probes on 40,000 points would take the test's time
            gui.send(protocol.message("embeddings", snapshot=_embeddings(1, step, train=False)))
        assert time.perf_counter() - started < 2.5, "the writer waited on a busy analysis process"
        maps = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not maps or maps[-1] != 30):
            if gui.poll(0.5):
                snap = gui.recv()["snapshot"]
                if isinstance(snap, MapUpdate):
                    maps.append(snap.step)
        assert maps[-1:] == [30]
        assert len(drawn) <= 3, f"stale embeddings were worked through: {drawn}"
    finally:
        gui.send(protocol.message("shutdown"))
        thread.join(10)
        gui.close()  # the serve loop's pipe reader ends at EOF (conftest's no_threads_left_behind)

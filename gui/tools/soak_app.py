"""The app side of the soak (``python -X faulthandler -m gui.tools.soak_app …``, started by gui/tools/soak.py).

It opens the real window offscreen with the analysis process live and acts on it every few seconds
(gui/tools/soak_actions.py) for the time it is given, then plays a lesson to its step budget and times it,
then closes the window and times that. It runs in a process of its own so that the bench outlives a crash
of the app and reads what faulthandler wrote on its stderr.

It reports on stdout, one line per record, ``SOAK {json}``: "start", then a "minute" every sample
period (the GUI thread's lateness p99 and worst over that minute, the resident memory of the window's,
the engine's and the analysis process, the step, the actions done), "lesson", and "end".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
import traceback

import numpy as np

STALL_MS = 250.0  # a GUI-thread stall a class would notice
TICK_MS = 10  # the lateness timer's period


def emit(kind: str, **fields) -> None:
    print("SOAK " + json.dumps({"kind": kind, **fields}), flush=True)


def rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def child_pids(session) -> dict[str, int | None]:
    """The engine's and the analysis process's pids, as far as the session says them."""
    process = getattr(session, "_process", None)
    analysis = session.analysis_pid() if hasattr(session, "analysis_pid") else None
    return {"engine": getattr(process, "pid", None), "analysis": analysis}


def process_alive(pid: int | None) -> bool:
    """Running (not a zombie waiting to be reaped)."""
    if pid is None:
        return False
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


class Watch:
    """Lateness of a 10 ms timer on the GUI thread, per sample period, and the exceptions it raised."""

    def __init__(self, trace_path: str | None = None):
        from PySide6.QtCore import QElapsedTimer, QTimer

        from gui.tools.stall_trace import StallTrace

        self.trace = StallTrace(trace_path, STALL_MS / 1000) if trace_path else None
        self.lateness: list[float] = []
        self.stalls: list[tuple[float, str]] = []  # (ms late, the action before it)
        self.action = "start"
        self.errors: list[str] = []
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(TICK_MS)
        self._hook = sys.excepthook
        sys.excepthook = self._on_error

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        late = max(0.0, (now - self.last) / 1e6 - TICK_MS)
        self.lateness.append(late)
        if late > STALL_MS:
            self.stalls.append((late, self.action))
        self.last = now
        if self.trace is not None:
            self.trace.arm()

    def _on_error(self, kind, value, tb) -> None:
        self.errors.append("".join(traceback.format_exception(kind, value, tb))[-1500:])
        emit("error", action=self.action, text=self.errors[-1])

    def take_lateness(self) -> np.ndarray:
        out, self.lateness = np.array(self.lateness or [0.0]), []
        return out

    def close(self) -> None:
        self.timer.stop()
        sys.excepthook = self._hook
        if self.trace is not None:
            self.trace.close()


class Sampler:
    """Every ``period`` seconds (a timer on the GUI thread, so it also fires inside a long pump): one
    "minute" record."""

    def __init__(self, window, watch: Watch, period: float, t0: float):
        from PySide6.QtCore import QTimer

        self.window, self.watch, self.t0 = window, watch, t0
        self.actions = 0
        self.phase = "start"  # the window opening and the 20 quick cycles; then "actions", then "lesson"
        self.last = time.monotonic()
        self.timer = QTimer()
        self.timer.timeout.connect(self.sample)
        self.timer.start(int(period * 1000))

    def sample(self) -> None:
        self.last = time.monotonic()
        late = self.watch.take_lateness()
        pids = child_pids(self.window.session)
        emit("minute", t=round(time.monotonic() - self.t0, 1), phase=self.phase, actions=self.actions,
             p99_ms=round(float(np.percentile(late, 99)), 1), worst_ms=round(float(late.max()), 1),
             ticks=int(late.size), step=self.window.step, action=self.watch.action,
             rss={"gui": rss_mb(os.getpid()), "engine": rss_mb(pids["engine"]), "analysis": rss_mb(pids["analysis"])})

    def stop(self) -> None:
        self.timer.stop()


def timed_lesson(window, name: str, timeout: float) -> dict:
    """Open the lesson, play, and wait until both runs reach its budget (the lesson player pauses them
    there): its wall time as a class sees it, start-up of its runs included."""
    from gui.tools.screenshot import pump_until
    from gui.window.lesson_player import lesson_player, open_lesson

    start = time.monotonic()
    if not open_lesson(window, name):
        return {"name": name, "opened": False}
    player = lesson_player(window)
    if not window.running:
        window.toggle_play()
    held = True
    try:
        pump_until(lambda: player.budget_reached, timeout, f"the lesson {name}")
    except TimeoutError:
        held = False
    return {"name": name, "opened": True, "budget": player.lesson.steps if player.lesson else None,
            "runs": len(player.lesson.runs) if player.lesson else None, "finished": held,
            "seconds": round(time.monotonic() - start, 1), "step_a": window.step,
            "step_b": getattr(window, "step_b", None)}


def run(args) -> int:
    from engine.training.config import RunConfig
    from gui.tools import soak_actions
    from gui.tools.screenshot import open_window, pump_for, pump_until
    from gui.window.main_window import MainWindow

    t0 = time.monotonic()
    window = open_window(RunConfig(method="autoencoder", dataset="mnist5k", cadence=MainWindow.cadence()))
    watch = Watch(args.trace_stalls)
    sampler = Sampler(window, watch, args.sample_every, t0)
    pids = child_pids(window.session)
    emit("start", t=round(time.monotonic() - t0, 1), pid=os.getpid(), **pids,
         rss={"gui": rss_mb(os.getpid()), "engine": rss_mb(pids["engine"]), "analysis": rss_mb(pids["analysis"])})
    rng = random.Random(args.seed)
    workdir = tempfile.mkdtemp(prefix="encoder-lab-soak-")
    if args.actions == "random":
        watch.action = "20 quick cycles"
        soak_actions.quick_cycles(window)
        try:
            pump_until(lambda: window.session.pending_id is None and window.run_info is not None, 120, "settling")
        except TimeoutError:
            emit("note", text="the run had not settled 120 s after the quick cycles")
    else:  # the crash: play, then each method of the sequence in turn
        window.toggle_play()
    deadline = time.monotonic() + args.seconds  # the soak's minutes are minutes of actions, after start-up
    sampler.phase = "actions"
    emit("actions", t=round(time.monotonic() - t0, 1))
    i = 0
    while time.monotonic() < deadline:
        if args.actions == "random":
            watch.action = soak_actions.one_action(window, rng, workdir)
        else:
            name = soak_actions.CRASH_SEQUENCE[i % len(soak_actions.CRASH_SEQUENCE)]
            watch.action = soak_actions.switch_method(window, name)
            if not window.running:
                window.toggle_play()
        i += 1
        sampler.actions += 1
        emit("action", t=round(time.monotonic() - t0, 1), what=watch.action)
        pump_for(max(0.05, min(args.every, deadline - time.monotonic())))
    if args.lesson:
        sampler.phase = "lesson"
        watch.action = f"lesson {args.lesson} (timed)"
        emit("lesson", **timed_lesson(window, args.lesson, args.lesson_timeout))
    if time.monotonic() - sampler.last > 10:  # the last stretch too, unless a sample has just been taken
        sampler.sample()
    sampler.stop()
    watch.close()
    pids = child_pids(window.session)
    from PySide6.QtWidgets import QApplication

    collector = getattr(QApplication.instance(), "gui_thread_collector", None)  # gui/gui_thread_gc.py
    emit("summary", actions=sampler.actions, errors=len(watch.errors), stalls=len(watch.stalls),
         gc_longest_ms=[round(ms, 1) for ms in collector.longest_ms] if collector is not None else None,
         worst_stalls=[[round(ms), what] for ms, what in sorted(watch.stalls, key=lambda x: -x[0])[:8]],
         engine_alive=process_alive(pids["engine"]), analysis_alive=process_alive(pids["analysis"]))
    if watch.trace is not None:
        from gui.tools.stall_trace import summarise

        emit("stall_trace", where=summarise(args.trace_stalls, threading.main_thread().ident))
    window.ask_before_discard = False
    start = time.monotonic()
    window.close()
    quit_s = time.monotonic() - start
    left = [name for name, pid in pids.items() if process_alive(pid)]
    while left and time.monotonic() - start < quit_s + 10:  # how long a child outlives the window, if it does
        time.sleep(0.05)
        left = [name for name, pid in pids.items() if process_alive(pid)]
    emit("end", quit_s=round(quit_s, 2), children_left=[name for name, pid in pids.items() if process_alive(pid)],
         children_ended_s=None if left else round(time.monotonic() - start, 2))
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="soak_app")
    p.add_argument("--seconds", type=float, required=True, help="seconds of actions")
    p.add_argument("--every", type=float, default=4.0)
    p.add_argument("--sample-every", type=float, default=60.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--actions", choices=["random", "switches"], default="random")
    p.add_argument("--lesson", default="", help="a lesson to time at the end ('' for none)")
    p.add_argument("--lesson-timeout", type=float, default=600.0)
    p.add_argument("--trace-stalls", default=None)
    return p.parse_args(argv)


if __name__ == "__main__":  # spawned children re-import this module: only the first process runs the soak
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gui.app import end_without_teardown

    end_without_teardown(run(parse()))  # as the app ends

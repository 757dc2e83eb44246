"""``python main.py bench soak``: the real app, offscreen, used the way a lecture uses it, for minutes.

It opens the window with the analysis process (maps and probes) live and, every few seconds, does what a
class does: switches method, data set and map kind, plays, pauses, steps, resets, saves and reopens a
checkpoint. First it makes twenty quick play / switch / play / reset cycles (the fault run that once
left twenty runs alive). Throughout, it samples the resident memory of the GUI, engine and analysis
processes, the GUI thread's lateness (a 10 ms timer), and every exception raised on the GUI thread.

What must hold: the app is still running at the end, the GUI thread never stalls for seconds, no
exception escaped, and memory levels off (the last third of the run grows by little).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import threading
import time
import traceback

import numpy as np

from engine.analysis.project import METHODS as PROJECTIONS

METHODS = ["autoencoder", "vae", "simclr", "mae", "vqvae", "byol", "simsiam", "barlow_twins", "vicreg", "moco",
           "rotation", "denoising_autoencoder"]
DATASETS = ["mnist5k", "digits", "sprites"]
MAP_KINDS = list(PROJECTIONS)  # every projection the map offers
STALL_MS = 250.0  # a GUI-thread stall a class would notice


def rss_mb(pid: int | None) -> float:
    if pid is None:
        return float("nan")
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


class Watch:
    """Lateness of a 10 ms timer on the GUI thread, and the exceptions the GUI thread raised."""

    def __init__(self, trace_path: str | None = None):
        from PySide6.QtCore import QElapsedTimer, QTimer

        from gui.tools.stall_trace import StallTrace

        self.trace = StallTrace(trace_path, STALL_MS / 1000) if trace_path else None

        self.lateness: list[float] = []
        self.stalls: list[tuple[float, float, str]] = []  # (monotonic time, ms late, the action before it)
        self.action = "start"
        self.errors: list[str] = []
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)
        self._hook = sys.excepthook
        sys.excepthook = self._on_error

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        late = max(0.0, (now - self.last) / 1e6 - 10.0)
        self.lateness.append(late)
        if late > STALL_MS:
            self.stalls.append((time.monotonic(), late, self.action))
        self.last = now
        if self.trace is not None:
            self.trace.arm()

    def _on_error(self, kind, value, tb) -> None:
        self.errors.append("".join(traceback.format_exception(kind, value, tb))[-600:])

    def take_lateness(self) -> np.ndarray:
        out, self.lateness = np.array(self.lateness or [0.0]), []
        return out

    def close(self) -> None:
        self.timer.stop()
        sys.excepthook = self._hook
        if self.trace is not None:
            self.trace.close()


def _pick(window, combo, data) -> None:
    i = combo.findData(data)
    if i >= 0 and combo.currentIndex() != i:
        combo.setCurrentIndex(i)


def quick_cycles(window, n: int = 20) -> None:
    """Play / switch method / play / reset, as fast as a restless hand."""
    from gui.tools.screenshot import pump_for

    for i in range(n):
        window.toggle_play()
        _pick(window, window.panel.method, METHODS[i % len(METHODS)])
        window.toggle_play()
        window.reset()
        pump_for(0.05)


def one_action(window, rng: random.Random, workdir: str) -> str:
    """One thing a class does; returns its name for the log."""
    action = rng.choice(["method", "method", "dataset", "map", "play", "play", "step", "reset", "save_open"])
    if action == "method":
        choice = rng.choice(METHODS)
        _pick(window, window.panel.method, choice)
        action = f"method {choice}"
    elif action == "dataset":
        choice = rng.choice(DATASETS)
        _pick(window, window.panel.dataset, choice)
        action = f"dataset {choice}"
    elif action == "map":
        kind = rng.choice(MAP_KINDS)
        _pick(window, window.map_view.method, kind)  # as the user does: the map view's own box
        action = f"map {kind}"
    elif action == "play":
        window.toggle_play()
    elif action == "step":
        window.single_step()
    elif action == "reset":
        window.reset()
    elif action == "save_open" and window.session.control is not None and window.step > 0:
        path = os.path.join(workdir, f"soak-{rng.randrange(3)}.safetensors")
        window.save_to(path)
        from gui.tools.screenshot import pump_until

        try:
            pump_until(lambda: path in window.save_results, 30, "the save")
        except TimeoutError:
            return "save (no answer in 30 s)"
        if window.save_results.get(path) == "saved":
            window.open_checkpoint(path)
    return action


def main(args) -> int:
    from engine.training.config import RunConfig
    from gui.window.main_window import MainWindow
    from gui.tools.screenshot import open_window, pump_for, pump_until

    window = open_window(RunConfig(method="autoencoder", dataset="mnist5k", cadence=MainWindow.cadence()))
    watch = Watch(getattr(args, "trace_stalls", None))
    rng = random.Random(args.seed)
    workdir = tempfile.mkdtemp()
    print(f"Encoder Lab soak: {args.minutes:g} minutes, an action every {args.every:g} s, {os.cpu_count()} cores",
          flush=True)
    quick_cycles(window)
    pump_until(lambda: window.session.pending_id is None and window.run_info is not None, 120, "settling")
    late = watch.take_lateness()
    print(f"  20 quick cycles: settled; GUI lateness p99 {np.percentile(late, 99):.0f} ms, max {late.max():.0f} ms",
          flush=True)
    samples = []  # (minute, gui, engine, analysis MB, p99 ms, max ms, step)
    t0 = time.monotonic()
    next_sample = t0
    actions = 0
    while time.monotonic() - t0 < args.minutes * 60:
        watch.action = one_action(window, rng, workdir)
        actions += 1
        pump_for(args.every)
        if time.monotonic() >= next_sample:
            late = watch.take_lateness()
            analysis_pid = window.session.analysis_pid()
            row = ((time.monotonic() - t0) / 60, rss_mb(os.getpid()), rss_mb(window.session._process.pid),
                   rss_mb(analysis_pid), float(np.percentile(late, 99)), float(late.max()), window.step)
            samples.append(row)
            print("  {:5.1f} min  RSS gui {:6.0f} MB  engine {:6.0f} MB  analysis {:6.0f} MB  "
                  "GUI p99 {:5.0f} ms max {:5.0f} ms  step {}".format(*row), flush=True)
            next_sample += args.sample_every
    alive = window.session._process.is_alive() and window.session.analysis_pid() is not None
    watch.close()
    window.close()
    arr = np.array([s[:6] for s in samples])
    third = max(1, len(arr) // 3)
    print(f"  actions: {actions}; exceptions on the GUI thread: {len(watch.errors)}; engine and analysis alive: {alive}")
    for name, col in (("gui", 1), ("engine", 2), ("analysis", 3)):
        first, last = arr[:third, col], arr[-third:, col]
        print(f"  RSS {name:8s}: start {arr[0, col]:.0f} MB, max {np.nanmax(arr[:, col]):.0f} MB, "
              f"end {arr[-1, col]:.0f} MB; last third {np.nanmin(last):.0f}-{np.nanmax(last):.0f} MB "
              f"(first third {np.nanmin(first):.0f}-{np.nanmax(first):.0f} MB)")
    print(f"  GUI lateness: p99 of samples up to {arr[:, 4].max():.0f} ms, worst single tick {arr[:, 5].max():.0f} ms")
    print(f"  stalls over {STALL_MS:.0f} ms: {len(watch.stalls)}; the worst, with the action before them: "
          + ", ".join(f"{ms:.0f} ms after {what}" for _t, ms, what in sorted(watch.stalls, key=lambda x: -x[1])[:6]))
    if watch.trace is not None:
        from gui.tools.stall_trace import summarise

        print(f"  where the GUI thread was in the stalls ({args.trace_stalls}):")
        for n, where in summarise(args.trace_stalls, threading.main_thread().ident):
            print(f"    {n:4d}  {where}")
    for e in watch.errors[:5]:
        print("  exception:", e.replace("\n", "\n    "))
    return 0 if alive and not watch.errors else 1

"""``python main.py bench gui``: the app's own figures on this machine.

- time to window: from starting a fresh `python main.py` process to its window being shown;
- time to the first reconstruction: from that start to the first reconstruction drawn (step 0), and to
  the first one after training steps, with Play pressed as soon as the run is up;
- training images/s headless (the bare train() generator, on the engine process's thread budget) and
  with the GUI live, same run settings, measured in alternating rounds because this machine's speed drifts by 20% from minute to minute;
- the GUI thread's stall while training: a 10 ms timer measures its own lateness (p50, p99, max).

It runs offscreen, so it measures the work of drawing, not a compositor.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from gui.startup_probe import PROBE_ENV


def startup_times(repeats: int = 3) -> dict[str, float]:
    """Median seconds from process start to the window, the first and the first trained reconstruction."""
    results = []
    env = {**os.environ, PROBE_ENV: "1", "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "ENCODER_LAB_SETTINGS": os.path.join(tempfile.mkdtemp(), "settings.ini")}
    main = str(Path(__file__).resolve().parents[2] / "main.py")
    for _ in range(repeats):
        t0 = time.time()
        out = subprocess.run([sys.executable, main], env=env, capture_output=True, text=True, timeout=300)
        line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
        if not line:
            raise RuntimeError(f"the probed app printed no timings:\n{out.stderr[-2000:]}")
        marks = json.loads(line[-1])
        results.append({k: v - t0 for k, v in marks.items()})
    return {k: float(np.median([r[k] for r in results])) for k in results[0]}


def headless_rate(config, seconds: float) -> float:
    """Images/s of the bare train() generator, after a short warm-up, on as many torch threads as the
    app's engine process gets (engine/processes/thread_budget.py): the ratio to the GUI-live rate is then
    what the window costs training, not a difference of thread counts."""
    import torch

    from engine.processes.thread_budget import budget

    before = torch.get_num_threads()
    torch.set_num_threads(budget().engine)
    try:
        return _headless_rate(config, seconds)
    finally:
        torch.set_num_threads(before)


def _headless_rate(config, seconds: float) -> float:
    from engine.training.control import RunControl
    from engine.training.snapshots import LossUpdate
    from engine.training.trainer import train

    control = RunControl()
    t_start = count_start = None
    images = 0
    batch = None
    for snap in train(config, control):
        if isinstance(snap, LossUpdate):
            if t_start is None:
                if snap.step >= 20:  # warm-up done
                    t_start, count_start = time.perf_counter(), snap.step
                continue
            images = snap.step - count_start
            if time.perf_counter() - t_start >= seconds:
                control.stop()
        if hasattr(snap, "run_params") and batch is None:
            batch = snap.run_params["batch_size"]
    return images * batch / (time.perf_counter() - t_start)


def gui_rate_and_stall(window, seconds: float) -> tuple[float, np.ndarray]:
    """Images/s with the whole window live and drawing, and the GUI timer's lateness samples (ms)."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from gui.tools.screenshot import pump_for, pump_until

    if not window.running:
        window.toggle_play()
    start = window.step
    pump_until(lambda: window.step >= start + 20, 120, "warm-up")
    lateness: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        lateness.append((now - last[0]) / 1e6 - 10.0)
        last[0] = now

    timer = QTimer()
    timer.setTimerType(timer.timerType().PreciseTimer)
    timer.timeout.connect(tick)
    step0, t0 = window.step, time.perf_counter()
    timer.start(10)
    pump_for(seconds)
    timer.stop()
    rate = (window.step - step0) * window.run_info.run_params["batch_size"] / (time.perf_counter() - t0)
    window.toggle_play()
    pump_until(lambda: not window.running, 30, "pause")
    return rate, np.maximum(np.array(lateness[1:]), 0.0)


def loss_view_redraw_ms(points: int = 100_000, terms: int = 3) -> float:
    """Median time to redraw the loss view holding ``points`` steps of ``terms`` curves, painted."""
    from gui.views.loss_view import LossView

    view = LossView()
    view.resize(700, 400)
    view.show()
    rng = np.random.default_rng(0)
    steps = np.arange(1, points + 1)
    view.add(steps, {f"term{i}": np.abs(rng.normal(1, 0.1, points)) / np.sqrt(steps) for i in range(terms)})
    times = []
    for _ in range(10):
        view._dirty = True
        t = time.perf_counter()
        view._redraw()
        view.plot.grab()  # paint it, as the screen would
        times.append(time.perf_counter() - t)
    view.close()
    return float(np.median(times) * 1e3)


def lecture_times(config, repeats: int = 3) -> dict[str, float]:
    """Median seconds of what a lecturer waits for: a method switch until the new run's first images,
    Pause until the engine has stopped stepping, and Quit until both processes have ended."""
    from engine.training.snapshots import ImagesUpdate, StateChanged
    from gui.tools.screenshot import open_window, pump_until

    times: dict[str, list[float]] = {"switch": [], "pause": [], "quit": []}
    for i in range(repeats):
        window = open_window(config)
        seen: list = []
        window.session.snapshot.connect(seen.append)
        window.toggle_play()
        pump_until(lambda: window.step >= 20, 120, "training")
        seen.clear()
        t0 = time.perf_counter()
        window.toggle_play()
        pump_until(lambda: any(isinstance(s, StateChanged) and not s.running for s in seen), 60, "the pause")
        times["pause"].append(time.perf_counter() - t0)
        window.toggle_play()
        target = "vae" if config.method != "vae" else "autoencoder"
        old_run = window.session.current_id
        t0 = time.perf_counter()
        window.panel.method.setCurrentIndex(window.panel.method.findData(target))
        pump_until(lambda: window.session.current_id != old_run and any(
            isinstance(s, ImagesUpdate) and s.run_id == window.session.current_id for s in seen), 120, "the new run")
        times["switch"].append(time.perf_counter() - t0)
        pump_until(lambda: window.step >= 5, 120, "the new run training")
        t0 = time.perf_counter()
        window.ask_before_discard = False
        window.close()
        times["quit"].append(time.perf_counter() - t0)
    return {k: float(np.median(v)) for k, v in times.items()}


def interleaved_rates(config, seconds: float, rounds: int) -> tuple[list[float], list[float], np.ndarray]:
    """Headless and GUI-live throughput measured in alternation, so a drifting CPU clock hits both."""
    from gui.tools.screenshot import open_window

    window = open_window(config)
    headless, live, lateness = [], [], []
    for _ in range(rounds):
        headless.append(headless_rate(config, seconds))
        rate, late = gui_rate_and_stall(window, seconds)
        live.append(rate)
        lateness.append(late)
    window.ask_before_discard = False
    window.close()
    return headless, live, np.concatenate(lateness)


def main(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from engine.training.config import RunConfig

    from gui.app import create_app

    create_app([])

    from gui.window.main_window import MainWindow

    config = RunConfig(method=args.method, dataset=args.dataset, cadence=MainWindow.cadence())
    print(f"Encoder Lab GUI benchmark: {args.method} on {args.dataset}, {os.cpu_count()} CPU cores", flush=True)
    times = startup_times(args.repeats)
    print(f"  time to window                  : {times['window']:.2f} s (median of {args.repeats} launches)")
    print(f"  time to first reconstruction    : {times['first_reconstruction']:.2f} s (step 0, untrained)")
    print(f"  time to first trained recon.    : {times['trained_reconstruction']:.2f} s (Play pressed at once)")
    print(f"  loss view, 100,000 steps x 3    : {loss_view_redraw_ms():.1f} ms a redraw (smoothing and painting)")
    lecture = lecture_times(config, args.repeats)
    print(f"  switch method, to new images    : {lecture['switch']:.2f} s (training, median of {args.repeats})")
    print(f"  Pause, to the engine stopped    : {lecture['pause'] * 1e3:.0f} ms (the button changes at once)")
    print(f"  Quit, to both processes ended   : {lecture['quit']:.2f} s", flush=True)
    headless, live, late = interleaved_rates(config, args.seconds, args.rounds)
    ratios = [g / h for g, h in zip(live, headless)]
    print(f"  training, headless              : {np.median(headless):,.0f} images/s "
          f"(median of {args.rounds} rounds: {', '.join(f'{h:,.0f}' for h in headless)})")
    print(f"  training, GUI live              : {np.median(live):,.0f} images/s "
          f"(rounds: {', '.join(f'{g:,.0f}' for g in live)})")
    print(f"  GUI live / headless             : {np.median(ratios):.0%} median "
          f"(rounds: {', '.join(f'{r:.0%}' for r in ratios)})", flush=True)
    p50, p99 = np.percentile(late, [50, 99])
    print(f"  GUI thread stall (10 ms timer)  : p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {late.max():.1f} ms "
          f"over {len(late)} ticks")
    return 0

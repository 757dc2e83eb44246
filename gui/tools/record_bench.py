"""``python main.py bench record``: how much recording costs training (issue 13 §6: at most 10%).

The real window, offscreen at 1280x720, trains one run; rounds without recording and rounds recording
the whole window (MP4, then GIF, at the frame rate asked for) alternate, so a CPU clock that drifts
hits all alike. Each round's speed is the engine's images per second while the window draws live.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

MODES = ("off", "mp4", "gif")


def add_parser(bsub) -> None:
    br = bsub.add_parser("record", help="training speed while View > Record writes an MP4 or GIF, beside none")
    br.add_argument("--method", default="autoencoder")
    br.add_argument("--dataset", default="mnist5k")
    br.add_argument("--seconds", type=float, default=15.0, help="seconds of training per round")
    br.add_argument("--rounds", type=int, default=3, help="rounds of each mode, alternating")
    br.add_argument("--fps", type=float, default=10.0)
    br.add_argument("--size", default="1280x720")


def round_rate(window, seconds: float, mode: str, folder: Path, fps: float) -> tuple[float, int]:
    """Images/s over ``seconds`` of training, recording in ``mode``; and the frames written."""
    from gui.recording.record_actions import start_recording, stop_recording
    from gui.tools.screenshot import pump_for

    recorder = None
    if mode != "off":
        recorder = start_recording(window, str(folder / f"round-{time.monotonic_ns()}.{mode}"), fps)
        if recorder is None:
            raise RuntimeError(window.last_error[1])
    pump_for(1.0)  # the recorder's first frames and ffmpeg's start are not what is measured
    step0, t0 = window.step, time.perf_counter()
    pump_for(seconds)
    rate = (window.step - step0) * window.run_info.run_params["batch_size"] / (time.perf_counter() - t0)
    if recorder is not None:
        stop_recording(window, wait=True)
    return rate, recorder.frames if recorder is not None else 0


def main(args) -> int:
    from engine.training.config import RunConfig
    from gui.tools.screenshot import open_window, pump_until
    from gui.window.main_window import MainWindow

    width, height = (int(v) for v in args.size.lower().split("x"))
    config = RunConfig(method=args.method, dataset=args.dataset, cadence=MainWindow.cadence())
    window = open_window(config, size=(width, height))
    window.toggle_play()
    start = window.step
    pump_until(lambda: window.step >= start + 50, 300, "warm-up")
    rates: dict[str, list[float]] = {m: [] for m in MODES}
    frames: dict[str, list[int]] = {m: [] for m in MODES}
    with tempfile.TemporaryDirectory(prefix="bench-record-") as tmp:
        for r in range(args.rounds):
            for mode in MODES:
                rate, n = round_rate(window, args.seconds, mode, Path(tmp), args.fps)
                rates[mode].append(rate)
                frames[mode].append(n)
                print(f"round {r + 1} {mode:>4}: {rate:7.0f} images/s" + (f", {n} frames" if n else ""), flush=True)
    window.toggle_play()
    window.ask_before_discard = False
    window.close()
    base = statistics.median(rates["off"])
    print(f"\n{args.method} on {args.dataset}, window {width}x{height}, {args.fps:g} fps, "
          f"{args.rounds} x {args.seconds:g} s rounds (medians)")
    print(f"{'recording':<10} {'images/s':>9} {'of off':>7} {'frames/round':>13}")
    for mode in MODES:
        rate = statistics.median(rates[mode])
        shown = "" if mode == "off" else f"{statistics.median(frames[mode]):13.0f}"
        print(f"{mode:<10} {rate:9.0f} {rate / base:7.0%} {shown}")
    worst = min(statistics.median(rates[m]) for m in MODES[1:]) / base
    print(f"slowest recording: {1 - worst:.0%} slower than none (target: at most 10%)")
    return 0 if worst >= 0.9 else 1

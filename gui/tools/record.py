"""``python main.py record --lesson NAME --out run.mp4``: a lesson's clip made headless, before class.

The real window runs offscreen at the size asked for (1280x720 by default), plays the lesson (its runs,
its views, its captions as the steps reach them), optionally in presentation mode, and records the
window or one view, the caption in a band below the picture, until both runs stand at the lesson's step
budget (or ``--steps``: the runs pause there themselves) and its verdict is on screen: the check
measured as `lesson run` measures it (gui/window/lesson_verdict.py). A lesson whose runs have maps of
their own (tsne_perplexity) has them drawn afresh at the budget (gui/window/run_maps.py), and the clip
goes on until they arrive too (at most MAPS_WAIT seconds, with a warning if they do not), then HOLD
seconds. Without a lesson, ``--method`` records a free run of that method for ``--steps`` steps.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from gui.tools.screenshot import open_window, pump_for, pump_until

MAPS_WAIT = 60.0  # seconds the clip waits for the maps drawn afresh at the end (a t-SNE of 1,000 points: a few)
HOLD = 2.0  # seconds the clip stays on them once they came: the points glide there, then the viewer reads it
MIN_SIZE, MAX_SIZE = (320, 240), (7680, 4320)  # --size: the smallest window that shows a view, and 8K
VERDICT_WAIT = 600.0  # seconds the measuring may take after the budget (a t-SNE per run on a busy laptop)


def add_parser(sub) -> None:
    rec = sub.add_parser("record", help="play a lesson offscreen and record it to an MP4 or GIF (captions burned in)")
    what = rec.add_mutually_exclusive_group(required=True)
    what.add_argument("--lesson", help="a lesson's name (see 'lesson list') or a .toml file")
    what.add_argument("--method", help="record a free run of this method instead (see 'list')")
    rec.add_argument("--dataset", default="mnist5k", help="with --method: the data set (default mnist5k)")
    rec.add_argument("--out", required=True, help="the clip: .mp4 or .gif")
    rec.add_argument("--fps", type=float, default=10.0, help="frames per second (default 10)")
    rec.add_argument("--steps", type=int, help="train to this step (default: the lesson's budget, else 300)")
    rec.add_argument("--view", help="record one view (images, loss, latent, map, metrics, method, "
                                    "augmentations) instead of the whole window")
    rec.add_argument("--size", default="1280x720", help="window size WxH (default 1280x720)")
    rec.add_argument("--presentation", action="store_true", help="in presentation mode (large type, caption bar)")
    rec.add_argument("--language", choices=("en", "zh_CN"), help="the interface's and captions' language")
    rec.add_argument("--lessons", action="append", metavar="DIR", help="also the lessons in DIR")


def window_size(text: str) -> tuple[int, int]:
    """``--size WIDTHxHEIGHT`` within MIN_SIZE .. MAX_SIZE; a ValueError says what is wrong. An
    offscreen window of 100000x100000 segfaulted Qt (a 40 GB frame), and 0x0 records nothing."""
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"--size {text!r}: give it as WIDTHxHEIGHT, e.g. 1280x720") from None
    (low_w, low_h), (high_w, high_h) = MIN_SIZE, MAX_SIZE
    if not (low_w <= width <= high_w and low_h <= height <= high_h):
        raise ValueError(f"--size {text}: the window can be from {low_w}x{low_h} to {high_w}x{high_h} pixels")
    return width, height


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def main(args: Any) -> int:
    from engine.errors import EncoderLabError
    from engine.lessons.loader import find_lesson
    from engine.lessons.schema import VIEWS
    from gui.recording.writers import RecordingError, writer_for

    try:
        width, height = window_size(args.size)
    except ValueError as e:
        return _fail(str(e))
    if args.view and args.view not in VIEWS:
        return _fail(f"--view {args.view!r}: valid views are {', '.join(VIEWS)}")
    try:
        writer_for(args.out, args.fps).abort()  # refuse a bad file or rate before a window opens
        lesson = find_lesson(args.lesson, args.lessons) if args.lesson else None
    except (RecordingError, EncoderLabError) as e:
        return _fail(str(e))
    steps = args.steps or (lesson.steps if lesson else 300)
    try:
        window = _window(args, lesson, (width, height), steps)
        return _record(window, args, VIEWS[args.view] if args.view else "window", steps)
    except (RuntimeError, TimeoutError) as e:
        return _fail(str(e))


def _window(args, lesson, size, steps: int):
    from engine.training.config import RunConfig

    if args.language:  # the window's throwaway settings, with the language the app starts in
        import os
        import tempfile

        from gui.window.settings import app_settings

        os.environ["ENCODER_LAB_SETTINGS"] = os.path.join(tempfile.mkdtemp(), "settings.ini")
        app_settings().setValue("language", args.language)
    from gui.window.main_window import MainWindow

    config = None if lesson else RunConfig(method=args.method, dataset=args.dataset, cadence=MainWindow.cadence())
    window = open_window(config, size=size)
    if lesson is not None:
        from gui.window.lesson_player import lesson_player

        first = window.session.current_id
        lesson_player(window).open(lesson, budget=steps)  # its runs pause and are judged there
        pump_until(lambda: window.session.current_id != first and window.run_info is not None, 120,
                   "the lesson's runs to start")
    if args.presentation:
        window.presentation.enter()
        window.showNormal()  # offscreen there is no screen to fill: keep the size asked for
        window.resize(*size)
    return window


def _record(window, args, target: str, steps: int) -> int:
    from gui.recording.record_actions import start_recording, stop_recording

    recorder = start_recording(window, args.out, args.fps, target)
    if recorder is None:
        return _fail(getattr(window, "last_error", ("", "the recording did not start"))[1])
    started = time.monotonic()
    player = getattr(window, "lesson_player", None)
    lesson = player.lesson if player is not None else None
    if lesson is None and window.session.control is not None:
        window.session.control.pause_at_step(steps)  # a free run stops at exactly --steps too
    if not window.running:
        window.toggle_play()
    recording = lambda: recorder.state == "recording"  # noqa: E731
    if lesson is not None:  # the player pauses both runs at the budget and has the check measured there
        pump_until(lambda: player.budget_reached or not recording(), 3600, f"step {steps}")
        pump_until(lambda: player.verdict_shown or not recording(), VERDICT_WAIT, "the lesson's verdict")
    else:
        pump_until(lambda: window.step >= steps or not recording(), 3600, f"step {steps}")
    if window.running:
        window.toggle_play()
    missing = wait_for_fresh_maps(window, steps, recording)
    if missing:
        print(f"warning: {missing}", file=sys.stderr)
    if recording():
        pump_for(HOLD)  # the end (the verdict, the maps drawn afresh) stays on screen long enough to be read
    stop_recording(window, wait=True)
    verdict = player.judge.verdict if lesson is not None else None  # closing the window clears it
    window.ask_before_discard = False
    window.close()
    if recorder.state != "done":
        return _fail(recorder.error or "the recording did not finish")
    seconds = time.monotonic() - started
    print(f"{args.out}: {recorder.frames} frames at {args.fps:g} fps ({recorder.frames / args.fps:.1f} s of clip, "
          f"{seconds:.1f} s to make; {recorder.dropped} dropped), step {window.step}")
    if verdict is not None:
        print(f"verdict at step {steps}: {verdict.words}")
    return 0


def wait_for_fresh_maps(window, steps: int, recording=lambda: True, timeout: float = MAPS_WAIT) -> str:
    """Pump the event loop (the recorder goes on grabbing) until each run with a map of its own shows
    that map drawn afresh at the end (the caller then holds the picture HOLD seconds). Returns "" when they came (or none is due),
    else what is missing. The lesson player asks for them (ask_end_maps, from the runs' final embeddings:
    gui/window/lesson_player.py): by itself at the budget, or as _record asks it for a shorter clip."""
    from engine.training.snapshots import MapUpdate
    from gui.window.run_maps import run_maps

    maps = run_maps(window)
    due = {run_id: slot for slot, run_id in maps.own.items() if maps.has_own(slot)}
    player = getattr(window, "lesson_player", None)
    if not due or player is None or player.lesson is None:
        return ""
    arrived: set[int] = set()

    def on_snapshot(snap) -> None:
        # A map that comes before the player's request is a routine, warm-started one: not the end's.
        if player.end_maps_asked and isinstance(snap, MapUpdate) and snap.run_id in due:
            arrived.add(snap.run_id)

    window.session.snapshot.connect(on_snapshot)
    try:
        pump_until(lambda: arrived >= set(due) or not recording(), timeout, "the maps drawn afresh")
    except TimeoutError:
        slots = ", ".join(sorted(slot for run_id, slot in due.items() if run_id not in arrived))
        return (f"the map of run {slots}, drawn afresh at step {steps}, did not come within {timeout:g} s; "
                "the clip ends without it")
    finally:
        window.session.snapshot.disconnect(on_snapshot)
    return ""

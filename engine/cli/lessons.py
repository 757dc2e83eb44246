"""``python main.py lesson list`` and ``lesson run NAME [--json] [--steps-scale F]``.

``run`` trains the lesson's runs headless, prints the observable and whether the claim held; the exit
status is 0 only when it held, so a script (or ``bench lessons``) can tell.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

from engine.words import Words

EXIT_HELD, EXIT_NOT_HELD, EXIT_USAGE = 0, 1, 2


def steps_scale_problem(scale: float, lesson=None) -> str | None:
    """Why ``--steps-scale`` cannot be used (for ``lesson``, when given), or None. A scale that is not a
    finite positive number, or that puts a run past the step cap a lesson file may ask for, is refused
    here: inf overflowed and 1e12 started a run of a trillion steps."""
    from engine.lessons.loader import MAX_STEPS

    if not (math.isfinite(scale) and scale > 0):
        return Words("--steps-scale must be a finite number above 0, not {scale}", scale=scale)
    if lesson is not None and lesson.steps * scale > MAX_STEPS:
        return Words("--steps-scale {scale:g} would make {name} {steps:,.0f} steps per run, past the cap of "
                     "{cap:,} (its budget is {budget:,})", scale=scale, name=lesson.name, steps=lesson.steps * scale,
                     cap=MAX_STEPS, budget=lesson.steps)
    return None


def cmd_list(folders: list[str] | None = None) -> int:
    from engine.lessons.loader import lesson_files, load_lesson
    from engine.lessons.schema import LessonError

    try:
        files = lesson_files(folders)
    except LessonError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE
    status = 0
    for name, path in files.items():
        try:
            lesson = load_lesson(path)
        except LessonError as e:  # one bad user file does not hide the others
            print(f"{name:<28} cannot be used: {e}")
            status = EXIT_USAGE
            continue
        budget = f"{lesson.steps} steps x {len(lesson.runs)} run{'s' if len(lesson.runs) > 1 else ''}"
        if lesson.minutes is not None:
            budget += f", about {lesson.minutes:g} min"
        print(f"{name:<28} {lesson.title.en}  [{budget}]")
        print(f"{'':<28} {lesson.claim.en}")
    return status


def cmd_run(name: str, folders: list[str] | None = None, as_json: bool = False, steps_scale: float = 1.0) -> int:
    from engine.errors import EncoderLabError
    from engine.lessons.loader import find_lesson
    from engine.lessons.runner import run_lesson

    problem = steps_scale_problem(steps_scale)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        lesson = find_lesson(name, folders)
    except EncoderLabError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE
    problem = steps_scale_problem(steps_scale, lesson)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = run_lesson(lesson, steps_scale, log=lambda line: print(line, file=sys.stderr))
    except EncoderLabError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_NOT_HELD
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        print_result(result)
    return EXIT_HELD if result["held"] else EXIT_NOT_HELD


def print_result(result: dict[str, Any]) -> None:
    print(f"{result['title']}: {result['claim']} ({result['source']})")
    values = ", ".join(f"{who} {value:.4g}" for who, value in result["values"].items())
    print(f"{result['metric']}: {values}")
    verdict = "held" if result["held"] else "did NOT hold"
    unmeasured = [who for who, value in result["values"].items() if value != value]  # NaN
    if unmeasured:
        print(f"({', '.join(unmeasured)}: no {result['metric']} (a method without reconstructions?), so the "
              "check cannot hold)")
    print(f"check {result['compare']}: {result['left']:.4g} vs {result['right']:.4g}: {verdict} "
          f"({result['steps']} steps per run, {result['seconds']:.0f} s)")


def cmd_bench(folders: list[str] | None = None, steps_scale: float = 1.0) -> int:
    """``python main.py bench lessons``: every lesson at its budget, a table of observable, verdict and
    wall time (README's Performance table). Exit status 0 only when every lesson held."""
    import time

    from engine.errors import EncoderLabError
    from engine.lessons.loader import lesson_files, load_lesson
    from engine.lessons.runner import run_lesson

    problem = steps_scale_problem(steps_scale)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        files = lesson_files(folders)
    except EncoderLabError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE
    rows, status = [], EXIT_HELD
    for name, path in files.items():
        t0 = time.perf_counter()
        try:
            lesson = load_lesson(path)
            problem = steps_scale_problem(steps_scale, lesson)
            if problem:
                raise EncoderLabError(problem)
            result = run_lesson(lesson, steps_scale, log=lambda line: None)
        except EncoderLabError as e:
            rows.append((name, f"failed: {e}", "no", time.perf_counter() - t0))
            status = EXIT_NOT_HELD
            continue
        values = ", ".join(f"{who} {value:.4g}" for who, value in result["values"].items())
        rows.append((name, f"{result['metric']}: {values} ({result['compare']})", "yes" if result["held"] else "no",
                     time.perf_counter() - t0))
        if not result["held"]:
            status = EXIT_NOT_HELD
        print(f"  {name}: {rows[-1][2]} in {rows[-1][3]:.0f} s", file=sys.stderr, flush=True)
    print("| lesson | observable | held | wall time |")
    print("|---|---|---|---|")
    for name, observable, held, seconds in rows:
        print(f"| {name} | {observable} | {held} | {seconds:.0f} s |")
    return status

"""Lessons: one claim of the course each, as a data file (assets/lessons/*.toml).

schema.py   what a lesson is once validated (no torch)
compare.py  the check's comparison language ("B < 0.3 * A")
loader.py   reading and validating the files: every refusal names the file, the field, the choices
runner.py   training the lesson's runs headless through the one training loop, then the check
observables.py  the metrics the check compares, on the runs and on the baselines
verdict.py  the check measured on trained or saved runs (`lesson run` and the app alike), said in words
"""

from engine.lessons.schema import BASELINES, METRICS, VIEWS, Lesson, LessonError

__all__ = ["BASELINES", "METRICS", "VIEWS", "Lesson", "LessonError"]

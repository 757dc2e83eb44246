"""Read lesson files and refuse a bad one before anything trains.

Every check names the file, the field and the valid choices: a lecturer who mistypes a setting the
night before class should learn which one and what it could have been, not meet a traceback at step 0.
Lessons come from assets/lessons/ and from any folders the user adds (``--lessons DIR``); a user's lesson
with the name of a bundled one replaces it.

A lesson file is a stranger's data: whatever it holds, reading it ends in a Lesson or a LessonError, never
in another exception (engine/lessons/lesson_file.py reads its bytes: a small regular UTF-8 file).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from engine import params as hp
from engine.assets import asset_path
from engine.errors import EncoderLabError
from engine.lessons.compare import CompareError, parse
from engine.lessons.lesson_datasets import baseline_problem, dataset_problem
from engine.lessons.lesson_file import MAX_DEPTH, decoded, deeper_than, read_lesson_bytes, too_deep
from engine.lessons.schema import (BASELINES, METRICS, UNDEFINED, VIEWS, Caption, Check, Lesson, LessonError,
                                   MapSpec, RunSpec, Text)
from engine.words import Words, message_of

log = logging.getLogger(__name__)
BUNDLED = asset_path("lessons")
TOP_LEVEL = ("title", "claim", "source", "steps", "minutes", "views", "A", "B", "captions", "check")
RUN_FIELDS = ("label", "method", "dataset", "settings", "run", "dataset_options", "augment", "map")
MAX_STEPS = 100_000


def _listed(names) -> str:
    """The valid choices, as a message lists them."""
    return ", ".join(names) or Words("none")


def _brief(value: Any) -> str:
    """A value as a message quotes it: whole when short, else its start (a file may hold anything)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def lesson_files(folders: list[str | Path] | None = None) -> dict[str, Path]:
    """name -> file of every lesson, bundled first, then each user folder's (which win on a clash)."""
    found: dict[str, Path] = {}
    for folder in [BUNDLED, *(Path(f).expanduser() for f in folders or [])]:
        if folder != BUNDLED and not folder.is_dir():
            raise LessonError(folder, "--lessons", Words("no such folder: {folder}", folder=str(folder)))
        for path in sorted(folder.glob("*.toml")):
            found[path.stem] = path
    return found


def find_lesson(name: str, folders: list[str | Path] | None = None) -> Lesson:
    """The lesson called ``name`` (a file stem), or a path to a lesson file."""
    if name.endswith(".toml") and Path(name).exists():  # load_lesson refuses what is not a regular file
        return load_lesson(name)
    files = lesson_files(folders)
    if name not in files:
        raise LessonError(name, "name", Words("no lesson called {name}; valid: {valid}", name=repr(name),
                                              valid=_listed(files)))
    return load_lesson(files[name])


def load_lesson(path: str | Path) -> Lesson:
    """Parse and validate one lesson file; LessonError names what is wrong (and nothing else escapes)."""
    path = Path(path)
    text = decoded(path, read_lesson_bytes(path))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise LessonError(path, "file", Words("is not valid TOML: {e}", e=str(e))) from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise LessonError(path, "file", too_deep()) from None
    nested = deeper_than(data, MAX_DEPTH)
    if nested is not None:
        raise LessonError(path, nested, too_deep())
    try:
        return validate(data, path)
    except RecursionError:
        raise LessonError(path, "file", too_deep()) from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError) as e:
        # A value of a kind no check above foresaw: still one message naming the file, never a traceback
        # that hides the other lessons of a list (the cause is logged, to find the check that is missing).
        log.warning("lesson file %s: unforeseen %s", path, type(e).__name__, exc_info=True)
        raise LessonError(path, "file", Words("cannot be used: {error}: {e}", error=type(e).__name__,
                                              e=str(e))) from None


def validate(data: dict[str, Any], path: Path) -> Lesson:
    v = _Validator(path)
    v.known_keys(data, TOP_LEVEL, "the lesson")
    a = v.run(v.table(data, "A", required=True), "A", base=None)
    runs = (a,)
    if "B" in data:
        runs = (a, v.run(v.table(data, "B", required=True), "B", base=data["A"]))
    steps = v.integer(data, "steps", 1, MAX_STEPS)
    minutes = data.get("minutes")
    if minutes is not None and not (isinstance(minutes, (int, float)) and minutes > 0):
        v.fail("minutes", Words("must be a positive number of minutes, not {value}", value=_brief(minutes)))
    return Lesson(
        name=path.stem, path=str(path), title=v.text(data, "title"), claim=v.text(data, "claim"),
        source=v.string(data, "source"), runs=runs, steps=steps, views=v.views(data),
        captions=v.captions(data, steps), check=v.check(data, len(runs), a.dataset),
        minutes=None if minutes is None else float(minutes))


class _Validator:
    """The checks of one file; each failure raises a LessonError naming ``path``."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str, problem: str) -> None:
        """``problem``: a Words (or an error's message_of), so the window can show it translated."""
        raise LessonError(self.path, where, problem)

    def known_keys(self, table: dict, valid: tuple[str, ...], where: str) -> None:
        for key in table:
            if key not in valid:
                self.fail(f"{where}.{key}" if where != "the lesson" else key,
                          Words("unknown field; valid: {valid}", valid=_listed(valid)))

    def table(self, data: dict, key: str, required: bool = False) -> dict:
        value = data.get(key, {} if not required else None)
        if not isinstance(value, dict):
            self.fail(key, Words("missing") if value is None else
                      Words("must be a table, not {value}", value=_brief(value)))
        return value

    def string(self, data: dict, key: str, where: str | None = None) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(where or key, Words("missing") if value is None else
                      Words("must be a non-empty string, not {value}", value=_brief(value)))
        return value.strip()

    def integer(self, data: dict, key: str, low: int, high: int, where: str | None = None) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(where or key, Words("must be a whole number from {low} to {high}, not {value}", low=low,
                                          high=high, value=_brief(value)))
        return value

    def text(self, data: dict, key: str) -> Text:
        table = self.table(data, key, required=True)
        self.known_keys(table, ("en", "zh"), key)
        return Text(self.string(table, "en", f"{key}.en"), self.string(table, "zh", f"{key}.zh"))

    def run(self, table: dict, name: str, base: dict | None) -> RunSpec:
        """Run A, or run B: B's fields are A's with B's given ones laid over them (tables merged)."""
        self.known_keys(table, RUN_FIELDS, name)
        merged = dict(base or {})
        for key, value in table.items():
            both = isinstance(value, dict) and isinstance(merged.get(key), dict)
            merged[key] = {**merged[key], **value} if both else value
        method_cls = self.method(merged, name)
        dataset = self.dataset(merged, name)
        method_params = self.settings(self.table(merged, "settings"), method_cls.Params, f"{name}.settings")
        from engine.training.config import RunParams

        run_params = self.settings(self.table(merged, "run"), RunParams, f"{name}.run")
        options = self.dataset_options(self.table(merged, "dataset_options"), dataset, name)
        return RunSpec(label=self.string(merged, "label", f"{name}.label"), method=method_cls.name,
                       dataset=dataset, method_params=method_params, run_params=run_params,
                       dataset_options=dict(options), augment=self.augment(self.table(merged, "augment"), name),
                       map=self.map(merged, name))

    def method(self, merged: dict, name: str):
        from engine.methods import get_method, method_names

        method = self.string(merged, "method", f"{name}.method")
        try:
            return get_method(method)
        except EncoderLabError:
            self.fail(f"{name}.method", Words("unknown method {method}; valid: {valid}", method=repr(method),
                                              valid=_listed(method_names())))

    def dataset(self, merged: dict, name: str) -> str:
        dataset = self.string(merged, "dataset", f"{name}.dataset")
        problem = dataset_problem(dataset)  # a path is looked for now, not when the run starts
        if problem is not None:
            self.fail(f"{name}.dataset", problem)
        return dataset

    def dataset_options(self, table: dict, dataset: str, name: str) -> dict[str, Any]:
        """Only options the data set takes (their values are the loader's to judge when the run starts)."""
        from engine.data import dataset_option_names

        valid = dataset_option_names(dataset)
        for key in table:
            if key not in valid:
                self.fail(f"{name}.dataset_options.{key}", Words("not an option of {dataset}; valid: {valid}",
                                                                 dataset=dataset, valid=_listed(valid)))
        return table

    def settings(self, table: dict, params_cls: type, where: str) -> dict[str, Any]:
        """Each setting checked against the method's Params (or RunParams): name, type and range."""
        valid = [s.name for s in hp.specs(params_cls)]
        out = {}
        for key, value in table.items():
            if key not in valid:
                self.fail(f"{where}.{key}", Words("unknown setting; valid: {valid}", valid=_listed(valid)))
            try:
                out[key] = hp.coerce(hp.spec(params_cls, key), value)
            except EncoderLabError as e:
                self.fail(f"{where}.{key}", message_of(e))
        return out

    def augment(self, table: dict, name: str) -> dict[str, tuple[bool, float, float]]:
        """Operations as {on, strength, p} tables, each checked against the augmentation's ranges;
        the ones not given keep the data set's default recipe (applied when the run starts)."""
        from engine.data.augment import op_specs

        specs = {s.name: s for s in op_specs()}
        out = {}
        for op, value in table.items():
            where = f"{name}.augment.{op}"
            if op not in specs:
                self.fail(where, Words("unknown augmentation; valid: {valid}", valid=_listed(specs)))
            if not isinstance(value, dict):
                self.fail(where, Words("must be a table like {{ on = true, strength = 0.3, p = 1.0 }}"))
            self.known_keys(value, ("on", "strength", "p"), where)
            s = specs[op]
            try:
                out[op] = (hp.coerce(s.enabled, value.get("on", s.default.enabled)),
                           hp.coerce(s.strength, value.get("strength", s.default.strength)),
                           hp.coerce(s.p, value.get("p", s.default.p)))
            except EncoderLabError as e:
                self.fail(where, message_of(e))
        return out

    def map(self, merged: dict, name: str) -> MapSpec | None:
        """``map = { method = "tsne", perplexity = 5 }``: the projection, and only the settings that
        belong to it, each in engine/analysis/map_settings.py's range."""
        from engine.analysis.map_settings import METHOD_OF, MapSettings
        from engine.analysis.project import METHODS

        if "map" not in merged:
            return None
        table, where = merged["map"], f"{name}.map"
        if not isinstance(table, dict):
            self.fail(where, Words('must be a table like {{ method = "tsne", perplexity = 5 }}, not {value}',
                                   value=_brief(table)))
        method = table.get("method")
        if not isinstance(method, str) or method not in METHODS:
            problem = Words("missing") if method is None else Words("unknown projection {name}", name=_brief(method))
            self.fail(f"{where}.method", Words("{problem}; valid: {valid}", problem=problem, valid=_listed(METHODS)))
        own = tuple(s for s, m in METHOD_OF.items() if m == method)
        settings = {}
        for key, value in table.items():
            if key == "method":
                continue
            if key not in own:
                self.fail(f"{where}.{key}", Words("not a setting of {method}; valid: {valid}", method=method,
                                                  valid=_listed(own)))
            try:
                settings[key] = getattr(MapSettings(**{key: value}), key)  # checked and coerced
            except ValueError as e:
                self.fail(f"{where}.{key}", message_of(e))
        return MapSpec(method, settings)

    def views(self, data: dict) -> tuple[str, ...]:
        views = data.get("views", [])
        if not isinstance(views, list):
            self.fail("views", Words("must be a list; valid entries: {valid}", valid=_listed(VIEWS)))
        for view in views:
            if not isinstance(view, str) or view not in VIEWS:  # a list or table in it is no view either
                self.fail("views", Words("unknown view {view}; valid: {valid}", view=_brief(view),
                                         valid=_listed(VIEWS)))
        return tuple(views)

    def captions(self, data: dict, steps: int) -> tuple[Caption, ...]:
        items = data.get("captions", [])
        if not isinstance(items, list):
            self.fail("captions", Words("must be a list of [[captions]] tables with step, en and zh"))
        out = []
        for i, item in enumerate(items):
            where = f"captions[{i}]"
            if not isinstance(item, dict):
                self.fail(where, Words("must be a table with step, en and zh"))
            self.known_keys(item, ("step", "en", "zh"), where)
            step = self.integer(item, "step", 0, steps, f"{where}.step")
            out.append(Caption(step, Text(self.string(item, "en", f"{where}.en"),
                                          self.string(item, "zh", f"{where}.zh"))))
        return tuple(sorted(out, key=lambda c: c.step))

    def check(self, data: dict, n_runs: int, dataset: str) -> Check:
        table = self.table(data, "check", required=True)
        self.known_keys(table, ("metric", "compare"), "check")
        metric = self.string(table, "metric", "check.metric")
        if metric not in METRICS:
            self.fail("check.metric", Words("unknown metric {metric}; valid: {valid}", metric=repr(metric),
                                            valid=_listed(METRICS)))
        subjects = ("A", "B")[:n_runs] + tuple(BASELINES)
        compare = self.string(table, "compare", "check.compare")
        try:
            comparison = parse(compare, subjects)
        except CompareError as e:
            self.fail("check.compare", message_of(e))
        for subject in comparison.subjects:
            if (metric, subject) in UNDEFINED:
                self.fail("check.compare", Words("{subject} has no {metric}; compare it with the runs, or choose "
                                                 "another metric", subject=subject, metric=metric))
        problem = baseline_problem(dataset, comparison.subjects)
        if problem is not None:
            self.fail("check.compare", problem)
        return Check(metric, compare)

"""The engine's words in the user's language: a second catalogue, beside gui/i18n_catalog.py's.

The engine keeps its English and never imports Qt, yet the window shows much of its text: the
hyper-parameters' labels, help and choices (every method's Params, RunParams), the augmentation
operations, the method families, the data sets' descriptions and the titles of the Method view's
figures; and its composed messages (engine/words.py: a collapse warning, why a run diverged, MAE's
"49 of 4x4 pixels, 37 hidden"). The GUI shows each through :func:`engine_tr` (:func:`engine_text` for a
message), and this module finds them all, by introspection (the Params dataclasses, the augmentation
metadata) and by ast (the figures the methods' diagnostics make, every ``Words("template", ...)``), so a
new method's words land in gui/translations/encoder_lab_engine_zh_CN.ts by themselves:

    python -m gui.i18n_engine    # add new strings to the .ts (unfinished), rebuild the .qm
"""

from __future__ import annotations

import ast
import importlib
import re
import string
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Iterator

from PySide6.QtCore import QCoreApplication

from engine.words import Words
from gui.i18n import TRANSLATIONS_DIR

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = "Engine"
TS_PATH = TRANSLATIONS_DIR / "encoder_lab_engine_zh_CN.ts"
QM_PATH = TRANSLATIONS_DIR / "encoder_lab_engine_zh_CN.qm"
# Names (of optimisers, devices, loss formulas) and symbols: the same in every language, so they are not in
# the catalogue and show as they are.
KEPT_AS_IS = frozenset({"adam", "adamw", "sgd", "cpu", "cuda", "mps", "bce", "mse", "D(x)", "A → B → A", "B → A → B", "A → B"})
# The arguments of a figure that the Method view shows as text.
FIGURE_TEXT_ARGS = ("title", "help", "captions", "names", "series", "axis", "values_label", "reference_label")


def engine_tr(text: str, context: str = CONTEXT) -> str:
    """``text`` from the engine in the user's language (itself when the catalogue has no entry)."""
    return QCoreApplication.translate(context, text) if text else text


def engine_text(text: str) -> str:
    """An engine message in the user's language: for :class:`engine.words.Words`, its template translated
    and filled with its args (the args that are Words translated the same way, numbers formatted by the
    template's own spec); any other text through :func:`engine_tr`. A translation whose placeholders are
    not the template's (one dropped would lose its number, one misspelt cannot be filled) shows the
    English text instead."""
    if not isinstance(text, Words):
        return engine_tr(text)
    translated = engine_tr(text.template)
    if translated == text.template and not any(isinstance(v, Words) for v in text.args.values()):
        return str(text)  # English (no translator, or no entry): already formatted
    if _placeholders(translated) != _placeholders(text.template):
        return str(text)
    args = {k: engine_text(v) if isinstance(v, Words) else v for k, v in text.args.items()}
    try:
        return translated.format(**args)
    except (KeyError, IndexError, ValueError, TypeError):  # a spec the translation mangled ("{n:,x}")
        return str(text)


def _placeholders(template: str) -> set[str] | None:
    """The field names of a format template (None: not a valid template). A set: a translation may say
    a repeated one once ("{n} training images; using {n}")."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError:
        return None


def param_label(name: str) -> str:
    """The English label of a hyper-parameter: its field name, spaced ("batch_size" -> "batch size")."""
    return name.replace("_", " ")


# -- the collector ------------------------------------------------------------------------------------
Found = Iterator[tuple[str, str]]  # (English text, where it comes from: a note for the translator)


def param_strings(params_cls: type, where: str) -> Found:
    from engine.params import specs

    for s in specs(params_cls):
        yield param_label(s.name), f"{where}.{s.name}: label"
        if s.help:
            yield s.help, f"{where}.{s.name}: help"
        for choice in s.choices or ():
            if isinstance(choice, str) and choice not in KEPT_AS_IS:
                yield choice, f"{where}.{s.name}: choice"


def settings_strings() -> Found:
    from engine.methods import FAMILIES, get_method, method_names
    from engine.training.config import RunParams

    yield from param_strings(RunParams, "RunParams")
    for name in method_names():
        yield from param_strings(get_method(name).Params, f"{name}.Params")
    for family in FAMILIES:
        yield family, "method family (the method list's headings)"


def augment_strings() -> Found:
    from engine.data.augment import PROBABILITY_HELP, op_specs

    for s in op_specs():
        yield s.name, f"augmentation {s.name}: name"
        yield s.help, f"augmentation {s.name}: help"
        yield s.strength.help, f"augmentation {s.name}: strength"
    yield PROBABILITY_HELP, "augmentation: probability"


def dataset_strings() -> Found:
    """The data sets' descriptions that are literal text (a download's or a folder's is made up)."""
    for path in sorted((ROOT / "engine" / "data").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "description" \
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                yield node.value.value, f"data set description ({path.name})"


def map_strings() -> Found:
    """The help of the map's settings (perplexity, n_neighbors, min_dist): the map controls' tooltips."""
    from engine.analysis.map_settings import HELP

    for name, text in HELP.items():
        yield text, f"map setting {name}: help"


def figure_strings(unresolved: list[str] | None = None) -> Found:
    """Titles, help, captions and bar names of the figures engine/methods/ makes (see
    :func:`figures_in_source`)."""
    for path in sorted((ROOT / "engine" / "methods").rglob("[!_]*.py")):  # every family's folder
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        constants = {k: v for k, v in vars(module).items() if isinstance(v, (str, int, float))}
        yield from figures_in_source(path.read_text(encoding="utf-8"), constants, path.stem, unresolved)


def figures_in_source(source: str, constants: dict[str, Any], name: str, unresolved: list[str] | None = None) -> Found:
    """The figures' text in one module's ``source``, where it is known before the run: a literal, a
    module constant, an f-string of constants, a local dict's keys. A title or help that is none of
    these is added to ``unresolved``: the Method view could not show it translated."""
    from engine.figures import FIGURE_TYPES

    tree = ast.parse(source)
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        local = {t.id: n.value for n in ast.walk(function) if isinstance(n, ast.Assign)
                 for t in n.targets if isinstance(t, ast.Name)}
        for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
            kind = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            if kind not in FIGURE_TYPES:
                continue
            args = {k.arg: k.value for k in call.keywords}
            if call.args:
                args["title"] = call.args[0]
            for arg in FIGURE_TEXT_ARGS:
                if arg not in args:
                    continue
                texts = _texts(args[arg], constants, local)
                if texts is None and arg in ("title", "help") and unresolved is not None:
                    unresolved.append(f"{name}:{call.lineno}: {kind} {arg}")
                for text in texts or ():
                    yield text, f"{name}: {kind} {arg}"


def _texts(node: ast.AST, constants: dict[str, Any], local: dict[str, ast.AST], depth: int = 0) -> list[str] | None:
    """The strings ``node`` stands for, or None when they are known only at run time."""
    if depth > 4:
        return None
    again = lambda n: _texts(n, constants, local, depth + 1)  # noqa: E731
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else None
    if isinstance(node, ast.Name):
        if node.id in local:
            return again(local[node.id])
        value = constants.get(node.id)
        return [value] if isinstance(value, str) else None
    if isinstance(node, ast.JoinedStr):  # f"... {CONSTANT} ...": known when every part is
        parts = []
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                value = constants.get(getattr(part.value, "id", ""))
                if value is None or part.format_spec is not None:
                    return None
                parts.append(str(value))
            else:
                parts.append(part.value)
        return ["".join(parts)]
    groups: list[ast.AST] | None = None
    if isinstance(node, (ast.Tuple, ast.List)):
        groups = node.elts
    elif isinstance(node, ast.Dict):
        groups = node.keys
    elif isinstance(node, ast.IfExp):
        groups = [node.body, node.orelse]
    elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("tuple", "list") and node.args:
        groups = node.args[:1]
    if groups is None:
        return None
    found = [again(g) for g in groups if g is not None]
    return None if any(f is None for f in found) else [t for f in found for t in f]


def words_strings(unresolved: list[str] | None = None) -> Found:
    """The templates of every ``Words("literal", ...)`` in engine/ (see engine/words.py); a Words whose
    template is not a literal is added to ``unresolved``: the window could show only its English."""
    for path in sorted((ROOT / "engine").rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        yield from words_in_source(path.read_text(encoding="utf-8"), where, unresolved)


def words_in_source(source: str, where: str, unresolved: list[str] | None = None) -> Found:
    """The templates of the ``Words("literal", ...)`` calls in one module's ``source``, but for those with
    no word of their own ("{message}; {then}": shown as they are, with their args translated)."""
    for call in (n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)):
        if (getattr(call.func, "id", None) or getattr(call.func, "attr", None)) != Words.__name__:
            continue
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            if re.search(r"[^\W\d_]", re.sub(r"\{[^}]*\}", "", first.value)):
                yield first.value, where
        elif unresolved is not None:
            unresolved.append(f"{where}:{call.lineno}: Words template is not a literal")


def engine_strings() -> list[tuple[str, str]]:
    """Every engine string the window shows, once each, in a stable order: (text, where)."""
    seen: dict[str, str] = {}
    for found in (settings_strings(), augment_strings(), dataset_strings(), map_strings(), figure_strings(),
                  words_strings()):
        for text, where in found:
            if text not in KEPT_AS_IS:  # a name or a symbol ("D(x)"): the same in every language
                seen.setdefault(text, where)
    return list(seen.items())


# -- the .ts and the .qm ------------------------------------------------------------------------------
def read_ts(path: Path = TS_PATH) -> dict[str, str]:
    """English -> Chinese for the finished entries of the engine's .ts."""
    from gui.i18n_catalog import read_ts as read_catalogue

    return {source: text for (ctx, source), text in read_catalogue(path).items() if ctx == CONTEXT}


def write_ts(translations: dict[str, str], path: Path = TS_PATH) -> None:
    """The .ts of the collected strings; those with no translation yet are marked unfinished. Where a
    string comes from is its extracomment (shown to the translator; unlike a comment, no part of the key)."""
    root = ET.Element("TS", version="2.1", language="zh_CN", sourcelanguage="en")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for text, where in engine_strings():
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = text
        ET.SubElement(message, "extracomment").text = where
        translation = ET.SubElement(message, "translation")
        if text in translations:
            translation.text = translations[text]
        else:
            translation.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def compile_qm(ts: Path = TS_PATH, qm: Path = QM_PATH) -> None:
    from gui.i18n_catalog import compile_qm as compile_catalogue

    compile_catalogue(ts, qm)


def main() -> int:
    write_ts(read_ts())
    compile_qm()
    done = read_ts()
    missing = [text for text, _ in engine_strings() if text not in done]
    for text in missing:
        print(f"untranslated [{CONTEXT}] {text}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())

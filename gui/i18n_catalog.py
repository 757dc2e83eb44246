"""The translation catalogue: which strings the code wraps, and the .ts file that holds their Chinese.

The code wraps its words as ``_tr("…")``, a one-line module function that calls
``QCoreApplication.translate(CONTEXT, text)``; Qt's lupdate does not know that name, so this module
finds them itself (with ast), keeps the .ts in Qt's own XML format (Qt Linguist opens it), and compiles
it with pyside6-lrelease. It reads every gui/**/*.py (not gui/tools/), so a new file's strings land in the
.ts by themselves; gui/i18n_check.py finds the strings that are shown without being wrapped.

    python -m gui.i18n_catalog    # add new strings to the .ts (unfinished), drop none, rebuild the .qm
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from gui.i18n import TRANSLATIONS_DIR

ROOT = Path(__file__).resolve().parent.parent
TS_PATH = TRANSLATIONS_DIR / "encoder_lab_zh_CN.ts"
QM_PATH = TRANSLATIONS_DIR / "encoder_lab_zh_CN.qm"
GUI_DIR = ROOT / "gui"
# Not the window's words: the command-line tools print for developers; this file shows nothing.
NOT_SCANNED = ("gui/tools/", "gui/i18n_catalog.py")


def gui_sources() -> list[Path]:
    """Every gui/**/*.py the window can show text from, so a new file is covered without a list to edit."""
    return sorted(p for p in GUI_DIR.rglob("*.py")
                  if not p.relative_to(ROOT).as_posix().startswith(NOT_SCANNED))


def wrapped_strings(path: Path) -> list[tuple[str, str]]:
    """(context, source text) for each ``_tr(...)`` in ``path``, in order; a module-level string
    constant passed by name (``_tr(FOLDER_ITEM)``) counts as its value."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {t.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                 for t in node.targets if isinstance(t, ast.Name)}
    context = None
    for node in ast.walk(tree):  # the context is the literal first argument of translate() inside _tr
        if isinstance(node, ast.FunctionDef) and node.name == "_tr":
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "translate":
                    context = call.args[0].value
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_tr":
            arg = node.args[0]
            text = arg.value if isinstance(arg, ast.Constant) else constants.get(getattr(arg, "id", ""))
            if context is None or not isinstance(text, str):
                raise ValueError(f"{path}:{node.lineno}: _tr needs a literal string and a context")
            found.append((context, text))
    return found


def all_wrapped_strings() -> list[tuple[str, str]]:
    seen: dict[tuple[str, str], None] = {}
    for path in gui_sources():
        for key in wrapped_strings(path):
            seen.setdefault(key, None)
    return list(seen)


def read_ts(path: Path = TS_PATH) -> dict[tuple[str, str], str]:
    """(context, source) -> translation, finished entries only (unfinished and obsolete are left out)."""
    if not path.exists():
        return {}
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.text and not tr.get("type"):
                out[(name, msg.findtext("source"))] = tr.text
    return out


def write_ts(translations: dict[tuple[str, str], str], path: Path = TS_PATH) -> None:
    """Write the .ts for the wrapped strings; those without a translation are marked unfinished."""
    root = ET.Element("TS", version="2.1", language="zh_CN", sourcelanguage="en")
    by_context: dict[str, list[str]] = {}
    for ctx, text in all_wrapped_strings():
        by_context.setdefault(ctx, []).append(text)
    for ctx in sorted(by_context):
        c = ET.SubElement(root, "context")
        ET.SubElement(c, "name").text = ctx
        for text in by_context[ctx]:
            m = ET.SubElement(c, "message")
            ET.SubElement(m, "source").text = text
            t = ET.SubElement(m, "translation")
            if (ctx, text) in translations:
                t.text = translations[(ctx, text)]
            else:
                t.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def lrelease() -> str | None:
    """pyside6-lrelease (shipped with PySide6-Essentials), next to this Python or on PATH."""
    here = Path(sys.executable).parent / "pyside6-lrelease"
    return str(here) if here.exists() else shutil.which("pyside6-lrelease")


def compile_qm(ts: Path = TS_PATH, qm: Path = QM_PATH) -> None:
    tool = lrelease()
    if tool is None:
        raise RuntimeError("pyside6-lrelease not found: install PySide6-Essentials")
    subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> int:
    write_ts(read_ts())
    compile_qm()
    missing = [k for k in all_wrapped_strings() if k not in read_ts()]
    for ctx, text in missing:
        print(f"untranslated [{ctx}] {text}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())

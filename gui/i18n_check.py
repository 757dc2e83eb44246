"""The check that every word the window shows goes through the translation: an English string literal
passed straight to a Qt text setter or widget (``label.setText("Loading")``, ``QMessageBox.warning(self,
"Oops", ...)``, ``plot.setLabel("left", "loss")``) is shown in English whatever the language. Wrapped as
``_tr("Loading")`` it is in the catalogue (gui/i18n_catalog.py) and translated. tests/test_i18n.py fails on
any such literal in gui/; ``python -m gui.i18n_check`` lists them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from gui.i18n_catalog import ROOT, gui_sources

# Qt (and pyqtgraph) calls whose string arguments a user reads on the screen.
TEXT_SETTERS = {"setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setTitle",
                "setPlaceholderText", "setLabelText", "addAction", "addMenu", "showMessage", "setHtml",
                "addItem", "addItems", "insertItem", "setItemText", "setTabText", "addTab", "setSuffix",
                "setPrefix", "setSpecialValueText", "setInformativeText", "setHeaderLabels",
                "setHorizontalHeaderLabels", "addToolBar",
                # the window's own routes to the user: a dialog, the banner, a save dialog, "Discard it to …?"
                "show_error", "show_message", "ask_save_path", "confirm_discard", "close_b"}
TEXT_WIDGETS = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton",
                "QDockWidget", "QToolBar", "QMenu", "QMessageBox", "QStandardItem", "QTableWidgetItem",
                "QListWidgetItem", "QTreeWidgetItem", "TextItem", "LabelItem"}
MESSAGE_BOXES = {"information", "warning", "critical", "question", "about"}  # QMessageBox's static calls
FILE_DIALOGS = {"getOpenFileName", "getSaveFileName", "getExistingDirectory"}  # the caption, 2nd argument
TEXT_KEYWORDS = {"text", "toolTip", "statusTip", "title", "placeholderText", "windowTitle"}
PLOT_CALLS = {"plot", "PlotDataItem", "PlotCurveItem", "ScatterPlotItem", "BarGraphItem"}  # name= is the legend
# setLabel("left", text, units=...): the first argument names the axis, not words to read.
AXIS_NAMES = {"left", "right", "top", "bottom"}
# Shown as they are in every language, each with its reason.
ALLOWED = {
    "KL {}": "KL divergence is written KL in both languages (the latent explorer's per-slider KL)",
    "B: {}": "run B's name, the same in both languages",
}
_PLACEHOLDERS = re.compile(r"\{[^{}]*\}")
_LETTERS = re.compile(r"[A-Za-z]{2,}")  # a word; single letters are symbols (x, z, k)


def reads_as_words(text: str) -> bool:
    """True for text in English a user would read; not "", "{0:.3f}", "×", "k", "%" or an allowed name."""
    return text not in ALLOWED and bool(_LETTERS.search(_PLACEHOLDERS.sub("", text)))


def _literals(node: ast.AST):
    """The string literals in an argument that reach the screen as they are: "a", f"a {x}", "a" + b,
    "a {0}".format(x), x if c else "a"; not those inside other calls (``_tr("a")``, ``str(x)``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node, node.value
    elif isinstance(node, ast.JoinedStr):
        yield node, "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    elif isinstance(node, ast.BinOp):
        yield from _literals(node.left)
        yield from _literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        yield from _literals(node.func.value)
    elif isinstance(node, (ast.List, ast.Tuple)):
        for item in node.elts:
            yield from _literals(item)


def _shown_arguments(call: ast.Call):
    """The arguments of ``call`` that a user reads, if it is a text setter or a text widget."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    owner = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
    keywords = [k.value for k in call.keywords if k.arg in TEXT_KEYWORDS]
    if name in PLOT_CALLS:
        keywords += [k.value for k in call.keywords if k.arg == "name"]
    if name == "setLabel":
        args = [a for a in call.args if not (isinstance(a, ast.Constant) and a.value in AXIS_NAMES)]
        return args + keywords
    if owner == "QFileDialog" and name in FILE_DIALOGS:
        return call.args[1:2] + [k.value for k in call.keywords if k.arg == "caption"]
    if name in ("addItem", "insertItem") and len(call.args) > 1:
        # A combo box's addItem(text, data): the data is a key. A legend's addItem(item, name): the name.
        text_first = not isinstance(call.args[0], (ast.Name, ast.Attribute, ast.Subscript))
        return call.args[:1] + keywords if text_first else call.args[1:2] + keywords
    if name in TEXT_SETTERS or name in TEXT_WIDGETS or (owner == "QMessageBox" and name in MESSAGE_BOXES):
        return list(call.args) + keywords
    return keywords


def unwrapped_strings(path: Path) -> list[tuple[int, str]]:
    """(line, text) for each English literal passed straight to a Qt text setter or widget in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for arg in _shown_arguments(node):
                found += [(lit.lineno, text) for lit, text in _literals(arg) if reads_as_words(text)]
    return sorted(set(found))


def all_unwrapped_strings() -> list[str]:
    """"file:line: text" for every unwrapped string in gui/."""
    return [f"{path.relative_to(ROOT).as_posix()}:{line}: {text!r}"
            for path in gui_sources() for line, text in unwrapped_strings(path)]


def main() -> int:
    found = all_unwrapped_strings()
    print("\n".join(found) or "every string the window shows is wrapped")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""One line per label in the views that show run B beside run A, while presenting; put back on leaving.

In presentation mode (gui/window/presentation.py) the type is 1.6 times larger and each of A's and B's
views has half the width: a figure's title in the Method view ("error of each hidden patch, mean over
images") wrapped to four lines in a 100-px column and left its figure no height at 1280x720. While
presenting, every word-wrapped label under a SideBySide (gui/views/side_by_side.py) is one line instead,
cut to its width with "…" (a rich text that does not fit, as plain text), its whole
text in the tooltip. A timer calls ``apply()`` again: labels made since, texts the views wrote since
and new widths. ``restore()`` puts back the wrapping, minimum width, tooltip and whole text.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt, QTextDocumentFragment  # GuiQt: mightBeRichText is QtGui's
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget
from shiboken6 import isValid

from gui.views.side_by_side import SideBySide


@dataclass
class _Kept:
    label: weakref.ref
    min_width: int  # as the view made it
    policy: QSizePolicy.Policy  # horizontal
    tooltip: str
    whole: str = ""  # the label's text as the view wrote it
    shown: str | None = None  # what was set in its place (None while it shows the view's own)


def _plain(label: QLabel, text: str) -> str:
    """``text`` as ``label`` shows it, without its tags."""
    rich = label.textFormat() == Qt.TextFormat.RichText or \
        (label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    return QTextDocumentFragment.fromHtml(text).toPlainText() if rich else text


def cut_text(metrics, plain: str, width: int) -> str:
    """``plain`` cut to one line of ``width`` pixels with "…", or, where that line would keep less than a
    third of the text (a stub: "从先…" of a Chinese figure title in a narrow column), two lines, the second
    cut. (More lines took the figures' height: a title of four lines left its heatmap none.)"""
    one = metrics.elidedText(plain, Qt.TextElideMode.ElideRight, width) or "…"
    if len(one) - 1 >= len(plain) / 3:
        return one
    end = 1
    while end < len(plain) and metrics.horizontalAdvance(plain[:end + 1]) <= width:
        end += 1
    space = plain.rfind(" ", 0, end + 1)
    if space > end // 2:  # break at a space where one is not far back
        end = space
    rest = plain[end:].strip()
    return plain[:end].rstrip() + ("\n" + (metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width) or "…")
                                   if rest else "")


class OneLineLabels:
    def __init__(self, root: QWidget):
        self.root = root
        self._kept: dict[int, _Kept] = {}

    def labels(self) -> list[QLabel]:
        boxes = ([self.root] if isinstance(self.root, SideBySide) else []) + self.root.findChildren(SideBySide)
        found = [label for box in boxes for label in box.findChildren(QLabel)]
        return [label for label in found if (label.text() and label.wordWrap()) or self._mine(label)]

    def _mine(self, label: QLabel) -> _Kept | None:
        kept = self._kept.get(id(label))
        return kept if kept is not None and kept.label() is label else None

    def apply(self) -> int:
        """Make new wrapped labels one line, and cut each again to its text and width; returns how many
        labels changed."""
        changed = 0
        for label in self.labels():
            kept = self._mine(label)
            if kept is None:
                policy = label.sizePolicy()
                kept = _Kept(weakref.ref(label), label.minimumWidth(), policy.horizontalPolicy(), label.toolTip())
                self._kept[id(label)] = kept
                label.setWordWrap(False)
                label.setMinimumWidth(1)  # a line cut to the view's width must not hold the view at its own
                # Its width from the layout, not from its text: a cut text asked for less room, got less,
                # was cut shorter at the next scan, and so on down to nothing.
                policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
                label.setSizePolicy(policy)
            if label.text() != kept.shown:
                kept.whole = label.text()  # the view wrote it since
            text, plain = kept.whole, " ".join(_plain(label, kept.whole).split())
            width = max(label.contentsRect().width() - 2 * label.margin() - max(label.indent(), 0), 10)
            cut = label.fontMetrics().horizontalAdvance(plain) > width
            if cut:  # a rich text that does not fit loses its bold: an "…" among its tags would break them
                text = cut_text(label.fontMetrics(), plain, width)
            if text != label.text():
                label.setText(text)
                changed += 1
            kept.shown = text if text != kept.whole else None
            whole_tip = "\n".join(t for t in (_plain(label, kept.whole), kept.tooltip) if t)
            label.setToolTip(whole_tip if cut else kept.tooltip)
        return changed

    def restore(self) -> None:
        for kept in self._kept.values():
            label = kept.label()
            if label is None or not isValid(label):
                continue
            if kept.shown is not None and label.text() == kept.shown:
                label.setText(kept.whole)
            label.setWordWrap(True)
            label.setMinimumWidth(kept.min_width)
            policy = label.sizePolicy()
            policy.setHorizontalPolicy(kept.policy)
            label.setSizePolicy(policy)
            label.setToolTip(kept.tooltip)
        self._kept.clear()

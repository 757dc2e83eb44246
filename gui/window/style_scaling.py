"""Scale the type that style sheets set, for presentation mode, and put it back.

A widget with a style sheet does not follow a change of the application's font by itself (Qt resolves
its font when the sheet polishes it), and a sheet's own ``font-size: 9pt`` never follows it: pane
captions ("A: …") and figure titles stayed small on a projector, and those made after entering were
larger than those made before. ``apply()`` multiplies every ``font-size`` in points by the factor and
polishes each styled widget again so that it takes the application's new font; ``restore()`` puts back
every sheet it changed (unless a view replaced it since) and polishes again. A timer calls ``apply()``
again for widgets made while presenting. ``high_contrast_palette`` is presentation mode's palette.
"""

from __future__ import annotations

import re
import weakref

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

FONT_SIZE = re.compile(r"font-size\s*:\s*([0-9.]+)\s*pt")


def scaled_sheet(sheet: str, factor: float) -> str:
    return FONT_SIZE.sub(lambda m: f"font-size: {float(m.group(1)) * factor:.1f}pt", sheet)


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.updateGeometry()


class StyleScaler:
    """Scales the style sheets' type under ``root`` by ``factor``; ``apply()`` again picks up new widgets."""

    def __init__(self, root: QWidget, factor: float):
        self.root, self.factor = root, factor
        self._records: dict[int, tuple[weakref.ref, str, str]] = {}  # id -> (widget, sheet found, sheet set)

    def styled(self) -> list[QWidget]:
        return [w for w in [self.root] + self.root.findChildren(QWidget) if w.styleSheet()]

    def apply(self) -> int:
        changed = 0
        for widget in self.styled():
            sheet = widget.styleSheet()
            record = self._records.get(id(widget))
            if record is not None and record[0]() is widget and sheet == record[2]:
                continue  # done, and as it was set
            scaled = scaled_sheet(sheet, self.factor)
            if scaled != sheet:
                widget.setStyleSheet(scaled)
            else:
                _repolish(widget)
            self._records[id(widget)] = (weakref.ref(widget), sheet, scaled)
            changed += 1
        return changed

    def restore(self) -> None:
        for ref, found, applied in self._records.values():
            widget = ref()
            if widget is None or not isValid(widget):
                continue
            if widget.styleSheet() == applied and applied != found:
                widget.setStyleSheet(found)
            else:
                _repolish(widget)
        self._records.clear()
        for widget in self.styled():  # made while presenting, in the large type: back to the normal one
            _repolish(widget)


def high_contrast_palette(base: QPalette) -> QPalette:
    """Black text on white, dark-blue selection; disabled text dark grey rather than pale."""
    palette = QPalette(base)
    colours = {QPalette.ColorRole.Window: "#ffffff", QPalette.ColorRole.WindowText: "#000000",
               QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f0f0f0",
               QPalette.ColorRole.Text: "#000000", QPalette.ColorRole.Button: "#f0f0f0",
               QPalette.ColorRole.ButtonText: "#000000", QPalette.ColorRole.ToolTipBase: "#ffffdc",
               QPalette.ColorRole.ToolTipText: "#000000", QPalette.ColorRole.Highlight: "#003c8f",
               QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.PlaceholderText: "#444444"}
    for role, colour in colours.items():
        palette.setColor(QPalette.ColorGroup.Active, role, QColor(colour))
        palette.setColor(QPalette.ColorGroup.Inactive, role, QColor(colour))
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#555555"))
    return palette

"""Axes whose tick labels never touch, however narrow the plot.

pyqtgraph always draws every major tick's label, and picks the major spacing from the axis's length
alone: in the Metrics view's row of four plots, each about 100 px wide, the steps read "0100200".
``SpacedAxis`` spreads the major ticks out (1, 2, 5 x 10ⁿ) until the widest label fits between two of
them with a gap, and, as a last guard (a log axis, a wider label than foreseen), drops any label that
would come closer than the gap to one already placed, the major ticks' first.

Presentation mode (gui/window/plot_scaling.py) puts its own thinned spacing on the instance while it
presents and takes it off on leaving; the guard against touching labels stays in force under it.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

GAP = 0.8  # the least room between two labels, in heights of the tick font
OVERHANG = 8  # px a bottom axis's end label may reach past the axis's ends (pyqtgraph: 0, and the "0"
# at the left end of a plot ranged from 0 went, leaving a narrow plot one label)


def next_nice(spacing: float) -> float:
    """The next spacing of the form 1, 2 or 5 x 10ⁿ above ``spacing``."""
    power = 10.0 ** math.floor(math.log10(spacing))
    for step in (1.0, 2.0, 5.0, 10.0):
        if step * power > spacing * (1 + 1e-9):
            return step * power
    return 20.0 * power


def spread_levels(levels: list, span: float, length: float, room) -> list:
    """``levels`` ((spacing, offset), major first) with the major spacing widened until ``room(spacing)``
    pixels fit between two major ticks (or until one spacing covers the span); the finer levels that
    still divide the new major spacing are kept, as is the old major spacing when it divides it."""
    if not levels or span <= 0 or length <= 0:
        return levels
    major, offset = levels[0]
    spacing = major
    while spacing * length / span < room(spacing) and spacing < span:
        spacing = next_nice(spacing)
    if spacing == major:
        return levels
    finer = [(s, o) for s, o in levels if s < spacing and abs(spacing / s - round(spacing / s)) < 1e-6]
    return [(spacing, 0.0)] + finer


def apart(rects: list[QRectF], horizontal: bool, gap: float) -> list[int]:
    """The indices of the rects to keep, in order: each kept one at least ``gap`` from every other kept
    one along the axis (``horizontal``: a bottom or top axis)."""
    kept: list[tuple[float, float]] = []
    out = []
    for i, rect in enumerate(rects):
        lo, hi = (rect.left(), rect.right()) if horizontal else (rect.top(), rect.bottom())
        if all(hi + gap <= a or lo >= b + gap for a, b in kept):
            kept.append((lo, hi))
            out.append(i)
    return out


class SpacedAxis(pg.AxisItem):
    """An axis whose labels keep a gap between them (see the module's docstring)."""

    def __init__(self, orientation: str, **kwargs):
        super().__init__(orientation, **kwargs)
        if orientation in ("bottom", "top") and "hideOverlappingLabels" not in kwargs:
            self.style["hideOverlappingLabels"] = OVERHANG  # the corners beside it hold no labels

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.style["tickFont"] or QFont())  # the font paint() draws the labels in

    def _gap(self) -> float:
        return GAP * self._metrics().height()

    def tickSpacing(self, minVal: float, maxVal: float, size: float):  # noqa: N802, N803 (pyqtgraph's names)
        levels = super().tickSpacing(minVal, maxVal, size)
        if self._tickSpacing is not None or self.logMode:  # chosen by hand; log: whole decades, guarded below
            return levels
        metrics, horizontal = self._metrics(), self.orientation in ("bottom", "top")

        def room(spacing: float) -> float:
            if not horizontal:
                return metrics.height() + self._gap()
            ends = [math.ceil(minVal / spacing) * spacing, math.floor(maxVal / spacing) * spacing]
            scale = self.scale or 1.0
            strings = self.tickStrings([v / scale for v in ends], self.autoSIPrefixScale * scale, spacing / scale)
            return max(metrics.horizontalAdvance(s) for s in strings) + self._gap()

        return spread_levels(levels, abs(maxVal - minVal), size, room)

    def generateDrawSpecs(self, p):  # noqa: N802 (pyqtgraph's name)
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return specs
        axis_spec, tick_specs, text_specs = specs
        keep = apart([rect for rect, _flags, _text in text_specs], self.orientation in ("bottom", "top"),
                     GAP * QFontMetricsF(p.font()).height())
        return axis_spec, tick_specs, [text_specs[i] for i in keep]


def spaced_axes(*sides: str) -> dict[str, SpacedAxis]:
    """``axisItems`` for a PlotItem (or PlotWidget, addPlot): spaced axes on ``sides``."""
    return {side: SpacedAxis(side) for side in sides}

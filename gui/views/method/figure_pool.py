"""Spare figure widgets of the Method view, kept by class from one run to the next.

A new run (a switch, Reset, a lesson, Compare's B) used to drop every figure widget of the last run and
build its own: a heatmap is a PlotWidget with a colour bar, 15-45 ms to build and more to paint for the
first time, and the soak's longest passes of the event loop after a switch were these builds. Most
methods show the same kinds of figure (a similarity heatmap, bars, image grids), so a widget of a
class that says it can be reused (``reusable = True`` and ``reuse(figure)``: its title, help and
export name follow the new figure) waits here, hidden, and draws the next run's figure of its kind.

Hands-on widgets (a patch mask, a grid of codes) hold their user's edits and are never kept.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from engine.figures import Figure
from gui.views.method.figure_registry import FIGURE_WIDGETS, widget_for

KEPT_PER_CLASS = 4  # more than any method shows of one kind


class FigurePool:
    def __init__(self):
        self._spare: dict[type, list[QWidget]] = {}

    def keep(self, widget: QWidget) -> bool:
        """Keep ``widget`` (already out of its layout) for a later figure of its kind; False when it is not
        reusable or the pool holds enough of its class (the caller drops it then)."""
        spare = self._spare.setdefault(type(widget), [])
        if not getattr(widget, "reusable", False) or len(spare) >= KEPT_PER_CLASS:
            return False
        widget.hide()
        widget.forget_links()  # a click on a kept Bars must not reach the last run's grid of codes
        spare.append(widget)
        return True

    def widget_for(self, figure: Figure) -> QWidget:
        """A kept widget of the figure's kind showing ``figure``, or a new one."""
        spare = self._spare.get(FIGURE_WIDGETS.get(type(figure)), [])
        if spare:
            widget = spare.pop()
            widget.reuse(figure)
            return widget
        return widget_for(figure)

    def spare(self) -> int:
        return sum(map(len, self._spare.values()))

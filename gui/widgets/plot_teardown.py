"""Take pyqtgraph plots apart before Qt deletes the widget that holds them.

A core dump of a soak crash (SIGSEGV in libshiboken6, 2026-12) showed the chain: a view's widget deleted
by deleteLater -> its GraphicsView -> QGraphicsScene::clear() -> a PlotItem -> the QWidgetAction of its
"Plot Options" menu -> the menu's group boxes -> Shiboken::Object::destroy on a child whose Python wrapper
was no longer valid. pyqtgraph says as much in PlotItem.close(): "the problem seems to be whenever
scene.clear() leads to deletion of widgets ... the solution is to manually remove all widgets before
scene.clear() is called". So, while every Python wrapper is still alive, the menus' widget actions are
deleted here, at once and in order, and PlotItem.close() detaches the rest.
"""

from __future__ import annotations

import pyqtgraph as pg
import shiboken6
from PySide6.QtWidgets import QGraphicsObject, QWidget, QWidgetAction


def release_plots(widget: QWidget) -> int:
    """Close every PlotItem drawn inside ``widget`` (pyqtgraph's own teardown); how many were closed."""
    closed = 0
    for view in [widget, *widget.findChildren(pg.GraphicsView)]:
        scene = view.scene() if isinstance(view, pg.GraphicsView) else None
        if scene is None:
            continue
        items = scene.items()
        for item in items:  # nothing more reaches Python from a scene being taken apart: after close() a
            if isinstance(item, QGraphicsObject):  # view box still emitted its resizes to a closed plot
                item.blockSignals(True)
        for item in items:
            if isinstance(item, pg.PlotItem) and item.ctrlMenu is not None:
                for action in item.findChildren(QWidgetAction):
                    if shiboken6.isValid(action):
                        shiboken6.delete(action)  # and its group box, while their wrappers are valid
                item.close()
                closed += 1
    return closed

"""Presentation mode's layout, settled at once on entering and on leaving (gui/window/presentation.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

# The posted events that carry a change of type, style and layout through the window.
SETTLING_EVENTS = (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange, QEvent.Type.StyleChange,
                   QEvent.Type.PolishRequest, QEvent.Type.Polish, QEvent.Type.LayoutRequest)


def settle(presentation) -> None:
    """Lay the window out now, in the type and layout just set, rather than over the next seconds.

    A change of the application's font, the docks' layout and the labels' texts each asks for a new
    layout by a posted event, each layout done resizes widgets that ask again, and the scans that cut
    labels to their widths and scale new plot items ran on a timer: on a busy machine the window
    showed cut labels ("P…e", "R…t"), a 30-px strip of Metrics plots, doubled tab bars and no status
    bar for about 10 s after F11, and again after leaving. Here the layout requests are served at
    once, a few rounds, until the scans change nothing more."""
    app, window = QApplication.instance(), presentation.window

    def geometry() -> list:
        return [w.geometry() for w in (window.statusBar(), *window.docks.values()) if w.isVisible()]

    for _ in range(6):
        before = geometry()
        for _ in range(3):
            for kind in SETTLING_EVENTS:
                app.sendPostedEvents(None, kind)
            window.layout().activate()
        changed = int(geometry() != before)
        if presentation.active:
            changed += presentation.scaler.apply() if presentation.scaler is not None else 0
            changed += presentation.one_line.apply() if presentation.one_line is not None else 0
            presentation._share_space()
        for view in window.findChildren(QWidget):
            fit = getattr(type(view), "fit_to_size", None)
            if callable(fit) and view.isVisible():
                changed += bool(view.fit_to_size())
        if not changed and geometry() == before:
            break
    app.sendPostedEvents(None, QEvent.Type.LayoutRequest)

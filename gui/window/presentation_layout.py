"""Presentation mode's arrangement of a lesson's views: each view in a cell of its own, none behind a tab.

In the window's everyday layout the Loss and Metrics docks share a tab, as do the latent explorer, the
map and the method view; a lesson that needs two of them side by side would show only one, and the
audience cannot click a tab. While presenting, the lesson's docks are laid out as a grid for a wide
screen: a view that shows run B beside run A (images, latent explorer, map, method figures) in a row of
its own, the others (loss, metrics, augmentations) two to a row. Their title bars are hidden (the views carry their own captions, and at 720 pixels of height
each title bar is a row taken from a plot). Presentation mode puts everything back on leaving with
restoreState() and ``restore_title_bars``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QWidget
from gui.widgets.retire import retire


# Views that show run B beside run A (gui/views/side_by_side.py): each wants the screen's whole width.
WIDE = ("Images", "Latent explorer", "Embedding map", "Method view")

WIDTH_WEIGHT = {"Metrics": 1.5}  # beside another view: four plots in a row need more than half the width
# A row's share of the height: the map's controls, note and timeline take ~110 pixels of its row, and at
# 720 pixels an equal share left the map itself 157 pixels tall.
# The latent explorer's ten sliders, gaps closed, need ~240 pixels in the large type: with an equal share
# beside the Method view (β-VAE lesson) z9 stayed behind a scroll bar.
HEIGHT_WEIGHT = {"Embedding map": 1.6, "Latent explorer": 1.2}


def rows_for(titles: list[str]) -> list[list[int]]:
    """The indices of the views ``titles``, row by row: each wide view a row of its own, the others two
    to a row, in the lesson's order. Two wide views never share a row: their smallest widths together
    were more than 1280 pixels, and the window grew past the screen. (A lesson should need at most two
    rows: at 720 pixels of height a third leaves no view readable.)"""
    rows: list[list[int]] = []
    open_row: list[int] | None = None
    for i, title in enumerate(titles):
        if title in WIDE:
            rows.append([i])
        elif open_row is not None and len(open_row) < 2:
            open_row.append(i)
        else:
            open_row = [i]
            rows.append(open_row)
    return rows


def arrange(window, docks: list[QDockWidget]) -> list[list[QDockWidget]]:
    """Lay ``docks`` out in rows (rows_for) in the window's right dock area; returns the rows."""
    if not docks:
        return []
    area = Qt.DockWidgetArea.RightDockWidgetArea
    for dock in docks:
        dock.setFloating(False)
        window.removeDockWidget(dock)  # out of its tab group
    rows = [[docks[i] for i in row] for row in rows_for([d.objectName().replace('_', ' ') for d in docks])]
    window.addDockWidget(area, rows[0][0])
    for above, row in zip(rows, rows[1:]):
        window.splitDockWidget(above[0], row[0], Qt.Orientation.Vertical)
    for row in rows:
        for left, right in zip(row, row[1:]):
            window.splitDockWidget(left, right, Qt.Orientation.Horizontal)
    for dock in docks:
        dock.show()
    share_space(window, rows)
    return rows


def share_space(window, rows: list[list[QDockWidget]]) -> None:
    """Heights of the rows by HEIGHT_WEIGHT, and widths in each row by WIDTH_WEIGHT, at the window's
    present size."""
    if not rows:
        return
    height = max(window.height(), 2)
    weights = [max(HEIGHT_WEIGHT.get(_title(dock), 1.0) for dock in row) for row in rows]
    window.resizeDocks([row[0] for row in rows], [int(height * w / sum(weights)) for w in weights],
                       Qt.Orientation.Vertical)
    for row in rows:
        if len(row) > 1:
            weights = [WIDTH_WEIGHT.get(_title(dock), 1.0) for dock in row]
            widths = [int(max(window.width(), 2) * w / sum(weights)) for w in weights]
            window.resizeDocks(row, widths, Qt.Orientation.Horizontal)


def _title(dock: QDockWidget) -> str:
    return dock.objectName().replace("_", " ")


def hide_title_bars(docks) -> None:
    for dock in docks:
        if dock.titleBarWidget() is None:
            dock.setTitleBarWidget(QWidget(dock))  # an empty widget: no title bar


def restore_title_bars(docks) -> None:
    for dock in docks:
        bar = dock.titleBarWidget()
        if bar is not None:
            dock.setTitleBarWidget(None)
            retire(bar)  # not deleteLater(): gui/widgets/retire.py

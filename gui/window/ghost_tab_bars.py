"""Hide the dock tab bars Qt leaves behind, drawn over the views.

QMainWindow draws a tab bar under each group of tabbed docks. With PySide6 6.11 it leaves old ones
visible: one made while the docks were tabbed before the window had its size, and one more for each
restoreState() (View ▸ Reset layout, leaving presentation mode). They stay where they were, over other
views: a second "Loss | Metrics" bar sat in the middle of the Images view, and the issue's "dock tab
bars are doubled" after F11. A tab bar in use sits against the dock it shows (under it, or over it);
any other visible tab bar of the window is one of those and is hidden. Qt shows a bar again when it
uses it again.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar

TOUCHING_PX = 6  # how far a tab bar in use may sit from its dock's edge (frame and spacing)


def hide_ghost_tab_bars(window: QMainWindow) -> int:
    """Hide the window's visible dock tab bars that sit against none of their docks, and of two bars
    with the same tabs the one further from its dock (a left-over, a few pixels off); how many."""
    docks = [d for d in window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
             if d.isVisible() and not d.isFloating()]
    best: dict[tuple[str, ...], tuple[float, QTabBar]] = {}
    hidden = 0
    for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if not bar.isVisible():
            continue
        tabs = tuple(sorted(bar.tabText(i) for i in range(bar.count())))
        offsets = [_offset(bar.geometry(), d.geometry()) for d in docks if d.windowTitle() in tabs]
        offset = min((o for o in offsets if o is not None), default=None)
        if offset is None:
            bar.hide()
            hidden += 1
            continue
        kept = best.get(tabs)
        if kept is None or offset < kept[0]:
            if kept is not None:
                kept[1].hide()
                hidden += 1
            best[tabs] = (offset, bar)
        else:
            bar.hide()
            hidden += 1
    return hidden


def _offset(bar: QRect, dock: QRect) -> float | None:
    """How far the bar is from lying against the dock (under or over it, as wide as it, within the
    frame); None if it is nowhere near."""
    overlap = min(bar.right(), dock.right()) - max(bar.left(), dock.left())
    if overlap < 0.8 * min(bar.width(), dock.width()):
        return None
    gap = min(abs(bar.top() - dock.bottom()), abs(bar.bottom() - dock.top()))
    if gap > TOUCHING_PX:
        return None
    return gap + abs(bar.left() - dock.left()) + abs(bar.right() - dock.right())

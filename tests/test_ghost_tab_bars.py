"""The dock tab bars Qt leaves behind are hidden (gui/window/ghost_tab_bars.py): after the window shows,
after View ▸ Reset layout and after presentation mode, each group of tabbed docks has one tab bar, lying
against its dock, and it still switches the tabs. Before, a second "Loss | Metrics" bar sat over the
Images view and every restoreState() added more."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar

from tests.gui_helpers import settle, wait_until


def _visible_bars(window) -> dict[tuple[str, ...], list[QTabBar]]:
    bars: dict[tuple[str, ...], list[QTabBar]] = {}
    for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if bar.isVisible():
            bars.setdefault(tuple(sorted(bar.tabText(i) for i in range(bar.count()))), []).append(bar)
    return bars


def _one_bar_per_group(window) -> dict[tuple[str, ...], QTabBar]:
    bars = _visible_bars(window)
    assert all(len(found) == 1 for found in bars.values()), {k: [b.geometry().getRect() for b in v]
                                                             for k, v in bars.items()}
    assert ("Loss", "Metrics") in bars and ("Augmentations", "Experiment") in bars
    return {tabs: found[0] for tabs, found in bars.items()}


def test_each_group_of_tabbed_docks_keeps_one_tab_bar_that_works(qtbot, qapp, gui_settings):
    from gui.app import create_app
    from gui.window.main_window import MainWindow

    create_app([])
    window = MainWindow(analysis=False, fit_screen=False)
    qtbot.addWidget(window)
    window.show()
    window.resize(1280, 720)
    settle(0.4)
    _one_bar_per_group(window)
    window.reset_layout()  # a restoreState(): Qt makes new bars and left the old ones shown
    settle(0.4)
    bar = _one_bar_per_group(window)[("Loss", "Metrics")]
    loss = window.docks["Loss"]
    assert abs(bar.geometry().top() - loss.geometry().bottom()) <= 6  # under its dock, not over the Images
    bar.setCurrentIndex([bar.tabText(i) for i in range(bar.count())].index("Metrics"))
    # The bar kept is the one Qt uses: it brings Metrics in front (a left-over bar did nothing).
    wait_until(lambda: not window.docks["Metrics"].visibleRegion().isEmpty() and loss.visibleRegion().isEmpty(),
               what="the Metrics tab in front")
    window.presentation.enter()
    settle(0.3)
    window.presentation.leave()
    window.showNormal()
    window.resize(1280, 720)
    settle(0.4)
    _one_bar_per_group(window)
    window.close()

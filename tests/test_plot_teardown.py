"""A figure widget with pyqtgraph plots is taken apart before Qt deletes it (gui/widgets/plot_teardown.py:
a soak's segfault came from QGraphicsScene::clear deleting a PlotItem's menu widgets)."""

import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget, QWidgetAction

from gui.widgets.plot_teardown import release_plots


def _figure():
    w = QWidget()
    layout = QVBoxLayout(w)
    plot = pg.PlotWidget()
    plot.plot([1, 2, 3], [3, 1, 2])
    canvas = pg.GraphicsLayoutWidget()
    canvas.addPlot().plot([0, 1], [1, 0])
    layout.addWidget(plot)
    layout.addWidget(canvas)
    return w, plot.getPlotItem()


def test_every_plot_inside_is_closed_and_its_menu_actions_are_gone(qapp):
    w, item = _figure()
    assert item.findChildren(QWidgetAction)  # pyqtgraph's "Plot Options" groups
    assert release_plots(w) == 2
    assert item.ctrlMenu is None and not item.findChildren(QWidgetAction)
    assert release_plots(w) == 0  # twice is harmless

"""Axis labels are written again only when their text changes (gui/app.py): pyqtgraph wrote each one as
HTML on every change of range."""

import pyqtgraph as pg


def test_a_change_of_range_does_not_write_the_label_again(qapp):
    from gui.app import create_app

    create_app([])
    plot = pg.PlotWidget()
    axis = plot.getAxis("bottom")
    plot.setLabel("bottom", "step")
    writes = []
    real = axis.label.setHtml
    axis.label.setHtml = lambda html: writes.append(html) or real(html)
    for i in range(1, 20):
        plot.setXRange(0, 10 * i)
    assert writes == []
    plot.setLabel("bottom", "epoch")  # a new text is written
    assert len(writes) == 1 and "epoch" in writes[0] and "epoch" in axis.label.toHtml()
    axis.setLabel(**{"units": "s"})  # so is a new unit
    assert len(writes) == 2
    plot.deleteLater()

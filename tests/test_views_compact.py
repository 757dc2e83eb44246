"""Views in the room a lesson of two runs gives them at 1280x720: the Metrics view's warnings leave its
plots a readable height, a new run's Loss plot starts unframed by the last run, and presentation mode's
keys line outlasts the status bar's passing messages."""

import numpy as np
import pytest

from engine.training import snapshots as s
from engine.words import Words
from tests import run_snapshots as snaps
from tests.gui_helpers import settle, wait_until

DOCK = (420, 230)  # Metrics as a tabbed dock at the top right of a lesson's window at 1280x720


@pytest.fixture
def app():
    from gui.app import create_app

    return create_app([])


def _not_spread(rank: float) -> Words:
    """The warning SimSiam's first embeddings get (engine/analysis/evaluate.py), four lines when wrapped."""
    return Words("Not spread out yet: effective rank {rank:.1f} of {dim}, spread {spread:.0%} of that of random "
                 "directions, as an untrained network's outputs are. Training should spread them; if it does "
                 "not, the method has collapsed.", rank=rank, dim=64, spread=0.07)


def _metrics_of_two_runs(qtbot, size, ranks=(6.1, 5.3)):
    from gui.views.metrics_view import MetricsView

    view = MetricsView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    for (slot, run_id), rank in zip((("A", 1), ("B", 2)), ranks):
        view.begin_run(snaps.run_started(run_id, "SimSiam"), slot, f"SimSiam {slot}")
        for step in (0, 10, 20):
            scores = dict(knn=0.3 + step / 100, linear=0.25, nmi=0.2, ari=0.1, effective_rank=rank, std=0.05,
                          std_reference=0.125)
            snap = s.MetricsUpdate(run_id, step=step, kind="model", scores=scores, clusters=np.arange(10) % 4,
                                   singular_values=np.geomspace(3, 0.01, 64), warning=_not_spread(rank))
            assert view.receive(snap, slot)
    settle(0.3)  # the plots are arranged after the canvas's resize, on the next turn of the event loop
    return view


def _plots(view):
    return (view.scores_plot, view.spectrum_plot, view.std_plot, view.rank_plot)


def test_two_runs_warnings_leave_the_metrics_plots_a_readable_height_in_a_lesson_dock(qtbot, app):
    view = _metrics_of_two_runs(qtbot, DOCK)
    for plot in _plots(view):  # whole, the warnings left them 25 pixels
        assert plot.vb.height() >= 60 and plot.vb.width() >= 40, (plot.vb.size(), view.level)
    assert view.warning.isVisible() and view.warning.geometry().bottom() < view.canvas.geometry().top()
    lines = view.warning.text().split("\n")
    assert len(lines) == 2 and lines[0].startswith("⚠ A: Not spread out yet") and lines[1].startswith("⚠ B:")
    assert not view.warning.wordWrap()
    for line in lines:  # each run's warning on one line, cut to the view's width
        assert line.endswith("…") and view.warning.fontMetrics().horizontalAdvance(line) <= view.warning.width()
    tip = view.warning.toolTip()
    assert "effective rank 6.1 of 64" in tip and "effective rank 5.3 of 64" in tip and "has collapsed." in tip


def test_the_same_warning_of_both_runs_is_said_once(qtbot, app):
    view = _metrics_of_two_runs(qtbot, DOCK, ranks=(6.1, 6.1))
    assert view.warning.text().startswith("⚠ A, B: Not spread out yet") and "\n" not in view.warning.text()
    assert view.summary.isVisible() and view.summary.text().startswith("A: kNN")  # one line leaves it room
    assert all(plot.vb.height() >= 60 for plot in _plots(view))


def test_a_restarted_run_a_is_still_named_first(qtbot, app):
    view = _metrics_of_two_runs(qtbot, DOCK, ranks=(6.1, 6.1))
    view.begin_run(snaps.run_started(3, "SimSiam"), "A", "SimSiam A again")  # now after B in view.runs
    snap = s.MetricsUpdate(3, step=0, kind="model", scores=dict(view.runs["B"].last), clusters=np.arange(10) % 4,
                           singular_values=np.geomspace(3, 0.01, 64), warning=_not_spread(6.1))
    assert view.receive(snap, "A")
    assert list(view.runs) == ["B", "A"] and view.warning.text().startswith("⚠ A, B: ")
    assert view.summary.text().startswith("A: kNN")
    assert view.legend.text.index("A: SimSiam") < view.legend.text.index("B:")


def test_a_large_metrics_view_shows_the_warnings_whole(qtbot, app):
    view = _metrics_of_two_runs(qtbot, (1000, 650))
    assert view.warning.wordWrap() and "has collapsed." in view.warning.text() and view.warning.toolTip() == ""
    assert view.summary.isVisible() and "rank 5.3" in view.summary.text()
    assert all(plot.vb.height() >= 120 for plot in _plots(view))


def test_a_low_metrics_view_lets_the_summary_go_but_keeps_the_warning(qtbot, app):
    from gui.views.metrics_text import NO_SUMMARY

    view = _metrics_of_two_runs(qtbot, (420, 180))
    assert view.level == NO_SUMMARY and not view.summary.isVisible()
    assert view.warning.isVisible() and view.warning.text().startswith("⚠ A: Not spread")
    assert "B: kNN 50.0%" in view.warning.toolTip()  # the summary is still there, on hovering the warning
    assert view.export.isVisible() and view.export.geometry().top() < view.canvas.geometry().top()


def test_the_metrics_text_form_follows_the_room(qtbot, app):
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    from gui.views.metrics_text import NO_SUMMARY, ONE_LINE, WHOLE, text_level, warning_lines

    metrics, button = QFontMetrics(QApplication.font()), QSize(60, 22)
    long = "⚠ A: " + "not spread out yet " * 20 + "\n⚠ B: " + "not spread out yet " * 20
    assert text_level(metrics, 400, 600, long, "summary", button, 6) == WHOLE
    assert text_level(metrics, 400, 200, long, "summary", button, 6) == ONE_LINE
    assert text_level(metrics, 400, 150, long, "summary", button, 6) == NO_SUMMARY
    assert text_level(metrics, 400, 600, long, "summary", button, 6, least=ONE_LINE) == ONE_LINE  # presenting
    assert text_level(metrics, 400, 100, "", "summary", button, 6) == ONE_LINE  # the summary goes for a warning only
    assert warning_lines({"A": "x", "B": "y"}, True) == ["⚠ A: x", "⚠ B: y"]
    assert warning_lines({"A": "x", "B": "x"}, True) == ["⚠ A, B: x"]
    assert warning_lines({"A": "x", "B": ""}, False) == ["⚠ x"]


def test_a_new_loss_run_starts_on_a_clean_plot_not_the_last_runs_range(qtbot, app):
    from gui.views.loss_view import LossView

    view = LossView()
    qtbot.addWidget(view)
    view.resize(450, 300)
    view.show()
    vb = view.plot.getPlotItem().vb
    view.begin_run(snaps.run_started(1, "Autoencoder"))
    assert view.receive(snaps.loss(1, n=250, scale=5.0))
    wait_until(lambda: vb.viewRange()[0][1] >= 250, what="the first run's curve drawn")
    view.begin_run(snaps.run_started(2, "SimCLR"))  # a new method while training: no point of it yet
    settle(0.3)
    (x0, x1), (y0, y1) = vb.viewRange()
    assert x1 < 10 and y1 < 2, vb.viewRange()  # not 0..250 steps, not the last run's loss
    assert vb.autoRangeEnabled() == [True, True]  # its first points frame themselves
    assert view.receive(snaps.loss(2, n=30, scale=0.1))
    wait_until(lambda: 29 <= vb.viewRange()[0][1] < 100, what="the new run's range")


def test_presentation_keys_outlast_a_status_message(qtbot, app, gui_settings):
    from PySide6.QtWidgets import QLabel

    from gui.window.main_window import MainWindow

    window = MainWindow(analysis=False, fit_screen=False)  # no engine loaded: the status bar is all this needs
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    keys = window.presentation.caption_bar.keys
    window.presentation.enter()
    try:
        window.showNormal()  # the projector's 1280x720, not the offscreen screen's size
        window.resize(1280, 720)
        wait_until(lambda: window.size().toTuple() == (1280, 720), what="the window at 1280x720")
        settle(0.2)
        assert keys.isVisible() and "F11" in keys.text()
        window.statusBar().showMessage("UMAP ready (compiled in 9 s)", 5000)
        assert keys.isVisible(), "a passing message hid the keys line"
        settle(0.2)
        assert keys.isVisible()
        assert keys.text().startswith("F11 · Space · S · R · P") and "leave" in keys.toolTip()  # room for it
        bar = window.statusBar()  # the message is drawn left of the permanent widgets: room for it there
        first = min(w.geometry().left() for w in bar.findChildren(QLabel) if w.parent() is bar and w.isVisible())
        assert first > bar.fontMetrics().horizontalAdvance("UMAP ready (compiled in 9 s)")
        assert window.statusBar().currentMessage() == "UMAP ready (compiled in 9 s)"
        bar.clearMessage()
        assert keys.isVisible() and keys.text().startswith("F11 leave · Space play")
    finally:
        window.presentation.leave()
    settle(0.1)
    assert not keys.isVisible()
    window.close()


def test_the_run_figures_of_the_status_bar_are_whole_while_presenting_two_runs(qtbot, app, gui_settings):
    """At 1280x720 in large type the keys line took the status bar and the runs' figures were cut to
    "A: step 4(  B: step 4(  epoch 1.2  534 img/s" while a recording's "● REC" was beside them: the keys
    line (all of it in its tooltip) gives way instead."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from gui.window.main_window import MainWindow

    window = MainWindow(analysis=False, fit_screen=False)
    qtbot.addWidget(window)
    window._status_label_b()  # made when B first shows
    labels = window.status_labels
    for key, text in (("step", "A: step 40,000"), ("step_b", "B: step 40,000"), ("epoch", "epoch 1.2"),
                      ("speed", "534 img/s"), ("device", "CPU"), ("elapsed", "00:09")):
        labels[key].setText(text)
        labels[key].show()
    window.resize(1280, 720)
    window.show()
    window.presentation.add_key(Qt.Key.Key_N, lambda: None, "next caption")  # a lesson's key: a longer line
    rec = QLabel("● REC 0:30 · 60 frames")  # as View ▸ Record… shows it (gui/recording/record_actions.py)
    window.statusBar().addPermanentWidget(rec)
    window.presentation.enter()
    try:
        window.showNormal()
        window.resize(1280, 720)
        wait_until(lambda: window.size().toTuple() == (1280, 720), what="the window at 1280x720")
        settle(0.3)
        for key, label in [*labels.items(), ("rec", rec)]:
            assert label.width() >= label.fontMetrics().horizontalAdvance(label.text()), (key, label.text())
        keys = window.presentation.caption_bar.keys
        assert keys.isVisible() and keys.width() > 150  # what is left is the keys line's, cut at its end
    finally:
        window.presentation.leave()
    window.close()


def test_a_new_metrics_run_starts_on_clean_plots(qtbot, app):
    view = _metrics_of_two_runs(qtbot, (700, 460))
    view.end_run("B")
    view.begin_run(snaps.run_started(5, "SimCLR"))  # the only run now: every plot framed afresh
    settle(0.2)
    for plot in (view.std_plot, view.rank_plot):
        (x0, x1), (y0, y1) = plot.vb.viewRange()
        assert x1 <= 1 and y1 <= 1, (plot.titleLabel.text, plot.vb.viewRange())  # not 0..20 steps, rank 6

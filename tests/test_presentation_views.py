"""Presentation mode's compact forms of the views at a projector's sizes: A's and B's panes in equal
halves, the wrapped labels of A|B views one line each (cut with "…", the whole text in the tooltip),
the Metrics plots' titles cut at their end; each put back on leaving. And one two-run lesson at
1280x720 through the real window: both panes equal, figures' titles on one line, figures high enough."""

from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.views.run_view import OneRunView
from tests.gui_helpers import settle, wait_until

LONG = "error of each hidden patch, mean over images, for every one of the forty-nine patches of a digit"


class _View(OneRunView, QWidget):
    """A view with a long word-wrapped title, as a Method view figure's."""

    def __init__(self):
        QWidget.__init__(self)
        self.title = QLabel(LONG)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(16)  # presentation mode's large type: an "…" alone is wider than a cut pane
        self.title.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addStretch(1)

    def clear(self) -> None:
        pass


def _two_runs(qtbot, width: int):
    from gui.app import create_app
    from gui.views.side_by_side import SideBySide

    create_app([])
    box = SideBySide(_View)
    qtbot.addWidget(box)
    box.resize(width, 300)
    box.show()
    box.begin_run(SimpleNamespace(run_id=1), "A", "run A")
    box.begin_run(SimpleNamespace(run_id=2), "B", "run B")
    settle(0.1)
    return box


def _widths(box) -> list[int]:
    return [pane.box.width() for pane in box.panes.values()]


def test_a_and_b_get_equal_halves_at_every_width_while_presenting(qtbot):
    """The splitter kept the shares it was given in a small window: A's images were a quarter of the
    width beside B's at 1280x720."""
    box = _two_runs(qtbot, 500)
    box.set_presenting(True)
    box.splitter.setSizes([100, 400])  # as the splitter shared out before the window had its size
    for width in (700, 1280, 1920):
        box.resize(width, 300)
        settle(0.1)
        a, b = _widths(box)
        assert abs(a - b) <= 0.1 * max(a, b), (width, a, b)
    box.set_presenting(False)
    box.splitter.setSizes([300, 900])  # the user's own shares, outside presentation mode, stay
    box.resize(1300, 300)
    settle(0.1)
    assert _widths(box)[1] > 2 * _widths(box)[0]


def test_wrapped_labels_of_a_and_b_are_one_line_while_presenting_and_put_back(qtbot):
    from gui.window.one_line_labels import OneLineLabels

    box = _two_runs(qtbot, 640)
    title = box.view("B").title
    wrapped_height = title.height()
    labels = OneLineLabels(box.window())
    labels.apply()
    settle(0.1)
    labels.apply()  # at the width the one-line label got
    assert not title.wordWrap() and title.text().endswith("…") and title.toolTip().startswith(LONG)
    assert title.height() < wrapped_height and title.width() <= box.panes["B"].box.width()
    box.resize(60, 300)  # B's pane made while the window had no width yet: cut to nothing
    settle(0.1)
    labels.apply()
    box.resize(1280, 300)
    for _ in range(3):  # the rescans: the label grows back with the pane, not held at its cut text's size
        settle(0.1)
        labels.apply()
    assert title.text().startswith("error of each hidden patch, mean"), title.text()
    title.setText("a new title " * 20)  # the view writes a new text while presenting
    labels.apply()
    assert title.text().startswith("a new title") and title.text().endswith("…")
    assert title.toolTip().startswith("a new title")
    labels.restore()
    assert title.wordWrap() and title.text() == "a new title " * 20 and title.toolTip() == ""
    assert box.view("A").title.text() == LONG and box.view("A").title.wordWrap()


def test_metrics_titles_are_cut_at_their_end_while_presenting_and_whole_after(qtbot):
    """Centred and clipped at both edges, the titles of four plots in a row beside Loss read
    "es on held-out im"; cut at their end, each starts as it should."""
    from gui.views.metrics_view import MetricsView

    view = MetricsView()
    qtbot.addWidget(view)
    view.resize(600, 260)
    view.show()
    whole = view.scores_plot.titleLabel.text
    view.set_presenting(True)
    settle(0.2)
    shown = view.scores_plot.titleLabel.text
    assert shown != whole and "…" in shown and "probes on" in shown
    assert "probes on held-out images" in view.scores_plot.toolTip()
    from PySide6.QtGui import QFontMetricsF

    from gui.views.fitted_titles import TAG
    for plot in view.titles.whole:  # each cut title lies within its plot's view box, as drawn
        title = plot.titleLabel.text
        assert QFontMetricsF(view.titles.drawn_font(title)).horizontalAdvance(TAG.sub("", title)) <= plot.vb.width() + 2
    view.set_presenting(False)
    view.resize(800, 600)  # a 2 x 2 grid with room for each whole title (in a row they are cut as well)
    settle(0.2)
    assert view.scores_plot.titleLabel.text == whole and view.scores_plot.toolTip() == ""


def test_the_caption_bar_is_as_high_as_its_caption_at_the_windows_width(qtbot):
    """A caption set while the window was narrow kept six lines' height at 1280 pixels."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QMainWindow

    from gui.app import create_app
    from gui.window.caption_bar import CaptionBar

    create_app([])
    window, bar = QMainWindow(), CaptionBar()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("views"))
    big = QFont(QApplication.font())
    big.setPointSizeF(16)
    bar.set_base_font(big, QApplication.font())
    bar.set_caption("Each digit is cut into 49 patches of 4x4 pixels. A hides 25% of them at random while it "
                    "trains, B 90%; the loss counts the hidden patches only.")
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.resize(400, 720)
    window.show()
    settle(0.2)
    line = bar.text.fontMetrics().height()
    assert bar.text.height() >= 4 * line  # narrow: many lines, none lost
    window.resize(1280, 720)
    settle(0.2)
    assert bar.text.height() <= 2 * line + 8 and bar.height() <= 2 * line + 24, (bar.text.height(), line)


@pytest.mark.parametrize("size", [(1280, 720)])
def test_a_two_run_lesson_is_readable_at_a_projectors_size(qtbot, gui_settings, size):
    """mae_mask_ratio: images and the Method view, A beside B. Its figures' titles wrapped to four
    lines and A's images had a quarter of the width."""
    from engine.training.config import RunConfig
    from gui.views.method.method_figures import FigurePanel
    from gui.window.lesson_player import open_lesson
    from gui.window.main_window import MainWindow
    from tests.gui_helpers import open_app_window

    w = open_app_window(qtbot, RunConfig(method="autoencoder", dataset="digits", cadence=MainWindow.cadence()),
                        fit_screen=False, analysis=False)
    w.ask_before_discard = False
    assert open_lesson(w, "mae_mask_ratio")
    wait_until(lambda: w.run_info.method == "mae" and w.images.showing_b(), timeout=120, what="A and B")
    w.presentation.enter()
    w.showNormal()
    w.resize(*size)
    w.session.control.run_until(2)
    method = w.methods
    wait_until(lambda: all(pane.view.widgets for pane in method.panes.values()), timeout=120, what="figures")
    settle(1.2)  # a rescan or two: labels made since are one line too
    try:
        for side_by_side in (w.images, method):
            a, b = _widths(side_by_side)
            assert abs(a - b) <= 0.1 * max(a, b), (type(side_by_side.view()).__name__, a, b, [p.box.minimumSizeHint().width() for p in side_by_side.panes.values()], side_by_side.splitter.width())
        shown = [panel for panel in method.findChildren(FigurePanel) if panel.isVisible()]

        def one_line(panel) -> bool:
            return panel.title.height() < 2 * panel.title.fontMetrics().height()

        # The one-line rescan runs on a timer: on a loaded machine a title made late is cut a turn later.
        wait_until(lambda: all(one_line(panel) for panel in shown), timeout=15,
                   what=f"one-line titles, not {[p.title.text() for p in shown if not one_line(p)]}")
        for panel in shown:
            if panel.isVisible():
                assert panel.height() - panel.title.height() >= 60, (panel.title.text(), panel.height())
    finally:
        w.presentation.leave()
    titles = [p.title for p in method.findChildren(FigurePanel)]
    assert all(t.wordWrap() and "…" not in t.text() for t in titles)
    w.close()

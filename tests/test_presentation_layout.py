"""Presentation mode's arrangement of a lesson's views (gui/window/presentation_layout.py): rows, their
shares of the height, every shipped lesson in two rows, and the docks' sizes back as they were on leaving."""

from PySide6.QtCore import Qt

from tests.gui_helpers import wait_until


def test_rows_put_a_view_of_two_runs_on_a_row_of_its_own():
    from gui.window.presentation_layout import rows_for

    assert rows_for(["Loss", "Metrics", "Method view"]) == [[0, 1], [2]]
    assert rows_for(["Metrics", "Embedding map"]) == [[0], [1]]
    assert rows_for(["Augmentations", "Loss", "Metrics"]) == [[0, 1], [2]]
    assert rows_for(["Images", "Latent explorer", "Method view"]) == [[0], [1], [2]]  # never two wide in a row


def test_the_maps_row_gets_the_larger_share_of_the_height(qtbot):
    """tsne_perplexity at 1280x720: with equal rows its maps were 157 pixels tall under their controls."""
    from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

    from gui.window.presentation_layout import arrange

    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QWidget())
    window.centralWidget().hide()
    docks = []
    for title in ("Embedding map", "Metrics"):
        dock = QDockWidget(title)
        dock.setObjectName(title.replace(" ", "_"))
        dock.setWidget(QWidget())
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        docks.append(dock)
    window.resize(1280, 720)
    window.show()
    qtbot.wait(50)
    arrange(window, docks)
    qtbot.wait(50)  # the dock layout settled (equal rows gave 357 and 357 pixels)
    assert docks[0].height() > 1.4 * docks[1].height() > 0


def test_every_shipped_lesson_fits_two_rows_of_views():
    """At 720 pixels of height a third row of views leaves none readable: a lesson names at most the
    views that fit in two rows (two views of one run side by side, or one that shows A beside B)."""
    from pathlib import Path

    from engine.lessons.loader import load_lesson
    from engine.lessons.schema import VIEWS
    from gui.window.presentation_layout import rows_for

    files = sorted(Path(__file__).resolve().parents[1].joinpath("assets", "lessons").glob("*.toml"))
    assert files
    for path in files:
        lesson = load_lesson(path)
        assert len(rows_for([VIEWS[v] for v in lesson.views])) <= 2, (path.name, lesson.views)


def test_leaving_puts_back_the_docks_sizes_of_a_lessons_layout(qtbot, gui_settings):
    """vicreg_variance at 1280x720: after F11 and back, the settings panel came back twice as wide
    (294 -> 637 px) and the Images dock a third as wide (506 -> 168): restoreState ran under the large
    type's cached minimum sizes."""
    from engine.training.config import RunConfig
    from gui.window.lesson_player import open_lesson
    from gui.window.main_window import MainWindow
    from tests.gui_helpers import open_app_window, settle

    w = open_app_window(qtbot, RunConfig(method="autoencoder", dataset="digits", cadence=MainWindow.cadence()),
                        fit_screen=False, analysis=False)
    w.ask_before_discard = False
    w.resize(1280, 720)
    assert open_lesson(w, "vicreg_variance")
    wait_until(lambda: w.run_info.method == "vicreg" and w.images.showing_b(), timeout=120, what="A and B")
    settle(0.5)
    shown = [t for t, d in w.docks.items() if not d.visibleRegion().isEmpty()]  # not a tab behind another
    assert {"Experiment", "Images", "Metrics", "Method view"} <= set(shown)
    before = {t: w.docks[t].size().toTuple() for t in shown}
    w.presentation.enter()
    settle(0.5)
    w.presentation.leave()
    settle(0.5)
    after = {t: w.docks[t].size().toTuple() for t in shown}
    for title in shown:
        assert all(abs(a - b) <= 8 for a, b in zip(before[title], after[title])), (title, before[title], after[title])
    w.close()

"""Presentation mode and small screens (issue 19 §7), checked by geometry at 1280x720 offscreen: the layout
right as soon as F11 returns and as soon as it is left, the Metrics plots' height, every map legend entry
in view, no two labels over each other, images that fill their view, one lesson list, and the shortcuts
that work with the menu bar hidden."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui_helpers import settle, wait_until


def _activate(w) -> None:
    """The window active, as a shortcut needs (a dialog shown since may have taken it)."""
    w.activateWindow()
    if QApplication.activeWindow() is not w:
        QApplication.setActiveWindow(w)
    wait_until(lambda: QApplication.activeWindow() is w, 5, "the window to be active")


def _lesson_lists(w) -> list:
    from gui.window.lesson_menu import LessonList

    return [d for d in w.findChildren(LessonList) if d.isVisible()]


# -- shortcuts --------------------------------------------------------------------------------------
@pytest.mark.parametrize("presenting", [False, True])
def test_ctrl_l_opens_one_lesson_list_presenting_or_not(window, presenting):
    """Presenting (the menu bar hidden) Ctrl+L opened nothing; in normal mode it opened a second list."""
    if presenting:
        window.presentation.enter()
    _activate(window)
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: _lesson_lists(window), 5, "a lesson list")
    _activate(window)
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    settle(0.2)
    assert len(_lesson_lists(window)) == 1
    for dialog in _lesson_lists(window):
        dialog.close()
    window.presentation.leave()


@pytest.mark.parametrize("presenting", [False, True])
def test_ctrl_shift_r_stops_a_recording(window, tmp_path, presenting):
    """The menu said Ctrl+Shift+R for Stop recording; presenting, the key did nothing."""
    from gui.recording.record_actions import start_recording

    if presenting:
        window.presentation.enter()
    recorder = start_recording(window, str(tmp_path / "clip.gif"), fps=5.0)
    assert recorder is not None and recorder.state == "recording"
    _activate(window)
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert recorder.state != "recording"
    recorder.wait()
    window.presentation.leave()


# -- two runs at 1280x720 in normal mode: what each view gets ---------------------------------------
@pytest.fixture
def app():
    """The application as the app makes it (pyqtgraph's row-major images, the app's type)."""
    from gui.app import create_app

    return create_app([])


def _info(run_id, **kw):
    from types import SimpleNamespace

    base = dict(run_id=run_id, method="vae", method_label="VAE", dataset="digits", latent_dim=0,
                image_shape=(1, 8, 8), class_names=tuple(str(i) for i in range(10)), step=0, params={},
                run_params={})
    return SimpleNamespace(**{**base, **kw})


def test_the_two_runs_std_reference_labels_never_overlap(qtbot, app):
    """"1/√d" and "1/√d (B)" ran into each other in a narrow std plot (two runs, the same d)."""
    from gui.views.metrics_view import MetricsView

    view = MetricsView()
    qtbot.addWidget(view)
    view.resize(466, 240)  # the Metrics dock beside Images with two runs at 1280x720
    view.show()
    for slot, run_id in (("A", 1), ("B", 2)):
        view.begin_run(_info(run_id), slot)
        scores = {"knn": 0.5, "linear": 0.5, "nmi": 0.3, "ari": 0.2, "std": 0.1, "effective_rank": 5.0,
                  "std_reference": 1 / np.sqrt(32)}
        for step in (10, 20):
            view.add(step, "model", scores, np.linspace(3, 0.1, 32), "", slot)
    settle(0.3)
    for width in (466, 300, 700):
        view.resize(width, 240)
        settle(0.2)
        a, b = (view.runs[s].std_ref.label for s in ("A", "B"))
        assert a.isVisible() and b.isVisible()
        rect_a, rect_b = a.sceneBoundingRect(), b.sceneBoundingRect()
        assert not rect_a.intersects(rect_b), (width, rect_a, rect_b)
        box = view.std_plot.vb.sceneBoundingRect()  # each along the line within the plot, not cut off
        assert box.left() - 1 <= rect_a.left() and rect_b.right() <= box.right() + 1, (width, box, rect_a, rect_b)


@pytest.mark.parametrize("size, presenting", [((420, 250), False), ((300, 200), False), ((620, 300), True)])
def test_the_map_legend_lists_every_class(qtbot, app, size, presenting):
    """Two runs at 1280x720: a map about 160 px high listed classes 0-6 of ten, the rest cut off."""
    from gui.views.map.map_view import MapView
    from tests.test_presentation_crowded import large_type

    with large_type(presenting):
        view = MapView()
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()
        if presenting:
            view.set_presenting(True)
        rng = np.random.default_rng(0)
        labels = np.arange(200) % 10
        images = (rng.random((200, 8, 8, 1)) * 255).astype(np.uint8)
        view.set_probe_set(images, labels, tuple(str(i) for i in range(10)), None, ())
        view.add_frame(0, "pca", rng.normal(size=(200, 2)).astype(np.float32), "mocked PCA")
        settle(0.3)
        labels_shown = [label for _sample, label in view.key.legend.items]
        assert len(labels_shown) == 10
        for label in labels_shown:
            rect = label.sceneBoundingRect()
            assert label.isVisible() and rect.bottom() <= _scene_height(view) and rect.right() <= _scene_width(view), \
                (label.text, rect, _scene_height(view))
        view.close()


def _scene_height(view) -> float:
    """The bottom of the map's drawing area in scene coordinates (what the user sees of its canvas)."""
    return view.vb.sceneBoundingRect().bottom() + 2


def _scene_width(view) -> float:
    return view.plot.width()


@pytest.mark.parametrize("size, least", [((250, 230), 24), ((1200, 560), 100)])
def test_images_scale_to_the_room_they_have(qtbot, app, size, least):
    """Run B's images beside A's at 1280x720 were rows 8 px tall; in a large view 8x8 digits were drawn a
    few pixels wide with the view's height unused. Each image is now as large as the view allows."""
    from gui.views.image_view import ImageView

    view = ImageView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    rng = np.random.default_rng(0)
    inputs = rng.random((10, 8, 8, 1)).astype(np.float32)
    view.show_batch(5, inputs, np.arange(10), None, inputs * 0.5)
    settle(0.3)
    drawn = 8 / view.vb.viewPixelSize()[1]  # an image's height on screen, in pixels
    assert drawn >= least, (view.groups, drawn)
    mapped = view.item.mapRectToScene(view.item.boundingRect())  # the whole mosaic within the view
    assert view.vb.sceneBoundingRect().adjusted(-1, -1, 1, 1).contains(mapped), (mapped, view.vb.sceneBoundingRect())
    # A click on the last image of the reconstruction row opens that image, whatever the grouping.
    from types import SimpleNamespace

    from PySide6.QtCore import QPointF

    columns = -(-10 // view.groups)
    group, col = divmod(9, columns)
    at = QPointF(col * (8 + 2) + 3, (group * 2 + 1) * (8 + 2) + 3)  # rows: input, reconstruction per group
    event = SimpleNamespace(button=lambda: Qt.MouseButton.LeftButton, pos=lambda: at, accept=lambda: None)
    view._on_click(event)
    assert view.dialogs and np.allclose(view.dialogs[-1].image, inputs[9] * 0.5)
    view.dialogs[-1].close()


# -- F11 in and out: the layout right at once -------------------------------------------------------
def _layout_now(w) -> dict:
    """What the user sees of the layout: each shown dock's rectangle, the status bar's, the Metrics plots'
    heights, and the tool buttons narrower than their text needs (drawn "P…e", "R…t")."""
    from PySide6.QtWidgets import QToolButton

    m = w.metrics_view
    return {"docks": {t: d.geometry().getRect() for t, d in w.docks.items() if d.isVisible()},
            "status": w.statusBar().geometry().getRect() if w.statusBar().isVisible() else None,
            "metrics": [round(p.vb.height()) for p in (m.scores_plot, m.std_plot)] if m.isVisible() else None,
            "cut": sorted(b.text() for b in w.findChildren(QToolButton)
                          if b.isVisible() and b.text() and b.width() < b.sizeHint().width())}


def _close_to(a: dict, b: dict, slack: int = 4) -> bool:
    if a["docks"].keys() != b["docks"].keys() or a["cut"] or b["cut"] or (a["status"] is None) != (b["status"] is None):
        return False
    # Each dock's top and height (what the symptoms were about); widths within a row of two may still be
    # shared out again by Qt's dock layout a moment later.
    pairs = [(a["docks"][t][i], b["docks"][t][i]) for t in a["docks"] for i in (1, 3)]
    pairs += list(zip(a["status"] or (), b["status"] or ())) + list(zip(a["metrics"] or (), b["metrics"] or ()))
    return all(abs(x - y) <= slack for x, y in pairs)


def test_the_layout_is_right_as_soon_as_f11_returns_and_as_soon_as_it_is_left(qtbot, gui_settings, monkeypatch):
    """For about 10 s after F11, and again after leaving it, labels were cut ("P…e", "R…t"), the Metrics
    plots a 30 px strip and the status bar gone: the layout waited for later events. Here the window is
    already the screen's size (as a window manager leaves a maximised window at 1280x720), so nothing but
    presentation mode's own changes move anything, and what shows when enter() and leave() return must be
    what shows a second later."""
    from engine.training.config import RunConfig
    from gui.window.lesson_player import open_lesson
    from gui.window.main_window import MainWindow
    from tests.gui_helpers import open_app_window

    w = open_app_window(qtbot, RunConfig(method="autoencoder", dataset="digits", cadence=MainWindow.cadence()),
                        fit_screen=False, analysis=False)
    w.ask_before_discard = False
    w.resize(1280, 720)
    assert open_lesson(w, "simclr_crop_matters")  # Loss and Metrics, side by side while presenting
    wait_until(lambda: w.run_info.method == "simclr" and w.images.showing_b(), timeout=120, what="A and B")
    monkeypatch.setattr(w, "showFullScreen", lambda: None)  # the window manager's part, left out
    settle(0.5)
    w.presentation.enter()
    at_once = _layout_now(w)
    settle(1.0)
    later = _layout_now(w)
    assert _close_to(at_once, later), (at_once, later)
    assert later["status"] is not None and w.rect().contains(w.statusBar().geometry())
    w.presentation.leave()
    at_once = _layout_now(w)
    settle(1.0)
    later = _layout_now(w)
    assert _close_to(at_once, later), (at_once, later)
    w.close()


def test_ten_latent_sliders_fit_without_a_scroll_bar_while_presenting(qtbot, app):
    """The β-VAE lesson presenting at 1280x720 (in Chinese) hid z7-z9 behind a scroll bar: the rows keep
    no gaps where the height is short, and the mouse hint above them gives its row up."""
    from gui.views.latent.latent_view import LatentView
    from tests.test_presentation_crowded import large_type, tell_presenting

    with large_type(True):
        view = LatentView()
        qtbot.addWidget(view)
        view.configure(10, (32, 32))
        view.resize(640, 300)  # A's half of the latent explorer's row, as presentation lays it out
        view.show()
        tell_presenting(view, True)
        settle(0.3)
        bar = view.slider_panel.scroll.verticalScrollBar()
        assert bar.maximum() == 0, (bar.maximum(), view.slider_panel.height())
        assert view.status.isHidden()
        tell_presenting(view, False)
        settle(0.1)
        assert not view.status.isHidden()
        view.close()


def test_a_title_too_long_for_its_column_is_not_cut_to_a_stub(app):
    """Presenting the β-VAE lesson in Chinese cut a figure's title to "从先…": where one line keeps less than
    a third of a text, it gets two lines, the second cut; a text that keeps more stays one line."""
    from PySide6.QtGui import QFontMetrics

    from gui.window.one_line_labels import cut_text

    metrics = QFontMetrics(QApplication.font())
    title = "decoded samples of the prior N(0, I), the same z each time"
    narrow = metrics.horizontalAdvance(title) // 5
    two = cut_text(metrics, title, narrow)
    stub = metrics.elidedText(title, Qt.TextElideMode.ElideRight, narrow)
    assert two.count("\n") == 1 and len(two) > 1.5 * len(stub), (two, stub)
    assert all(metrics.horizontalAdvance(line) <= narrow for line in two.split("\n"))
    one = cut_text(metrics, title, metrics.horizontalAdvance(title) * 2 // 3)
    assert "\n" not in one and one.endswith("…")

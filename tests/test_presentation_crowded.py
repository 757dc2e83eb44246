"""Views that were crowded with two runs side by side at 1280x720 (issue 13 §5: nothing cut off, nothing
overlapping), in presentation mode's large type and, for the latent explorer, in the normal one too:
the latent explorers fit without a sideways scroll bar, the Method view's code grid fits its height,
MAE's answer captions do not run into each other, and the map's control row is one line."""

from contextlib import contextmanager
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from tests.gui_helpers import settle

PRESENTING_WIDTH = 1280  # the latent explorer's dock, alone in its row on a 1280x720 projector
NORMAL_WIDTH = 980  # the same dock beside the Experiment panel in a 1280x720 window
METHOD_PANE = (638, 263)  # one run's Method view while presenting at 1280x720 (A's half of its dock)


@pytest.fixture
def app():
    from gui.app import create_app

    return create_app([])


@contextmanager
def large_type(on: bool = True):
    """The application's type as presentation mode sets it (gui/window/presentation.py), and back."""
    from gui.window.plot_scaling import point_size
    from gui.window.presentation import SCALE

    app = QApplication.instance()
    saved = QFont(app.font())
    if on:
        font = QFont(saved)
        font.setPointSizeF(point_size(saved) * SCALE)
        app.setFont(font)
    try:
        yield
    finally:
        app.setFont(saved)


def tell_presenting(root: QWidget, on: bool) -> None:
    """What presentation mode does to the views with a compact form (Presentation._tell_views)."""
    for widget in [root] + root.findChildren(QWidget):
        if callable(getattr(type(widget), "set_presenting", None)):
            widget.set_presenting(on)


# -- the latent explorer ---------------------------------------------------------------------------
def _two_explorers(qtbot, width: int, dim: int = 10):
    from gui.views.latent.latent_view import LatentView
    from gui.views.side_by_side import SideBySide

    rng = np.random.default_rng(0)
    box = SideBySide(LatentView)
    qtbot.addWidget(box)
    for run_id, slot in ((1, "A"), (2, "B")):
        info = SimpleNamespace(run_id=run_id, latent_dim=dim, image_shape=(1, 32, 32), method_label="VAE",
                               dataset="sprites")
        box.begin_run(info, slot)
        codes = rng.normal(size=(50, dim)).astype(np.float32)
        box.view(slot).set_latents(codes, rng.integers(0, 3, 50), codes.min(0), codes.max(0), codes.mean(0),
                                   codes.std(0), rng.uniform(0, 2, dim).astype(np.float32), codes[:4])
    box.resize(width, 300)
    box.show()
    settle(0.2)
    return box


@pytest.mark.parametrize("presenting, width", [(True, PRESENTING_WIDTH), (False, NORMAL_WIDTH)])
def test_two_latent_explorers_fit_side_by_side_at_1280(qtbot, app, presenting, width):
    """Each explorer asked for 790 px (940 in the large type): the two scrolled sideways."""
    with large_type(presenting):
        box = _two_explorers(qtbot, width)
        if presenting:
            tell_presenting(box, True)
        settle(0.2)
        widths = [view.minimumSizeHint().width() for view in box.views()]
        assert box.scroll.horizontalScrollBar().maximum() == 0, (width, widths)
        for view in box.views():
            tabs = view.tabs.tabBar()
            shown = [i for i in range(tabs.count()) if tabs.isTabVisible(i)]
            if presenting:  # every tab left whole, no scroll arrows
                assert sum(tabs.tabRect(i).width() for i in shown) <= tabs.width(), (tabs.width(), shown)
        box.close()


def test_the_pad_tab_hides_while_presenting_unless_it_is_the_explorer(qtbot, app):
    from gui.views.latent.latent_view import LatentView

    view = LatentView()
    qtbot.addWidget(view)
    pad = lambda: view.tabs.isTabVisible(view.tabs.indexOf(view.pad_tab))  # noqa: E731
    view.configure(10, (32, 32))
    view.splitter.setSizes([300, 300, 300])
    before = view.splitter.sizes()
    view.set_presenting(True)
    assert not pad()
    view.configure(2, (32, 32))  # two dimensions: the pad is the explorer itself
    assert pad()
    view.configure(10, (32, 32))  # a new run while presenting: still no pad
    assert not pad()
    view.set_presenting(False)
    assert pad() and view.splitter.sizes() == before  # the user's column widths back


# -- the Method view: VQ-VAE's code grid -----------------------------------------------------------
def _vqvae_figures(rng):
    from engine import figures as fig

    images = rng.uniform(0, 1, (16, 28, 28, 1)).astype(np.float32)
    codes = rng.integers(0, 64, (16, 7, 7))
    return (fig.Bars("code usage", np.bincount(codes.ravel(), minlength=64).astype(float), zero_is_dead=True),
            fig.Value("perplexity", "7.0 of 64 codes"), fig.Value("codes unused lately", "45"),
            fig.CodeGrid("code grids", images, codes, 64, linked_bars="code usage"))


def test_the_code_grid_fits_the_method_views_height_while_presenting(qtbot, app):
    """Its editor's 7x7 table in the large type made the view taller than its dock: the grid was cut,
    under a scroll bar, and two rows of figures kept themselves (the view's height came from them)."""
    from gui.views.method.method_view import MethodView
    from gui.views.method.code_grid import CodeGridWidget

    with large_type():
        view = MethodView()
        qtbot.addWidget(view)
        view.clear("VQ-VAE")
        view.show()
        view.resize(*METHOD_PANE)
        figures = _vqvae_figures(np.random.default_rng(0))
        view.show_figures(31, figures)
        qtbot.waitUntil(lambda: len(view.widgets) == len(figures), timeout=5000)
        tell_presenting(view, True)
        for size in ((958, 456), METHOD_PANE):  # a larger screen first, as on entering full screen
            view.resize(*size)
            settle(0.3)
        assert view.minimumSizeHint().height() <= METHOD_PANE[1], view.placed
        assert view.height() <= METHOD_PANE[1] and len(view.placed) == 1, (view.height(), view.placed)
        (grid,) = view.findChildren(CodeGridWidget)
        assert not grid.editor.isVisible()
        tell_presenting(view, False)
        assert grid.editor.isVisible()
        grid.table.item(0, 0).setText(str((int(grid.grids[0, 0, 0]) + 1) % 64))  # an edit made before presenting...
        assert grid.edited
        tell_presenting(view, True)  # ...goes back to the image's own grid: the hall could not see it
        assert not grid.edited and grid.grid() == grid.grids[0].tolist()


# -- the Method view: MAE's answer captions --------------------------------------------------------
def _shown_caption_rects(grid) -> list:
    """Where each caption's visible text is drawn, in scene coordinates."""
    rects = []
    for label, *_ in grid.cells:
        texts = [item for item in label.childItems() if item.isVisible()]
        assert len(texts) == 1, texts
        rects.append(texts[0].mapRectToScene(texts[0].boundingRect()))
    return rects


@pytest.mark.parametrize("presenting", [True, False])
def test_the_answer_captions_are_cut_to_their_columns_not_run_together(qtbot, app, presenting):
    from engine import figures as fig
    from gui.views.method.mask_grid import MaskGridWidget

    rng = np.random.default_rng(0)
    images = rng.uniform(0, 1, (4, 28, 28, 1)).astype(np.float32)
    whole = ("reconstruction", "reconstruction + visible")
    with large_type(presenting):
        editor = MaskGridWidget(fig.MaskGrid("mask", images, (rng.uniform(size=(4, 7, 7)) < 0.5).astype(np.int64)))
        qtbot.addWidget(editor)
        editor.show_answer((fig.ImageGrid("with this mask", images[:2], columns=2, captions=whole),))
        tell_presenting(editor, presenting)
        editor.resize(420 if presenting else 300, 200)
        editor.show()
        settle(0.3)
        grid = editor.answer.widget("with this mask")
        left, right = _shown_caption_rects(grid)
        assert left.right() <= right.left(), (left, right)
        labels = [label for label, *_ in grid.cells]
        # Either cut with the whole caption in the tooltip, or shown whole where the column holds it.
        shown = labels[1]._fitted_caption.shown.text()
        assert (shown != whole[1] and labels[1].toolTip() == whole[1]) or (shown == whole[1] and not labels[1].toolTip()), \
            (shown, labels[1].toolTip())
        editor.resize(1600, 400)
        settle(0.3)
        assert [label.toolTip() for label in labels] == ["", ""]  # whole again, where it fits


# -- the embedding map -----------------------------------------------------------------------------
def test_the_maps_mouse_controls_hide_while_presenting_and_the_row_is_one_line(qtbot, app):
    from gui.views.map.map_view import MapView

    with large_type():
        view = MapView()
        qtbot.addWidget(view)
        view.method.setCurrentIndex(view.method.findData("tsne"))  # as in lesson tsne_perplexity: its box too
        view.controls.fill_colour_choices([("label", "label")])
        view.resize(METHOD_PANE[0], 264)
        view.show()
        settle(0.2)
        line = view.controls.method.sizeHint().height()
        assert view.controls.height() > 1.5 * line  # two lines: the row wrapped
        view.set_presenting(True)
        settle(0.2)
        assert not view.drag_mode.isVisible() and not view.thumbnails.isVisible()
        assert view.controls.height() <= 1.5 * line, (view.controls.height(), line)
        assert view.plot.height() >= 140
        view.set_presenting(False)
        settle(0.2)
        assert view.drag_mode.isVisible() and view.thumbnails.isVisible()

"""The Method view: each typed figure drawn by its registered widget, each method's figures drawn from a
real model, a clean view for a new run, and the hands-on figures driven as a learner does (mouse
clicks, typed codes)."""

import numpy as np
import pytest
import torch
from PySide6.QtCore import QPoint, Qt

from engine import figures as fig
from tests.figure_examples import ONE_OF_EACH, shown as _shown
from tests.gui_helpers import wait_until

def show_all(qtbot, view, step, figures):
    """show_figures, then wait for the widgets it builds over several turns of the event loop."""
    from gui.views.method.figure_registry import figure_key

    view.show_figures(step, figures)
    qtbot.waitUntil(lambda: set(view.widgets) == {figure_key(f) for f in figures}, timeout=5000)



@pytest.fixture
def app():
    from gui.app import create_app

    return create_app([])


def _view(qtbot, size=(1000, 650)):
    from gui.views.method.method_view import MethodView

    view = MethodView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def _figures(name: str, **params):
    """A fresh model's diagnostics on 32 seeded 8x8 images, as the trainer makes them."""
    from engine.methods import registry

    torch.manual_seed(0)
    cls = registry()[name]
    model = cls(cls.Params(**params), (1, 8, 8)).eval()
    x = torch.rand(32, 1, 8, 8)
    with torch.no_grad():
        return tuple(model.diagnostics(x, (x, x.flip(3))))


def test_every_figure_type_has_a_registered_widget():
    from gui.views.method.figure_registry import FIGURE_WIDGETS
    from gui.views.method import method_view  # noqa: F401  (imports every widget module)

    assert set(FIGURE_WIDGETS) == set(fig.FIGURE_TYPES.values()) == set(ONE_OF_EACH)


@pytest.mark.parametrize("figure_type", list(ONE_OF_EACH), ids=lambda t: t.__name__)
def test_the_registry_draws_each_figure_type(qtbot, app, figure_type):
    from gui.views.method.figure_registry import FIGURE_WIDGETS

    figure = ONE_OF_EACH[figure_type]
    view = _view(qtbot)
    view.clear("A method")
    show_all(qtbot, view, 7, (figure,))
    (widget,) = view.widgets.values()
    assert type(widget) is FIGURE_WIDGETS[figure_type]
    _shown(widget, figure)
    show_all(qtbot, view, 8, (figure,))  # updated in place, not added again
    assert list(view.widgets.values()) == [widget] and view.step.text() == "step 8"


def test_vae_shows_kl_bars_prior_samples_and_a_traversal(qtbot, app):
    view = _view(qtbot)
    view.clear("VAE")
    show_all(qtbot, view, 3, _figures("vae", latent_dim=6))
    (bars,) = view.widgets_of(fig.Bars)
    assert bars.n == 6
    grids = view.widgets_of(fig.ImageGrid)
    assert len(grids) == 2 and all(g.cells[0][1].image is not None for g in grids)
    samples = next(g for g in grids if "prior" in g.title.text())
    assert samples.cells[0][1].image.shape[:2] == (4 * 8 + 3, 4 * 8 + 3)  # 16 samples: 4 rows of 4, 1-px gaps
    traversal = next(g for g in grids if "traversal" in g.title.text())
    assert traversal.cells[0][1].image.shape[:2] == (3 * 8 + 2, 7 * 8 + 6)  # 3 dimensions, 7 values each
    assert any("dimensions in use" in w.text() for w in view.widgets_of(fig.Value))


def test_vicreg_shows_similarity_covariance_and_its_three_terms(qtbot, app):
    view = _view(qtbot)
    show_all(qtbot, view, 3, _figures("vicreg", projection_dim=16, hidden_dim=32, representation_dim=16, width=8))
    heatmaps = view.widgets_of(fig.Heatmap)
    assert sorted(h.item.image.shape for h in heatmaps) == [(16, 16), (32, 32)]
    (terms,) = view.widgets_of(fig.Bars)
    ticks = terms.plot.getAxis("left")._tickLevels[0]
    assert [name for _, name in ticks] == ["invariance", "variance", "covariance"]
    assert np.all(np.isfinite(terms.bars.opts["width"])) and np.all(terms.bars.opts["width"] >= 0)


def test_rotation_labels_each_rotated_image_with_true_and_predicted_angle(qtbot, app):
    view = _view(qtbot, (450, 300))
    figures = _figures("rotation", representation_dim=16, width=8)
    show_all(qtbot, view, 3, figures)
    (gallery,) = view.widgets_of(fig.ImageGrid)
    data = next(f for f in figures if isinstance(f, fig.ImageGrid))
    # Its 16 captioned cells are built a few per turn of the event loop, not in one long pass.
    assert len(gallery.cells) < 16
    qtbot.waitUntil(gallery.complete, timeout=5000)
    assert len(gallery.cells) == len(data.captions) == 16
    for (label, item, _vb), caption, wrong in zip(gallery.cells, data.captions, data.flags):
        true, predicted = caption.split("→")
        assert wrong == (true != predicted) and label.text == caption and item.image is not None
        assert ("#d62728" in label.item.toHtml().lower()) == wrong  # a wrong answer in red


def test_clear_leaves_no_widget_or_text_of_the_old_run(qtbot, app):
    import pyqtgraph as pg

    from gui.widgets.retire import delete_retired

    view = _view(qtbot)
    view.clear("VICReg")
    show_all(qtbot, view, 5, _figures("vicreg", projection_dim=16, hidden_dim=32, representation_dim=16, width=8))
    show_all(qtbot, view, 6, tuple(ONE_OF_EACH.values()))
    assert view.widgets_of(fig.CodeGrid) and view.widgets_of(fig.MaskGrid)
    assert not view.widgets_of(fig.Heatmap)[0].title.text().startswith("similarity of view")  # VICReg's went
    view.clear("SimCLR")
    assert not view.widgets and not view.placed
    shown = [g for g in view.findChildren(pg.GraphicsView) if g.isVisibleTo(view)]
    assert not shown, "a figure of the old run is still in the view"
    delete_retired()  # and gone on the next turn of the event loop (gui/widgets/retire.py)...
    kept = [g for g in view.findChildren(pg.GraphicsView) if not g.isVisibleTo(view)]
    assert len(kept) == len(view.findChildren(pg.GraphicsView)) <= view.pool.spare()  # ...or kept, hidden
    assert view.step.text() == "" and "SimCLR" in view.title.text()


def test_a_new_runs_figure_reuses_a_kept_panel_of_its_kind_with_its_own_title(qtbot, app):
    """The next run's heatmap is drawn by the last run's panel (building one took 15-45 ms of the event
    loop), named and explained by the new figure; a kept Bars no longer reaches the old grid of codes."""
    from PySide6.QtCore import SIGNAL

    view = _view(qtbot)
    show_all(qtbot, view, 1, (fig.Heatmap("cross-correlation", np.eye(4)), fig.Bars("code usage", np.arange(5.0)),
                              fig.CodeGrid("codes", np.zeros((2, 4, 4, 1), np.float32), np.zeros((2, 2, 2), int), 5,
                                           linked_bars="code usage")))
    heatmap, bars = view.widgets_of(fig.Heatmap)[0], view.widgets_of(fig.Bars)[0]
    clicked = SIGNAL("clicked(int)")
    assert bars.receivers(clicked) == 1  # linked to the grid of codes
    view.clear("SimCLR")
    show_all(qtbot, view, 2, (fig.Heatmap("similarity of view 1 to view 2", -np.eye(3), help="cosine similarity"),
                              fig.Bars("terms", np.ones(3), names=("a", "b", "c"))))
    assert view.widgets_of(fig.Heatmap) == [heatmap] and view.widgets_of(fig.Bars) == [bars]
    assert heatmap.title.text() == "similarity of view 1 to view 2" and heatmap.toolTip() == "cosine similarity"
    assert heatmap.export.name == "similarity_of_view_1_to_view_2" and heatmap.isVisibleTo(view)
    assert heatmap.bar.levels() == (-1.0, 1.0)  # the new figure's diverging scale
    assert bars.receivers(clicked) == 0
    view.clear("VQ-VAE")  # named bars, then plain ones again: upright, with no names left on the axis
    show_all(qtbot, view, 3, (fig.Bars("code usage", np.arange(4.0)),))
    assert not bars.plot.getViewBox().state["yInverted"] and bars.plot.getAxis("left")._tickLevels is None


def test_random_mask_draws_a_new_mask_each_press(qtbot, app):
    from PySide6.QtWidgets import QPushButton

    from gui.views.method.mask_grid import MaskGridWidget

    fixed = np.zeros((4, 4))
    fixed[:3] = 1  # the model's fixed mask: 12 of 16 patches hidden
    editor = MaskGridWidget(fig.MaskGrid("hidden", np.zeros((32, 8, 8, 1)), np.repeat(fixed[None], 32, axis=0)))
    qtbot.addWidget(editor)
    requests = []
    editor.interact_requested.connect(lambda payload, tag: requests.append((payload, tag)))
    button = next(b for b in editor.findChildren(QPushButton) if b.text() == "Random mask")
    seen = [editor.mask.copy()]
    for _ in range(3):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert editor.mask.sum() == fixed.sum(), "as many patches hidden as the model hides"
        assert not any(np.array_equal(editor.mask, m) for m in seen[-1:]), "the press drew no new mask"
        payload, tag = requests[-1]
        assert np.array_equal(np.array(payload["mask"]), editor.mask)  # and asked the model about it
        assert tag == payload["figure"] == "MaskGrid" and payload["title"] == "hidden"
        seen.append(editor.mask.copy())
    assert not np.array_equal(seen[1], fixed)


def _vq_view(qtbot):
    """A Method view with VQ-VAE-like figures: 64 codes, image i coded with code i % 8 only."""
    view = _view(qtbot)
    grids = np.repeat((np.arange(32) % 8)[:, None, None], 2, axis=1).repeat(2, axis=2)
    counts = np.bincount(grids.ravel(), minlength=64).astype(float)
    images = np.random.default_rng(0).random((32, 8, 8, 1))
    show_all(qtbot, view, 1, (fig.Bars("code usage (click a bar)", counts, zero_is_dead=True),
                           fig.CodeGrid("code grids", images, grids, 64, linked_bars="code usage (click a bar)")))
    return view, view.widgets_of(fig.Bars)[0], view.widgets_of(fig.CodeGrid)[0]


def test_clicking_a_bar_shows_that_codes_users(qtbot, app):
    view, bars, panel = _vq_view(qtbot)
    wait_until(lambda: bars.plot.getPlotItem().vb.viewRange()[0][1] > 60, what="the bars in view")
    point = bars.plot.mapFromScene(bars.bar_centre(5))
    qtbot.mouseClick(bars.plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))
    wait_until(lambda: panel.code_picked == 5, what="code 5 picked by the click")
    assert "code 5: used by 4 of 32 images" in panel.users_label.text()


def test_decoding_a_code_outside_the_codebook_says_why(qtbot, app):
    view, _bars, panel = _vq_view(qtbot)
    sent = []
    view.interact_requested.connect(lambda payload, tag: sent.append(payload))
    panel.table.item(0, 0).setText("99")  # each edit decodes
    assert "0 to 63" in panel.message.text() and "99" in panel.message.text()
    assert not sent
    wait_until(panel.message.isVisible, what="the message on screen")
    panel.table.item(0, 0).setText("63")
    assert panel.message.text() == "" and sent and sent[-1]["grid"][0][0] == 63
    assert sent[-1]["figure"] == "CodeGrid" and sent[-1]["title"] == "code grids"


class FakeSession:
    """Stands in for the engine: serves the view's interact requests with a real model's interact(),
    as engine/training/requests.py does, and hands the answer back as the window's routes do."""

    def __init__(self, view, model, x):
        self.view, self.model, self.x, self.requests = view, model, x, []
        view.interact_requested.connect(self.interact)

    def interact(self, payload: dict, tag: str) -> None:
        from engine.training.snapshots import Interaction

        self.requests.append(payload)
        with torch.no_grad():
            answer = Interaction(1, len(self.requests), tag, payload, self.model.interact(self.x, payload))
        self.view.show_interaction(answer.tag, answer.result)


def test_a_mask_edit_reaches_the_methods_interact_and_comes_back_drawn(qtbot, app):
    from engine.methods import create_method

    torch.manual_seed(0)
    model = create_method("mae", {"patch_size": 2}, (1, 8, 8)).eval()
    x = torch.rand(32, 1, 8, 8)
    view = _view(qtbot)
    session = FakeSession(view, model, x)
    with torch.no_grad():
        show_all(qtbot, view, 1, tuple(model.diagnostics(x, ())))
    (editor,) = view.widgets_of(fig.MaskGrid)
    answer = editor.answer.widget("with this mask")
    assert answer is not None and len(answer.cells) == 2  # reconstruction, and it with the visible patches
    editor._show_all()  # nothing hidden: the pasted image is the input itself
    assert session.requests[-1]["mask"] == [[0] * 4] * 4
    pasted = answer.cells[1][1].image
    np.testing.assert_allclose(pasted, x[0, 0].numpy(), atol=1e-6)
    editor.toggle(0, 0)  # patch (0, 0) hidden: the pasted image takes the model's guess there
    assert session.requests[-1]["mask"][0][0] == 1
    guess = answer.cells[0][1].image[:2, :2]
    np.testing.assert_allclose(answer.cells[1][1].image[:2, :2], guess, atol=1e-6)
    np.testing.assert_allclose(answer.cells[1][1].image[2:], x[0, 0, 2:].numpy(), atol=1e-6)


def _plain(value) -> bool:
    """What may cross a process boundary inside a figure: arrays, text, numbers and tuples of them."""
    if isinstance(value, tuple):
        return all(_plain(v) for v in value)
    return isinstance(value, (np.ndarray, str, int, float, bool))


def _an_edit(figure):
    """An edit the user could make of an editable figure: its first image as the model shows it."""
    if isinstance(figure, fig.MaskGrid):
        return fig.edit_payload(figure, image=0, mask=figure.masks[0].tolist())
    if isinstance(figure, fig.CodeGrid):
        return fig.edit_payload(figure, grid=figure.codes[0].tolist())
    return None


@pytest.mark.parametrize("name", sorted(__import__("engine.methods", fromlist=["registry"]).registry()))
def test_every_method_reports_only_figures_the_view_can_draw(name):
    """One seeded step on a tiny batch, then the method's figures (and its answers to an edit of each
    editable figure): each must be a figure type with a registered widget, holding plain data only."""
    from dataclasses import fields

    from engine.methods import Batch, registry
    from engine.training.snapshots import Interaction, MethodUpdate
    from gui.views.method import method_view  # noqa: F401  (imports every widget module)
    from gui.views.method.figure_registry import FIGURE_WIDGETS

    torch.manual_seed(0)
    cls = registry()[name]
    model = cls(cls.Params(), (1, 8, 8))
    x = torch.rand(8, 1, 8, 8)
    views = (x, x.flip(3))
    model.training_step(Batch(x, views[:cls.views], 0))["loss"].backward()
    model.after_step(0)
    model.eval()
    with torch.no_grad():
        figures = list(model.diagnostics(x, views))
        answers = [model.interact(x, p) for p in map(_an_edit, figures) if p is not None]
    for answer in answers:
        assert isinstance(answer, dict)
        figures += list(answer.values())
    for f in figures:
        assert type(f) in FIGURE_WIDGETS, f"{name} reports a {type(f).__name__}, which no widget draws"
        assert all(_plain(getattr(f, field.name)) for field in fields(f)), f"{name}'s {f.title!r} holds more than data"
    MethodUpdate(1, 1, tuple(figures))  # and the snapshots take them
    for answer in answers:
        Interaction(1, 1, "tag", {}, answer)


def test_a_snapshot_refuses_what_is_not_a_figure():
    from engine.training.snapshots import MethodUpdate

    with pytest.raises(TypeError, match="diagnostics\\(\\) returned a str"):
        MethodUpdate(1, 1, ("heatmap:similarity",))


def test_a_new_methods_figures_are_built_over_several_turns_and_a_new_run_drops_the_rest(qtbot, app, monkeypatch):
    """Each plot widget takes 15-45 ms to build; a new method's figures at once froze the window.
    With no budget, one widget is built per turn of the event loop, in the method's order."""
    from gui.views.method import method_view

    monkeypatch.setattr(method_view, "BUILD_BUDGET_S", 0.0)
    figures = tuple(fig.Heatmap(f"matrix {i}", np.eye(4) * i) for i in range(4))
    view = _view(qtbot)
    view.show_figures(1, figures)
    assert [title for _, title in view.widgets] == ["matrix 0"]  # the rest wait for the event loop
    qtbot.waitUntil(lambda: len(view.widgets) == 4, timeout=5000)
    assert [title for _, title in view.widgets] == [f"matrix {i}" for i in range(4)]
    assert sum(map(len, view.placed)) == 4  # all placed
    view.clear("VAE")
    view.show_figures(1, figures)
    view.clear("MAE")  # a new run before the build was done: nothing of the old run comes back
    qtbot.wait(50)
    assert view.widgets == {}


def test_a_and_b_share_one_turns_budget_for_new_figure_widgets(qtbot, app, monkeypatch):
    """A lesson's two Method views build their first figures in the same turns: one budget for both, so a
    turn builds B's first widget only when A's left time for it."""
    from gui.views.method import method_view

    monkeypatch.setattr(method_view, "BUILD_BUDGET_S", 0.0)  # one widget per turn, whoever asks
    qtbot.wait(10)  # a fresh turn
    a, b = _view(qtbot), _view(qtbot)
    qtbot.wait(10)
    figures = (fig.Heatmap("h1", np.eye(3)), fig.Heatmap("h2", np.eye(3)))
    a.show_figures(1, figures)
    b.show_figures(1, figures)
    assert (len(a.widgets), len(b.widgets)) == (1, 0)
    show_all(qtbot, b, 1, figures)
    show_all(qtbot, a, 1, figures)

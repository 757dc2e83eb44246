"""The Method view: each method's figures drawn from a real model, a clean view for a new run, and
the hands-on panels driven as a learner does (mouse clicks, typed codes)."""

import numpy as np
import pytest
import torch
from PySide6.QtCore import QPoint, Qt

from tests.gui_helpers import wait_until


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
        figures = model.diagnostics(x, (x, x.flip(3)))
    return figures, (x.permute(0, 2, 3, 1).numpy() * 255).astype(np.uint8)


def _panels_of(view, kind):
    from gui.views.method import method_figures as mf

    cls = {"bars": mf.Bars, "heatmap": mf.Heatmap, "images": mf.ImageGrid}[kind]
    return [p for p in view.panels.values() if isinstance(p, cls)]


def test_vae_shows_kl_bars_prior_samples_and_a_traversal(qtbot, app):
    view = _view(qtbot)
    figures, images = _figures("vae", latent_dim=6)
    view.clear("VAE")
    view.show_figures(3, figures, images)
    (bars,) = _panels_of(view, "bars")
    assert bars.n == 6
    grids = _panels_of(view, "images")
    assert len(grids) == 2 and all(g.cells[0][1].image is not None for g in grids)
    samples = next(g for g in grids if "prior" in g.title.text())
    assert samples.cells[0][1].image.shape[:2] == (4 * 8 + 3, 4 * 8 + 3)  # 16 samples: 4 rows of 4, 1-px gaps
    traversal = next(g for g in grids if "traversal" in g.title.text())
    assert traversal.cells[0][1].image.shape[:2] == (3 * 8 + 2, 7 * 8 + 6)  # 3 dimensions, 7 values each
    assert "dimensions in use" in view.values.text()


def test_vicreg_shows_similarity_covariance_and_its_three_terms(qtbot, app):
    view = _view(qtbot)
    figures, images = _figures("vicreg", projection_dim=16, hidden_dim=32, representation_dim=16, width=8)
    view.show_figures(3, figures, images)
    heatmaps = _panels_of(view, "heatmap")
    assert sorted(h.item.image.shape for h in heatmaps) == [(16, 16), (32, 32)]
    (terms,) = _panels_of(view, "bars")
    ticks = terms.plot.getAxis("left")._tickLevels[0]
    assert [name for _, name in ticks] == ["invariance", "variance", "covariance"]
    assert np.all(np.isfinite(terms.bars.opts["width"])) and np.all(terms.bars.opts["width"] >= 0)


def test_rotation_labels_each_rotated_image_with_true_and_predicted_angle(qtbot, app):
    view = _view(qtbot, (450, 300))
    figures, images = _figures("rotation", representation_dim=16, width=8)
    view.show_figures(3, figures, images)
    (gallery,) = _panels_of(view, "images")
    data = next(v for k, v in figures.items() if k.startswith("images:"))
    assert len(gallery.cells) == len(data["captions"]) == 16
    for (label, item, _vb), caption, wrong in zip(gallery.cells, data["captions"], data["flags"]):
        true, predicted = caption.split("→")
        assert wrong == (true != predicted) and label.text == caption and item.image is not None
        assert ("#d62728" in label.item.toHtml().lower()) == wrong  # a wrong answer in red
    assert not view.labels.text()  # no more text lists


def test_clear_leaves_no_panel_or_text_of_the_old_run(qtbot, app):
    import pyqtgraph as pg

    view = _view(qtbot)
    figures, images = _figures("vicreg", projection_dim=16, hidden_dim=32, representation_dim=16, width=8)
    view.clear("VICReg")
    view.show_figures(5, figures, images)
    view.show_figures(6, {"codes:grids": np.zeros((32, 2, 2), int), "bars:usage": np.ones(4),
                          "mask:hidden": np.ones((32, 2, 2))}, images)
    assert view.code_panel is not None and view.mask_editor is not None
    view.clear("SimCLR")
    assert not view.panels and view.code_panel is None and view.mask_editor is None and not view.figures
    assert not view.findChildren(pg.GraphicsView), "a figure of the old run is still in the view"
    assert view.values.text() == view.labels.text() == "" and "SimCLR" in view.title.text()


def test_random_mask_draws_a_new_mask_each_press(qtbot, app):
    from PySide6.QtWidgets import QPushButton

    from gui.views.method.method_panels import MaskEditor

    editor = MaskEditor()
    qtbot.addWidget(editor)
    requests = []
    editor.interact_requested.connect(lambda payload, tag: requests.append(payload["mask"]))
    fixed = np.zeros((4, 4))
    fixed[:3] = 1  # the model's fixed mask: 12 of 16 patches hidden
    editor.set_batch(np.zeros((32, 8, 8, 1), np.uint8), np.repeat(fixed[None], 32, axis=0))
    button = next(b for b in editor.findChildren(QPushButton) if b.text() == "Random mask")
    seen = [editor.mask.copy()]
    for _ in range(3):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert editor.mask.sum() == fixed.sum(), "as many patches hidden as the model hides"
        assert not any(np.array_equal(editor.mask, m) for m in seen[-1:]), "the press drew no new mask"
        assert np.array_equal(np.array(requests[-1]), editor.mask)  # and asked the model about it
        seen.append(editor.mask.copy())
    assert not np.array_equal(seen[1], fixed)


def _vq_view(qtbot):
    """A Method view with VQ-VAE-like figures: 64 codes, image i coded with code i % 8 only."""
    view = _view(qtbot)
    grids = np.repeat((np.arange(32) % 8)[:, None, None], 2, axis=1).repeat(2, axis=2)
    counts = np.bincount(grids.ravel(), minlength=64).astype(float)
    images = np.random.default_rng(0).integers(0, 255, (32, 8, 8, 1), dtype=np.uint8)
    view.show_figures(1, {"bars:code usage (click a bar)": counts, "codes:code grids": grids}, images)
    return view, view.panels["bars:code usage (click a bar)"]


def test_clicking_a_bar_shows_that_codes_users(qtbot, app):
    view, bars = _vq_view(qtbot)
    wait_until(lambda: bars.plot.getPlotItem().vb.viewRange()[0][1] > 60, what="the bars in view")
    point = bars.plot.mapFromScene(bars.bar_centre(5))
    qtbot.mouseClick(bars.plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))
    wait_until(lambda: view.code_panel.code_picked == 5, what="code 5 picked by the click")
    assert "code 5: used by 4 of 32 images" in view.code_panel.users_label.text()


def test_decoding_a_code_outside_the_codebook_says_why(qtbot, app):
    view, _bars = _vq_view(qtbot)
    panel = view.code_panel
    sent = []
    panel.interact_requested.connect(lambda payload, tag: sent.append(payload))
    panel.table.item(0, 0).setText("99")  # each edit decodes
    assert "0 to 63" in panel.message.text() and "99" in panel.message.text()
    assert not sent
    wait_until(panel.message.isVisible, what="the message on screen")
    panel.table.item(0, 0).setText("63")
    assert panel.message.text() == "" and sent and sent[-1]["grid"][0][0] == 63

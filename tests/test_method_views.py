"""The views that explain the self-supervised methods: figures, the two views, the augmentation panel."""

import numpy as np
import torch

from engine.data.augment import AugmentConfig, Op, augment, make_generator
from engine.training.config import RunConfig
from gui.panels.augment_panel import AugmentPanel
from gui.views.method.method_view import MethodView
from tests.gui_helpers import settle, wait_until

def show_all(qtbot, view, step, figures):
    """show_figures, then wait for the widgets it builds over several turns of the event loop."""
    from gui.views.method.figure_registry import figure_key

    view.show_figures(step, figures)
    qtbot.waitUntil(lambda: set(view.widgets) == {figure_key(f) for f in figures}, timeout=5000)



def test_method_view_draws_whatever_figures_arrive(qtbot):
    from engine import figures as fig
    from gui.app import create_app

    create_app([])
    view = MethodView()
    qtbot.addWidget(view)
    view.show()
    view.clear("VQ-VAE")
    figures = (fig.Heatmap("similarity", np.eye(4) * 2 - 1), fig.Bars("code usage", np.array([3.0, 0.0, 5.0])),
               fig.Value("perplexity", "2.0 of 3 codes"), fig.Labels("predicted rotation", ["0°", "90°"]))
    show_all(qtbot, view, 7, figures)
    assert [title for _, title in view.widgets] == ["similarity", "code usage", "perplexity", "predicted rotation"]
    assert [[title for _, title in row] for row in view.placed] == [["similarity", "code usage"]]  # side by side
    assert "step 7" in view.step.text()
    texts = [w.text() for w in view.widgets.values() if w.in_text_strip]
    assert "perplexity" in texts[0] and "90°" in texts[1]
    bars = view.widgets_of(fig.Bars)[0]
    assert bars.bars.opts["brushes"][1].color().name() != "#d62728"  # a 0 is red only where it means a dead code
    show_all(qtbot, view, 8, figures)  # updated in place, not added again
    assert len(view.widgets) == 4


def test_augment_panel_reports_changes_but_not_the_ones_it_is_shown(qtbot):
    panel = AugmentPanel()
    qtbot.addWidget(panel)
    panel.populate()
    seen = []
    panel.changed.connect(seen.append)
    panel.set_ops({"blur": (True, 1.5, 0.5), "flip": (False, 1.0, 0.5)})
    settle(0.3)
    assert not seen
    panel.rows["noise"][0].setChecked(True)
    panel.rows["noise"][1].setValue(0.2)
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    assert len(seen) == 1 and seen[0]["noise"] == (True, 0.2, panel.rows["noise"][2].value())
    assert seen[0]["blur"] == (True, 1.5, 0.5)


def test_two_view_method_in_the_window(window):
    from gui.window.main_window import MainWindow

    window.start_run(RunConfig(method="simclr", dataset="digits", cadence=MainWindow.cadence()))
    wait_until(lambda: window.run_info.method == "simclr", what="the SimCLR run")
    assert window.docks["Augmentations"].isVisible() and not window.docks["Latent explorer"].isVisible()
    wait_until(lambda: [n for n, _ in window.image_view.rows] == ["input", "view 1", "view 2"], what="two views")
    wait_until(lambda: window.method_view.widgets, what="the similarity matrix")
    before = window.image_view.rows[1][1].copy()
    window.augment_panel.rows["noise"][0].setChecked(True)
    window.augment_panel.rows["noise"][1].setValue(0.5)
    window.augment_panel.rows["noise"][2].setValue(1.0)
    wait_until(lambda: not np.array_equal(window.image_view.rows[1][1], before), what="the live preview")
    # The preview is view 1 as the engine now makes it: the panel's recipe, noise included, on the inputs.
    cfg = AugmentConfig(**{name: Op(*op) for name, op in window.augment_panel.ops().items()})
    assert cfg.noise == Op(True, 0.5, 1.0)
    inputs = torch.as_tensor(window.image_view.rows[0][1]).permute(0, 3, 1, 2)
    expected = augment(inputs, cfg, make_generator("cpu", 4321)).permute(0, 2, 3, 1).numpy()
    wait_until(lambda: np.allclose(window.image_view.rows[1][1], expected, atol=1e-5), what="view 1 with the new noise")


def test_mae_in_the_window_shows_masked_and_pasted_rows(window):
    from engine.figures import Heatmap
    from gui.window.main_window import MainWindow

    window.start_run(RunConfig(method="mae", dataset="digits", method_params={"patch_size": 2},
                               cadence=MainWindow.cadence()))
    wait_until(lambda: window.run_info.method == "mae", what="the MAE run")
    wait_until(lambda: [n for n, _ in window.image_view.rows] ==
               ["input", "masked", "reconstruction", "reconstruction + visible"], what="MAE rows")
    wait_until(lambda: any(w.figure.title.startswith("error") for w in window.method_view.widgets_of(Heatmap)),
               what="patch errors")


def test_mae_mask_by_hand(window):
    """An edit of the MaskGrid goes through the real window and engine to MAE's interact() and back."""
    from engine.figures import MaskGrid
    from gui.window.main_window import MainWindow

    window.start_run(RunConfig(method="mae", dataset="digits", method_params={"patch_size": 2},
                               cadence=MainWindow.cadence()))
    wait_until(lambda: window.method_view.widgets_of(MaskGrid), what="the mask editor")
    (editor,) = window.method_view.widgets_of(MaskGrid)
    wait_until(lambda: editor.answer.widget("with this mask") is not None, what="a first reconstruction")
    answer = editor.answer.widget("with this mask")
    hidden = int(editor.mask.sum())
    assert hidden == 16 - 4  # patch 2 on 8x8: 16 patches, 75% hidden
    before = answer.cells[1][1].image.copy()
    editor._show_all()
    wait_until(lambda: not np.array_equal(answer.cells[1][1].image, before), what="the new reconstruction")
    # Nothing hidden: the pasted image is the input itself.
    np.testing.assert_allclose(answer.cells[1][1].image, editor.images[editor.image.value()][..., 0], atol=1e-6)
    editor.toggle(0, 0)
    assert editor.mask[0, 0] == 1


def test_vqvae_code_users_and_grid_decoding(window):
    from engine.figures import CodeGrid
    from gui.window.main_window import MainWindow

    window.start_run(RunConfig(method="vqvae", dataset="digits", cadence=MainWindow.cadence()))
    wait_until(lambda: window.method_view.widgets_of(CodeGrid), what="the code panel")
    (panel,) = window.method_view.widgets_of(CodeGrid)
    used = int(panel.grids[0, 0, 0])
    users = panel.show_users(used)
    expected = [i for i, grid in enumerate(panel.grids) if used in grid]
    assert list(users) == expected and f"code {used}: used by {len(expected)} of" in panel.users_label.text()
    assert "dead code" not in panel.users_label.text()
    grid = panel.grid()
    assert np.array_equal(np.array(grid), panel.grids[0])
    panel.decode()
    wait_until(lambda: panel.answer.widget("decoded from the grid") is not None, what="the decoded grid")
    # A new batch (the model moved on) keeps the user's picked code and edited grid.
    panel.pick(used)
    edited = np.array(panel.grid())
    edited[0, 0] = (edited[0, 0] + 1) % 8
    panel.table.item(0, 0).setText(str(edited[0, 0]))
    assert panel.edited
    panel.show_figure(CodeGrid(panel.figure.title, panel.images, (panel.grids + 1) % 8, panel.codebook_size))
    assert panel.code_picked == used and f"code {used}:" in panel.users_label.text()
    assert np.array_equal(np.array(panel.grid()), edited)
    panel._reset_grid()
    assert not panel.edited and np.array_equal(np.array(panel.grid()), panel.grids[0])
    # A code past the codebook (64 codes) is refused in the view, in words, not sent.
    panel.table.item(0, 0).setText("99")
    wait_until(lambda: "0 to 63" in panel.message.text() and panel.message.isVisible(), what="a clear refusal")

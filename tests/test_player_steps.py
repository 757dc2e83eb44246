"""GAN Lab's steps of one player (issue 20 §1): a single step of the discriminator alone, or of the
generator alone, through the control, the guarded optimisers and the window's Step D / Step G."""

import pytest
import torch

from engine.data import load_dataset
from engine.methods import Batch, create_method
from engine.training.config import RunParams
from engine.training.control import RunControl
from engine.training.optimizers import Optimizers


def _weights(module) -> list[torch.Tensor]:
    return [p.detach().clone() for p in module.parameters()]


def _same(a, b) -> bool:
    return all(torch.equal(x, y) for x, y in zip(a, b))


@pytest.mark.parametrize("method", ["gan", "wgan_gp"])
def test_a_players_step_updates_that_side_only(method):
    torch.manual_seed(0)
    ds = load_dataset("digits")
    params = {"width": 8, "n_critic": 2} if method == "wgan_gp" else {"width": 8}
    model = create_method(method, params, ds.image_shape)
    optimizers = Optimizers(model.configure_optimizers(RunParams()))
    batch = Batch(ds.train.images[:32], (), 0)
    for player, moves, stays in (("discriminator", "discriminator", "generator_net"),
                                 ("generator", "generator_net", "discriminator"), ("", None, None)):
        before = {part: _weights(getattr(model, part)) for part in ("generator_net", "discriminator")}
        optimizers.begin_step(player)
        out = model.optimization_step(batch, optimizers)
        assert "loss" in out  # every curve still reported: the other side's loss is measured, not stepped
        if moves is None:  # both
            assert not any(_same(before[p], _weights(getattr(model, p))) for p in before)
        else:
            assert not _same(before[moves], _weights(getattr(model, moves)))
            assert _same(before[stays], _weights(getattr(model, stays)))


def test_a_method_without_a_generator_trains_whole_whatever_the_player():
    model = create_method("autoencoder", {}, (1, 8, 8))
    optimizers = Optimizers(model.configure_optimizers(RunParams()))
    optimizers.begin_step("generator")
    assert optimizers.only is None


def test_single_steps_keep_their_player_in_order_and_a_pause_point_drops_them():
    control = RunControl(start_paused=True)
    control.step(2, player="discriminator")
    control.step(1, player="generator")
    control.step()
    seen = []
    while control.may_step(0):
        seen.append(control.step_player())
    assert seen == ["discriminator", "discriminator", "generator", ""]
    control.step(3, player="generator")
    control.pause_at_step(5)
    assert not control.may_step(5) and control.step_player() == ""  # the budget wins; none left due
    control.resume()
    assert control.may_step(6) and control.step_player() == ""  # playing: both players


def test_the_window_shows_step_d_and_step_g_for_a_gan_and_sends_the_player(qtbot, gui_settings):
    from PySide6.QtCore import Qt

    from engine.training.config import RunConfig
    from gui.window.main_window import MainWindow
    from tests.gui_helpers import open_app_window, wait_until

    w = open_app_window(qtbot, RunConfig(method="gan", dataset="digits", method_params={"width": 8},
                                         cadence=MainWindow.cadence()))
    w.ask_before_discard = False
    assert all(a.isVisible() for a in w.player_actions.values())
    sent = []
    w.session.control.step = lambda n=1, player="": sent.append(player)
    qtbot.keyClick(w, Qt.Key.Key_D)
    w.player_actions["generator"].trigger()
    qtbot.keyClick(w, Qt.Key.Key_S)
    assert sent == ["discriminator", "generator", ""] and not w.running
    w.panel.method.setCurrentIndex(w.panel.method.findData("vae"))
    wait_until(lambda: w.run_info.method == "vae", what="run A on the VAE")
    assert not any(a.isVisible() for a in w.player_actions.values())  # no players to step alone

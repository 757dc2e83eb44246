"""The training loop's parts, each built on its own without a run: the optimisers' guarded step, the
guard, the loss log, the view builders and the request table."""

import numpy as np
import pytest
import torch
from torch import nn

from engine.data import load_dataset
from engine.data.augment import AugmentConfig
from engine.methods import create_method
from engine.training import control, requests
from engine.training.config import Cadence, RunParams
from engine.training.control import Decode
from engine.training.guard import GRAD_WARMUP, Guard, diverged_message
from engine.training.loss_log import LossLog
from engine.training.optimizers import NonFiniteLoss, Optimizers, make_optimizer
from engine.training.reports import images_update, latents_update
from engine.training.schedule import ReportSchedule
from engine.training.snapshots import Decoded, RunEvent


def _linear() -> tuple[nn.Linear, Optimizers]:
    torch.manual_seed(0)
    model = nn.Linear(3, 2)
    return model, Optimizers({"model": make_optimizer(RunParams(optimizer="sgd", lr=0.1), model.parameters())})


def test_one_optimiser_keeps_torchs_own_state_so_checkpoints_keep_their_format():
    model, optimizers = _linear()
    optimizers.step("model", model(torch.ones(4, 3)).pow(2).mean())
    assert optimizers.state_dict() == optimizers["model"].state_dict()
    assert optimizers.updates == 1 and float(optimizers.grad_norm()) > 0


def test_a_non_finite_loss_is_refused_before_its_update():
    model, optimizers = _linear()
    before = model.weight.detach().clone()
    with pytest.raises(NonFiniteLoss, match="'model'"):
        optimizers.step("model", model(torch.ones(4, 3)).sum() * float("inf"))
    assert torch.equal(model.weight, before) and optimizers.updates == 0


def test_the_guard_restores_the_weights_and_optimiser_state_it_remembered():
    model, optimizers = _linear()
    guard = Guard(model, optimizers, step=0)
    optimizers.step("model", model(torch.ones(4, 3)).pow(2).mean())
    guard.remember(1)
    weights, momentum = model.weight.detach().clone(), optimizers.state_dict()["state"][0]["momentum_buffer"].clone()
    for _ in range(3):
        optimizers.step("model", model(torch.ones(4, 3)).pow(2).mean())
    assert not torch.equal(model.weight, weights)
    assert guard.restore() == 1
    assert torch.equal(model.weight, weights)
    assert torch.equal(optimizers.state_dict()["state"][0]["momentum_buffer"], momentum)


def test_the_guard_judges_non_finite_terms_growing_weights_and_gradient_spikes():
    model, optimizers = _linear()
    guard = Guard(model, optimizers, step=10)
    start = guard.start_weight_norm
    values = np.array([[1.0], [2.0], [np.nan], [3.0]])
    assert guard.judge(values, np.ones(4), start) == (2, None)  # the third step's loss is NaN
    assert guard.judge(values[:2], np.ones(2), start) == (2, None)
    n, why = guard.judge(values[:2], np.ones(2), 101 * start)
    assert n == 2 and "grew 101-fold since step 10" in why
    guard.grad_history.extend([1.0] * GRAD_WARMUP)
    n, why = guard.judge(values[:1], np.array([2000.0]), start)
    assert "gradient norm jumped to 2e+03, 2e+03 times" in why


def test_divergence_messages_say_where_the_weights_are_and_what_to_do():
    app = diverged_message(7, None, 5, 0.1, interactive=True, saving=False)
    assert "at step 7" in app and "back at step 5" in app and "press Play" in app and "0.1" in app
    headless = diverged_message(None, "the weights grew", 5, 0.1, interactive=False, saving=True)
    assert "diverging: the weights grew" in headless and "weights of step 5" in headless and "saves them" in headless


def test_the_loss_log_keeps_steps_on_the_device_until_checked_then_sends_them():
    log = LossLog(run_id=3, n_train=100, batch_size=10)
    for i in range(3):
        log.record({"loss": torch.tensor(float(i)), "kl": torch.tensor(2.0 * i)}, torch.tensor(0.5), examples=10)
    rows = log.take_pending()
    assert rows.shape == (3, 3) and rows[:, -1].tolist() == [0.5] * 3 and log.take_pending() is None
    log.keep(1, rows[:, :-1])
    log.good(rows[-1, :-1])
    update = log.flush(step=3)
    assert update.steps.tolist() == [1, 2, 3] and update.terms["kl"].tolist() == [0.0, 2.0, 4.0]
    assert update.epoch == pytest.approx(0.3) and update.run_id == 3
    assert log.last_terms == {"loss": 2.0, "kl": 4.0} and log.flush(step=3) is None


def test_the_report_schedule_spaces_views_by_their_intervals():
    schedule = ReportSchedule(Cadence(images_interval_s=0.5, latents_interval_s=None, probes_every=2, errors_every=3))
    schedule.t_images = 10.0
    assert not schedule.images_due(10.4) and schedule.images_due(10.5)
    assert not schedule.latents_due(1e9)
    rhythm = [schedule.next_embeddings() for _ in range(4)]
    assert rhythm == [(True, True), (False, False), (True, False), (False, True)]


@pytest.fixture(scope="module")
def digits():
    return load_dataset("digits")


def test_view_builders_need_only_a_model_and_examples(digits):
    probe = digits.heldout.take(np.arange(4))
    model = create_method("vae", {"latent_dim": 3}, digits.image_shape)
    images = images_update(1, 7, model, probe, AugmentConfig.for_dataset(False, 8))
    assert images.step == 7 and images.inputs.shape == images.reconstructions.shape == (4, 8, 8, 1)
    latents = latents_update(1, 7, model, digits.heldout.take(np.arange(20)), probe)
    assert latents.codes.shape == (20, 3) and latents.probe_codes.shape == (4, 3)
    assert latents_update(1, 7, create_method("simclr", {}, digits.image_shape), probe, probe) is None


def test_every_request_type_has_a_handler_and_decoding_checks_its_codes(digits):
    kinds = {getattr(control, n) for n in ("Decode", "Interact", "SetParam", "Save", "Refresh", "SetAugment")}
    assert set(requests.HANDLERS) == kinds
    model = create_method("vae", {"latent_dim": 2}, digits.image_shape)
    cpu = torch.device("cpu")
    good = requests.decoded(1, 0, model, cpu, Decode(5, "slider", np.zeros((3, 2), np.float32)))
    assert isinstance(good, Decoded) and good.images.shape == (3, 8, 8, 1) and good.request_id == 5
    bad = requests.decoded(1, 0, model, cpu, Decode(6, "slider", np.zeros((3, 4), np.float32)))
    assert isinstance(bad, RunEvent) and "cannot decode codes of shape (3, 4)" in bad.message

"""The adversarial family (GAN, WGAN-GP): the loss formulas against hand-computed cases, who steps when,
that each player's update leaves the other's weights alone, the generator's views, and runs through the
real training loop and its guard on every embedded image data set."""

import math

import numpy as np
import pytest
import torch

from engine.data import load_dataset
from engine.errors import ParamError
from engine.figures import Histograms, ImageGrid, Value
from engine.methods import FAMILIES, Batch, create_method, methods_by_family
from engine.methods.adversarial.image_generator import BANK_SEED, BANK_SIZE, batch_statistics, fixed_noise, frozen
from engine.nn.adversarial_losses import (
    discriminator_loss, gradient_penalty, interpolates, non_saturating_generator_loss, r1_penalty,
    wasserstein_critic_loss, wasserstein_estimate)
from engine.nn.dcgan import DCGANDiscriminator, DCGANGenerator
from engine.training.checkpoint import read_checkpoint
from engine.training.config import RunConfig, RunParams
from engine.training.optimizers import NonFiniteLoss, Optimizers
from engine.training.snapshots import RunEvent
from tests.helpers import QUIET, losses, of_type, run_to_end

METHODS = ["gan", "wgan_gp"]
EMBEDDED = ["mnist5k", "digits", "sprites"]
PLAYER = {"gan": "discriminator", "wgan_gp": "critic"}


pytestmark = pytest.mark.usefixtures("one_torch_thread")  # conftest.py: small networks, busy cores


@pytest.fixture(scope="module")
def datasets():
    return {n: load_dataset(n) for n in EMBEDDED}


class RecordingOptimizers(Optimizers):
    """The real guarded step, which also records each update's optimiser and both networks' weights
    after it."""

    def __init__(self, model, settings=None):
        super().__init__(model.configure_optimizers(settings or RunParams()))
        self.model, self.names, self.weights = model, [], []

    def step(self, name, loss):
        super().step(name, loss)
        self.names.append(name)
        self.weights.append({part: [p.detach().clone() for p in getattr(self.model, part).parameters()]
                             for part in ("generator_net", "discriminator")})


def _same(a, b) -> bool:
    return all(torch.equal(x, y) for x, y in zip(a, b))


# -- the formulas ------------------------------------------------------------------------------------
def test_the_gradient_penalty_of_a_linear_critic_is_lambda_times_its_norm_less_one_squared():
    torch.manual_seed(0)
    w = torch.randn(2 * 3 * 3)
    critic = lambda x: x.flatten(1) @ w  # noqa: E731  its gradient is w at every image
    real, fake = torch.rand(5, 2, 3, 3), torch.rand(5, 2, 3, 3)
    mixed = interpolates(real, fake).requires_grad_(True)
    expected = 10.0 * (w.norm() - 1) ** 2
    assert gradient_penalty(critic(mixed), mixed, 10.0).item() == pytest.approx(expected.item(), rel=1e-5)
    unit = w / w.norm()  # a 1-Lipschitz critic with gradient norm exactly 1 is not penalised
    assert gradient_penalty(mixed.flatten(1) @ unit, mixed, 10.0).item() == pytest.approx(0.0, abs=1e-6)


def test_interpolates_lie_on_the_segment_between_each_real_and_fake_pair():
    real, fake = torch.zeros(64, 1, 2, 2), torch.ones(64, 1, 2, 2)
    mixed = interpolates(real, fake, torch.Generator().manual_seed(0))  # = 1 - eps, the same over an image
    assert torch.all(mixed.flatten(1).std(1) == 0) and mixed.min() >= 0 and mixed.max() <= 1
    assert 0.3 < mixed.mean().item() < 0.7  # eps ~ U[0, 1]


def test_r1_is_half_gamma_times_the_mean_squared_input_gradient():
    x = torch.tensor([[1.0, 2.0], [0.0, -1.0]], requires_grad=True)
    scores = (x**2).sum(1)  # D(x) = |x|^2: gradient 2x, squared norm 4 * |x|^2 = 20 and 4
    assert r1_penalty(scores, x, gamma=3.0).item() == pytest.approx(3.0 / 2 * (20 + 4) / 2)
    w = torch.tensor([3.0, 4.0])
    linear = x @ w  # gradient w everywhere: |w|^2 = 25
    assert r1_penalty(linear, x, gamma=2.0).item() == pytest.approx(25.0)


def test_the_gan_losses_at_hand_values():
    zero = torch.zeros(4)  # D(x) = sigmoid(0) = 1/2 for every image
    assert discriminator_loss(zero, zero).item() == pytest.approx(2 * math.log(2))
    assert non_saturating_generator_loss(zero).item() == pytest.approx(math.log(2))
    sure = torch.full((4,), 30.0)  # the discriminator is sure and right: no loss, finite (softplus)
    assert discriminator_loss(sure, -sure).item() == pytest.approx(0.0, abs=1e-9)
    assert non_saturating_generator_loss(-sure).item() == pytest.approx(30.0, rel=1e-6)  # strong gradient
    real, fake = torch.tensor([2.0, 4.0]), torch.tensor([-1.0, 1.0])
    assert wasserstein_estimate(real, fake).item() == 3.0 and wasserstein_critic_loss(real, fake).item() == -3.0


@pytest.mark.parametrize("side", [8, 9, 12, 28, 32, 64])
@pytest.mark.parametrize("channels", [1, 3])
def test_the_dcgan_pair_fits_every_image_size(side, channels):
    generator = DCGANGenerator((channels, side, side), 4, width=8)
    discriminator = DCGANDiscriminator((channels, side, side), width=8, norm="layer", features=16)
    images = generator(torch.randn(2, 4))
    assert images.shape == (2, channels, side, side) and images.min() >= 0 and images.max() <= 1
    assert discriminator(images).shape == (2,) and discriminator.features(images).shape == (2, 16)


def test_r1_trains_the_discriminator_when_on_and_is_measured_without_gradients():
    torch.manual_seed(0)
    model = create_method("gan", {"width": 8, "r1_gamma": 10.0}, (1, 8, 8))
    optimizers = RecordingOptimizers(model)
    out = model.optimization_step(Batch(torch.rand(16, 1, 8, 8), (), 0), optimizers)
    assert out["R1 penalty"].item() > 0 and optimizers.names == ["discriminator", "generator"]
    with torch.no_grad():  # as a test or a lesson measures the terms: the penalty still has its graph
        assert model.training_step(Batch(torch.rand(16, 1, 8, 8), (), 1))["R1 penalty"].item() > 0
    assert model.set_param("r1_gamma", 0.0) == 0.0  # live: the next step has no penalty
    assert model.optimization_step(Batch(torch.rand(16, 1, 8, 8), (), 1), optimizers)["R1 penalty"].item() == 0


# -- who steps when ----------------------------------------------------------------------------------
@pytest.mark.parametrize("n_critic", [1, 3, 5])
def test_the_critic_takes_n_critic_steps_per_generator_step(n_critic):
    torch.manual_seed(0)
    model = create_method("wgan_gp", {"n_critic": n_critic, "width": 8}, (1, 8, 8))
    optimizers = RecordingOptimizers(model)
    for step in range(2):
        model.optimization_step(Batch(torch.rand(16, 1, 8, 8), (), step), optimizers)
    assert optimizers.names == (["critic"] * n_critic + ["generator"]) * 2
    assert optimizers.updates == 2 * (n_critic + 1)


def test_n_critic_zero_is_refused_by_its_range():
    with pytest.raises(ParamError, match="n_critic: 0 is outside 1 .. 50"):
        create_method("wgan_gp", {"n_critic": 0}, (1, 8, 8))


@pytest.mark.parametrize("method", METHODS)
def test_each_players_update_leaves_the_other_players_weights_alone(method):
    torch.manual_seed(0)
    model = create_method(method, {"width": 8}, (1, 8, 8))
    optimizers = RecordingOptimizers(model)
    before = [p.detach().clone() for p in model.generator_net.parameters()]
    model.optimization_step(Batch(torch.rand(16, 1, 8, 8), (), 0), optimizers)
    *player, generator = list(zip(optimizers.names, optimizers.weights))
    assert {name for name, _ in player} == {PLAYER[method]} and generator[0] == "generator"
    for _, weights in player:  # the discriminator's updates do not move the generator
        assert _same(weights["generator_net"], before)
    assert _same(generator[1]["discriminator"], player[-1][1]["discriminator"])  # nor G's update D
    assert not _same(generator[1]["generator_net"], before)
    assert all(p.requires_grad for p in model.parameters())  # the freeze is undone


def test_frozen_restores_requires_grad_even_when_the_step_fails():
    net = torch.nn.Linear(2, 1)
    with pytest.raises(RuntimeError), frozen(net):
        assert not any(p.requires_grad for p in net.parameters())
        raise RuntimeError
    assert all(p.requires_grad for p in net.parameters())


@pytest.mark.parametrize("method", METHODS)
def test_the_discriminators_loss_falls_when_only_it_trains(method, datasets):
    """A fixed generator, a fixed batch of real images: 20 updates of D alone must separate them."""
    torch.manual_seed(0)
    model = create_method(method, {"width": 16}, (1, 28, 28))
    optimizers = Optimizers(model.configure_optimizers(RunParams()))
    real = datasets["mnist5k"].train.images[:64]
    with torch.no_grad():
        fake = model.generator_net(fixed_noise(64, model.latent_dim, 0, real.device))

    def d_loss() -> float:
        with torch.no_grad():
            return float(discriminator_loss(model.discriminator(real), model.discriminator(fake)) if method == "gan"
                         else wasserstein_critic_loss(model.discriminator(real), model.discriminator(fake)))

    before = d_loss()
    for _ in range(20):
        if method == "gan":
            optimizers.step("discriminator", model.terms(real, fake)["discriminator loss"])
        else:
            optimizers.step("critic", model.critic_terms(real, fake)["loss"])
    after = d_loss()
    if method == "gan":
        assert after < 0.5 * before  # from about 2 log 2
    else:
        assert after < before - 1.0  # the Wasserstein estimate grows by more than 1


# -- every data set, through the real loop ------------------------------------------------------------
@pytest.mark.parametrize("dataset", EMBEDDED)
@pytest.mark.parametrize("method", METHODS)
def test_a_few_steps_on_each_data_set_and_the_generators_views(method, dataset, datasets):
    ds = datasets[dataset]
    torch.manual_seed(0)
    model = create_method(method, {"width": 8, "n_critic": 2} if method == "wgan_gp" else {"width": 8},
                          ds.image_shape)
    optimizers = Optimizers(model.configure_optimizers(RunParams()))
    for step in range(3):
        out = model.optimization_step(Batch(ds.train.images[step * 32:(step + 1) * 32], (), step), optimizers)
    assert "loss" in out and all(math.isfinite(float(v)) for v in out.values())
    model.eval()
    x = ds.heldout.images[:32]
    with torch.no_grad():
        images = model.decode(torch.randn(5, model.latent_dim))
        assert images.shape == (5, *ds.image_shape) and images.min() >= 0 and images.max() <= 1
        assert model.embed(x).shape == (32, model.discriminator.feature_dim)
        assert model.encode(x).shape == (32, model.latent_dim) and model.reconstruct(x) is None
        figures = model.diagnostics(x, ())
    kinds = [type(f) for f in figures]
    assert kinds[:2] == [ImageGrid, ImageGrid] and kinds.count(Histograms) == 1 and Value in kinds
    assert figures[0].images.shape == (32, *ds.image_shape[1:], ds.image_shape[0])
    (scores,) = [f for f in figures if isinstance(f, Histograms)]  # real and generated over the same bins
    assert scores.counts.shape == (2, len(scores.edges) - 1) and scores.counts.sum(1).tolist() == [32, 32]


@pytest.mark.parametrize("method", METHODS)
def test_runs_through_the_training_loop_and_resumes_both_optimisers(method, tmp_path):
    path = tmp_path / f"{method}.safetensors"
    params = {"width": 8, "n_critic": 2} if method == "wgan_gp" else {"width": 8}
    config = dict(method=method, dataset="digits", cadence=QUIET, method_params=params,
                  run_params={"batch_size": 32})
    snaps = run_to_end(RunConfig(steps=4, save_on_end=str(path), **config))
    assert snaps[-1].kind == "finished" and list(losses(snaps)[0]) == [1, 2, 3, 4]
    groups = read_checkpoint(path).optimizer_state["param_groups"]
    assert [g["optimizer"] for g in groups] == [PLAYER[method], "generator"]
    assert {tuple(g["betas"]) for g in groups} == {(0.5, 0.999) if method == "gan" else (0.0, 0.9)}  # the papers'
    resumed = run_to_end(RunConfig(resume=str(path), steps=2, cadence=QUIET))
    assert resumed[0].step == 4 and resumed[-1].kind == "finished" and resumed[-1].step == 6
    assert not [e for e in of_type(resumed, RunEvent) if e.kind == "warning"]


@pytest.mark.parametrize("method, poisoned", [("gan", "non_saturating_generator_loss"),
                                              ("wgan_gp", "gradient_penalty")])
def test_a_nan_loss_is_stopped_by_the_guard(method, poisoned, monkeypatch):
    """From the third step on, one player's loss is NaN: the run stops as diverged at its last good weights."""
    import importlib

    module = importlib.import_module(f"engine.methods.adversarial.{method}")
    real, calls = getattr(module, poisoned), [0]

    def poison(*args, **kw):
        calls[0] += 1
        loss = real(*args, **kw)
        return loss * float("nan") if calls[0] > 2 * (1 if method == "gan" else 2) else loss

    monkeypatch.setattr(module, poisoned, poison)
    snaps = run_to_end(RunConfig(method=method, dataset="digits", steps=10, cadence=QUIET,
                                 method_params={"width": 8, "n_critic": 2} if method == "wgan_gp" else {"width": 8},
                                 run_params={"batch_size": 32}))
    events = [e for e in of_type(snaps, RunEvent) if e.kind == "diverged"]
    assert events and "at step 3" in events[0].message
    whose = {"gan": "The generator's loss", "wgan_gp": "The critic's loss"}[method]  # the player poisoned
    assert events[0].message.startswith(whose)
    assert snaps[-1].kind == "diverged"


def test_a_nan_discriminator_loss_is_refused_before_its_update():
    torch.manual_seed(0)
    model = create_method("gan", {"width": 8}, (1, 8, 8))
    optimizers = Optimizers(model.configure_optimizers(RunParams()))
    before = [p.detach().clone() for p in model.parameters()]
    with pytest.raises(NonFiniteLoss, match="'discriminator'"):
        model.optimization_step(Batch(torch.full((8, 1, 8, 8), float("nan")), (), 0), optimizers)
    assert _same(list(model.parameters()), before) and optimizers.updates == 0


# -- the generator's views ---------------------------------------------------------------------------
@pytest.mark.parametrize("method", METHODS)
def test_the_samples_are_of_fixed_noise_and_leave_the_random_streams_alone(method):
    torch.manual_seed(0)
    model = create_method(method, {"width": 8}, (1, 8, 8)).eval()
    x = torch.rand(32, 1, 8, 8)
    state = torch.random.get_rng_state()
    with torch.no_grad():
        first, second = model.diagnostics(x, ()), model.diagnostics(x, ())
    assert torch.equal(torch.random.get_rng_state(), state)
    for a, b in zip(first[:2], second[:2]):
        np.testing.assert_array_equal(a.images, b.images)
    assert first[1].columns == 8 and len(first[1].images) == 32  # 4 rows of 8 steps


def test_encode_finds_the_bank_sample_a_code_came_from():
    """A GAN cannot invert its generator: a code is the bank's noise whose sample is nearest the image,
    so an image the generator made from a bank vector gets that very vector back."""
    torch.manual_seed(0)
    model = create_method("gan", {"width": 8}, (1, 8, 8)).eval()
    z = fixed_noise(BANK_SIZE, model.latent_dim, BANK_SEED, torch.device("cpu"))[[3, 100, 511]]
    with torch.no_grad():
        assert torch.equal(model.encode(model.decode(z)), z)


def test_batch_statistics_leave_the_running_statistics_as_they_were():
    torch.manual_seed(0)
    model = create_method("gan", {"width": 8, "norm": "batch"}, (1, 28, 28)).eval()
    before = {k: v.clone() for k, v in model.discriminator.state_dict().items()}
    x = torch.rand(16, 1, 28, 28)
    with torch.no_grad(), batch_statistics(model.discriminator):
        by_batch = model.discriminator(x)
    with torch.no_grad():
        assert not torch.allclose(by_batch, model.discriminator(x))  # the running statistics give others
    after = model.discriminator.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before) and not model.discriminator.training
    assert {m.momentum for m in model.discriminator.modules() if isinstance(m, torch.nn.BatchNorm2d)} == {0.1}


def test_the_family_is_registered_with_both_methods():
    assert "adversarial" in FAMILIES
    assert {"gan", "wgan_gp"} <= {cls.name for cls in methods_by_family()["adversarial"]}


@pytest.mark.parametrize("method", METHODS)
def test_the_images_view_shows_the_first_samples_of_the_method_views_grid(method):
    """A GAN has no reconstruction: under the held-out images, the generator's samples of the same fixed
    noise as the Method view's grid (its first ones), in [0, 1]."""
    torch.manual_seed(0)
    model = create_method(method, {"width": 8}, (1, 8, 8)).eval()
    x = torch.rand(10, 1, 8, 8)
    with torch.no_grad():
        rows = model.probe_rows(x, ())
        grid = model.diagnostics(x, ())[0]
    (samples,) = rows.values()
    assert list(rows) == ["samples of fixed noise"] and samples.shape == x.shape
    np.testing.assert_allclose(samples.permute(0, 2, 3, 1).numpy(), grid.images[:10], atol=1e-6)

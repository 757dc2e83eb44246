"""Deep SVDD (engine/methods/anomaly/deep_svdd.py; Ruff et al., ICML 2018): a bias-free network, the centre
c fixed before training as the mean of the initial outputs (with the authors' eps rule), the one-class loss
through the real training loop, the anomaly score, and c kept by checkpoints and on resume."""

import sys

import numpy as np
import pytest
import torch
from torch import nn

from engine import figures as fig
from engine.data import load_dataset
from engine.methods import FAMILIES, Batch, create_method, get_method, method_names, methods_by_family
from engine.methods.anomaly.deep_svdd import CENTRE_EPS, DeepSVDD, centre_of
from engine.training.checkpoint import read_checkpoint, restore_method
from engine.training.config import RunConfig
from tests.helpers import QUIET, losses, run_to_end

STEPS = 40
SEED = 0
RUN = {"batch_size": 64, "seed": SEED, "lr": 1e-3}


@pytest.fixture(scope="module")
def digits():
    return load_dataset("digits")


def _initial_model(digits) -> DeepSVDD:
    """The model as the trainer builds it for the run below: weights from the seeded global generator, then c."""
    torch.manual_seed(SEED)
    model = create_method("deep_svdd", {}, digits.image_shape)
    model.use_dataset(digits, "digits")
    return model


@pytest.fixture(scope="module")
def trained(tmp_path_factory, digits):
    """(snapshots, checkpoint path) of a seeded run of STEPS steps on digits through the real loop."""
    path = tmp_path_factory.mktemp("svdd") / "svdd.safetensors"
    snaps = run_to_end(RunConfig(method="deep_svdd", dataset="digits", steps=STEPS, run_params=RUN,
                                 cadence=QUIET, save_on_end=str(path)))
    return snaps, path


# -- the network ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(1, 8, 8), (1, 28, 28), (3, 32, 32), (3, 64, 64)])
def test_no_layer_has_a_bias_and_no_norm_has_an_affine_shift(shape):
    model = create_method("deep_svdd", {}, shape)
    names = [n for n, _ in model.named_parameters()]
    assert names and not [n for n in names if "bias" in n]
    for module in model.modules():
        if hasattr(module, "bias"):
            assert module.bias is None, module
        if isinstance(module, nn.modules.batchnorm._NormBase):
            assert not module.affine, module
        assert not isinstance(module, (nn.Sigmoid, nn.Tanh, nn.Hardtanh)), "bounded activations allow collapse"
    assert model.embed(torch.rand(3, *shape)).shape == (3, model.params.representation_dim)


def test_a_zero_image_maps_to_zero_so_no_constant_output_can_reach_c():
    """Without biases φ(0) = 0, and c is at least eps from 0 in every coordinate: a network cannot map every
    input to c (the hypersphere collapse the paper's section 3.3 rules out)."""
    model = create_method("deep_svdd", {}, (1, 8, 8))
    assert torch.equal(model.embed(torch.zeros(2, 1, 8, 8)), torch.zeros(2, model.params.representation_dim))


# -- the centre -----------------------------------------------------------------------------------------
def test_the_eps_rule_moves_coordinates_near_zero_out_keeping_their_sign():
    outputs = torch.tensor([[-0.05, 0.05, 0.0, 0.3, -0.2, 0.1],
                            [-0.05, 0.05, 0.0, 0.5, -0.4, 0.1]])  # means -0.05, 0.05, 0, 0.4, -0.3, 0.1
    expected = torch.tensor([-CENTRE_EPS, CENTRE_EPS, CENTRE_EPS, 0.4, -0.3, 0.1])
    assert CENTRE_EPS == 0.1
    torch.testing.assert_close(centre_of(outputs), expected)


@pytest.mark.parametrize("centre_images", [10_000, 50])
def test_c_is_the_mean_of_the_initial_outputs_on_the_training_images(digits, centre_images):
    torch.manual_seed(SEED)
    model = create_method("deep_svdd", {"centre_images": centre_images}, digits.image_shape)
    assert not model.has_centre()
    images = digits.train.images
    if centre_images < len(images):
        images = images[np.linspace(0, len(images) - 1, centre_images).round().astype(int)]
    with torch.no_grad():
        mean = model.embed(images).mean(0)  # (D,) before any training
    near = mean.abs() < 0.1
    expected = torch.where(near, torch.where(mean < 0, -0.1, 0.1), mean)
    model.use_dataset(digits, "digits")
    assert model.has_centre() and int(model.centre_set) == 1
    torch.testing.assert_close(model.centre, expected)
    assert (model.centre.abs() >= CENTRE_EPS - 1e-7).all()
    assert near.any(), "the eps rule went untested: no coordinate of the mean was near 0"
    assert "centre" in dict(model.named_buffers()) and "centre" not in dict(model.named_parameters())


def test_a_bare_model_takes_c_from_its_first_batch_and_then_keeps_it():
    torch.manual_seed(1)
    model = create_method("deep_svdd", {}, (1, 8, 8))
    x = torch.rand(16, 1, 8, 8)
    with torch.no_grad():
        expected = centre_of(model.embed(x))
    out = model.training_step(Batch(x, (), 0))
    torch.testing.assert_close(model.centre, expected)
    out["loss"].backward()
    model.training_step(Batch(torch.rand(16, 1, 8, 8), (), 1))
    torch.testing.assert_close(model.centre, expected)


def test_the_loss_and_the_score_are_squared_distances_to_c():
    torch.manual_seed(2)
    model = create_method("deep_svdd", {}, (1, 8, 8))
    x = torch.rand(5, 1, 8, 8)
    loss = model.training_step(Batch(x, (), 0))["loss"]
    with torch.no_grad():
        by_hand = ((model.embed(x) - model.centre) ** 2).sum(1)  # (B,)
        torch.testing.assert_close(model.anomaly_score(x), by_hand)
    assert model.anomaly_score(x).shape == (5,)
    torch.testing.assert_close(loss.detach(), by_hand.mean())


# -- training through the real loop -------------------------------------------------------------------
def test_training_lowers_the_distance_on_a_fixed_batch_and_keeps_c(digits, trained):
    snaps, path = trained
    assert snaps[-1].kind == "finished" and snaps[-1].step == STEPS
    steps, values = losses(snaps)
    assert list(steps) == list(range(1, STEPS + 1)) and np.isfinite(values).all()
    before = _initial_model(digits)
    after = restore_method(read_checkpoint(path))
    torch.testing.assert_close(after.centre, before.centre, rtol=0, atol=0)  # c never moved
    x = digits.heldout.images[:256]
    with torch.no_grad():
        assert after.anomaly_score(x).mean() < 0.5 * before.anomaly_score(x).mean()


def test_uniform_noise_scores_higher_than_the_training_images(digits, trained):
    """Noise is far from the digits (a digit is mostly black), so after training it must lie further from c
    than the images the network was trained to pull in."""
    model = restore_method(read_checkpoint(trained[1])).eval()
    generator = torch.Generator().manual_seed(SEED)
    noise = torch.rand((256, *digits.image_shape), generator=generator)
    with torch.no_grad():
        train_scores = model.anomaly_score(digits.train.images)
        noise_scores = model.anomaly_score(noise)
    assert noise_scores.mean() > train_scores.mean()
    assert noise_scores.median() > train_scores.median()


def test_a_resumed_run_keeps_the_checkpoints_c(digits, trained, tmp_path):
    ckpt = read_checkpoint(trained[1])
    centre = restore_method(ckpt).centre.clone()
    model = restore_method(ckpt)
    model.use_dataset(digits, "digits")  # as the trainer does on resume: c must not be recomputed
    torch.testing.assert_close(model.centre, centre, rtol=0, atol=0)
    again = tmp_path / "again.safetensors"
    snaps = run_to_end(RunConfig(resume=str(trained[1]), steps=3, cadence=QUIET, save_on_end=str(again)))
    assert snaps[0].step == STEPS and snaps[-1].step == STEPS + 3
    resumed = restore_method(read_checkpoint(again))
    torch.testing.assert_close(resumed.centre, centre, rtol=0, atol=0)
    with torch.no_grad():  # and the weights did move, so a recomputed c would have differed
        assert not torch.equal(resumed.embed(digits.train.images[:8]), model.embed(digits.train.images[:8]))


# -- the Method view and the registry -----------------------------------------------------------------
def test_the_method_view_shows_the_distances_their_mean_and_the_extremes(digits):
    model = _initial_model(digits).eval()
    x = digits.heldout.images[:64]
    with torch.no_grad():
        figures = model.diagnostics(x, ())
        scores = model.anomaly_score(x)
    hist = next(f for f in figures if isinstance(f, fig.Histograms))
    assert hist.series == ("held-out images", "uniform noise") and hist.counts.shape == (2, len(hist.edges) - 1)
    assert (hist.counts.sum(1) == len(x)).all() and np.all(np.diff(hist.edges) > 0)
    (value,) = [f for f in figures if isinstance(f, fig.Value)]
    assert value.value == pytest.approx(float(scores.mean()), rel=1e-3)
    (grid,) = [f for f in figures if isinstance(f, fig.ImageGrid)]
    assert grid.images.shape == (16, 8, 8, 1) and len(grid.captions) == 16
    shown = [float(c) for c in grid.captions]
    assert shown[:8] == sorted(shown[:8]) and shown[8:] == sorted(shown[8:], reverse=True)
    assert max(shown[:8]) <= min(shown[8:])
    assert all(f.title and f.help for f in figures)


def test_deep_svdd_is_registered_in_the_anomaly_detection_family():
    assert "anomaly detection" in FAMILIES
    assert "deep_svdd" in method_names() and get_method("deep_svdd") is DeepSVDD
    assert DeepSVDD in methods_by_family()["anomaly detection"]
    assert DeepSVDD.label == "Deep SVDD" and DeepSVDD.data_kinds == ("images",)
    assert sys.modules[DeepSVDD.__module__].__doc__.count("Deep One-Class Classification") == 1


def test_the_collapse_gauges_measure_the_offsets_from_the_centre():
    """Pulled towards c by design, the outputs would read as collapsed; their offsets from c do not,
    unless every image maps to one point."""
    import numpy as np

    from engine.analysis.evaluate import collapse_stats
    from engine.methods import create_method

    torch.manual_seed(0)
    model = create_method("deep_svdd", {}, (1, 8, 8))
    x = torch.rand(200, 1, 8, 8)
    with torch.no_grad():
        model.set_centre(x)
        offsets = model.head(x)
        torch.testing.assert_close(offsets, model.embed(x) - model.centre)
        shifted = model.embed(x) + 50 * model.centre  # outputs far along c's direction, as training leaves them
    assert collapse_stats(shifted.numpy()).spread < collapse_stats(offsets.numpy()).spread
    assert not collapse_stats(offsets.numpy()).collapsed and np.isfinite(offsets.numpy()).all()

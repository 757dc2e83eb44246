"""GAN and WGAN-GP on 2-D points: the MLP pair, GAN Lab's figure (the discriminator's map, the generator's
pushes as arrows, the modes covered), the coverage curves, runs through the real training loop that send
only what points can show, checkpoints, and the presets."""

import math

import numpy as np
import pytest
import torch

from engine.data import dataset_kind, load_dataset
from engine.data.batch import POINTS_SHAPE, Batch
from engine.figures import ImageGrid, PointField, Value
from engine.methods import create_method
from engine.methods.adversarial.point_figures import ARROW_FRACTION, FIGURE_POINTS, GRID
from engine.nn.point_mlps import PointDiscriminator, PointGenerator
from engine.presets import check_preset, preset_for, preset_named, presets, presets_for
from engine.training.checkpoint import read_checkpoint, restore_method
from engine.training.config import Cadence, RunConfig, RunParams
from engine.training.optimizers import Optimizers
from engine.training.snapshots import (EmbeddingUpdate, ImagesUpdate, LatentUpdate, MethodUpdate, RunEvent,
                                       RunStarted)
from tests.helpers import QUIET, losses, of_type, run_to_end

METHODS = ["gan", "wgan_gp"]
SMALL = {"gan": {"width": 32, "latent_dim": 4}, "wgan_gp": {"width": 32, "latent_dim": 4, "n_critic": 2}}
EVERY_STEP = Cadence(images_interval_s=0.0, latents_interval_s=0.0, embeddings_interval_s=0.0, check_every=5)


pytestmark = pytest.mark.usefixtures("one_torch_thread")  # conftest.py: small networks, busy cores


@pytest.fixture(scope="module")
def ring():
    return load_dataset("ring8", size=1000)


def _model(method: str, ring) -> torch.nn.Module:
    torch.manual_seed(0)
    model = create_method(method, SMALL[method], POINTS_SHAPE)
    model.use_dataset(ring, "ring8")
    return model


class Bowl(torch.nn.Module):
    """A hand-built discriminator whose logit (or critic value) is -|x|^2: highest at the origin."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return -(x.reshape(len(x), 2) ** 2).sum(1)


# -- the networks and the step -----------------------------------------------------------------------
@pytest.mark.parametrize("method", METHODS)
def test_points_build_the_mlp_pair_and_no_latent_views(method, ring):
    model = _model(method, ring)
    assert isinstance(model.generator_net, PointGenerator) and isinstance(model.discriminator, PointDiscriminator)
    assert model.latent_dim is None and model.noise_dim == 4 and "points" in model.data_kinds
    with torch.no_grad():
        assert model.generator_net(torch.randn(5, 4)).shape == (5, 2)
        assert model.discriminator(ring.heldout.points[:7]).shape == (7,)
        assert model.embed(ring.heldout.points[:7]).shape == (7, 32)
    assert model.probe_rows(ring.heldout.points[:3], ()) == {}
    assert torch.equal(model.mode_centres, torch.as_tensor(ring.notes["centres"], dtype=torch.float32))
    assert "mode_centres" not in model.state_dict()  # the data's, not the model's: not in checkpoints


@pytest.mark.parametrize("method", METHODS)
def test_a_step_on_points_logs_the_modes_it_covers(method, ring):
    model = _model(method, ring)
    optimizers = Optimizers(model.configure_optimizers(RunParams()))
    out = model.optimization_step(Batch(None, (), 0, points=ring.train.points[:64]), optimizers)
    modes, share = out["share of modes covered"], out["high-quality share"]
    assert modes.shape == () and 0 <= modes.item() <= 1 and 0 <= share.item() <= 1 and not modes.requires_grad
    assert all(math.isfinite(float(v)) for v in out.values())
    drawn = create_method(method, SMALL[method], POINTS_SHAPE)  # a drawing: no modes known, no such curves
    out = drawn.optimization_step(Batch(None, (), 0, points=ring.train.points[:64]),
                                  Optimizers(drawn.configure_optimizers(RunParams())))
    assert "share of modes covered" not in out and "loss" in out


# -- the figure ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", METHODS)
def test_the_point_field_holds_the_game(method, ring):
    model = _model(method, ring).eval()
    real = ring.heldout.points
    with torch.no_grad():
        figures = model.diagnostics(real, ())
    field = figures[0]
    assert isinstance(field, PointField) and not any(isinstance(f, ImageGrid) for f in figures)
    assert field.real.shape == (200, 2) and field.generated.shape == (FIGURE_POINTS, 2)
    assert field.values.shape == (GRID, GRID) and field.arrows.shape == (FIGURE_POINTS, 2)
    assert field.centres.shape == (8, 2)
    x0, x1, y0, y1 = field.extent
    assert x0 < real[:, 0].min() and x1 > real[:, 0].max() and y0 < real[:, 1].min() and y1 > real[:, 1].max()
    assert x1 - x0 == pytest.approx(y1 - y0)  # square: the ring stays round
    lengths = np.linalg.norm(field.arrows, axis=1)
    assert np.allclose(lengths[lengths > 0], ARROW_FRACTION * (x1 - x0), rtol=1e-4)
    if method == "gan":
        assert (field.low, field.high, field.values_label) == (0.0, 1.0, "D(x)")
        assert field.values.min() >= 0 and field.values.max() <= 1
    else:
        assert field.low == field.high and field.values_label == "critic f(x)"
    titles = {f.title: f for f in figures if isinstance(f, Value)}
    assert titles["modes covered"].value.endswith("/ 8") and 0 <= titles["high-quality share"].value <= 1
    with torch.no_grad():  # the same fixed noise: the same generated points, the same extent
        again = model.diagnostics(real, ())[0]
    np.testing.assert_array_equal(again.generated, field.generated)
    assert again.extent == field.extent


@pytest.mark.parametrize("method", METHODS)
def test_the_arrows_point_where_the_generators_loss_falls(method, ring):
    """With a discriminator that likes the origin best (logit -|x|^2), the generator's gradient pushes
    every generated point towards the origin, for the non-saturating loss and for WGAN's alike."""
    model = _model(method, ring).eval()
    model.discriminator = Bowl()
    with torch.no_grad():
        field = model.diagnostics(ring.heldout.points, ())[0]
    towards_origin = -field.generated / np.linalg.norm(field.generated, axis=1, keepdims=True)
    cosine = (field.arrows * towards_origin).sum(1) / np.linalg.norm(field.arrows, axis=1)
    assert cosine.min() > 0.999
    # D's map peaks in the middle of the grid
    assert np.unravel_index(field.values.argmax(), field.values.shape) in {(31, 31), (31, 32), (32, 31), (32, 32)}


def test_a_flat_discriminator_pushes_nothing(ring):
    model = _model("wgan_gp", ring).eval()

    class Flat(torch.nn.Module):
        def forward(self, x):
            return x.reshape(len(x), 2)[:, 0] * 0.0

    model.discriminator = Flat()
    with torch.no_grad():
        field = model.diagnostics(ring.heldout.points, ())[0]
    assert np.all(field.arrows == 0)


def test_the_extent_grows_when_the_generator_leaves_it_and_never_shrinks(ring):
    model = _model("gan", ring).eval()
    with torch.no_grad():
        first = model.diagnostics(ring.heldout.points, ())[0].extent
        last = model.generator_net.net[-1]
        last.bias += torch.tensor([3.0, 0.0])  # every generated point moves 3 to the right
        grown = model.diagnostics(ring.heldout.points, ())[0]
        last.bias -= torch.tensor([3.0, 0.0])
        back = model.diagnostics(ring.heldout.points, ())[0].extent
    assert grown.extent[1] > first[1] and grown.extent[1] >= grown.generated[:, 0].max()
    assert back == grown.extent
    with torch.no_grad():
        last.bias += torch.tensor([1e4, 0.0])  # a wild update: the extent grows by one data span at most
        wild = model.diagnostics(ring.heldout.points, ())[0].extent
    assert wild[1] - wild[0] <= 3.01 * (first[1] - first[0])


# -- the loop, checkpoints, presets -------------------------------------------------------------------
@pytest.mark.parametrize("method", METHODS)
def test_points_run_through_the_loop_and_send_only_the_method_figures(method, tmp_path):
    path = tmp_path / f"{method}.safetensors"
    snaps = run_to_end(RunConfig(method=method, dataset="ring8", dataset_options={"size": 1000}, steps=6,
                                 cadence=EVERY_STEP, method_params=SMALL[method], run_params={"batch_size": 64},
                                 save_on_end=str(path)))
    assert snaps[-1].kind == "finished", snaps[-1]
    started = of_type(snaps, RunStarted)[0]
    assert started.latent_dim is None and tuple(started.image_shape) == POINTS_SHAPE
    assert not of_type(snaps, ImagesUpdate) and not of_type(snaps, LatentUpdate)
    assert not of_type(snaps, EmbeddingUpdate)
    updates = of_type(snaps, MethodUpdate)
    assert len(updates) >= 6 and all(u.images is None for u in updates)
    field = updates[-1].figures[0]
    # 512 of the data's points: its 200 held-out ones, then training ones
    assert isinstance(field, PointField) and field.real.shape == (512, 2) and field.centres.shape == (8, 2)
    steps, modes = losses(snaps, "share of modes covered")
    assert list(steps) == [1, 2, 3, 4, 5, 6] and np.all((modes >= 0) & (modes <= 1))
    assert not [e for e in of_type(snaps, RunEvent) if e.kind == "warning"]

    ckpt = read_checkpoint(path)
    assert ckpt.image_shape == POINTS_SHAPE and ckpt.meta["dataset"] == "ring8"
    model = restore_method(ckpt).eval()
    z = torch.randn(5, 4)
    with torch.no_grad():
        assert model.generator_net(z).shape == (5, 2)
    resumed = run_to_end(RunConfig(resume=str(path), steps=2, cadence=QUIET))
    assert resumed[-1].kind == "finished" and resumed[-1].step == 8
    assert len(losses(resumed, "share of modes covered")[1]) == 2  # the centres came back with the data


def test_a_drawing_trains_without_modes(tmp_path):
    from engine.data.points import save_points_csv

    rng = np.random.default_rng(0)
    csv = save_points_csv(tmp_path / "drawn.csv", rng.normal(size=(30, 2)))
    snaps = run_to_end(RunConfig(method="gan", dataset=f"points:{csv}", steps=3, cadence=EVERY_STEP,
                                 method_params=SMALL["gan"], run_params={"batch_size": 16}))
    assert snaps[-1].kind == "finished"
    field = of_type(snaps, MethodUpdate)[-1].figures[0]
    assert field.real.shape == (30, 2) and field.centres.shape == (0, 2)  # held out first, then training points
    titles = {f.title for f in of_type(snaps, MethodUpdate)[-1].figures if isinstance(f, Value)}
    assert "modes covered" not in titles and "mean D(real)" in titles


def test_an_image_method_refuses_points():
    snaps = run_to_end(RunConfig(method="autoencoder", dataset="ring8", steps=1, cadence=QUIET))
    assert snaps[-1].kind == "failed" and "ring8 holds points" in snaps[-1].message


def test_the_presets_are_valid_and_cover_the_ring():
    assert preset_for("gan", "ring8") is not None and preset_for("wgan_gp", "ring8") is not None
    assert preset_for("gan", "grid25") is not None  # a first Play on every 2-D set works
    assert preset_for("gan", "two_moons") is not None and preset_for("wgan_gp", "two_moons") is not None
    assert len(presets_for("gan", "ring8")) == 2 and preset_named("gan_ring8_collapse").method == "gan"
    assert len({p.name for p in presets()}) == len(presets())
    for preset in presets():
        if dataset_kind(preset.dataset) != "points":
            continue  # the images' presets are other tests' (the CycleGAN's domains register elsewhere)
        check_preset(preset)
        for what in ("label", "note"):
            assert preset.text(what) and preset.text(what, "zh") != preset.text(what)

"""CycleGAN (issue 20): the two-domain data sets (unpaired by construction, the class carried as a factor),
a folder pair's bad input, the loss formulas against hand-computed cases, who steps when (Step D / Step G),
the figures, the class-kept measure's plumbing, and runs through the real loop and a checkpoint."""

import hashlib

import numpy as np
import pytest
import torch
from torch import nn

import engine.data.domains as domains  # registers the mnist5k pairs (the lead adds it to engine/data)
from engine.analysis import translation_quality as tq
from engine.data import load_dataset
from engine.errors import DatasetError
from engine.figures import Curves, ImageGrid, Value
from engine.methods import Batch, create_method
from engine.methods.base import figure_images
from engine.nn.cyclegan_nets import (
    PatchDiscriminator, TranslationGenerator, cycle_consistency_loss, identity_loss, least_squares_discriminator_loss,
    least_squares_generator_loss)
from engine.training.checkpoint import read_checkpoint
from engine.training.config import RunConfig, RunParams
from engine.training.optimizers import Optimizers
from engine.training.snapshots import RunEnded
from tests.helpers import QUIET, losses, run_to_end

PAIRS = {"mnist5k_inverted": domains.invert, "mnist5k_thick": domains.thicken, "mnist5k_rotated": domains.rotate}
SMALL = {"width": 4, "residual_blocks": 1}


pytestmark = pytest.mark.usefixtures("one_torch_thread")  # conftest.py: small networks, busy cores


@pytest.fixture(scope="module")
def pairs():
    return {name: load_dataset(name) for name in PAIRS}


def _hashes(images: torch.Tensor) -> set[str]:
    return {hashlib.sha1(x.numpy().tobytes()).hexdigest() for x in images.contiguous()}


def _all(ds, part="images"):
    return torch.cat([getattr(ds.train, part), getattr(ds.heldout, part)])


# -- the data sets -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(PAIRS))
def test_a_digit_pair_is_two_unpaired_domains_with_the_digit_as_its_factor(name, pairs):
    ds, transform = pairs[name], PAIRS[name]
    assert ds.image_shape == (1, 28, 28) and len(ds.train) == 4000 and len(ds.heldout) == 1000
    assert len(ds.class_names) == 2 and ds.class_names[0] == "A: digits" and ds.factor_names == ("digit",)
    assert ds.factor_values == (tuple(float(d) for d in range(10)),) and not ds.flip_ok
    for split, n in ((ds.train, 2000), (ds.heldout, 500)):  # both domains, every digit, in both splits
        assert split.factors.shape == (len(split), 1)
        assert torch.bincount(split.labels).tolist() == [n, n]
        assert torch.bincount(split.factors[split.labels == 1, 0].long()).tolist() == [n // 10] * 10
    assert set(_all(ds, "labels")[:20].tolist()) == {0, 1}  # shuffled together, not A then B
    x, domain = _all(ds), _all(ds, "labels")
    a, b = x[domain == 0], x[domain == 1]
    mnist = load_dataset("mnist5k")
    originals = _all(mnist)
    assert _hashes(a) <= _hashes(originals) and _hashes(b) <= _hashes(transform(originals))
    assert not _hashes(transform(a)) & _hashes(b)  # no image of B is the transform of an image of A


def test_the_transforms():
    x = torch.zeros(1, 1, 8, 8)
    x[0, 0, 2, 5] = 1.0
    assert torch.equal(domains.invert(x), 1 - x)
    assert domains.thicken(x)[0, 0, 1:4, 4:7].eq(1).all() and domains.thicken(x).sum() == 9
    assert domains.rotate(x)[0, 0, 8 - 1 - 5, 2] == 1  # a quarter turn anticlockwise


def _images(folder, n, size=16, mode="L", sub=None):
    from PIL import Image

    target = folder / sub if sub else folder
    target.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(len(str(target)))
    for i in range(n):
        shape = (size, size) if mode == "L" else (size, size, 3)
        Image.fromarray(rng.integers(0, 255, shape, dtype=np.uint8)).save(target / f"{i}.png")
    return folder


def test_two_folders_make_two_domains_and_same_class_folders_a_factor(tmp_path):
    a, b = _images(tmp_path / "day", 12), _images(tmp_path / "night", 14)
    ds = domains.load_domains(f"{a}|{b}")
    assert ds.image_shape == (1, 16, 16) and len(ds.train) + len(ds.heldout) == 26
    assert ds.class_names == ("A: day", "B: night") and ds.factor_names == ()
    assert "domain A: 12 images loaded" in ds.notes["folder_report"].summary()
    for side in ("A", "B"):
        for cls in ("cat", "dog"):
            _images(tmp_path / f"classes_{side}", 6, sub=cls)
    ds = domains.load_domains(f"{tmp_path / 'classes_A'}|{tmp_path / 'classes_B'}", size=8)
    assert ds.image_shape == (1, 8, 8) and ds.factor_names == ("class",) and ds.train.factors.shape[1] == 1
    b_set = tq.domain_b_classes(ds, "pair")
    assert b_set.class_names == ("0", "1") and len(b_set.train) + len(b_set.heldout) == 12


@pytest.mark.parametrize("case, message", [
    ("missing", "domain B's folder .* does not exist"),
    ("empty", "domain B's folder .* holds no images"),
    ("not images", "domain B's folder .* holds no images"),
    ("too few", "domain B's folder .* holds only 3 images; each domain needs at least 10"),
    ("sizes", "domain A's images are 16x16 pixels but domain B's are 20x20.*option size \\(for example size=16\\)"),
    ("channels", "domain B's images are in colour but domain A's are grey: give the option channels='rgb'"),
    ("one folder", "domains:PATH_A\\|PATH_B"),
])
def test_a_bad_folder_pair_says_what_is_wrong(tmp_path, case, message):
    a = _images(tmp_path / "a", 12)
    b = tmp_path / "b"
    if case == "empty":
        b.mkdir()
    elif case == "not images":
        b.mkdir()
        (b / "notes.txt").write_text("not an image")
    elif case == "too few":
        _images(b, 3)
    elif case in ("sizes", "channels"):
        _images(b, 12, size=20 if case == "sizes" else 16, mode="RGB" if case == "channels" else "L")
    spec = str(a) if case == "one folder" else f"{a}|{b}"
    with pytest.raises(DatasetError, match=message):
        domains.load_domains(spec)


def test_the_options_that_a_mismatch_offers_load_the_pair(tmp_path):
    a, b = _images(tmp_path / "a", 12), _images(tmp_path / "b", 12, size=20, mode="RGB")
    assert domains.load_domains(f"{a}|{b}", size=16, channels="rgb").image_shape == (3, 16, 16)
    with pytest.raises(DatasetError, match="domain A's images are 16x16x1 and domain B's are 8x8x1"):
        domains.two_domains("x", torch.zeros(4, 1, 16, 16), torch.zeros(4, 1, 8, 8), ("A", "B"))


# -- the networks and the formulas ----------------------------------------------------------------------
@pytest.mark.parametrize("side", [8, 9, 28, 32, 64])
@pytest.mark.parametrize("channels", [1, 3])
def test_the_networks_fit_every_image_size(side, channels):
    g, d = TranslationGenerator((channels, side, side), 4, 1), PatchDiscriminator((channels, side, side), 4)
    x = torch.rand(2, channels, side, side)
    y = g(x)
    assert y.shape == x.shape and y.min() >= 0 and y.max() <= 1
    assert d(y).shape[0] == 2 and d(y).dim() == 2 and g.encode(x).shape[1] == g.feature_channels
    assert g.feature_channels == 4 * 2 ** {8: 1, 9: 0, 28: 2, 32: 2, 64: 2}[side]  # halved twice where it can


def test_the_least_squares_losses_at_hand_values():
    assert least_squares_generator_loss(torch.tensor([[1.0, 0.0]])).item() == pytest.approx(0.5)
    assert least_squares_discriminator_loss(torch.ones(2, 3), torch.zeros(2, 3)).item() == 0.0
    assert least_squares_discriminator_loss(torch.zeros(1, 1), torch.ones(1, 1)).item() == pytest.approx(1.0)
    assert least_squares_discriminator_loss(torch.zeros(1, 1), torch.zeros(0, 1)).item() == pytest.approx(0.5)


def test_the_cycle_and_identity_losses_at_hand_values():
    a, b = torch.zeros(2, 1, 2, 2), torch.ones(3, 1, 2, 2)
    assert cycle_consistency_loss(a, torch.full_like(a, 0.25), b, torch.full_like(b, 0.5)).item() == pytest.approx(0.75)
    assert identity_loss(a, a + 0.1, b, b - 0.3).item() == pytest.approx(0.4)
    assert cycle_consistency_loss(a, a + 1, b[:0], b[:0]).item() == pytest.approx(1.0)  # no image of B: 0


class Shift(nn.Module):
    def __init__(self, by):
        super().__init__()
        self.by = by

    def forward(self, x):
        return x + self.by


@pytest.mark.parametrize("lam", [10.0, 0.0])
def test_the_cycle_term_is_weighted_by_lambda_and_only_measured_at_zero(lam):
    torch.manual_seed(0)
    model = create_method("cyclegan", {**SMALL, "cycle_lambda": lam, "identity_share": 0.5}, (1, 8, 8))
    x, domain = torch.rand(6, 1, 8, 8), torch.tensor([0, 1, 0, 1, 1, 0])
    assert model.training_step(Batch(x, (), 0, domain))["cycle"].requires_grad == (lam > 0)  # at 0: measured only
    model.g_ab, model.g_ba = Shift(0.1), Shift(0.1)  # F(G(a)) = a + 0.2: the cycle is 0.2 + 0.2
    out = model.training_step(Batch(x, (), 0, domain))
    assert out["cycle"].item() == pytest.approx(0.4)
    adversarial = out["adversarial A→B"] + out["adversarial B→A"]
    identity = out["identity"].item()
    assert identity == pytest.approx(0.2 if lam else 0.0)  # |G(b) - b| + |F(a) - a|, off with lambda
    assert out["loss"].item() == pytest.approx(adversarial.item() + lam * 0.4 + 0.5 * lam * identity, rel=1e-5)
    assert set(out) == {"loss", "adversarial A→B", "adversarial B→A", "cycle", "identity", "discriminators"}


# -- who steps when -------------------------------------------------------------------------------------------
def _weights(model, *parts):
    return [p.detach().clone() for part in parts for p in getattr(model, part).parameters()]


def _same(a, b):
    return all(torch.equal(x, y) for x, y in zip(a, b))


@pytest.mark.parametrize("player", ["", "discriminator", "generator"])
def test_a_step_moves_both_groups_and_step_d_or_g_only_its_own(player):
    torch.manual_seed(0)
    model = create_method("cyclegan", SMALL, (1, 8, 8))
    optimizers = Optimizers(model.configure_optimizers(RunParams()))
    assert list(optimizers) == ["generator", "discriminators"]
    assert {tuple(g["betas"]) for g in optimizers.param_groups} == {(0.5, 0.999)}
    g0, d0 = _weights(model, "g_ab", "g_ba"), _weights(model, "d_a", "d_b")
    optimizers.begin_step(player)
    out = model.optimization_step(Batch(torch.rand(8, 1, 8, 8), (), 0, torch.tensor([0, 1] * 4)), optimizers)
    assert all(torch.isfinite(v) for v in out.values())
    assert _same(_weights(model, "g_ab", "g_ba"), g0) == (player == "discriminator")
    assert _same(_weights(model, "d_a", "d_b"), d0) == (player == "generator")
    assert optimizers.updates == (2 if not player else 1)
    assert all(p.requires_grad for p in model.parameters())  # the discriminators' freeze is undone


def test_a_data_set_that_is_not_two_domains_is_refused():
    model = create_method("cyclegan", SMALL, (1, 8, 8))
    with pytest.raises(DatasetError, match="digits is not a pair of domains: its labels are 10 classes"):
        model.use_dataset(load_dataset("digits"), "digits")
    with pytest.raises(DatasetError, match="labels go up to 7"):
        model.split_domains(Batch(torch.rand(4, 1, 8, 8), (), 0, torch.tensor([0, 1, 7, 1])))
    snaps = run_to_end(RunConfig(method="cyclegan", dataset="digits", steps=2, cadence=QUIET, method_params=SMALL,
                                 run_params={"batch_size": 16}))
    assert snaps[-1].kind == "failed" and "two domains" in snaps[-1].message


# -- the views ----------------------------------------------------------------------------------------------
def test_the_figures_translate_each_image_by_its_own_domain(pairs, tmp_path, monkeypatch):
    monkeypatch.setenv("ENCODER_LAB_CACHE", str(tmp_path))  # no cached judge: the one shipped in assets/judges/
    ds = pairs["mnist5k_inverted"]
    torch.manual_seed(0)
    model = create_method("cyclegan", SMALL, ds.image_shape)
    x, domain = ds.heldout.images[:32], ds.heldout.labels[:32]
    with torch.no_grad():
        rows = model.probe_rows(x[:10], ())
        assert list(rows) == ["G: A→B", "F: B→A"]  # the domains are not known yet
        model.use_dataset(ds, "mnist5k_inverted")
        assert torch.equal(model.domain_of(x), domain)
        rows = model.probe_rows(x[:10], ())
        figures = model.diagnostics(x, ())
        a, b = x[domain == 0][:8], x[domain == 1][:8]
        expected_there = torch.where((domain[:10] == 1)[:, None, None, None], model.b_to_a(x[:10]), model.a_to_b(x[:10]))
        expected_a = figure_images(torch.cat([a, model.a_to_b(a), model.b_to_a(model.a_to_b(a))]))
        expected_b = figure_images(torch.cat([b, model.b_to_a(b), model.a_to_b(model.b_to_a(b))]))
    assert list(rows) == ["translated", "translated back"] and rows["translated"].shape == (10, 1, 28, 28)
    torch.testing.assert_close(rows["translated"], expected_there)
    grid_a, grid_b, kept, curve = figures
    assert isinstance(grid_a, ImageGrid) and grid_a.title == "A → B → A" and grid_b.title == "B → A → B"
    assert grid_a.images.shape == (24, 28, 28, 1) and grid_a.columns == 8
    np.testing.assert_allclose(grid_a.images, expected_a, atol=1e-6)
    np.testing.assert_allclose(grid_b.images, expected_b, atol=1e-6)
    assert isinstance(kept, Value) and 0 <= kept.value <= 1  # measured by the judge shipped for inverted digits
    assert isinstance(curve, Curves) and curve.values.shape == (1, 1) and curve.values[0, 0] == kept.value
    assert curve.references.tolist() == [pytest.approx(0.1)]  # chance among ten classes
    model.after_step(0)  # a step later, and past the interval: the curve grows by one point
    model._class_kept["at"] = -1e9
    with torch.no_grad():
        assert model.diagnostics(x, ())[3].steps.tolist() == [0, 1]
    assert model.embed(x).shape == (32, 4 * 4 * SMALL["width"]) and model.decode(torch.zeros(1, 1)) is None


class StubJudge:
    """Guesses the sources' own classes for the first ``right`` images, a wrong class for the rest."""

    def __init__(self, classes, right):
        self.guesses = np.where(np.arange(len(classes)) < right, classes, (classes + 1) % 10)

    def predict(self, images):
        assert images.shape[1:] == (1, 28, 28)
        return self.guesses[:len(images)]


def test_class_kept_share_counts_the_judges_guesses_on_translations_of_a(pairs, tmp_path, monkeypatch):
    monkeypatch.setenv("ENCODER_LAB_CACHE", str(tmp_path))
    ds = pairs["mnist5k_thick"]
    images, classes = tq.sources_of_a(ds, 40)
    held_a = ds.heldout.labels == 0
    assert torch.equal(images, ds.heldout.images[held_a][:40])
    assert np.array_equal(classes, ds.heldout.factors[held_a][:40, 0].long().numpy())
    model = create_method("cyclegan", SMALL, ds.image_shape)
    assert tq.class_kept_share(model, ds, 40, judge=StubJudge(classes, 30)) == pytest.approx(0.75)
    b_set = tq.domain_b_classes(ds, "mnist5k_thick")
    assert b_set.name == "mnist5k_thick#B-classes" and b_set.class_names == tuple("0123456789")
    assert len(b_set.train) == 2000 and torch.bincount(b_set.heldout.labels).tolist() == [50] * 10
    # Stored: shipped in assets/judges/ (no cache here). None stored for the rotated pair: never trained here.
    assert tq.translation_judge(ds, "mnist5k_thick", train=False).from_cache
    assert tq.translation_judge(pairs["mnist5k_rotated"], "mnist5k_rotated", train=False) is None


# -- the real loop ------------------------------------------------------------------------------------------
def test_runs_through_the_loop_and_resumes_both_optimisers(tmp_path):
    path = tmp_path / "cyclegan.safetensors"
    config = dict(method="cyclegan", dataset="mnist5k_thick", cadence=QUIET, method_params=SMALL,
                  run_params={"batch_size": 16})
    snaps = run_to_end(RunConfig(steps=3, save_on_end=str(path), **config))
    assert snaps[-1].kind == "finished" and list(losses(snaps)[0]) == [1, 2, 3]
    assert np.isfinite(losses(snaps, "cycle")[1]).all() and np.isfinite(losses(snaps, "discriminators")[1]).all()
    groups = read_checkpoint(path).optimizer_state["param_groups"]
    assert [g["optimizer"] for g in groups] == ["generator", "discriminators"]
    resumed = run_to_end(RunConfig(resume=str(path), steps=2, cadence=QUIET))
    assert resumed[0].step == 3 and isinstance(resumed[-1], RunEnded) and resumed[-1].kind == "finished"
    assert resumed[-1].step == 5


def test_the_bundled_presets_are_whole():
    from engine.presets import FOLDER, _read, check_preset

    presets = _read(FOLDER / "cyclegan.toml")  # this file's alone: the others are another method's to check
    assert [p.name for p in presets][0] == "cyclegan_mnist5k_thick" and {p.method for p in presets} == {"cyclegan"}
    for preset in presets:
        check_preset(preset)
        assert preset.text("label", "zh") and preset.text("note")
    assert {p.settings["cycle_lambda"] for p in presets if p.dataset == "mnist5k_thick"} == {10.0, 0.0}

"""The generator measures: the Fréchet distance against closed forms and scipy, class coverage, the 2-D
mode counts, the LeNet's shapes, and the judge's cache (in a temporary cache folder, on a tiny data set)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
import torch

from engine.analysis.generative_quality import (class_coverage, class_kept, feature_frechet_distance,
                                                frechet_distance, frechet_floor, generator_quality,
                                                high_quality_share, judge_classifier, modes_covered)
from engine.analysis.judge import judge_path
from engine.data import from_arrays
from engine.errors import DatasetError, ParamError
from engine.nn.lenet import LeNet


# -- Fréchet distance --------------------------------------------------------------------------------------
def test_frechet_distance_of_1d_gaussians_is_the_closed_form():
    # N(m1, s1^2) to N(m2, s2^2): (m1 - m2)^2 + (s1 - s2)^2
    assert frechet_distance([1.0], [[4.0]], [-2.0], [[0.25]]) == pytest.approx(9.0 + 1.5 ** 2, rel=1e-12)
    assert frechet_distance(0.5, 9.0, 0.5, 9.0) == pytest.approx(0.0, abs=1e-12)


def test_frechet_distance_of_diagonal_gaussians_sums_over_dimensions():
    rng = np.random.default_rng(0)
    mu1, mu2 = rng.normal(size=6), rng.normal(size=6)
    s1, s2 = rng.uniform(0.1, 3, 6), rng.uniform(0.1, 3, 6)
    expected = ((mu1 - mu2) ** 2).sum() + ((s1 - s2) ** 2).sum()
    assert frechet_distance(mu1, np.diag(s1 ** 2), mu2, np.diag(s2 ** 2)) == pytest.approx(expected, rel=1e-10)


def _scipy_frechet(a: np.ndarray, b: np.ndarray) -> float:
    mu1, mu2 = a.mean(0), b.mean(0)
    c1, c2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    root = scipy.linalg.sqrtm(c1 @ c2).real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(c1 + c2 - 2 * root))


def test_feature_frechet_distance_agrees_with_scipy_sqrtm_and_is_symmetric():
    rng = np.random.default_rng(1)
    for d in (3, 16, 84):
        a = rng.normal(size=(400, d)) @ rng.normal(size=(d, d))
        b = rng.normal(size=(300, d)) @ rng.normal(size=(d, d)) * 0.7 + 0.3
        ours = feature_frechet_distance(a, b)
        assert ours == pytest.approx(_scipy_frechet(a, b), rel=1e-6)
        assert feature_frechet_distance(b, a) == pytest.approx(ours, rel=1e-9)


def test_identical_sets_are_at_zero_and_dead_features_change_nothing():
    rng = np.random.default_rng(2)
    a = np.maximum(rng.normal(size=(200, 12)), 0)  # ReLU features
    assert feature_frechet_distance(a, a) == pytest.approx(0.0, abs=1e-9)
    b = np.maximum(rng.normal(size=(150, 12)) + 0.2, 0)
    # A feature that is 0 on every image (a dead unit) makes both covariances singular.
    dead = feature_frechet_distance(np.c_[a, np.zeros(len(a))], np.c_[b, np.zeros(len(b))])
    assert dead == pytest.approx(feature_frechet_distance(a, b), rel=1e-9)


def test_frechet_distance_refuses_mismatched_or_too_few_and_is_nan_for_nan():
    with pytest.raises(ParamError):
        frechet_distance(np.zeros(2), np.eye(2), np.zeros(3), np.eye(3))
    with pytest.raises(ParamError):
        feature_frechet_distance(np.zeros((1, 4)), np.zeros((5, 4)))
    bad = np.ones((10, 3))
    bad[0, 0] = np.nan
    assert np.isnan(feature_frechet_distance(bad, np.random.default_rng(0).normal(size=(10, 3))))


def test_feature_frechet_distance_by_hand():
    # 1-d: means 1 and 5, (unbiased) variances 2 and 8: 16 + 2 + 8 - 2 sqrt(16) = 18.
    assert feature_frechet_distance(np.array([[0.0], [2.0]]), np.array([[3.0], [7.0]])) == pytest.approx(18.0)
    rng = np.random.default_rng(0)
    a = rng.normal(size=(500, 3))
    assert feature_frechet_distance(a, a) == pytest.approx(0.0, abs=1e-6)
    assert feature_frechet_distance(a, a + np.array([3.0, 0.0, 4.0])) == pytest.approx(25.0)  # a shift of length 5


def test_frechet_floor_compares_two_halves_of_one_set():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(1000, 8))
    floor = frechet_floor(x)
    assert 0 < floor < 0.5  # same distribution: only the small-sample error
    assert frechet_floor(x) == floor  # the halves are fixed by the seed
    assert frechet_floor(x, size=100) > floor  # fewer samples, more bias
    assert feature_frechet_distance(x[:500], rng.normal(size=(500, 8)) + 1.0) > 10 * floor


# -- classes and modes --------------------------------------------------------------------------------------
def test_class_coverage_counts_shares_classes_and_entropy():
    labels = np.array([0] * 80 + [1] * 18 + [2] * 2)
    c = class_coverage(labels, 10)
    assert c.shares[:3] == pytest.approx((0.8, 0.18, 0.02)) and sum(c.shares) == pytest.approx(1.0)
    assert (c.covered, c.well_covered, c.n_samples, c.n_classes) == (3, 2, 100, 10)  # 0.02 < 1/40
    p = np.array([0.8, 0.18, 0.02])
    assert c.entropy == pytest.approx(-(p * np.log(p)).sum())
    probabilities = np.eye(10)[labels] * 0.9 + 0.01  # the same guesses as probabilities
    assert class_coverage(probabilities, 10) == c
    even = class_coverage(np.arange(50) % 10, 10)
    assert (even.covered, even.well_covered) == (10, 10) and even.evenness == pytest.approx(1.0)
    assert class_coverage(np.zeros(7, int), 10).evenness == 0.0
    with pytest.raises(ParamError):
        class_coverage(np.array([0, 10]), 10)


def test_modes_covered_and_high_quality_share_on_the_ring():
    angles = np.arange(8) * 2 * np.pi / 8
    centres = 2.0 * np.c_[np.cos(angles), np.sin(angles)]  # the ring of 8, radius 2
    std = 0.02  # 3 std = 0.06
    points = np.array([
        centres[0] + [0.01, 0.0], centres[0] + [0.0, -0.05], centres[0] + [0.03, 0.03],  # mode 0, three
        centres[3] + [0.059, 0.0],  # mode 3, just inside
        centres[5] + [0.0, 0.061],  # beside mode 5, just outside
        [0.0, 0.0],  # the middle of the ring: no mode
    ])
    assert high_quality_share(points, centres, std) == pytest.approx(4 / 6)
    assert modes_covered(points, centres, std) == 2
    assert modes_covered(points, centres, std, min_points=2) == 1
    assert modes_covered(centres, centres, std) == 8 and high_quality_share(centres, centres, std) == 1.0
    assert modes_covered(np.zeros((0, 2)), centres, std) == 0
    assert np.isnan(high_quality_share(np.zeros((0, 2)), centres, std))


# -- the LeNet and the judge ----------------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(1, 28, 28), (1, 8, 8), (1, 32, 32), (3, 64, 64), (1, 7, 9)])
def test_lenet_adapts_to_the_image_shape(shape):
    torch.manual_seed(0)
    net = LeNet(shape, 4)
    x = torch.rand(2, *shape)
    assert net.features(x).shape == (2, 84) and net(x).shape == (2, 4)


def _bars(n_per_class: int = 48, seed: int = 0):
    """A tiny labelled data set: 8x8 images of a horizontal (class 0) or a vertical (class 1) bar."""
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for label in (0, 1):
        for _ in range(n_per_class):
            img = rng.uniform(0, 0.2, (8, 8))
            k = rng.integers(1, 7)
            if label == 0:
                img[k, 1:7] = 1.0
            else:
                img[1:7, k] = 1.0
            images.append(img)
            labels.append(label)
    return from_arrays("bars", np.array(images, np.float32)[:, None], np.array(labels), ("across", "down"))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ENCODER_LAB_CACHE", str(tmp_path))
    return tmp_path


def test_the_judge_is_cached_reused_and_replaced_when_corrupt(cache):
    data = _bars()
    first = judge_classifier("bars", dataset=data, steps=60)
    path = judge_path("bars", (1, 8, 8))
    assert not first.from_cache and path.is_file() and path.is_relative_to(cache)
    assert first.accuracy > 0.9  # a bar's direction is easy
    again = judge_classifier("bars", dataset=data, steps=60)
    assert again.from_cache and again.accuracy == first.accuracy and again.note == ""
    images = data.heldout.images
    np.testing.assert_array_equal(again.features(images), first.features(images))

    path.write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json at all")  # a damaged file
    fresh = judge_classifier("bars", dataset=data, steps=60)
    assert not fresh.from_cache and "could not be used" in fresh.note
    np.testing.assert_array_equal(fresh.features(images), first.features(images))  # seeded: the same judge
    assert judge_classifier("bars", dataset=data, steps=60).from_cache  # and the new file is good


def test_a_cache_of_other_shapes_or_data_is_trained_again(cache):
    from safetensors.torch import save_file

    data = _bars()
    judge = judge_classifier("bars", dataset=data, steps=20)
    path = judge_path("bars", (1, 8, 8))
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as f:
        meta = f.metadata()
    other = LeNet((1, 8, 8), 2, widths=(4, 8))  # the right metadata, weights of other shapes
    save_file({k: v.contiguous() for k, v in other.state_dict().items()}, str(path), metadata=meta)
    retrained = judge_classifier("bars", dataset=data, steps=20)
    assert not retrained.from_cache and "could not be used" in retrained.note
    assert retrained.accuracy == judge.accuracy
    # Other images under the same name: the fingerprint differs, so the judge is trained again.
    assert not judge_classifier("bars", dataset=_bars(seed=1), steps=20).from_cache


def test_a_data_set_without_labels_has_no_judge(cache):
    flat = from_arrays("flat", np.random.default_rng(0).uniform(size=(20, 1, 8, 8)), np.zeros(20), ("all",))
    with pytest.raises(DatasetError, match="no labels"):
        judge_classifier("flat", dataset=flat)
    assert not any(cache.iterdir())


def test_generator_quality_tells_real_images_from_noise_and_one_class(cache):
    data = _bars(n_per_class=80)
    judge = judge_classifier("bars", dataset=data, steps=60)
    held = data.heldout.images
    real = generator_quality(data.train.images, held, judge)
    noise = generator_quality(torch.rand(64, 1, 8, 8, generator=torch.Generator().manual_seed(0)), held, judge)
    assert real.n_compared == len(held) // 2 and real.floor > 0 and real.floor_spread >= 0
    assert noise.fid > 5 * real.fid and noise.floor == real.floor
    assert real.classes_covered == 2 and real.heldout_coverage.covered == 2
    collapsed = generator_quality(data.train.images[data.train.labels == 1][:20], held, judge)
    assert collapsed.coverage.well_covered == 1 and collapsed.shares[1] > 0.9
    assert class_kept(held, data.heldout.labels, judge) == pytest.approx(judge.accuracy)
    with pytest.raises(ParamError):
        judge.features(torch.rand(3, 1, 28, 28))


def test_a_cache_folder_that_cannot_be_written_costs_only_a_note(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("ENCODER_LAB_CACHE", str(blocker))
    judge = judge_classifier("bars", dataset=_bars(), steps=10)
    assert not judge.from_cache and "could not be saved" in judge.note


def test_the_judge_trains_under_no_grad_as_a_lessons_check_measures():
    """A lesson's check measures under torch.no_grad(): the judge's first training must still have
    gradients (it raised "element 0 of tensors does not require grad")."""
    from engine.analysis import judge as judge_module
    from engine.data import load_dataset

    ds = load_dataset("digits")
    with torch.no_grad():
        network, _seconds = judge_module.train_judge(ds, torch.device("cpu"), steps=3)
    assert all(p.grad is not None for p in network.parameters())

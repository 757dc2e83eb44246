"""A generator's sample quality over training (engine/training/quality_curve.py) and the judges it uses
without training one (engine/analysis/judge.py stored_judge, the shipped assets/judges/)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from engine import figures as fig
from engine.analysis.judge import judge_path, stored_judge
from engine.data import load_dataset
from engine.methods import create_method
from engine.training import quality_curve
from engine.training.quality_curve import QualityCurve, is_generator


@pytest.fixture(scope="module")
def mnist():
    return load_dataset("mnist5k")


def test_the_shipped_judges_are_read_without_training(mnist, cache_dir):
    """An empty cache: the judge comes from assets/judges/ (its metadata checked), in well under a second."""
    judge = stored_judge("mnist5k", mnist)
    assert judge is not None and judge.from_cache and judge.accuracy > 0.97
    assert not judge_path("mnist5k", (1, 28, 28)).exists()  # nothing was trained into the cache
    assert stored_judge("digits", load_dataset("digits")) is not None


def test_no_stored_judge_gives_none_and_other_data_does_not_match(mnist, cache_dir):
    sprites = load_dataset("sprites")
    assert stored_judge("sprites", sprites) is None  # none shipped, none cached: never trained here
    # mnist5k's judge is not taken for other images that claim the name: the fingerprint differs
    assert stored_judge("mnist5k", load_dataset("mnist5k", seed=1)) is None


def test_only_generators_have_curves(mnist, cache_dir):
    assert is_generator(create_method("gan", {}, mnist.image_shape))
    assert is_generator(create_method("vae", {}, mnist.image_shape))
    autoencoder = create_method("autoencoder", {}, mnist.image_shape)
    assert not is_generator(autoencoder)
    assert QualityCurve(mnist, "mnist5k").figures(autoencoder, 10, torch.device("cpu"), now=True) == []


def test_the_curves_grow_when_due_and_hold_the_floor(mnist, cache_dir, monkeypatch):
    torch.manual_seed(0)
    gan = create_method("gan", {"latent_dim": 8, "width": 8}, mnist.image_shape)
    curve = QualityCurve(mnist, "mnist5k")
    first = curve.figures(gan, 0, torch.device("cpu"), now=True)
    assert [type(f) for f in first] == [fig.Curves, fig.Curves]
    distance, classes = first
    assert distance.steps.tolist() == [0] and np.isfinite(distance.values).all()
    # An untrained generator's noise is far from digits; two halves of the real ones are near each other.
    assert distance.values[0, 0] > 5 * distance.references[0] > 0
    assert classes.references.tolist() == [10] and 0 <= classes.values[0, 0] <= 10
    # Not due yet (INTERVAL_S has not passed): the same curve, not measured again.
    assert curve.figures(gan, 5, torch.device("cpu"))[0].steps.tolist() == [0]
    monkeypatch.setattr(quality_curve, "INTERVAL_S", 0.0)
    assert curve.figures(gan, 5, torch.device("cpu"))[0].steps.tolist() == [0, 5]
    assert curve.figures(gan, 5, torch.device("cpu"), now=True)[0].steps.tolist() == [0, 5]  # the same step once


def test_without_a_stored_judge_a_line_says_how_to_get_one(cache_dir):
    sprites = load_dataset("sprites")
    vae = create_method("vae", {"latent_dim": 4}, sprites.image_shape)
    (shown,) = QualityCurve(sprites, "sprites").figures(vae, 0, torch.device("cpu"), now=True)
    assert isinstance(shown, fig.Value) and "python main.py judge sprites" in shown.value


def test_a_diverged_generator_adds_no_point(mnist, cache_dir):
    gan = create_method("gan", {"latent_dim": 8, "width": 8}, mnist.image_shape)
    gan.generate = lambda n, device: torch.full((n, 1, 28, 28), float("nan"))
    assert QualityCurve(mnist, "mnist5k").figures(gan, 3, torch.device("cpu"), now=True) == []

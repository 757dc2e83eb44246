"""The adversarial lessons (issue 20 section 5) without training them: the files load and validate, the
measures count what they should on hand-made generators, a lesson on 2-D points gets its subjects from
the points, and the loader looks for a domains:PATH_A|PATH_B pair's folders when it reads the file."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
import torch

from engine.data import load_dataset
from engine.data.batch import POINTS_SHAPE
from engine.lessons import LessonError
from engine.lessons.loader import find_lesson, load_lesson
from engine.lessons.measures_adversarial import COVERAGE_SAMPLES, generated_points
from engine.lessons.observables import MEASURES, subjects_for
from engine.lessons.schema import METRICS, UNDEFINED
from engine.lessons.subject import Subject
from engine.lessons.verdict import METRIC_NAMES
from engine.methods import create_method
from tests.test_lessons import VALID, write

NEW = ("modes_covered", "high_quality_share", "translation_class_kept")
POINTS_LESSON = VALID.replace('method = "simsiam"', 'method = "gan"').replace('dataset = "digits"', 'dataset = "ring8"') \
    .replace("settings = { stop_gradient = true, representation_dim = 16, projection_dim = 8, hidden_dim = 16, width = 8 }",
             "settings = { latent_dim = 2, width = 16 }").replace("settings = { stop_gradient = false }", "") \
    .replace('metric = "effective_rank"', 'metric = "modes_covered"')


@pytest.fixture(autouse=True)
def _own_cache(cache_dir):
    return cache_dir


@pytest.fixture(scope="module")
def ring8():
    return load_dataset("ring8")


def _gan(dataset=None, latent_dim: int = 2):
    torch.manual_seed(0)
    model = create_method("gan", {"latent_dim": latent_dim, "width": 16}, POINTS_SHAPE)
    if dataset is not None:
        model.use_dataset(dataset, "ring8")
    return model


@pytest.mark.parametrize("name", ["gan_mode_collapse_ring", "gan_2d_game", "cyclegan_cycle_loss"])
def test_the_adversarial_lessons_load_and_validate(name):
    lesson = find_lesson(name)
    assert lesson.check.metric in NEW and lesson.captions and lesson.minutes
    assert all(c.text.en.strip() and c.text.zh.strip() for c in lesson.captions)


def test_the_collapse_lesson_pits_a_gan_against_wgan_gp_with_their_presets_settings():
    a, b = find_lesson("gan_mode_collapse_ring").runs
    assert (a.method, b.method, a.dataset, b.dataset) == ("gan", "wgan_gp", "ring8", "ring8")
    assert a.method_params == {"latent_dim": 64, "width": 128, "d_lr_scale": 4.0}
    assert b.method_params["n_critic"] == 5 and b.method_params["d_lr_scale"] == 1.0


def test_each_new_metric_is_measured_described_and_named():
    for metric in NEW:
        assert metric in MEASURES and metric in METRICS and metric in METRIC_NAMES
        assert (metric, "raw_pixels") in UNDEFINED and (metric, "pca") in UNDEFINED


class _OneMode(torch.nn.Module):
    """A generator of points that maps all noise to the ring's first mode (a perfect collapse)."""

    on_points, noise_dim = True, 2

    def __init__(self, centre):
        super().__init__()
        self.centre = torch.nn.Parameter(torch.as_tensor(centre, dtype=torch.float32), requires_grad=False)

    def sample_noise(self, n, device):
        return torch.randn(n, self.noise_dim, generator=torch.Generator().manual_seed(1)).to(device)

    def generator_net(self, z):
        return self.centre.expand(len(z), 2) + 0.001 * z


def test_a_generator_that_maps_all_noise_to_one_mode_covers_one(ring8):
    centres = np.asarray(ring8.notes["centres"])
    s = Subject(np.zeros((1, 1)), np.zeros((1, 1)), model=_OneMode(centres[0]), dataset=ring8)
    assert MEASURES["modes_covered"](s, None, None) == 1
    assert MEASURES["high_quality_share"](s, None, None) == pytest.approx(1.0)


def test_the_measures_are_nan_where_they_mean_nothing(ring8):
    digits = load_dataset("digits")
    image_gan = create_method("gan", {"latent_dim": 4}, digits.image_shape)
    for metric in NEW:
        assert math.isnan(MEASURES[metric](Subject(np.zeros((1, 1)), np.zeros((1, 1)), model=image_gan,
                                                   dataset=digits), None, None))
    assert math.isnan(MEASURES["translation_class_kept"](Subject(np.zeros((1, 1)), np.zeros((1, 1)),
                                                                 model=_gan(ring8), dataset=ring8), None, None))


def test_the_coverage_is_counted_on_fixed_noise(ring8):
    model = _gan(ring8)
    first, second = generated_points(model), generated_points(model)
    assert first.shape == (COVERAGE_SAMPLES, 2) and np.array_equal(first, second)


def test_a_points_subject_gets_the_embeddings_of_its_points(ring8):
    model = _gan(ring8)
    with torch.no_grad():
        subjects, (yb, yp) = subjects_for(("A", "random_network"), {"A": (model, 0.5)}, ring8, 0,
                                          torch.device("cpu"))
    a = subjects["A"]
    assert a.images is None and a.points is not None and a.points.shape[1] == 2
    assert a.probe.shape == (len(a.points), 16) and a.bank.shape[0] == len(yb) and len(yp) == len(a.points)
    assert subjects["random_network"].probe.shape == a.probe.shape
    value = MEASURES["modes_covered"](replace(subjects["random_network"], dataset=ring8), yb, yp)
    assert 0 <= value <= 8


def test_a_points_lesson_loads_and_refuses_the_image_baselines(tmp_path):
    lesson = load_lesson(write(tmp_path, POINTS_LESSON.replace('"B < 0.5 * A"', '"A > random_network"'), "ring"))
    assert lesson.runs[0].dataset == "ring8"
    for baseline in ("raw_pixels", "pca"):
        with pytest.raises(LessonError) as caught:
            load_lesson(write(tmp_path, POINTS_LESSON.replace('"B < 0.5 * A"', f'"A > {baseline}"'), "bad"))
        assert caught.value.where == "check.compare"


def test_the_loader_accepts_a_domains_pair_of_folders_that_exist(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    text = VALID.replace('dataset = "digits"', f'dataset = "domains:{tmp_path / "a"}|{tmp_path / "b"}"')
    assert load_lesson(write(tmp_path, text, "pair")).runs[0].dataset.startswith("domains:")


@pytest.mark.parametrize("spec, words", [("{a}|{missing}", "no such folder"), ("{a}", "two folders joined by |"),
                                         ("{a}|", "two folders joined by |")])
def test_the_loader_refuses_a_domains_pair_with_a_missing_folder(tmp_path, spec, words):
    (tmp_path / "a").mkdir()
    name = spec.format(a=tmp_path / "a", missing=tmp_path / "missing")
    text = VALID.replace('dataset = "digits"', f'dataset = "domains:{name}"')
    with pytest.raises(LessonError) as caught:
        load_lesson(write(tmp_path, text, "pair"))
    assert caught.value.where == "A.dataset" and words in str(caught.value)
    if "missing" in spec:
        assert str(tmp_path / "missing") in str(caught.value)


def test_the_loader_looks_for_a_points_file(tmp_path):
    text = VALID.replace('dataset = "digits"', f'dataset = "points:{tmp_path / "drawn.csv"}"')
    with pytest.raises(LessonError) as caught:
        load_lesson(write(tmp_path, text, "drawn"))
    assert caught.value.where == "A.dataset" and "no such file" in str(caught.value)

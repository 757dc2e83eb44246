"""The joint-embedding family's lesson metrics, each against values worked out by hand on tiny inputs:
Barlow Twins' cross-correlation and its distance from the identity, and the statistics of the 2-d map."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from engine.data.augment import AugmentConfig, Op
from engine.lessons.lesson_subject import LessonSubject
from engine.lessons.measures_ssl import (MEASURES, cross_correlation, cross_correlation_distance,
                                        clumps, distance_from_identity, map_clumps, map_layout,
                                        map_neighbours_kept, shared_neighbours)
from engine.lessons.observables import MEASURES as ALL_MEASURES
from engine.lessons.observables import Subject
from engine.lessons.schema import METRICS, MapSpec

# Two dimensions, each of mean 0, uncorrelated with each other along the batch of four.
Z = np.array([[1.0, 1.0], [-1.0, 1.0], [1.0, -1.0], [-1.0, -1.0]])
NO_AUGMENTATION = AugmentConfig(**{name: Op(False, 0.0, 0.0) for name in AugmentConfig().as_ops()})


def test_every_metric_here_is_registered_and_described():
    for name in MEASURES:
        assert ALL_MEASURES[name] is MEASURES[name]
        assert name in METRICS


# -- the cross-correlation matrix ---------------------------------------------------------------------
def test_two_identical_views_of_uncorrelated_dimensions_give_the_identity():
    assert np.allclose(cross_correlation(Z, Z), np.eye(2))
    assert distance_from_identity(cross_correlation(Z, Z)) == pytest.approx(0.0)


def test_the_cross_correlation_ignores_each_dimensions_offset_and_scale():
    assert np.allclose(cross_correlation(5 * Z + 3, Z * np.array([0.1, 7.0]) - 2), np.eye(2))


@pytest.mark.parametrize("z2, expected_c, expected_distance", [
    (Z[:, ::-1], [[0, 1], [1, 0]], 2.0),  # swapped dimensions: (0-1)^2 * 2 + 1^2 * 2 = 4, over D = 2
    (Z * np.array([1.0, -1.0]), [[1, 0], [0, -1]], 2.0),  # one dimension disagrees: (-1-1)^2 = 4, over 2
    (np.stack([Z[:, 0], np.full(4, 3.0)], 1), [[1, 0], [0, 0]], 0.5),  # a dead dimension: (0-1)^2 = 1, over 2
])
def test_a_cross_correlation_worked_out_by_hand(z2, expected_c, expected_distance):
    c = cross_correlation(Z, z2)
    assert np.allclose(c, expected_c)
    assert distance_from_identity(c) == pytest.approx(expected_distance)


def test_the_off_diagonal_counts_with_lambda():
    """Swapped dimensions at lambda 0.5: diagonal (0 - 1)^2 * 2 = 2, off-diagonal 0.5 * 1^2 * 2 = 1, over D = 2."""
    assert distance_from_identity(cross_correlation(Z, Z[:, ::-1]), 0.5) == pytest.approx(1.5)


class _FixedHead(torch.nn.Module):
    """A 'network' whose projector outputs the first two pixels of each image: with no augmentation
    the two views are the images themselves, so C is worked out from the pixels by hand."""

    def __init__(self, has_head: bool = True):
        super().__init__()
        self.has_head = has_head

    def head(self, x):
        return x.flatten(1)[:, :2] if self.has_head else None

    def embed(self, x):
        return x.flatten(1)[:, :2] * torch.tensor([1.0, -1.0])  # second dimension flipped: C = diag(1, 1)


def _images() -> torch.Tensor:
    images = torch.zeros(4, 1, 2, 2)
    images.view(4, -1)[:, :2] = torch.tensor((Z + 1) / 2, dtype=torch.float32)  # pixels in [0, 1]
    return images


@pytest.mark.parametrize("has_head", [True, False])
def test_the_distance_is_measured_on_the_networks_outputs_of_two_views(has_head):
    subject = LessonSubject(np.zeros((4, 2)), np.zeros((4, 2)), model=_FixedHead(has_head), images=_images(),
                            augment=NO_AUGMENTATION)
    assert cross_correlation_distance(subject, None, None) == pytest.approx(0.0, abs=1e-9)


def test_the_views_follow_the_runs_recipe():
    """Strong noise on every view drowns the pixels the fixed head reads: the two views barely agree, and
    C's diagonal falls towards 0 (distance towards 1 per dimension)."""
    noise = NO_AUGMENTATION.updated({"noise": (True, 1.0, 1.0)})
    images = _images().repeat(16, 1, 1, 1)  # 64 images: enough for the correlations to mean something
    subject = LessonSubject(np.zeros((64, 2)), np.zeros((64, 2)), model=_FixedHead(), images=images, augment=noise)
    assert cross_correlation_distance(subject, None, None) > 0.5


def test_a_subject_without_a_network_has_no_cross_correlation():
    assert math.isnan(cross_correlation_distance(Subject(np.zeros((4, 2)), np.zeros((4, 2))), None, None))


# -- the map -------------------------------------------------------------------------------------------
def test_shared_neighbours_worked_out_by_hand():
    a = np.array([[1, 2], [0, 2], [0, 1]])
    b = np.array([[1, 0], [0, 1], [0, 1]])
    assert shared_neighbours(a, b) == pytest.approx((0.5 + 0.5 + 1.0) / 3)


def test_a_map_that_only_turns_the_data_keeps_every_neighbour():
    points = np.random.default_rng(0).normal(size=(60, 2)).astype(np.float32)
    subject = LessonSubject(points, points, map=MapSpec("pca"))
    assert map_neighbours_kept(subject, None, None) == pytest.approx(1.0)


def test_a_map_that_moves_every_neighbour_keeps_none(monkeypatch):
    """Data at 0, 1, 3, 6 on a line (nearest: 1, 0, 1, 3); a map that places them at 0, 3, 1, 6
    (nearest: 2, 2, 0, 1): not one nearest neighbour kept."""
    import engine.lessons.measures_ssl as measures

    line = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0], [6.0, 0.0]], dtype=np.float32)
    moved = np.array([[0.0, 0.0], [3.0, 0.0], [1.0, 0.0], [6.0, 0.0]], dtype=np.float32)
    monkeypatch.setattr(measures, "MAP_NEIGHBOURS", 1)
    monkeypatch.setattr(measures, "map_layout", lambda subject: moved)
    assert map_neighbours_kept(LessonSubject(line, line), None, None) == 0.0
    monkeypatch.setattr(measures, "map_layout", lambda subject: line * 2)
    assert map_neighbours_kept(LessonSubject(line, line), None, None) == 1.0


def test_clumps_worked_out_by_hand():
    """At k = 1: points 0, 1, 10, 11, 30 on a line are nearest to 1, 0, 11, 10, 11. Mutual pairs {0, 1}
    and {10, 11}; 30's nearest (11) does not choose it back, so it is a clump of its own: 3 clumps."""
    line = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0], [11.0, 0.0], [30.0, 0.0]], dtype=np.float32)
    assert clumps(line, 1) == 3
    assert clumps(line, 2) == 2  # at k = 2, 1 and 10 choose each other too; 30 is still no one's choice
    assert clumps(line, 4) == 1  # everyone is everyone's neighbour


def test_map_clumps_counts_on_the_runs_map(monkeypatch):
    import engine.lessons.measures_ssl as measures

    line = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0], [11.0, 0.0], [30.0, 0.0]], dtype=np.float32)
    monkeypatch.setattr(measures, "CLUMP_NEIGHBOURS", 1)
    assert map_clumps(LessonSubject(line, line, map=MapSpec("pca")), None, None) == 3.0


def test_the_perplexity_changes_the_map_not_the_data():
    points = np.random.default_rng(0).normal(size=(90, 5)).astype(np.float32)
    low = LessonSubject(points, points, map=MapSpec("tsne", {"perplexity": 5.0}))
    high = LessonSubject(points, points, map=MapSpec("tsne", {"perplexity": 25.0}))
    assert not np.allclose(map_layout(low), map_layout(high), atol=1e-2)
    assert np.array_equal(map_layout(low), map_layout(low))  # seeded: the same settings, the same map


def test_a_subject_without_map_settings_is_drawn_by_t_sne_at_the_defaults():
    points = np.random.default_rng(1).normal(size=(90, 5)).astype(np.float32)
    plain = Subject(points, points)
    default = LessonSubject(points, points, map=MapSpec("tsne", {"perplexity": 30.0}))
    assert np.array_equal(map_layout(plain), map_layout(default))

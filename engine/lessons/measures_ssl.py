"""Lesson metrics of the joint-embedding family (SimCLR, MoCo, SimSiam/BYOL, Barlow Twins, rotation) and the embedding map.

Each takes (subject, bank labels, probe labels) and returns a float; see engine/lessons/subject.py for
what a Subject holds. Describe each in engine/lessons/schema.py's METRICS too.

Two of them need what a lesson's run adds to its subject (engine/lessons/lesson_subject.py fills them):
the run's augmentation recipe (Subject.augment) and its map settings (Subject.map). A subject without
them (a baseline) gets the data set's usual recipe and the default map.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from engine.lessons.subject import Subject

VIEW_SEED = 0  # the two augmented views of the held-out images: the same for every subject of a lesson
MAP_SEED = 0  # the t-SNE / UMAP layout's seed: two maps differ by their settings, not by chance
MAP_NEIGHBOURS = 10  # k of the map's neighbourhood statistics: a digit's close company, not its class
CLUMP_NEIGHBOURS = 5  # k of the mutual-neighbour graph whose groups are the map's clumps


# -- Barlow Twins: the cross-correlation matrix ------------------------------------------------------
def cross_correlation(z1: np.ndarray, z2: np.ndarray) -> np.ndarray:
    """(D, D) cross-correlation of two views' outputs along the batch, each dimension standardised.

    Zbontar et al., "Barlow Twins", ICML 2021, eq. 2: C_ij = sum_b z1_bi z2_bj / (sqrt(sum_b z1_bi^2)
    sqrt(sum_b z2_bj^2)), with z mean-centred along the batch. A constant dimension (std 0) correlates
    with nothing: its row and column are 0, so its diagonal entry counts fully against the identity.
    """
    a = z1.astype(np.float64) - z1.mean(0)
    b = z2.astype(np.float64) - z2.mean(0)
    na, nb = np.sqrt((a * a).sum(0)), np.sqrt((b * b).sum(0))
    a = np.divide(a, na, out=np.zeros_like(a), where=na > 0)
    b = np.divide(b, nb, out=np.zeros_like(b), where=nb > 0)
    return a.T @ b


def distance_from_identity(c: np.ndarray, off_diagonal_weight: float = 1.0) -> float:
    """(sum_i (1 - C_ii)^2 + lambda sum_{i != j} C_ij^2) / D: Barlow Twins' loss (eq. 1) per dimension.
    0 when the two views agree in every dimension and no two dimensions share information."""
    off = c - np.diag(np.diag(c))
    return float((((1 - np.diag(c)) ** 2).sum() + off_diagonal_weight * (off ** 2).sum()) / len(c))


def two_views(subject: Subject) -> tuple[np.ndarray, np.ndarray] | None:
    """Projector outputs (or embeddings) of two augmented views of the subject's held-out images, or None
    for a subject with no network (raw pixels, PCA). The views are drawn by a generator seeded with
    VIEW_SEED, so the trained run and the random network see the very same views."""
    import torch

    from engine.data.augment import AugmentConfig, augment, make_generator
    from engine.training.util import evaluating

    model, images = subject.model, subject.images
    if model is None or images is None:
        return None
    recipe = subject.augment or AugmentConfig.for_dataset(False, images.shape[-1])
    generator = make_generator(images.device, VIEW_SEED)
    outputs = []
    with torch.no_grad(), evaluating(model):
        for _ in range(2):
            view = augment(images, recipe, generator)  # (M, C, H, W)
            out = model.head(view)
            outputs.append((model.embed(view) if out is None else out).float().cpu().numpy())
    return outputs[0], outputs[1]


def cross_correlation_distance(subject: Subject, bank_labels: np.ndarray, probe_labels: np.ndarray) -> float:
    """How far the two views' cross-correlation lies from the identity, weighed as Barlow Twins weighs it:
    the off-diagonal by the subject's lambda (off_diagonal_weight; 1/D for a method without one)."""
    views = two_views(subject)
    if views is None:
        return float("nan")
    c = cross_correlation(*views)
    weight = getattr(getattr(subject.model, "params", None), "off_diagonal_weight", 1.0 / len(c))
    return distance_from_identity(c, weight)


# -- the embedding map --------------------------------------------------------------------------------
def map_layout(subject: Subject) -> np.ndarray:
    """(M, 2) map of the subject's held-out embeddings, drawn afresh with its run's map settings (t-SNE
    at perplexity 30 when it has none), as the Embedding map view would draw it."""
    from engine.analysis.map_settings import MapSettings
    from engine.analysis.project import Projector

    spec = subject.map
    method, settings = ("tsne", MapSettings()) if spec is None else (spec.method, spec.map_settings())
    return Projector(seed=MAP_SEED, settings=settings).project(subject.probe.astype(np.float32), method)


def neighbour_sets(x: np.ndarray, k: int) -> np.ndarray:
    """(N, k) indices of each point's k nearest neighbours (euclidean, the point itself left out)."""
    from engine.analysis.neighbours import nearest_neighbours

    return nearest_neighbours(x, k)[0]


def shared_neighbours(a: np.ndarray, b: np.ndarray) -> float:
    """Mean share of each row's neighbours in ``a`` (N, k) that are among its neighbours in ``b``."""
    k = a.shape[1]
    return float(np.mean([len(np.intersect1d(ra, rb)) / k for ra, rb in zip(a, b)]))


def map_neighbours_kept(subject: Subject, bank_labels: np.ndarray, probe_labels: np.ndarray) -> float:
    """Share of each image's 10 nearest neighbours in the embedding that are among its 10 on the map."""
    k = MAP_NEIGHBOURS
    return shared_neighbours(neighbour_sets(subject.probe.astype(np.float32), k), neighbour_sets(map_layout(subject), k))


def clumps(points: np.ndarray, k: int) -> int:
    """How many separate groups the mutual k-nearest-neighbour graph of ``points`` falls into: i and j
    linked when each is among the other's k nearest. A map of many small clumps has many."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(points)
    idx = neighbour_sets(points, k)  # (N, k)
    graph = csr_matrix((np.ones(idx.size), (np.repeat(np.arange(n), idx.shape[1]), idx.ravel())), shape=(n, n))
    return int(connected_components(graph.multiply(graph.T), directed=False)[0])


def map_clumps(subject: Subject, bank_labels: np.ndarray, probe_labels: np.ndarray) -> float:
    """Separate clumps on the subject's map. Wattenberg et al., Distill 2016, section 1: at a perplexity
    too small for the data "local variations dominate"; the same points fall into many small clumps."""
    return float(clumps(map_layout(subject), CLUMP_NEIGHBOURS))


MEASURES: dict[str, Callable[..., float]] = {
    "cross_correlation_distance": cross_correlation_distance,
    "map_neighbours_kept": map_neighbours_kept,
    "map_clumps": map_clumps,
}

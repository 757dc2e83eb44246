import numpy as np
import pytest

from engine.analysis.evaluate import collapse_stats, kmeans_scores, knn_accuracy, linear_probe_accuracy, probe_scores
from engine.analysis.project import Projector, knn_graph, pca_2d, procrustes_align, umap_2d
from engine.analysis.tsne import affinities, tsne


def _clusters(n_per=50, d=16, classes=4, spread=0.05, seed=0):
    rng = np.random.default_rng(seed)
    centres = np.eye(d)[:classes] * 5
    x = np.concatenate([c + spread * rng.normal(size=(n_per, d)) for c in centres]).astype(np.float32)
    y = np.repeat(np.arange(classes), n_per)
    return x, y


def test_separable_clusters_are_perfect_for_every_probe():
    x, y = _clusters()
    xt, yt = _clusters(seed=1)
    assert knn_accuracy(x, y, xt, yt, k=5) == 1.0
    assert linear_probe_accuracy(x, y, xt, yt) == 1.0
    nmi, ari, clusters = kmeans_scores(xt, yt)
    assert nmi == pytest.approx(1.0) and ari == pytest.approx(1.0)
    assert len(np.unique(clusters)) == 4


def test_knn_uses_cosine_similarity():
    # Same direction, different lengths: cosine says these are the same point.
    train = np.array([[1.0, 0.0], [100.0, 0.0], [0.0, 1.0]])
    labels = np.array([0, 0, 1])
    assert knn_accuracy(train, labels, np.array([[50.0, 1.0]]), np.array([0]), k=1) == 1.0
    assert knn_accuracy(train, labels, np.array([[0.1, 5.0]]), np.array([1]), k=1) == 1.0


def test_knn_by_hand():
    train = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]], dtype=float)
    labels = np.array([0, 0, 1, 1])
    test = np.array([[1, 0.05], [0.05, 1], [0.6, 0.4]])
    # The third point's 3 nearest by cosine: [0.9,0.1] (0), [1,0] (0), [0.1,0.9] (1): majority 0.
    assert knn_accuracy(train, labels, test, np.array([0, 1, 1]), k=3) == pytest.approx(2 / 3)


def test_constant_embeddings_collapse():
    c = collapse_stats(np.ones((100, 32)) * 3.0)
    assert c.effective_rank == pytest.approx(1.0)
    assert c.std == pytest.approx(0.0, abs=1e-9)
    assert c.collapsed and "Collapse" in c.warning


def test_random_unit_vectors_spread_like_one_over_sqrt_d():
    d = 64
    x = np.random.default_rng(0).normal(size=(5000, d))
    c = collapse_stats(x)
    assert c.std == pytest.approx(1 / np.sqrt(d), rel=0.05)
    assert c.effective_rank > 0.9 * d
    assert not c.collapsed and c.warning == ""


def test_low_rank_embeddings_show_partial_collapse():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(500, 2)) @ rng.normal(size=(2, 64))  # 64 dimensions, rank 2
    c = collapse_stats(x)
    assert c.effective_rank < 2.5 and c.warning.startswith("Collapsing: effective rank 2.0 of 64")


def test_probe_scores_bundle():
    x, y = _clusters()
    s, clusters, c = probe_scores(x, y, x, y, with_clusters=True)
    assert s.knn == 1.0 and s.linear == 1.0 and clusters.shape == (200,)
    assert s.std_reference == pytest.approx(1 / 4)


def test_alignment_undoes_rotation_reflection_scale_and_shift():
    rng = np.random.default_rng(0)
    original = rng.normal(size=(300, 2)).astype(np.float32)
    theta = 1.1
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    moved = (original @ rotation) * np.array([1, -1]) * 3.5 + np.array([10, -4])
    np.testing.assert_allclose(procrustes_align(moved, original), original, atol=1e-4)


def test_pca_finds_the_main_axis():
    rng = np.random.default_rng(0)
    x = np.zeros((400, 10), dtype=np.float32)
    x[:, 3] = rng.normal(size=400) * 10
    x[:, 5] = rng.normal(size=400)
    y = pca_2d(x)
    assert y.shape == (400, 2)
    assert abs(np.corrcoef(y[:, 0], x[:, 3])[0, 1]) > 0.999


def test_tsne_affinities_are_a_distribution():
    x, _ = _clusters(n_per=30)
    rows, cols, p = affinities(x, perplexity=10)
    assert p.sum() == pytest.approx(1.0, rel=1e-4) and (p >= 0).all()


def test_tsne_separates_clusters_and_a_refresh_keeps_the_layout():
    x, y = _clusters(n_per=40, spread=0.3)
    first = tsne(x, perplexity=15)
    assert knn_accuracy(first, y, first, y, k=5) == 1.0
    refreshed = tsne(x + 0.01, init=first, iterations=20, perplexity=15)
    assert knn_accuracy(refreshed, y, refreshed, y, k=5) == 1.0
    moved = np.linalg.norm(refreshed - first, axis=1).mean() / np.linalg.norm(first, axis=1).mean()
    assert moved < 0.5  # warm-started: it continues the layout instead of starting over


def test_tsne_step_matches_the_papers_gradient():
    """One warm step of the optimised loop against the gradient written out densely (JMLR 2008, eq. 5)."""
    x, _ = _clusters(n_per=15)
    n = len(x)
    y0 = np.random.default_rng(3).normal(size=(n, 2)).astype(np.float32) * 5
    rows, cols, vals = affinities(x, perplexity=10)
    p = np.zeros((n, n))
    np.add.at(p, (rows, cols), vals)
    diff = y0[:, None, :].astype(np.float64) - y0[None, :, :]  # (N, N, 2)
    num = 1.0 / (1.0 + (diff ** 2).sum(-1))
    np.fill_diagonal(num, 0.0)
    q = num / num.sum()
    grad = 4.0 * (((p - q) * num)[..., None] * diff).sum(1)  # dC/dy_i = 4 sum_j (p_ij - q_ij) num_ij (y_i - y_j)
    expected = y0 - max(n / 48.0, 50.0) * 1.2 * grad  # first step: gains 1 + 0.2, no velocity yet
    expected -= expected.mean(0)
    got = tsne(x, init=y0, iterations=1, perplexity=10)
    assert np.allclose(got, expected, atol=1e-3 * np.abs(expected).max())


def test_knn_graph_is_exact():
    x, _ = _clusters(n_per=20)
    idx, dist = knn_graph(x, 5)
    assert (idx[:, 0] == np.arange(len(x))).all() and (dist[:, 0] == 0).all()
    brute = np.sqrt(((x[:, None] - x[None]) ** 2).sum(-1))
    np.testing.assert_allclose(dist[:, 1:], np.sort(brute, axis=1)[:, 1:5], atol=1e-3)


def test_nearest_neighbours_are_the_exact_other_points_nearest_first():
    from engine.analysis.neighbours import nearest_neighbours

    x, _ = _clusters(n_per=20)
    idx, sq = nearest_neighbours(x, 6)
    brute = ((x[:, None] - x[None]) ** 2).sum(-1)
    np.fill_diagonal(brute, np.inf)
    assert idx.shape == sq.shape == (len(x), 6) and (idx != np.arange(len(x))[:, None]).all()
    np.testing.assert_allclose(sq, np.sort(brute, axis=1)[:, :6], rtol=1e-4, atol=1e-3)
    np.testing.assert_allclose(np.take_along_axis(brute, idx, axis=1), sq, rtol=1e-4, atol=1e-3)
    # Duplicates tie at distance 0, broken by index; k is capped at the N - 1 other points.
    idx, sq = nearest_neighbours(np.zeros((4, 2)), 9)
    assert idx.tolist() == [[1, 2, 3], [0, 2, 3], [0, 1, 3], [0, 1, 2]] and (sq == 0).all()


def test_umap_and_projector_warm_start_and_align():
    x, y = _clusters(n_per=40, spread=0.3)
    first = umap_2d(x, seed=0)
    assert first.shape == (160, 2) and knn_accuracy(first, y, first, y, k=5) == 1.0
    p = Projector()
    a = p.project(x, "pca")
    b = p.project(x, "pca")
    np.testing.assert_allclose(a, b, atol=1e-5)  # the same data, aligned: the same picture
    t = p.project(x, "umap")
    assert t.shape == (160, 2)
    with pytest.raises(ValueError, match="unknown projection"):
        p.project(x, "mds")

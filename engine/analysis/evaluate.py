"""How good is a representation? Probes on frozen embeddings, clustering scores, collapse gauges.

Every function takes numpy arrays (N, D) and returns plain numbers, so it runs anywhere: the CLI's
``evaluate``, the app's analysis process, the tests. The probes follow the usual protocol of the
self-supervised literature: fit on embeddings of training images, score on held-out ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from engine.words import Words


def l2_normalise(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def knn_accuracy(train: np.ndarray, train_labels: np.ndarray, test: np.ndarray, test_labels: np.ndarray,
                 k: int = 20) -> float:
    """Share of test points whose k nearest training points (cosine similarity) vote for their label.

    Wu et al., "Unsupervised Feature Learning via Non-Parametric Instance Discrimination", CVPR 2018,
    use this weighted kNN on normalised features; here the vote is a plain majority, ties going to the
    nearer neighbours' label.
    """
    k = max(1, min(k, len(train)))
    sim = l2_normalise(test) @ l2_normalise(train).T  # (T, N) cosine similarity
    nearest = np.argpartition(-sim, k - 1, axis=1)[:, :k]  # (T, k), unordered
    order = np.take_along_axis(sim, nearest, axis=1).argsort(axis=1)[:, ::-1]
    votes = train_labels[np.take_along_axis(nearest, order, axis=1)]  # (T, k), nearest first
    n_classes = int(max(train_labels.max(), test_labels.max())) + 1
    # Count votes per class; a tiny bonus for nearer neighbours breaks ties in their favour.
    weight = 1.0 + 1e-6 * np.arange(k, 0, -1)
    scores = np.zeros((len(test), n_classes))
    np.add.at(scores, (np.arange(len(test))[:, None], votes), weight[None, :])
    return float((scores.argmax(axis=1) == test_labels).mean())


def linear_probe_accuracy(train: np.ndarray, train_labels: np.ndarray, test: np.ndarray,
                          test_labels: np.ndarray, max_iter: int = 300) -> float:
    """Accuracy of a multinomial logistic regression fit on standardised frozen embeddings."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    if len(np.unique(train_labels)) < 2:
        return float("nan")
    scaler = StandardScaler().fit(train)
    clf = LogisticRegression(max_iter=max_iter, C=1.0)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a probe that has not fully converged is still a fair probe
        clf.fit(scaler.transform(train), train_labels)
    return float(clf.score(scaler.transform(test), test_labels))


def kmeans_scores(x: np.ndarray, labels: np.ndarray, seed: int = 0) -> tuple[float, float, np.ndarray]:
    """(NMI, ARI, cluster of each point) of k-means with k = the number of classes, on normalised x."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    k = len(np.unique(labels))
    if k < 2:
        return float("nan"), float("nan"), np.zeros(len(x), dtype=np.int64)
    clusters = KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(l2_normalise(x))
    return (float(normalized_mutual_info_score(labels, clusters)), float(adjusted_rand_score(labels, clusters)),
            clusters.astype(np.int64))


# Thresholds of the collapse warnings, relative to the dimension and to the run's own best so far.
COLLAPSED_SPREAD = 0.1  # spread under 10% of random directions': the outputs are one point
COLLAPSED_RANK = 1.5  # or they lie on about one line
LOW_RANK_SHARE = 0.1  # effective rank under a tenth of the dimensions (of 16 or more): few dimensions used
FALL_SHARE = 0.5  # rank AND spread at half (or less) of their best in this run: falling towards a point
SHRUNK_SHARE = 0.1  # raw std at a tenth (or less) of its best in this run: shrinking to a point


@dataclass(frozen=True)
class Collapse:
    """Gauges of dimensional collapse of an embedding (N, D)."""

    std: float  # mean over dimensions of the std of the L2-normalised embedding
    std_reference: float  # 1/sqrt(D): what uniformly spread unit vectors give
    effective_rank: float  # exp(entropy of the normalised singular values), 1..D
    singular_values: np.ndarray  # (min(N, D),) descending
    dim: int
    # mean over dimensions of the std of the raw embedding. Rank and spread ignore scale, so they miss
    # embeddings that shrink to one point with their directions intact (VICReg without its variance term).
    scale: float = float("nan")

    @property
    def spread(self) -> float:
        """std relative to random directions': about 1 for a healthy encoder, 0 for a collapsed one."""
        return self.std / self.std_reference

    @property
    def collapsed(self) -> bool:
        """All embeddings (nearly) the same direction: the encoder has stopped telling images apart."""
        return self.spread < COLLAPSED_SPREAD or self.effective_rank < COLLAPSED_RANK

    @property
    def warning(self) -> str:
        """The warning this one measurement justifies on its own (no history): see :meth:`warning_since`."""
        return self.warning_since()

    def warning_since(self, best_rank: float = 0.0, best_spread: float = 0.0, best_scale: float = 0.0) -> str:
        """"Collapsed: ...", "Collapsing: effective rank 3.0 of 128 ..." or "", given the highest effective
        rank, spread and scale measured earlier in this run (0: no history).

        Collapsing means: rank under a tenth of the dimensions; or rank and spread both fallen to half
        their best in this run (both, because training a reconstruction method halves the rank of its
        random start, VQ-VAE 280 -> 120 of 784, while the spread holds; a collapse towards a point takes
        both: SimSiam without stop-gradient, rank 20 -> 9, spread 99% -> 30%); or the raw embeddings
        shrunk to a tenth of their best size (VICReg without variance: all of them towards 0).
        """
        rank = Words("effective rank {rank:.1f} of {dim}", rank=self.effective_rank, dim=self.dim)
        spread = Words("spread {spread:.0%} of that of random directions", spread=self.spread)
        if self.collapsed:
            return Words("Collapsed: {rank}, {spread}. The embeddings lie on (nearly) one line or point: the "
                         "encoder no longer tells images apart.", rank=rank, spread=spread)
        if self.effective_rank <= FALL_SHARE * best_rank and self.spread <= FALL_SHARE * best_spread:
            return Words("Collapsing: {rank} (best in this run {best_rank:.1f}), {spread} (best "
                         "{best_spread:.0%}). The embeddings are drawing together.",
                         rank=rank, best_rank=best_rank, spread=spread, best_spread=best_spread)
        if self.scale <= SHRUNK_SHARE * best_scale:
            return Words("Collapsing: {rank}, and the embeddings have shrunk to {share:.0%} of their size "
                         "earlier in this run: they are drawing together to one point.",
                         rank=rank, share=self.scale / best_scale)
        if self.effective_rank < LOW_RANK_SHARE * self.dim and self.dim >= 16:
            return Words("Collapsing: {rank}. The embeddings use only a few of their dimensions.", rank=rank)
        return ""


class CollapseWatch:
    """The collapse gauges of one run over time: each measurement is judged against the run's best."""

    def __init__(self) -> None:
        self.best_rank = 0.0
        self.best_spread = 0.0
        self.best_scale = 0.0

    def warning(self, c: Collapse) -> str:
        if c.collapsed and self.best_spread < 2 * COLLAPSED_SPREAD:
            # Never spread out in this run: an untrained network, whose ReLU features all point about
            # the same way (projector outputs at step 0 spread about 7% of random directions').
            warning = Words("Not spread out yet: effective rank {rank:.1f} of {dim}, spread {spread:.0%} of "
                            "that of random directions, as an untrained network's outputs are. Training "
                            "should spread them; if it does not, the method has collapsed.",
                            rank=c.effective_rank, dim=c.dim, spread=c.spread)
        else:
            warning = c.warning_since(self.best_rank, self.best_spread, self.best_scale)
        self.best_rank = max(self.best_rank, c.effective_rank)
        self.best_spread = max(self.best_spread, c.spread)
        self.best_scale = max(self.best_scale, c.scale)
        return warning


def collapse_stats(x: np.ndarray) -> Collapse:
    """Collapse gauges of an embedding (N, D).

    Std of the normalised embedding: SimSiam (Chen & He, CVPR 2021, section 4.1) shows it sits near
    1/sqrt(D) for a healthy encoder and falls to 0 when the outputs collapse to a constant.
    Effective rank: Roy & Vetterli, "The effective rank" (EUSIPCO 2007), exp(H(p)) with p the singular
    values divided by their sum; RankMe (Garrido et al., ICML 2023) uses it to judge embeddings.
    """
    z = l2_normalise(x.astype(np.float64))
    d = x.shape[1]
    std = float(z.std(axis=0).mean())
    s = np.linalg.svd(x.astype(np.float64), compute_uv=False)
    total = s.sum()
    if total <= 0:
        rank = 1.0
    else:
        p = s / total
        p = p[p > 0]
        rank = float(np.exp(-(p * np.log(p)).sum()))
    scale = float(x.astype(np.float64).std(axis=0).mean())
    return Collapse(std, 1.0 / np.sqrt(d), rank, s.astype(np.float32), d, scale)


@dataclass(frozen=True)
class ProbeScores:
    knn: float
    linear: float
    nmi: float
    ari: float
    effective_rank: float
    std: float
    std_reference: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def probe_scores(train: np.ndarray, train_labels: np.ndarray, test: np.ndarray, test_labels: np.ndarray,
                 k: int = 20, with_clusters: bool = False, head: np.ndarray | None = None):
    """Every probe at once; with ``with_clusters`` also the k-means cluster of each test point.

    The collapse gauges measure ``head`` (the projector output the loss sees) when given, else the
    test embeddings.
    """
    nmi, ari, clusters = kmeans_scores(test, test_labels)
    c = collapse_stats(test if head is None else head)
    scores = ProbeScores(knn_accuracy(train, train_labels, test, test_labels, k),
                         linear_probe_accuracy(train, train_labels, test, test_labels), nmi, ari,
                         c.effective_rank, c.std, c.std_reference)
    return (scores, clusters, c) if with_clusters else scores

"""How good is a representation? Probes on frozen embeddings, clustering scores, collapse gauges.

Every function takes numpy arrays (N, D) and returns plain numbers, so it runs anywhere: the CLI's
``evaluate``, the app's analysis process, the tests. The probes follow the usual protocol of the
self-supervised literature: fit on embeddings of training images, score on held-out ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np


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


@dataclass(frozen=True)
class Collapse:
    """Gauges of dimensional collapse of an embedding (N, D)."""

    std: float  # mean over dimensions of the std of the L2-normalised embedding
    std_reference: float  # 1/sqrt(D): what uniformly spread unit vectors give
    effective_rank: float  # exp(entropy of the normalised singular values), 1..D
    singular_values: np.ndarray  # (min(N, D),) descending
    dim: int

    @property
    def collapsed(self) -> bool:
        """All embeddings (nearly) the same direction: the encoder has stopped telling images apart."""
        return self.std < 0.1 * self.std_reference or self.effective_rank < 1.5

    @property
    def warning(self) -> str:
        if self.collapsed:
            return (f"Collapse: the embeddings span about {self.effective_rank:.1f} of {self.dim} dimensions and "
                    f"their spread is {self.std / self.std_reference:.0%} of that of random directions.")
        if self.effective_rank < 0.1 * self.dim and self.dim >= 16:
            return f"Partial collapse: the embeddings use about {self.effective_rank:.1f} of {self.dim} dimensions."
        return ""


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
    return Collapse(std, 1.0 / np.sqrt(d), rank, s.astype(np.float32), d)


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

"""Disentanglement scores: how well single code dimensions line up with the factors that made the data.

Three scores, each from held-out codes (N, D) and the ground-truth factors (N, F) of the same images
(Sprites carries them: ``Split.factors`` and ``Dataset.factor_names``, engine/data/sprites.py). The
definitions are the papers' (their formulas, in their notation; the prose is a summary, not a quote):

MIG, the mutual information gap. Chen, Li, Grosse & Duvenaud, "Isolating Sources of Disentanglement in
Variational Autoencoders", NeurIPS 2018. For each of the K factors v_k, the gap between the two code
dimensions with the most mutual information about it, normalised by its entropy:
        MIG = 1/K sum_k 1/H(v_k) (I(z_j(k); v_k) - max_{j != j(k)} I(z_j; v_k)),  j(k) = argmax_j I(z_j; v_k)
    Estimator: each code dimension is cut into 20 equal-width bins over its range and the mutual
    information of the bins with the (discrete) factor is read from their contingency table, in nats (the
    base cancels in the ratio). This is disentanglement_lib's estimator (Locatello et al. 2019); the
    paper itself estimates I(z_j; v_k) from the encoder's q(z|x), so published values differ by
    implementation, and the binned estimate carries a small positive bias of about
    (bins - 1)(values - 1) / 2N nats.

SAP, the separated attribute predictability. Kumar, Sattigeri & Balakrishnan, "Variational Inference of
Disentangled Latent Concepts from Unlabeled Observations", ICLR 2018. A score matrix S (d x k) whose
entry S_ij is how well factor j is predicted from dimension i alone (the balanced classification
accuracy for a categorical factor, the R^2 of a linear regression for a continuous one); per factor the
difference of the top two entries of its column; SAP is their mean.
    Estimator: every factor is treated as categorical; the classifier on one dimension is a decision
    tree with as many leaves as the factor has values (K - 1 thresholds: the smallest threshold
    classifier that can tell K values apart), fit on one half of the codes and scored by balanced
    accuracy on the other half. disentanglement_lib fits a LinearSVC instead and scores plain accuracy.

DCI disentanglement, completeness and informativeness. Eastwood & Williams, "A Framework for the
Quantitative Evaluation of Disentangled Representations", ICLR 2018. R_ij, the relative importance of
code dimension c_i in predicting factor z_j, from one regressor per factor; with P_ij = R_ij / sum_k R_ik,
        D_i = 1 - H_K(P_i.),  H_K(P_i.) = -sum_k P_ik log_K P_ik,  D = sum_i rho_i D_i,
        rho_i = sum_j R_ij / sum_ij R_ij,
        C_j = 1 - H_D(P~_.j),  P~_ij = R_ij / sum_k R_kj  (over the D dimensions),
    and informativeness is the regressors' prediction error.
    Estimator: one gradient-boosted tree classifier per factor (scikit-learn, 10 stages of depth-3 trees,
    as disentanglement_lib but with fewer stages, so that 2,000 codes score in about a second), whose
    impurity-based feature importances are the column R_.j; completeness is the mean over factors (each
    column sums to 1); informativeness is their mean held-out accuracy (the paper reports the error).

Factors with more than 20 distinct values are cut into 20 equal-width bins; a factor that takes a single
value among the codes says nothing and is left out, with a note. Randomness (the halves, the trees) is
seeded: the same arrays give the same scores.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from engine.errors import ParamError
from engine.words import Words

__all__ = ["BINS", "ESTIMATOR", "DisentanglementScores", "disentanglement_scores", "equal_width_bins",
           "factor_classes", "mutual_information"]

BINS = 20  # bins per code dimension for MIG, and at most this many classes per factor (disentanglement_lib)
DCI_STAGES = 10  # boosting stages per factor: 100 (sklearn's default) costs ten times as long for the same R
DCI_DEPTH = 3
TRAIN_SHARE = 0.5  # SAP and DCI fit on this share of the codes and score on the rest
FIT_LIMIT = 5000  # at most this many codes train a classifier: the time stays bounded on big held-out sets

ESTIMATOR = Words("MIG from {bins} equal-width bins per code dimension (as disentanglement_lib); SAP from "
                  "threshold classifiers on one dimension (balanced accuracy); DCI from gradient-boosted "
                  "trees ({stages} stages, depth {depth}); SAP and DCI fit on half the codes and score on "
                  "the other half", bins=BINS, stages=DCI_STAGES, depth=DCI_DEPTH)


@dataclass(frozen=True, eq=False)  # eq=False: comparing numpy arrays field by field is ambiguous
class DisentanglementScores:
    """The scores of one set of codes. The matrices are (F, D): a row per scored factor (in the order of
    ``factor_names``), a column per code dimension, ready to be drawn as heatmaps."""

    mig: float  # in [0, 1]: 1 when each factor lives in one dimension and no other dimension knows it
    sap: float  # in [0, 1]: the mean gap of balanced accuracy between the two best dimensions
    dci_disentanglement: float  # in [0, 1]: 1 when each dimension matters for one factor only
    dci_completeness: float  # in [0, 1]: 1 when each factor is captured by one dimension only
    dci_informativeness: float  # mean held-out accuracy of the per-factor classifiers on all dimensions
    factor_names: tuple[str, ...]  # the scored factors, the rows of the matrices
    mig_matrix: np.ndarray  # (F, D) I(z_j; v_k) / H(v_k): the share of a factor's entropy a dimension holds
    sap_matrix: np.ndarray  # (F, D) balanced held-out accuracy of predicting the factor from one dimension
    importance_matrix: np.ndarray  # (F, D) DCI's R transposed: each row sums to 1 (or 0 if nothing fit)
    mig_per_factor: tuple[float, ...]  # the normalised gap of each factor
    sap_per_factor: tuple[float, ...]
    skipped: tuple[str, ...]  # factors left out: they take a single value among these codes
    notes: tuple[str, ...]  # plain sentences (Words) for the user, e.g. why a factor was left out
    n_codes: int
    estimator: str = ESTIMATOR  # one line for the help text: how the scores were estimated

    def as_dict(self) -> dict[str, float]:
        """The five numbers, by name (for logs, the CLI and JSON)."""
        return {"mig": self.mig, "sap": self.sap, "dci_disentanglement": self.dci_disentanglement,
                "dci_completeness": self.dci_completeness, "dci_informativeness": self.dci_informativeness}


# -- discretising ---------------------------------------------------------------------------------------
def equal_width_bins(values, bins: int = BINS) -> np.ndarray:
    """Bin indices 0 .. bins-1 (N,) of values (N,) in ``bins`` equal-width bins over their range (a
    constant lands in one bin), as numpy's histogram cuts them."""
    x = np.asarray(values, np.float64).reshape(-1)
    edges = np.histogram_bin_edges(x, bins=bins)  # (bins + 1,)
    # The inner edges only: the minimum falls in bin 0 and the maximum in the last bin, not past it.
    return np.digitize(x, edges[1:-1]).astype(np.int64)


def factor_classes(factors, bins: int = BINS) -> np.ndarray:
    """Class indices (N, F) of factor values (N, F): a factor with at most ``bins`` distinct values keeps
    one class per value (in increasing order); one with more is cut into ``bins`` equal-width bins."""
    f = np.asarray(factors, np.float64)
    classes = np.empty(f.shape, np.int64)
    for k in range(f.shape[1]):
        values, inverse = np.unique(f[:, k], return_inverse=True)
        classes[:, k] = inverse.reshape(-1) if len(values) <= bins else equal_width_bins(f[:, k], bins)
    return classes


def mutual_information(a, b) -> float:
    """I(a; b) in nats of two discrete labellings (N,) from their empirical joint distribution: the
    plug-in estimate that scikit-learn's ``mutual_info_score`` also gives."""
    a_index = np.unique(np.asarray(a).reshape(-1), return_inverse=True)[1].reshape(-1)
    b_index = np.unique(np.asarray(b).reshape(-1), return_inverse=True)[1].reshape(-1)
    n_a, n_b = a_index.max(initial=0) + 1, b_index.max(initial=0) + 1
    joint = np.bincount(a_index * n_b + b_index, minlength=n_a * n_b).reshape(n_a, n_b).astype(np.float64)
    joint /= max(joint.sum(), 1.0)  # (n_a, n_b) p(a, b)
    independent = joint.sum(axis=1, keepdims=True) * joint.sum(axis=0, keepdims=True)  # p(a) p(b)
    seen = joint > 0
    return max(0.0, float((joint[seen] * np.log(joint[seen] / independent[seen])).sum()))


# -- the three scores -----------------------------------------------------------------------------------
def _top_two_gap(matrix: np.ndarray) -> np.ndarray:
    """Per row of (F, D): the best entry minus the second best (D >= 2)."""
    ordered = np.sort(matrix, axis=1)  # (F, D), increasing
    return ordered[:, -1] - ordered[:, -2]


def _mig(codes: np.ndarray, classes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(normalised MI matrix (F, D), gap per factor (F,)) of codes (N, D) and factor classes (N, F)."""
    binned = np.stack([equal_width_bins(codes[:, j]) for j in range(codes.shape[1])], axis=1)  # (N, D)
    matrix = np.empty((classes.shape[1], codes.shape[1]))  # (F, D)
    for k in range(classes.shape[1]):
        entropy = mutual_information(classes[:, k], classes[:, k])  # H(v) = I(v; v) > 0: v varies
        for j in range(codes.shape[1]):
            matrix[k, j] = mutual_information(binned[:, j], classes[:, k]) / entropy
    return matrix, _top_two_gap(matrix)


def _halves(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of a seeded random training part (at most FIT_LIMIT) and the held-out rest."""
    order = np.random.default_rng(seed).permutation(n)
    cut = min(max(1, int(round(n * TRAIN_SHARE))), n - 1, FIT_LIMIT)
    return order[:cut], order[cut:]


def _sap(codes: np.ndarray, classes: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(balanced accuracy matrix (F, D), gap per factor (F,)) of threshold classifiers on one dimension."""
    from sklearn.metrics import balanced_accuracy_score
    from sklearn.tree import DecisionTreeClassifier

    train, test = _halves(len(codes), seed)
    matrix = np.empty((classes.shape[1], codes.shape[1]))  # (F, D)
    for k in range(classes.shape[1]):
        n_values = len(np.unique(classes[:, k]))
        for j in range(codes.shape[1]):
            tree = DecisionTreeClassifier(max_leaf_nodes=max(2, n_values), class_weight="balanced",
                                          random_state=seed)
            tree.fit(codes[train, j:j + 1], classes[train, k])
            with warnings.catch_warnings():
                # A value the small held-out part lacks, or guesses of a value it lacks, is still a score.
                warnings.simplefilter("ignore")
                matrix[k, j] = balanced_accuracy_score(classes[test, k], tree.predict(codes[test, j:j + 1]))
    return matrix, _top_two_gap(matrix)


def _one_minus_entropy(weights: np.ndarray, base: int) -> np.ndarray:
    """1 - H_base of each row of non-negative weights (R, C) normalised to sum 1; a row of zeros (nothing
    learnt) scores 0, and with one column (base 1) every row scores 1: its entropy is 0."""
    totals = weights.sum(axis=1, keepdims=True)  # (R, 1)
    p = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)  # (R, C)
    if base < 2:
        return np.where(totals[:, 0] > 0, 1.0, 0.0)
    logs = np.log(p, out=np.zeros_like(p), where=p > 0)  # 0 log 0 = 0
    scores = 1.0 + (p * logs).sum(axis=1) / np.log(base)
    return np.where(totals[:, 0] > 0, np.clip(scores, 0.0, 1.0), 0.0)


def _dci(codes: np.ndarray, classes: np.ndarray, seed: int) -> tuple[np.ndarray, float, float, float]:
    """(importance matrix (F, D), disentanglement, completeness, informativeness)."""
    from sklearn.ensemble import GradientBoostingClassifier

    train, test = _halves(len(codes), seed)
    n_factors, n_dims = classes.shape[1], codes.shape[1]
    importance = np.zeros((n_factors, n_dims))  # (F, D): R transposed
    accuracies = []
    for k in range(n_factors):
        seen = np.unique(classes[train, k])
        if len(seen) < 2:  # the training part shows one value: nothing to learn, guess that value
            accuracies.append(float((classes[test, k] == seen[0]).mean()))
            continue
        model = GradientBoostingClassifier(n_estimators=DCI_STAGES, max_depth=DCI_DEPTH, random_state=seed)
        model.fit(codes[train], classes[train, k])
        importance[k] = model.feature_importances_
        accuracies.append(float(model.score(codes[test], classes[test, k])))
    per_dimension = _one_minus_entropy(importance.T, base=n_factors)  # (D,) D_i, over the factors
    weight = importance.sum(axis=0)  # (D,) rho_i before normalising: how much dimension i matters at all
    disentanglement = float(per_dimension @ weight / weight.sum()) if weight.sum() > 0 else 0.0
    completeness = float(_one_minus_entropy(importance, base=n_dims).mean())  # C_j over the dimensions
    return importance, disentanglement, completeness, float(np.mean(accuracies))


# -- checking and scoring ---------------------------------------------------------------------------------
def _checked(codes, factors, factor_names) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """codes (N, D) float64 and factors (N, F) float64 as given, with their names; ParamError if unusable."""
    z = np.asarray(codes, np.float64)
    v = np.asarray(factors, np.float64)
    v = v.reshape(-1, 1) if v.ndim == 1 else v
    if z.ndim != 2 or z.shape[0] < 2 or z.shape[1] < 2:
        raise ParamError(Words("disentanglement scores need at least 2 codes of at least 2 dimensions, as "
                               "rows of a matrix; these codes are of shape {shape}", shape=str(z.shape)))
    if v.ndim != 2 or v.shape[0] != z.shape[0]:
        raise ParamError(Words("{n} codes but factors of shape {shape}: each code needs the factors of its "
                               "image, one row per code", n=z.shape[0], shape=str(v.shape)))
    if not np.isfinite(z).all():
        raise ParamError(Words("{count} code values are not finite numbers (NaN or infinity): the encoder "
                               "has probably diverged", count=int((~np.isfinite(z)).sum())))
    if not np.isfinite(v).all():
        raise ParamError(Words("{count} factor values are not finite numbers (NaN or infinity)",
                               count=int((~np.isfinite(v)).sum())))
    names = tuple(str(name) for name in factor_names) if factor_names is not None else tuple(
        Words("factor {index}", index=k) for k in range(v.shape[1]))
    if len(names) != v.shape[1]:
        raise ParamError(Words("{names} factor names for {count} factors", names=len(names),
                               count=v.shape[1]))
    return z, v, names


def disentanglement_scores(codes, factors, factor_names: Sequence[str] | None = None,
                           seed: int = 0) -> DisentanglementScores:
    """MIG, SAP and DCI of ``codes`` (N, D) against the ``factors`` (N, F) of the same images (see the
    module doc for the definitions and estimators). ``factor_names`` name the columns of ``factors``;
    ``seed`` fixes the halves SAP and DCI fit and score on, and their trees."""
    z, v, names = _checked(codes, factors, factor_names)
    varies = np.array([len(np.unique(v[:, k])) > 1 for k in range(v.shape[1])], dtype=bool)  # (F,)
    if not varies.any():
        raise ParamError(Words("no factor varies among these {n} codes: disentanglement scores need factors "
                               "that take at least 2 values", n=len(z)))
    skipped = tuple(name for name, kept in zip(names, varies) if not kept)
    notes = tuple(Words("factor {name} takes a single value among these codes and is left out", name=name)
                  for name in skipped)
    classes = factor_classes(v[:, varies])  # (N, F') F' the varying factors
    mig_matrix, mig_gaps = _mig(z, classes)
    sap_matrix, sap_gaps = _sap(z, classes, seed)
    importance, disentanglement, completeness, informativeness = _dci(z, classes, seed)
    return DisentanglementScores(
        mig=float(mig_gaps.mean()), sap=float(sap_gaps.mean()), dci_disentanglement=disentanglement,
        dci_completeness=completeness, dci_informativeness=informativeness,
        factor_names=tuple(name for name, kept in zip(names, varies) if kept),
        mig_matrix=mig_matrix, sap_matrix=sap_matrix, importance_matrix=importance,
        mig_per_factor=tuple(float(g) for g in mig_gaps), sap_per_factor=tuple(float(g) for g in sap_gaps),
        skipped=skipped, notes=notes, n_codes=len(z))

"""Disentanglement scores (issue 21 §2): MIG, SAP and DCI on hand-made codes whose answer is known: a code
that copies the factors scores near 1, a rotation of it scores lower, noise scores near 0; the binned
mutual information agrees with scikit-learn's; bad input raises ParamError with a readable message."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import mutual_info_score

from engine.analysis.disentanglement import (BINS, DisentanglementScores, disentanglement_scores,
                                             equal_width_bins, factor_classes, mutual_information)
from engine.errors import ParamError

N = 2000
NAMES = ("shape", "size", "hue")
VALUES = (3, 4, 6)  # distinct values of each hand-made factor


def hand_made_factors(seed: int = 0) -> np.ndarray:
    """(N, 3) factors drawn uniformly from 3, 4 and 6 values, as floats (as Split.factors holds them)."""
    rng = np.random.default_rng(seed)
    return np.stack([rng.integers(0, k, N) for k in VALUES], axis=1).astype(np.float32)


def copying_code(factors: np.ndarray, extra_noise_dims: int = 2, seed: int = 1) -> np.ndarray:
    """(N, 3 + extra) codes: each factor standardised into its own dimension with a little noise, then
    dimensions of pure noise that know no factor."""
    rng = np.random.default_rng(seed)
    standard = (factors - factors.mean(0)) / factors.std(0)  # (N, 3)
    copies = standard + 0.05 * rng.normal(size=standard.shape)
    return np.concatenate([copies, rng.normal(size=(len(factors), extra_noise_dims))], axis=1)  # (N, 5)


@pytest.fixture(scope="module")
def factors() -> np.ndarray:
    return hand_made_factors()


@pytest.fixture(scope="module")
def copied(factors) -> DisentanglementScores:
    return disentanglement_scores(copying_code(factors), factors, NAMES)


# -- the estimators against scikit-learn and disentanglement_lib ------------------------------------------
def test_mutual_information_is_scikit_learns():
    rng = np.random.default_rng(3)
    a, b = rng.integers(0, 4, 60), rng.integers(0, 3, 60)
    b[:30] = a[:30] % 3  # some dependence, so the value is not near 0
    assert mutual_information(a, b) == pytest.approx(mutual_info_score(a, b), abs=1e-12)
    assert mutual_information(a, a) == pytest.approx(mutual_info_score(a, a), abs=1e-12)  # H(a)
    # Labels are names, not numbers: relabelling changes nothing.
    assert mutual_information(a * 10 + 7, b) == pytest.approx(mutual_info_score(a, b), abs=1e-12)


def test_codes_are_binned_as_disentanglement_lib_bins_them():
    x = np.random.default_rng(4).normal(size=500)
    theirs = np.digitize(x, np.histogram(x, BINS)[1][:-1])  # 1 .. 20, as in _histogram_discretize
    np.testing.assert_array_equal(equal_width_bins(x), theirs - 1)
    assert len(set(equal_width_bins(np.full(7, 2.5)).tolist())) == 1  # a constant falls in one bin


def test_the_mig_matrix_is_binned_mutual_information_over_the_factors_entropy(factors):
    codes = copying_code(factors)
    scores = disentanglement_scores(codes, factors, NAMES)
    for k in range(3):
        entropy = mutual_info_score(factors[:, k], factors[:, k])
        for j in range(codes.shape[1]):
            expected = mutual_info_score(equal_width_bins(codes[:, j]), factors[:, k]) / entropy
            assert scores.mig_matrix[k, j] == pytest.approx(expected, abs=1e-9)


def test_factors_keep_their_values_as_classes_unless_there_are_many():
    few = np.array([[0.5], [1.0], [0.75], [0.5]])
    assert factor_classes(few)[:, 0].tolist() == [0, 2, 1, 0]  # in increasing order of value
    many = np.random.default_rng(5).uniform(size=(300, 1))
    classes = factor_classes(many)
    assert classes.min() == 0 and classes.max() == BINS - 1


# -- scores with a known answer ---------------------------------------------------------------------------
def test_a_code_that_copies_the_factors_scores_near_one(copied):
    assert copied.mig > 0.8
    assert copied.dci_disentanglement > 0.8
    assert copied.dci_completeness > 0.8
    assert copied.dci_informativeness > 0.95
    assert copied.sap > 0.4  # the best dimension near 1, the others near chance (1/3 .. 1/6)
    # Each factor's row points at its own dimension, in every matrix.
    for matrix in (copied.mig_matrix, copied.sap_matrix, copied.importance_matrix):
        assert matrix.argmax(axis=1).tolist() == [0, 1, 2]


def test_the_matrices_are_factors_by_dimensions_with_named_rows(copied):
    assert copied.factor_names == NAMES and copied.skipped == () and copied.notes == ()
    for matrix in (copied.mig_matrix, copied.sap_matrix, copied.importance_matrix):
        assert matrix.shape == (3, 5)
    np.testing.assert_allclose(copied.importance_matrix.sum(axis=1), 1.0, atol=1e-9)  # each factor's R_.j
    assert ((copied.mig_matrix >= 0) & (copied.mig_matrix <= 1 + 1e-9)).all()
    assert len(copied.mig_per_factor) == len(copied.sap_per_factor) == 3
    assert copied.mig == pytest.approx(np.mean(copied.mig_per_factor))
    assert "20 equal-width bins" in copied.estimator and "\n" not in copied.estimator
    assert set(copied.as_dict()) == {"mig", "sap", "dci_disentanglement", "dci_completeness",
                                     "dci_informativeness"}


def test_a_rotated_code_scores_lower_than_the_copy(factors, copied):
    codes = copying_code(factors, extra_noise_dims=0)  # (N, 3)
    rotation, _ = np.linalg.qr(np.random.default_rng(6).normal(size=(3, 3)))  # a random orthogonal 3 x 3
    rotated = disentanglement_scores(codes @ rotation, factors, NAMES)
    assert rotated.mig < copied.mig - 0.3
    assert rotated.dci_disentanglement < copied.dci_disentanglement - 0.2
    assert rotated.dci_informativeness > 0.9  # the same information, only spread over the dimensions


def test_noise_scores_near_zero(factors):
    noise = np.random.default_rng(7).normal(size=(N, 5))
    scores = disentanglement_scores(noise, factors, NAMES)
    assert scores.mig < 0.1
    assert scores.sap < 0.1
    assert scores.dci_disentanglement < 0.2
    assert scores.dci_completeness < 0.2


def test_the_same_arrays_and_seed_give_the_same_scores(factors):
    codes = copying_code(factors)[:500]
    first = disentanglement_scores(codes, factors[:500], NAMES, seed=3).as_dict()
    assert disentanglement_scores(codes, factors[:500], NAMES, seed=3).as_dict() == first


def test_sprites_factors_with_float_values_are_scored_by_name():
    from engine.data.sprites import FACTOR_NAMES, ORIENTATIONS, POSITIONS, SCALES, SHAPES

    grid = np.meshgrid(np.arange(len(SHAPES)), SCALES, ORIENTATIONS, POSITIONS, POSITIONS, indexing="ij")
    every = np.stack([g.ravel() for g in grid], axis=1).astype(np.float32)  # (10240, 5) as in sprites()
    rng = np.random.default_rng(8)
    sprites_factors = every[rng.choice(len(every), N, replace=False)]  # (N, 5)
    codes = copying_code(sprites_factors, extra_noise_dims=5)  # (N, 10)
    scores = disentanglement_scores(codes, sprites_factors, FACTOR_NAMES)
    assert scores.factor_names == FACTOR_NAMES and scores.importance_matrix.shape == (5, 10)
    assert scores.mig > 0.8 and scores.dci_disentanglement > 0.8 and scores.dci_completeness > 0.8


def test_a_factor_with_one_value_is_left_out_with_a_note(factors):
    with_constant = np.concatenate([factors, np.full((N, 1), 2.0, np.float32)], axis=1)  # (N, 4)
    scores = disentanglement_scores(copying_code(factors), with_constant, NAMES + ("colour",))
    assert scores.factor_names == NAMES and scores.skipped == ("colour",)
    assert scores.mig_matrix.shape == (3, 5)
    assert len(scores.notes) == 1 and "colour" in scores.notes[0] and "left out" in scores.notes[0]


def test_without_names_the_factors_are_numbered(factors):
    scores = disentanglement_scores(copying_code(factors)[:300], factors[:300])
    assert scores.factor_names == ("factor 0", "factor 1", "factor 2")


def test_two_codes_are_enough_to_score_without_failing():
    scores = disentanglement_scores(np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([[0.0], [1.0]]))
    assert scores.n_codes == 2 and np.isfinite(list(scores.as_dict().values())).all()


# -- bad input ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("codes, factors_, names, words", [
    (np.zeros((1, 4)), np.zeros((1, 2)), None, "at least 2 codes"),
    (np.zeros((10, 1)), np.arange(10.0)[:, None], None, "at least 2 dimensions"),
    (np.zeros(10), np.arange(10.0)[:, None], None, "shape (10,)"),
    (np.zeros((10, 3)), np.arange(9.0)[:, None], None, "10 codes but factors of shape (9, 1)"),
    (np.full((10, 3), np.nan), np.arange(10.0)[:, None], None, "30 code values are not finite numbers (NaN"),
    (np.zeros((10, 3)), np.full((10, 2), np.inf), None, "20 factor values are not finite"),
    (np.zeros((10, 3)), np.ones((10, 2)), None, "no factor varies among these 10 codes"),
    (np.zeros((10, 3)), np.zeros((10, 0)), None, "no factor varies"),
    (np.zeros((10, 3)), np.arange(10.0)[:, None], ("a", "b"), "2 factor names for 1 factors"),
])
def test_bad_input_raises_a_readable_param_error(codes, factors_, names, words):
    with pytest.raises(ParamError) as caught:
        disentanglement_scores(codes, factors_, names)
    assert words in str(caught.value)

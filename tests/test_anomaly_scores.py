"""Anomaly scores and their ROC (engine/analysis/anomaly.py), and the out-of-distribution sets they are
judged on (engine/analysis/ood_sets.py): the ROC against scikit-learn's, ties included; each score against
a hand computation; each set in the shape and range of the data set it stands against."""

import numpy as np
import pytest
import torch
from sklearn.metrics import roc_auc_score
from sklearn.metrics import roc_curve as sk_roc_curve

from engine.analysis.anomaly import (
    OODComparison, available_scores, compare, default_k, knn_scores, negative_elbo, roc_auc, roc_curve,
    score_images,
)
from engine.analysis.embeddings import embed
from engine.analysis.ood_sets import ood_images, ood_names
from engine.data import from_arrays, load_dataset
from engine.errors import DatasetError, ParamError
from engine.methods import Method, Reconstruction, create_method
from engine.nn.losses import gaussian_kl_per_dim, reconstruction_loss


def _sklearn(scores_in, scores_out):
    y = np.r_[np.zeros(len(scores_in)), np.ones(len(scores_out))]
    s = np.r_[scores_in, scores_out]
    fpr, tpr, thresholds = sk_roc_curve(y, s, drop_intermediate=False)
    return fpr, tpr, thresholds, roc_auc_score(y, s)


# -- the ROC ------------------------------------------------------------------------------------------
HAND_MADE = [
    ([0.1, 0.4, 0.35, 0.8, 0.4], [0.4, 0.9, 0.35, 0.7]),  # ties within and across the two kinds
    ([1, 1, 1], [1, 1]),  # every score tied: chance
    ([0.0, 0.2, 0.2, 0.5], [0.2, 0.2, 0.9, 0.9, 1.5]),
    ([3.0], [2.0, 4.0]),
]


def _matches_sklearn(scores_in, scores_out) -> None:
    fpr, tpr, thresholds = roc_curve(scores_in, scores_out)
    sk_fpr, sk_tpr, sk_thresholds, sk_auc = _sklearn(scores_in, scores_out)
    np.testing.assert_allclose(fpr, sk_fpr)
    np.testing.assert_allclose(tpr, sk_tpr)
    np.testing.assert_array_equal(thresholds, sk_thresholds)
    assert roc_auc(scores_in, scores_out) == pytest.approx(sk_auc, abs=1e-12)


@pytest.mark.parametrize("scores_in, scores_out", HAND_MADE)
def test_the_roc_and_its_area_match_scikit_learn_on_hand_made_scores(scores_in, scores_out):
    _matches_sklearn(scores_in, scores_out)


def test_the_roc_matches_scikit_learn_on_seeded_scores_with_many_ties():
    rng = np.random.default_rng(0)
    for _ in range(20):
        s_in = rng.integers(0, 6, size=rng.integers(1, 40)).astype(float)
        s_out = rng.integers(2, 9, size=rng.integers(1, 40)).astype(float)
        _matches_sklearn(s_in, s_out)


def test_perfect_reversed_and_tied_separation():
    low, high = np.array([0.1, 0.2, 0.3]), np.array([0.7, 0.8])
    assert roc_auc(low, high) == 1.0  # every out-of-distribution image scores higher
    assert roc_auc(high, low) == 0.0  # the score points the wrong way
    assert roc_auc([0.5, 0.5], [0.5, 0.5, 0.5]) == 0.5
    fpr, tpr, thresholds = roc_curve(low, high)
    assert (fpr[0], tpr[0], thresholds[0]) == (0.0, 0.0, np.inf)
    assert (fpr[-1], tpr[-1]) == (1.0, 1.0)
    assert np.all(np.diff(thresholds) < 0)  # one point per distinct score, highest first


def test_a_roc_refuses_empty_or_broken_scores():
    with pytest.raises(ValueError, match="both kinds"):
        roc_curve([], [1.0])
    with pytest.raises(ValueError, match="NaN"):
        roc_auc([0.1, np.nan], [1.0])


def test_a_comparison_holds_both_score_sets_the_roc_and_its_area():
    c = compare("noise", [0.1, 0.2, 0.6], [0.5, 0.9], score="knn", label="uniform noise")
    assert isinstance(c, OODComparison)
    assert (c.name, c.label, c.score) == ("noise", "uniform noise", "knn")
    assert c.auc == pytest.approx(roc_auc_score([0, 0, 0, 1, 1], [0.1, 0.2, 0.6, 0.5, 0.9]))
    np.testing.assert_array_equal(c.scores_in, [0.1, 0.2, 0.6])
    assert c.fpr.shape == c.tpr.shape == c.thresholds.shape
    # Catching 95% of the two means catching both: the threshold 0.5 also flags 0.6, one of three.
    assert c.fpr_at_95_tpr == pytest.approx(1 / 3)


# -- the scores -----------------------------------------------------------------------------------------
class HalfwayReconstruction(Method):
    """A stub of the reconstruction family that reconstructs x as x / 2 + 1/4 and embeds the pixels."""

    family = "reconstruction"  # no name: it does not register

    def __init__(self):
        super().__init__(None, (1, 4, 4))
        self.scale = torch.nn.Parameter(torch.ones(()))
        self.seen = []

    def embed(self, x):
        return x.flatten(1) * self.scale

    def reconstruct(self, x):
        self.seen.append((self.training, torch.is_grad_enabled()))
        return Reconstruction(None, x / 2 + 0.25)


class PixelEncoder(Method):
    def __init__(self):
        super().__init__(None, (1, 4, 4))

    def embed(self, x):
        return x.flatten(1)


def test_the_reconstruction_error_is_the_mean_squared_error_over_each_images_pixels():
    torch.manual_seed(0)
    stub = HalfwayReconstruction()
    x = torch.rand(7, 1, 4, 4)
    assert available_scores(stub) == ["reconstruction", "knn"]
    got = score_images(stub, x, "reconstruction", chunk=3)
    pixels = x.numpy().reshape(7, -1)
    expected = ((pixels / 2 + 0.25 - pixels) ** 2).mean(axis=1)
    np.testing.assert_allclose(got, expected, rtol=1e-5)
    assert stub.seen and all(s == (False, False) for s in stub.seen)  # eval mode, no gradients
    assert stub.training  # and the mode it was found in comes back


def test_a_score_that_does_not_apply_says_which_do():
    encoder = PixelEncoder()
    assert available_scores(encoder) == ["knn"]
    with pytest.raises(ParamError, match="does not apply to PixelEncoder; it takes: knn"):
        score_images(encoder, torch.rand(2, 1, 4, 4), "reconstruction")
    with pytest.raises(ParamError, match="it takes: knn"):
        score_images(encoder, torch.rand(2, 1, 4, 4), "likelihood")
    with pytest.raises(ParamError, match="training images"):
        score_images(encoder, torch.rand(2, 1, 4, 4), "knn")


@pytest.mark.parametrize("method, scores", [
    ("autoencoder", ["reconstruction", "knn"]), ("denoising_autoencoder", ["reconstruction", "knn"]),
    ("vae", ["reconstruction", "neg_elbo", "knn"]), ("vqvae", ["reconstruction", "knn"]),
    ("simclr", ["knn"]), ("mae", ["knn"]),
])
def test_each_method_offers_the_scores_that_apply_and_each_gives_one_finite_score_per_image(method, scores):
    torch.manual_seed(0)
    model = create_method(method, {}, (1, 8, 8))
    assert available_scores(model) == scores
    x, bank = torch.rand(10, 1, 8, 8), torch.rand(30, 1, 8, 8)
    for kind in scores:
        s = score_images(model, x, kind, bank_embeddings=embed(model, bank), chunk=4)
        assert s.shape == (10,) and np.isfinite(s).all(), kind


def test_the_negative_elbo_is_the_vaes_own_loss_terms_per_image_whatever_the_chunks():
    torch.manual_seed(0)
    vae = create_method("vae", {"latent_dim": 3, "beta": 4.0}, (1, 8, 8)).eval()
    x = torch.rand(6, 1, 8, 8)
    got = score_images(vae, x, "neg_elbo", chunk=4)
    with torch.no_grad():
        for i in range(6):  # a batch of one: the losses' batch means are that image's terms
            mu, logvar = vae.posterior(x[i:i + 1])
            hand = reconstruction_loss(vae.decoder(mu), x[i:i + 1], "bce") + gaussian_kl_per_dim(mu, logvar).sum()
            assert got[i] == pytest.approx(float(hand), rel=1e-5)  # KL at weight 1, not beta
        np.testing.assert_allclose(negative_elbo(vae, x).numpy(), got, rtol=1e-5)
    np.testing.assert_allclose(score_images(vae, x, "neg_elbo", chunk=1), got, rtol=1e-5)


def test_a_point_of_the_bank_scores_lower_than_a_far_point():
    rng = np.random.default_rng(0)
    bank = np.abs(rng.normal(size=(40, 16))).astype(np.float32)  # all in the positive orthant
    near, far = bank[3] * 5.0, -bank[3]  # the same direction (norm does not count), and one past every point
    s = knn_scores(np.stack([near, far]), bank, k=1)
    assert s[0] == pytest.approx(0.0, abs=1e-3) and s[1] >= np.sqrt(2) - 1e-6  # no bank point within 90 degrees
    # Through a method: its embeddings are the pixels.
    images = torch.as_tensor(np.stack([near, far])).view(2, 1, 4, 4)
    np.testing.assert_allclose(score_images(PixelEncoder(), images, "knn", bank_embeddings=bank, k=1), s,
                               rtol=1e-6, atol=1e-6)


def test_the_knn_score_is_the_distance_to_the_kth_normalised_neighbour_and_k_is_cut_to_the_bank():
    rng = np.random.default_rng(1)
    bank, queries = rng.normal(size=(12, 5)), rng.normal(size=(4, 5))
    unit = lambda a: a / np.linalg.norm(a, axis=1, keepdims=True)  # noqa: E731
    d = np.sort(np.linalg.norm(unit(queries)[:, None] - unit(bank)[None], axis=2), axis=1)  # (4, 12)
    np.testing.assert_allclose(knn_scores(queries, bank, k=3), d[:, 2], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(knn_scores(queries, bank, k=500), d[:, -1], rtol=1e-4, atol=1e-5)  # the farthest
    np.testing.assert_allclose(knn_scores(queries, bank), d[:, default_k(12) - 1], rtol=1e-4, atol=1e-5)
    assert default_k(12) == 1 and default_k(50_000) == 50 and default_k(10**7) == 50 and default_k(4000) == 4
    with pytest.raises(ParamError, match="at least 1"):
        knn_scores(queries, bank, k=0)
    with pytest.raises(ParamError, match="at least one training embedding"):
        knn_scores(queries, np.zeros((0, 5)))


# -- the out-of-distribution sets ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def digits():
    return load_dataset("digits")


def test_the_names_offered_are_the_built_in_sets_each_class_and_the_other_embedded_sets(digits):
    names = ood_names(digits)
    assert names[:2] == ["noise", "inverted"]
    assert [f"exclude={k}" for k in range(10)] == [n for n in names if n.startswith("exclude=")]
    assert "sprites" in names and "mnist5k" in names
    assert "digits" not in names and "mnist" not in names and "cifar10" not in names  # own set; downloads


@pytest.mark.parametrize("name", ["noise", "inverted", "exclude=3", "sprites", "mnist5k"])
def test_each_set_has_the_shape_of_the_data_set_and_pixels_in_0_1(digits, name):
    x, label = ood_images(name, digits, n=50, seed=0)
    threes = int((digits.heldout.labels == 3).sum())  # 37: fewer than asked, so all of them
    assert x.shape == (min(50, threes) if name == "exclude=3" else 50, 1, 8, 8) and x.dtype == torch.float32
    assert 0.0 <= float(x.min()) and float(x.max()) <= 1.0
    assert isinstance(label, str) and label
    again, _ = ood_images(name, digits, n=50, seed=0)
    assert torch.equal(x, again)  # seeded


def test_inverted_and_excluded_images_come_from_the_held_out_split(digits):
    inverted, _ = ood_images("inverted", digits, n=1000)
    assert inverted.shape[0] == len(digits.heldout)  # fewer than asked: all of them
    held = {tuple(im.flatten().tolist()) for im in digits.heldout.images}
    assert all(tuple((1 - im).flatten().tolist()) in held for im in inverted)
    threes, label = ood_images("exclude=3", digits, n=1000)
    assert threes.shape[0] == int((digits.heldout.labels == 3).sum()) > 0
    assert "class 3" in label


def test_another_set_is_resized_and_converted_in_channels():
    torch.manual_seed(0)
    colour = from_arrays("toy", torch.rand(40, 3, 12, 10), np.arange(40) % 2, ("a", "b"))
    x, label = ood_images("digits", colour, n=20)
    assert x.shape == (20, 3, 12, 10) and 0.0 <= float(x.min()) and float(x.max()) <= 1.0
    assert torch.equal(x[:, 0], x[:, 2])  # grey in every channel
    assert "resized from 1x8x8 to 3x12x10" in label
    grey = from_arrays("grey", torch.rand(40, 1, 6, 6), np.arange(40) % 2, ("a", "b"))
    with pytest.raises(DatasetError, match="unknown out-of-distribution set 'toy'"):
        ood_images("toy", grey)
    x, _ = ood_images("noise", colour, n=3)
    assert x.shape == (3, 3, 12, 10)
    excluded, label = ood_images("exclude=b", colour, n=50)  # a class by its name
    assert excluded.shape[0] == int((colour.heldout.labels == 1).sum())


def test_bad_names_and_absent_classes_say_what_is_accepted(digits):
    with pytest.raises(DatasetError) as e:
        ood_images("cifar10", digits)  # a download, and not a set of this list
    message = str(e.value)
    assert "unknown out-of-distribution set 'cifar10' for digits" in message
    for accepted in ("noise", "inverted", "exclude=K", "sprites", "mnist5k"):
        assert accepted in message
    with pytest.raises(DatasetError, match="unknown out-of-distribution set 'digits'"):
        ood_images("digits", digits)  # its own images are not out of distribution
    with pytest.raises(DatasetError, match=r"digits has no class '12'; its classes are 0, 1, .*9"):
        ood_images("exclude=12", digits)
    with pytest.raises(DatasetError, match="has no class 'three'"):
        ood_images("exclude=three", digits)
    with pytest.raises(DatasetError, match="at least 1 image"):
        ood_images("noise", digits, n=0)


def test_a_class_with_no_held_out_images_says_so():
    few = from_arrays("few", torch.rand(20, 1, 4, 4), np.r_[np.zeros(19), 1], ("common", "rare"))
    assert int((few.heldout.labels == 1).sum()) == 0  # its one image of "rare" went to training
    with pytest.raises(DatasetError, match="few holds no held-out images of class 1 \\(rare\\)"):
        ood_images("exclude=rare", few)
    assert "exclude=1" not in ood_names(few)

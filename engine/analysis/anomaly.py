"""Anomaly scores of a trained method and the ROC that says how well they separate new data from old.

Sun, Ming, Zhu & Li, "Out-of-Distribution Detection with Deep Nearest Neighbors", ICML 2022: the
distance from an image's L2-normalised embedding to its k-th nearest normalised training embedding is
an out-of-distribution score that needs no labels and no assumption on the shape of the data's density.
Kingma & Welling, "Auto-Encoding Variational Bayes", ICLR 2014: the ELBO, whose negative bounds
-log p(x) from above, for the VAE's score.

The framing is the notes' one: anomaly detection as a one-class problem. Only normal (in-distribution)
images are seen in training; a score is a number per image, higher meaning "less like the training
data", and a threshold on it makes the detector. No single threshold is right, so a score is judged by
the ROC over all thresholds, out-of-distribution taken as the positive class, and by the area under
it (AUC: the chance that a random out-of-distribution image scores above a random in-distribution one;
0.5 is chance, 1 perfect separation), with FPR95, the false-positive rate where 95% of the
out-of-distribution images are caught (Sun et al.'s headline number).

The scores (``available_scores`` says which apply to a method):
    reconstruction  mean squared error over the pixels between an image and the method's
                    reconstruction of it (engine/analysis/embeddings.py ``reconstruction_errors``):
                    what the decoder never learnt to draw, it draws badly. The reconstruction family.
    neg_elbo        the VAE's negative ELBO per image: its reconstruction term (the loss it trains with,
                    BCE or squared error, summed over the pixels) plus KL(q(z|x) || N(0, I)) at weight 1,
                    whatever beta the run trains with, since the ELBO is the bound on the likelihood.
    svdd            Deep SVDD's own score, the squared distance of the image's output to the centre of
                    its hypersphere (Ruff et al., ICML 2018; engine/methods/anomaly/deep_svdd.py).
    knn             any encoder: the distance to the k-th nearest training embedding (Sun et al.).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from engine.analysis.embeddings import embed, reconstruction_errors
from engine.errors import ParamError
from engine.methods import Method
from engine.methods.reconstruction.vae import VAE
from engine.nn.losses import gaussian_kl_per_dim, reconstruction_loss
from engine.training.util import evaluating
from engine.words import Words

SCORES = ("reconstruction", "neg_elbo", "svdd", "knn")
SCORE_LABELS = {
    "svdd": Words("squared distance to the hypersphere's centre (Deep SVDD)"),
    "reconstruction": Words("reconstruction error (mean squared, per pixel)"),
    "neg_elbo": Words("negative ELBO (reconstruction + KL, nats)"),
    "knn": Words("distance to the k-th nearest training embedding"),
}
# Sun et al. use k = 50 with CIFAR-10's 50,000 training images (and k = 1000 with ImageNet's 1.28M,
# scaled with the share of it kept): k grows with the bank, about one neighbour per thousand images.
KNN_K, KNN_REFERENCE_BANK = 50, 50_000
CHUNK = 256


# -- the ROC ------------------------------------------------------------------------------------------
def _scores_of(scores_in, scores_out) -> tuple[np.ndarray, np.ndarray]:
    """Both score sets as one (N,) float64 array and its labels (1: out-of-distribution), checked."""
    s_in = np.asarray(scores_in, dtype=np.float64).ravel()
    s_out = np.asarray(scores_out, dtype=np.float64).ravel()
    if s_in.size == 0 or s_out.size == 0:
        raise ValueError("a ROC needs scores of both kinds: in-distribution and out-of-distribution")
    scores = np.concatenate([s_in, s_out])
    if not np.isfinite(scores).all():
        raise ValueError("the scores hold NaN or infinite values: the model diverged or the score overflowed")
    return scores, np.concatenate([np.zeros(s_in.size), np.ones(s_out.size)])


def roc_curve(scores_in, scores_out) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(false-positive rates, true-positive rates, thresholds), one point per distinct score.

    Out-of-distribution is the positive class and a higher score is more anomalous: at threshold t an
    image is called out-of-distribution when its score >= t. The thresholds run from +inf (nothing
    called, the point (0, 0)) down through every distinct score (the lowest calls everything: (1, 1)).
    Tied scores cross a threshold together, so a tie between the two kinds is one diagonal step; this is
    scikit-learn's roc_curve with drop_intermediate=False.
    """
    scores, positive = _scores_of(scores_in, scores_out)
    order = np.argsort(-scores, kind="mergesort")  # highest first
    scores, positive = scores[order], positive[order]
    # The last index of each run of equal scores: a threshold there calls the whole run at once.
    last = np.r_[np.flatnonzero(np.diff(scores)), scores.size - 1]
    true_pos = np.cumsum(positive)[last]
    false_pos = (last + 1) - true_pos
    tpr = np.r_[0.0, true_pos / positive.sum()]
    fpr = np.r_[0.0, false_pos / (positive.size - positive.sum())]
    return fpr, tpr, np.r_[np.inf, scores[last]]


def area_under(fpr: np.ndarray, tpr: np.ndarray) -> float:
    """The area under a curve through the points (fpr, tpr) in order, by trapezoids."""
    fpr, tpr = np.asarray(fpr, dtype=np.float64), np.asarray(tpr, dtype=np.float64)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2.0))


def roc_auc(scores_in, scores_out) -> float:
    """The area under the ROC: P(out-of-distribution score > in-distribution score) + P(tie) / 2."""
    fpr, tpr, _ = roc_curve(scores_in, scores_out)
    return area_under(fpr, tpr)


def fpr_at_tpr(fpr: np.ndarray, tpr: np.ndarray, level: float = 0.95) -> float:
    """The false-positive rate at the first threshold that catches ``level`` of the positives (FPR95)."""
    return float(fpr[np.searchsorted(tpr, level - 1e-12, side="left")])


# -- one comparison -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class OODComparison:
    """How well one score tells one out-of-distribution set from the held-out in-distribution images."""

    name: str  # the out-of-distribution set's name, e.g. "sprites", "noise", "exclude=3"
    label: str  # what the set holds, in words
    score: str  # which score (one of SCORES)
    scores_in: np.ndarray  # (N_in,) held-out in-distribution images' scores
    scores_out: np.ndarray  # (N_out,) the set's scores
    auc: float  # area under the ROC, out-of-distribution positive
    fpr: np.ndarray  # (P,) false-positive rates, from 0 to 1
    tpr: np.ndarray  # (P,) true-positive rates, from 0 to 1
    thresholds: np.ndarray  # (P,) score thresholds, from +inf down
    fpr_at_95_tpr: float  # FPR95: in-distribution images flagged when 95% of the others are


def compare(name: str, scores_in, scores_out, score: str = "", label: str = "") -> OODComparison:
    """The comparison of one out-of-distribution set's scores against the in-distribution scores."""
    s_in = np.asarray(scores_in, dtype=np.float64).ravel().copy()
    s_out = np.asarray(scores_out, dtype=np.float64).ravel().copy()
    fpr, tpr, thresholds = roc_curve(s_in, s_out)
    return OODComparison(name=name, label=label or name, score=score, scores_in=s_in, scores_out=s_out,
                         auc=area_under(fpr, tpr), fpr=fpr, tpr=tpr, thresholds=thresholds,
                         fpr_at_95_tpr=fpr_at_tpr(fpr, tpr, 0.95))


# -- the scores -----------------------------------------------------------------------------------------
def reconstructs(method: Method) -> bool:
    """Whether the method is of the reconstruction family and has a reconstruction to score."""
    return method.family == "reconstruction" and type(method).reconstruct is not Method.reconstruct


def available_scores(method: Method) -> list[str]:
    """The scores that apply to ``method``, in the order of SCORES: every encoder has "knn"."""
    out = []
    if reconstructs(method):
        out.append("reconstruction")
    if isinstance(method, VAE):
        out.append("neg_elbo")
    if hasattr(method, "anomaly_score"):  # a one-class method's own score (Deep SVDD, Ruff et al. 2018)
        out.append("svdd")
    return out + ["knn"]


def _name(method: Method) -> str:
    return method.name or type(method).__name__


def _device_of(method: Method) -> torch.device:
    p = next(method.parameters(), None)
    return p.device if p is not None else torch.device("cpu")


def score_images(method: Method, images, kind: str, bank_embeddings=None, k: int | None = None,
                 chunk: int = CHUNK) -> np.ndarray:
    """(N,) float64 scores of ``kind`` (one of ``available_scores(method)``) for images (N, C, H, W).

    Computed in chunks of ``chunk`` images, in eval mode and without gradients, on the method's device.
    "knn" needs ``bank_embeddings`` (M, D), the embeddings of training images (e.g.
    ``engine.analysis.embeddings.embed(method, train_images)``), and takes ``k`` (None: the default,
    :func:`default_k` of the bank's size).
    """
    available = available_scores(method)
    if kind not in available:
        raise ParamError(Words("the score '{kind}' does not apply to {method}; it takes: {kinds}", kind=kind,
                               method=_name(method), kinds=", ".join(available)))
    x = torch.as_tensor(images, dtype=torch.float32).to(_device_of(method))  # (N, C, H, W)
    if x.shape[0] == 0:
        return np.zeros(0)
    if kind == "reconstruction":
        errors = reconstruction_errors(method, x, chunk)
        if errors is None:
            raise ParamError(Words("{method} gave no reconstruction to score", method=_name(method)))
        return errors.astype(np.float64)
    if kind == "neg_elbo":
        with evaluating(method):
            return torch.cat([negative_elbo(method, c) for c in x.split(chunk)]).double().cpu().numpy()
    if kind == "svdd":
        with evaluating(method), torch.no_grad():
            return torch.cat([method.anomaly_score(c) for c in x.split(chunk)]).double().cpu().numpy()
    if bank_embeddings is None:
        raise ParamError(Words("the kNN score needs the embeddings of training images to measure against"))
    return knn_scores(embed(method, x, chunk), bank_embeddings, k, chunk)


def negative_elbo(vae: VAE, x: torch.Tensor) -> torch.Tensor:
    """(B, C, H, W) -> (B,) the VAE's negative ELBO of each image, in nats (with the MSE loss: up to
    the constants of a Gaussian likelihood).

    The pieces are the VAE's own (its posterior, decoder and loss functions), applied to one image at a
    time because its losses average over the batch. The reconstruction term is taken at z = mu, the
    posterior's mean (the image the Images view shows), rather than at a random draw, so that an image
    scores the same at every call.
    """
    mu, logvar = vae.posterior(x)  # (B, D) each
    logits = vae.decoder(mu)  # (B, C, H, W)
    kind = vae.params.recon_loss
    recon = torch.stack([reconstruction_loss(lo[None], xi[None], kind) for lo, xi in zip(logits, x)])
    kl = torch.stack([gaussian_kl_per_dim(m[None], lv[None]).sum() for m, lv in zip(mu, logvar)])
    return recon + kl


def _cpu_floats(a) -> torch.Tensor:
    if isinstance(a, torch.Tensor):
        return a.detach().float().cpu()
    return torch.as_tensor(np.asarray(a), dtype=torch.float32)


def default_k(bank_size: int) -> int:
    """Sun et al.'s k = 50 for a bank of 50,000, scaled to the bank: about one per thousand, at least 1."""
    return int(max(1, min(KNN_K, round(KNN_K * bank_size / KNN_REFERENCE_BANK))))


def knn_scores(embeddings, bank_embeddings, k: int | None = None, chunk: int = CHUNK) -> np.ndarray:
    """(N,) the Euclidean distance from each L2-normalised embedding (N, D) to its k-th nearest
    L2-normalised bank embedding (M, D) (Sun et al. 2022). ``k`` None: :func:`default_k`; a ``k``
    larger than the bank is cut to the bank's size (the farthest bank embedding)."""
    bank, z = _cpu_floats(bank_embeddings), _cpu_floats(embeddings)
    if bank.ndim != 2 or bank.shape[0] == 0:
        raise ParamError(Words("the kNN score needs at least one training embedding to measure against"))
    if z.ndim != 2 or z.shape[1] != bank.shape[1]:
        raise ParamError(Words("embeddings of size {got} cannot be measured against a bank of size {bank}",
                               got=int(z.shape[-1]) if z.ndim else 0, bank=int(bank.shape[1])))
    if k is not None and k < 1:
        raise ParamError(Words("k must be at least 1, not {k}", k=k))
    kk = min(default_k(bank.shape[0]) if k is None else int(k), bank.shape[0])
    bank = F.normalize(bank, dim=1)
    out = []
    for q in F.normalize(z, dim=1).split(chunk):
        # |a - b|^2 = 2 - 2 a.b for unit vectors; clamped, as rounding can take it just below 0.
        squared = (2.0 - 2.0 * (q @ bank.T)).clamp_min(0.0)  # (n, M)
        out.append(squared.topk(kk, dim=1, largest=False).values[:, -1].sqrt())
    return torch.cat(out).double().numpy() if out else np.zeros(0)

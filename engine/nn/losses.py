"""Loss formulas as named functions, each beside the paper it comes from.

Conventions: images are (B, C, H, W) in [0, 1]; a reconstruction loss is summed over the pixels of an
image and averaged over the batch, so it is in nats per image and a VAE's KL term (also per image) is on
the same scale, which is what makes beta mean what the beta-VAE paper says it means.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def reconstruction_loss(logits: torch.Tensor, target: torch.Tensor, kind: str = "bce") -> torch.Tensor:
    """Per-image reconstruction error, averaged over the batch.

    ``bce``: Bernoulli negative log-likelihood, sum_i -[x_i log p_i + (1 - x_i) log(1 - p_i)] with
    p = sigmoid(logits) (Kingma & Welling 2014, appendix C.1, for binary-ish images like MNIST).
    ``mse``: sum_i (sigmoid(logits)_i - x_i)^2, a Gaussian likelihood up to constants.
    """
    b = target.shape[0]
    if kind == "bce":
        return F.binary_cross_entropy_with_logits(logits, target, reduction="sum") / b
    if kind == "mse":
        return F.mse_loss(torch.sigmoid(logits), target, reduction="sum") / b
    raise ValueError(f"unknown reconstruction loss {kind!r}")


def gaussian_kl_per_dim(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(N(mu, sigma^2) || N(0, 1)) of each latent dimension, averaged over the batch: (B, D) -> (D,).

    Kingma & Welling, "Auto-Encoding Variational Bayes", ICLR 2014, appendix B:
        -KL = 1/2 * sum_j (1 + log sigma_j^2 - mu_j^2 - sigma_j^2)
    A dimension whose KL stays near zero carries no information about the input: it is "dead".
    """
    return 0.5 * (mu.pow(2) + logvar.exp() - 1.0 - logvar).mean(dim=0)


def free_bits_kl(kl_per_dim: torch.Tensor, free_bits: float) -> torch.Tensor:
    """Sum over dimensions of max(KL_j, lambda): no pressure on a dimension below lambda nats.

    Kingma et al., "Improved Variational Inference with Inverse Autoregressive Flow", NeurIPS 2016,
    eq. 15 ("free bits"), which keeps dimensions from collapsing to the prior early in training.
    """
    if free_bits <= 0:
        return kl_per_dim.sum()
    return torch.clamp(kl_per_dim, min=free_bits).sum()


# -- self-supervised losses --------------------------------------------------------------------------
def nt_xent(z1: torch.Tensor, z2: torch.Tensor, temperature: float) -> torch.Tensor:
    """Normalised temperature-scaled cross entropy (SimCLR).

    Chen et al., "A Simple Framework for Contrastive Learning of Visual Representations", ICML 2020,
    eq. 1: for a positive pair (i, j) among 2N augmented images,
        l(i, j) = -log exp(sim(z_i, z_j) / t) / sum_{k != i} exp(sim(z_i, z_k) / t),
    averaged over all 2N ordered positive pairs; sim is the cosine similarity.
    """
    n = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2]), dim=1)  # (2N, D)
    logits = z @ z.T / temperature  # (2N, 2N)
    logits = logits.masked_fill(torch.eye(2 * n, dtype=torch.bool, device=z.device), float("-inf"))
    targets = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)]).to(z.device)  # i's positive
    return F.cross_entropy(logits, targets)


def info_nce_with_queue(q: torch.Tensor, k: torch.Tensor, queue: torch.Tensor, temperature: float) -> torch.Tensor:
    """MoCo's InfoNCE: each query against its key (positive) and the queue of past keys (negatives).

    He et al., "Momentum Contrast for Unsupervised Visual Representation Learning", CVPR 2020, eq. 1:
        L_q = -log exp(q.k+ / t) / (exp(q.k+ / t) + sum_{k-} exp(q.k- / t)).
    q, k: (N, D) normalised; queue: (K, D) normalised (may be empty while it fills).
    """
    positive = (q * k).sum(dim=1, keepdim=True)  # (N, 1)
    negatives = q @ queue.T  # (N, K)
    logits = torch.cat([positive, negatives], dim=1) / temperature
    return F.cross_entropy(logits, torch.zeros(q.shape[0], dtype=torch.long, device=q.device))


def negative_cosine(p: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
    """D(p, z) = -cos(p, z), averaged over the batch (SimSiam, Chen & He, CVPR 2021, eq. 1).

    The caller decides about the stop-gradient on z; in SimSiam it is what prevents collapse.
    """
    return -F.cosine_similarity(p, z, dim=1).mean()


def byol_loss(p: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
    """|| p/|p| - z/|z| ||^2 = 2 - 2 cos(p, z), averaged (Grill et al., "Bootstrap Your Own Latent",
    NeurIPS 2020, eq. 2)."""
    return (2 - 2 * F.cosine_similarity(p, z, dim=1)).mean()


def standardise_like_batch_norm(z: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    """(z - mean) / sqrt(Var_biased + eps) over the batch: BatchNorm1d(affine=False) in training mode,
    which is how the Barlow Twins code standardises (``self.bn = nn.BatchNorm1d(sizes[-1], affine=False)``).

    The eps sits inside the square root. Dividing by std + 1e-6 instead, as this function once did,
    makes a nearly constant dimension (std ~ 1e-4) weigh about 50 times more in the gradient.
    """
    centred = z - z.mean(0)
    return centred / torch.sqrt(centred.pow(2).mean(0) + eps)


def cross_correlation(z1: torch.Tensor, z2: torch.Tensor) -> torch.Tensor:
    """Barlow Twins' C (D, D): the correlation of each dimension of z1 with each of z2 over the batch,
    after standardising each dimension (Zbontar et al., ICML 2021, eq. 2). As the paper's code
    (Algorithm 1 and its repository): ``c = bn(z1).T @ bn(z2) / N`` with bn a BatchNorm1d(affine=False)."""
    n = z1.shape[0]
    return standardise_like_batch_norm(z1).T @ standardise_like_batch_norm(z2) / n


def barlow_twins_loss(c: torch.Tensor, off_diagonal_weight: float) -> torch.Tensor:
    """L = sum_i (1 - C_ii)^2 + lambda sum_i sum_{j != i} C_ij^2 (Zbontar et al., ICML 2021, eq. 1):
    the diagonal pulled to 1 (invariance), the rest pushed to 0 (redundancy reduction)."""
    on = (1 - torch.diagonal(c)).pow(2).sum()
    off = (c - torch.diag(torch.diagonal(c))).pow(2).sum()
    return on + off_diagonal_weight * off


def vicreg_terms(z1: torch.Tensor, z2: torch.Tensor, eps: float = 1e-4) -> tuple[torch.Tensor, ...]:
    """(invariance, variance, covariance) of VICReg (Bardes, Ponce & LeCun, ICLR 2022, eqs. 1-5).

    invariance: mean squared distance between the two views' embeddings;
    variance: mean over dimensions of max(0, 1 - sqrt(Var(z_j) + eps)), AVERAGED over the two views, as
    the paper's Algorithm 1 does (``std_loss = mean(relu(1 - std_z_a)) / 2 + mean(relu(1 - std_z_b)) / 2``)
    and as its published weights 25 / 25 / 1 were tuned (eq. 6 writes a sum, the code halves it);
    covariance: sum of squared off-diagonal covariances divided by D, for each view, summed (Algorithm 1
    sums these two).
    """
    invariance = F.mse_loss(z1, z2)
    variance = z1.new_zeros(())
    covariance = z1.new_zeros(())
    for z in (z1, z2):
        n, d = z.shape
        std = torch.sqrt(z.var(dim=0) + eps)
        variance = variance + F.relu(1 - std).mean() / 2
        zc = z - z.mean(0)
        cov = zc.T @ zc / (n - 1)
        off = cov - torch.diag(torch.diagonal(cov))
        covariance = covariance + off.pow(2).sum() / d
    return invariance, variance, covariance


def masked_patch_loss(pred: torch.Tensor, target: torch.Tensor, mask: torch.Tensor,
                      normalise_target: bool = False) -> torch.Tensor:
    """MAE's loss: mean squared error over the masked patches only (He et al., CVPR 2022, section 3).

    pred, target: (B, L, P) per-patch pixels; mask: (B, L), 1 where the patch was hidden.
    With ``normalise_target`` each target patch is standardised first (their "norm pix loss").
    """
    if normalise_target:
        mean, var = target.mean(-1, keepdim=True), target.var(-1, keepdim=True)
        target = (target - mean) / (var + 1e-6).sqrt()
    per_patch = (pred - target).pow(2).mean(-1)  # (B, L)
    return (per_patch * mask).sum() / mask.sum().clamp(min=1)


def vq_losses(z_e: torch.Tensor, z_q: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(codebook, commitment) terms of VQ-VAE (van den Oord et al., NeurIPS 2017, eq. 3):
    || sg[z_e] - e ||^2 moves the codes to the encoder outputs; || z_e - sg[e] ||^2 commits the encoder
    to its codes (weighted by beta by the caller)."""
    codebook = F.mse_loss(z_q, z_e.detach())
    commitment = F.mse_loss(z_e, z_q.detach())
    return codebook, commitment


def vq_vae_objective(recon_per_image: torch.Tensor, codebook: torch.Tensor, commitment: torch.Tensor,
                     beta: float, pixels: int, with_codebook: bool = True) -> torch.Tensor:
    """VQ-VAE's loss (van den Oord et al., NeurIPS 2017, eq. 3),
        L = log p(x | z_q) + || sg[z_e] - e ||^2 + beta || z_e - sg[e] ||^2,
    with each term a mean over its own elements, as in the authors' code: the reconstruction per
    pixel, the codebook and commitment terms per latent element (:func:`vq_losses`).

    ``recon_per_image`` is summed over an image's ``pixels`` (this module's convention), so the whole
    objective is multiplied by ``pixels``: the ratio of the terms, and so beta, means the paper's beta at
    every image size. (Scaling them by pixels over latent elements, as before, tied beta's weight to the
    image size and the grid: x0.25 at 8x8, x1 at 28x28, x16 at 64x64.) ``with_codebook`` False: the codebook follows moving averages instead (appendix A.1).
    """
    latent = beta * commitment + (codebook if with_codebook else 0.0)
    return recon_per_image + pixels * latent

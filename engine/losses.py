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

"""The adversarial losses as named functions, each beside the paper it comes from.

Conventions: a discriminator's score is a logit (the probability of "real" is its sigmoid), a critic's
is any real number; scores are (B,) tensors, images (B, C, H, W) in [0, 1]. The log-sigmoids are
written with softplus, which stays finite where a confident discriminator would make log(0).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """The discriminator's side of the GAN game, as a loss to minimise.

    Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014, eq. 1:
        min_G max_D V(D, G) = E_x[log D(x)] + E_z[log(1 - D(G(z)))];
    D ascends V, i.e. minimises -log sigmoid(real) - log(1 - sigmoid(fake)) = softplus(-real) +
    softplus(fake): the cross-entropy of telling real images (1) from generated ones (0).
    """
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()


def non_saturating_generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """The generator's non-saturating loss, -log D(G(z)) = softplus(-fake).

    Goodfellow et al. 2014, section 3: "Early in learning, when G is poor, D can reject samples with
    high confidence because they are clearly different from the training data. In this case,
    log(1 - D(G(z))) saturates. Rather than training G to minimize log(1 - D(G(z))) we can train G to
    maximize log D(G(z)). This objective function results in the same fixed point of the dynamics of G
    and D but provides much stronger gradients early in learning."
    """
    return F.softplus(-fake_logits).mean()


def _input_gradients(scores: torch.Tensor, inputs: torch.Tensor) -> torch.Tensor:
    """(B, ...) -> (B, N): the gradient of each image's score with respect to that image, flattened,
    kept in the graph (create_graph) so that a penalty on it trains the network."""
    # The scores of different images do not depend on each other's inputs (no batch norm), so the
    # gradient of their sum holds each image's own gradient.
    (grad,) = torch.autograd.grad(scores.sum(), inputs, create_graph=True)
    return grad.flatten(1)


def r1_penalty(real_scores: torch.Tensor, real_images: torch.Tensor, gamma: float) -> torch.Tensor:
    """R1: the squared gradient norm of the discriminator on real data, gamma / 2 * E||grad_x D(x)||^2.

    Mescheder, Geiger & Nowozin, "Which Training Methods for GANs do actually Converge?", ICML 2018,
    section 4.1: R1(psi) := gamma / 2 * E_{p_D(x)}[ ||grad D_psi(x)||^2 ], a penalty on the
    discriminator's gradient on the real data alone: once the generator matches the data, the
    discriminator cannot move away from the equilibrium by growing a gradient off the data manifold.
    ``real_scores`` must have been computed from ``real_images`` with ``requires_grad`` set (D(x) is the
    logit, before the sigmoid). With batch norm in D the gradient also holds each image's share in its
    batch's statistics.
    """
    return 0.5 * gamma * _input_gradients(real_scores, real_images).pow(2).sum(1).mean()


def interpolates(real: torch.Tensor, fake: torch.Tensor,
                 generator: torch.Generator | None = None) -> torch.Tensor:
    """x_hat = eps * real + (1 - eps) * fake with eps ~ U[0, 1] per image: Gulrajani et al.'s P_x_hat,
    "sampling uniformly along straight lines between pairs of points sampled from the data distribution
    P_r and the generator distribution P_g"."""
    eps = torch.rand((real.shape[0],) + (1,) * (real.dim() - 1), generator=generator, device=real.device,
                     dtype=real.dtype)  # (B, 1, 1, 1)
    return eps * real + (1 - eps) * fake


def gradient_penalty(interpolate_scores: torch.Tensor, interpolated: torch.Tensor, weight: float) -> torch.Tensor:
    """WGAN-GP's penalty, lambda * E_x_hat[(||grad_x_hat D(x_hat)||_2 - 1)^2] at random interpolates.

    Gulrajani et al., "Improved Training of Wasserstein GANs", NeurIPS 2017, section 4: "A
    differentiable function is 1-Lipschitz if and only if it has gradients with norm at most 1
    everywhere, so we consider directly constraining the gradient norm of the critic's output with
    respect to its input." Eq. 3: L = E[D(x~)] - E[D(x)] + lambda * E[(||grad D(x_hat)||_2 - 1)^2],
    lambda = 10 in all their experiments. ``interpolate_scores`` must have been computed from
    ``interpolated`` (:func:`interpolates`, with ``requires_grad`` set), possibly in one batch with
    other images: only the interpolates' own rows reach their gradient.
    """
    grad = _input_gradients(interpolate_scores, interpolated)  # (B, N)
    # sqrt(sum + tiny): the norm's gradient stays finite where a critic is flat (grad = 0).
    norm = torch.sqrt(grad.pow(2).sum(1) + 1e-12)
    return weight * (norm - 1).pow(2).mean()


def wasserstein_estimate(real_scores: torch.Tensor, fake_scores: torch.Tensor) -> torch.Tensor:
    """E[D(real)] - E[D(fake)]: the critic's estimate of the Wasserstein-1 distance between the data and
    the generator's distribution.

    Arjovsky, Chintala & Bottou, "Wasserstein GAN", ICML 2017, by the Kantorovich-Rubinstein duality:
    W(P_r, P_g) = sup_{||f||_L <= 1} E_{x~P_r}[f(x)] - E_{x~P_g}[f(x)]; a critic kept near 1-Lipschitz
    (the gradient penalty) makes this a lower bound of W that falls as the samples improve, which is
    why WGAN's curve means something where a GAN's losses do not.
    """
    return real_scores.mean() - fake_scores.mean()


def wasserstein_critic_loss(real_scores: torch.Tensor, fake_scores: torch.Tensor) -> torch.Tensor:
    """The critic's loss without its penalty, E[D(fake)] - E[D(real)] (Gulrajani et al. 2017, eq. 3):
    minimising it maximises the Wasserstein estimate."""
    return -wasserstein_estimate(real_scores, fake_scores)


def wasserstein_generator_loss(fake_scores: torch.Tensor) -> torch.Tensor:
    """The generator's loss, -E[D(G(z))] (Gulrajani et al. 2017, Algorithm 1)."""
    return -fake_scores.mean()

"""Lesson metrics of the autoencoder family (denoising, VAE, beta-VAE, VQ-VAE, MAE).

Each takes (subject, bank labels, probe labels) and returns a float; see engine/lessons/subject.py
for what a Subject holds. Describe each in engine/lessons/schema.py's METRICS too.

Every random draw here (noise, prior samples, masks) comes from its own fixed generator, so two
subjects are measured on exactly the same noisy images, prior samples and hidden patches.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import torch

from engine.analysis.generative_quality import feature_frechet_distance

EVAL_SEED = 1234
CHUNK = 500

# Lesson 3: the corruption the denoising check undoes, the same for every subject: Gaussian noise of
# std 0.5, clamped to [0, 1], the denoising autoencoder's own "gaussian" corruption at its high level.
DENOISING_NOISE_STD = 0.5

# Lesson 4: decoded prior samples against held-out images, in the space of the images' leading
# principal components (a pixel-space stand-in for FID's Inception features: there is no pretrained
# network offline, and a few components are enough to tell digits from blobs).
PRIOR_SAMPLES = 1000
FRECHET_COMPONENTS = 16

# Lesson 5: a latent dimension counts as in use when its KL to the prior exceeds this, as the VAE's
# Method view counts (engine/methods/reconstruction/vae.py's ACTIVE_KL).
ACTIVE_KL = 0.1  # nats

# Lesson 7: the share of patches hidden when the hidden patches' error is measured, the paper's default.
HIDDEN_RATIO = 0.75


def _generator(device: torch.device) -> torch.Generator:
    return torch.Generator(device=device).manual_seed(EVAL_SEED)


def _in_eval(model):
    from engine.training.util import evaluating  # the training package is heavier than this module

    return evaluating(model)


# -- lesson 3: denoising ------------------------------------------------------------------------------
def noisy_copy(images: torch.Tensor, std: float = DENOISING_NOISE_STD) -> torch.Tensor:
    """``images`` with Gaussian noise of ``std`` added (fixed seed) and clamped to [0, 1]."""
    noise = torch.randn(images.shape, generator=_generator(images.device), device=images.device, dtype=images.dtype)
    return (images + std * noise).clamp(0, 1)


def denoising_error(s, yb=None, yp=None) -> float:
    """Mean squared error against the *clean* held-out images of what the model makes of noisy copies.

    Vincent et al. 2008, section 2.3: the denoising autoencoder is trained "to reconstruct a clean
    'repaired' input from a corrupted, partially destroyed one". Every subject gets the same noisy
    copies (std DENOISING_NOISE_STD, whatever noise it was trained on); raw pixels "reconstruct" by
    passing the noisy image through, which is the error of not denoising at all.
    """
    if s.images is None:
        return float("nan")
    clean = s.images
    noisy = noisy_copy(clean)
    if s.model is None:
        return float(((noisy - clean) ** 2).mean())
    if s.model.latent_dim is None:
        return float("nan")
    with _in_eval(s.model):
        out = torch.cat([s.model.decode(s.model.encode(c)) for c in noisy.split(CHUNK)])
    return float(((out - clean) ** 2).mean())


# -- lesson 4: the decoder as a generator -------------------------------------------------------------
def prior_samples(model, n: int = PRIOR_SAMPLES) -> torch.Tensor:
    """(n, C, H, W): the decoder's images of z ~ N(0, I) (fixed seed)."""
    device = next(model.parameters()).device
    z = torch.randn(n, model.latent_dim, generator=torch.Generator().manual_seed(EVAL_SEED)).to(device)
    with _in_eval(model):
        return torch.cat([model.decode(c) for c in z.split(CHUNK)])


def prior_sample_distance(s, yb=None, yp=None) -> float:
    """Fréchet distance between decoded prior samples and the held-out images, in the held-out images'
    first FRECHET_COMPONENTS principal components (pixel units; 0 = the same mean and covariance).

    Kingma & Welling 2014, section 2.1: the generative process draws z from the prior p(z) = N(0, I)
    and x from p(x|z); figure 5 shows such samples. A decoder is a generator only if images decoded
    from the prior are distributed like the data: a low distance means they are, blurred blobs (too
    little variance) or images unlike the data (a far mean) score high.
    """
    from sklearn.decomposition import PCA

    if s.model is None or s.images is None or s.model.latent_dim is None:
        return float("nan")
    real = s.images.flatten(1).cpu().numpy().astype(np.float64)  # (M, C*H*W)
    fake = prior_samples(s.model).flatten(1).cpu().numpy().astype(np.float64)
    pca = PCA(n_components=min(FRECHET_COMPONENTS, *real.shape), random_state=0).fit(real)
    return feature_frechet_distance(pca.transform(real), pca.transform(fake))


def sample_frechet_distance(s, yb=None, yp=None) -> float:
    """Fréchet distance between samples of the prior and the held-out images in the features of a LeNet
    judge trained on the data set's labels (engine/analysis/generative_quality.py), the sharper measure
    of the two: a blurred digit is near its class's mean in pixels, far from it in what tells digits
    apart. Samples are decoded as for :func:`prior_sample_distance` (a GAN's generator takes the same
    N(0, I) noise); the judge is trained once per data set and cached. Heusel et al., NeurIPS 2017 (FID,
    there in Inception's features)."""
    from engine.analysis.generative_quality import generator_quality, judge_classifier

    if s.model is None or s.images is None or s.model.latent_dim is None or s.dataset is None:
        return float("nan")
    judge = judge_classifier(s.dataset.name, dataset=s.dataset)
    return float(generator_quality(prior_samples(s.model).cpu(), s.images.cpu(), judge).fid)


# -- lesson 5: beta-VAE --------------------------------------------------------------------------------
def kl_per_dimension(model, images: torch.Tensor) -> np.ndarray | None:
    """(D,) mean KL(q(z_j|x) || N(0, 1)) over ``images`` of each latent dimension, or None."""
    if not hasattr(model, "latent_statistics"):
        return None
    with _in_eval(model):
        parts = [model.latent_statistics(c) for c in images.split(CHUNK)]
    if parts[0] is None or "kl_per_dim" not in parts[0]:
        return None
    sizes = [len(c) for c in images.split(CHUNK)]
    return np.average(np.stack([p["kl_per_dim"] for p in parts]), axis=0, weights=sizes)


def active_dims(s, yb=None, yp=None) -> float:
    """How many latent dimensions carry more than ACTIVE_KL nats about the held-out images.

    Higgins et al. 2017, section 4 and figure 7: with beta > 1 the KL pressure switches off the
    dimensions the data does not need, and the ones left each follow one generating factor.
    """
    if s.model is None or s.images is None:
        return float("nan")
    kl = kl_per_dimension(s.model, s.images)
    return float("nan") if kl is None else float((kl > ACTIVE_KL).sum())


# -- lesson 6: VQ-VAE's codebook --------------------------------------------------------------------
def code_counts(model, images: torch.Tensor) -> np.ndarray | None:
    """(K,) how many grid cells of ``images`` pick each code, or None for a model without a codebook."""
    if not hasattr(model, "code_grid"):
        return None
    with _in_eval(model):
        idx = torch.cat([model.code_grid(c).flatten() for c in images.split(CHUNK)])
    return torch.bincount(idx, minlength=model.quantiser.size).cpu().numpy()


def codes_in_use(s, yb=None, yp=None) -> float:
    """How many codes of the codebook at least one grid cell of the held-out images picks: the rest
    are dead (van den Oord et al. 2017 train the codebook only through the codes that are picked)."""
    counts = None if s.model is None or s.images is None else code_counts(s.model, s.images)
    return float("nan") if counts is None else float((counts > 0).sum())


def codebook_perplexity(s, yb=None, yp=None) -> float:
    """exp(entropy) of the codes' usage on the held-out images: the number of codes in use, counting
    evenly (a code picked once counts for almost nothing)."""
    counts = None if s.model is None or s.images is None else code_counts(s.model, s.images)
    if counts is None:
        return float("nan")
    p = counts[counts > 0] / counts.sum()
    return float(np.exp(-(p * np.log(p)).sum()))


# -- lesson 7: MAE ----------------------------------------------------------------------------------
def fixed_ratio_mask(b: int, n_patches: int, ratio: float, device: torch.device) -> torch.Tensor:
    """(B, L) float, 1 for a hidden patch: round(L * (1 - ratio)) visible in every image, at random
    (fixed seed), as MAE's own random_mask draws them."""
    visible = max(1, round(n_patches * (1 - ratio)))
    noise = torch.rand(b, n_patches, generator=_generator(device), device=device)
    mask = torch.ones(b, n_patches, device=device)
    mask.scatter_(1, noise.argsort(dim=1)[:, :visible], 0.0)
    return mask


def hidden_patch_error(s, yb=None, yp=None, ratio: float = HIDDEN_RATIO) -> float:
    """Mean squared error, in pixels, of the hidden patches only, with ``ratio`` of the patches hidden
    (the same patches for every subject, whatever mask ratio it trained with).

    He et al. 2022, section 3: "we compute the loss only on masked patches"; figure 2 shows images
    coming back from 80% masked patches. The visible patches are copied and prove nothing.
    """
    from engine.nn.vit import patchify

    model = s.model
    if model is None or s.images is None or not hasattr(model, "images_of"):
        return float("nan")
    p = model.params.patch_size
    total, hidden = 0.0, 0.0
    with _in_eval(model):
        mask = fixed_ratio_mask(len(s.images), model.n_patches, ratio, s.images.device)  # (M, L)
        for x, m in zip(s.images.split(CHUNK), mask.split(CHUNK)):
            rec = model.images_of(x, m)["reconstruction"]  # (B, C, H, W), pixels even with norm-pix targets
            per_patch = ((patchify(rec, p) - patchify(x, p)) ** 2).mean(-1)  # (B, L)
            total += float((per_patch * m).sum())
            hidden += float(m.sum())
    return total / hidden


MEASURES: dict[str, Callable[..., float]] = {
    "denoising_error": denoising_error,
    "prior_sample_distance": prior_sample_distance,
    "sample_frechet_distance": sample_frechet_distance,
    "active_dims": active_dims,
    "codes_in_use": codes_in_use,
    "codebook_perplexity": codebook_perplexity,
    "hidden_patch_error": hidden_patch_error,
}

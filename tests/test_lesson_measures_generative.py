"""The autoencoder family's lesson metrics (engine/lessons/measures_generative.py), each against a value
worked out by hand on a tiny hand-made model or tensor, so that a wrong metric fails."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from torch import nn

from engine.lessons import METRICS
from engine.lessons import measures_generative as mg
from engine.lessons.observables import MEASURES, Subject
from engine.lessons.schema import UNDEFINED


def subject(images: torch.Tensor | None, model: nn.Module | None = None) -> Subject:
    n = 0 if images is None else len(images)
    return Subject(np.zeros((n, 2), np.float32), np.zeros((n, 2), np.float32), model=model, images=images)


class PixelCode(nn.Module):
    """A 'model' whose code is the image itself, or a constant image whatever the code (``constant``)."""

    def __init__(self, shape=(1, 4, 4), constant: torch.Tensor | None = None):
        super().__init__()
        self.shape, self.constant = shape, constant
        self.anchor = nn.Parameter(torch.zeros(1))  # a device to put prior samples on

    @property
    def latent_dim(self) -> int:
        return int(np.prod(self.shape))

    def encode(self, x):
        return x.flatten(1)

    def decode(self, z):
        if self.constant is not None:
            return self.constant.expand(len(z), *self.shape)
        return z.view(len(z), *self.shape)


def test_every_metric_is_registered_and_described():
    for name in mg.MEASURES:
        assert MEASURES[name] is mg.MEASURES[name]
        assert name in METRICS
        assert (name, "pca") in UNDEFINED  # the PCA baseline carries no network to measure
    assert ("denoising_error", "raw_pixels") not in UNDEFINED  # passing the noise through is its value


# -- denoising ------------------------------------------------------------------------------------------
# Grey images (0.5 everywhere) with noise of std 0.5 clamped to [0, 1]: the error is
# 0.25 E[min(n^2, 1)] for n ~ N(0, 1), and E[min(n^2, 1)] = P(|n| < 1) - 2 phi(1) + P(|n| > 1) = 1 - 2 phi(1).
GREY_NOISE_ERROR = 0.25 * (1 - 2 * math.exp(-0.5) / math.sqrt(2 * math.pi))  # 0.12901


def test_denoising_error_of_passing_the_noise_through_is_the_noise_itself():
    grey = torch.full((2000, 1, 4, 4), 0.5)  # 32,000 noisy pixels: the mean is within about 0.001
    assert mg.denoising_error(subject(grey)) == pytest.approx(GREY_NOISE_ERROR, abs=3e-3)
    assert mg.denoising_error(subject(grey, PixelCode())) == pytest.approx(mg.denoising_error(subject(grey)))


def test_denoising_error_compares_with_the_clean_image_not_the_noisy_input():
    grey = torch.full((600, 1, 4, 4), 0.5)  # more than one chunk of 500
    perfect = PixelCode(constant=torch.full((1, 4, 4), 0.5))  # rebuilds the clean image whatever it sees
    black = PixelCode(constant=torch.zeros(1, 4, 4))
    assert mg.denoising_error(subject(grey, perfect)) == pytest.approx(0.0)
    assert mg.denoising_error(subject(grey, black)) == pytest.approx(0.25)


def test_denoising_error_gives_every_subject_the_same_noise():
    x = torch.rand(50, 1, 4, 4, generator=torch.Generator().manual_seed(0))
    assert torch.equal(mg.noisy_copy(x), mg.noisy_copy(x))
    assert not torch.equal(mg.noisy_copy(x), x)


# -- the decoder as a generator ----------------------------------------------------------------------
def test_a_decoder_that_makes_only_the_mean_image_is_as_far_as_the_data_varies():
    # Every prior sample decodes to the held-out mean image: in the PCA space (centred on that mean) the
    # samples sit at 0 with no spread, so the distance is the trace of the images' covariance there,
    # the sum of their 16 largest covariance eigenvalues.
    images = torch.rand(300, 1, 6, 6, generator=torch.Generator().manual_seed(1))
    model = PixelCode((1, 6, 6), constant=images.mean(0))
    flat = images.flatten(1).double().numpy()
    top = np.sort(np.linalg.eigvalsh(np.cov(flat, rowvar=False)))[::-1][: mg.FRECHET_COMPONENTS]
    assert mg.prior_sample_distance(subject(images, model)) == pytest.approx(top.sum(), rel=1e-4)


def test_prior_samples_are_the_decoder_s_images_of_standard_normal_codes():
    samples = mg.prior_samples(PixelCode((1, 10, 10)), n=1000).flatten()  # the codes themselves
    assert samples.mean().item() == pytest.approx(0.0, abs=0.01)
    assert samples.std().item() == pytest.approx(1.0, abs=0.01)
    assert torch.equal(samples, mg.prior_samples(PixelCode((1, 10, 10)), n=1000).flatten())  # fixed seed


# -- beta-VAE ---------------------------------------------------------------------------------------
class FixedKL(nn.Module):
    """KL per dimension of a chunk: [its mean pixel, 0.3, 0.05, exactly the threshold]."""

    def latent_statistics(self, x):
        return {"kl_per_dim": np.array([x.mean().item(), 0.3, 0.05, mg.ACTIVE_KL])}


def test_active_dims_counts_dimensions_above_the_threshold_weighting_chunks_by_size():
    # 500 images of 0 and 100 of 0.55: dimension 0's KL is 0.55 * 100 / 600 = 0.092 nats, below 0.1
    # (an unweighted mean over the two chunks would say 0.275, active). Only the 0.3 dimension counts.
    images = torch.cat([torch.zeros(500, 1, 2, 2), torch.full((100, 1, 2, 2), 0.55)])
    assert mg.active_dims(subject(images, FixedKL())) == 1.0
    images = torch.cat([torch.zeros(500, 1, 2, 2), torch.full((100, 1, 2, 2), 0.9)])  # 0.15 nats: active
    assert mg.active_dims(subject(images, FixedKL())) == 2.0


def test_active_dims_of_a_real_vae_whose_posterior_is_the_prior_is_zero():
    from engine.methods.reconstruction.vae import VAE, VAEParams

    vae = VAE(VAEParams(latent_dim=4, width=8), (1, 28, 28))
    for p in vae.encoder.parameters():  # mu = 0, log sigma^2 = 0 for every image: KL 0 in every dimension
        nn.init.zeros_(p)
    assert mg.active_dims(subject(torch.rand(20, 1, 28, 28), vae)) == 0.0
    assert math.isnan(mg.active_dims(subject(torch.rand(4, 1, 4, 4), PixelCode())))  # no KL to count


# -- VQ-VAE -----------------------------------------------------------------------------------------
class FixedCodes(nn.Module):
    """Each image's 2 x 2 grid picks codes 0, 0, 0 and 5 of a codebook of 8."""

    quantiser = SimpleNamespace(size=8)

    def code_grid(self, x):
        return torch.tensor([[0, 0], [0, 5]]).expand(len(x), 2, 2)


def test_codes_in_use_and_perplexity_by_hand():
    s = subject(torch.zeros(600, 1, 4, 4), FixedCodes())
    assert mg.codes_in_use(s) == 2.0  # 6 of the 8 codes are dead
    # Usage 3/4 and 1/4: exp(-(0.75 ln 0.75 + 0.25 ln 0.25)) = 1.7548 codes.
    assert mg.codebook_perplexity(s) == pytest.approx(math.exp(-(0.75 * math.log(0.75) + 0.25 * math.log(0.25))))


def test_codes_in_use_of_a_real_vqvae_with_one_code_left_is_one():
    from engine.methods.reconstruction.vqvae import VQVAE, VQVAEParams

    vq = VQVAE(VQVAEParams(codebook_size=4, code_dim=2, width=8), (1, 28, 28))
    with torch.no_grad():  # three codes far from anything the encoder can output: only code 2 is ever nearest
        vq.quantiser.codebook.copy_(torch.tensor([[1e6, 1e6], [-1e6, 1e6], [0.0, 0.0], [1e6, -1e6]]))
    s = subject(torch.rand(10, 1, 28, 28), vq)
    assert mg.codes_in_use(s) == 1.0
    assert mg.codebook_perplexity(s) == pytest.approx(1.0)


# -- MAE --------------------------------------------------------------------------------------------
class PatchPainter(nn.Module):
    """An MAE stand-in with 2 x 2 patches of 4 pixels: the hidden patches come back off by ``hidden_off``,
    the visible ones off by ``visible_off``."""

    params = SimpleNamespace(patch_size=2)
    n_patches = 16  # 8 x 8 images

    def __init__(self, hidden_off: float, visible_off: float):
        super().__init__()
        self.hidden_off, self.visible_off = hidden_off, visible_off

    def images_of(self, x, mask):
        from engine.nn.vit import patchify, unpatchify

        m = mask[..., None]  # (B, L, 1)
        patches = patchify(x, 2) + self.hidden_off * m + self.visible_off * (1 - m)
        return {"reconstruction": unpatchify(patches, 2, 1, 8, 8)}


def test_hidden_patch_error_counts_the_hidden_patches_only():
    x = torch.rand(600, 1, 8, 8, generator=torch.Generator().manual_seed(2))
    assert mg.hidden_patch_error(subject(x, PatchPainter(0.1, 0.0))) == pytest.approx(0.01)  # not 0.75 * 0.01
    assert mg.hidden_patch_error(subject(x, PatchPainter(0.0, 1.0))) == pytest.approx(0.0)  # copying proves nothing


def test_the_hidden_patches_are_fixed_and_as_many_as_mae_hides():
    from engine.methods.masked.mae import MAE, MAEParams

    mae = MAE(MAEParams(mask_ratio=mg.HIDDEN_RATIO), (1, 28, 28))
    mask = mg.fixed_ratio_mask(5, mae.n_patches, mg.HIDDEN_RATIO, torch.device("cpu"))
    assert (mask.sum(1) == mae.n_patches - mae.visible_count()).all()  # 37 of 49 hidden in every image
    assert torch.equal(mask, mg.fixed_ratio_mask(5, mae.n_patches, mg.HIDDEN_RATIO, torch.device("cpu")))
    assert math.isfinite(mg.hidden_patch_error(subject(torch.rand(3, 1, 28, 28), mae)))


# -- through the lesson's own subjects ---------------------------------------------------------------
@pytest.mark.parametrize("method, settings, metrics", [
    ("vae", {"latent_dim": 3, "width": 8}, ("denoising_error", "prior_sample_distance", "active_dims")),
    ("vqvae", {"codebook_size": 8, "code_dim": 4, "width": 8}, ("codes_in_use", "codebook_perplexity")),
    ("mae", {"patch_size": 4, "embed_dim": 16, "decoder_dim": 16, "depth": 1}, ("hidden_patch_error",)),
])
def test_a_baseline_has_a_value_exactly_where_the_schema_says_it_can(cache_dir, method, settings, metrics):
    from engine.data import load_dataset
    from engine.lessons.observables import measure, subjects_for
    from engine.methods import create_method

    ds = load_dataset("digits")  # 8 x 8: small enough to measure untrained networks in a moment
    model = create_method(method, settings, ds.image_shape)
    names = ("A", "raw_pixels", "random_network", "pca")
    with torch.no_grad():
        subjects, labels = subjects_for(names, {"A": (model, 1.0)}, ds, 0, torch.device("cpu"))
        for metric in metrics:
            values = measure(metric, subjects, labels)
            for name, value in values.items():
                assert math.isnan(value) == ((metric, name) in UNDEFINED), (metric, name, value)

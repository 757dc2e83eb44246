"""What GAN and WGAN-GP share: a generator from noise and a discriminator (WGAN's critic) with two
optimisers, and the views of a generator: samples of fixed noise, an interpolation, its "codes".
No method is registered here.

On images the pair is DCGAN's (engine/nn/dcgan.py); on 2-D points (a data set of kind "points", built
with POINTS_SHAPE) it is a small MLP pair (engine/nn/point_mlps.py), and the views are GAN Lab's:
real and generated points over the discriminator's map, with the generator's pushes as arrows
(engine/methods/adversarial/point_figures.py), and the modes it covers, also logged as curves each step.

A GAN has no encoder, so the app's latent explorer is given the nearest thing that is honest: the
code of an image is the noise of the generator's sample nearest to it (in pixels) among a fixed bank
of noise vectors (:meth:`AdversarialImageMethod.encode`). Its sliders and 2-D pad then drive the
generator over the noise it was trained on, and decode(encode(x)) is the generator's closest attempt
at x among those samples, not a reconstruction; the pad's points, coloured by label, show where in the
noise the generator makes each kind of image. A generator of points has no latent views (latent_dim is
None): they show images.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

import torch

from engine.analysis.mode_coverage import COVERED_FAIR_SHARE, coverage
from engine.data.batch import POINTS_SHAPE, Batch
from engine.figures import Figure, ImageGrid
from engine.methods.adversarial.point_figures import point_figures
from engine.methods.base import Method, figure_images
from engine.params import param
from engine.nn.dcgan import DCGANDiscriminator, DCGANGenerator
from engine.nn.point_mlps import PointDiscriminator, PointGenerator
from engine.training.optimizers import make_optimizer

SAMPLES, SAMPLES_SEED = 32, 1234  # the fixed noise of the sample grid: the same z at every update
INTERPOLATION_ROWS, INTERPOLATION_STEPS, INTERPOLATION_SEED = 4, 8, 4321
BANK_SIZE, BANK_SEED, BANK_CHUNK = 512, 2468, 256  # the noise bank that encode() searches
HISTOGRAM_BINS = 10


@contextmanager
def frozen(module: torch.nn.Module) -> Iterator[None]:
    """``module``'s parameters out of the graph for a moment: gradients still flow through it to its
    input (the generator's images), but none is computed for its own weights."""
    params = [p for p in module.parameters() if p.requires_grad]
    for p in params:
        p.requires_grad_(False)
    try:
        yield
    finally:
        for p in params:
            p.requires_grad_(True)


@contextmanager
def batch_statistics(module: torch.nn.Module) -> Iterator[None]:
    """``module``'s batch norm layers normalise each batch by its own statistics, as in training, for a
    moment, without moving their running statistics (momentum 0 keeps them as they are)."""
    norms = torch.nn.modules.batchnorm._BatchNorm
    layers = [(m, m.training, m.momentum, m.num_batches_tracked.clone()) for m in module.modules()
              if isinstance(m, norms) and m.track_running_stats]
    for m, *_ in layers:
        m.train()
        m.momentum = 0.0
    try:
        yield
    finally:
        for m, training, momentum, tracked in layers:
            m.train(training)
            m.momentum = momentum
            m.num_batches_tracked.copy_(tracked)


def fixed_noise(n: int, dim: int, seed: int, device: torch.device) -> torch.Tensor:
    """(n, dim) N(0, I) noise, the same for a seed: its own generator, so the figures never move the
    training's random stream."""
    return torch.randn(n, dim, generator=torch.Generator().manual_seed(seed)).to(device)


def slerp(a: torch.Tensor, b: torch.Tensor, steps: int) -> torch.Tensor:
    """(R, D), (R, D) -> (R * steps, D): spherical interpolation from each row of ``a`` to that of ``b``.

    White, "Sampling Generative Networks", 2016: in high dimensions a straight line between two Gaussian
    samples passes near the origin, where the prior puts little mass, so its middle images are atypical;
    the great circle keeps every point at a typical distance from the origin. Where the two are (nearly)
    parallel or opposite (a 1-d noise always is) the circle is not defined: there, a straight line."""
    t = torch.linspace(0, 1, steps, device=a.device)[None, :, None]  # (1, T, 1)
    cos = torch.nn.functional.cosine_similarity(a, b, dim=1).clamp(-1, 1)
    omega = torch.acos(cos)[:, None, None]  # (R, 1, 1)
    sin = torch.sin(omega)
    arc = (torch.sin((1 - t) * omega) * a[:, None] + torch.sin(t * omega) * b[:, None]) / sin.clamp_min(0.01)
    line = (1 - t) * a[:, None] + t * b[:, None]
    return torch.where(sin > 0.01, arc, line).reshape(-1, a.shape[1])  # (R * T, D), row by row


def adam_betas(settings: Any, betas: tuple[float, float]) -> dict[str, Any]:
    """The betas a GAN's paper asks of Adam, as make_optimizer's options; none for SGD, which has none."""
    return {"betas": betas} if settings.optimizer in ("adam", "adamw") else {}


def histogram(values: torch.Tensor, edges: torch.Tensor) -> torch.Tensor:
    """(N,) values counted into the bins of ``edges`` (K + 1,); values outside go to the end bins."""
    index = torch.bucketize(values.float(), edges[1:-1].contiguous())  # (N,) in [0, K)
    return torch.bincount(index, minlength=len(edges) - 1).float()


def adversarial_networks(params: Any, image_shape: tuple[int, int, int]) -> tuple[torch.nn.Module, torch.nn.Module]:
    """(generator, discriminator) for the data: the MLP pair for 2-D points (POINTS_SHAPE), where ``width``
    is the units of each hidden layer and ``norm`` does not apply; DCGAN's pair for images."""
    if tuple(image_shape) == POINTS_SHAPE:
        return PointGenerator(params.latent_dim, params.width), PointDiscriminator(params.width)
    return (DCGANGenerator(image_shape, params.latent_dim, params.width),
            DCGANDiscriminator(image_shape, params.width, params.norm, features=2 * params.width))


@dataclass(frozen=True)
class GeneratorParams:
    """What every image generator's settings begin with (GANParams, WGANGPParams add their own)."""

    latent_dim: int = param(32, low=1, high=256, help="size of the noise vector z the generator turns into an "
                                                          "image (one slider each in the latent explorer)")
    width: int = param(32, low=8, high=256,
                       help="channels of the first conv layer of each network (doubling per stage); on 2-D "
                            "points, the units of each hidden layer")


class AdversarialImageMethod(Method):
    """A generator (``generator_net``) trained against ``discriminator``; subclasses set the losses.

    ``generator`` is taken: the Method's torch.Generator for training-time draws (the noise here)."""

    discriminator_name: str = "discriminator"  # its optimiser's name
    betas: tuple[float, float] = (0.5, 0.999)

    def __init__(self, params: Any, image_shape: tuple[int, int, int]):
        super().__init__(params, image_shape)
        self.on_points = self.image_shape == POINTS_SHAPE
        self.generator_net, self.discriminator = adversarial_networks(params, image_shape)
        # The data's modes, when it knows them (use_dataset): (K, 2), moved with the model, not saved.
        self.register_buffer("mode_centres", torch.zeros(0, 2), persistent=False)
        self.mode_std = 0.0
        self.field_extent: tuple | None = None  # the point figure's extent, kept between updates

    @property
    def latent_dim(self) -> int | None:
        """The noise's size; None on points, whose samples are no images for the latent views."""
        return None if self.on_points else self.params.latent_dim

    @property
    def noise_dim(self) -> int:
        return self.params.latent_dim

    def real_of(self, batch: Batch) -> torch.Tensor:
        """The batch's real examples: images (B, C, H, W), or points (B, 2)."""
        return batch.points if self.on_points else batch.images

    def use_dataset(self, dataset: Any, name: str) -> None:
        """Keep the mode centres and their spread of a 2-D set that knows them (engine/data/points.py)."""
        notes = dataset.notes
        if self.on_points and len(notes.get("centres", ())) and notes.get("mode_std", 0) > 0:
            device = self.mode_centres.device
            self.mode_centres = torch.as_tensor(notes["centres"], dtype=torch.float32, device=device).reshape(-1, 2)
            self.mode_std = float(notes["mode_std"])

    def coverage_terms(self, fake: torch.Tensor) -> dict[str, torch.Tensor]:
        """The modes this step's generated points cover and their high-quality share, as curves (detached,
        on the device: no sync); none without known modes."""
        if not (self.on_points and len(self.mode_centres)):
            return {}
        modes, share = coverage(fake.detach().float(), self.mode_centres, self.mode_std,
                                min_share=COVERED_FAIR_SHARE)
        # As a share of the modes, on the scale of D's probabilities: the Loss view draws every term on one
        # axis, where a count of 8 or 25 flattened the losses (the Method view says "6 / 8").
        return {"share of modes covered": modes / len(self.mode_centres), "high-quality share": share}

    # -- optimisation ------------------------------------------------------------------------------
    def configure_optimizers(self, settings: Any) -> dict[str, torch.optim.Optimizer]:
        options = adam_betas(settings, self.betas)
        return {self.discriminator_name: make_optimizer(settings, self.discriminator.parameters(),
                                                        lr_scale=self.params.d_lr_scale, **options),
                "generator": make_optimizer(settings, self.generator_net.parameters(), **options)}

    def noise(self, n: int, device: torch.device) -> torch.Tensor:
        """(n, latent_dim) z ~ N(0, I) from the run's generator."""
        return torch.randn(n, self.noise_dim, generator=self.generator, device=device)

    # -- what the app shows ----------------------------------------------------------------------
    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """The discriminator's features before its score: what it learnt about real images."""
        return self.discriminator.features(x)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return self.generator_net(z)

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) -> (B, latent_dim): for each image, the noise of the generator's sample nearest to
        it in pixels, among a fixed bank of BANK_SIZE noise vectors (see the module's doc)."""
        z, samples = self._bank(x.device)  # (K, D), (K, C*H*W)
        nearest = torch.cdist(x.flatten(1).to(samples.dtype), samples).argmin(1)  # (B,)
        return z[nearest]

    def _bank(self, device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
        """The bank's noise and the generator's samples of it, made again only when the generator has
        changed since: every in-place change of a tensor (an optimiser's step, loading weights, batch
        norm's running statistics) bumps its version counter, and the app asks for codes twice per update."""
        key = (device, self.training, tuple(t._version for t in self.generator_net.state_dict().values()))
        if getattr(self, "_bank_cache", (None,))[0] != key:
            z = fixed_noise(BANK_SIZE, self.noise_dim, BANK_SEED, device)
            samples = torch.cat([self.decode(c).flatten(1) for c in z.split(BANK_CHUNK)])
            self._bank_cache = (key, z, samples.detach())
        return self._bank_cache[1], self._bank_cache[2]

    # -- figures ----------------------------------------------------------------------------------
    def sample_noise(self, n: int, device: torch.device) -> torch.Tensor:
        """(n, latent_dim) the first ``n`` noise vectors of the sample grid, the same at every update. Drawn
        as at least the grid's SAMPLES: torch's normal draws of another count differ from their first."""
        return fixed_noise(max(n, SAMPLES), self.noise_dim, SAMPLES_SEED, device)[:n]

    def probe_rows(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> dict[str, torch.Tensor]:
        """Under the held-out images, as many samples of the fixed noise (the first of the Method view's
        grid): a GAN has no reconstruction, and the Images view is where a class looks first. None on
        points: they are no images."""
        if self.on_points:
            return {}
        return {"samples of fixed noise": self.decode(self.sample_noise(len(x), x.device))}

    def sample_figures(self, device: torch.device) -> list[Figure]:
        """The fixed noise's samples, and an interpolation between fixed pairs of noise vectors."""
        z = self.sample_noise(SAMPLES, device)
        ends = fixed_noise(2 * INTERPOLATION_ROWS, self.noise_dim, INTERPOLATION_SEED, device)
        path = slerp(ends[:INTERPOLATION_ROWS], ends[INTERPOLATION_ROWS:], INTERPOLATION_STEPS)
        return [
            ImageGrid("samples of fixed noise, the same z each time", figure_images(self.decode(z)), columns=8,
                      help="the generator's images of the same noise vectors at every update: "
                           "watch the same samples sharpen as it trains"),
            ImageGrid("interpolation between two fixed noise vectors, a row per pair",
                      figure_images(self.decode(path)), columns=INTERPOLATION_STEPS,
                      help="each row walks from one noise vector to another (along the sphere): a smooth "
                           "change means the generator has learnt a continuous space, not memorised images"),
        ]

    def generator_figures(self, x: torch.Tensor) -> list[Figure]:
        """What the generator makes: on images, :meth:`sample_figures`; on points (``x`` the real ones, (N, 2)),
        GAN Lab's picture and the modes covered (point_figures.py)."""
        return point_figures(self, x) if self.on_points else self.sample_figures(x.device)

    def generate(self, n: int, device: torch.device) -> torch.Tensor | None:
        """Images of the first ``n`` noise vectors of the sample grid's fixed noise (None on points: the
        Method view's PointField and the coverage curves judge those)."""
        return None if self.on_points else self.decode(self.sample_noise(n, device))

    def fake_scores_of_fixed_noise(self, n: int, device: torch.device) -> torch.Tensor:
        """(n,) the discriminator's scores of the samples of the first ``n`` fixed noise vectors."""
        return self.discriminator(self.decode(self.sample_noise(n, device)))


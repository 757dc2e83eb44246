"""Batched, on-device augmentations: one call augments a whole batch.

Each operation has a switch, a strength and a probability, and draws its random parameters per image
as a few (B,)-shaped tensors from one generator, so a batch is augmented by a handful of tensor ops
instead of a Python loop over images, and the same seed gives the same views.

The geometric operations (random resized crop, flip, rotation) are folded into one affine matrix per
image and applied by a single ``grid_sample``; the photometric ones (brightness / contrast jitter,
Gaussian blur, Gaussian noise, random erasing) follow as elementwise and grouped-convolution ops.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F


@dataclass(frozen=True)
class Op:
    """One augmentation: whether it is on, how strong it is, and how often it is applied."""

    enabled: bool
    strength: float
    p: float = 1.0


# What ``strength`` means for each operation, shown as help in the GUI's augmentation panel.
STRENGTH_HELP = {
    "crop": "share of the image area that may be cut away (0.6: keep 40-100%)",
    "flip": "unused (a flip is a flip)",
    "rotate": "largest rotation, in degrees either way",
    "jitter": "largest brightness shift and contrast change (0.4: +-40%)",
    "blur": "largest Gaussian blur sigma, in pixels",
    "noise": "standard deviation of added Gaussian noise",
    "erase": "largest share of the image area erased by a rectangle",
}


@dataclass(frozen=True)
class AugmentConfig:
    crop: Op = field(default_factory=lambda: Op(True, 0.6, 1.0))
    flip: Op = field(default_factory=lambda: Op(True, 1.0, 0.5))
    rotate: Op = field(default_factory=lambda: Op(False, 15.0, 0.5))
    jitter: Op = field(default_factory=lambda: Op(True, 0.4, 0.8))
    blur: Op = field(default_factory=lambda: Op(True, 1.0, 0.5))
    noise: Op = field(default_factory=lambda: Op(False, 0.05, 0.5))
    erase: Op = field(default_factory=lambda: Op(False, 0.25, 0.5))

    @staticmethod
    def for_dataset(flip_ok: bool, size: int) -> AugmentConfig:
        """A recipe that suits the data: no mirroring of digits, milder crops and blur on tiny images."""
        small = size <= 12
        return AugmentConfig(
            crop=Op(True, 0.3 if small else 0.6, 1.0),
            flip=Op(flip_ok, 1.0, 0.5),
            rotate=Op(not flip_ok, 10.0, 0.5),
            blur=Op(not small, 1.0, 0.5),
        )

    def with_op(self, name: str, op: Op) -> AugmentConfig:
        return AugmentConfig(**{**self.as_ops(), name: op})

    def as_ops(self) -> dict[str, Op]:
        return {k: getattr(self, k) for k in STRENGTH_HELP}


def _chance(p: float, b: int, g: torch.Generator, device) -> torch.Tensor:
    """(B,) bool: which images an operation applies to."""
    return torch.rand(b, generator=g, device=device) < p


def _uniform(lo: float, hi: float, b: int, g: torch.Generator, device) -> torch.Tensor:
    return lo + (hi - lo) * torch.rand(b, generator=g, device=device)


def _geometry(x: torch.Tensor, cfg: AugmentConfig, g: torch.Generator) -> torch.Tensor:
    """Crop, flip and rotation as one affine warp per image."""
    b, dev = x.shape[0], x.device
    if not (cfg.crop.enabled and cfg.crop.strength > 0 or cfg.flip.enabled
            or cfg.rotate.enabled and cfg.rotate.strength > 0):
        return x
    one, zero = torch.ones(b, device=dev), torch.zeros(b, device=dev)
    sx, sy, tx, ty, angle = one.clone(), one.clone(), zero.clone(), zero.clone(), zero.clone()
    if cfg.crop.enabled and cfg.crop.strength > 0:
        hit = _chance(cfg.crop.p, b, g, dev)
        area = _uniform(1.0 - min(cfg.crop.strength, 0.95), 1.0, b, g, dev)
        log_ratio = _uniform(math.log(3 / 4), math.log(4 / 3), b, g, dev)
        ratio = torch.exp(log_ratio)
        w = torch.sqrt(area * ratio).clamp(max=1.0)
        h = torch.sqrt(area / ratio).clamp(max=1.0)
        # Crop centre anywhere that keeps the crop inside the image ([-1, 1] coordinates).
        cx = (1 - w) * (2 * torch.rand(b, generator=g, device=dev) - 1)
        cy = (1 - h) * (2 * torch.rand(b, generator=g, device=dev) - 1)
        sx, sy = torch.where(hit, w, sx), torch.where(hit, h, sy)
        tx, ty = torch.where(hit, cx, tx), torch.where(hit, cy, ty)
    if cfg.flip.enabled:
        sx = torch.where(_chance(cfg.flip.p, b, g, dev), -sx, sx)
    if cfg.rotate.enabled and cfg.rotate.strength > 0:
        hit = _chance(cfg.rotate.p, b, g, dev)
        a = _uniform(-cfg.rotate.strength, cfg.rotate.strength, b, g, dev) * (math.pi / 180)
        angle = torch.where(hit, a, angle)
    cos, sin = torch.cos(angle), torch.sin(angle)
    # Output pixel (u, v) samples input at crop_centre + scale * rotate(u, v).
    theta = torch.stack([
        torch.stack([sx * cos, -sx * sin, tx], dim=1),
        torch.stack([sy * sin, sy * cos, ty], dim=1),
    ], dim=1)  # (B, 2, 3)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def _blur(x: torch.Tensor, sigma: torch.Tensor, max_sigma: float) -> torch.Tensor:
    """Separable Gaussian blur with a different sigma per image (sigma 0 leaves an image as it is)."""
    b, c, h, w = x.shape
    radius = max(1, min(int(math.ceil(3 * max_sigma)), (min(h, w) - 1) // 2))
    t = torch.arange(-radius, radius + 1, device=x.device, dtype=x.dtype)  # (K,)
    s = sigma.clamp(min=1e-3).view(b, 1)
    k = torch.exp(-0.5 * (t.view(1, -1) / s) ** 2)  # (B, K)
    k = k / k.sum(dim=1, keepdim=True)
    k = k.repeat_interleave(c, dim=0)  # (B*C, K): one kernel per image channel
    y = x.reshape(1, b * c, h, w)
    y = F.pad(y, (radius, radius, radius, radius), mode="reflect")
    y = F.conv2d(y, k.view(b * c, 1, 1, -1), groups=b * c)  # along width
    y = F.conv2d(y, k.view(b * c, 1, -1, 1), groups=b * c)  # along height
    return y.view(b, c, h, w)


def augment(x: torch.Tensor, cfg: AugmentConfig, generator: torch.Generator) -> torch.Tensor:
    """A randomly augmented copy of a batch (B, C, H, W) in [0, 1], on the batch's device."""
    b, dev = x.shape[0], x.device
    g = generator
    x = _geometry(x, cfg, g)
    if cfg.jitter.enabled and cfg.jitter.strength > 0:
        hit = _chance(cfg.jitter.p, b, g, dev).view(b, 1, 1, 1)
        s = cfg.jitter.strength
        bright = _uniform(-s, s, b, g, dev).view(b, 1, 1, 1)
        contrast = _uniform(max(0.0, 1 - s), 1 + s, b, g, dev).view(b, 1, 1, 1)
        mean = x.mean(dim=(1, 2, 3), keepdim=True)
        jittered = ((x - mean) * contrast + mean + bright).clamp(0, 1)
        x = torch.where(hit, jittered, x)
    if cfg.blur.enabled and cfg.blur.strength > 0:
        hit = _chance(cfg.blur.p, b, g, dev)
        sigma = _uniform(0.1, cfg.blur.strength, b, g, dev)
        sigma = torch.where(hit, sigma, torch.zeros_like(sigma))
        x = _blur(x, sigma, cfg.blur.strength)
    if cfg.noise.enabled and cfg.noise.strength > 0:
        hit = _chance(cfg.noise.p, b, g, dev).view(b, 1, 1, 1)
        noise = torch.randn(x.shape, generator=g, device=dev) * cfg.noise.strength
        x = torch.where(hit, (x + noise).clamp(0, 1), x)
    if cfg.erase.enabled and cfg.erase.strength > 0:
        x = random_erase(x, cfg.erase, g)
    return x


def random_erase(x: torch.Tensor, op: Op, g: torch.Generator) -> torch.Tensor:
    """Zero one random rectangle per chosen image (Zhong et al., "Random Erasing", 2017)."""
    b, _, h, w = x.shape
    dev = x.device
    hit = _chance(op.p, b, g, dev)
    area = _uniform(0.02, max(op.strength, 0.021), b, g, dev)
    ratio = torch.exp(_uniform(math.log(0.3), math.log(3.3), b, g, dev))
    eh = (torch.sqrt(area * ratio) * h).clamp(1, h)
    ew = (torch.sqrt(area / ratio) * w).clamp(1, w)
    top = torch.rand(b, generator=g, device=dev) * (h - eh)
    left = torch.rand(b, generator=g, device=dev) * (w - ew)
    rows = torch.arange(h, device=dev).view(1, h, 1)
    cols = torch.arange(w, device=dev).view(1, 1, w)
    inside = (
        (rows >= top.view(b, 1, 1)) & (rows < (top + eh).view(b, 1, 1))
        & (cols >= left.view(b, 1, 1)) & (cols < (left + ew).view(b, 1, 1))
        & hit.view(b, 1, 1)
    )  # (B, H, W)
    return x.masked_fill(inside.unsqueeze(1), 0.0)


def make_generator(device: torch.device | str, seed: int) -> torch.Generator:
    g = torch.Generator(device=device)
    g.manual_seed(seed)
    return g

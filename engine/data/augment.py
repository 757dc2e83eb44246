"""Batched, on-device augmentations: one call augments a whole batch.

Each operation has a switch, a strength and a probability, and draws its random parameters per image
as a few (B,)-shaped tensors from one generator, so a batch is augmented by a handful of tensor ops
instead of a Python loop over images, and the same seed gives the same views.

The geometric operations (random resized crop, flip, rotation) are folded into one affine matrix per
image and applied by a single ``grid_sample``; the photometric ones (brightness / contrast jitter,
Gaussian blur, Gaussian noise, random erasing) follow as elementwise and grouped-convolution ops.

The recipe (:class:`AugmentConfig`) declares each operation once, with its default, the range of its
strength and one-line help (:func:`op_field`); the GUI's augmentation panel is built from that
declaration (:func:`op_specs`) and a live change is checked against it (:meth:`AugmentConfig.updated`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any

import torch
import torch.nn.functional as F

from engine.errors import ParamError
from engine.params import ParamSpec, coerce
from engine.words import Words


@dataclass(frozen=True)
class Op:
    """One augmentation: whether it is on, how strong it is, and how often it is applied."""

    enabled: bool
    strength: float
    p: float = 1.0


PROBABILITY_HELP = "share of the images it is applied to"


def op_field(default: Op, *, help: str, strength: str, high: float) -> Any:
    """A field of :class:`AugmentConfig` with the metadata the GUI's augmentation panel and the engine's
    checks read: what the operation does (``help``), what its strength means (``strength``) and the
    largest strength that makes sense (``high``; the smallest is 0). Declared once, as
    :func:`engine.params.param` does for a hyper-parameter."""
    return field(default=default, metadata={"help": help, "strength_help": strength, "strength_high": high})


@dataclass(frozen=True)
class OpSpec:
    """Everything a form or a check needs to know about one operation: its default and, for each of its
    three settings, a :class:`ParamSpec` with the range and the one-line help."""

    name: str
    default: Op
    help: str
    enabled: ParamSpec
    strength: ParamSpec
    p: ParamSpec


def op_specs(cls: type[AugmentConfig] | None = None) -> list[OpSpec]:
    """The :class:`OpSpec` of every operation of ``cls`` (an AugmentConfig), in declaration order."""
    out = []
    for f in fields(cls or AugmentConfig):
        m, op = f.metadata, f.default
        out.append(OpSpec(
            f.name, op, m["help"],
            enabled=ParamSpec(f"{f.name} on", bool, op.enabled, m["help"]),
            strength=ParamSpec(f"{f.name} strength", float, op.strength, m["strength_help"],
                               low=0.0, high=m["strength_high"]),
            p=ParamSpec(f"{f.name} probability", float, op.p, PROBABILITY_HELP, low=0.0, high=1.0),
        ))
    return out


@dataclass(frozen=True)
class AugmentConfig:
    """The recipe of the augmented views: one :class:`Op` per operation, in the order :func:`augment`
    applies them (the panel lists them in this order too)."""

    crop: Op = op_field(Op(True, 0.6, 1.0), help="random resized crop, stretched back to the full size",
                        strength="share of the image area that may be cut away (0.6: keep 40-100%)", high=1.0)
    flip: Op = op_field(Op(True, 1.0, 0.5), help="mirror left-right (off for digits: a mirrored 2 is no digit)",
                        strength="unused (a flip is a flip)", high=1.0)
    rotate: Op = op_field(Op(False, 15.0, 0.5), help="rotate about the centre",
                          strength="largest rotation, in degrees either way", high=180.0)
    jitter: Op = op_field(Op(True, 0.4, 0.8), help="brightness and contrast jitter",
                          strength="largest brightness shift and contrast change (0.4: +-40%)", high=1.0)
    blur: Op = op_field(Op(True, 1.0, 0.5), help="Gaussian blur",
                        strength="largest Gaussian blur sigma, in pixels", high=5.0)
    noise: Op = op_field(Op(False, 0.05, 0.5), help="add Gaussian noise",
                         strength="standard deviation of added Gaussian noise", high=1.0)
    erase: Op = op_field(Op(False, 0.25, 0.5), help="random erasing: black out one rectangle",
                         strength="largest share of the image area erased by a rectangle", high=1.0)

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
        return replace(self, **{name: op})

    def as_ops(self) -> dict[str, Op]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def updated(self, ops: dict[str, tuple[bool, float, float]]) -> AugmentConfig:
        """A copy with ``ops`` (name -> (on, strength, probability)) changed, each value checked against
        its operation's range: a :class:`ParamError` (a ValueError) names the first one out of it."""
        specs = {s.name: s for s in op_specs(type(self))}
        cfg = self
        for name, (on, strength, p) in ops.items():
            s = specs.get(name)
            if s is None:
                raise ParamError(Words("no augmentation called {name}", name=repr(name)))
            cfg = cfg.with_op(name, Op(coerce(s.enabled, on), coerce(s.strength, strength), coerce(s.p, p)))
        return cfg


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

"""Sprites: a dSprites-like data set drawn by code, with the factors that generated every image.

Matthey et al., "dSprites: Disentanglement testing Sprites dataset" (2017),
https://github.com/deepmind/dsprites-dataset. Like dSprites, every combination of the factors appears
exactly once (a full factorial grid), which is what disentanglement scores need: a factor can be held
fixed while all the others vary. Unlike dSprites it is generated in about a second, so nothing is
downloaded.

Factors, in the order of ``Dataset.factor_names``:
    shape        0 square, 1 ellipse, 2 heart, 3 triangle (the label for the probes)
    scale        5 values in [0.5, 1]
    orientation  8 values in [0, 90) degrees: every shape here is distinct under those rotations,
                 so the factor is identifiable from the image (a square at 90 degrees is a square at 0)
    pos_x, pos_y 8 values each, from 0.28 to 0.72 of the image width, in whole-pixel steps

Positions are whole-pixel shifts, so each (shape, scale, orientation) is drawn once, anti-aliased by
supersampling, and then shifted: 160 drawings make the 10,240 images in a fraction of a second.
"""

from __future__ import annotations

import math

import numpy as np
import torch

from engine.data import Dataset, from_arrays, register
from engine.errors import DatasetError
from engine.words import Words

SHAPES = ("square", "ellipse", "heart", "triangle")
FACTOR_NAMES = ("shape", "scale", "orientation", "pos_x", "pos_y")
SCALES = tuple(np.linspace(0.5, 1.0, 5).round(4).tolist())
ORIENTATIONS = tuple((np.arange(8) * 90.0 / 8).tolist())  # degrees
# Centres at 16 -7, -5, ..., +7 pixels of a 32-pixel image (the same fractions at 64 pixels).
POSITION_OFFSETS = tuple(range(-7, 8, 2))
POSITIONS = tuple((0.5 + np.array(POSITION_OFFSETS) / 32).round(6).tolist())
# Radius of a shape at scale 1, as a fraction of the image width.
RADIUS = 0.23


def _inside(shape: str, p: torch.Tensor, q: torch.Tensor) -> torch.Tensor:
    """Whether canonical coordinates (p, q) fall inside a shape of radius about 1 (q points down)."""
    if shape == "square":
        return (p.abs() <= 0.78) & (q.abs() <= 0.78)
    if shape == "ellipse":
        return (p / 1.0) ** 2 + (q / 0.55) ** 2 <= 1.0
    if shape == "heart":
        # (x^2 + y^2 - 1)^3 - x^2 y^3 <= 0, spanning about [-1.14, 1.14] x [-1, 1.25]; y points up.
        x, y = p * 1.15, -q * 1.15 + 0.12
        return (x * x + y * y - 1.0) ** 3 - x * x * y**3 <= 0.0
    if shape == "triangle":
        # Equilateral, circumradius 1, apex up: inside all three edges (inradius 0.5).
        inside = torch.ones_like(p, dtype=torch.bool)
        for angle in (90.0, 210.0, 330.0):  # outward normals of the edges, opposite each vertex
            a = math.radians(angle + 180.0)
            inside &= p * math.cos(a) - q * math.sin(a) <= 0.5
        return inside
    raise ValueError(shape)


def render(shape: int, scale: torch.Tensor, orientation_deg: torch.Tensor, size: int,
           supersample: int) -> torch.Tensor:
    """Anti-aliased images (N, size, size) of one shape centred in the image, at N scales/orientations."""
    n = scale.shape[0]
    s = size * supersample
    grid = (torch.arange(s, dtype=torch.float32) + 0.5) / s - 0.5  # sample centres, origin mid-image
    r = (scale * RADIUS).view(n, 1, 1)
    dx = grid.view(1, 1, s) / r  # (N, 1, S) horizontal
    dy = grid.view(1, s, 1) / r  # (N, S, 1) vertical
    theta = torch.deg2rad(orientation_deg).view(n, 1, 1)
    c, si = torch.cos(theta), torch.sin(theta)
    p = c * dx + si * dy  # (N, S, S): rotating the sampling grid by -theta rotates the shape by +theta
    q = -si * dx + c * dy
    mask = _inside(SHAPES[shape], p, q).float()
    # Average each supersample x supersample block: the share of the pixel the shape covers.
    return torch.nn.functional.avg_pool2d(mask.unsqueeze(1), supersample).squeeze(1)


@register("sprites", offline=True)
def sprites(size: int = 32, seed: int = 0) -> Dataset:
    """Every combination of 4 shapes x 5 scales x 8 orientations x 8 x 8 positions (10,240 images).

    ``size`` is 32 or 64 pixels. ``seed`` fixes the train / held-out split (80 / 20, balanced by shape);
    the images themselves are the same for every seed.
    """
    if size not in (32, 64):
        raise DatasetError(Words("sprites size must be 32 or 64 pixels, not {size}", size=size))
    grids = np.meshgrid(
        np.arange(len(SHAPES)), SCALES, ORIENTATIONS, POSITIONS, POSITIONS, indexing="ij"
    )
    factors = np.stack([g.ravel() for g in grids], axis=1).astype(np.float32)  # (N, 5)
    # One centred drawing per (shape, scale, orientation): (4, 5, 8, size, size).
    sc, orient = torch.meshgrid(torch.tensor(SCALES), torch.tensor(ORIENTATIONS), indexing="ij")
    centred = torch.stack([
        render(k, sc.reshape(-1), orient.reshape(-1), size, supersample=4)
        for k in range(len(SHAPES))
    ]).view(len(SHAPES), len(SCALES), len(ORIENTATIONS), size, size)
    pad = size // 2
    padded = torch.nn.functional.pad(centred, (pad, pad, pad, pad))
    n_pos = len(POSITIONS)
    images = torch.empty(len(SHAPES), len(SCALES), len(ORIENTATIONS), n_pos, n_pos, size, size)
    unit = size // 32
    for ix, ox in enumerate(POSITION_OFFSETS):
        for iy, oy in enumerate(POSITION_OFFSETS):
            top, left = pad - oy * unit, pad - ox * unit  # shift the drawing by (ox, oy) * unit pixels
            images[:, :, :, ix, iy] = padded[..., top:top + size, left:left + size]
    images = images.view(-1, 1, size, size)  # (N, 1, size, size), in the order of `factors`
    return from_arrays(
        "sprites", images, factors[:, 0].astype(np.int64), SHAPES, seed=seed,
        factors=factors, factor_names=FACTOR_NAMES,
        factor_values=(tuple(range(len(SHAPES))), SCALES, ORIENTATIONS, POSITIONS, POSITIONS),
        description=Words("10,240 generated sprites, {size}x{size} grey, with 5 known factors", size=size),
    )

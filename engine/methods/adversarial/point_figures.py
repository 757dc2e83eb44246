"""The 2-D playground's figures for a generator of points (GAN, WGAN-GP), as GAN Lab draws its game.

Kahng, Thorat, Chau, Viégas & Wattenberg, "GAN Lab: Understanding Complex Deep Generative Models using
Interactive Visual Experimentation", IEEE VIS 2018: the real points, the generated ones, the
discriminator's output as a map behind them, and for each generated point the direction the generator's
gradient moves it. Modes covered and the high-quality share follow Metz et al. 2017 and VEEGAN
(engine/analysis/mode_coverage.py).

The map's extent is the real points' square bounding box with a margin, kept from one update to the next
and grown only when generated points leave it (at most EXTENT_GROWTH spans of the data beyond it: a wild
early update must not shrink the data to a dot for the rest of the run), so that a colour and a place
mean the same at every update.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from engine.analysis.mode_coverage import COVERED_FAIR_SHARE, coverage
from engine.figures import Figure, PointField, Value

FIGURE_POINTS = 512  # real and generated points drawn (the generated of the first fixed noise vectors)
GRID = 64  # the map's values on a GRID x GRID grid over the extent
MARGIN = 0.15  # of the data's span, on each side of its bounding box
EXTENT_GROWTH = 1.0  # spans of the data the extent may grow beyond it, each side
ARROW_FRACTION = 0.05  # an arrow's drawn length, as a share of the extent's side

# A generator of points, as this module uses it (engine/methods/adversarial/image_generator.py):
# generator_net, sample_noise(n, device), field(points) -> (P,) values, values_label, values_range,
# generator_loss(points) -> its loss on them, mode_centres (K, 2), mode_std, field_extent.
PointGeneratorMethod = Any


def _square(x0: float, x1: float, y0: float, y1: float, margin: float) -> tuple[float, float, float, float]:
    """The square about the box's centre that holds the box and ``margin`` times its longer side around it."""
    side = max(x1 - x0, y1 - y0, 1e-3) * (1 + 2 * margin)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - side / 2, cx + side / 2, cy - side / 2, cy + side / 2


def _box(points: np.ndarray) -> tuple[float, float, float, float] | None:
    """(x0, x1, y0, y1) of the finite points (N, 2), None when there are none."""
    p = points[np.isfinite(points).all(axis=1)]
    if not len(p):
        return None
    return float(p[:, 0].min()), float(p[:, 0].max()), float(p[:, 1].min()), float(p[:, 1].max())


def field_extent(real: np.ndarray, generated: np.ndarray, kept: tuple | None) -> tuple[tuple, tuple]:
    """(the extent to draw, the state to keep for the next update) for real and generated points (N, 2).

    The state is (the data's extent, the extent drawn): a new data extent starts afresh; generated points
    outside the kept extent grow it (squared, with a margin) up to EXTENT_GROWTH data spans beyond the
    data's extent, never shrinking it."""
    box = _box(real) or (-1.0, 1.0, -1.0, 1.0)
    data = _square(*box, MARGIN)
    extent = kept[1] if kept is not None and kept[0] == data else data
    fake = _box(generated)
    if fake is not None:
        x0, x1, y0, y1 = extent
        if fake[0] < x0 or fake[1] > x1 or fake[2] < y0 or fake[3] > y1:
            reach = EXTENT_GROWTH * (data[1] - data[0])
            lo_x, hi_x, lo_y, hi_y = data[0] - reach, data[1] + reach, data[2] - reach, data[3] + reach
            grown = _square(min(x0, fake[0]), max(x1, fake[1]), min(y0, fake[2]), max(y1, fake[3]), MARGIN / 2)
            clamped = (max(grown[0], lo_x), min(grown[1], hi_x), max(grown[2], lo_y), min(grown[3], hi_y))
            extent = _square(*clamped, 0.0)
    return extent, (data, extent)


def grid_points(extent: tuple[float, float, float, float], size: int, device: torch.device) -> torch.Tensor:
    """(size * size, 2) the map's points, row i at y = linspace(y0, y1)[i], column j at x = linspace(x0, x1)[j],
    as PointField.values is laid out."""
    x0, x1, y0, y1 = extent
    ys, xs = torch.meshgrid(torch.linspace(y0, y1, size, device=device), torch.linspace(x0, x1, size, device=device),
                            indexing="ij")  # (G, G) each
    return torch.stack([xs.reshape(-1), ys.reshape(-1)], dim=1)


def push_arrows(generator_loss, points: torch.Tensor, length: float) -> torch.Tensor:
    """(M, 2): for each generated point, -d(loss)/d(point), the way a step of gradient descent on the
    generator's loss moves it, scaled to ``length`` for drawing. A point's own gradient, since each
    point's score depends on it alone (the point networks have no batch norm); a zero gradient (a
    saturated discriminator) stays a zero arrow, and a NaN one too."""
    with torch.enable_grad():
        x = points.detach().float().requires_grad_(True)
        (grad,) = torch.autograd.grad(generator_loss(x), x)
    push = torch.nan_to_num(-grad, nan=0.0, posinf=0.0, neginf=0.0)  # (M, 2)
    norm = push.norm(dim=1, keepdim=True)  # (M, 1)
    return torch.where(norm > 0, push / norm.clamp_min(1e-30) * length, torch.zeros_like(push))


def point_figures(method: PointGeneratorMethod, real: torch.Tensor) -> list[Figure]:
    """GAN Lab's picture of the game on the data's points ``real`` (N, 2), and, for data with known modes,
    how many the generator's points cover and their high-quality share. Call in eval mode, with or
    without gradients (the arrows take their own)."""
    device = real.device
    real = real.reshape(-1, 2)[:FIGURE_POINTS]  # (N, 2)
    fake = method.generator_net(method.sample_noise(FIGURE_POINTS, device)).detach()  # (M, 2), fixed noise
    real_np, fake_np = real.float().cpu().numpy(), fake.float().cpu().numpy()
    extent, method.field_extent = field_extent(real_np, fake_np, method.field_extent)
    values = method.field(grid_points(extent, GRID, device)).detach().reshape(GRID, GRID)  # (G, G)
    arrows = push_arrows(method.generator_loss, fake, ARROW_FRACTION * (extent[1] - extent[0]))
    low, high = method.values_range
    centres = method.mode_centres.detach().float().cpu().numpy().reshape(-1, 2)  # (K, 2), (0, 2) when unknown
    figures: list[Figure] = [PointField(
        "real and generated points over the discriminator's map", real_np, fake_np, values.float().cpu().numpy(),
        extent, arrows.cpu().numpy(), centres, values_label=method.values_label, low=low, high=high,
        help="real points, the generator's points of fixed noise, and behind them the discriminator's (or "
             "critic's) value; each arrow shows which way the generator's gradient pushes its point")]
    if len(centres):
        modes, share = coverage(fake, method.mode_centres, method.mode_std, min_share=COVERED_FAIR_SHARE)
        figures += [
            Value("modes covered", f"{int(modes)} / {len(centres)}",
                  help="modes with at least a tenth of their fair share of the generated points within 3 "
                       "standard deviations of their centre (Metz et al. 2017; VEEGAN; PacGAN)"),
            Value("high-quality share", round(float(share), 3),
                  help="the share of generated points within 3 standard deviations of the nearest mode (VEEGAN)"),
        ]
    return figures

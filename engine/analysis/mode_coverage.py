"""How many modes of a 2-D data set a generator covers, and how many of its samples are good ones.

Metz, Poole, Pfau & Sohl-Dickstein, "Unrolled Generative Adversarial Networks", ICLR 2017 (the ring of 8
Gaussians, and counting the modes a generator reaches); Srivastava, Valkov, Russell, Gutmann & Sutton,
"VEEGAN: Reducing mode collapse in GANs using implicit variational learning", NeurIPS 2017: a sample is
of high quality when it lies within three standard deviations of its nearest mode, and a mode is
covered when high-quality samples fall in it; Lin, Khetan, Fanti & Oh, "PacGAN", NeurIPS 2018: on the
5x5 grid a mode is lost when fewer than 20 of 2,500 samples (a fifth of its expected 100) fall within
three standard deviations of it, so that a few stray samples do not count as coverage. The app counts a
mode as covered with a tenth of its fair share (COVERED_FAIR_SHARE): on the ring (std 0.02), after
2,000-3,000 CPU steps WGAN-GP's samples still spread about every mode, and at a fifth its count is 5-8
and changes from one step to the next, while a collapsed GAN's is 1 at either threshold.

One formula, in torch: :func:`coverage` gives both numbers as tensors without a host sync (the training
loop logs them each step on the device, engine/training/loss_log.py); :func:`modes_covered` and
:func:`high_quality_share` are its plain-number forms for arrays.
"""

from __future__ import annotations

import numpy as np
import torch

HIGH_QUALITY_STDS = 3.0  # VEEGAN's "within three standard deviations"
# The app's threshold for a covered mode: a tenth of its fair share of the samples (PacGAN's is a fifth).
COVERED_FAIR_SHARE = 0.1


def coverage(points: torch.Tensor, centres: torch.Tensor, std: float, min_points: int = 1,
             min_share: float = 0.0, k: float = HIGH_QUALITY_STDS) -> tuple[torch.Tensor, torch.Tensor]:
    """(modes covered, high-quality share) as 0-d float tensors on the points' device, for points (N, 2)
    and centres (K, 2) of isotropic modes of standard deviation ``std``.

    Each point counts for its nearest centre and is of high quality within ``k`` standard deviations of
    it; a mode is covered when at least max(``min_points``, ``min_share`` * N / K) high-quality points
    fall in it (``min_share``: a fraction of the mode's fair share). The share is NaN for no points. Where
    the centres are more than 2k standard deviations apart, as on the ring and the grid, nearest or not
    makes no difference."""
    points = points.detach()
    c = centres.to(points.device, points.dtype)
    n, modes = points.shape[0], c.shape[0]
    if n == 0 or modes == 0:
        return points.new_zeros(()), points.new_full((), float("nan"))
    distance, nearest = torch.cdist(points.reshape(n, -1), c).min(dim=1)  # (N,), (N,)
    good = distance <= k * std  # (N,)
    # One-hot sums, not bincount: bincount sizes its output from the data, a host sync on a GPU.
    hits = (torch.nn.functional.one_hot(nearest, modes) * good[:, None]).sum(0)  # (K,)
    need = max(float(min_points), min_share * n / modes)
    return (hits >= need).sum().to(points.dtype), good.to(points.dtype).mean()


def _as_tensors(points, centres) -> tuple[torch.Tensor, torch.Tensor]:
    c = torch.as_tensor(np.asarray(centres, np.float64))
    return torch.as_tensor(np.asarray(points, np.float64)).reshape(-1, c.shape[-1]), c


def high_quality_share(points, centres, std: float, k: float = HIGH_QUALITY_STDS) -> float:
    """The share of ``points`` (N, 2) within ``k`` standard deviations of their nearest centre (VEEGAN);
    NaN for no points."""
    return float(coverage(*_as_tensors(points, centres), std, k=k)[1])


def modes_covered(points, centres, std: float, min_points: int = 1, min_share: float = 0.0,
                  k: float = HIGH_QUALITY_STDS) -> int:
    """How many ``centres`` have at least max(``min_points``, ``min_share`` * N / K) of the N ``points``
    within ``k`` standard deviations, each point counting for its nearest centre (see :func:`coverage`;
    the app counts with ``min_share=COVERED_FAIR_SHARE``)."""
    return int(coverage(*_as_tensors(points, centres), std, min_points, min_share, k)[0])

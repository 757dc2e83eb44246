"""Deep SVDD: one-class deep anomaly detection.

Ruff, Vandermeulen, Görnitz, Deecke, Siddiqui, Binder, Müller & Kloft, "Deep One-Class Classification",
ICML 2018. A network φ is trained on normal images only to map them into a hypersphere about a fixed
centre c that is as small as it can make it: the one-class objective (section 3.2, eq. 4)

    min_W  1/n Σ_i ||φ(x_i; W) − c||²  +  λ/2 Σ_l ||W_l||²

where λ is the run's weight decay, applied by its optimiser (coupled with adam and sgd, as in the paper;
decoupled with adamw). An image's anomaly score is its squared distance to c, ||φ(x; W) − c||²: what the
network never learnt to pull in stays far out.

The objective has trivial minimisers, "hypersphere collapse", where φ maps every input to c and has
learnt nothing about the data; section 3.3 rules them out, and so does this file:
- c is fixed, not learnt, and not 0 (with c free, all weights 0 and c = 0 reach the loss 0: Proposition 1).
  It is the mean of the initial network's outputs on (a part of) the training data, computed once before
  the first step (``use_dataset``), as the paper does; a resumed run keeps its checkpoint's c. The
  authors' code (github.com/lukasruff/Deep-SVDD-PyTorch, ``init_center_c``) also moves every coordinate of
  c that lies within eps = 0.1 of 0 out to ±eps, keeping its sign, because a coordinate at 0 is matched
  by a unit whose weights are all 0; this file does the same (and sends a coordinate of exactly 0 to
  +eps, where the authors' code leaves it at 0).
- No bias terms anywhere (Proposition 2): with a bias in a layer, the weights before it can go to 0 and
  the bias alone can output c for every input. The authors' networks use batch norm without its affine
  shift; this one has no normalisation at all, so it is the same function in training and evaluation,
  and c is exactly the mean of what it first outputs.
- Unbounded activations, leaky ReLU as in the paper (Proposition 3): a bounded one can saturate into a
  constant, which the next layer's weights then turn into c.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import nn

from engine.figures import Figure, Histograms, ImageGrid, Value
from engine.methods.base import Batch, Method, figure_images
from engine.nn.networks import conv_stages
from engine.params import param

CENTRE_EPS = 0.1  # the authors' eps: coordinates of c nearer 0 than this are moved out to ±eps
LEAK = 0.01  # the negative slope of the leaky ReLU (torch's and the authors' default)
CHUNK = 512  # images per forward pass while computing c, so a large data set fits in memory
HISTOGRAM_BINS = 30
NOISE_SEED = 0  # the uniform-noise images of the Method view: the same ones at every update
LOG_FLOOR = 1e-12  # the least squared distance on the histogram's log axis
GRID_COLUMNS = 8


@dataclass(frozen=True)
class DeepSVDDParams:
    representation_dim: int = param(32, low=2, high=512, help="size of the network's output: the space the "
                                    "hypersphere lives in, drawn on the map (the paper uses 32 for MNIST)")
    width: int = param(16, low=4, high=128, help="channels of the first conv layer (doubling once after it)")
    centre_images: int = param(1000, low=1, high=100_000, help="training images whose mean initial output "
                               "fixes the centre c before the first step (all of them when there are fewer)")


class BiasFreeEncoder(nn.Module):
    """(B, C, S, S) -> (B, out_dim): stride-2 3x3 convolutions with leaky ReLU, then a linear map; no layer
    has a bias and there is no normalisation (see the module's notes on hypersphere collapse).

    The same plan of sizes as engine/nn/networks.py's ConvEncoder (conv_stages), whose layers have biases and
    so cannot serve."""

    def __init__(self, image_shape: tuple[int, int, int], out_dim: int, width: int):
        super().__init__()
        self.features, ch, final = conv_stages(
            image_shape, width, lambda c_in, c_out, stride: [nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1,
                                                                       bias=False), nn.LeakyReLU(LEAK)])
        self.head = nn.Linear(ch * final * final, out_dim, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.features(x)  # (B, ch, final, final)
        return self.head(h.flatten(1))  # (B, out_dim)


def centre_of(outputs: torch.Tensor, eps: float = CENTRE_EPS) -> torch.Tensor:
    """(N, D) initial outputs -> (D,) the centre c: their mean, each coordinate within ``eps`` of 0 moved
    out to -eps (when negative) or +eps (otherwise), as the authors' code does."""
    c = outputs.mean(0)
    away = torch.where(c < 0, torch.full_like(c, -eps), torch.full_like(c, eps))
    return torch.where(c.abs() < eps, away, c)


def spread_indices(n: int, k: int, device: torch.device | str) -> torch.Tensor:
    """``min(k, n)`` indices spread evenly over 0..n-1: a part of the data that is not one end of it."""
    k = max(1, min(k, n))
    return torch.linspace(0, n - 1, k, device=device).round().long()


class DeepSVDD(Method):
    name = "deep_svdd"
    label = "Deep SVDD"
    family = "anomaly detection"
    paper = "Ruff et al., ICML 2018"
    Params = DeepSVDDParams

    def __init__(self, params: DeepSVDDParams, image_shape: tuple[int, int, int]):
        super().__init__(params, image_shape)
        self.network = BiasFreeEncoder(image_shape, params.representation_dim, params.width)
        # Buffers, not parameters: no optimiser moves c, and a checkpoint carries it (and whether it is set).
        self.register_buffer("centre", torch.zeros(params.representation_dim))
        self.register_buffer("centre_set", torch.zeros((), dtype=torch.long))
        self._centre_known = False  # a host-side copy of centre_set, so a step does not sync the GPU

    # -- the centre ---------------------------------------------------------------------------------
    def has_centre(self) -> bool:
        """Whether c is set: computed in this run, or loaded from a checkpoint."""
        if not self._centre_known:
            self._centre_known = bool(self.centre_set)
        return self._centre_known

    @torch.no_grad()
    def set_centre(self, images: torch.Tensor) -> None:
        """Fix c as the mean of the network's outputs on ``images`` (N, C, H, W), with the eps rule."""
        was_training = self.training
        self.eval()
        outputs = torch.cat([self.network(chunk) for chunk in images.split(CHUNK)])  # (N, D)
        self.train(was_training)
        self.centre.copy_(centre_of(outputs))
        self.centre_set.fill_(1)
        self._centre_known = True

    def use_dataset(self, dataset: Any, name: str) -> None:
        """Before the first step of a fresh run: c from ``centre_images`` training images spread over the set.
        A resumed run keeps the c its checkpoint holds: a new c would move the target the weights learnt."""
        if self.has_centre():
            return
        images = dataset.train.images  # (N, C, H, W) on the training device
        self.set_centre(images[spread_indices(len(images), self.params.centre_images, images.device)])

    # -- training and scores ------------------------------------------------------------------------
    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) -> (B, D): φ(x), a point in the hypersphere's space."""
        return self.network(x)

    def head(self, x: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) -> (B, D) each output's offset from the centre, what the collapse gauges measure.
        Deep SVDD pulls every output towards c by design, so its outputs themselves all point about c's
        way and would read as "collapsed"; their offsets stay spread unless the network maps every
        image to one point (the "hypersphere collapse" of section 3.3), which the gauges then flag."""
        return self.network(x) - self.centre

    def anomaly_score(self, x: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) -> (B,): the squared distance ||φ(x) − c||², higher meaning less like the training data."""
        return (self.network(x) - self.centre).pow(2).sum(1)

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        x = batch.images
        if not self.has_centre():
            # No data set came first (a bare model in a script or a test): the first batch's initial outputs.
            self.set_centre(x)
        return {"loss": self.anomaly_score(x).mean()}  # the weight decay term is the optimiser's

    # -- the Method view ----------------------------------------------------------------------------
    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        """Held-out images' scores against uniform noise's, their mean, and the held-out images the model
        finds most typical and most unusual."""
        scores = self.anomaly_score(x)  # (B,)
        noise_generator = torch.Generator().manual_seed(NOISE_SEED)
        noise = torch.rand(x.shape, generator=noise_generator).to(x.device)  # (B, C, H, W), the same every time
        noise_scores = self.anomaly_score(noise)  # (B,)
        edges, counts = log_histograms([scores, noise_scores])
        figures: list[Figure] = [
            Histograms("squared distance to the centre c: held-out images and uniform noise", edges, counts,
                       series=("held-out images", "uniform noise"), axis="log10 of the squared distance to c",
                       help="each image's anomaly score: training pulls the normal images in towards c, so "
                            "images unlike them, such as noise, should land further out, to the right"),
            Value("mean squared distance to c of held-out images", float(f"{float(scores.mean()):.4g}"),
                  help="the one-class loss on images the model has not trained on: it falls as the "
                       "hypersphere around the normal images tightens"),
        ]
        n = min(GRID_COLUMNS, len(x) // 2)
        if n:
            order = scores.argsort()
            pick = torch.cat([order[:n], order[-n:].flip(0)])  # the n nearest, then the n furthest
            picked = scores[pick].tolist()
            figures.append(ImageGrid(
                "held-out images nearest to c (top row) and furthest from it (bottom row)", figure_images(x[pick]),
                columns=n, captions=tuple(f"{s:.3g}" for s in picked), flags=(False,) * n + (True,) * n,
                help="each caption is the image's anomaly score, its squared distance to c: the bottom row "
                     "holds the held-out images the model finds most unusual"))
        return figures


def log_histograms(series: list[torch.Tensor]) -> tuple[np.ndarray, np.ndarray]:
    """Counts of each (N,) series of squared distances over the same bins of log10(distance): (K + 1,)
    edges and (S, K) counts. Distances span decades once training pulls the normal images in."""
    logs = [np.log10(np.maximum(s.detach().double().cpu().numpy(), LOG_FLOOR)) for s in series]
    both = np.concatenate(logs)
    finite = both[np.isfinite(both)]  # a diverged model scores NaN: it is counted in the end bins
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    edges = np.linspace(lo, hi if hi > lo else lo + 1, HISTOGRAM_BINS + 1)
    counts = np.stack([np.histogram(np.clip(np.nan_to_num(v, nan=lo, posinf=hi, neginf=lo), lo, hi), edges)[0]
                       for v in logs])
    return edges, counts

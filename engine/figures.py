"""Typed figures: what a method shows in its own view (Method.diagnostics) and answers to a hands-on
request (Method.interact).

Each figure is a frozen dataclass of numpy arrays, text, numbers and tuples of those, never a tensor
or a callable: figures cross from the engine process to the GUI, and a later protocol sends them as a
JSON header plus raw array bytes. The GUI draws a figure by its type (gui/views/method/figure_registry.py),
never by the method that made it; an editable figure (MaskGrid, CodeGrid) sends its edit back as an
interact request built by :func:`edit_payload`, which the method's ``interact()`` answers with figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np


@dataclass(frozen=True, eq=False)  # eq=False: comparing numpy arrays field by field is ambiguous
class Figure:
    title: str
    help: str = field(default="", kw_only=True)  # one line shown as the figure's tooltip

    def __post_init__(self) -> None:
        for f in fields(self):  # tuples, not lists: a figure never changes after it is made
            value = getattr(self, f.name)
            if isinstance(value, list):
                object.__setattr__(self, f.name, tuple(value))


def _array(figure: Figure, name: str, dtype: Any) -> None:
    object.__setattr__(figure, name, np.ascontiguousarray(getattr(figure, name), dtype=dtype))


@dataclass(frozen=True, eq=False)
class Heatmap(Figure):
    """A matrix (a similarity, a covariance, MAE's error per patch): a diverging colour scale around
    0 when it holds negative values, a sequential one from 0 otherwise."""

    values: np.ndarray  # (R, C)

    def __post_init__(self) -> None:
        super().__post_init__()
        _array(self, "values", np.float32)


@dataclass(frozen=True, eq=False)
class Bars(Figure):
    """One bar per entry; with ``names``, horizontal bars named on the left. ``zero_is_dead``: an entry
    of exactly 0 is drawn red (a code no image uses)."""

    values: np.ndarray  # (K,)
    names: tuple[str, ...] = ()
    zero_is_dead: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        _array(self, "values", np.float32)


@dataclass(frozen=True, eq=False)
class Histograms(Figure):
    """Distributions over the same bins, drawn over one another (a discriminator's scores of real images
    and of generated ones): where they overlap, the two cannot be told apart."""

    edges: np.ndarray  # (K + 1,) the bins' edges, increasing
    counts: np.ndarray  # (S, K) a row of counts per series
    series: tuple[str, ...]  # (S,) each series' name, for the legend
    axis: str = ""  # what the bins measure, under the horizontal axis

    def __post_init__(self) -> None:
        super().__post_init__()
        _array(self, "edges", np.float64)
        _array(self, "counts", np.float32)


@dataclass(frozen=True, eq=False)
class Value(Figure):
    """A number or a short text (MoCo's queue fill, the codebook's perplexity)."""

    value: str | float | int


@dataclass(frozen=True, eq=False)
class Labels(Figure):
    """A text per image of the figure batch (the first ones are the Images view's probe images)."""

    texts: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class ImageGrid(Figure):
    """Images in rows of ``columns``; with ``captions``, each drawn above its image (red where
    ``flags`` is True: a wrong answer)."""

    images: np.ndarray  # (N, H, W, C) float32 in [0, 1]
    columns: int = 8
    captions: tuple[str, ...] = ()
    flags: tuple[bool, ...] = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        _array(self, "images", np.float32)


@dataclass(frozen=True, eq=False)
class MaskGrid(Figure):
    """An editable patch mask over each image: the user hides and shows patches, and the method
    answers with what it makes of the image under that mask."""

    images: np.ndarray  # (N, H, W, C) float32 in [0, 1]
    masks: np.ndarray  # (N, g, g) 1 where a patch is hidden

    def __post_init__(self) -> None:
        super().__post_init__()
        _array(self, "images", np.float32)
        _array(self, "masks", np.int8)


@dataclass(frozen=True, eq=False)
class CodeGrid(Figure):
    """An editable grid of discrete codes per image: the user edits an image's grid, and the method
    answers with the image it decodes. ``linked_bars`` names a Bars figure with one bar per code:
    clicking bar k shows the images whose grid uses code k."""

    images: np.ndarray  # (N, H, W, C) float32 in [0, 1]
    codes: np.ndarray  # (N, g, g) code indices in [0, n_codes)
    n_codes: int
    linked_bars: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        _array(self, "images", np.float32)
        _array(self, "codes", np.int64)


@dataclass(frozen=True, eq=False)
class TokenScores(Figure):
    """Text tokens with a score each (a masked-language model's confidence), drawn as the tokens
    coloured by their score on a scale from ``low`` to ``high``."""

    tokens: tuple[str, ...]
    scores: np.ndarray  # (T,)
    low: float = 0.0
    high: float = 1.0

    def __post_init__(self) -> None:
        super().__post_init__()
        _array(self, "scores", np.float32)


@dataclass(frozen=True, eq=False)
class PointField(Figure):
    """2-D points over a scalar field, as GAN Lab draws its game: the real points, the generated ones,
    the discriminator's (or critic's) value on a grid behind them, and for each generated point the
    direction the generator's gradient pushes it, as an arrow.

    ``values[i, j]`` is the value at x = linspace(x0, x1, G)[j], y = linspace(y0, y1, G)[i] for
    ``extent`` (x0, x1, y0, y1). ``arrows`` are displacements already scaled for drawing (a point moves
    from generated[k] towards generated[k] + arrows[k]); (0, 2) draws none. ``centres`` marks the modes
    of a data set whose modes are known (the ring's eight Gaussians), (0, 2) when there are none.
    ``low`` and ``high`` fix the colour scale of the values (0 and 1 for a probability), so that its colours
    mean the same at every update; equal, the scale follows the values (a critic's are unbounded)."""

    real: np.ndarray  # (N, 2)
    generated: np.ndarray  # (M, 2)
    values: np.ndarray  # (G, G)
    extent: tuple[float, float, float, float]  # (x0, x1, y0, y1)
    arrows: np.ndarray  # (M, 2) or (0, 2)
    centres: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.float32))  # (K, 2)
    values_label: str = ""  # what the colours measure, e.g. "D(x)"
    low: float = 0.0
    high: float = 1.0

    def __post_init__(self) -> None:
        super().__post_init__()
        for name in ("real", "generated", "values", "arrows", "centres"):
            _array(self, name, np.float32)
        object.__setattr__(self, "extent", tuple(float(v) for v in self.extent))


@dataclass(frozen=True, eq=False)
class Curves(Figure):
    """Measures against the training step, a line per series (a generator's Fréchet distance as it
    trains). ``references`` (S,) draws, for each series, a level worth comparing with as a dotted line in
    its colour (the distance between two halves of the real images), NaN or empty for none."""

    steps: np.ndarray  # (T,)
    values: np.ndarray  # (S, T); NaN where a series has no value at a step
    series: tuple[str, ...]  # (S,) each series' name, for the legend
    references: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # (S,) or (0,)
    reference_label: str = ""  # what the dotted lines are, for the legend
    axis: str = ""  # what the values measure, beside the vertical axis

    def __post_init__(self) -> None:
        super().__post_init__()
        _array(self, "steps", np.float64)
        _array(self, "values", np.float32)
        _array(self, "references", np.float32)
        if self.values.ndim == 1:
            object.__setattr__(self, "values", self.values[None])


FIGURE_TYPES: dict[str, type[Figure]] = {cls.__name__: cls for cls in
                                         (Heatmap, Bars, Histograms, Value, Labels, ImageGrid, MaskGrid, CodeGrid,
                                          TokenScores, PointField, Curves)}


def edit_payload(figure: Figure, **edit: Any) -> dict[str, Any]:
    """The interact request of an edit to ``figure``: which figure (its type and title) and the edit,
    e.g. ``edit_payload(mask_grid, image=3, mask=[[0, 1], [1, 1]])``."""
    return {"figure": type(figure).__name__, "title": figure.title, **edit}


def edited_figure(payload: dict[str, Any], expected: type[Figure]) -> str:
    """The title of the figure an interact ``payload`` edits, checking it is an ``expected`` one."""
    kind = payload.get("figure")
    if kind != expected.__name__:
        raise ValueError(f"no {kind or 'unnamed'} figure takes edits here; only a {expected.__name__}")
    return str(payload.get("title", ""))


def by_title(*figures: Figure) -> dict[str, Figure]:
    """Figures keyed by title, in order: the shape of an ``interact()`` answer."""
    return {f.title: f for f in figures}

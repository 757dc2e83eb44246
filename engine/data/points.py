"""2-D point sets: the ground of GAN Lab's game, where what a generator covers and misses can be seen.

Kahng, Thorat, Chau, Viégas & Wattenberg, "GAN Lab: Understanding Complex Deep Generative Models using
Interactive Visual Experimentation", IEEE VIS 2018 (2-D data, drawn or chosen, as a GAN's playground);
Metz, Poole, Pfau & Sohl-Dickstein, "Unrolled Generative Adversarial Networks", ICLR 2017 (a mixture
of 8 Gaussians on a circle of radius 2, standard deviation 0.02: the ring on which a GAN visibly
collapses onto a few modes); Srivastava et al., "VEEGAN", NeurIPS 2017, and Lin et al., "PacGAN",
NeurIPS 2018 (the 5x5 grid of Gaussians at (-4 + 2i, -4 + 2j), variance 0.0025, i.e. std 0.05).

Names:
    ring8      8 Gaussians on a circle of radius 2, std 0.02; label: the mode (offline)
    grid25     25 Gaussians on a 5x5 grid at -4..4 step 2, std 0.05; label: the mode (offline)
    two_moons  scikit-learn's make_moons with noise, scaled by 2 and centred; label: the moon (offline)
    points:PATH  a .csv of x, y (optional header, optional third column of whole-number labels) or a .npy
               of shape (N, 2): what the user draws is saved as such a CSV (:func:`save_points_csv`)

Points keep their coordinates (no normalisation): the views draw them in the data's own extent. For the
ring and the grid, ``Dataset.notes`` holds "centres" (K, 2) and "mode_std", so that the modes a
generator covers can be counted (engine/analysis/mode_coverage.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import torch

from engine.data import Dataset, Split, register, stratified_split
from engine.errors import DatasetError
from engine.words import Words

MIN_POINTS = 16  # fewer give a training set of a dozen points and a held-out set of three
HELDOUT_FRACTION = 0.2  # 4,000 train / 1,000 held out of the default 5,000
DEFAULT_SIZE = 5000
RING_MODES, RING_RADIUS, RING_STD = 8, 2.0, 0.02  # Metz et al. 2017
GRID_SIDE, GRID_STEP, GRID_STD = 5, 2.0, 0.05  # VEEGAN and PacGAN: means -4..4, variance 0.0025
MOONS_NOISE, MOONS_SCALE = 0.05, 2.0
_SEPARATORS = re.compile(r"[,;\s]+")  # a CSV of commas, or of semicolons, tabs or spaces


def from_points(name: str, points: np.ndarray, labels: np.ndarray, class_names: tuple[str, ...], seed: int,
                description: str, notes: dict | None = None) -> Dataset:
    """A points :class:`Dataset` from points (N, 2) and labels (N,), split stratified (20% held out)."""
    labels = np.asarray(labels, np.int64)
    train_idx, held_idx = stratified_split(labels, HELDOUT_FRACTION, seed)
    x = torch.as_tensor(np.asarray(points, np.float32))  # (N, 2)
    y = torch.as_tensor(labels)

    def part(idx: np.ndarray) -> Split:
        t = torch.as_tensor(idx, dtype=torch.int64)
        return Split(None, y[t].contiguous(), points=x[t].contiguous())

    return Dataset(name, part(train_idx), part(held_idx), class_names, description=description,
                   notes=dict(notes or {}), kind="points")


def _check_size(size: int) -> None:
    if not MIN_POINTS <= size <= 1_000_000:
        raise DatasetError(Words("size must be between {low} and {high} points, not {size}", low=MIN_POINTS,
                                 high=1_000_000, size=size))


def _mixture(centres: np.ndarray, std: float, size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(points (size, 2), labels (size,)): as many points of each isotropic Gaussian (up to one)."""
    if not 0 < std <= 10:
        raise DatasetError(Words("std must be above 0 and at most 10, not {std}", std=std))
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(size) % len(centres))
    return centres[labels] + std * rng.standard_normal((size, 2)), labels


def ring_centres(modes: int = RING_MODES, radius: float = RING_RADIUS) -> np.ndarray:
    """(modes, 2) points evenly on a circle, the first at angle 0."""
    angle = 2 * np.pi * np.arange(modes) / modes
    return radius * np.stack([np.cos(angle), np.sin(angle)], axis=1)


def grid_centres(side: int = GRID_SIDE, step: float = GRID_STEP) -> np.ndarray:
    """(side * side, 2) points of a square grid centred on the origin, row by row from the bottom left."""
    ticks = step * (np.arange(side) - (side - 1) / 2)
    xs, ys = np.meshgrid(ticks, ticks)
    return np.stack([xs.ravel(), ys.ravel()], axis=1)


@register("ring8", offline=True, kind="points")
def ring8(seed: int = 0, size: int = DEFAULT_SIZE, std: float = RING_STD) -> Dataset:
    """8 Gaussians on a circle of radius 2 (Metz et al. 2017); label: the mode, named by its angle."""
    _check_size(size)
    centres = ring_centres()
    points, labels = _mixture(centres, std, size, seed)
    names = tuple(f"{360 * k // RING_MODES}°" for k in range(RING_MODES))
    return from_points("ring8", points, labels, names, seed,
                       description="a ring of 8 Gaussians, 2-D points (Metz et al. 2017)",
                       notes={"centres": centres.tolist(), "mode_std": float(std)})


@register("grid25", offline=True, kind="points")
def grid25(seed: int = 0, size: int = DEFAULT_SIZE, std: float = GRID_STD) -> Dataset:
    """25 Gaussians on a 5x5 grid at -4..4 (VEEGAN, PacGAN); label: the mode, named by its centre."""
    _check_size(size)
    centres = grid_centres()
    points, labels = _mixture(centres, std, size, seed)
    names = tuple(f"({x:g}, {y:g})" for x, y in centres)
    return from_points("grid25", points, labels, names, seed,
                       description="a 5x5 grid of Gaussians, 2-D points (VEEGAN, PacGAN)",
                       notes={"centres": centres.tolist(), "mode_std": float(std)})


@register("two_moons", offline=True, kind="points")
def two_moons(seed: int = 0, size: int = DEFAULT_SIZE, noise: float = MOONS_NOISE) -> Dataset:
    """scikit-learn's two interleaving half circles with Gaussian noise, scaled by 2 about their middle
    (about -3..3 by -1.5..1.5); label: the moon. No centres: a moon is not a point mode."""
    from sklearn.datasets import make_moons

    _check_size(size)
    if not 0 <= noise <= 1:
        raise DatasetError(Words("noise must be between 0 and 1, not {noise}", noise=noise))
    points, labels = make_moons(size, noise=noise, random_state=seed)
    points = MOONS_SCALE * (points - np.array([0.5, 0.25]))  # (N, 2), the two moons' middle at the origin
    return from_points("two_moons", points, labels, ("1", "2"), seed,
                       description="two moons, 2-D points (scikit-learn's make_moons)")


# -- points:PATH -----------------------------------------------------------------------------------
def save_points_csv(path: str | Path, points, labels=None) -> Path:
    """Write points (N, 2) (and whole-number labels (N,)) as the CSV :func:`load_points_file` reads: a
    header "x,y[,label]", then a row per point."""
    p = np.asarray(points, np.float64).reshape(-1, 2)
    header = "x,y" if labels is None else "x,y,label"
    rows = [f"{x!r},{y!r}" for x, y in p.tolist()] if labels is None else \
        [f"{x!r},{y!r},{int(c)}" for (x, y), c in zip(p.tolist(), np.asarray(labels).reshape(-1).tolist())]
    path = Path(path).expanduser()
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _read_csv(path: Path) -> np.ndarray:
    """The rows of numbers of a CSV (N, 2 or 3): an optional header, blank and '#' lines skipped."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise DatasetError(Words("could not read the points file {path}: {why}", path=str(path),
                                 why=str(getattr(e, "strerror", None) or e))) from None
    rows, header = [], False
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        fields = [f for f in _SEPARATORS.split(text) if f]
        values = [_number(f) for f in fields]
        if None in values:
            if not rows and not header:  # the first line may name the columns
                header = True
                continue
            bad = fields[values.index(None)]
            raise DatasetError(Words("{path}, line {line}: '{text}' is not a number", path=str(path), line=number,
                                     text=bad))
        if len(values) not in (2, 3) or (rows and len(values) != len(rows[0])):
            raise DatasetError(Words("{path} must hold two columns of numbers, x and y (and optionally a third: "
                                     "a whole-number label); line {line} has {n}", path=str(path), line=number,
                                     n=len(values)))
        rows.append(values)
    return np.array(rows, np.float64).reshape(-1, len(rows[0]) if rows else 2)


def _read_npy(path: Path) -> np.ndarray:
    try:
        array = np.load(path, allow_pickle=False)  # never unpickle a file from elsewhere
    except (OSError, ValueError, EOFError) as e:
        raise DatasetError(Words("could not read the points file {path}: {why}", path=str(path), why=str(e))) from None
    if array.ndim != 2 or array.shape[1] not in (2, 3) or not np.issubdtype(array.dtype, np.number):
        raise DatasetError(Words("{path} holds an array of shape {shape} ({dtype}); a points file holds numbers "
                                 "of shape (N, 2), or (N, 3) with a label column", path=str(path),
                                 shape=str(tuple(array.shape)), dtype=str(array.dtype)))
    return array.astype(np.float64)


def load_points_file(path: str, seed: int = 0) -> Dataset:
    """2-D points from a .csv or .npy file (see the module docstring), with a clear message for each
    way a file can be wrong: missing, unreadable, not two columns, NaN or infinite values, too few points."""
    file = Path(path).expanduser()
    if not file.exists():
        raise DatasetError(Words("no points file at {path}", path=str(file)))
    if not file.is_file():
        raise DatasetError(Words("{path} is not a file; a points file is a .csv or .npy file", path=str(file)))
    table = _read_npy(file) if file.suffix.lower() == ".npy" else _read_csv(file)  # (N, 2 or 3)
    bad = int((~np.isfinite(table)).sum())
    if bad:
        raise DatasetError(Words("{path} holds {n} NaN or infinite values; every point needs a finite x and y",
                                 path=str(file), n=bad))
    if len(table) < MIN_POINTS:
        raise DatasetError(Words("{path} holds {n} points; draw at least {min} points", path=str(file),
                                 n=len(table), min=MIN_POINTS))
    if table.shape[1] == 3:
        column = table[:, 2]
        if not np.all(column == np.round(column)):
            raise DatasetError(Words("{path}: the third column holds labels, which must be whole numbers",
                                     path=str(file)))
        values, labels = np.unique(column.astype(np.int64), return_inverse=True)  # labels 0..K-1
        class_names = tuple(str(v) for v in values)
    else:
        labels, class_names = np.zeros(len(table), np.int64), ("all",)
    return from_points(f"points:{file}", table[:, :2], labels, class_names, seed,
                       description=Words("{file}: {n} drawn points", file=file.name, n=len(table)))

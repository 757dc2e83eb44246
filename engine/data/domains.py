"""Two unpaired image domains as one data set: the ground CycleGAN translates on.

Zhu et al. (ICCV 2017) learn a translation between two domains from images that are not in pairs. A
data set of two domains holds the images of both, shuffled together, and its labels say each image's
domain (0: A, 1: B, its two ``class_names``): the loop's plain image batches carry the domain, the
method splits each batch by it, and the maps are coloured by it. Where the class of an image is known
(a digit) it is the data set's one factor, so that a measure can ask whether a translation kept it
(engine/analysis/translation_quality.py). Both splits hold both domains and every class in proportion.

Names:
    mnist5k_inverted, mnist5k_thick, mnist5k_rotated
        mnist5k cut in two by a seeded draw within each digit: domain A is one half as it is, domain B
        the other half inverted (1 - x), thickened (a 3x3 dilation: a max-pool with stride 1) or turned a
        quarter turn anticlockwise. No image of B is the transform of an image of A: the pairs do not
        exist, as CycleGAN assumes.
    domains:PATH_A|PATH_B
        two folders of images, each read by engine/data/folder.py's loader.

Each pair is a data set of its own name rather than one data set with an option: the window's list of
data sets offers names (it has no place for options), a lesson file reads plainly with
``dataset = "mnist5k_thick"``, and checkpoints and a judge's cache are kept under the name.
"""

from __future__ import annotations

import warnings
from collections import Counter
from pathlib import Path
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F

from engine.data import Dataset, Split, register, stratified_split
from engine.errors import DatasetError
from engine.words import Words, message_of

HELDOUT_FRACTION = 0.2
MIN_IMAGES = 10  # per domain: a few for the held-out split, the rest to train on
MAX_NATIVE_SIDE = 64  # the largest side the image networks take (engine/nn/networks.py)
GREY_MODES = frozenset({"1", "L", "LA", "La", "I", "I;16", "I;16L", "I;16B", "I;16N", "F"})
NEUTRAL_MODES = frozenset({"P", "PA"})  # a palette may be grey or colour: it decides nothing


# -- the transforms of domain B ------------------------------------------------------------------------
def invert(x: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) in [0, 1] -> the same, dark for light: 1 - x."""
    return 1 - x


def thicken(x: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) -> the same with every stroke a pixel wider on each side: a grey dilation by a 3x3
    square, i.e. the largest value around each pixel (a max-pool with stride 1)."""
    return F.max_pool2d(x, 3, stride=1, padding=1)


def rotate(x: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) -> the same turned a quarter turn anticlockwise (exact: no pixel is resampled)."""
    return torch.rot90(x, 1, dims=(2, 3))


# -- one data set of two domains --------------------------------------------------------------------------
def two_domains(name: str, images_a: torch.Tensor, images_b: torch.Tensor, class_names: tuple[str, str], *,
                classes_a: np.ndarray | None = None, classes_b: np.ndarray | None = None,
                factor_name: str = "class", n_classes: int = 0, seed: int = 0, **extra) -> Dataset:
    """One data set of domain A's images (N_A, C, H, W) and domain B's (N_B, C, H, W), labels = domain.

    ``classes_a`` / ``classes_b`` (N_A,) / (N_B,) are the images' classes when known (of ``n_classes``):
    then the data set's one factor, ``factor_name``. The split is stratified by domain and class together."""
    if tuple(images_a.shape[1:]) != tuple(images_b.shape[1:]):
        raise DatasetError(different_shapes(tuple(images_a.shape[1:]), tuple(images_b.shape[1:])))
    images = torch.cat([images_a, images_b]).float()  # (N, C, H, W)
    domain = np.repeat(np.array([0, 1], np.int64), [len(images_a), len(images_b)])  # (N,)
    known = classes_a is not None and classes_b is not None
    classes = np.concatenate([classes_a, classes_b]).astype(np.int64) if known else np.zeros(len(domain), np.int64)
    train_idx, held_idx = stratified_split(domain * max(n_classes, 1) + classes, HELDOUT_FRACTION, seed)
    factors = torch.as_tensor(classes, dtype=torch.float32)[:, None] if known else None  # (N, 1)
    labels = torch.as_tensor(domain)

    def part(idx: np.ndarray) -> Split:
        t = torch.as_tensor(idx)
        return Split(images[t].contiguous(), labels[t].contiguous(), None if factors is None else factors[t].contiguous())

    factor = {"factor_names": (factor_name,), "factor_values": (tuple(float(v) for v in range(n_classes)),)} \
        if known else {}
    return Dataset(name, part(train_idx), part(held_idx), tuple(class_names), **factor, **extra)


def different_shapes(a: tuple[int, ...], b: tuple[int, ...]) -> Words:
    """Why two domains of these image shapes (C, H, W) cannot be one data set."""
    return Words("domain A's images are {a} and domain B's are {b}: the two domains must have one size and one "
                 "number of channels. Give the options size (for example size={size}) and channels ('grey' or "
                 "'rgb'), which make every image of both alike", a=_shape_text(a), b=_shape_text(b),
                 size=min(a[-1], b[-1], MAX_NATIVE_SIDE))


def _shape_text(shape: tuple[int, ...]) -> str:
    c, h, w = shape
    return f"{h}x{w}x{c}"


# -- mnist5k in two domains -------------------------------------------------------------------------------
DIGIT_PAIRS = ("mnist5k_inverted", "mnist5k_thick", "mnist5k_rotated")  # registered below; half of each is plain mnist5k


def digit_pair(name: str, transform: Callable[[torch.Tensor], torch.Tensor], b_name: str, description: str,
               seed: int) -> Dataset:
    """mnist5k in two halves, drawn within each digit (``seed``): A as it is, B transformed."""
    from engine.data.embedded import DIGIT_NAMES, mnist5k

    digits = mnist5k()
    x = torch.cat([digits.train.images, digits.heldout.images])  # (5000, 1, 28, 28)
    y = torch.cat([digits.train.labels, digits.heldout.labels]).numpy()  # (5000,)
    rng = np.random.default_rng(seed)
    in_b = np.zeros(len(y), bool)
    for d in range(len(DIGIT_NAMES)):
        idx = np.flatnonzero(y == d)
        rng.shuffle(idx)
        in_b[idx[len(idx) // 2:]] = True
    a, b = np.flatnonzero(~in_b), np.flatnonzero(in_b)
    return two_domains(name, x[a], transform(x[b]), (Words("A: digits"), b_name), classes_a=y[a], classes_b=y[b],
                       factor_name="digit", n_classes=len(DIGIT_NAMES), seed=seed, flip_ok=False,
                       description=description)


@register("mnist5k_inverted", offline=True, order=1)  # after the plain image sets
def mnist5k_inverted(seed: int = 0) -> Dataset:
    """Half of mnist5k as it is (A) and the other half inverted (B), 2,500 digits each, unpaired."""
    return digit_pair("mnist5k_inverted", invert, Words("B: inverted digits"),
                      Words("two domains, unpaired: mnist5k digits (A) and other digits inverted (B), 28x28"), seed)


@register("mnist5k_thick", offline=True, order=1)  # after the plain image sets
def mnist5k_thick(seed: int = 0) -> Dataset:
    """Half of mnist5k as it is (A) and the other half thickened (B), 2,500 digits each, unpaired."""
    return digit_pair("mnist5k_thick", thicken, Words("B: thick digits"),
                      Words("two domains, unpaired: mnist5k digits (A) and other digits thickened (B), 28x28"), seed)


@register("mnist5k_rotated", offline=True, order=1)  # after the plain image sets
def mnist5k_rotated(seed: int = 0) -> Dataset:
    """Half of mnist5k as it is (A) and the other half a quarter turn round (B), 2,500 digits each."""
    return digit_pair("mnist5k_rotated", rotate, Words("B: turned digits"),
                      Words("two domains, unpaired: mnist5k digits (A) and other digits turned a quarter turn (B), "
                            "28x28"), seed)


# -- two folders ------------------------------------------------------------------------------------------
class PairReport:
    """Both folders' reports (engine/data/folder.py FolderReport), summed up as one note of the run."""

    def __init__(self, a, b):
        self.a, self.b = a, b

    def summary(self) -> Words:
        return Words("domain A: {a}; domain B: {b}", a=self.a.summary(), b=self.b.summary())


def load_domains(paths: str, size: int | None = None, channels: str | None = None, limit: int | None = None,
                 seed: int = 0) -> Dataset:
    """``domains:PATH_A|PATH_B``: the images of two folders as domains A and B (each folder flat or in
    class sub-folders, as engine/data/folder.py reads one). ``size`` and ``channels`` go to that loader
    for both; left out, they are the images' own, which must then agree between the folders."""
    parts = paths.split("|")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise DatasetError(Words("two domains are named domains:PATH_A|PATH_B, two folders joined by |, not {spec}",
                                 spec=repr(paths)))
    roots = [Path(p.strip()).expanduser() for p in parts]
    found = []
    for side, root in zip("AB", roots):
        if not root.is_dir():
            raise DatasetError(Words("domain {side}'s folder {path} does not exist or is not a folder", side=side,
                                     path=str(root)))
        headers = _peek(root, limit)
        _enough(side, root, len(headers))
        found.append(headers)
    if size is None:
        size = _common_side(found)
    if channels is None:
        channels = _common_channels(found)
    sets = [_load_side(side, root, size, channels, limit, seed) for side, root in zip("AB", roots)]
    images = [torch.cat([s.train.images, s.heldout.images]) for s in sets]  # (N_A, ...), (N_B, ...)
    classes = [torch.cat([s.train.labels, s.heldout.labels]).numpy() for s in sets]
    same_classes = sets[0].class_names == sets[1].class_names and len(sets[0].class_names) > 1
    c, h, w = images[0].shape[1:]
    return two_domains(
        f"domains:{paths}", images[0], images[1],
        (Words("A: {folder}", folder=roots[0].name), Words("B: {folder}", folder=roots[1].name)),
        classes_a=classes[0] if same_classes else None, classes_b=classes[1] if same_classes else None,
        n_classes=len(sets[0].class_names) if same_classes else 0, seed=seed,
        description=Words("two domains, unpaired: {a} ({na} images) and {b} ({nb} images), {h}x{w} {kind}",
                          a=roots[0].name, b=roots[1].name, na=len(images[0]), nb=len(images[1]), h=h, w=w,
                          kind=Words("grey") if c == 1 else Words("colour")),
        notes={"folder_report": PairReport(sets[0].notes["folder_report"], sets[1].notes["folder_report"])})


def _enough(side: str, root: Path, n: int) -> None:
    if n == 0:
        raise DatasetError(Words("domain {side}'s folder {path} holds no images", side=side, path=str(root)))
    if n < MIN_IMAGES:
        raise DatasetError(Words("domain {side}'s folder {path} holds only {n} images; each domain needs at least "
                                 "{least}", side=side, path=str(root), n=n, least=MIN_IMAGES))


def _peek(root: Path, limit: int | None) -> list[tuple[int, int, bool | None]]:
    """(width, height, in colour: True, False or None for a palette) of each image under ``root``, as its
    header says (nothing is decoded); files that are not images are left to the loader to count."""
    from PIL import Image

    subdirs = [d for d in root.iterdir() if d.is_dir() and not d.name.startswith(".")]
    files = sorted(f for d in subdirs for f in d.rglob("*")) if subdirs else sorted(root.iterdir())
    out: list[tuple[int, int, bool | None]] = []
    for f in files:
        if f.name.startswith(".") or not f.is_file():
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a decompression-bomb warning: the loader reports it
                with Image.open(f) as img:
                    colour = None if img.mode in NEUTRAL_MODES else img.mode not in GREY_MODES
                    out.append((img.width, img.height, colour))
        except Exception:  # noqa: BLE001  PIL raises many kinds for a file that is not an image
            continue
        if limit is not None and len(out) >= limit:
            break
    return out


def _common_side(found: list[list[tuple[int, int, bool | None]]]) -> int:
    """The side both domains' images share (their most common size), at most MAX_NATIVE_SIDE; a
    DatasetError that names both sizes when they differ."""
    sizes = [Counter((w, h) for w, h, _ in headers).most_common(1)[0][0] for headers in found]
    if sizes[0] != sizes[1]:
        (wa, ha), (wb, hb) = sizes
        raise DatasetError(Words("domain A's images are {a} pixels but domain B's are {b}: the two domains must be "
                                 "of one size. Give the option size (for example size={size}) to resize every image "
                                 "of both to size x size", a=f"{wa}x{ha}", b=f"{wb}x{hb}",
                                 size=min(wa, ha, wb, hb, MAX_NATIVE_SIDE)))
    return min(*sizes[0], MAX_NATIVE_SIDE)


def _common_channels(found: list[list[tuple[int, int, bool | None]]]) -> str:
    """"rgb" when either domain has colour images, "grey" when neither; a DatasetError when one is all
    grey and the other in colour (a translation that adds colour is worth choosing on purpose)."""
    colour = [any(c for *_, c in headers) for headers in found]
    grey = [all(c is False for *_, c in headers) for headers in found]
    for side, other in ((0, 1), (1, 0)):
        if colour[side] and grey[other]:
            raise DatasetError(Words("domain {colour}'s images are in colour but domain {grey}'s are grey: give the "
                                     "option channels='rgb' (grey images become three equal channels) or "
                                     "channels='grey' (colour is dropped)", colour="AB"[side], grey="AB"[other]))
    return "rgb" if any(colour) else "grey"


def _load_side(side: str, root: Path, size: int, channels: str, limit: int | None, seed: int) -> Dataset:
    from engine.data.folder import load_folder

    try:
        loaded = load_folder(str(root), size=size, channels=channels, limit=limit, seed=seed)
    except DatasetError as e:
        raise DatasetError(Words("domain {side}: {problem}", side=side, problem=message_of(e))) from None
    _enough(side, root, len(loaded.train) + len(loaded.heldout))
    return loaded

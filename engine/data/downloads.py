"""torchvision's MNIST, FashionMNIST and CIFAR-10: downloaded once into the user's cache folder.

These need the network the first time. Offline, and with nothing cached, loading fails with a message
that says so and names the cache folder, instead of a urllib traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from engine.data import Dataset, from_arrays, register
from engine.errors import DatasetError
from engine.words import Words

FASHION_NAMES = ("T-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot")
CIFAR_NAMES = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")


def cache_dir() -> Path:
    """$ENCODER_LAB_CACHE, else $XDG_CACHE_HOME/encoder-lab, else ~/.cache/encoder-lab."""
    if os.environ.get("ENCODER_LAB_CACHE"):
        return Path(os.environ["ENCODER_LAB_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "encoder-lab"


def _fetch(cls_name: str, pretty: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    import torchvision.datasets as tvd

    root = cache_dir() / "torchvision"
    cls = getattr(tvd, cls_name)
    try:
        root.mkdir(parents=True, exist_ok=True)
        # Only download when the files are not there, so a cached set never touches the network.
        try:
            train, test = cls(root, train=True, download=False), cls(root, train=False, download=False)
        except RuntimeError:
            train, test = cls(root, train=True, download=True), cls(root, train=False, download=True)
    except Exception as e:  # urllib, socket, ssl and torchvision all raise different things offline
        detail = (str(e).strip().splitlines() or [type(e).__name__])[0].rstrip(":")
        raise DatasetError(Words(
            "{name} is not in the cache ({folder}) and could not be downloaded (is this machine offline?): "
            "{detail}. Connect to the internet once to download it, or use an embedded data set "
            "(mnist5k, digits, sprites), which need no network.", name=pretty, folder=str(root), detail=detail
        )) from None
    return np.asarray(train.data), np.asarray(train.targets), np.asarray(test.data), np.asarray(test.targets)


def _dataset(name: str, cls_name: str, pretty: str, class_names, limit: int | None, flip_ok: bool) -> Dataset:
    xtr, ytr, xte, yte = _fetch(cls_name, pretty)
    x = np.concatenate([xtr, xte])
    y = np.concatenate([ytr, yte]).astype(np.int64)
    x = x[:, None] if x.ndim == 3 else x.transpose(0, 3, 1, 2)  # (N, C, H, W)
    if limit is not None and limit < len(x):
        # A class-balanced subset keeps memory and the probes' cost in check on a CPU.
        keep = np.sort(np.random.default_rng(0).permutation(len(x))[:limit])
        x, y = x[keep], y[keep]
    images = x.astype(np.float32) / 255.0
    return from_arrays(name, images, y, class_names, heldout_fraction=1 / 7, flip_ok=flip_ok,
                       description=Words("{name}, {n:,} images {h}x{w}", name=pretty, n=len(y), h=x.shape[2],
                                         w=x.shape[3]))


@register("mnist", offline=False)
def mnist(limit: int | None = None) -> Dataset:
    """All 70,000 MNIST digits (or a random ``limit`` of them); 6/7 train, 1/7 held out."""
    return _dataset("mnist", "MNIST", "MNIST", tuple(map(str, range(10))), limit, flip_ok=False)


@register("fashion_mnist", offline=False)
def fashion_mnist(limit: int | None = None) -> Dataset:
    """All 70,000 Fashion-MNIST images (or a random ``limit``)."""
    return _dataset("fashion_mnist", "FashionMNIST", "Fashion-MNIST", FASHION_NAMES, limit, flip_ok=True)


@register("cifar10", offline=False)
def cifar10(limit: int | None = 20000) -> Dataset:
    """CIFAR-10, 32x32 colour; by default a random 20,000 of its 60,000 images to fit a CPU's memory."""
    return _dataset("cifar10", "CIFAR10", "CIFAR-10", CIFAR_NAMES, limit, flip_ok=True)

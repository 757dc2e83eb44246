"""Out-of-distribution image sets: what a model trained on one data set has never seen.

An anomaly score (engine/analysis/anomaly.py) is judged by how well it tells these images from the
held-out images of the data set the model trained on (``like``). Each set is made in ``like``'s image
shape, so the same model scores it, and in [0, 1]:

    NAME            another embedded image set (mnist5k, digits, sprites...), resized with
                    torch.nn.functional.interpolate and converted in channels to ``like``'s shape: far
                    from the data (sprites against digits), or near it (mnist5k's digits against digits)
    noise           uniform noise: the farthest of all, and a check that a score is not fooled
    inverted        1 - the held-out images of ``like``: the same strokes, light for dark
    exclude=K       the held-out images of class K (its index or name): near the data, for a model
                    trained without that class (a one-class problem turned around: the class left out)

Nothing downloads: the other sets are the offline (embedded) ones only, never ``like``'s own name.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from engine.data import Dataset, embedded_names, load_dataset
from engine.errors import DatasetError
from engine.words import Words

BUILT_IN = ("noise", "inverted")
EXCLUDE = "exclude="
LUMINANCE = (0.299, 0.587, 0.114)  # ITU-R BT.601 weights of red, green and blue in grey


def other_sets(like: Dataset) -> list[str]:
    """The embedded image sets that can stand out of distribution for ``like``: all but its own, and not
    the pairs of domains made of mnist5k (half of each is plain mnist5k digits, in distribution for a
    model of digits)."""
    from engine.data.domains import DIGIT_PAIRS

    return [n for n in embedded_names("images") if n != like.name and n not in DIGIT_PAIRS]


def ood_names(like: Dataset) -> list[str]:
    """Every name :func:`ood_images` takes for ``like``: the built-in sets, one exclude=K per class
    with held-out images, and the other embedded sets."""
    held = set(like.heldout.labels.unique().tolist()) if len(like.heldout) else set()
    excluded = [f"{EXCLUDE}{k}" for k in range(len(like.class_names)) if k in held]
    return [*BUILT_IN, *excluded, *other_sets(like)]


def ood_images(name: str, like: Dataset, n: int = 500, seed: int = 0) -> tuple[torch.Tensor, str]:
    """(images (m, C, H, W) float32 in [0, 1] in ``like``'s shape and on its device, what they are).

    ``m`` is ``n`` where the set has that many images and all of them otherwise (a class of digits'
    held-out split has about 36). The draw is seeded by ``seed``: the same images at every call.
    """
    _check_like(like)
    if n < 1:
        raise DatasetError(Words("an out-of-distribution set needs at least 1 image, not {n}", n=n))
    shape = like.image_shape  # (C, H, W)
    device = like.heldout.images.device
    g = torch.Generator().manual_seed(seed)
    if name == "noise":
        x = torch.rand((n, *shape), generator=g)
        label = Words("uniform noise, {shape}", shape=_shape_text(shape))
    elif name == "inverted":
        x = 1.0 - _draw(like.heldout.images, n, g)
        label = Words("{name}'s held-out images, inverted (1 - x)", name=like.name)
    elif name.startswith(EXCLUDE):
        k = _class_index(name[len(EXCLUDE):], like)
        x = _draw(like.heldout.images[like.heldout.labels == k], n, g)
        if x.shape[0] == 0:
            raise DatasetError(Words("{name} holds no held-out images of class {k} ({cls})", name=like.name,
                                     k=k, cls=like.class_names[k]))
        label = Words("{name}'s held-out images of class {cls}, left out of training", name=like.name,
                      cls=like.class_names[k])
    elif name in other_sets(like):
        other = load_dataset(name)
        pool = torch.cat([other.train.images, other.heldout.images])  # none of them was trained on
        source = tuple(pool.shape[1:])
        x = fit_shape(_draw(pool, n, g), shape)
        label = (Words("{name} images", name=name) if source == shape else
                 Words("{name} images, resized from {source} to {target}", name=name,
                       source=_shape_text(source), target=_shape_text(shape)))
    else:
        raise DatasetError(Words("unknown out-of-distribution set '{name}' for {like}. Choose one of: {names}",
                                 name=name, like=like.name, names=", ".join(_accepted(like))))
    return x.to(device=device, dtype=torch.float32).contiguous(), label


def fit_shape(x: torch.Tensor, shape: tuple[int, int, int]) -> torch.Tensor:
    """(N, C', H', W') in [0, 1] -> (N, C, H, W) in [0, 1]: channels converted, then resized."""
    c = shape[0]
    x = x.float()
    if x.shape[1] != c:
        if x.shape[1] == 3:
            grey = torch.tensordot(x, torch.tensor(LUMINANCE, device=x.device), dims=([1], [0]))[:, None]
        else:
            grey = x.mean(dim=1, keepdim=True)  # (N, 1, H', W')
        x = grey.expand(-1, c, -1, -1)  # grey in every channel
    if tuple(x.shape[2:]) != tuple(shape[1:]):
        # Antialiased: shrinking 32x32 sprites to 8x8 averages their pixels rather than skipping most.
        x = F.interpolate(x, size=tuple(shape[1:]), mode="bilinear", align_corners=False, antialias=True)
    return x.clamp(0.0, 1.0)


def _check_like(like: Dataset) -> None:
    if not like.has_images or like.kind != "images":
        raise DatasetError(Words("out-of-distribution sets are made for data sets of images; {name} holds {kind}",
                                 name=like.name, kind=like.kind))


def _draw(images: torch.Tensor, n: int, g: torch.Generator) -> torch.Tensor:
    """Up to ``n`` of ``images``, drawn without replacement by ``g`` (all of them, shuffled, if fewer)."""
    index = torch.randperm(images.shape[0], generator=g)[:n]
    return images[index.to(images.device)].cpu()


def _class_index(text: str, like: Dataset) -> int:
    """The class ``text`` names in ``like``: its name (e.g. "heart") or its index."""
    if text in like.class_names:
        return like.class_names.index(text)
    try:
        k = int(text)
    except ValueError:
        k = -1
    if not 0 <= k < len(like.class_names):
        raise DatasetError(Words("{name} has no class '{text}'; its classes are {classes} (by index or name)",
                                 name=like.name, text=text, classes=_classes_text(like)))
    return k


def _classes_text(like: Dataset) -> str:
    return ", ".join(f"{i} {c}" if c != str(i) else c for i, c in enumerate(like.class_names))


def _accepted(like: Dataset) -> list[str]:
    return [*BUILT_IN, f"{EXCLUDE}K (K: {_classes_text(like)})", *other_sets(like)]


def _shape_text(shape: tuple[int, ...]) -> str:
    return "x".join(str(s) for s in shape)

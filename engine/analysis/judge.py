"""The judge: a LeNet trained once per labelled data set, whose features and guesses score a generator.

A generator's images are scored in the features of a classifier that knows the real ones, as the FID
scores them in Inception's (Heusel et al., NeurIPS 2017); offline, and for 28x28 digits, a LeNet
(engine/nn/lenet.py) trained on the data set's own training split stands in for Inception, as the
MNIST experiments of the GAN literature do. Its held-out accuracy says how far its guesses can be
trusted. The measures themselves are in engine/analysis/generative_quality.py.

Training is seeded and draws only from its own generators, so the same data set gives the same judge;
its weights (safetensors, never pickle) and accuracy are cached in the app's cache folder,
``<cache>/judges/<data set>-<C>x<H>x<W>-v<JUDGE_VERSION>.safetensors``, and a cache that cannot be
used (corrupt, another shape, other data, another version) is trained again and replaced.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from engine.errors import DatasetError, ParamError
from engine.nn.lenet import FEATURE_DIM, LeNet
from engine.words import Words

# Bump when the network, its training or the file changes: older cache files are then not read.
JUDGE_VERSION = 1
TRAIN_STEPS = 2000  # of BATCH images; mnist5k: 32 epochs, 98.4% held out, about 25 s of one CPU core
BATCH = 64
LEARNING_RATE = 2e-3  # the peak of a one-cycle schedule
SEED = 0
CHUNK = 500  # images per forward pass when judging
# Random affine jitter of the training images: the judge should know a digit a little rotated or
# moved, as a generator's digits are; every label here survives such a change.
ROTATION_DEGREES, SCALE, SHIFT = 10.0, 0.1, 0.1  # shift as a share of the half-side


@dataclass(frozen=True, eq=False)
class JudgeClassifier:
    """A trained LeNet (in eval mode) with the data set it judges and its held-out accuracy."""

    network: LeNet
    dataset: str
    accuracy: float  # on the data set's held-out split, which it never trained on
    seconds: float  # how long its training took (when the cache was made)
    from_cache: bool
    note: str = ""  # why a cache was not used or not written, else ""

    @property
    def n_classes(self) -> int:
        return self.network.n_classes

    @property
    def image_shape(self) -> tuple[int, int, int]:
        return self.network.image_shape

    def _outputs(self, images, what: str) -> torch.Tensor:
        x = torch.as_tensor(images, dtype=torch.float32)
        if x.ndim != 4 or tuple(x.shape[1:]) != self.image_shape:
            raise ParamError(Words("the judge of {name} takes images of shape {expected}, not {found}",
                                   name=self.dataset, expected="x".join(map(str, self.image_shape)),
                                   found="x".join(map(str, x.shape[1:]))))
        device = next(self.network.parameters()).device
        parts = []
        with torch.no_grad():
            for chunk in x.split(CHUNK):
                chunk = chunk.to(device)
                parts.append((self.network.features(chunk) if what == "features" else self.network(chunk)).cpu())
        return torch.cat(parts) if parts else torch.zeros(0, FEATURE_DIM if what == "features" else self.n_classes)

    def features(self, images) -> np.ndarray:
        """(N, C, H, W) images in [0, 1] -> (N, 84) float64: the penultimate layer."""
        return self._outputs(images, "features").double().numpy()

    def probabilities(self, images) -> np.ndarray:
        """(N, C, H, W) -> (N, n_classes): the softmax of the logits."""
        return self._outputs(images, "logits").softmax(dim=1).double().numpy()

    def predict(self, images) -> np.ndarray:
        """(N, C, H, W) -> (N,) int64: the most likely class."""
        return self._outputs(images, "logits").argmax(dim=1).numpy().astype(np.int64)


def judge_classifier(dataset_name: str, device: str | torch.device = "cpu", *, dataset=None,
                     steps: int = TRAIN_STEPS) -> JudgeClassifier:
    """The judge of ``dataset_name``: read from the cache, else trained on its training split (about
    25 s of one CPU core for mnist5k) and cached. ``dataset`` is the loaded :class:`engine.data.Dataset`
    when the caller has it (else it is loaded by name). A data set without labels has no judge: that
    raises :class:`engine.errors.DatasetError`."""
    if dataset is None:
        from engine.data import load_dataset

        dataset = load_dataset(dataset_name)
    check_labelled(dataset_name, dataset)
    device = torch.device(device)
    judge, problem, path, expected = _stored(dataset_name, dataset, device, steps)
    if judge is not None:
        return judge
    network, seconds = train_judge(dataset, device, steps)
    accuracy = heldout_accuracy(network, dataset)
    note = problem
    try:
        _write(path, network, {**expected, "accuracy": repr(accuracy), "seconds": repr(seconds)})
    except OSError as e:
        note = Words("the judge classifier could not be saved to {path} ({e}); it will be trained again next "
                     "time", path=str(path), e=str(e))
    return JudgeClassifier(network, dataset_name, accuracy, seconds, False, note)


def stored_judge(dataset_name: str, dataset, device: str | torch.device = "cpu") -> JudgeClassifier | None:
    """The judge of ``dataset_name`` when one is stored (cached, or shipped in assets/judges/ for the
    embedded data sets), without training one; None when there is none or the data set has no labels.
    What the training loop uses: it must not stop 25 s to train a judge."""
    try:
        check_labelled(dataset_name, dataset)
    except DatasetError:
        return None
    return _stored(dataset_name, dataset, torch.device(device), TRAIN_STEPS)[0]


def _stored(dataset_name: str, dataset, device: torch.device, steps: int):
    """(the stored judge or None, why a stored one was not usable, its cache path, the metadata it must
    have). The cache comes first; then the copy shipped with the app, checked the same way."""
    shape = tuple(int(v) for v in dataset.image_shape)
    n_classes = len(dataset.class_names)
    path = judge_path(dataset_name, shape)
    expected = {"version": str(JUDGE_VERSION), "dataset": dataset_name, "steps": str(steps),
                "n_classes": str(n_classes), "fingerprint": fingerprint(dataset)}
    network, meta, problem = _read(path, shape, n_classes, expected)
    if network is None:
        from engine.assets import asset_path

        network, meta, _ = _read(Path(asset_path("judges", path.name)), shape, n_classes, expected)
    if network is None:
        return None, problem, path, expected
    judge = JudgeClassifier(network.to(device).eval(), dataset_name, float(meta["accuracy"]),
                            float(meta["seconds"]), True)
    return judge, "", path, expected


def check_labelled(name: str, dataset) -> None:
    """Raise a DatasetError unless ``dataset`` is images with labels of two or more classes."""
    if not dataset.has_images:
        raise DatasetError(Words("the data set '{name}' holds no images, so no classifier can judge images "
                                 "generated from it", name=name))
    if len(dataset.class_names) < 2 or len(torch.unique(dataset.train.labels)) < 2:
        raise DatasetError(Words("the data set '{name}' has no labels (one class at most), so no classifier "
                                 "can be trained to judge the images generated from it. Choose a labelled "
                                 "data set: mnist5k, digits or sprites, or a folder with a sub-folder per "
                                 "class", name=name))


def judge_path(dataset_name: str, shape: tuple[int, int, int]) -> Path:
    """Where the judge of ``dataset_name`` is cached: the app's cache folder (engine/data/downloads.py)."""
    from engine.data.downloads import cache_dir

    # A folder data set's name is a path: keep a readable part and tell apart names that share it.
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", dataset_name)[-40:].strip("._") or "data"
    digest = hashlib.sha256(dataset_name.encode()).hexdigest()[:8]
    return cache_dir() / "judges" / f"{slug}-{digest}-{'x'.join(map(str, shape))}-v{JUDGE_VERSION}.safetensors"


def fingerprint(dataset) -> str:
    """A digest of the images and labels of both splits: a cache made from other data is not used."""
    h = hashlib.sha256()
    for split in (dataset.train, dataset.heldout):
        h.update(split.images.detach().cpu().contiguous().numpy().tobytes())
        h.update(split.labels.detach().cpu().contiguous().numpy().tobytes())
    return h.hexdigest()[:32]


def jitter(x: torch.Tensor, g: torch.Generator) -> torch.Tensor:
    """(B, C, H, W) -> (B, C, H, W): each image rotated, scaled and moved a little at random."""
    b = x.shape[0]
    u = torch.rand(b, 4, generator=g) * 2 - 1  # (B, 4) uniform in [-1, 1]
    angle = u[:, 0] * ROTATION_DEGREES * torch.pi / 180
    scale = 1 + u[:, 1] * SCALE
    cos, sin = scale * torch.cos(angle), scale * torch.sin(angle)
    theta = torch.stack([torch.stack([cos, -sin, u[:, 2] * SHIFT], 1),
                         torch.stack([sin, cos, u[:, 3] * SHIFT], 1)], 1).to(x.device)  # (B, 2, 3)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)  # (B, H, W, 2)
    return F.grid_sample(x, grid, align_corners=False, padding_mode="zeros")


def train_judge(dataset, device: torch.device, steps: int = TRAIN_STEPS) -> tuple[LeNet, float]:
    """(the trained LeNet in eval mode, seconds): Adam with a one-cycle schedule on jittered batches.
    Gradients on whatever the caller's mode (a lesson's check measures under no_grad)."""
    with torch.inference_mode(False), torch.enable_grad():
        return _train_judge(dataset, device, steps)


def _train_judge(dataset, device: torch.device, steps: int) -> tuple[LeNet, float]:
    from engine.training.util import seeded

    with seeded(SEED, device):  # the initial weights; every later draw is from ``g``
        network = LeNet(dataset.image_shape, len(dataset.class_names)).to(device)
    g = torch.Generator().manual_seed(SEED)
    images, labels = dataset.train.images.to(device), dataset.train.labels.to(device)
    n = len(labels)
    optimiser = torch.optim.Adam(network.parameters(), lr=LEARNING_RATE)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, LEARNING_RATE, total_steps=max(steps, 1))
    start = time.perf_counter()
    network.train()
    order, at = torch.randperm(n, generator=g), 0
    for _ in range(steps):
        if at + BATCH > n:  # a new epoch: a new order (the ragged end of the old one is dropped)
            order, at = torch.randperm(n, generator=g), 0
        index = order[at:at + BATCH].to(device)
        at += BATCH
        loss = F.cross_entropy(network(jitter(images[index], g)), labels[index])
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        schedule.step()
    return network.eval(), time.perf_counter() - start


def heldout_accuracy(network: LeNet, dataset) -> float:
    device = next(network.parameters()).device
    with torch.no_grad():
        guesses = torch.cat([network(x.to(device)).argmax(1).cpu() for x in dataset.heldout.images.split(CHUNK)])
    return float((guesses == dataset.heldout.labels.cpu()).double().mean())


def _read(path: Path, shape, n_classes: int, expected: dict[str, str]):
    """(network, metadata, "") from a usable cache file; (None, None, why not) otherwise (no file: "")."""
    if not path.exists():
        return None, None, ""
    from safetensors import safe_open

    try:
        with safe_open(str(path), framework="pt") as f:
            meta = dict(f.metadata() or {})
            tensors = {k: f.get_tensor(k) for k in f.keys()}
        for key, value in expected.items():
            if meta.get(key) != value:
                raise ValueError(f"its {key} is {meta.get(key)!r}, not {value!r}")
        accuracy, seconds = float(meta["accuracy"]), float(meta["seconds"])
        if not (0.0 <= accuracy <= 1.0 and np.isfinite(seconds)):
            raise ValueError("its accuracy or time is out of range")
        if not all(torch.isfinite(t).all() for t in tensors.values()):
            raise ValueError("it holds NaN or infinite weights")
        network = LeNet(shape, n_classes)
        network.load_state_dict(tensors, strict=True)  # raises RuntimeError on other names or shapes
    except Exception as e:  # safetensors raises its own SafetensorError for a malformed file
        reason = (str(e).strip().splitlines() or [type(e).__name__])[0]
        return None, None, Words("the cached judge classifier {file} could not be used ({reason}); it was "
                                 "trained again", file=path.name, reason=reason)
    return network.eval(), meta, ""


def _write(path: Path, network: LeNet, meta: dict[str, str]) -> None:
    """Write the weights with ``meta`` beside ``path`` and rename it over ``path`` (atomic)."""
    from safetensors.torch import save

    data = save({k: v.detach().cpu().contiguous().clone() for k, v in network.state_dict().items()},
                metadata={k: str(v) for k, v in meta.items()})
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


"""Whether a translation keeps what it should: the share of images translated from domain A to domain B
whose class a classifier of domain B still recognises (CycleGAN's "class kept", issue 20 section 3).

Zhu et al. (ICCV 2017, section 5.1.1) score translations the same way with their "FCN score": "if the
generated photos are realistic, classifiers trained on real images will be able to classify the
synthesized photo correctly as well". Here the classifier is a judge of engine/analysis/judge.py (a
LeNet, trained once and cached) trained on domain B's own images with their true classes, the data
set's class factor (engine/data/domains.py): a translation A -> B keeps its class when that judge puts
it in the class of the image it came from. Without the cycle loss nothing ties a translation to its
source, and the share can fall towards chance (1 / classes) while the images still look like B.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import torch

from engine.analysis.generative_quality import class_kept
from engine.analysis.judge import JudgeClassifier, judge_classifier, stored_judge
from engine.errors import DatasetError
from engine.words import Words

DOMAIN_A, DOMAIN_B = 0, 1
SHARE_IMAGES = 500  # held-out images of domain A that class_kept_share translates (at most)
CHUNK = 250


def class_factor(dataset) -> int | None:
    """The index of the factor that holds each image's class ("digit" or "class"), or None."""
    for i, name in enumerate(dataset.factor_names):
        if name in ("digit", "class") and dataset.train.factors is not None:
            return i
    return None


def judge_name(name: str) -> str:
    """What the judge of domain B's classes of the data set ``name`` is cached under."""
    return f"{name}#B-classes"


def domain_b_classes(dataset, name: str):
    """Domain B's images of ``dataset`` (labels 1) with their classes as labels: the data set a judge of
    B learns. A DatasetError when the data set does not know its images' classes."""
    factor = class_factor(dataset)
    if factor is None:
        raise DatasetError(Words("{name} does not know the class of its images, so nothing can tell whether a "
                                 "translation keeps it; give both domains' folders the same class sub-folders",
                                 name=name))
    values = dataset.factor_values[factor]

    def classes_of(split):
        keep = split.labels == DOMAIN_B
        part = split.take(torch.nonzero(keep).flatten())
        return replace(part, labels=part.factors[:, factor].round().long(), factors=None)

    return replace(dataset, name=judge_name(name), train=classes_of(dataset.train), heldout=classes_of(dataset.heldout),
                   class_names=tuple(f"{v:g}" for v in values), factor_names=(), factor_values=())


def translation_judge(dataset, name: str, device: str | torch.device = "cpu",
                      train: bool = True) -> JudgeClassifier | None:
    """The judge of domain B's classes: read from the cache, else trained (about 25 s of a CPU core for
    the mnist5k pairs) and cached; ``train=False``: None rather than training (what a view uses: it must
    not stop the training for 25 s)."""
    b = domain_b_classes(dataset, name)
    if not train:
        return stored_judge(b.name, b, device)
    return judge_classifier(b.name, device, dataset=b)


def sources_of_a(dataset, n: int = SHARE_IMAGES) -> tuple[torch.Tensor, np.ndarray]:
    """(the first ``n`` held-out images of domain A (n, C, H, W), their classes (n,))."""
    factor = class_factor(dataset)
    held = dataset.heldout
    index = torch.nonzero(held.labels == DOMAIN_A).flatten()[:n]
    classes = held.factors[index, factor].round().long().cpu().numpy() if factor is not None else None
    return held.images[index], classes


def translated_to_b(method, images: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) images of domain A -> their translations to B by ``method`` (its ``a_to_b``), on the
    CPU; in eval mode and without gradients, in chunks."""
    device = next(method.parameters()).device
    was_training = method.training
    method.eval()
    try:
        with torch.no_grad():
            out = [method.a_to_b(c.to(device)).float().cpu() for c in images.split(CHUNK)]
    finally:
        method.train(was_training)
    return torch.cat(out) if out else images[:0].cpu()


def class_kept_share(method, dataset, n: int = SHARE_IMAGES, name: str | None = None,
                     judge: JudgeClassifier | None = None) -> float:
    """The share of the first ``n`` held-out images of domain A whose translation to B the judge of B's
    classes puts in their own class (trained once if it is not cached: a lesson's check or the bench may
    wait for it, a view may not). NaN when no held-out image of A is left."""
    name = name or dataset.name
    judge = judge or translation_judge(dataset, name)
    images, classes = sources_of_a(dataset, n)
    if len(images) == 0:
        return float("nan")
    return class_kept(translated_to_b(method, images), classes, judge)

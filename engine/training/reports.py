"""What the training loop shows, as pure builders: functions from the model, a batch of held-out
examples and the step to one view's snapshot. They hold no state and need no run, so a test calls
one with a model and a few images; engine/training/schedule.py decides when each is due.

Each builder works in eval mode without gradients, and copies what it sends to numpy.
"""

from __future__ import annotations

import numpy as np
import torch

from engine.analysis.embeddings import embed, head_outputs, reconstruction_errors
from engine.data import Split
from engine.data.augment import AugmentConfig, augment, make_generator
from engine.methods import Method
from engine.training.snapshots import EmbeddingUpdate, ImagesUpdate, LatentUpdate, MethodUpdate, ProbeSet
from engine.training.util import evaluating, to_images

FIXED_VIEWS_SEED = 4321  # the probe images' views change when the augmentations change, not at random


def _fixed_views(model: Method, x: torch.Tensor, aug: AugmentConfig) -> tuple[torch.Tensor, ...]:
    g = make_generator(x.device, FIXED_VIEWS_SEED)
    return tuple(augment(x, aug, g) for _ in range(model.views))


def images_update(run_id: int, step: int, model: Method, probe: Split, aug: AugmentConfig) -> ImagesUpdate:
    """The probe images, what the model makes of them, and their augmented views."""
    x = probe.images  # (B, C, H, W)
    with evaluating(model):
        rec = model.reconstruct(x)
        views = _fixed_views(model, x, aug)
        rows = {name: to_images(img) for name, img in model.probe_rows(x, views).items()}
    return ImagesUpdate(
        run_id, step, to_images(x), probe.labels.cpu().numpy(),
        corrupted=None if rec is None or rec.corrupted is None else to_images(rec.corrupted),
        reconstructions=None if rec is None else to_images(rec.output),
        corrupted_name=getattr(model, "corrupted_name", "corrupted"), extra_rows=rows)


def figures_update(run_id: int, step: int, model: Method, batch: Split, aug: AugmentConfig) -> MethodUpdate | None:
    """The method's diagnostics on the figure batch (the probe images first, then more held-out ones; for
    2-D points, up to 512 of the data's points (N, 2), and no images to send along)."""
    x = batch.images if batch.images is not None else batch.points
    with evaluating(model):
        figures = model.diagnostics(x, _fixed_views(model, x, aug))
    if not figures:
        return None
    images = None if batch.images is None else (to_images(x) * 255).round().astype(np.uint8)
    return MethodUpdate(run_id, step, figures, images)


def latents_update(run_id: int, step: int, model: Method, latent_probe: Split, probe: Split) -> LatentUpdate | None:
    """The codes of the held-out images (the sliders' ranges) and of the probe batch; None when the
    method cannot decode. The codes may hold NaN: the caller decides whether to send them."""
    if model.latent_dim is None:
        return None
    x = latent_probe.images
    with evaluating(model):
        codes = torch.cat([model.encode(c) for c in x.split(500)]).cpu().numpy()  # (P, D)
        probe_codes = model.encode(probe.images).cpu().numpy()  # (B, D)
        stats = model.latent_statistics(x) or {}
    with np.errstate(invalid="ignore"):
        lo, hi = np.percentile(codes, [1, 99], axis=0)
    return LatentUpdate(
        run_id, step, codes, latent_probe.labels.cpu().numpy(), lo.astype(np.float32), hi.astype(np.float32),
        codes.mean(0), codes.std(0), stats.get("kl_per_dim"), probe_codes)


def embeddings_update(run_id: int, step: int, model: Method, bank: Split, map_probe: Split, kind: str = "model",
                      with_probes: bool = True, with_errors: bool = False, unless_stopped=lambda: None
                      ) -> EmbeddingUpdate:
    """Embeddings of the memory bank (the probes fit on them; only ``with_probes``) and of the map's
    probe set, with reconstruction errors (only ``with_errors``) and the loss's head outputs."""
    probe = map_probe.images
    errors = reconstruction_errors(model, probe) if with_errors else None
    unless_stopped()
    train = embed(model, bank.images) if with_probes else None
    unless_stopped()
    points = embed(model, probe)
    return EmbeddingUpdate(
        run_id, step, kind, train, bank.labels.cpu().numpy() if with_probes else None, points,
        map_probe.labels.cpu().numpy(), errors, head_outputs(model, probe))


def probe_set(run_id: int, map_probe: Split, class_names, factor_names, dataset_name: str) -> ProbeSet:
    """The map's held-out images, labels and generating factors, sent once per run."""
    factors = None if map_probe.factors is None else map_probe.factors.cpu().numpy()
    images = (to_images(map_probe.images) * 255).round().astype(np.uint8)
    return ProbeSet(run_id, images, map_probe.labels.cpu().numpy(), class_names, factors, factor_names,
                    dataset_name)


def pixels_update(run_id: int, step: int, bank: Split, map_probe: Split) -> EmbeddingUpdate:
    """The raw pixels as an embedding: the baseline every encoder should beat."""
    return EmbeddingUpdate(run_id, step, "pixels", bank.images.flatten(1).cpu().numpy(), bank.labels.cpu().numpy(),
                           map_probe.images.flatten(1).cpu().numpy(), map_probe.labels.cpu().numpy())

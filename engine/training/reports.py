"""What the training loop shows: the snapshots of the probe images, the method's figures, the latent
codes and the embeddings, built between steps. A mixin of the trainer's run (engine/trainer.py), kept
apart from the loop itself.

Between the pieces of this work a stopped run ends at once (``_unless_stopped``), and codes or
embeddings with NaN or infinite values are not sent: a diverging model makes them before the loss check
catches it, and the analysis process's PCA cannot take them. A warning says why the map waits."""

from __future__ import annotations

import time
from typing import Iterator

import numpy as np
import torch

from engine.data.augment import augment, make_generator
from engine.analysis.embeddings import embed, head_outputs, random_encoder_like, reconstruction_errors
from engine.methods import Method
from engine.training.snapshots import (EmbeddingUpdate, ImagesUpdate, LatentUpdate, MethodUpdate, ProbeSet, RunEvent,
                              Snapshot)
from engine.training.util import all_finite, evaluating, to_images

NON_FINITE_EMBEDDINGS = "the embeddings have NaN values: the map waits for finite ones"
NON_FINITE_CODES = "the latent codes have NaN values: the latent views wait for finite ones"


class RunViews:
    def _views(self) -> Iterator[Snapshot]:
        yield self._images()
        self._unless_stopped()
        figures = self._figures()
        if figures is not None:
            yield figures
        self._unless_stopped()
        latents = self._latents()
        if latents is not None:
            yield latents
        if self.cad.embeddings_interval_s is not None and self.step > 0:
            self._unless_stopped()
            yield from self._embedding_snapshots()

    def _finite_or_warning(self, snapshot: Snapshot | None, arrays: tuple, message: str) -> Snapshot | None:
        """``snapshot`` when ``arrays`` are finite, else a warning in its place, said once until they are
        finite again (None the other times)."""
        if all_finite(*arrays):
            self.warned_non_finite.discard(message)
            return snapshot
        if message in self.warned_non_finite:
            return None
        self.warned_non_finite.add(message)
        return RunEvent(self.id, self.step, "warning", message)

    def _embedding_snapshots(self, model: Method | None = None, kind: str = "model") -> Iterator[Snapshot]:
        update = self._embeddings(model, kind)
        if update is not None:
            yield update

    def _embeddings(self, model: Method | None = None, kind: str = "model") -> EmbeddingUpdate | RunEvent | None:
        """Embeddings of the memory bank and the map's probe set, for the probes and the maps."""
        self.t_embeddings = time.monotonic()
        model = model or self.model
        probe = self.map_probe.images
        if kind == "model":
            self.embedding_updates += 1
        n = self.embedding_updates
        # The map is redrawn at every update; the probes and the error colouring cost more and change
        # more slowly, so they come along with every few updates only (the first one always).
        with_probes = kind != "model" or n % self.cad.probes_every == 0
        with_errors = kind == "model" and n % self.cad.errors_every == 0
        errors = reconstruction_errors(model, probe) if with_errors else None
        self._unless_stopped()
        bank = embed(model, self.bank.images) if with_probes else None
        self._unless_stopped()
        points = embed(model, probe)
        update = EmbeddingUpdate(
            self.id, self.step, kind, bank, self.bank.labels.cpu().numpy() if with_probes else None, points,
            self.map_probe.labels.cpu().numpy(), errors, head_outputs(model, probe))
        if kind == "model":  # the last four costs: one round of the probe/error rhythm
            self.embeddings_costs = [*self.embeddings_costs[-3:], time.monotonic() - self.t_embeddings]
        return self._finite_or_warning(update, (bank, points, errors, update.head), NON_FINITE_EMBEDDINGS)

    def embeddings_due(self, now: float) -> bool:
        """Whether the map's next embeddings are due: after the interval, stretched so that they take
        at most the cadence's share of the training's time (a mean over the probe/error rhythm)."""
        interval, share = self.cad.embeddings_interval_s, self.cad.embeddings_share
        if interval is None:
            return False
        if share and self.embeddings_costs:
            interval = max(interval, sum(self.embeddings_costs) / len(self.embeddings_costs) / share)
        return now - self.t_embeddings >= interval

    def _baselines(self) -> Iterator[Snapshot]:
        """The probe set, and the reference points: raw pixels and an untrained encoder of the same kind."""
        probe = self.map_probe
        factors = None if probe.factors is None else probe.factors.cpu().numpy()
        images = (to_images(probe.images) * 255).round().astype(np.uint8)
        yield ProbeSet(self.id, images, probe.labels.cpu().numpy(), self.dataset.class_names, factors,
                       self.dataset.factor_names, self.dataset_name)
        yield EmbeddingUpdate(self.id, self.step, "pixels", self.bank.images.flatten(1).cpu().numpy(),
                              self.bank.labels.cpu().numpy(), probe.images.flatten(1).cpu().numpy(),
                              probe.labels.cpu().numpy())
        self._unless_stopped()
        random_model = random_encoder_like(self.model, self.dataset.image_shape, self.rp.seed, self.device)
        yield from self._embedding_snapshots(random_model, kind="random")

    def _images(self) -> ImagesUpdate:
        self.t_images = time.monotonic()
        x = self.probe.images
        model = self.model
        with evaluating(model):
            rec = model.reconstruct(x)
            # A fixed generator: the two views change when the augmentations change, not at random.
            g = make_generator(self.device, 4321)
            views = tuple(augment(x, self.aug_cfg, g) for _ in range(model.views))
            rows = {name: to_images(img) for name, img in model.probe_rows(x, views).items()}
        return ImagesUpdate(
            self.id, self.step, to_images(x), self.probe.labels.cpu().numpy(),
            corrupted=None if rec is None or rec.corrupted is None else to_images(rec.corrupted),
            reconstructions=None if rec is None else to_images(rec.output),
            corrupted_name=getattr(model, "corrupted_name", "corrupted"), extra_rows=rows)

    def _figures(self) -> MethodUpdate | None:
        """The method's diagnostics on the probe batch and more held-out images (32 in all)."""
        x = self.figure_batch.images
        with evaluating(self.model):
            g = make_generator(self.device, 4321)
            views = tuple(augment(x, self.aug_cfg, g) for _ in range(self.model.views))
            figures = self.model.diagnostics(x, views)
        if not figures:
            return None
        images = (to_images(x) * 255).round().astype(np.uint8)
        return MethodUpdate(self.id, self.step, figures, images)

    def _latents(self) -> LatentUpdate | RunEvent | None:
        self.t_latents = time.monotonic()
        if self.model.latent_dim is None:
            return None
        x = self.latent_probe.images
        with evaluating(self.model):
            codes = torch.cat([self.model.encode(c) for c in x.split(500)]).cpu().numpy()
            probe_codes = self.model.encode(self.probe.images).cpu().numpy()
            stats = self.model.latent_statistics(x) or {}
        if not all_finite(codes, probe_codes):
            return self._finite_or_warning(None, (codes, probe_codes), NON_FINITE_CODES)
        self.warned_non_finite.discard(NON_FINITE_CODES)
        lo, hi = np.percentile(codes, [1, 99], axis=0)
        return LatentUpdate(
            self.id, self.step, codes, self.latent_probe.labels.cpu().numpy(), lo.astype(np.float32),
            hi.astype(np.float32), codes.mean(0), codes.std(0), stats.get("kl_per_dim"), probe_codes)

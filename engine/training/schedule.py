"""When the views get what: the report schedule (:class:`ReportSchedule`, timers only) and the
:class:`Reporter`, which calls the pure builders of engine/training/reports.py when they are due.

Between the pieces of this work a stopped run ends at once (``unless_stopped``), and codes or
embeddings with NaN or infinite values are not sent: a diverging model makes them before the loss check
catches it, and the analysis process's PCA cannot take them. A warning says why the map waits, once.
Data sets without images (token sequences) get no image views yet: only the loss curves. 2-D points get
the method's figures (GAN Lab's picture: a PointField), on the images' timer, and no other view: the
images, latents, embeddings and baselines all need images.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Callable, Iterator

import torch

from engine.analysis.embeddings import random_encoder_like
from engine.data import Dataset, Split
from engine.data.augment import AugmentConfig
from engine.methods import Method
from engine.training import reports
from engine.training.config import Cadence
from engine.training.quality_curve import QualityCurve
from engine.training.snapshots import MethodUpdate, RunEvent, Snapshot
from engine.training.util import all_finite
from engine.words import Words

NON_FINITE_EMBEDDINGS = Words("the embeddings have NaN values: the map waits for finite ones")
NON_FINITE_CODES = Words("the latent codes have NaN values: the latent views wait for finite ones")


class ReportSchedule:
    """The clocks of the timed views and the cost of the embeddings, which stretches their interval."""

    def __init__(self, cadence: Cadence):
        self.cad = cadence
        self.t_images = self.t_latents = self.t_embeddings = time.monotonic()
        self.embedding_updates = -1  # of the model's embeddings sent so far, minus one
        self.embeddings_costs: list[float] = []  # seconds the last few of them took

    def images_due(self, now: float) -> bool:
        return self.cad.images_interval_s is not None and now - self.t_images >= self.cad.images_interval_s

    def latents_due(self, now: float) -> bool:
        return self.cad.latents_interval_s is not None and now - self.t_latents >= self.cad.latents_interval_s

    def embeddings_due(self, now: float) -> bool:
        """Whether the map's next embeddings are due: after the interval, stretched so that they take
        at most the cadence's share of the training's time (a mean over the probe/error rhythm)."""
        interval, share = self.cad.embeddings_interval_s, self.cad.embeddings_share
        if interval is None:
            return False
        if share and self.embeddings_costs:
            interval = max(interval, sum(self.embeddings_costs) / len(self.embeddings_costs) / share)
        return now - self.t_embeddings >= interval

    def next_embeddings(self) -> tuple[bool, bool]:
        """(with probes, with errors) of the model's next embeddings. The map is redrawn at every
        update; the probes and the error colouring cost more and change more slowly, so they come
        along with every few updates only (the first one always)."""
        self.embedding_updates += 1
        n = self.embedding_updates
        return n % self.cad.probes_every == 0, n % self.cad.errors_every == 0

    def embeddings_took(self, seconds: float) -> None:
        self.embeddings_costs = [*self.embeddings_costs[-3:], seconds]  # one round of the probe/error rhythm


@dataclass(frozen=True)
class ViewData:
    """The held-out examples the views are computed on, fixed for the run (engine/training/setup.py)."""

    probe: Split  # the probe batch shown as rows of images, each class in turn
    figure_batch: Split  # the probe batch first, then more held-out images (32 in all)
    latent_probe: Split  # the held-out images whose codes give the sliders their range
    bank: Split  # the training images the probes fit on
    map_probe: Split  # the held-out images on the map


class Reporter:
    def __init__(self, run_id: int, cadence: Cadence, data: ViewData, dataset: Dataset, dataset_name: str,
                 seed: int, device: torch.device, unless_stopped: Callable[[], None]):
        self.id, self.cad, self.data, self.dataset = run_id, cadence, data, dataset
        self.dataset_name, self.seed, self.device = dataset_name, seed, device
        self.unless_stopped = unless_stopped
        self.schedule = ReportSchedule(cadence)
        self.warned: set[str] = set()  # warnings about NaN codes or embeddings said already
        self.shows_images = dataset.has_images
        self.shows_figures = dataset.has_images or dataset.kind == "points"  # points: figures alone
        self.quality = QualityCurve(dataset, dataset_name)  # a generator's sample quality, over the run

    def all(self, model: Method, step: int, aug: AugmentConfig) -> Iterator[Snapshot]:
        """Every view now: at the start, on a single step, a pause or a refresh."""
        if not self.shows_images:
            if self.shows_figures:
                self.schedule.t_images = time.monotonic()
                yield from self._some(self.figures(model, step, aug, now=True))
            return
        yield self.images(model, step, aug)
        self.unless_stopped()
        yield from self._some(self.figures(model, step, aug, now=True))
        self.unless_stopped()
        yield from self._some(self.latents(model, step))
        if self.cad.embeddings_interval_s is not None and step > 0:
            self.unless_stopped()
            # With the probes' training set and the errors: where a run stops (a lesson's budget), its probe
            # scores are of that step, not of an update or two before (two runs of lesson 17 at one step
            # showed different scores, each from its own earlier step).
            yield from self._some(self.embeddings(model, step, complete=True))

    def first(self, model: Method, step: int, aug: AugmentConfig) -> Iterator[Snapshot]:
        """The views at the start: every view, then the map's baselines and the model's first embeddings."""
        yield from self.all(model, step, aug)
        if self.shows_images and self.cad.embeddings_interval_s is not None:
            yield from self.baselines(model, step)
            yield from self._some(self.embeddings(model, step))

    def timed(self, model: Method, step: int, aug: AugmentConfig) -> Iterator[Snapshot]:
        """The views whose time has come, between training steps."""
        now, s = time.monotonic(), self.schedule
        if not self.shows_images:
            if self.shows_figures and s.images_due(now):
                s.t_images = now
                yield from self._some(self.figures(model, step, aug))
            return
        if s.images_due(now):
            yield self.images(model, step, aug)
            yield from self._some(self.figures(model, step, aug))
        if s.latents_due(now):
            yield from self._some(self.latents(model, step))
        if s.embeddings_due(now):
            yield from self._some(self.embeddings(model, step))

    def images(self, model: Method, step: int, aug: AugmentConfig) -> Snapshot:
        self.schedule.t_images = time.monotonic()
        return reports.images_update(self.id, step, model, self.data.probe, aug)

    def figures(self, model: Method, step: int, aug: AugmentConfig, now: bool = False) -> Snapshot | None:
        """The method's figures, and after them a generator's quality curves (measured again when due, or
        ``now``: at a pause or a single step, every view is of that step)."""
        update = reports.figures_update(self.id, step, model, self.data.figure_batch, aug)
        curves = self.quality.figures(model, step, self.device, now)
        if not curves:
            return update
        if update is None:
            return MethodUpdate(self.id, step, curves, None)
        return replace(update, figures=[*update.figures, *curves])

    def latents(self, model: Method, step: int) -> Snapshot | None:
        self.schedule.t_latents = time.monotonic()
        update = reports.latents_update(self.id, step, model, self.data.latent_probe, self.data.probe)
        if update is None:
            return None
        return self._finite_or_warning(update, step, (update.codes, update.probe_codes), NON_FINITE_CODES)

    def embeddings(self, model: Method, step: int, kind: str = "model", complete: bool = False) -> Snapshot | None:
        """Embeddings of the memory bank and the map's probe set, for the probes and the maps (``complete``:
        with the probes' training set and the errors, whatever their rhythm says)."""
        s = self.schedule
        s.t_embeddings = time.monotonic()
        with_probes, with_errors = s.next_embeddings() if kind == "model" else (True, False)
        if complete:
            with_probes = with_errors = True
        update = reports.embeddings_update(self.id, step, model, self.data.bank, self.data.map_probe, kind,
                                           with_probes, with_errors, self.unless_stopped)
        if kind == "model":
            s.embeddings_took(time.monotonic() - s.t_embeddings)
        return self._finite_or_warning(update, step, (update.train, update.probe, update.recon_error, update.head),
                                       NON_FINITE_EMBEDDINGS)

    def baselines(self, model: Method, step: int) -> Iterator[Snapshot]:
        """The probe set, and the reference points: raw pixels and an untrained encoder of the same kind."""
        if not self.shows_images:
            return
        ds, data = self.dataset, self.data
        yield reports.probe_set(self.id, data.map_probe, ds.class_names, ds.factor_names, self.dataset_name)
        yield reports.pixels_update(self.id, step, data.bank, data.map_probe)
        self.unless_stopped()
        random_model = random_encoder_like(model, ds.image_shape, self.seed, self.device)
        yield from self._some(self.embeddings(random_model, step, kind="random"))

    def _finite_or_warning(self, snapshot: Snapshot, step: int, arrays: tuple, message: str) -> Snapshot | None:
        """``snapshot`` when ``arrays`` are finite, else a warning in its place, said once until they are
        finite again (None the other times)."""
        if all_finite(*arrays):
            self.warned.discard(message)
            return snapshot
        if message in self.warned:
            return None
        self.warned.add(message)
        return RunEvent(self.id, step, "warning", message)

    @staticmethod
    def _some(snapshot: Snapshot | None) -> Iterator[Snapshot]:
        if snapshot is not None:
            yield snapshot

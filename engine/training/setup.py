"""Run setup: everything a run needs before its first step, from its config or a checkpoint.

:func:`prepare` reads the checkpoint (when resuming), settles the run's settings, loads the data set onto
the device, builds the model under the seeded global generator (so a seed gives the same initial
weights whichever thread trains beside), and picks the held-out examples the views are computed on.
The optimisers are made later (:func:`make_optimizers`): torch's optimisers import torch._dynamo on
first use, 1.5 s on a 2-core CPU, and the user should see the model's first images without waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch

from engine import params as hp
from engine.analysis.embeddings import probe_sets
from engine.data import Dataset, Split, load_dataset
from engine.data.augment import AugmentConfig, make_generator
from engine.errors import DatasetError, ParamError
from engine.methods import Method, create_method, get_method
from engine.training.checkpoint import Checkpoint, read_checkpoint, restore_method
from engine.training.checkpoint_checks import check_image_shape, check_optimizer_state
from engine.training.config import RunConfig, RunParams
from engine.training.device import describe, resolve_device
from engine.training.optimizers import Optimizers
from engine.training.schedule import ViewData
from engine.training.snapshots import RunStarted
from engine.training.util import seeded
from engine.words import Words, message_of

FIGURE_POINTS = 512  # a 2-D set's points that its method's figures draw (engine/methods/adversarial/point_figures.py)


def probe_indices(labels: np.ndarray, n: int) -> np.ndarray:
    """``n`` held-out indices that cycle through the classes, so the probe batch shows each one."""
    classes = np.unique(labels)
    per_class = [list(np.flatnonzero(labels == c)) for c in classes]
    out: list[int] = []
    while len(out) < min(n, len(labels)):
        for lst in per_class:
            if lst and len(out) < n:
                out.append(lst.pop(0))
    return np.array(out, dtype=np.int64)


class Sampler:
    """Batches as index tensors: a fresh permutation each epoch, partial last batches dropped. The same
    for every kind of data set: a batch is an index into the split, wherever it lies."""

    def __init__(self, n: int, batch_size: int, device: torch.device, seed: int):
        self.n, self.batch_size, self.device = n, batch_size, device
        self.gen = torch.Generator().manual_seed(seed)
        self.perm = torch.randperm(n, generator=self.gen).to(device)
        self.pos = 0

    def next(self) -> torch.Tensor:
        if self.pos + self.batch_size > self.n:
            self.perm = torch.randperm(self.n, generator=self.gen).to(self.device)
            self.pos = 0
        idx = self.perm[self.pos:self.pos + self.batch_size]
        self.pos += self.batch_size
        return idx


@dataclass
class Prepared:
    """A run ready to train: its settings, data, model and where it starts."""

    rp: RunParams
    device: torch.device
    dataset: Dataset  # on the device
    dataset_name: str
    dataset_options: dict
    model: Method
    checkpoint: Checkpoint | None
    step: int  # where the run starts: 0, or the checkpoint's step
    target: int | None  # the step at which it finishes; None: until stopped
    batch_size: int
    sampler: Sampler
    augment: AugmentConfig
    augment_generator: torch.Generator
    view_data: ViewData
    started: RunStarted


def prepare(config: RunConfig, run_id: int, unless_stopped: Callable[[], None]) -> Prepared:
    """Everything before the first step; a stopped run ends between the slow stages (``unless_stopped``)."""
    ckpt = read_checkpoint(config.resume, expect_method=config.method) if config.resume else None
    base_run = ckpt.meta.get("run", {}) if ckpt else {}
    try:
        rp = hp.build(RunParams, {**base_run, **config.run_params})
    except ParamError as e:
        raise ParamError(Words("run setting {e}", e=message_of(e))) from None
    dataset_name = config.dataset or (ckpt.meta.get("dataset") if ckpt else None) or "mnist5k"
    options = config.dataset_options
    if ckpt and not config.dataset and not options:
        options = ckpt.meta.get("dataset_options", {})
    unless_stopped()
    ds = load_dataset(dataset_name, **options)
    unless_stopped()
    device = resolve_device(rp.device)
    method = get_method(ckpt.method if ckpt else config.method or "autoencoder")
    if ds.kind not in method.data_kinds:
        raise DatasetError(Words("{method} trains on {kinds}, but {dataset} holds {kind}", method=method.label,
                                 kinds=" or ".join(method.data_kinds), dataset=dataset_name,
                                 kind=ds.kind.replace("_", " and ")))
    with seeded(rp.seed, device):  # the initial weights, whichever thread trains beside
        model = _build_model(config, ckpt, ds, rp)
    unless_stopped()
    model = model.to(device)
    # The method's own draws (noise, masks, rotations) come from the run's generator, not the global one.
    model.generator = make_generator(device, rp.seed + 2)
    notes = []
    dataset = ds.to(device)
    model.use_dataset(dataset, dataset_name)  # a 2-D set's modes, CycleGAN's two domains (it may refuse)
    batch = rp.batch_size
    if batch > len(ds.train):
        notes.append(Words("batch size {batch} is more than the {n} training images; using {n}", batch=batch,
                           n=len(ds.train)))
        batch = len(ds.train)
    aug = config.augment or AugmentConfig.for_dataset(ds.flip_ok, ds.image_shape[1])
    view_data = _view_data(dataset, config)
    unless_stopped()
    step = ckpt.step if ckpt else 0
    report = ds.notes.get("folder_report")
    if report is not None:
        notes.append(report.summary())
    started = RunStarted(
        run_id=run_id, method=model.name, method_label=model.label, family=model.family,
        dataset=dataset_name, dataset_description=ds.description, image_shape=ds.image_shape,
        device=describe(device), step=step, params=hp.as_dict(model.params),
        run_params=hp.as_dict(rp), class_names=ds.class_names, factor_names=ds.factor_names,
        latent_dim=model.latent_dim, n_train=len(ds.train), n_heldout=len(ds.heldout),
        resumed_from=config.resume, notes=tuple(notes), views=model.views,
        augment={k: (op.enabled, op.strength, op.p) for k, op in aug.as_ops().items()},
    )
    return Prepared(rp, device, dataset, dataset_name, dict(options), model, ckpt, step,
                    None if config.steps is None else step + config.steps, batch,
                    Sampler(len(ds.train), batch, device, rp.seed), aug, make_generator(device, rp.seed + 1),
                    view_data, started)


def _build_model(config: RunConfig, ckpt: Checkpoint | None, ds: Dataset, rp: RunParams) -> Method:
    """The checkpoint's model, or a fresh one (its initial weights drawn from the seeded generator)."""
    if not ckpt:
        return create_method(config.method or "autoencoder", config.method_params, ds.image_shape)
    if ckpt.image_shape != ds.image_shape:
        check_image_shape(ckpt, ds.image_shape)  # the clear message, without reading the file again
    model = restore_method(ckpt)
    if ckpt.optimizer_state and ckpt.meta.get("run", {}).get("optimizer") == rp.optimizer:
        # Validate before replacing: a state that does not fit fails here, not at the first step.
        check_optimizer_state(ckpt, Optimizers(model.configure_optimizers(rp)))
    for name, value in config.method_params.items():
        model.set_param(name, value)
    return model


def points_figure_batch(dataset: Dataset, n: int = FIGURE_POINTS) -> Split:
    """Up to ``n`` of a 2-D set's points for the method's figures: the held-out ones first, then training
    ones. The figures draw the data, not score it, and a drawing of 20 points holds out only 4."""
    held, train = dataset.heldout, dataset.train
    more = train.take(torch.arange(min(max(0, n - len(held)), len(train))))
    held = held.take(torch.arange(min(n, len(held))))
    return Split(None, torch.cat([held.labels, more.labels]), points=torch.cat([held.points, more.points]))


def _view_data(dataset: Dataset, config: RunConfig) -> ViewData:
    cad, held = config.cadence, dataset.heldout
    probe_idx = probe_indices(held.labels.cpu().numpy(), cad.probe_images)
    # The method's figures use the probe batch first, so figures per image line up with it.
    rest = np.setdiff1d(np.arange(len(held)), probe_idx)[: max(0, 32 - len(probe_idx))]
    figure_batch = held.take(np.concatenate([probe_idx, rest]))
    if dataset.kind == "points":
        figure_batch = points_figure_batch(dataset)
    if dataset.has_images:
        bank, map_probe = probe_sets(dataset, cad.memory_bank, cad.map_points)
    else:  # no map for token sequences yet: the same first examples, for when there is one
        bank = dataset.train.take(torch.arange(min(cad.memory_bank, len(dataset.train))))
        map_probe = held.take(torch.arange(min(cad.map_points, len(held))))
    return ViewData(held.take(probe_idx), figure_batch,
                    held.take(torch.arange(min(cad.latent_probe, len(held)))), bank, map_probe)


def make_optimizers(prepared: Prepared) -> tuple[Optimizers, str | None]:
    """The method's optimisers, with the checkpoint's state when resuming; and a note for the user."""
    rp, ckpt = prepared.rp, prepared.checkpoint
    optimizers = Optimizers(prepared.model.configure_optimizers(rp))
    prepared.checkpoint = None  # its tensors are not needed again
    if not (ckpt and ckpt.optimizer_state):
        return optimizers, None
    if ckpt.meta.get("run", {}).get("optimizer") != rp.optimizer:
        return optimizers, Words("the optimiser changed to {optimizer}: its state starts afresh",
                                 optimizer=rp.optimizer)
    optimizers.load_state_dict(ckpt.optimizer_state)
    optimizers.apply(rp)  # a changed learning rate wins over the saved one
    return optimizers, None

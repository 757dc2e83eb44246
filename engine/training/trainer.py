"""The one training loop: ``train(config, control)`` is a generator of snapshots.

The CLI, the tests, the benchmarks and the GUI all drive this same generator. Between steps it serves
the control's requests (pause, single step, live hyper-parameters, decodes, saves), so it answers them
while paused as well. It guards the run (engine/training/guard.py): a non-finite loss, exploding weights
or gradients and running out of memory keep the last good weights and pause with a message (or end the
run, when nobody can press Play). A stopped run ends at once, in the middle of its set-up or views too.

Each run draws its random numbers from generators of its own (batch order, augmentations, the method's
noise), and builds its model under a lock with the global generator seeded, so a seed gives the same
run whether it trains alone (headless) or beside a superseded run's thread (the app).
"""

from __future__ import annotations

import logging
import time
from typing import Iterator

import numpy as np
import torch

from engine import params as hp
from engine.data.augment import AugmentConfig, augment, make_generator
from engine.training.checkpoint import check_optimizer_state, read_checkpoint, restore_method
from engine.training.config import RunConfig, RunParams
from engine.training.control import RunControl
from engine.data import Dataset, load_dataset
from engine.training.device import describe, resolve_device
from engine.analysis.embeddings import probe_sets
from engine.errors import EncoderLabError, ParamError
from engine.methods import Batch, Method, create_method
from engine.training.snapshots import LossUpdate, RunEnded, RunEvent, RunStarted, Snapshot, StateChanged
from engine.training.guard import RunGuard, total_norm
from engine.training.requests import RunRequests
from engine.training.util import RunStopped, seeded
from engine.training.reports import RunViews

log = logging.getLogger(__name__)


def train(config: RunConfig, control: RunControl | None = None) -> Iterator[Snapshot]:
    """Train as ``config`` says, yielding snapshots, until the step budget is spent or ``control.stop()``.

    The first snapshot is ``RunStarted`` (or ``RunEnded(kind="failed")`` when the run cannot start: an
    unknown method, a bad checkpoint, an unavailable device...); the last is always ``RunEnded``.
    """
    yield from _Run(config, control or RunControl()).snapshots()


def make_optimizer(rp: RunParams, parameters) -> torch.optim.Optimizer:
    if rp.optimizer == "adam":
        return torch.optim.Adam(parameters, lr=rp.lr, weight_decay=rp.weight_decay)
    if rp.optimizer == "adamw":
        return torch.optim.AdamW(parameters, lr=rp.lr, weight_decay=rp.weight_decay)
    return torch.optim.SGD(parameters, lr=rp.lr, momentum=rp.momentum, weight_decay=rp.weight_decay)


def _is_oom(e: BaseException) -> bool:
    return isinstance(e, (torch.OutOfMemoryError, MemoryError)) or "out of memory" in str(e).lower()


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


class _Sampler:
    """Batches as index tensors: a fresh permutation each epoch, partial last batches dropped."""

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


class _Run(RunViews, RunRequests, RunGuard):
    def __init__(self, config: RunConfig, control: RunControl):
        self.config, self.control = config, control
        self.id = control.run_id
        self.cad = config.cadence
        self.step = 0
        self.running = False
        self.model: Method | None = None
        self.term_names: list[str] | None = None  # the keys of training_step's dict, in order
        self.embedding_updates = -1  # of the model's embeddings sent so far, minus one
        self.embeddings_costs: list[float] = []  # seconds the last few of them took
        self.pending: list[torch.Tensor] = []  # (T,) loss terms of steps not yet checked
        self.buffer_steps: list[np.ndarray] = []  # checked, not yet sent
        self.buffer_terms: list[np.ndarray] = []
        self.last_terms: dict[str, float] = {}
        self.good: tuple[int, dict, dict] | None = None
        self.ended_as: str | None = None  # set when the guard ends a headless run ("diverged", ...)
        self.warned_non_finite: set[str] = set()  # warnings about NaN codes or embeddings said already
        self.optimizer: torch.optim.Optimizer | None = None
        self.elapsed = 0.0
        self.images_seen = 0
        self.rate = 0.0
        now = time.monotonic()
        self.t_run = self.t_loss = self.t_rate = now
        self.t_images = self.t_latents = self.t_embeddings = now
        self.rate_images = 0

    # -- set-up -----------------------------------------------------------------------------------
    def _setup(self) -> RunStarted:
        cfg = self.config
        ckpt = read_checkpoint(cfg.resume, expect_method=cfg.method) if cfg.resume else None
        base_run = ckpt.meta.get("run", {}) if ckpt else {}
        try:
            self.rp = hp.build(RunParams, {**base_run, **cfg.run_params})
        except ParamError as e:
            raise ParamError(f"run setting {e}") from None
        dataset_name = cfg.dataset or (ckpt.meta.get("dataset") if ckpt else None) or "mnist5k"
        options = cfg.dataset_options
        if ckpt and not cfg.dataset and not options:
            options = ckpt.meta.get("dataset_options", {})
        self._unless_stopped()
        ds: Dataset = load_dataset(dataset_name, **options)
        self._unless_stopped()
        self.device = resolve_device(self.rp.device)
        with seeded(self.rp.seed, self.device):  # the initial weights, whichever thread trains beside
            model = self._build_model(ckpt, ds)
        self._unless_stopped()
        self.model = model.to(self.device)
        # The method's own draws (noise, masks, rotations) come from the run's generator, not the global one.
        self.model.generator = make_generator(self.device, self.rp.seed + 2)
        self.ckpt = ckpt
        notes = []
        self.dataset = ds.to(self.device)
        self.dataset_name, self.dataset_options = dataset_name, dict(options)
        batch = self.rp.batch_size
        if batch > len(ds.train):
            notes.append(f"batch size {batch} is more than the {len(ds.train)} training images; using {len(ds.train)}")
            batch = len(ds.train)
        self.batch_size = batch
        self.sampler = _Sampler(len(ds.train), batch, self.device, self.rp.seed)
        self.aug_cfg = cfg.augment or AugmentConfig.for_dataset(ds.flip_ok, ds.image_shape[1])
        self.aug_gen = make_generator(self.device, self.rp.seed + 1)
        held_labels = ds.heldout.labels.cpu().numpy()
        probe_idx = probe_indices(held_labels, self.cad.probe_images)
        self.probe = self.dataset.heldout.take(probe_idx)
        # The method's figures use the probe batch first, so figures per image line up with it.
        rest = np.setdiff1d(np.arange(len(ds.heldout)), probe_idx)[: max(0, 32 - len(probe_idx))]
        self.figure_batch = self.dataset.heldout.take(np.concatenate([probe_idx, rest]))
        n_lat = min(self.cad.latent_probe, len(ds.heldout))
        self.latent_probe = self.dataset.heldout.take(torch.arange(n_lat))
        self.bank, self.map_probe = probe_sets(self.dataset, self.cad.memory_bank, self.cad.map_points)
        self._unless_stopped()
        self.start_step = self.step
        self.target = None if cfg.steps is None else self.step + cfg.steps
        report = ds.notes.get("folder_report")
        if report is not None:
            notes.append(report.summary())
        return RunStarted(
            run_id=self.id, method=model.name, method_label=model.label, family=model.family,
            dataset=dataset_name, dataset_description=ds.description, image_shape=ds.image_shape,
            device=describe(self.device), step=self.step, params=hp.as_dict(model.params),
            run_params=hp.as_dict(self.rp), class_names=ds.class_names, factor_names=ds.factor_names,
            latent_dim=model.latent_dim, n_train=len(ds.train), n_heldout=len(ds.heldout),
            resumed_from=cfg.resume, notes=tuple(notes), views=model.views,
            augment={k: (op.enabled, op.strength, op.p) for k, op in self.aug_cfg.as_ops().items()},
        )

    def _build_model(self, ckpt, ds: Dataset) -> Method:
        """The checkpoint's model, or a fresh one (its initial weights drawn from the seeded generator)."""
        cfg = self.config
        if ckpt:
            if ckpt.image_shape != ds.image_shape:
                read_checkpoint(cfg.resume, expect_image_shape=ds.image_shape)  # raises the clear message
            model = restore_method(ckpt)
            if ckpt.optimizer_state and ckpt.meta.get("run", {}).get("optimizer") == self.rp.optimizer:
                # Validate before replacing: a state that does not fit fails here, not at the first step.
                check_optimizer_state(ckpt, make_optimizer(self.rp, model.parameters()))
            for name, value in cfg.method_params.items():
                model.set_param(name, value)
            self.step = ckpt.step
        else:
            model = create_method(cfg.method or "autoencoder", cfg.method_params, ds.image_shape)
        return model

    def _unless_stopped(self) -> None:
        """End a stopped run between the stages of long work, not after all of it: a superseded run
        would otherwise go on competing with the new one for seconds."""
        if self.control.stopped:
            raise RunStopped()

    def _setup_optimizer(self) -> str | None:
        """Make the optimiser (and load its saved state when resuming); returns a note for the user.

        Done after the first views are sent: torch's optimisers import torch._dynamo on first use,
        1.5 s on a 2-core CPU, and the user should see the model's first images without waiting.
        """
        self.optimizer = make_optimizer(self.rp, self.model.parameters())
        note = None
        ckpt, self.ckpt = self.ckpt, None
        if ckpt and ckpt.optimizer_state:
            if ckpt.meta.get("run", {}).get("optimizer") == self.rp.optimizer:
                self.optimizer.load_state_dict(ckpt.optimizer_state)
                self._apply_run_params()  # a changed learning rate wins over the saved one
            else:
                note = f"the optimiser changed to {self.rp.optimizer}: its state starts afresh"
        self._start_guard()
        self._remember_good()
        return note

    def _apply_run_params(self) -> None:
        for group in self.optimizer.param_groups:
            group["lr"] = self.rp.lr
            group["weight_decay"] = self.rp.weight_decay

    # -- the generator ----------------------------------------------------------------------------
    def snapshots(self) -> Iterator[Snapshot]:
        try:
            started = self._setup()
        except RunStopped:
            yield RunEnded(self.id, self.step, "stopped", "stopped before it started")
            return
        except EncoderLabError as e:
            yield RunEnded(self.id, self.step, "failed", str(e))
            return
        except Exception as e:  # a bug, not a user error: keep the traceback in the log
            log.exception("run %s failed to start", self.id)
            yield RunEnded(self.id, self.step, "failed", f"the run could not start: {type(e).__name__}: {e}")
            return
        yield started
        for note in started.notes:
            yield RunEvent(self.id, self.step, "warning", note)
        kind, message = "stopped", ""
        try:
            yield from self._views()
            if self.cad.embeddings_interval_s is not None:
                yield from self._baselines()
                yield from self._embedding_snapshots()
            self._unless_stopped()
            note = self._setup_optimizer()
            if note:
                yield RunEvent(self.id, self.step, "warning", note)
            kind = yield from self._loop()
        except RunStopped:
            kind = "stopped"
        except KeyboardInterrupt:
            self._restore_good()
            kind, message = "interrupted", "interrupted by the user"
        except Exception as e:
            log.exception("run %s failed", self.id)
            self._restore_good()
            kind, message = "failed", f"training failed: {type(e).__name__}: {e}"
        if kind in ("finished", "stopped"):
            yield from self._check(force_send=True)  # the last steps' losses, checked like the rest
            kind = self.ended_as or kind  # that check found a headless run diverging
        saved = None
        if self.config.save_on_end and self.optimizer is not None:  # else stopped before it trained
            event = self._save(self.config.save_on_end)
            yield event
            if event.kind == "saved":
                saved = event.path
            else:
                message = f"{message}; {event.message}" if message else event.message
        yield RunEnded(self.id, self.step, kind, message, saved, dict(self.last_terms))

    def _loop(self) -> Iterator[Snapshot]:
        control = self.control
        while True:
            for request in control.take_requests():
                yield from self._serve(request)
            if self.ended_as:
                return self.ended_as
            if control.stopped:
                return "stopped"
            if self.target is not None and self.step >= self.target:
                return "finished"
            if not control.may_step(self.step):
                if self.running:
                    yield from self._halt("paused")
                control.wait(0.2)
                continue
            single = control.paused
            if not single and not self.running:
                self.running = True
                self.t_run = self.t_rate = time.monotonic()
                self.rate_images = 0
                yield StateChanged(self.id, self.step, True)
            try:
                stepped = self._train_step()
            except Exception as e:
                if not _is_oom(e):
                    raise
                yield from self._out_of_memory()
                continue
            if not stepped:
                yield from self._loss_not_finite()
                continue
            if single or len(self.pending) >= self.cad.check_every:
                yield from self._check(force_send=single)
            if single:
                yield from self._views()
            else:
                yield from self._timed_views()

    def _halt(self, reason: str) -> Iterator[Snapshot]:
        """The run stops stepping: send everything the views need to show where it stopped."""
        self.running = False
        self.elapsed += time.monotonic() - self.t_run
        yield from self._check(force_send=True)
        yield from self._views()
        yield StateChanged(self.id, self.step, False, reason)

    # -- one step ---------------------------------------------------------------------------------
    def _train_step(self) -> bool:
        """One optimiser step; False, with no update taken, when the step's loss is not finite."""
        model, data = self.model, self.dataset.train
        idx = self.sampler.next()
        x = data.images[idx]  # (B, C, H, W)
        views = tuple(augment(x, self.aug_cfg, self.aug_gen) for _ in range(model.views))
        out = model.training_step(Batch(x, views, self.step))
        # One host sync per step, so that the update that would spoil the weights is never taken
        # (a few microseconds on a CPU, where every op is synchronous anyway; the report measures it).
        if not bool(torch.isfinite(out["loss"].detach())):
            return False
        self.optimizer.zero_grad(set_to_none=True)
        out["loss"].backward()
        grad_norm = total_norm(p.grad for p in model.parameters() if p.grad is not None)  # on device
        self.optimizer.step()
        model.after_step(self.step)
        self.step += 1
        self.images_seen += x.shape[0]
        self.rate_images += x.shape[0]
        if self.term_names is None:
            self.term_names = list(out)
        terms = [out[k].detach().float() for k in self.term_names]
        self.pending.append(torch.stack([*terms, grad_norm.to(terms[0].device)]))  # checked by the guard
        return True

    # -- snapshots --------------------------------------------------------------------------------
    def _flush_losses(self) -> Iterator[Snapshot]:
        now = time.monotonic()
        if self.running:
            dt = now - self.t_rate
            if dt > 0.05 and self.rate_images:
                inst = self.rate_images / dt
                self.rate = inst if self.rate == 0 else 0.7 * self.rate + 0.3 * inst
                self.t_rate, self.rate_images = now, 0
        self.t_loss = now
        if not self.buffer_steps:
            return
        steps = np.concatenate(self.buffer_steps)
        values = np.concatenate(self.buffer_terms)
        self.buffer_steps, self.buffer_terms = [], []
        if len(steps) == 0:
            return
        elapsed = self.elapsed + (now - self.t_run if self.running else 0.0)
        yield LossUpdate(
            self.id, steps, {k: values[:, i].copy() for i, k in enumerate(self.term_names)},
            step=int(steps[-1]), epoch=self.step * self.batch_size / len(self.dataset.train),
            images_per_s=self.rate, elapsed_s=elapsed)

    def _timed_views(self) -> Iterator[Snapshot]:
        now = time.monotonic()
        if self.cad.images_interval_s is not None and now - self.t_images >= self.cad.images_interval_s:
            yield self._images()
            figures = self._figures()
            if figures is not None:
                yield figures
        if self.cad.latents_interval_s is not None and now - self.t_latents >= self.cad.latents_interval_s:
            latents = self._latents()
            if latents is not None:
                yield latents
        if self.embeddings_due(now):
            yield from self._embedding_snapshots()

"""The one training loop: ``train(config, control)`` is a generator of snapshots.

The CLI, the tests, the benchmarks and the GUI all drive this same generator. Between steps it serves
the control's requests (pause, single step, live hyper-parameters, decodes, saves), so it answers them
while paused as well. A stopped run ends at once, in the middle of its set-up or views too.

The loop (:meth:`Run.loop`) composes parts with one job each:
    setup.py      the run from its config or a checkpoint: data, model, sampler, the views' examples
    optimizers.py the method's optimisers, stepped through the guard's hook
    guard.py      last good weights, divergence, out of memory
    loss_log.py   each step's loss terms until checked, then sent with speed and time
    schedule.py   when each view is due; reports.py builds each view's update
    requests.py   a dispatch table from request type to handler

Each run draws its random numbers from generators of its own (batch order, augmentations, the method's
noise), and builds its model under a lock with the global generator seeded, so a seed gives the same
run whether it trains alone (headless) or beside a superseded run's thread (the app).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Iterator

import torch

from engine.data.augment import augment
from engine.data.batch import batch_of
from engine.errors import EncoderLabError
from engine.training import requests
from engine.training.config import RunConfig
from engine.training.control import RunControl, Save
from engine.training.device import describe
from engine.training.guard import Guard, diverged_message, is_out_of_memory, out_of_memory_message, state_is_finite
from engine.training.loss_log import LossLog
from engine.training.optimizers import NonFiniteLoss, Optimizers
from engine.training.schedule import Reporter
from engine.training.setup import make_optimizers, prepare
from engine.training.snapshots import RunEnded, RunEvent, Snapshot, StateChanged
from engine.training.turns import Turns, no_turns
from engine.training.util import RunStopped
from engine.words import Words, message_of

log = logging.getLogger(__name__)


def train(config: RunConfig, control: RunControl | None = None, turns: Turns | None = None) -> Iterator[Snapshot]:
    """Train as ``config`` says, yielding snapshots, until the step budget is spent or ``control.stop()``.

    The first snapshot is ``RunStarted`` (or ``RunEnded(kind="failed")`` when the run cannot start: an
    unknown method, a bad checkpoint, an unavailable device...); the last is always ``RunEnded``.
    ``turns``: shared by the runs of one engine process, which then step one at a time (turns.py).
    """
    yield from Run(config, control or RunControl(), turns).snapshots()


class Run:
    def __init__(self, config: RunConfig, control: RunControl, turns: Turns | None = None):
        self.config, self.control, self.id = config, control, control.run_id
        self.turn = turns.turn if turns is not None else no_turns
        self.cad = config.cadence
        self.step = 0
        self.model = None
        self.optimizers: Optimizers | None = None
        self.guard: Guard | None = None
        self.ended_as: str | None = None  # set when the guard ends a headless run ("diverged", ...)

    def snapshots(self) -> Iterator[Snapshot]:
        try:
            self._setup()
        except RunStopped:
            yield RunEnded(self.id, self.step, "stopped", Words("stopped before it started"))
            return
        except EncoderLabError as e:
            yield RunEnded(self.id, self.step, "failed", message_of(e))
            return
        except Exception as e:  # a bug, not a user error: keep the traceback in the log
            log.exception("run %s failed to start", self.id)
            yield RunEnded(self.id, self.step, "failed", Words("the run could not start: {error}: {e}",
                                                              error=type(e).__name__, e=str(e)))
            return
        yield self.prepared.started
        for note in self.prepared.started.notes:
            yield RunEvent(self.id, self.step, "warning", note)
        kind, message = "stopped", ""
        try:
            yield from self._first_views()
            kind = yield from self.loop()
        except RunStopped:
            kind = "stopped"
        except KeyboardInterrupt:
            self._restore_good()
            kind, message = "interrupted", Words("interrupted by the user")
        except Exception as e:
            log.exception("run %s failed", self.id)
            self._restore_good()
            kind, message = "failed", Words("training failed: {error}: {e}", error=type(e).__name__, e=str(e))
        if kind in ("finished", "stopped"):
            yield from self.check(force_send=True)  # the last steps' losses, checked like the rest
            kind = self.ended_as or kind  # that check found a headless run diverging
        yield from self._saves_asked_before_the_stop()
        saved = None
        if self.config.save_on_end and self.optimizers is not None:  # else stopped before it trained
            event = requests.save(self, self.config.save_on_end)
            yield event
            if event.kind == "saved":
                saved = event.path
            else:
                message = Words("{message}; {then}", message=message, then=event.message) if message \
                    else event.message
        yield RunEnded(self.id, self.step, kind, message, saved, dict(self.losses.last_terms))

    def _saves_asked_before_the_stop(self) -> Iterator[Snapshot]:
        """Saves still queued when the run stopped (the app autosaves a run just before it discards it:
        gui/window/autosave.py) are written, not dropped with the run; stopped in its views, the loop
        never reached them."""
        for request in self.control.take_requests():
            if isinstance(request, Save):
                yield requests.save(self, request.path)

    # -- the loop ---------------------------------------------------------------------------------
    def loop(self) -> Iterator[Snapshot]:
        """Serve requests, then take one step when the control allows it; returns how the run ended."""
        control = self.control
        while True:
            for request in control.take_requests():
                yield from requests.serve(self, request)
            if self.ended_as:
                return self.ended_as
            if control.stopped:
                return "stopped"
            if self.target is not None and self.step >= self.target:
                return "finished"
            if not control.may_step(self.step):
                if self.losses.running:
                    yield from self._halt("paused")
                control.wait(0.2)
                continue
            single = control.paused
            if not single and not self.losses.running:
                self.losses.start_running()
                yield StateChanged(self.id, self.step, True)
            with self.turn():  # the other runs of this engine wait: its threads are this step's
                yield from self._step_and_views(single)

    def _step_and_views(self, single: bool) -> Iterator[Snapshot]:
        """One step, its losses checked when due, and the views that are due after it."""
        try:
            self.train_step()
        except NonFiniteLoss as e:
            yield from self._loss_not_finite(e.name if len(self.optimizers) > 1 else None)
            return
        except Exception as e:
            if not is_out_of_memory(e):
                raise
            yield from self._out_of_memory()
            return
        if single or len(self.losses.pending) >= self.cad.check_every:
            yield from self.check(force_send=single)
        views = self.reporter.all if single else self.reporter.timed
        yield from views(self.model, self.step, self.augment)

    def train_step(self) -> None:
        """One step of the method's optimisation on the next batch (NonFiniteLoss: a step not taken)."""
        batch = batch_of(self.prepared.dataset.train, self.sampler.next(), self.step)  # on the device
        if self.model.views and batch.images is not None:
            batch = replace(batch, views=tuple(augment(batch.images, self.augment, self.augment_generator)
                                               for _ in range(self.model.views)))
        self.optimizers.begin_step(self.control.step_player())  # a GAN's player alone, in a single step
        out = self.model.optimization_step(batch, self.optimizers)
        self.model.after_step(self.step)
        self.step += 1
        self.losses.record(out, self.optimizers.grad_norm(), len(batch))

    # -- set-up -----------------------------------------------------------------------------------
    def _setup(self) -> None:
        p = self.prepared = prepare(self.config, self.id, self._unless_stopped)
        self.rp, self.device, self.model, self.step, self.target = p.rp, p.device, p.model, p.step, p.target
        self.dataset, self.dataset_name, self.dataset_options = p.dataset, p.dataset_name, p.dataset_options
        self.sampler, self.augment, self.augment_generator = p.sampler, p.augment, p.augment_generator
        self.view_data = p.view_data
        self.losses = LossLog(self.id, len(p.dataset.train), p.batch_size)
        self.reporter = Reporter(self.id, self.cad, p.view_data, p.dataset, p.dataset_name, p.rp.seed, p.device,
                                 self._unless_stopped)

    def _first_views(self) -> Iterator[Snapshot]:
        """The model's first images, the map's baselines, then the optimisers (their import is slow)."""
        yield from self.reporter.first(self.model, self.step, self.augment)
        self._unless_stopped()
        self.optimizers, note = make_optimizers(self.prepared)
        self.guard = Guard(self.model, self.optimizers, self.step)
        self.guard.remember(self.step)
        if note:
            yield RunEvent(self.id, self.step, "warning", note)

    def _unless_stopped(self) -> None:
        """End a stopped run between the stages of long work, not after all of it: a superseded run
        would otherwise go on competing with the new one for seconds."""
        if self.control.stopped:
            raise RunStopped()

    # -- the guard --------------------------------------------------------------------------------
    def check(self, force_send: bool = False, remember: bool = True) -> Iterator[Snapshot]:
        """Move the pending loss terms and norms to the host; on a non-finite value or exploding norms,
        restore the last good weights and pause. Returns whether the run diverged."""
        rows = self.losses.take_pending()
        if rows is not None:
            values, grad_norms = rows[:, :-1], rows[:, -1]  # (K, T), (K,)
            first = self.step - len(rows) + 1
            n_finite, why = self.guard.judge(values, grad_norms, self.guard.weight_norm())
            self.losses.keep(first, values[:n_finite])
            if n_finite < len(values) or why:
                yield from self._flush()
                yield from self._diverged(first + n_finite if why is None else None, why)
                return True
            self.losses.good(values[-1])
            if remember:
                self.guard.remember(self.step)
        if force_send or self.losses.due(self.cad.loss_interval_s):
            yield from self._flush()
        return False

    def _flush(self) -> Iterator[Snapshot]:
        update = self.losses.flush(self.step)
        if update is not None:
            yield update

    def _restore_good(self) -> None:
        step = self.guard.restore() if self.guard is not None else None
        if step is not None:
            self.optimizers.apply(self.rp)
            self.losses.pending.clear()
            self.step = step

    def _loss_not_finite(self, player: str | None = None) -> Iterator[Snapshot]:
        """A loss of this step is NaN or infinite and its update was not taken. The weights are those
        of the last finite step, unless the forward pass spoilt a buffer (BatchNorm's running
        statistics, a codebook's moving averages) or an earlier optimiser of the step had updated
        already (a GAN's critic); then the last checked weights come back."""
        bad_step = self.step + 1
        untouched = self.optimizers.updates == 0 and state_is_finite(self.model)
        if (yield from self.check(force_send=True, remember=untouched)):
            return  # the norms had exploded already; that is the message
        yield from self._diverged(bad_step, None, player)

    def _diverged(self, bad_step: int | None, why: str | None, player: str | None = None) -> Iterator[Snapshot]:
        self._restore_good()
        interactive = self.control.interactive
        if interactive:
            self.control.pause_from_engine()
        else:
            self.ended_as = "diverged"
        message = diverged_message(bad_step, why, self.step, self.rp.lr, interactive, bool(self.config.save_on_end),
                                   player)
        yield RunEvent(self.id, self.step, "diverged", message)
        if self.losses.running:
            yield from self._halt("diverged")

    def _out_of_memory(self) -> Iterator[Snapshot]:
        self.optimizers.zero_grad()
        if self.device.type == "cuda":
            torch.cuda.empty_cache()
        self._restore_good()
        interactive = self.control.interactive
        if interactive:
            self.control.pause_from_engine()
        else:
            self.ended_as = "out_of_memory"
        message = out_of_memory_message(describe(self.device), self.prepared.batch_size, interactive)
        yield RunEvent(self.id, self.step, "out_of_memory", message)
        if self.losses.running:
            yield from self._halt("out_of_memory")

    def _halt(self, reason: str) -> Iterator[Snapshot]:
        """The run stops stepping: send everything the views need to show where it stopped."""
        self.losses.stop_running()
        yield from self.check(force_send=True)
        yield from self.reporter.all(self.model, self.step, self.augment)
        yield StateChanged(self.id, self.step, False, reason)


"""The one handle a caller has on a running training loop.

The GUI (or the CLI) calls the public methods from its own thread; the training loop calls the
``engine side`` ones (RunControl.ENGINE_SIDE) between steps. The caller methods are the verbs of
engine.processes.protocol.RUN_VERBS, name for name and argument for argument (tests/test_protocol.py
checks it): the GUI's proxy in the other process is built from that table.

Nothing here blocks the caller: every request is queued and answered by a snapshot. Requests are served
while the run is paused too, so a paused or inspected model still decodes latent codes and saves.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np

_run_ids = itertools.count(1)
_request_ids = itertools.count(1)


@dataclass(frozen=True)
class SetParam:
    name: str
    value: Any


@dataclass(frozen=True)
class Decode:
    request_id: int
    tag: str
    codes: np.ndarray  # (K, D)


@dataclass(frozen=True)
class Interact:
    request_id: int
    tag: str
    payload: dict  # what the method's interact() understands


@dataclass(frozen=True)
class Save:
    path: str
    # A copy for a reader other than the user (a lesson's check measures it): answered by a "copy_saved"
    # or "copy_failed" RunEvent, so the window does not take it for the run's own save.
    copy: bool = False


@dataclass(frozen=True)
class SetAugment:
    ops: dict  # op name -> (enabled, strength, p)


@dataclass(frozen=True)
class Refresh:
    """Send images, latents and the rest now rather than at the next timer tick."""


class RunControl:
    # Called by the training loop, never sent by a caller: every other public method is a verb.
    ENGINE_SIDE = frozenset({"take_requests", "may_step", "step_player", "wait", "pause_from_engine"})

    def __init__(self, start_paused: bool = False, run_id: int | None = None, interactive: bool = False):
        self.run_id = next(_run_ids) if run_id is None else run_id
        # Whether someone can press Play (the app): then a diverging run pauses with the last good
        # weights. Headless (the CLI, scripts), nobody can, so such a run ends instead.
        self.interactive = interactive
        self._cond = threading.Condition()
        self._paused = start_paused
        self._stopped = False
        self._single_steps = 0
        self._players: list[str] = []  # the player of each single step still due ("": both), in order
        self._player = ""  # the player of the step the loop is taking now
        self._pause_at: int | None = None
        self._requests: list[Any] = []
        # Only the newest decode per tag is worth doing: a dragged slider sends many, and a stale one
        # would only delay the image the user is looking for.
        self._decodes: OrderedDict[str, Decode | Interact] = OrderedDict()

    # -- caller side ------------------------------------------------------------------------------
    def pause(self) -> None:
        with self._cond:
            self._paused = True
            self._cond.notify_all()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._cond.notify_all()

    def step(self, n: int = 1, player: str = "") -> None:
        """Run exactly ``n`` more steps, then stay paused; ``player`` "discriminator" or "generator": in
        those steps only that side of a GAN updates (GAN Lab's steps of one player)."""
        with self._cond:
            self._paused = True
            self._single_steps += n
            self._players += [player] * n
            self._cond.notify_all()

    def run_until(self, step: int) -> None:
        """Train until the run reaches ``step``, then pause (a demo's "train 300 steps, then look")."""
        with self._cond:
            self._pause_at = step
            self._paused = False
            self._cond.notify_all()

    def pause_at_step(self, step: int) -> None:
        """Pause when the run reaches ``step``, playing or paused as it is until then (a lesson's budget:
        the run stops at exactly that step, whoever presses Play). Once: Play then trains on. A step of 0
        or less takes the pause away."""
        with self._cond:
            self._pause_at = step if step > 0 else None
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    def set_param(self, name: str, value: Any) -> None:
        self._put(SetParam(name, value))

    def save(self, path: str) -> None:
        self._put(Save(str(path)))

    def save_copy(self, path: str) -> None:
        """Write a checkpoint for someone other than the user (a lesson's check): not the run's save."""
        self._put(Save(str(path), copy=True))

    def refresh(self) -> None:
        self._put(Refresh())

    def set_augment(self, ops: dict) -> None:
        """Change the augmentations live: {op name: (enabled, strength, probability)}."""
        self._put(SetAugment(dict(ops)))

    def decode(self, codes: np.ndarray, tag: str = "decode") -> int:
        """Ask for images of latent codes (K, D); the answer is a ``Decoded`` snapshot with this id."""
        rid = next(_request_ids)
        codes = np.atleast_2d(np.asarray(codes, dtype=np.float32)).copy()
        with self._cond:
            self._decodes.pop(tag, None)
            self._decodes[tag] = Decode(rid, tag, codes)
            self._cond.notify_all()
        return rid

    def interact(self, payload: dict, tag: str = "interact") -> int:
        """Ask the method something about the figure batch (MAE: reconstruct with this mask; VQ-VAE:
        decode this code grid); the answer is an ``Interaction`` snapshot. Newest per tag only."""
        rid = next(_request_ids)
        with self._cond:
            self._decodes.pop(tag, None)
            self._decodes[tag] = Interact(rid, tag, dict(payload))
            self._cond.notify_all()
        return rid

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def stopped(self) -> bool:
        return self._stopped

    # -- engine side ------------------------------------------------------------------------------
    def _put(self, request: Any) -> None:
        with self._cond:
            self._requests.append(request)
            self._cond.notify_all()

    def take_requests(self) -> list[Any]:
        with self._cond:
            out = self._requests + list(self._decodes.values())
            self._requests, self._decodes = [], OrderedDict()
        return out

    def may_step(self, step: int) -> bool:
        """Whether the loop at ``step`` should take a step now (uses a single-step credit when paused)."""
        with self._cond:
            if self._stopped:
                return False
            self._player = ""
            if self._pause_at is not None and step >= self._pause_at:
                # The pause point wins over single steps still due: a lesson's runs stop at its budget.
                self._pause_at, self._paused, self._single_steps, self._players = None, True, 0, []
            if not self._paused:
                return True
            if self._single_steps > 0:
                self._single_steps -= 1
                self._player = self._players.pop(0) if self._players else ""
                return True
            return False

    def step_player(self) -> str:
        """Which player the step that may_step just allowed trains alone ("": every one)."""
        with self._cond:
            return self._player

    def wait(self, timeout: float) -> None:
        """Sleep until there is something to do (or ``timeout`` seconds)."""
        with self._cond:
            self._cond.wait_for(
                lambda: self._stopped or not self._paused or self._single_steps > 0
                or bool(self._requests) or bool(self._decodes),
                timeout,
            )

    def pause_from_engine(self) -> None:
        """The loop pauses itself (divergence, out of memory); pending single steps are dropped."""
        with self._cond:
            self._paused = True
            self._single_steps, self._players = 0, []

"""The view contract: a view knows the run it shows, forgets the last run when a new one begins, and
ignores every snapshot of another run, so a switch never leaves a stale picture.

A comparison shows two runs, A and B (a "slot" each). Every view follows the same three calls:
- ``begin_run(info, slot, label)``: the run of ``info`` (a RunStarted) is now the one shown in ``slot``;
  everything of the run shown there before is forgotten;
- ``receive(snap, slot)``: a snapshot the router routed to ``slot``; a view draws it only when its run
  id is the run it shows there, and says whether it did;
- ``end_run(slot)``: ``slot`` shows no run any more (closing B returns to one run).
Loss and Metrics overlay B in their own plots; the other views show B in a second instance of themselves
beside A (gui/views/side_by_side.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Protocol

SLOTS = ("A", "B")


def run_label(info: Any) -> str:
    """How a run is named in captions and legends: its method and its data set."""
    return f"{info.method_label} · {info.dataset}"


@dataclass(frozen=True)
class ShownRun:
    """The run a view (or one slot of it) shows."""

    run_id: int
    label: str


class RunView(Protocol):
    """What the window's router needs from every view that follows a run."""

    def begin_run(self, info: Any, slot: str = "A", label: str = "") -> None: ...

    def receive(self, snap: Any, slot: str = "A") -> bool: ...

    def end_run(self, slot: str = "A") -> None: ...


class OneRunView:
    """The contract for a view that shows one run (a mixin; a second run gets a second instance).

    A view fills in three hooks: ``forget_run()`` (clear every trace of the last run),
    ``prepare_run(info)`` (lay itself out for the new run) and ``snapshot_handlers()`` (snapshot class
    name -> method that draws it). Names, not classes, so the views need not import the engine.
    """

    shown: ShownRun | None = None

    def forget_run(self) -> None:
        self.clear()

    def prepare_run(self, info: Any) -> None:
        pass

    def snapshot_handlers(self) -> dict[str, Callable[[Any], None]]:
        return {}

    # -- the contract -----------------------------------------------------------------------------
    def begin_run(self, info: Any, slot: str = "A", label: str = "") -> None:
        self.forget_run()
        self.shown = ShownRun(info.run_id, label or run_label(info))
        self.prepare_run(info)

    def receive(self, snap: Any, slot: str = "A") -> bool:
        if self.shown is None or snap.run_id != self.shown.run_id:
            return False  # another run's: drawing it would mix two runs in one picture
        handler = self.snapshot_handlers().get(type(snap).__name__)
        if handler is None:
            return False
        handler(snap)
        return True

    def end_run(self, slot: str = "A") -> None:
        self.forget_run()
        self.shown = None

"""Which run each slot shows: run A is the session's current run (the one the transport drives); run B,
when a comparison has one, is shown beside it by every view. A mixin of MainWindow, used by the router
(gui/window/snapshot_routes.py), which routes each snapshot by the slot of its run id.

The session trains one run today; a lesson that trains A and B at once calls ``show_b`` with B's
RunStarted and routes B's snapshots here by its run id.
"""

from __future__ import annotations

from typing import Any

from gui.views.run_view import SLOTS, run_label


class RunSlots:
    """Needs from the window: session, run_views, docks, shown_runs (slot -> run id, {} at first) and
    shown_infos (slot -> RunStarted)."""

    def slot_of(self, run_id: int | None) -> str | None:
        """The slot that shows ``run_id``; None for a run no view shows (superseded, ended or unknown)."""
        if run_id is None:
            return None
        for slot in SLOTS:
            if self.shown_runs.get(slot) == run_id:
                # Run A is also the session's current run: once it is discarded its stragglers are dropped.
                return slot if slot != "A" or run_id == self.session.current_id else None
        return None

    def _begin_views(self, info: Any, slot: str) -> None:
        """Every view forgets what ``slot`` showed and shows the run of ``info`` there."""
        self.shown_runs[slot], self.shown_infos[slot] = info.run_id, info
        label = run_label(info)
        for view in self.run_views:
            view.begin_run(info, slot, label)

    def show_b(self, info: Any) -> None:
        """Run B of a comparison (``info``: its RunStarted) shows beside run A in every view."""
        self._begin_views(info, "B")
        latent = self.docks["Latent explorer"]
        if info.latent_dim and latent.isHidden():
            latent.show()  # B can decode even where A cannot

    def close_b(self) -> None:
        """Back to one run: B's panels hide and its curves go; A's views are untouched."""
        if self.shown_runs.pop("B", None) is None:
            return
        self.shown_infos.pop("B", None)
        for view in self.run_views:
            view.end_run("B")
        a = self.shown_infos.get("A")
        if a is not None and not a.latent_dim:
            self.docks["Latent explorer"].hide()

    def control_of(self, slot: str):
        """The control of the run ``slot`` shows (None when it has none, e.g. it ended)."""
        if slot == "A":
            return self.session.control
        run_id = self.shown_runs.get(slot)
        return self.session.controls.get(run_id) if run_id is not None else None

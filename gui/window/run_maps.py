"""Which projection and settings each map pane draws its run with.

By default every run's map is drawn with one shared projection and one set of settings: a change in
A's pane or B's is sent for every run and shown in both panes. ``set_map_for`` gives one slot's run
its own (lesson 17 shows run A at perplexity 5 beside run B at 50): that pane shows them and a change
made in it goes to its run only, until ``drop_maps`` sends the shared choice for every run again
(engine.processes.protocol: a "map_method" or "map_settings" message without a run id drops the runs'
own). The analysis process forgets a run's own choices with the run.
"""

from __future__ import annotations

from engine.analysis.map_settings import MapSettings
from engine.processes import protocol


class RunMaps:
    """The window's per-slot map choices: ``own`` maps a slot to the run that has its own choices."""

    def __init__(self, window):
        self.window = window
        self.own: dict[str, int] = {}  # slot -> run id given its own projection and settings
        self.shared: tuple[str, MapSettings] | None = None  # what every other run is drawn with

    def has_own(self, slot: str) -> bool:
        """Whether the run ``slot`` shows now has choices of its own."""
        run_id = self.own.get(slot)
        return run_id is not None and self.window.shown_runs.get(slot) == run_id

    def shared_choice(self) -> tuple[str, MapSettings]:
        if self.shared is None:  # none given yet: a pane without its own choices shows the shared ones
            view = next((self.window.maps.view(s) for s in ("A", "B") if not self.has_own(s)), None)
            view = view or self.window.map_view
            self.shared = (view.method.currentData(), view.map_settings.sent)
        return self.shared

    def set_map_for(self, slot: str, method: str, settings: MapSettings) -> bool:
        """Draw the map of the run ``slot`` shows with ``method`` and ``settings`` (that run only): its
        pane shows them, the other pane keeps its own. False when no run shows there yet."""
        window = self.window
        run_id = window.shown_runs.get(slot)
        view = window.maps.view(slot)
        if run_id is None or window.slot_of(run_id) != slot or view is None:
            return False
        self.shared_choice()  # noted before this pane stops showing it
        self.own[slot] = run_id
        view.controls.show_method(method)
        view.show_map_settings(*settings.fields().values())
        window.session.set_map_method(method, run_id=run_id)
        window.session.set_map_settings(*settings.fields().values(), run_id=run_id)
        return True

    def show_choice(self, slot: str) -> None:
        """The pane of ``slot`` shows the projection and settings its run is drawn with: its own, else
        the shared ones. Called when a run begins there: a new B pane showed PCA, its default, beside an
        A drawn with UMAP, and its busy line counted "PCA: computing the first map" under a UMAP map."""
        view = self.window.maps.view(slot)
        if view is None or self.has_own(slot):  # a run's own (a lesson's map): set_map_for showed it
            return
        method, settings = self.shared_choice()
        view.controls.show_method(method)
        view.show_map_settings(*settings.fields().values())

    def fresh_maps(self) -> None:
        """One map drawn afresh for each run with its own choices (a warm start keeps the old picture)."""
        for slot, run_id in self.own.items():
            if self.has_own(slot):
                self.window.session.send_analysis(protocol.message("fresh_map", run_id=run_id))

    def drop_maps(self) -> None:
        """Every run back to the shared projection and settings, shown in every pane."""
        if not self.own:
            return
        method, settings = self.shared_choice()
        self.own.clear()
        for view in self.window.maps.views():
            view.controls.show_method(method)
            view.show_map_settings(*settings.fields().values())
        self.window.session.set_map_method(method)
        self.window.session.set_map_settings(*settings.fields().values())

    # -- the user's choices in a pane -------------------------------------------------------------
    def method_chosen(self, slot: str, method: str) -> None:
        if self.has_own(slot):
            self.window.session.set_map_method(method, run_id=self.own[slot])
            return
        self.shared = (method, self.shared_choice()[1])
        self.window.session.set_map_method(method)

    def settings_chosen(self, slot: str, perplexity: float, n_neighbors: int, min_dist: float) -> None:
        if self.has_own(slot):
            self.window.session.set_map_settings(perplexity, n_neighbors, min_dist, run_id=self.own[slot])
            return
        self.shared = (self.shared_choice()[0], MapSettings(perplexity, n_neighbors, min_dist))
        self.window.session.set_map_settings(perplexity, n_neighbors, min_dist)
        # The analysis has one set of map settings for the runs without their own: each such pane shows them.
        for other in ("A", "B"):
            view = self.window.maps.view(other)
            if view is not None and not self.has_own(other):
                view.show_map_settings(perplexity, n_neighbors, min_dist)


def run_maps(window) -> RunMaps:
    """The window's RunMaps, made the first time it is needed."""
    maps = getattr(window, "run_maps", None)
    if maps is None:
        maps = window.run_maps = RunMaps(window)
    return maps


def wire_map_view(window, view, slot: str) -> None:
    """A map pane's choices go to its run when it has its own, else to every run."""
    view.method_changed.connect(lambda method: run_maps(window).method_chosen(slot, method))
    view.map_settings_changed.connect(lambda *values: run_maps(window).settings_chosen(slot, *values))
    if slot == "B":  # a new B pane shows the shared projection and settings (A's pane may show A's own)
        run_maps(window).show_choice("B")


def set_map_for(window, slot: str, method: str, settings: MapSettings) -> bool:
    """``window``'s RunMaps.set_map_for."""
    return run_maps(window).set_map_for(slot, method, settings)


def apply_lesson_maps(window, due: dict) -> dict:
    """Give each run of ``due`` (run id -> a lesson's engine.lessons.schema.MapSpec, or None) its map
    once a slot shows it; returns those still waiting for their run to start."""
    waiting = {}
    for run_id, spec in due.items():
        slot = window.slot_of(run_id)
        if spec is not None and not (slot in ("A", "B") and set_map_for(window, slot, spec.method,
                                                                         spec.map_settings())):
            waiting[run_id] = spec
    return waiting

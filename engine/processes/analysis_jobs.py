"""The analysis process's jobs (engine.processes.analysis_process.Analyst does the queueing): a map,
the probes, UMAP's warm-up, and the map choices they are made with.

A map is drawn with its run's choices: the run's own projection and settings when the GUI named that
run in a "map_method" or "map_settings" message (lesson 17 draws run A at perplexity 5 and run B at 50),
else the ones every run shares. A message that names no run is for every run and drops the runs' own
choices of that kind. No torch here (see analysis_process).
"""

from __future__ import annotations

import time

from engine.analysis.map_settings import MapSettings
from engine.words import Words


def method_of(analyst, run_id: int) -> str:
    """The projection ``run_id``'s map is drawn with."""
    return analyst.run_methods.get(run_id, analyst.method)


def settings_of(analyst, run_id: int) -> MapSettings:
    """The t-SNE and UMAP settings ``run_id``'s map is drawn with."""
    return analyst.run_settings.get(run_id, analyst.map_settings)


def take_map_method(analyst, received: dict) -> None:
    """A "map_method" message: one run's projection, or (no run_id) every run's."""
    run_id = received.get("run_id")
    if run_id is None:
        analyst.method = received["method"]
        analyst.run_methods.clear()
        analyst.remap.update(analyst.last_model)
        return
    analyst.admit(run_id)
    if method_of(analyst, run_id) != received["method"]:
        analyst.remap.add(run_id)  # work() redraws it once it has embeddings
    analyst.run_methods[run_id] = received["method"]


def take_map_settings(analyst, received: dict) -> None:
    """A "map_settings" message; one out of range is refused with an AnalysisProblem, the old kept."""
    from engine.training.snapshots import AnalysisProblem

    run_id = received.get("run_id")
    try:
        settings = MapSettings.from_message(received)
    except ValueError as e:
        kept = analyst.map_settings if run_id is None else settings_of(analyst, run_id)
        return analyst.send(AnalysisProblem(run_id or 0, 0, "map", Words("Map settings refused: {e}. Kept: {kept}.",
                                                                         e=str(e), kept=str(kept))))
    if run_id is None:
        analyst.map_settings = settings
        analyst.run_settings.clear()
        runs = list(analyst.projectors)
    else:
        analyst.admit(run_id)
        analyst.run_settings[run_id] = settings
        runs = [run_id]
    for run in runs:
        # A changed projection starts afresh (Projector.configure): the map on screen changes, redraw it.
        if method_of(analyst, run) in analyst.projector(run).configure(settings) and run in analyst.last_model:
            analyst.remap.add(run)


def fresh_map(analyst, run_id: int) -> None:
    """A "fresh_map" message: redraw the run's map now, from scratch rather than from its last layout
    (which a warm start would keep much of), still turned to face it."""
    if run_id in analyst.pending_maps:  # from the newest embeddings, without waiting for the duty cycle
        analyst.last_model[run_id] = analyst.pending_maps.pop(run_id)
    projector = analyst.projectors.get(run_id)
    method = method_of(analyst, run_id)
    if projector is not None and method in projector.last:
        projector.facing[method] = projector.last.pop(method)
    analyst.remap.add(run_id)


def draw_map(analyst, snap) -> None:
    """The map job: project the run's newest embeddings and send the MapUpdate."""
    from engine.analysis.project import LABELS
    from engine.training.snapshots import MapUpdate

    method, note = method_of(analyst, snap.run_id), ""
    if method == "umap" and not analyst.umap_ready.is_set():
        method, note = "pca", Words("UMAP is still compiling (first use in this session); PCA meanwhile")
    projector = analyst.projector(snap.run_id)
    started = time.perf_counter()
    coords = projector.project(snap.probe, method)
    seconds = time.perf_counter() - started
    analyst.rest_until = time.monotonic() + 2 * seconds
    settings = projector.settings.describe(method)  # the learner sees what the map was made with
    label = LABELS[method] + (f" ({settings})" if settings else "")
    analyst.send(MapUpdate(snap.run_id, snap.step, method, coords, seconds,
                           note or Words("{map} of {n:,} held-out images in {seconds:.2f} s", map=label,
                                         n=len(coords), seconds=seconds)))


def score_probes(analyst, snap) -> None:
    """The probes job: kNN, linear probe, k-means and collapse gauges; the pixel baseline is cached."""
    from engine.analysis.evaluate import CollapseWatch, probe_scores
    from engine.training.snapshots import MetricsUpdate

    cache_key = analyst.datasets.get(snap.run_id, "")
    if snap.kind == "pixels" and cache_key in analyst.pixel_cache:
        fields = analyst.pixel_cache[cache_key]
    else:
        scores, clusters, collapse = probe_scores(snap.train, snap.train_labels, snap.probe, snap.probe_labels,
                                                  with_clusters=True, head=snap.head)
        warning = ""
        if snap.kind == "model":
            warning = analyst.collapse_watches.setdefault(snap.run_id, CollapseWatch()).warning(collapse)
        fields = dict(scores=scores.as_dict(), singular_values=collapse.singular_values, clusters=clusters,
                      warning=warning)
        if snap.kind == "pixels" and cache_key:
            analyst.pixel_cache[cache_key] = fields
    analyst.send(MetricsUpdate(snap.run_id, snap.step, snap.kind, **fields))


def warm_up(analyst) -> None:
    """Compile UMAP (numba) and say so; a map waiting for UMAP is drawn then."""
    from engine.analysis.project import warm_up_umap
    from engine.training.snapshots import AnalysisStatus

    started = time.perf_counter()
    try:
        warm_up_umap()
    except Exception as e:  # UMAP unusable (a broken numba install): say so, keep PCA and t-SNE
        analyst.send(AnalysisStatus(0, False, Words("UMAP is not available: {error}: {e}", error=type(e).__name__,
                                                    e=str(e))))
        return
    analyst.umap_ready.set()
    analyst.send(AnalysisStatus(0, True, Words("UMAP ready (compiled in {seconds:.1f} s)",
                                               seconds=time.perf_counter() - started)))
    analyst.remap.update(run for run in analyst.last_model if method_of(analyst, run) == "umap")

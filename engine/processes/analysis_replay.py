"""What a freshly started analysis process must be told to catch up with the app (no Qt here).

The GUI restarts the analysis process when it dies (kill -9, a crash in native code). A fresh process
knows nothing: not the map kind the user chose, not the runs, not the layout on screen. The GUI keeps an
AnalysisReplay beside its pipe to the process: it records every message sent there and every snapshot
that comes back, and after a restart sends ``messages()`` (engine.processes.protocol messages), in order:

1. "map_method": the map kind the user chose (a fresh process draws PCA), and "map_settings": the
   t-SNE and UMAP settings (a fresh process has the defaults);
2. per live run, its own "map_method" and "map_settings" where it has them (a lesson's run A at
   perplexity 5 beside B at 50), then its ProbeSet (the data set, which keys the cached pixel baseline);
3. "layout": the last map the GUI received, so the next map warm-starts from it and keeps its
   orientation instead of a cold t-SNE (tens of seconds) that lands elsewhere;
4. the run's newest embeddings: the map is redrawn at once, and probes not yet answered are scored.

That is a few megabytes and one map's time. What is kept is bounded like the process's own state: runs
are dropped on "forget" and at most engine.processes.analysis_process.MAX_RUNS are kept.
"""

from __future__ import annotations

import threading
from typing import Any

from engine.processes.protocol import message


class AnalysisReplay:
    """Records the analysis process's conversation; thread-safe (the GUI sends from several threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.method: str | None = None
        self.settings: dict | None = None  # the last "map_settings" message
        self.probe_sets: dict[int, Any] = {}  # run id -> ProbeSet
        self.map_source: dict[int, Any] = {}  # run id -> newest "model" EmbeddingUpdate
        self.unscored: dict[tuple[int, str], Any] = {}  # (run id, kind) -> newest update with a training set
        self.layouts: dict[int, Any] = {}  # run id -> last MapUpdate received
        self.own: dict[int, dict[str, dict]] = {}  # run id -> its own "map_method" / "map_settings" by kind

    def record(self, sent: dict) -> None:
        """Note one message the GUI sent to the analysis process."""
        from engine.training.snapshots import ProbeSet

        with self._lock:
            kind = sent["kind"]
            if kind in ("map_method", "map_settings") and sent.get("run_id") is not None:
                self._own_choice(sent)
            elif kind == "map_method":
                self.method = sent["method"]
                self._drop_own(kind)
            elif kind == "map_settings":
                self._new_settings(sent)
            elif kind == "forget":
                self._forget(sent["run_id"])
            elif kind == "embeddings":
                snap = sent["snapshot"]
                self._admit(snap.run_id)
                if isinstance(snap, ProbeSet):
                    self.probe_sets[snap.run_id] = snap
                    return
                if snap.kind == "model":
                    self.map_source[snap.run_id] = snap
                if snap.train is not None:
                    self.unscored[(snap.run_id, snap.kind)] = snap

    def seen(self, snapshot: Any) -> None:
        """Note one snapshot the analysis process answered."""
        from engine.training.snapshots import MapUpdate, MetricsUpdate

        with self._lock:
            if isinstance(snapshot, MapUpdate) and snapshot.run_id in self._runs():
                self.layouts[snapshot.run_id] = snapshot
            elif isinstance(snapshot, MetricsUpdate):
                key = (snapshot.run_id, snapshot.kind)
                waiting = self.unscored.get(key)
                if waiting is not None and waiting.step <= snapshot.step:
                    del self.unscored[key]  # answered: the GUI has these scores

    def messages(self) -> list[dict]:
        """What to send a fresh analysis process, in order."""
        with self._lock:
            out: list[dict] = [message("map_method", method=self.method)] if self.method else []
            if self.settings is not None:  # before the layouts: those were made with these settings
                out.append(self.settings)
            for run_id in sorted(self._runs()):
                out.extend(self.own.get(run_id, {}).values())  # before the layout, made with them
                if run_id in self.probe_sets:
                    out.append(message("embeddings", snapshot=self.probe_sets[run_id]))
                layout = self.layouts.get(run_id)
                if layout is not None:
                    out.append(message("layout", run_id=run_id, method=layout.method, coords=layout.coords))
                updates = [u for (run, _kind), u in self.unscored.items() if run == run_id]
                source = self.map_source.get(run_id)
                if source is not None and all(u is not source for u in updates):
                    updates.append(source)
                out.extend(message("embeddings", snapshot=u) for u in sorted(updates, key=lambda u: u.step))
            return out

    def _new_settings(self, sent: dict) -> None:
        """Keep the newest settings; a layout of a projection they change was made with the old ones.

        It is dropped: the fresh process would warm-start from it, where the old one starts that
        projection's next map afresh (engine.analysis.project.Projector.configure).
        """
        from engine.analysis.map_settings import MapSettings

        try:
            new = MapSettings.from_message(sent)
        except ValueError:
            return  # the process refuses them too and keeps the settings it had
        old = MapSettings.from_message(self.settings) if self.settings is not None else MapSettings()
        self.settings = sent
        self.layouts = {run: m for run, m in self.layouts.items()
                        if m.method not in new.changed_methods(self._settings_of(run, old))}
        self._drop_own("map_settings")

    def _settings_of(self, run_id: int, shared):
        """The settings run ``run_id``'s maps were made with: its own, else ``shared``."""
        from engine.analysis.map_settings import MapSettings

        own = self.own.get(run_id, {}).get("map_settings")
        return MapSettings.from_message(own) if own is not None else shared

    def _own_choice(self, sent: dict) -> None:
        """A run's own projection or settings (a message that names the run)."""
        from engine.analysis.map_settings import MapSettings

        run_id = sent["run_id"]
        if sent["kind"] == "map_settings":
            try:
                new = MapSettings.from_message(sent)
            except ValueError:
                return  # refused by the process too
            shared = MapSettings.from_message(self.settings) if self.settings is not None else MapSettings()
            layout = self.layouts.get(run_id)
            if layout is not None and layout.method in new.changed_methods(self._settings_of(run_id, shared)):
                del self.layouts[run_id]
        self._admit(run_id)
        self.own.setdefault(run_id, {})[sent["kind"]] = sent

    def _drop_own(self, kind: str) -> None:
        """A choice for every run replaces the runs' own choices of that kind."""
        for choices in self.own.values():
            choices.pop(kind, None)
        self.own = {run: choices for run, choices in self.own.items() if choices}

    def _stores(self) -> tuple[dict, ...]:
        return self.probe_sets, self.map_source, self.layouts, self.own

    def _runs(self) -> set[int]:
        return {run for store in self._stores() for run in store} | {run for run, _kind in self.unscored}

    def _forget(self, run_id: int) -> None:
        for store in self._stores():
            store.pop(run_id, None)
        self.unscored = {k: v for k, v in self.unscored.items() if k[0] != run_id}

    def _admit(self, run_id: int) -> None:
        from engine.processes.analysis_process import MAX_RUNS

        runs = self._runs()
        if run_id not in runs:
            for old in sorted(runs)[:max(0, len(runs) + 1 - MAX_RUNS)]:
                self._forget(old)

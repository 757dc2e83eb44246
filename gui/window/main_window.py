"""The main window: the experiment panel, the transport, the status bar and the views, in docks.

It shows itself before the engine (and torch) is imported, then loads the engine and starts a paused
run on the default data, so the window is up in about a second and Play works a moment later.
Snapshots arrive through the session's signal and are routed to the views; a snapshot of a run that is
no longer current is dropped.

Its parts, one job each: the views and their docks (window_docks), the transport (transport), the menus
and status bar (window_menus), the layout (window_layout), the routing of snapshots (snapshot_routes)
by the slot of their run (run_slots), and checkpoints (checkpoint_actions).
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from gui.session import Session
from gui.window.checkpoint_actions import CheckpointActions, ask_following_step
from gui.window.presentation import Presentation
from gui.window.run_slots import RunSlots
from gui.window.settings import app_settings
from gui.window.snapshot_routes import SnapshotRoutes
from gui.window.transport import Transport
from gui.window.window_docks import WindowDocks
# MIN_PLOT_HEIGHT: the tests read it here.
from gui.window.window_layout import DEFAULT_SIZE, LAYOUT_VERSION, MIN_PLOT_HEIGHT, WindowLayout  # noqa: F401
from gui.window.window_menus import WindowMenus
from gui.window.window_widgets import Banner


def _tr(text: str) -> str:
    """The main window's words in the user's language (gui/translations/, context "MainWindow")."""
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(SnapshotRoutes, RunSlots, CheckpointActions, Transport, WindowMenus, WindowDocks, WindowLayout,
                 QMainWindow):
    # Run B's panes are built this long after the engine has loaded, one at a time (WindowDocks.prebuild_b_panes);
    # None: when B first shows (ENCODER_LAB_PREBUILD_B=off: the tests' windows, most of which never compare).
    PREBUILD_B_AFTER_MS: int | None = None if os.environ.get("ENCODER_LAB_PREBUILD_B") == "off" else 4000

    def __init__(self, worker=None, analysis: bool = True, fit_screen: bool = True):
        """``worker``: an engine process already spawned by gui.session.start_worker() (else one is);
        ``analysis``: whether to run the analysis process (maps and probes); ``fit_screen``: keep the
        window within its screen (off for screenshots of a chosen size)."""
        super().__init__()
        self.fit_screen = fit_screen
        self.setWindowTitle(_tr("Encoder Lab"))
        self.setAcceptDrops(True)
        self.settings = app_settings()
        self.session = Session(self, worker, analysis)
        from gui.window.autosave import Autosaver

        self.autosave = Autosaver(self)  # off until gui/app.py starts it
        self.session.snapshot.connect(self._route_snapshot)
        self.session.worker_died.connect(self._on_worker_died)
        self.session.analysis_restarted.connect(self._on_analysis_restarted)
        self.run_info = None  # RunStarted of the current run
        self.shown_runs: dict[str, int] = {}  # slot ("A", "B") -> the run id its views show
        self.shown_infos: dict[str, Any] = {}  # slot -> that run's RunStarted
        self.step = 0
        self.saved_step = 0
        self.running = False
        self.current_file: str | None = None
        self.opening: str | None = None
        self.save_results: dict[str, str] = {}
        self.engine_loaded = False
        self.ask_before_discard = True  # tests and scripts turn the question off

        self.banner = Banner()
        self._build_views()
        self.augment_panel.changed.connect(self._on_augment_changed)
        self.panel.structure_changed.connect(self._on_structure_changed)
        self.panel.live_changed.connect(self._on_live_changed)
        self._build_docks()
        self._build_transport()
        self._build_menus()
        self._build_status_bar()
        self.presentation = Presentation(self)  # F11: full screen, large type, caption bar (set_caption)
        self._default_state = self.saveState(LAYOUT_VERSION)
        self.resize(*self._fitting_size(*DEFAULT_SIZE))
        self._sized = False  # the default proportions wait for the first show, at the real size
        self._restore_layout()

    # -- engine start-up --------------------------------------------------------------------------
    def load_engine_when_imported(self, loader, open_file: str | None = None) -> None:
        """Poll (never wait on) the thread that imports the engine; load it once the thread is done."""
        collector = getattr(QApplication.instance(), "gui_thread_collector", None)
        if loader.is_alive():
            if collector is not None:
                collector.pause()  # torch's objects are frozen once loaded, not collected as they come
            QTimer.singleShot(20, lambda: self.load_engine_when_imported(loader, open_file))
        else:
            self.load_engine(open_file)

    def start_first_run(self, config=None, open_file: str | None = None) -> None:
        """Start the first run without importing torch here: the engine process does the work."""
        from engine.training.config import RunConfig

        if open_file:
            self.opening = open_file
            config = RunConfig(resume=open_file, cadence=self.cadence())
        self.start_run(config or RunConfig(method="autoencoder", dataset="mnist5k", cadence=self.cadence()))

    def load_engine(self, open_file: str | None = None, config=None) -> None:
        """Import the engine (torch) here and fill the panel; start the first run if none was started.

        ``open_file`` opens a checkpoint; ``config`` (a RunConfig) replaces the default first run.
        """
        self.panel.populate()
        self.augment_panel.populate()
        self.engine_loaded = True
        if self.PREBUILD_B_AFTER_MS is not None:  # once the first run has had its turn
            QTimer.singleShot(self.PREBUILD_B_AFTER_MS, self, self.prebuild_b_panes)
        for a in (self.reset_action, self.open_action):
            a.setEnabled(True)
        collector = getattr(QApplication.instance(), "gui_thread_collector", None)
        if collector is not None:  # the window and the engine's modules are all loaded now
            QTimer.singleShot(0, collector.freeze_what_is_loaded)
        if self.session.current_id is None and self.session.pending_id is None:
            self.start_first_run(config, open_file)
        else:
            self._show_current_settings()

    @staticmethod
    def cadence():
        from engine.training.config import app_cadence

        return app_cadence()

    # -- running ----------------------------------------------------------------------------------
    def start_run(self, config, paused: bool = True) -> int:
        if self.slow_motion.stop():  # a switch or Reset ends slow motion: the new run waits for Play
            paused = True
            self._set_running(False)
        self.clear_pictures(config)  # a new run starts from a clean screen (RunSlots.clear_pictures)
        return self.session.start(config, paused=paused)

    def confirm_discard(self, doing: str) -> bool:
        """Ask before throwing away training that is not saved; what is thrown away is autosaved first."""
        discard = not self.ask_before_discard or not self.has_unsaved_training() or ask_following_step(
            self, _tr("Discard the current run?"),
            lambda: _tr("The current run has trained to step {0} and is not saved. Discard it to {1}?").format(
                self.step, doing),  # the step the status bar shows, also while the question waits
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel) == QMessageBox.StandardButton.Discard
        if discard:  # A, and B, which every such change closes or starts again: File ▸ Recover… has them
            self.autosave.save_all()
        return discard

    def _route_snapshot(self, snap) -> None:
        if not self.autosave.take_event(snap):  # an autosave's answer is not the user's save
            self._on_snapshot(snap)

    def _on_structure_changed(self, name: str, value: Any) -> None:
        """Data set, method or a hyper-parameter that needs fresh weights: restart, asking first."""
        what = self.panel.describe_change(name, value)
        if not self.confirm_discard(what):
            self._show_current_settings()
            return
        config = self.panel.config(cadence=self.cadence())
        self.start_run(config, paused=not self.running)
        self._carry_b_over(config)

    def _carry_b_over(self, new_a) -> None:
        """Run B stays "run A except …": after a change restarts A, B starts again as the new A with B's
        own differences laid over it, so its label stays true. (A new method or data set closes B.)"""
        from dataclasses import replace

        from gui.window.compare import describe_differences

        b, old_a = self.session.compare_config, self.run_info
        if self.session.compare_id is None or old_a is None or (b.method, b.dataset) != (new_a.method, new_a.dataset):
            return
        own = {k: v for k, v in b.method_params.items() if old_a.params.get(k) != v}
        own_run = {k: v for k, v in b.run_params.items() if old_a.run_params.get(k) != v}
        new_b = replace(new_a, method_params={**new_a.method_params, **own}, run_params={**new_a.run_params, **own_run},
                        augment=b.augment)
        differing = {k for k, v in own.items() if new_a.method_params.get(k) != v} | \
            {k for k, v in own_run.items() if new_a.run_params.get(k) != v}
        if differing == set(own) | set(own_run) and differing:  # the change left B's own settings alone
            label = self.session.compare_label
        else:  # the change was to one of them: say what differs now
            label = ", ".join(describe_differences(new_a.method_params, new_b.method_params)
                              + describe_differences(new_a.run_params, new_b.run_params)) or _tr("same settings")
        self.start_comparison(new_b, label)

    def _on_live_changed(self, name: str, value: Any) -> None:
        if self.session.control is not None:
            self.session.control.set_param(name, value)

    def _on_augment_changed(self, ops: dict) -> None:
        if self.session.control is not None:
            self.session.control.set_augment(ops)

    def _on_interact_requested(self, payload: dict, tag: str, slot: str = "A") -> None:
        control = self.control_of(slot)
        if control is not None:
            control.interact(payload, tag)

    def _on_decode_requested(self, codes, tag: str, slot: str = "A") -> None:
        control = self.control_of(slot)  # B's explorer asks run B
        if control is not None:
            control.decode(codes, tag)

    def _show_current_settings(self) -> None:
        info = self.run_info
        if info is not None and self.engine_loaded:
            self.panel.show_run(info.method, info.dataset, info.params, info.run_params)

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): a dialog must not stop the views from drawing
        self.last_error = (title, message)

    # -- closing ----------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self.ask_before_discard and not self.offer_save_before_close():
            event.ignore()
            return
        from gui.recording.record_actions import stop_recording

        stop_recording(self, wait=True)  # the clip so far is written, not lost with the window
        player = getattr(self, "lesson_player", None)
        if player is not None:  # a lesson's check still measuring in a process of its own: killed now
            player.judge.clear()
        self._save_layout()
        QApplication.instance().focusChanged.disconnect(self.key_filters._follow)
        self.session.shutdown()
        event.accept()

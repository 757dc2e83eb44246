"""The main window: the experiment panel, the transport, the status bar and the views, in docks.

It shows itself before the engine (and torch) is imported, then loads the engine and starts a paused
run on the default data, so the window is up in about a second and Play works a moment later.
Snapshots arrive through the session's signal and are routed to the views; a snapshot of a run that is
no longer current is dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QDockWidget, QHBoxLayout, QLabel, QLineEdit,
                               QMainWindow, QMessageBox, QPushButton, QScrollArea, QStyle, QTextEdit, QToolBar,
                               QWidget)

from gui.panels.augment_panel import AugmentPanel
from gui.window.checkpoint_actions import CheckpointActions
from gui.window.snapshot_routes import SnapshotRoutes
from gui.panels.experiment_panel import ExperimentPanel
from gui.session import Session
from gui.window.settings import app_settings
from gui.views.image_view import ImageView
from gui.views.latent.latent_view import LatentView
from gui.views.loss_view import LossView
from gui.views.map.map_view import MapView
from gui.views.method.method_view import MethodView
from gui.views.metrics_view import MetricsView
from gui.window.window_layout import DEFAULT_SIZE, LAYOUT_VERSION, MIN_PLOT_HEIGHT, WindowLayout



class Banner(QWidget):
    """A coloured line across the top for what must not be missed (a diverged run, out of memory)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        close = QPushButton("✕")
        close.setFlat(True)
        close.setFixedWidth(28)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.setAutoFillBackground(True)
        self.hide()

    def show_message(self, text: str, error: bool = True) -> None:
        colour = "#fde2e1" if error else "#fff4d6"
        self.setStyleSheet(f"background: {colour}; color: #5a1a14;" if error else f"background: {colour};")
        self.label.setText(text)
        self.show()


class ModestScrollArea(QScrollArea):
    """A scroll area that asks for a modest size whatever it holds: the dock layout hands out space by
    size hints, and a tall figure's hint would otherwise take the Loss plot's height when it arrives."""

    def sizeHint(self):  # noqa: N802 (Qt override)
        return QSize(480, 320)


class TransportKeys(QObject):
    """Space, S and R drive the run from anywhere in the window.

    As plain shortcuts they were eaten by whatever had focus (Space opens a focused combo box, letters
    select in it), so a lecturer's Space did nothing. This filter takes them first, except while the
    user is typing into a text or number field.
    """

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.keys = {Qt.Key.Key_Space: window.toggle_play, Qt.Key.Key_S: window.single_step,
                     Qt.Key.Key_R: window.reset}

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        action = self.keys.get(event.key())
        if action is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        focus = obj if isinstance(obj, QWidget) else QApplication.focusWidget()
        typing = (QLineEdit, QAbstractSpinBox, QTextEdit)
        if isinstance(focus, typing) or isinstance(focus.parent() if focus else None, typing) \
                or QApplication.activeModalWidget():
            return False
        if focus is not None and focus.window() is not self.window:
            return False
        if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
            action()
        event.accept()
        return True


class MainWindow(SnapshotRoutes, CheckpointActions, WindowLayout, QMainWindow):
    engine_ready = Signal()

    def __init__(self, worker=None, analysis: bool = True, fit_screen: bool = True):
        """``worker``: an engine process already spawned by gui.session.start_worker() (else one is);
        ``analysis``: whether to run the analysis process (maps and probes); ``fit_screen``: keep the
        window within its screen (off for screenshots of a chosen size)."""
        super().__init__()
        self.fit_screen = fit_screen
        self.setWindowTitle("Encoder Lab")
        self.setAcceptDrops(True)
        self.settings = app_settings()
        self.session = Session(self, worker, analysis)
        self.session.snapshot.connect(self._on_snapshot)
        self.session.worker_died.connect(self._on_worker_died)
        self.session.analysis_restarted.connect(self._on_analysis_restarted)
        self.run_info = None  # RunStarted of the current run
        self.step = 0
        self.saved_step = 0
        self.running = False
        self.current_file: str | None = None
        self.opening: str | None = None
        self.save_results: dict[str, str] = {}
        self.engine_loaded = False
        self.ask_before_discard = True  # tests and scripts turn the question off

        self.banner = Banner()
        self.panel = ExperimentPanel()
        self.panel.setMinimumWidth(290)
        self.loss_view = LossView()
        self.image_view = ImageView()
        self.latent_view = LatentView()
        self.latent_view.decode_requested.connect(self._on_decode_requested)
        self.map_view = MapView()
        self.map_view.method_changed.connect(self.session.set_map_method)
        self.metrics_view = MetricsView()
        self.method_view = MethodView()
        self.method_view.interact_requested.connect(self._on_interact_requested)
        self.augment_panel = AugmentPanel()
        self.augment_panel.changed.connect(self._on_augment_changed)
        self.panel.structure_changed.connect(self._on_structure_changed)
        self.panel.live_changed.connect(self._on_live_changed)

        self.docks: dict[str, QDockWidget] = {}
        self._dock("Experiment", self.panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("Images", self.image_view, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Loss", self.loss_view, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Latent explorer", self.latent_view, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Embedding map", self.map_view, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Metrics", self.metrics_view, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Method view", self.method_view, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Augmentations", self.augment_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.splitDockWidget(self.docks["Images"], self.docks["Latent explorer"], Qt.Orientation.Vertical)
        self.splitDockWidget(self.docks["Images"], self.docks["Loss"], Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.docks["Latent explorer"], self.docks["Embedding map"])
        self.tabifyDockWidget(self.docks["Loss"], self.docks["Metrics"])
        self.tabifyDockWidget(self.docks["Latent explorer"], self.docks["Method view"])
        self.tabifyDockWidget(self.docks["Experiment"], self.docks["Augmentations"])
        self.docks["Experiment"].raise_()
        self.docks["Latent explorer"].raise_()
        self.docks["Loss"].raise_()
        # No central widget: every view is a dock, and the docks share the whole window.
        self._build_actions()
        self._build_status_bar()
        for view in (self.loss_view, self.metrics_view, self.image_view):
            view.setMinimumHeight(MIN_PLOT_HEIGHT)
        self._default_state = self.saveState(LAYOUT_VERSION)
        self.resize(*self._fitting_size(*DEFAULT_SIZE))
        self._sized = False  # the default proportions wait for the first show, at the real size
        self._restore_layout()

    # -- construction -----------------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget, area) -> None:
        if title == "Method view":
            # Some methods' figures need more height than a projector's dock has (VQ-VAE's usage chart,
            # users and code grid: about 600 px): they scroll there, rather than forcing the window
            # taller than the screen and squeezing the Loss plot. Width always fits (it lays out by it).
            scroll = ModestScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(widget)
            widget = scroll
        dock = QDockWidget(title, self)
        dock.setObjectName(title.replace(" ", "_"))
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[title] = dock

    def _build_actions(self) -> None:
        bar = QToolBar("Transport")
        bar.setObjectName("transport")
        bar.setMovable(False)
        self.addToolBar(bar)
        style = self.style()
        self.icons = {k: style.standardIcon(getattr(QStyle.StandardPixmap, f"SP_Media{k}")) for k in ("Play", "Pause")}
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # Their keys (Space, S, R) are handled by TransportKeys, so that no focused widget eats them.
        self.play_action = QAction(self.icons["Play"], "Play", self, triggered=self.toggle_play,
                                   toolTip="Play / pause training (Space)")
        self.step_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward), "Step", self,
                                   triggered=self.single_step, toolTip="Take exactly one training step (S)")
        self.reset_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload), "Reset", self,
                                    triggered=self.reset,
                                    toolTip="Start again from fresh weights with the settings on the left (R)")
        for a in (self.play_action, self.step_action, self.reset_action):
            a.setEnabled(False)
            bar.addAction(a)
        self.transport_keys = TransportKeys(self)
        QApplication.instance().installEventFilter(self.transport_keys)
        bar.addSeparator()
        banner_bar = QToolBar("Messages")
        banner_bar.setObjectName("messages")
        banner_bar.setMovable(False)
        self.addToolBarBreak()
        self.addToolBar(banner_bar)
        banner_bar.addWidget(self.banner)

        file_menu = self.menuBar().addMenu("&File")
        self.open_action = file_menu.addAction("&Open checkpoint…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.save_action = file_menu.addAction("&Save checkpoint", self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = file_menu.addAction("Save checkpoint &as…", self.save_as,
                                                  QKeySequence.StandardKey.SaveAs)
        file_menu.addSeparator()
        file_menu.addAction("&Quit", self.close, QKeySequence.StandardKey.Quit)
        for a in (self.open_action, self.save_action, self.save_as_action):
            a.setEnabled(False)
        view_menu = self.menuBar().addMenu("&View")
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        self.reset_layout_action = view_menu.addAction("Reset &layout", self.reset_layout)
        self.reset_layout_action.setToolTip("Every view back in its default place and size")
        self.rebuild_recent_menu()

    def _build_status_bar(self) -> None:
        self.status_labels = {}
        for key in ("step", "epoch", "speed", "device", "elapsed"):
            label = QLabel("")
            label.setMinimumWidth(90)
            self.statusBar().addPermanentWidget(label)
            self.status_labels[key] = label
        self.status_labels["step"].setText("loading…")

    # -- engine start-up --------------------------------------------------------------------------
    def load_engine_when_imported(self, loader, open_file: str | None = None) -> None:
        """Poll (never wait on) the thread that imports the engine; load it once the thread is done."""
        if loader.is_alive():
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
        self.engine_loaded = True
        for a in (self.reset_action, self.open_action):
            a.setEnabled(True)
        if self.session.current_id is None and self.session.pending_id is None:
            self.start_first_run(config, open_file)
        else:
            self._show_current_settings()
        self.engine_ready.emit()

    @staticmethod
    def cadence():
        from engine.training.config import app_cadence

        return app_cadence()

    # -- running ----------------------------------------------------------------------------------
    def start_run(self, config, paused: bool = True) -> int:
        return self.session.start(config, paused=paused)

    def confirm_discard(self, doing: str) -> bool:
        """Ask before throwing away training that is not saved."""
        if not self.ask_before_discard or not self.has_unsaved_training():
            return True
        answer = QMessageBox.question(
            self, "Discard the current run?",
            f"The current run has trained to step {self.step} and is not saved. Discard it to {doing}?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def _transport_target(self):
        """The run a transport press acts on: the one being started, if any, else the current one.

        Presses go straight to a starting run (the engine holds its control from the moment it is
        asked to start), so Play pressed while a switch loads is kept, not lost or applied twice.
        """
        session = self.session
        if session.pending_id is not None:
            return session.controls.get(session.pending_id)
        return session.control

    def toggle_play(self) -> None:
        """One press, one action: the button shows the new state at once, and the engine follows."""
        if not self.play_action.isEnabled():
            return
        want_running = not self.running
        control = self._transport_target()
        if control is None:
            if want_running and self.engine_loaded:
                self.start_run(self.panel.config(cadence=self.cadence()), paused=False)
                self._set_running(True)
            return
        if want_running:
            control.resume()
        else:
            control.pause()
            if self.session.control is not None and self.session.control is not control:
                self.session.control.pause()  # the run on screen stops too while the next one loads
        self._set_running(want_running)

    def single_step(self) -> None:
        control = self._transport_target()
        if control is not None and self.step_action.isEnabled():
            control.step()
            self._set_running(False)

    def reset(self) -> None:
        if self.engine_loaded and self.reset_action.isEnabled() and self.confirm_discard("start again"):
            self.start_run(self.panel.config(cadence=self.cadence()), paused=True)

    def _on_structure_changed(self, name: str, value: Any) -> None:
        """Data set, method or a hyper-parameter that needs fresh weights: restart, asking first."""
        what = self.panel.describe_change(name, value)
        if not self.confirm_discard(what):
            self._show_current_settings()
            return
        self.start_run(self.panel.config(cadence=self.cadence()), paused=not self.running)

    def _on_live_changed(self, name: str, value: Any) -> None:
        if self.session.control is not None:
            self.session.control.set_param(name, value)

    def _on_augment_changed(self, ops: dict) -> None:
        if self.session.control is not None:
            self.session.control.set_augment(ops)

    def _on_interact_requested(self, payload: dict, tag: str) -> None:
        if self.session.control is not None:
            self.session.control.interact(payload, tag)

    def _on_decode_requested(self, codes, tag: str) -> None:
        if self.session.control is not None:
            self.session.control.decode(codes, tag)

    def _show_current_settings(self) -> None:
        info = self.run_info
        if info is not None and self.engine_loaded:
            self.panel.show_run(info.method, info.dataset, info.params, info.run_params)

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.play_action.setText("Pause" if running else "Play")
        self.play_action.setIcon(self.icons["Pause" if running else "Play"])
        self.step_action.setEnabled(not running and self._transport_target() is not None)

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
        self._save_layout()
        QApplication.instance().removeEventFilter(self.transport_keys)
        self.session.shutdown()
        event.accept()

"""The transport: Play / Pause, Step and Reset, on the toolbar and on Space, S and R from anywhere in the
window (and, while a GAN trains, Step D and Step G on D and G: one player alone, and Slow motion on M: Play
alternates them with a pause between, gui/window/slow_motion.py). A mixin of MainWindow; each press acts at
once on the button and is sent to the engine. With a comparison, every press acts on run B too: both runs
play, pause, step and start again together, so their curves stay step for step comparable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QStyle, QTextEdit, QToolBar, QWidget

from gui.window.focus_filters import FocusFilters
from gui.window.slow_motion import SlowMotion


def _tr(text: str) -> str:
    """The transport's words in the user's language (gui/translations/, context "Transport")."""
    return QCoreApplication.translate("Transport", text)


class TransportKeys(QObject):
    """Space, S and R drive the run from anywhere in the window.

    As plain shortcuts they were eaten by whatever had focus (Space opens a focused combo box, letters
    select in it), so a lecturer's Space did nothing. This filter takes them first, except while the
    user is typing into a text or number field.
    """

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.keys = {Qt.Key.Key_Space: window.toggle_play, Qt.Key.Key_S: window.single_step,
                     Qt.Key.Key_R: window.reset, Qt.Key.Key_D: lambda: window.player_step("discriminator"),
                     Qt.Key.Key_G: lambda: window.player_step("generator"), Qt.Key.Key_M: window.toggle_slow_motion}

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


class Transport:
    """Needs from the window: session, panel, banner, running, engine_loaded, start_run(), cadence(),
    confirm_discard()."""

    def _build_transport(self) -> None:
        bar = QToolBar(_tr("Transport"))
        bar.setObjectName("transport")
        bar.setMovable(False)
        self.addToolBar(bar)
        style = self.style()
        self.icons = {k: style.standardIcon(getattr(QStyle.StandardPixmap, f"SP_Media{k}")) for k in ("Play", "Pause")}
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # Their keys (Space, S, R) are handled by TransportKeys, so that no focused widget eats them.
        self.play_action = QAction(self.icons["Play"], _tr("Play"), self, triggered=self.toggle_play,
                                   toolTip=_tr("Play / pause training (Space)"))
        self.step_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward), _tr("Step"), self,
                                   triggered=self.single_step, toolTip=_tr("Take exactly one training step (S)"))
        self.reset_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload), _tr("Reset"), self,
                                    triggered=self.reset,
                                    toolTip=_tr("Start again from fresh weights with the settings on the left (R)"))
        for a in (self.play_action, self.step_action, self.reset_action):
            a.setEnabled(False)
            bar.addAction(a)
        # GAN Lab's steps of one player, shown while a generator trains (show_player_steps).
        self.player_actions = {
            "discriminator": QAction(_tr("Step D"), self, triggered=lambda: self.player_step("discriminator"),
                                     toolTip=_tr("One step of the discriminator (a WGAN's critic) alone: the "
                                                 "generator does not move (D)")),
            "generator": QAction(_tr("Step G"), self, triggered=lambda: self.player_step("generator"),
                                 toolTip=_tr("One step of the generator alone, against the discriminator as it "
                                             "is (G)"))}
        for a in self.player_actions.values():
            a.setVisible(False)
            bar.addAction(a)
        self.slow_motion = SlowMotion(self, self)  # shown with Step D / Step G
        self.slow_motion.add_to(bar)
        self.transport_keys = TransportKeys(self)
        self.key_filters = FocusFilters(self)  # on the focused widget, not the application (focus_filters.py)
        self.key_filters.add(self.transport_keys)
        bar.addSeparator()
        banner_bar = QToolBar(_tr("Messages"))
        banner_bar.setObjectName("messages")
        banner_bar.setMovable(False)
        self.addToolBarBreak()
        self.addToolBar(banner_bar)
        banner_bar.addWidget(self.banner)
        self.banner.bar = banner_bar
        banner_bar.setVisible(self.banner.isVisibleTo(banner_bar))

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
                slow = self.slow_motion.enabled()  # then the new run waits for slow motion's steps
                self.start_run(self.panel.config(cadence=self.cadence()), paused=slow)
                self._set_running(True)
                if slow:
                    self.slow_motion.start()
            return
        b = self.session.control_b
        if want_running:
            self.banner.dismiss()  # the user acted on what it said (a diverged run goes on from good weights)
            player = getattr(self, "lesson_player", None)
            if player is not None:  # a lesson's runs stop at its budget however often Play is pressed
                player.hold_at_budget()
            if self.slow_motion.enabled():  # one player's step at a time, never a free run
                self.hold_engines()
                self._set_running(True)
                self.slow_motion.start()
                return
            control.resume()
            if b is not None:
                b.resume()
        else:
            control.pause()
            if self.session.control is not None and self.session.control is not control:
                self.session.control.pause()  # the run on screen stops too while the next one loads
            if b is not None:
                b.pause()
        self._set_running(want_running)

    def single_step(self, player: str = "") -> None:
        """One training step of A (and B); ``player`` "discriminator" or "generator": that side of a GAN alone."""
        if self.step_action.isEnabled() and self.send_step(player):
            self._set_running(False)

    def send_step(self, player: str = "") -> bool:
        """Send one step (of ``player`` alone, if given) to A and B, whatever the button shows; False when
        there is no run to step. Slow motion steps through here while the button shows Pause."""
        control = self._transport_target()
        if control is None:
            return False
        control.step(player=player)
        if self.session.control_b is not None:
            self.session.control_b.step(player=player)
        return True

    def hold_engines(self) -> None:
        """The engines stop free-running (A's, the one being started, and B's); the button is left as it is."""
        for control in {id(c): c for c in (self._transport_target(), self.session.control,
                                           self.session.control_b) if c is not None}.values():
            control.pause()

    def player_step(self, player: str) -> None:
        """Step D or Step G (the buttons, or D and G): only while a generator trains."""
        if self.player_actions[player].isVisible():
            self.single_step(player)

    def toggle_slow_motion(self) -> None:
        """M: Slow motion on or off, while a generator trains (when its button shows)."""
        if self.slow_motion.action.isVisible():
            self.slow_motion.action.toggle()

    def show_player_steps(self, family: str) -> None:
        """Step D and Step G appear for a method of the adversarial family (a GAN's two players)."""
        for a in self.player_actions.values():
            a.setVisible(family == "adversarial")
        self.slow_motion.set_shown(family == "adversarial")
        presentation = getattr(self, "presentation", None)
        if presentation is not None:
            presentation.keys_changed()  # D, G and M are listed while presenting a GAN

    def reset(self) -> None:
        if self.engine_loaded and self.reset_action.isEnabled() and self.confirm_discard(_tr("start again")):
            self.start_run(self.panel.config(cadence=self.cadence()), paused=True)
            session = self.session
            if session.compare_id is not None:  # B starts again too, from fresh weights, with its settings
                self.start_comparison(session.compare_config, session.compare_label, paused=True,
                                      base=session.compare_base)

    def _set_running(self, running: bool) -> None:
        if not running:
            self.slow_motion.stop()  # Pause, a single step, the engine pausing itself, the run ending
        self.running = running
        self.play_action.setText(_tr("Pause") if running else _tr("Play"))
        self.play_action.setIcon(self.icons["Pause" if running else "Play"])
        self.step_action.setEnabled(not running and self._transport_target() is not None)

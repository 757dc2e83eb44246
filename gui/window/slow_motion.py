"""Slow motion, GAN Lab's way of watching the game: while it is on and the run plays, the window does not
let the engine free-run but sends one step of the discriminator, then one of the generator, and so on,
with a pause between, so that a class sees D's map change, then G's points move after it.

Each step is a single step of one player (the transport's Step D / Step G path: RunControl.step with a
player). The next is sent once the last has come back (the window's step moved on) and the pause has
passed, so a slow step on images never queues a backlog of steps behind it. Pause, turning it off, a
single step, the engine pausing itself and a new run (a switch, Reset) all stop it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDoubleSpinBox, QToolBar

PLAYERS = ("discriminator", "generator")  # in this order: D judges, then G answers its new judgement
PAUSE_S = 0.7  # between two steps: long enough to see what one step changed, short enough to stay a game
WAIT_POLL_MS = 50  # how often a step that has not come back yet is looked for
STEP_WAIT_S = 10.0  # a step that never comes back (the budget dropped it) no longer holds up the next


def _tr(text: str) -> str:
    """Slow motion's words in the user's language (gui/translations/, context "SlowMotion")."""
    return QCoreApplication.translate("SlowMotion", text)


class SlowMotion(QObject):
    """Slow motion for ``window`` (a MainWindow, or anything with ``running``, ``step``,
    ``send_step(player) -> bool``, ``hold_engines()`` and ``_set_running(bool)``).

    ``action`` (checkable) and ``spin`` (the pause, in seconds) go on the transport's toolbar; they show
    for the adversarial family only (``set_shown``). ``stepped(player)`` follows each step sent."""

    stepped = Signal(str)

    def __init__(self, window, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.playing = False  # alternating now (the window shows Pause meanwhile)
        self.next_player = 0  # index in PLAYERS of the next step's player
        self._sent_at: tuple[int, float] | None = None  # (the window's step, the time) of the last step sent
        self.action = QAction(_tr("Slow motion"), self, checkable=True)
        self.action.setToolTip(_tr("While playing, one step of the discriminator, a pause, one step of the "
                                   "generator, a pause, and so on: see D's map change, then G's points follow (key M)"))
        self.action.toggled.connect(self._on_toggled)
        self.spin = QDoubleSpinBox()
        self.spin.setRange(0.1, 5.0)
        self.spin.setSingleStep(0.1)
        self.spin.setDecimals(1)
        self.spin.setValue(PAUSE_S)
        self.spin.setSuffix(_tr(" s"))
        self.spin.setToolTip(_tr("Slow motion's pause between two steps, in seconds"))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._tick)
        self._bar_actions: list[QAction] = []

    def add_to(self, bar: QToolBar) -> None:
        bar.addAction(self.action)
        self._bar_actions = [self.action, bar.addWidget(self.spin)]
        self.set_shown(False)

    def set_shown(self, shown: bool) -> None:
        """Shown for a method with players to step alone; hidden, it stops and is off."""
        for a in self._bar_actions or [self.action]:
            a.setVisible(shown)
        if not shown:
            self.action.setChecked(False)
            self.stop()

    def enabled(self) -> bool:
        """Whether Play should alternate the players rather than free-run."""
        return self.action.isChecked() and self.action.isVisible()

    # -- playing ----------------------------------------------------------------------------------
    def start(self) -> None:
        """Alternate from now on, D first; the window has paused the engine's free run (or never began it)."""
        self.playing = True
        self.next_player = 0
        self._sent_at = None
        self._tick()

    def stop(self) -> bool:
        """Stop alternating; returns whether it was."""
        was = self.playing
        self.playing = False
        self.timer.stop()
        self._sent_at = None
        return was

    def _tick(self) -> None:
        if not self.playing:
            return
        if self._sent_at is not None:
            step, sent = self._sent_at
            if self.window.step == step and time.monotonic() - sent < STEP_WAIT_S:
                self.timer.start(WAIT_POLL_MS)  # the last step has not come back (moved the step on) yet
                return
        player = PLAYERS[self.next_player]
        self._sent_at = (self.window.step, time.monotonic())
        if not self.window.send_step(player):  # no run to step (it ended, or a new one is loading)
            self.stop()
            self.window._set_running(False)
            return
        self.next_player = 1 - self.next_player
        self.stepped.emit(player)
        self.timer.start(round(self.spin.value() * 1000))

    def _on_toggled(self, on: bool) -> None:
        window = self.window
        if on and window.running and not self.playing:  # free-running: from now on, one player at a time
            window.hold_engines()
            self.start()
        elif not on and self.playing:  # the run stops where it is; Play free-runs from there
            self.stop()
            window._set_running(False)

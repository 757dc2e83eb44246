"""Slow motion (issue 20 §1, GAN Lab's transport): while on and playing, one step of the discriminator,
a pause, one of the generator, a pause, and so on; Pause, turning it off, a switch or Reset stop it."""

import time

import pytest


class FakeWindow:
    """What slow motion needs of the window; each step sent "comes back" at once unless told not to."""

    def __init__(self):
        self.running, self.step, self.held = False, 0, 0
        self.sent: list[tuple[str, float]] = []
        self.steps_come_back = True
        self.slow = None

    def send_step(self, player: str) -> bool:
        self.sent.append((player, time.monotonic()))
        if self.steps_come_back:
            self.step += 1
        return True

    def hold_engines(self) -> None:
        self.held += 1

    def _set_running(self, running: bool) -> None:
        if not running:
            self.slow.stop()
        self.running = running


@pytest.fixture
def slow(qapp):
    from gui.window.slow_motion import SlowMotion

    window = FakeWindow()
    window.slow = SlowMotion(window)
    window.slow.spin.setValue(0.1)
    window.slow.set_shown(True)
    yield window.slow
    window.slow.stop()


def test_it_alternates_d_and_g_with_a_pause_between(qtbot, slow):
    window = slow.window
    slow.start()
    qtbot.waitUntil(lambda: len(window.sent) >= 5, timeout=5000)
    players = [p for p, _ in window.sent]
    assert players[:5] == ["discriminator", "generator", "discriminator", "generator", "discriminator"]
    gaps = [b - a for (_, a), (_, b) in zip(window.sent, window.sent[1:])]
    assert min(gaps) >= 0.09  # the pause, each time
    slow.stop()
    n = len(window.sent)
    qtbot.wait(300)
    assert len(window.sent) == n and not slow.playing


def test_the_next_step_waits_for_the_last_to_come_back(qtbot, slow):
    window = slow.window
    window.steps_come_back = False  # a slow step on images: the engine is still at it
    slow.start()
    qtbot.wait(400)
    assert [p for p, _ in window.sent] == ["discriminator"]
    window.step += 1  # it came back
    qtbot.waitUntil(lambda: len(window.sent) == 2, timeout=2000)
    assert window.sent[1][0] == "generator"


def test_turning_it_on_while_playing_holds_the_engine_and_off_pauses(qtbot, slow):
    window = slow.window
    window.running = True  # free-running
    slow.action.setChecked(True)
    assert slow.playing and window.held == 1 and window.sent[0][0] == "discriminator"
    slow.action.setChecked(False)
    assert not slow.playing and not window.running  # the run stops where it is; Play free-runs from there
    slow.action.setChecked(True)  # on while paused: nothing moves until Play
    assert not slow.playing and slow.enabled()
    slow.set_shown(False)  # a method without players to step alone
    assert not slow.enabled() and not slow.action.isChecked()


def test_the_window_plays_in_slow_motion_and_stops_on_pause_and_reset(qtbot, gui_settings):
    from PySide6.QtCore import Qt

    from engine.training.config import RunConfig
    from gui.window.main_window import MainWindow
    from tests.gui_helpers import open_app_window, settle, wait_until

    w = open_app_window(qtbot, RunConfig(method="gan", dataset="digits", method_params={"width": 8},
                                         cadence=MainWindow.cadence()))
    w.ask_before_discard = False
    assert w.slow_motion.action.isVisible()
    sent = []

    def step(n=1, player=""):  # the engine's answer, as its LossUpdate would move the window's step on
        sent.append(player)
        w._show_step(w.step + 1)

    w.session.control.step = step
    qtbot.keyClick(w, Qt.Key.Key_D)  # Step D alone, as before slow motion came
    assert sent == ["discriminator"] and not w.running
    sent.clear()
    w.slow_motion.spin.setValue(0.1)
    qtbot.keyClick(w, Qt.Key.Key_M)  # Slow motion on, from the keyboard as a lecturer would
    assert w.slow_motion.action.isChecked()
    w.presentation.enter()  # while presenting, the caption bar's keys name D, G and M
    assert {"D", "G", "M"} <= {key for key, _what in w.presentation.key_list()}
    w.presentation.leave()
    qtbot.keyClick(w, Qt.Key.Key_Space)  # Play
    wait_until(lambda: len(sent) >= 4, timeout=10, what="four slow-motion steps")
    assert sent[:4] == ["discriminator", "generator", "discriminator", "generator"]
    assert w.running and w.play_action.text() == "Pause" and w.session.control.paused  # never a free run
    qtbot.keyClick(w, Qt.Key.Key_Space)  # Pause
    n = len(sent)
    settle(0.4)
    assert len(sent) == n and not w.running and not w.slow_motion.playing

    qtbot.keyClick(w, Qt.Key.Key_Space)
    wait_until(lambda: len(sent) > n, timeout=10, what="slow motion again")
    w.reset()  # a new run: slow motion stops, and the new run waits for Play
    assert not w.slow_motion.playing and not w.running
    wait_until(lambda: w.session.pending_id is None, timeout=120, what="the new run")
    assert not w.running and w.slow_motion.action.isChecked()  # still on, for the next Play
    w.panel.method.setCurrentIndex(w.panel.method.findData("vae"))
    wait_until(lambda: w.run_info.method == "vae", timeout=120, what="run A on the VAE")
    assert not w.slow_motion.action.isVisible() and not w.slow_motion.action.isChecked()
    qtbot.keyClick(w, Qt.Key.Key_M)  # no generator: M does nothing
    assert not w.slow_motion.action.isChecked()
    assert "M" not in {key for key, _what in w.presentation.key_list()}

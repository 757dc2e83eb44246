"""Play starts both runs (issue 19 §6): a lesson's runs stayed at step 0 for over 70 s while the button
showed Pause. Two causes: run B was started paused when Play had been pressed while a switch loaded
(it followed the old run, which stays paused, not the new one), and the engine's runs blocked sending
their first views to a window whose pipe reader was itself blocked forwarding embeddings to a busy
analysis process (the second needs the pipes of issue 19 §1: gui/session.py, engine/processes/)."""

from __future__ import annotations

import os
import signal

import pytest

from tests.gui_helpers import open_app_window, wait_until
from tests.test_lesson_app import tiny_lesson


def test_a_lessons_b_plays_when_play_was_pressed_while_a_switch_loaded(window, tmp_path):
    from gui.window.lesson_player import open_lesson

    window.panel.method.setCurrentIndex(window.panel.method.findData("autoencoder"))  # a switch: pending
    assert window.session.pending_id is not None
    window.toggle_play()  # while it loads: the new run will play, the old one stays paused
    assert window.running and window.session.control.paused
    assert open_lesson(window, str(tiny_lesson(tmp_path)))
    b_id = window.session.compare_id
    assert not window.session.controls[b_id].paused  # as run A was asked to, not as the old run is
    wait_until(lambda: window.slot_of(b_id) == "B" and getattr(window, "step_b", 0) > 0 and window.step > 0,
               timeout=120, what="both runs of the lesson to train")


@pytest.mark.analysis
def test_play_trains_both_runs_while_the_analysis_process_reads_nothing(qtbot, gui_settings):
    """A busy analysis process (a t-SNE, UMAP compiling, a loaded machine: SIGSTOP looks the same to a
    pipe) must not hold up training: on mnist5k the first embeddings alone fill the pipe to it."""
    from engine.training.config import RunConfig
    from gui.window.compare import config_of_a
    from gui.window.main_window import MainWindow

    w = open_app_window(qtbot, RunConfig(method="autoencoder", dataset="mnist5k", run_params={"batch_size": 32},
                                         cadence=MainWindow.cadence()), analysis=True)
    w.ask_before_discard = False
    pid = w.session.analysis_pid()
    os.kill(pid, signal.SIGSTOP)
    try:
        w.start_comparison(config_of_a(w), "same settings")  # two runs, as a lesson has
        w.toggle_play()
        # Generous: what fails here is a hang (before the fix the runs stood at step 0 until the
        # analysis read again), not a slow machine.
        wait_until(lambda: w.slot_of(w.session.compare_id) == "B" and w.step >= 20
                   and getattr(w, "step_b", 0) >= 20, timeout=180, what="both runs to train on")
    finally:
        os.kill(pid, signal.SIGCONT)
    w.close()

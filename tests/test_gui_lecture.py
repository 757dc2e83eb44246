"""The app as a lecture uses it: switches mid-run start from a clean screen, the transport does what it
says at once, and faults (a dead engine or analysis process) end in a message and a working app."""

import os
import signal
import time

import numpy as np
import pytest

from engine.training.config import RunConfig
from tests.gui_helpers import open_app_window, round_trip, wait_until


def _switch(window, method: str | None = None, dataset: str | None = None) -> None:
    before = window.session.current_id
    if method:
        window.panel.method.setCurrentIndex(window.panel.method.findData(method))
    if dataset:
        window.panel.dataset.setCurrentIndex(window.panel.dataset.findData(dataset))
    wait_until(lambda: window.session.current_id != before and window.session.pending_id is None,
               what="the new run")


def test_a_switch_mid_run_leaves_nothing_of_the_last_run(window):
    window.toggle_play()
    wait_until(lambda: window.step >= 20 and window.latent_view.decoded_item.image is not None
               and window.loss_view.n_points() > 5, what="the VAE training with its views filled")
    old_decoded = window.latent_view.decoded_item.image.copy()
    _switch(window, method="autoencoder")
    # At the switch every view forgot the old run, before any of the new run's data came in.
    assert window.run_info.method == "autoencoder"
    assert window.loss_view.n_points() <= 5 * 20  # the VAE's 20+ points are gone (new ones may stream in)
    assert "kl" not in window.loss_view.term_names()
    wait_until(lambda: window.latent_view.decoded_item.image is not None, what="the autoencoder's decoded image")
    assert window.latent_view.dim == window.run_info.latent_dim == len(window.latent_view.sliders) != 2
    assert not window.latent_view.tabs.isTabVisible(window.latent_view.tabs.indexOf(window.latent_view.kl_tab))
    assert old_decoded.shape != window.latent_view.decoded_item.image.shape or \
        not np.array_equal(old_decoded, window.latent_view.decoded_item.image)
    window.toggle_play()


def test_a_data_set_switch_reframes_the_images(window):
    wait_until(lambda: window.image_view.rows, what="the digits")
    _switch(window, dataset="sprites")
    wait_until(lambda: window.image_view.rows and window.image_view.rows[0][1].shape[1] == 32, what="sprites")
    rect = window.image_view.vb.viewRect()
    mosaic = window.image_view.item.image
    # The view frames the new, larger mosaic whole (it was framed for 8x8 digits and drew them shrunk).
    assert rect.width() >= mosaic.shape[1] * 0.95 and rect.height() >= mosaic.shape[0] * 0.95
    assert rect.width() <= mosaic.shape[1] * 1.3 or rect.height() <= mosaic.shape[0] * 1.3


def test_play_pressed_while_a_switch_loads_trains_the_new_run(window):
    window.toggle_play()
    wait_until(lambda: window.step >= 5, what="training")
    window.toggle_play()  # pause
    assert window.play_action.text() == "Play"  # at once, not when the engine answers
    window.panel.method.setCurrentIndex(window.panel.method.findData("autoencoder"))
    assert window.session.pending_id is not None
    window.toggle_play()  # while the new run still loads
    assert window.running and window.play_action.text() == "Pause"
    wait_until(lambda: window.run_info.method == "autoencoder", what="the new run")
    assert window.running  # the press was kept, not lost
    wait_until(lambda: window.step >= 10, what="the new run to train")


def test_quick_presses_end_in_the_state_of_the_last_press(window):
    for _ in range(3):
        window.single_step()
        window.toggle_play()
        window.toggle_play()
    assert not window.running and window.play_action.text() == "Play"
    wait_until(lambda: window.step >= 3, what="the single steps")
    at = round_trip(window)[-1].step
    round_trip(window)
    assert not window.running and window.step == at  # paused for good: the last press was Pause
    window.single_step()
    window.toggle_play()
    assert window.running
    wait_until(lambda: window.step >= at + 20, what="training after the last press, Play")


def test_the_status_bar_follows_the_engines_reports(window):
    window.single_step()
    wait_until(lambda: "step 1 " in window.image_view.caption.text(), what="a step's images")
    assert window.status_labels["step"].text() == "step 1"
    window.toggle_play()
    wait_until(lambda: window.step >= 30, what="training")
    assert window.status_labels["speed"].text() != "0 img/s"
    window.toggle_play()


def test_quit_ends_both_processes_promptly(qtbot, gui_settings):
    from gui.window.main_window import MainWindow

    w = open_app_window(qtbot, RunConfig(method="simclr", dataset="digits", cadence=MainWindow.cadence()))
    w.ask_before_discard = False
    w.toggle_play()
    wait_until(lambda: w.step >= 3, what="training")
    started = time.monotonic()
    assert w.close()
    assert time.monotonic() - started < 5.0
    assert not w.session.alive()


def test_after_the_engine_dies_save_says_why_and_play_starts_again(window, tmp_path, monkeypatch):
    window.single_step()
    wait_until(lambda: window.step == 1, what="a step")
    os.kill(window.session._process.pid, signal.SIGKILL)
    wait_until(lambda: getattr(window, "last_error", (None,))[0] == "Training engine stopped", what="the dialog")
    assert not window.save_action.isEnabled()
    window.toggle_play()  # a fresh engine, a fresh run
    wait_until(lambda: window.session.control is not None and window.step >= 3, timeout=120, what="training again")
    assert window.save_action.isEnabled()
    path = str(tmp_path / "after.safetensors")
    window.save_to(path)
    wait_until(lambda: window.save_results.get(path) == "saved", what="the save")


@pytest.mark.analysis
def test_a_killed_analysis_process_is_restarted_and_the_map_goes_on(window):
    session = window.session
    wait_until(lambda: session.analysis_pid() is not None, what="the analysis process")
    old_pid = session.analysis_pid()
    os.kill(old_pid, signal.SIGKILL)
    wait_until(lambda: session.analysis_restarts == 1 and session.analysis_pid() != old_pid,
               what="a new analysis process")
    wait_until(lambda: "analysis" in window.statusBar().currentMessage(), what="the message")
    frames = len(window.map_view.frames)
    window.toggle_play()
    wait_until(lambda: len(window.map_view.frames) > frames, timeout=120, what="a map from the new analysis process")
    window.toggle_play()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_window_saved_on_a_big_screen_fits_the_screen_it_opens_on(size, gui_settings):
    import json
    import subprocess
    import sys
    from pathlib import Path

    from gui.window.main_window import MIN_PLOT_HEIGHT

    root = Path(__file__).parents[1]
    out = subprocess.run([sys.executable, str(root / "tests" / "window_on_screen.py"), *map(str, size)], cwd=root,
                         capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(root)})
    assert out.returncode == 0, out.stderr
    placed = json.loads(out.stdout.strip().splitlines()[-1])
    sx, sy, sw, sh = placed["screen"]
    fx, fy, fw, fh = placed["frame"]
    assert sx <= fx and sy <= fy and fx + fw <= sx + sw and fy + fh <= sy + sh, placed  # nothing off-screen
    for title in ("Images", "Loss", "Experiment"):
        assert placed["docks"][title][1] >= MIN_PLOT_HEIGHT, (title, placed["docks"])
    assert placed["run_settings_folded"] == (size[1] < 860)  # the panel fits a projector without scrolling


def test_folded_run_settings_say_what_they_are(window):
    panel = window.panel
    panel.set_run_collapsed(True)
    assert panel.run_body.isHidden() and not panel.run_summary.isHidden()
    assert panel.run_summary.text() == "adam · lr 0.001 · batch 128 · seed 0 · auto"
    panel.run_form.widget("lr").setValue(0.01)
    assert "lr 0.01 " in panel.run_summary.text()
    panel.run_toggle.click()
    assert not panel.run_body.isHidden() and panel.run_summary.isHidden()


def test_reset_layout_gives_every_plot_a_readable_height(window):
    from PySide6.QtCore import Qt

    from gui.window.main_window import MIN_PLOT_HEIGHT

    window.resize(1280, 720)
    loss, images = window.docks["Loss"], window.docks["Images"]
    window.resizeDocks([images, window.docks["Latent explorer"]], [40, 700], Qt.Orientation.Vertical)
    assert loss.widget().height() >= MIN_PLOT_HEIGHT  # it cannot be squeezed below a readable height
    window.docks["Images"].setFloating(True)
    window.reset_layout()
    assert not images.isFloating() and images.isVisible() and loss.isVisible()
    assert loss.widget().height() >= MIN_PLOT_HEIGHT and images.widget().height() >= MIN_PLOT_HEIGHT
    assert window.docks["Latent explorer"].isVisible()


def test_the_discard_question_names_what_the_user_sees(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window.single_step()
    wait_until(lambda: window.step == 1, what="a step")
    window.ask_before_discard = True
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel)
    window.panel.method.setCurrentIndex(window.panel.method.findData("denoising_autoencoder"))
    label = window.panel.method.itemText(window.panel.method.findData("denoising_autoencoder")).strip()
    assert asked and label in asked[-1] and "denoising_autoencoder" not in asked[-1]
    window.panel.run_form.widget("batch_size").setValue(64)
    assert "batch size to 64" in asked[-1]


def test_the_greyed_panel_says_why(qapp):
    from gui.panels.experiment_panel import ExperimentPanel

    panel = ExperimentPanel()
    assert not panel.isEnabled() and not panel.loading_note.isHidden()
    assert "engine" in panel.loading_note.text()
    panel.populate()
    assert panel.isEnabled() and panel.loading_note.isHidden()


def test_a_checkpoint_with_garbage_optimiser_state_leaves_the_current_run(window, tmp_path):
    import json

    from engine.training.checkpoint import read_checkpoint
    from tests.helpers import QUIET, run_to_end
    from tests.test_checkpoint import _rewrite_meta

    good = tmp_path / "good.safetensors"
    run_to_end(RunConfig(method="vae", dataset="digits", steps=3, save_on_end=str(good),
                         method_params={"latent_dim": 2}, cadence=QUIET))
    info = json.loads(json.dumps(read_checkpoint(good).meta["optimizer"]))
    info["param_groups"] = info["param_groups"] * 2  # "different number of parameter groups"
    bad = tmp_path / "bad.safetensors"
    _rewrite_meta(good, bad, optimizer=info)
    window.single_step()
    wait_until(lambda: window.step == 1, what="a step of the current run")
    run_before = window.session.current_id
    window.open_checkpoint(str(bad))
    wait_until(lambda: getattr(window, "last_error", None) is not None, what="the dialog")
    assert "does not match the model" in window.last_error[1]
    assert window.session.current_id == run_before and window.session.pending_id is None
    assert window.run_info.method == "vae" and window.step == 1 and window.current_file is None


@pytest.mark.analysis
def test_non_finite_embeddings_are_reported_and_the_analysis_goes_on(window):
    """A diverging run's NaN embeddings once killed the analysis process (PCA's LinAlgError) and the maps
    stopped for the rest of the session: now the user is told, and the next good embeddings are mapped."""
    from engine.processes.protocol import message
    from engine.training.snapshots import EmbeddingUpdate

    session = window.session
    wait_until(lambda: window.map_view.frames, timeout=120, what="the first map")
    good = len(window.map_view.frames)
    pid = session.analysis_pid()
    probe = np.full((300, 16), np.nan, dtype=np.float32)
    labels = np.zeros(300, dtype=np.int64)
    session.send_analysis(message("embeddings", snapshot=EmbeddingUpdate(session.current_id, window.step, "model",
                                                                         None, None, probe, labels)))
    wait_until(lambda: "NaN" in window.statusBar().currentMessage() or "finite" in window.statusBar().currentMessage(),
               timeout=60, what="the message about non-finite embeddings")
    assert session.analysis_pid() == pid and session.analysis_restarts == 0  # it did not die
    window.toggle_play()
    wait_until(lambda: len(window.map_view.frames) > good, timeout=120, what="a map of the next good embeddings")
    window.toggle_play()


def test_the_messages_row_takes_room_only_while_it_has_a_message(window):
    """An empty banner's tool bar row once cost every view about 20 pixels of height all the time."""
    bar = window.banner.bar
    assert not bar.isVisible()
    window.banner.show_message("Training diverged at step 3.")
    assert bar.isVisible() and window.banner.isVisible() and bar.height() > 0
    window.banner.dismiss()  # its ✕ button, or a new run
    assert not bar.isVisible()

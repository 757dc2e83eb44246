"""The app, driven headless (pytest-qt, offscreen): it trains, pauses, steps, decodes, opens, closes."""

import multiprocessing
import threading

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from engine.training.checkpoint import read_checkpoint
from engine.training.config import RunConfig
from tests.gui_helpers import open_app_window, round_trip, settle, wait_until
from tests.helpers import QUIET, run_to_end


def test_window_opens_on_a_paused_run_with_views_filled(window):
    assert window.isVisible()
    assert window.run_info.method == "vae" and window.run_info.dataset == "digits"
    assert not window.running and window.step == 0
    wait_until(lambda: window.image_view.rows, what="the first images")
    names = [name for name, _ in window.image_view.rows]
    assert names == ["input", "reconstruction"]
    assert window.panel.method_name() == "vae"
    assert window.docks["Latent explorer"].isVisible()


def test_play_trains_and_the_views_update(window):
    window.toggle_play()
    wait_until(lambda: window.step >= 30, what="30 steps")
    assert window.running and window.play_action.text() == "Pause"
    wait_until(lambda: window.loss_view.n_points() >= 20, what="loss points")
    assert set(window.loss_view.term_names()) == {"loss", "reconstruction", "kl"}
    wait_until(lambda: "step 0 " not in window.image_view.caption.text(), what="fresh images")
    assert "step" in window.status_labels["step"].text() and "img/s" in window.status_labels["speed"].text()
    window.toggle_play()
    wait_until(lambda: not window.running, what="pause")


def test_pause_stops_the_steps(window):
    window.toggle_play()
    wait_until(lambda: window.step >= 10, what="some steps")
    window.toggle_play()
    assert not window.running  # the button answers the press at once
    paused_at = round_trip(window)[-1].step  # the engine has taken the pause: it answers from there
    assert round_trip(window)[-1].step == paused_at and window.step == paused_at


def test_step_advances_exactly_one(window):
    wait_until(lambda: window.loss_view.n_points() == 0 and window.step == 0, what="a fresh run")
    window.single_step()
    wait_until(lambda: window.loss_view.n_points() == 1, what="one step")
    assert round_trip(window)[-1].step == 1
    assert window.step == 1 and window.loss_view.n_points() == 1
    assert "step 1 " in window.image_view.caption.text()  # the views show the step at once
    window.single_step()
    wait_until(lambda: window.step == 2, what="a second step")


def test_moving_a_slider_decodes_a_new_image(window):
    view = window.latent_view
    wait_until(lambda: view.decoded_item.image is not None, what="the first decoded image")
    before = view.decoded_item.image.copy()
    view.sliders[0].setValue(0)
    wait_until(lambda: not np.array_equal(view.decoded_item.image, before), what="a new decoded image")
    view.sliders[0].setValue(1000)
    after_low = view.decoded_item.image.copy()
    wait_until(lambda: not np.array_equal(view.decoded_item.image, after_low), what="another decoded image")
    assert view.z[0] == pytest.approx(view.high[0])


def test_the_2d_pad_moves_the_code(window):
    view = window.latent_view
    wait_until(lambda: view.probe_codes is not None, what="latent codes")
    view.pad_target.setPos(1.5, -0.5)
    assert view.z[0] == pytest.approx(1.5) and view.z[1] == pytest.approx(-0.5)
    assert view.value_labels[0].text() == "+1.50"


def test_live_beta_change_marks_the_loss_curve(window):
    run = window.session.current_id
    window.panel.method_form.widget("beta").setValue(4.0)
    wait_until(lambda: window.loss_view._markers, what="a marker")
    assert window.session.current_id == run and window.session.pending_id is None  # beta is live: same run
    assert "beta=4" in window.loss_view._markers[0].label.toPlainText()


def test_changing_method_mid_run_asks_first(window, monkeypatch):
    window.single_step()
    wait_until(lambda: window.step == 1, what="a step")
    window.ask_before_discard = True
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel)
    first_run = window.session.current_id
    window.panel.method.setCurrentIndex(window.panel.method.findData("autoencoder"))
    assert asked and "not saved" in asked[0]
    settle(0.3)
    assert window.session.current_id == first_run
    assert window.panel.method_name() == "vae"  # the choice was reverted
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.panel.method.setCurrentIndex(window.panel.method.findData("autoencoder"))
    wait_until(lambda: window.run_info.method == "autoencoder", what="the new run")


def test_a_checkpoint_opens_into_inspection(window, tmp_path):
    path = tmp_path / "ae.safetensors"
    run_to_end(RunConfig(method="autoencoder", dataset="digits", steps=6, save_on_end=str(path),
                         method_params={"latent_dim": 3}, cadence=QUIET))
    assert window.open_checkpoint(str(path))
    wait_until(lambda: window.run_info.method == "autoencoder", what="the checkpoint's run")
    assert window.step == 6 and not window.running
    assert window.current_file == str(path) and "ae.safetensors" in window.windowTitle()
    assert window.panel.method_name() == "autoencoder"
    wait_until(lambda: window.image_view.caption.text().startswith("probe images at step 6"), what="images")
    wait_until(lambda: window.latent_view.dim == 3 and window.latent_view.probe_codes is not None,
               what="the explorer")
    window.toggle_play()  # inspection continues into training
    wait_until(lambda: window.step > 10, what="training on")
    assert window.recent_menu.actions()[0].text() == "ae.safetensors"


def test_a_bad_checkpoint_shows_a_dialog_and_keeps_the_run(window, tmp_path):
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"\x80\x04this is a pickle")
    run_before = window.session.current_id
    assert not window.open_checkpoint(str(bad))
    title, message = window.last_error
    assert title == "Cannot open checkpoint" and "never opens pickles" in message
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "pickle" in boxes[-1].text()
    assert window.session.current_id == run_before and window.run_info.method == "vae"


def test_a_data_set_that_cannot_load_keeps_the_current_run(window, cache_dir):
    run_before = window.session.current_id
    window.panel.dataset.setCurrentIndex(window.panel.dataset.findData("cifar10"))
    wait_until(lambda: getattr(window, "last_error", None), what="the failure dialog")
    assert "could not be downloaded" in window.last_error[1]
    assert window.session.current_id == run_before
    assert window.panel.dataset_name() == "digits"  # the choice was reverted


def test_save_writes_a_checkpoint(window, tmp_path):
    window.single_step()
    wait_until(lambda: window.step == 1, what="a step")
    path = str(tmp_path / "saved.safetensors")
    window.save_to(path)
    wait_until(lambda: window.save_results.get(path), what="the save")
    assert read_checkpoint(path).step == 1 and window.current_file == path
    assert not window.has_unsaved_training()


def test_closing_during_a_run_offers_to_save_and_leaves_no_thread(qtbot, gui_settings, tmp_path, monkeypatch):
    from gui.window.main_window import MainWindow

    w = open_app_window(qtbot, RunConfig(method="autoencoder", dataset="digits", cadence=MainWindow.cadence()))
    w.toggle_play()
    wait_until(lambda: w.step >= 5, what="training")
    target = str(tmp_path / "on_close.safetensors")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (target, ""))
    assert w.close()
    assert read_checkpoint(target).step >= 5
    assert not w.session.alive()  # the engine process and the pipe reader are gone
    from tests.engine_spare import spare_process

    assert [p for p in multiprocessing.active_children() if p is not spare_process()] == []
    assert not [t for t in threading.enumerate() if t.name in ("engine-reader",) or t.name.startswith("run-")]


def test_image_click_opens_a_pixel_view(window):
    wait_until(lambda: window.image_view.rows, what="images")
    dialog = window.image_view.open_image(0, 3)
    assert dialog.isVisible() and "input 4" in dialog.windowTitle()
    assert len(dialog.texts) == 64  # an 8x8 image prints every pixel's value
    assert dialog.value_text(0, 0).startswith("x 0, y 0:")
    dialog.close()


def test_layout_is_kept_between_launches(qtbot, gui_settings):
    from gui.app import create_app
    from gui.window.main_window import MainWindow

    create_app([])
    first = MainWindow()
    qtbot.addWidget(first)
    first.ask_before_discard = False
    first.show()
    first.docks["Loss"].hide()
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert not second.docks["Loss"].isVisible() and second.docks["Images"].isVisible()
    second.ask_before_discard = False
    second.close()


def test_views_export_to_png_and_plots_to_svg(window, tmp_path):
    from gui.widgets.export import export_view

    window.single_step()
    wait_until(lambda: window.loss_view.n_points() == 1, what="a step")
    settle(0.3)
    png = export_view(window.loss_view.plot.getPlotItem(), tmp_path / "loss.png")
    svg = export_view(window.loss_view.plot.getPlotItem(), tmp_path / "loss.svg")
    images = export_view(window.image_view.canvas, tmp_path / "images.png")
    assert png.read_bytes()[:4] == b"\x89PNG" and images.read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in svg.read_bytes()[:2000]
    with pytest.raises(ValueError, match="PNG only"):
        export_view(window.image_view.canvas, tmp_path / "images.svg")


def test_screenshot_command_renders_the_window(tmp_path, gui_settings, qapp):
    from main import main

    out = tmp_path / "shot.png"
    assert main(["screenshot", "--method", "autoencoder", "--dataset", "digits", "--steps", "5",
                 "--out", str(out), "--width", "1000", "--height", "700"]) == 0
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 700  # (never smaller than the docks allow)


def test_space_plays_even_when_a_combo_box_has_focus(window, qtbot):
    from PySide6.QtCore import Qt

    window.activateWindow()
    window.panel.dataset.setFocus()
    qtbot.keyClick(window.panel.dataset, Qt.Key.Key_Space)
    wait_until(lambda: window.running, what="Space to start training")
    assert window.panel.dataset_name() == "digits"  # the combo box did not take the key
    qtbot.keyClick(window.panel.dataset, Qt.Key.Key_Space)
    wait_until(lambda: not window.running, what="Space to pause")
    at = round_trip(window)[-1].step
    window.panel.method_form.widget("beta").setFocus()
    qtbot.keyClick(window.panel.method_form.widget("beta"), Qt.Key.Key_S)  # typing in a number field
    round_trip(window)  # a step asked for before this would have been taken by the next answer
    assert round_trip(window)[-1].step == at  # S typed into the field took no step


def test_dropping_a_checkpoint_opens_it(window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    path = tmp_path / "dropped.safetensors"
    run_to_end(RunConfig(method="vae", dataset="digits", steps=3, save_on_end=str(path),
                         method_params={"latent_dim": 4}, cadence=QUIET))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    wait_until(lambda: window.current_file == str(path), what="the dropped checkpoint")
    assert window.step == 3 and window.latent_view.dim == 4

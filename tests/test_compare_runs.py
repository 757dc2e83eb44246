"""Two runs at once through the real window and engine: Run ▸ Compare… starts run B beside run A, B's
snapshots reach B's panes and dashed curves, the status bar shows both steps, the transport drives both,
and closing B stops it in the engine. A switch of A's method closes B, saying so."""

import re

from PySide6.QtCore import Qt

from tests.gui_helpers import open_app_window, wait_until


def _collect(window, kind):
    """Every snapshot of class ``kind`` the session delivers from now on."""
    got = []
    window.session.snapshot.connect(lambda snap: isinstance(snap, kind) and got.append(snap))
    return got


def _b_panes(window):
    return [c.panes["B"].box for c in (window.images, window.latents, window.maps, window.methods) if "B" in c.panes]


def _step_of(label) -> int:
    return int(re.search(r"step ([\d,]+)", label.text()).group(1).replace(",", ""))


def test_describe_differences_names_what_b_changes():
    from gui.window.compare import describe_augment_differences, describe_differences

    assert describe_differences({"stop_gradient": True, "lr": 0.001}, {"stop_gradient": False, "lr": 0.001}) \
        == ["stop gradient off"]
    assert describe_differences({"batch_size": 256}, {"batch_size": 2}) == ["batch size 2"]
    a = {"crop": (True, 0.6, 1.0), "blur": (True, 1.0, 0.5)}
    assert describe_augment_differences(a, {"crop": (False, 0.6, 1.0), "blur": (True, 1.0, 0.5)}) == ["crop off"]


def test_compare_trains_b_beside_a_and_close_b_stops_it(qtbot, gui_settings):
    from engine.training.config import RunConfig
    from engine.training.snapshots import LossUpdate, RunEnded, StateChanged
    from gui.window.main_window import MainWindow

    w = open_app_window(qtbot, RunConfig(method="simsiam", dataset="digits", run_params={"batch_size": 32, "seed": 1},
                                         cadence=MainWindow.cadence()), analysis=False)
    w.ask_before_discard = False
    a_id = w.session.current_id
    dialog = w.open_compare()
    assert dialog.label() == "same settings"  # B starts as a copy of A
    dialog.method_form.widget("stop_gradient").setChecked(False)
    assert dialog.label() == "stop gradient off"
    dialog.accept()
    b_id = w.session.compare_id
    assert b_id not in (None, a_id)
    assert w.session.compare_config.method_params["stop_gradient"] is False
    assert w.session.compare_config.method == "simsiam" and w.panel.method_form.values()["stop_gradient"] is True
    wait_until(lambda: w.slot_of(b_id) == "B", what="run B to start")
    assert w.images.panes["B"].caption.text() == "B: stop gradient off"
    assert not any(pane.isHidden() for pane in _b_panes(w))
    assert w.session.current_id == a_id  # A goes on

    # Play drives both; B's snapshots reach B's panes and its dashed curves; both steps in the status bar.
    w.toggle_play()
    assert not w.session.control.paused and not w.session.control_b.paused
    wait_until(lambda: w.loss_view.n_points("B") > 2 and w.loss_view.n_points() > 2 and w.images.view("B").rows,
               what="both runs training")
    b_loss, a_loss = w.loss_view.curve("loss", "B"), w.loss_view.curve("loss", "A")
    assert b_loss.opts["pen"].style() == Qt.PenStyle.DashLine and a_loss.opts["pen"].style() == Qt.PenStyle.SolidLine
    wait_until(lambda: _step_of(w.status_labels["step_b"]) > 0, what="B's step in the status bar")
    assert w.status_labels["step"].text().startswith("A: step") and w.status_labels["step_b"].isVisible()

    # Pause pauses both, in the window and in the engine.
    states = _collect(w, StateChanged)
    w.toggle_play()
    assert w.session.control.paused and w.session.control_b.paused
    wait_until(lambda: any(s.run_id == b_id and not s.running for s in states)
               and any(s.run_id == a_id and not s.running for s in states), what="both runs to pause")
    # Step steps both: one more step each from where each paused.
    b_step = [s.step for s in states if s.run_id == b_id and not s.running][-1]
    a_step = [s.step for s in states if s.run_id == a_id and not s.running][-1]
    losses = _collect(w, LossUpdate)
    w.single_step()
    wait_until(lambda: any(u.run_id == b_id and u.step == b_step + 1 for u in losses)
               and any(u.run_id == a_id and u.step == a_step + 1 for u in losses), what="one step of each run")

    # Close B: the engine stops B's run, B's panes hide, one run again.
    ended = _collect(w, RunEnded)
    w.close_b()
    wait_until(lambda: any(e.run_id == b_id for e in ended), what="run B to end in the engine")
    assert w.session.compare_id is None and b_id not in w.session.controls
    wait_until(lambda: all(pane.isHidden() for pane in _b_panes(w)), what="B's panes hidden")  # one per turn and w.loss_view.curve("loss", "B") is None
    assert w.status_labels["step"].text().startswith("step") and w.status_labels["step_b"].isHidden()
    assert w.session.current_id == a_id and not any(e.run_id == a_id for e in ended)

    # Compare again: the same dialog, reset to a copy of A (last time's change not kept), not built again.
    again = w.open_compare()
    assert again is dialog and again.label() == "same settings"
    assert again.method_form.widget("stop_gradient").isChecked()
    again.reject()


def test_reset_restarts_both_save_b_and_a_method_switch_closes_b(qtbot, gui_settings, tmp_path):
    from engine.training.config import RunConfig
    from gui.window.main_window import MainWindow

    w = open_app_window(qtbot, RunConfig(method="autoencoder", dataset="digits", cadence=MainWindow.cadence()),
                        analysis=False)
    w.ask_before_discard = False
    dialog = w.open_compare()
    dialog.run_form.widget("lr").setValue(0.01)
    dialog.accept()
    first_b = w.session.compare_id
    wait_until(lambda: w.slot_of(first_b) == "B", what="run B to start")
    assert w.images.panes["B"].caption.text() == "B: lr 0.01"

    # Reset starts both again, B with its own settings.
    a_id = w.session.current_id
    w.reset()
    wait_until(lambda: w.session.current_id != a_id and w.slot_of(w.session.compare_id) == "B",
               what="new runs A and B")
    assert w.session.compare_id != first_b and w.shown_infos["B"].run_params["lr"] == 0.01
    assert w.slot_of(first_b) is None

    # Either run can be saved: Save B writes run B's checkpoint, with B's settings.
    from engine.training.checkpoint import read_checkpoint

    path = str(tmp_path / "b.safetensors")
    w.save_b_to(path)
    wait_until(lambda: w.save_results.get(path), what="the save of run B")
    assert w.save_results[path] == "saved" and w.current_file is None  # A's file is not B's
    assert read_checkpoint(path).meta["run"]["lr"] == 0.01

    # A switch of A's method: B compared a setting of the old method, so it closes, and says so.
    b_id = w.session.compare_id
    w.panel.method.setCurrentIndex(w.panel.method.findData("vae"))
    wait_until(lambda: w.run_info.method == "vae", what="run A on the VAE")
    assert w.session.compare_id is None and b_id not in w.session.controls
    wait_until(lambda: all(pane.isHidden() for pane in _b_panes(w)), what="B's panes hidden")  # one per turn
    assert "Run B closed" in w.statusBar().currentMessage()


def test_closing_the_window_offers_to_save_run_b_and_saves_it(qtbot, gui_settings, tmp_path, monkeypatch):
    """Run B's training is not lost when the window closes: after A's question comes B's, and Save writes
    B's checkpoint before the window goes; once saved, closing does not ask about B again."""
    from PySide6.QtWidgets import QMessageBox

    from engine.training.config import RunConfig
    from gui.window.main_window import MainWindow

    w = open_app_window(qtbot, RunConfig(method="autoencoder", dataset="digits", run_params={"batch_size": 16, "seed": 1},
                                         cadence=MainWindow.cadence()), analysis=False)
    w.ask_before_discard = False
    b_id = w.start_comparison(w.panel.config(cadence=w.cadence()), "copy")
    wait_until(lambda: w.slot_of(b_id) == "B", what="run B to start")
    w.toggle_play()
    wait_until(lambda: getattr(w, "step_b", 0) > 3 and w.step > 3, what="both runs training")
    w.toggle_play()
    asked = []
    answers = {"Save before closing?": QMessageBox.StandardButton.Discard,
               "Save run B before closing?": QMessageBox.StandardButton.Save}
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or answers[a[1]])
    path = tmp_path / "b.safetensors"
    monkeypatch.setattr(w, "ask_save_path", lambda *a, **k: str(path))
    assert w.offer_save_before_close()
    assert asked == ["Save before closing?", "Save run B before closing?"] and path.exists()
    asked.clear()
    # B was paused: the step it saved at is the step it shows, so closing now has nothing of B's to lose
    wait_until(lambda: getattr(w, "saved_step_b", None) == w.step_b, what="B's save at its step")
    assert w.offer_save_before_close() and asked == ["Save before closing?"]


def test_a_setting_change_that_restarts_a_carries_b_over_with_its_own_difference(qtbot, gui_settings):
    """B is "A except …": a change to A (not to what B changes) starts B again as the new A with B's own
    setting, under the same label; a change to B's own setting says what differs now."""
    from dataclasses import replace

    from engine.training.config import RunConfig
    from gui.window.main_window import MainWindow

    w = open_app_window(qtbot, RunConfig(method="autoencoder", dataset="digits", run_params={"batch_size": 16, "seed": 1},
                                         cadence=MainWindow.cadence()), analysis=False)
    w.ask_before_discard = False
    a = w.panel.config(cadence=w.cadence())
    b_id = w.start_comparison(replace(a, method_params={**a.method_params, "latent_dim": 3}), "latent dim 3")
    wait_until(lambda: w.slot_of(b_id) == "B", what="run B to start")
    width = a.method_params["width"]
    w.panel.method_form.set_values({"width": width * 2})
    w._on_structure_changed("width", width * 2)
    b = w.session.compare_config
    assert w.session.compare_id != b_id and w.session.compare_label == "latent dim 3"
    assert b.method_params["width"] == width * 2 and b.method_params["latent_dim"] == 3
    wait_until(lambda: w.slot_of(w.session.compare_id) == "B" and w.run_info.params["width"] == width * 2,
               what="the new A and B to start")
    w.panel.method_form.set_values({"latent_dim": 3})  # A now has what made B different
    w._on_structure_changed("latent_dim", 3)
    assert w.session.compare_label == "same settings"


def test_the_compare_dialog_is_reused_only_for_the_same_method_and_resets_every_setting(qtbot, qapp):
    from engine.training.config import RunConfig
    from gui.window.compare import CompareDialog

    simsiam = RunConfig(method="simsiam", dataset="digits", run_params={"seed": 1})
    dialog = CompareDialog(simsiam, None)
    qtbot.addWidget(dialog)
    assert dialog.fits(simsiam, None) and not dialog.fits(RunConfig(method="autoencoder", dataset="digits"), None)
    assert not dialog.fits(simsiam, {"crop": (True, 0.5, 1.0)})  # a panel of augmentations it does not have
    dialog.method_form.widget("stop_gradient").setChecked(False)
    dialog.run_form.widget("seed").setValue(7)
    dialog.reset(RunConfig(method="simsiam", dataset="mnist5k", run_params={"seed": 2}), None)
    assert dialog.method_form.widget("stop_gradient").isChecked()  # the default again, not last time's
    assert dialog.run_form.values()["seed"] == 2 and "mnist5k" in dialog.intro.text()
    assert dialog.label() == "same settings"

"""Run B beside run A in the window: the router maps each run id to its slot and routes by slot, every
view shows B beside A (Loss and Metrics overlaid, the others side by side), a run no view shows is
dropped, and closing B returns to one run. The session trains one run, so B's snapshots are fed to the
router by hand (tests/run_snapshots.py), as a lesson's second run will send them."""

import numpy as np
from PySide6.QtCore import Qt

from tests import run_snapshots as snaps
from tests.gui_helpers import settle, wait_until


class RecordingControl:
    """Run B's control: what B's views ask of it."""

    paused = True

    def __init__(self):
        self.decodes: list[str] = []

    def decode(self, codes, tag: str = "decode") -> None:
        self.decodes.append(tag)

    def stop(self) -> None:  # the window stops every run it holds when it closes
        pass


def _feed(window, snapshots) -> None:
    for snap in snapshots:
        window._on_snapshot(snap)


def _b_panes(window):
    return [container.panes["B"].box for container in (window.images, window.latents, window.maps, window.methods)]


def test_run_b_shows_beside_run_a_and_closing_it_returns_to_one_run(window, tmp_path):
    window.resize(1280, 720)  # a projector's window: B must fit in it
    window.single_step()
    wait_until(lambda: window.loss_view.n_points() == 1 and window.image_view.rows, what="run A's first step")
    settle(0.3)  # whatever else A had on its way has arrived
    a_id, a_points, a_terms = window.session.current_id, window.loss_view.n_points(), window.loss_view.term_names()
    a_inputs = window.image_view.rows[0][1].copy()
    b_id = a_id + 1000
    window.session.controls[b_id] = b_control = RecordingControl()
    window.show_b(snaps.run_started(b_id, method_label="Autoencoder", latent_dim=3))
    assert window.slot_of(b_id) == "B" and window.slot_of(a_id) == "A"
    _feed(window, snaps.everything(b_id) + [snaps.loss(b_id, start=10, n=20)])

    # Loss: B's curves overlay A's, dashed, same colour per term; A's untouched.
    b_loss, a_loss = window.loss_view.curve("loss", "B"), window.loss_view.curve("loss", "A")
    assert b_loss.opts["pen"].style() == Qt.PenStyle.DashLine and a_loss.opts["pen"].style() == Qt.PenStyle.SolidLine
    assert b_loss.opts["pen"].color() == a_loss.opts["pen"].color()
    assert window.loss_view.n_points("B") == 30 and window.loss_view.n_points() == a_points
    assert window.loss_view.term_names() == a_terms
    # Images, explorer, map, method view: B in its own panel beside A's, under its caption.
    b_images = window.images.view("B")
    assert not any(pane.isHidden() for pane in _b_panes(window))
    assert np.all(b_images.rows[0][1] == 0.5) and np.array_equal(window.image_view.rows[0][1], a_inputs)
    assert window.images.panes["B"].caption.text() == "B: Autoencoder · digits"
    assert window.images.panes["A"].caption.text().startswith("A: ")
    assert window.latents.view("B").dim == 3 and window.latent_view.dim == 2
    assert window.maps.view("B").frames and not window.map_view.frames  # A has no analysis in this test
    assert window.methods.view("B").widgets and window.metrics_view.runs["B"].last["knn"] == 0.8
    assert "explorer" in b_control.decodes  # B's explorer asks run B, not run A

    # A third run, one no view shows, is dropped by the router: nothing anywhere changes.
    c_id = b_id + 1
    _feed(window, [snaps.images(c_id, value=0.9), snaps.loss(c_id, n=5), snaps.metrics(c_id, knn=0.1)])
    assert window.slot_of(c_id) is None
    assert np.all(b_images.rows[0][1] == 0.5) and np.array_equal(window.image_view.rows[0][1], a_inputs)
    assert window.loss_view.n_points("B") == 30 and window.loss_view.n_points() == a_points
    assert window.metrics_view.runs["B"].last["knn"] == 0.8 and not window.metrics_view.last

    window.docks["Embedding map"].raise_()
    settle(0.5)
    assert window.size().width() <= 1280  # B did not widen the window
    window.grab().save(str(tmp_path / "two_runs.png"))

    # Closing B: one run again; B's panels hide, its curves go, and its stragglers are dropped.
    window.close_b()
    wait_until(lambda: all(pane.isHidden() for pane in _b_panes(window)), what="B's panes hidden")  # one per turn
    assert window.loss_view.curve("loss", "B") is None and "B" not in window.metrics_view.runs
    assert not window.images.panes["A"].caption.isVisible()
    _feed(window, [snaps.loss(b_id, start=40, n=5), snaps.images(b_id)])
    assert window.loss_view.n_points("B") == 0 and not b_images.rows
    assert window.loss_view.n_points() == a_points and np.array_equal(window.image_view.rows[0][1], a_inputs)


def test_a_new_run_a_keeps_run_b_and_the_transport_never_drives_b(window):
    a_id = window.session.current_id
    b_id = a_id + 1000
    window.show_b(snaps.run_started(b_id, method_label="Autoencoder"))
    _feed(window, [snaps.loss(b_id, n=10), snaps.images(b_id)])
    step_before = window.step
    _feed(window, [snaps.loss(b_id, start=10, n=500)])
    assert window.step == step_before  # B's steps are not A's: the status bar and transport follow A
    window.reset()  # a new run A
    wait_until(lambda: window.session.current_id not in (None, a_id), what="the new run A")
    assert window.slot_of(a_id) is None and window.slot_of(b_id) == "B"
    assert window.loss_view.n_points("B") == 510 and window.images.view("B").rows  # B is still shown

"""Views follow the run (issue 19 §6): a switch clears the last run's pictures at once, a new lesson's
Metrics plots start framed afresh, a new B pane's map says the projection it is drawn with, opening a
checkpoint closes B, and the save and discard questions quote the step the status bar shows."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from engine.training import snapshots as s
from tests import run_snapshots as snaps
from tests.gui_helpers import open_app_window, settle, wait_until


@pytest.fixture
def app():
    from gui.app import create_app

    return create_app([])


def _metrics(run_id: int, steps=(0, 400, 800), rank: float = 30.0):
    for step in steps:
        scores = dict(knn=0.5, linear=0.4, nmi=0.3, ari=0.2, effective_rank=rank, std=0.5, std_reference=0.1)
        yield s.MetricsUpdate(run_id, step=step, kind="model", scores=scores, clusters=np.arange(10) % 4,
                              singular_values=np.geomspace(30, 1, 64))


def _a_new_lesson_after_old_runs(view, updates) -> None:
    """Two old runs drawn in ``view`` (``updates(run_id)``: their snapshots), then a lesson's two new runs
    begun as the window begins them: the old B goes, the new B starts beside the old A, then the new A."""
    for slot, run_id in (("A", 1), ("B", 2)):
        view.begin_run(snaps.run_started(run_id, "Autoencoder"), slot, f"old {slot}")
        for snap in updates(run_id):
            assert view.receive(snap, slot)
    settle(0.3)
    view.end_run("B")  # the lesson's Compare: the old B goes when the new B is asked for
    view.begin_run(snaps.run_started(4, "β-VAE"), "B", "β = 4")
    view.begin_run(snaps.run_started(3, "β-VAE"), "A", "β = 1")
    settle(0.3)


def test_a_new_lessons_runs_start_on_freshly_framed_metrics_plots(qtbot, app):
    """A lesson starts its B beside the old A, then its A: neither start was "the only run", so the
    plots kept the old runs' ranges (steps to 800, rank 30) until the new runs' first probes."""
    from gui.views.metrics_view import MetricsView

    view = MetricsView()
    qtbot.addWidget(view)
    view.resize(700, 460)
    view.show()
    _a_new_lesson_after_old_runs(view, _metrics)
    for plot in (view.std_plot, view.rank_plot, view.spectrum_plot):
        (x0, x1), (y0, y1) = plot.vb.viewRange()
        assert x1 <= 1 and y1 <= 1, (plot.titleLabel.text, plot.vb.viewRange())
    assert "old" not in view.legend.text and "β = 1" in view.legend.text


def test_the_other_runs_curves_are_fitted_again_when_a_run_begins_beside_them(qtbot, app):
    from gui.views.metrics_view import MetricsView

    view = MetricsView()
    qtbot.addWidget(view)
    view.resize(700, 460)
    view.show()
    view.begin_run(snaps.run_started(1, "SimSiam"), "A")
    for snap in _metrics(1):
        view.receive(snap, "A")
    view.begin_run(snaps.run_started(2, "SimSiam"), "B", "lr 0.01")
    settle(0.2)
    assert view.rank_plot.vb.viewRange()[0][1] >= 800  # A's curve is still in view


def test_a_new_b_pane_shows_the_projection_its_run_is_drawn_with(window):
    """After Compare, B's map was drawn with UMAP (the shared choice, made in A's pane) while its pane's
    box said PCA, and its busy line counted "PCA: computing the first map" under the UMAP map."""
    from gui.window.compare import config_of_a

    a_map = window.maps.view("A")
    a_map.method.setCurrentIndex(a_map.method.findData("umap"))  # shared: every run's map is UMAP now
    window.start_comparison(config_of_a(window), "same settings")
    wait_until(lambda: window.slot_of(window.session.compare_id) == "B", what="run B to start")
    b_map = window.maps.view("B")
    assert b_map.method.currentData() == "umap"
    b_id = window.session.compare_id
    b_map.receive(snaps.embeddings(b_id), "B")  # the engine's embeddings: the analysis now maps them
    assert b_map.busy.active and b_map.busy.text.startswith("UMAP"), b_map.busy.text
    b_map.receive(s.MapUpdate(b_id, step=5, method="umap", coords=np.zeros((snaps.P, 2), np.float32),
                              seconds=1.0), "B")
    assert not b_map.busy.active  # the map it waited for came: the bar stops


def _last_of(window, kind, run_id):
    got = []
    window.session.snapshot.connect(lambda snap: isinstance(snap, kind) and snap.run_id == run_id and got.append(snap))
    return got


def test_a_switch_clears_the_last_methods_pictures_at_once(qtbot, gui_settings):
    """SimCLR -> Rotation: "What SimCLR does" and the "view 1 / view 2" rows went only when Rotation had
    loaded (30 s on a busy machine); the old run's pictures arriving meanwhile are not drawn."""
    from engine.training.config import RunConfig
    from gui.window.main_window import MainWindow

    w = open_app_window(qtbot, RunConfig(method="simclr", dataset="digits", run_params={"batch_size": 32, "seed": 1},
                                         cadence=MainWindow.cadence()), analysis=False)
    w.ask_before_discard = False
    old = w.session.current_id
    images, figures = _last_of(w, s.ImagesUpdate, old), _last_of(w, s.MethodUpdate, old)
    w.single_step()
    wait_until(lambda: images and figures and w.method_view.widgets and w.image_view.rows,
               what="SimCLR's images and figures")
    assert any(name.startswith("view ") for name, _ in w.image_view.rows)

    w.panel.method.setCurrentIndex(w.panel.method.findData("rotation"))  # a switch: Rotation is pending
    assert w.session.pending_id is not None and w.session.current_id == old
    assert not w.image_view.rows and not w.method_view.widgets  # gone at once, not when Rotation loads
    assert "SimCLR" not in w.method_view.title.text() and "Rotation" in w.method_view.title.text()
    w._on_snapshot(images[-1])  # the old run's pictures, still on their way, stay off the screen
    w._on_snapshot(figures[-1])
    assert not w.image_view.rows and not w.method_view.widgets

    wait_until(lambda: w.run_info.method == "rotation", what="the Rotation run to start")
    w.single_step()
    wait_until(lambda: w.image_view.rows and w.method_view.widgets, what="Rotation's first pictures")
    assert not any(name.startswith("view ") for name, _ in w.image_view.rows)
    assert "Rotation" in w.method_view.title.text()
    w.close()


def test_a_run_that_cannot_start_gives_the_old_runs_pictures_back(window):
    from engine.training.config import RunConfig

    window.single_step()
    wait_until(lambda: window.image_view.rows, what="the VAE's images")
    window.start_run(RunConfig(method="vae", dataset="folder:/no/such/folder", cadence=window.cadence()))
    assert not window.image_view.rows
    wait_until(lambda: window.session.pending_id is None, what="the run that cannot start to end")
    wait_until(lambda: window.image_view.rows and window.method_view.widgets, what="the VAE's pictures again")
    assert "VAE" in window.method_view.title.text()


def test_opening_a_checkpoint_offers_to_save_b_and_closes_it(window, tmp_path, monkeypatch):
    """Opening a checkpoint while B trained left B training, labelled "run A except …" of a run that was
    gone. Now its unsaved training is offered to be saved first, and it closes when the file's run starts."""
    from PySide6.QtWidgets import QMessageBox

    from gui.window.compare import config_of_a

    path = str(tmp_path / "a.safetensors")
    window.save_to(path)
    wait_until(lambda: window.save_results.get(path), what="the save of run A")
    window.start_comparison(config_of_a(window), "same settings")
    b_id = window.session.compare_id
    wait_until(lambda: window.slot_of(b_id) == "B", what="run B to start")
    window.single_step()
    wait_until(lambda: getattr(window, "step_b", 0) > 0, what="run B to train a step")

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Discard)
    window.ask_before_discard = True
    assert window.open_checkpoint(path)
    assert asked[-1] == "Save run B first?"
    wait_until(lambda: window.run_info.resumed_from == path, what="the checkpoint's run to start")
    assert window.session.compare_id is None and b_id not in window.session.controls
    assert "B" not in window.shown_runs and window.status_labels["step_b"].isHidden()
    assert "Run B closed" in window.statusBar().currentMessage()
    window.ask_before_discard = False


def test_the_discard_question_shows_the_step_the_status_bar_shows(window):
    """The question said "step 286" beside a status bar at 315: the run trained on behind it."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    window.single_step()
    wait_until(lambda: window.step > 0, what="a step")
    window._show_step(286)
    seen = []

    def while_asked():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, while_asked)
            return
        seen.append(box.text())
        window._show_step(315)  # a newer step reaches the status bar while the question waits
        QTimer.singleShot(600, lambda: (seen.append(box.text()), box.button(QMessageBox.StandardButton.Cancel).click()))

    QTimer.singleShot(0, while_asked)
    window.ask_before_discard = True
    assert not window.confirm_discard("start again")
    window.ask_before_discard = False
    assert "286" in seen[0] and "315" in seen[-1], seen


def _losses(run_id: int, last: int = 800):
    steps = np.arange(0, last + 1, 50)
    return s.LossUpdate(run_id, steps, {"loss": 100.0 - steps / 10}, int(steps[-1]), 1.0, 1.0, 1.0)


def test_a_new_lessons_runs_start_on_a_freshly_framed_loss_plot(qtbot, app):
    """As for Metrics: the new B begins beside the old A, then the new A; the old runs' steps (to 800)
    and losses (to 100) must not frame the new runs' empty plot."""
    from gui.views.loss_view import LossView

    view = LossView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    _a_new_lesson_after_old_runs(view, lambda run_id: [_losses(run_id)])
    (x0, x1), (y0, y1) = view.plot.getPlotItem().vb.viewRange()
    assert x1 <= 1 and y1 <= 1, view.plot.getPlotItem().vb.viewRange()

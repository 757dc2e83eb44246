"""Run ▸ Draw 2-D points…: points sprayed with the mouse, counted, refused under the engine's minimum, saved
as x,y,label, and chosen in the experiment panel as the data set points:PATH (issue 20 §2)."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest


@pytest.fixture
def app():
    from gui.app import create_app

    return create_app([])


def _dialog(qtbot, folder):
    from gui.window.points_drawing import PointsDrawingDialog

    dialog = PointsDrawingDialog(folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _stroke(canvas, points: list[QPoint]) -> None:
    """Press at the first point, drag through the others, release at the last (as a hand would)."""
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for p in points[1:]:
        QTest.mouseMove(canvas, p)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


def test_drawing_counts_undoes_and_needs_sixteen_points(qtbot, app, tmp_path):
    dialog = _dialog(qtbot, tmp_path)
    canvas = dialog.canvas
    assert canvas.square().width() == canvas.square().height()  # a square, whatever the dialog's shape
    assert not dialog.train_button.isEnabled() and "0 points (at least 16)" in dialog.count.text()
    dialog.radius.setValue(0.0)  # one point exactly under the pointer per press or move
    centre = canvas.to_pixel(0.0, 0.0).toPoint()
    _stroke(canvas, [centre + QPoint(6 * i, 0) for i in range(10)])
    assert canvas.count() == 10 and len(canvas.strokes) == 1
    assert not dialog.train_button.isEnabled() and "Draw 6 more" in dialog.count.text()
    assert "at least 16" in dialog.train_button.toolTip()
    x, y = canvas.points()[:, 0], canvas.points()[:, 1]
    assert np.all(np.diff(x) > 0) and np.allclose(y, y[0], atol=0.05) and abs(x[0]) < 0.05  # left to right

    dialog.radius.setValue(0.5)
    dialog.density.setValue(5)
    QTest.keyClick(dialog, Qt.Key.Key_2)  # class 2
    corner = canvas.to_pixel(2.0, 2.0).toPoint()
    _stroke(canvas, [corner, corner + QPoint(3, 0), corner + QPoint(6, 0)])
    assert canvas.count() == 25 and dialog.train_button.isEnabled()
    second = canvas.strokes[1]
    assert np.all(second[:, 2] == 1) and np.all(np.hypot(second[:, 0] - 2, second[:, 1] - 2) < 0.5 + 0.2)
    dialog.undo_button.click()
    assert canvas.count() == 10 and not dialog.train_button.isEnabled()
    dialog.clear_button.click()
    assert canvas.count() == 0 and not dialog.clear_button.isEnabled()


def test_train_on_these_writes_x_y_label_and_closes(qtbot, app, tmp_path):
    dialog = _dialog(qtbot, tmp_path / "drawings")
    canvas = dialog.canvas
    dialog.radius.setValue(0.0)
    start = canvas.to_pixel(-1.0, -1.0).toPoint()
    _stroke(canvas, [start + QPoint(4 * i, -4 * i) for i in range(12)])
    dialog.label.setCurrentIndex(3)
    _stroke(canvas, [canvas.to_pixel(1.0, 1.0).toPoint() + QPoint(0, 4 * i) for i in range(6)])
    drawn = canvas.points()
    dialog.train_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.saved_path is not None
    path = Path(dialog.saved_path)
    assert path.parent == tmp_path / "drawings" and path.exists() and path.name.startswith("drawing-") and path.suffix == ".csv"
    lines = path.read_text().splitlines()
    assert lines[0] == "x,y,label" and len(lines) == 1 + 18
    table = np.array([[float(v) for v in line.split(",")] for line in lines[1:]])
    np.testing.assert_allclose(table[:, :2], drawn[:, :2])
    assert list(table[:, 2]) == [0] * 12 + [3] * 6


def test_the_engine_reads_the_drawing_back(qtbot, app, tmp_path):
    """What the dialog writes is a points:PATH data set the engine loads (engine/data/points.py)."""
    from engine.data import load_dataset
    from gui.window.points_drawing import save_drawing

    rng = np.random.default_rng(0)
    points = np.concatenate([rng.uniform(-4, 4, (40, 2)), rng.integers(0, 2, (40, 1))], axis=1)
    path = save_drawing(points, tmp_path)
    data = load_dataset(f"points:{path}")
    assert data.kind == "points" and len(data.train) + len(data.heldout) == 40


def test_the_panel_lists_a_drawing_and_switches_to_it(qtbot, app, tmp_path):
    from gui.panels.experiment_panel import ExperimentPanel

    panel = ExperimentPanel()
    qtbot.addWidget(panel)
    panel.populate()
    names = [panel.dataset.itemData(i) for i in range(panel.dataset.count())]
    assert {"ring8", "grid25", "two_moons"} <= set(names) and names[-2:] == ["folder:", "points:"]
    changes, asked = [], []
    panel.structure_changed.connect(lambda name, value: changes.append((name, value)))
    panel.draw_points_requested.connect(lambda: asked.append(True))
    shown = panel.dataset.currentIndex()
    panel.dataset.setCurrentIndex(panel.dataset.findData("points:"))  # "Draw 2-D points…": the dialog
    assert asked == [True] and panel.dataset.currentIndex() == shown and not changes

    path = str(tmp_path / "drawing-1.csv")
    panel.select_points(path)
    assert changes == [("dataset", f"points:{path}")] and panel.dataset_name() == f"points:{path}"
    assert panel.dataset.currentText() == "drawn: drawing-1"
    assert panel.method_name() == "gan"  # the autoencoder does not train on points: the switch brings a GAN
    assert panel.describe_change("dataset", f"points:{path}") == "switch to the points drawn in drawing-1.csv"
    other = str(tmp_path / "drawing-2.csv")
    panel.show_run("gan", f"points:{other}", {}, {})  # a checkpoint's or a lesson's drawing, not listed yet
    assert panel.dataset_name() == f"points:{other}" and len(changes) == 1


def test_a_method_and_data_set_with_a_preset_take_its_settings(qtbot, app):
    """GAN on the ring gets its measured preset (assets/presets/points.toml), said under the form; a pair
    without one keeps what the form shows."""
    from gui.panels.experiment_panel import ExperimentPanel

    panel = ExperimentPanel()
    qtbot.addWidget(panel)
    panel.populate()
    panel.method.setCurrentIndex(panel.method.findData("gan"))
    assert panel.preset_note.isHidden()  # GAN on mnist5k: no preset
    panel.dataset.setCurrentIndex(panel.dataset.findData("ring8"))
    values, run = panel.method_form.values(), panel.run_form.values()
    assert (values["latent_dim"], values["width"], values["r1_gamma"]) == (2, 128, 1.0)
    assert (run["lr"], run["batch_size"]) == (1e-3, 256)
    assert not panel.preset_note.isHidden() and "R1" in panel.preset_note.text()
    panel.method.setCurrentIndex(panel.method.findData("wgan_gp"))
    assert panel.method_form.values()["n_critic"] == 5 and panel.run_form.values()["lr"] == 1e-4

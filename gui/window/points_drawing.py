"""Run ▸ Draw 2-D points… (also the data set list's last entry): GAN Lab's "draw your own distribution".

A square canvas over a fixed extent (-4..4 on both axes, where the ring and the grid of Gaussians lie):
press and drag to spray points with a round brush, in up to four classes (colours); Undo stroke and
Clear take them back. "Train on these" writes them as a CSV (x,y,label with a header) into the app's data
folder, drawings/, and has the experiment panel choose the data set ``points:PATH``, so a run starts on
them as on any data set the user picks. The engine loads that file (engine/data/points.py); this dialog
only writes it, and refuses fewer points than the engine takes (its reason is shown beside the button).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QComboBox, QDialog, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QMessageBox,
                               QPushButton, QSizePolicy, QSpinBox, QVBoxLayout, QWidget)
from shiboken6 import isValid

EXTENT = 4.0  # the canvas shows -EXTENT..EXTENT on both axes
CLASS_COLOURS = ("#1b7837", "#d95f02", "#7570b3", "#e7298a")  # a colour per label, told apart in print too
MARGIN = 22  # px around the square, for the axis numbers
DOT = 3.0  # px: a drawn point's radius


def _tr(text: str) -> str:
    """The drawing dialog's words in the user's language (gui/translations/, context "PointsDrawing")."""
    return QCoreApplication.translate("PointsDrawing", text)


class DrawingCanvas(QWidget):
    """The square to draw on. ``strokes`` holds each finished stroke's points (k, 3: x, y, label); a press
    starts a stroke and every press or move while the button is down sprays ``density`` points uniformly
    within ``radius`` of the pointer (a radius of 0 puts one point exactly there)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.strokes: list[np.ndarray] = []
        self._stroke: list[tuple[float, float, int]] | None = None  # the stroke being drawn
        self.radius, self.density, self.label = 0.3, 4, 0
        self.rng = np.random.default_rng()
        self._hover: QPointF | None = None  # where the brush's ring is drawn
        self.setMinimumSize(300, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.CrossCursor)

    # -- the points -------------------------------------------------------------------------------
    def points(self) -> np.ndarray:
        """Every point drawn, the stroke under way included: (N, 3) x, y, label."""
        parts = self.strokes + ([np.array(self._stroke, np.float64).reshape(-1, 3)] if self._stroke else [])
        return np.concatenate(parts) if parts else np.zeros((0, 3))

    def count(self) -> int:
        return len(self.points())

    def clear(self) -> None:
        self.strokes, self._stroke = [], None
        self.update()
        self.changed.emit()

    def undo(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self.update()
            self.changed.emit()

    def spray(self, x: float, y: float) -> None:
        """One dab of the brush at (x, y) in data coordinates; points off the extent are not kept."""
        if self.radius <= 0:
            new = np.array([[x, y]])
        else:  # uniform in the disc: the radius goes as the square root of a uniform number
            r = self.radius * np.sqrt(self.rng.random(self.density))
            angle = 2 * np.pi * self.rng.random(self.density)
            new = np.stack([x + r * np.cos(angle), y + r * np.sin(angle)], axis=1)
        new = new[(np.abs(new) <= EXTENT).all(axis=1)]
        if self._stroke is None:
            self._stroke = []
        self._stroke += [(float(px), float(py), self.label) for px, py in new]
        self.update()
        self.changed.emit()

    # -- pixels and data --------------------------------------------------------------------------
    def square(self) -> QRectF:
        """The drawing area: the largest square that fits, centred, inside the margin."""
        side = max(min(self.width(), self.height()) - 2 * MARGIN, 1)
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def to_data(self, pos: QPointF) -> tuple[float, float]:
        sq = self.square()
        return (EXTENT * (2 * (pos.x() - sq.left()) / sq.width() - 1),
                EXTENT * (1 - 2 * (pos.y() - sq.top()) / sq.height()))  # y grows upwards, as in the plots

    def to_pixel(self, x: float, y: float) -> QPointF:
        sq = self.square()
        return QPointF(sq.left() + (x / EXTENT + 1) / 2 * sq.width(), sq.top() + (1 - y / EXTENT) / 2 * sq.height())

    # -- the mouse --------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self._stroke = []
            self.spray(*self.to_data(event.position()))

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._hover = event.position()
        if self._stroke is not None:  # the button is down (kept here: a synthetic move may not say so)
            self.spray(*self.to_data(event.position()))
        else:
            self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton and self._stroke is not None:
            if self._stroke:
                self.strokes.append(np.array(self._stroke, np.float64).reshape(-1, 3))
            self._stroke = None
            self.changed.emit()

    def leaveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._hover = None
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        sq = self.square()
        for v in range(-int(EXTENT), int(EXTENT) + 1):  # a grid line per unit, the axes darker
            painter.setPen(QPen(QColor("#999999" if v == 0 else "#e4e4e4"), 1))
            a, b = self.to_pixel(v, -EXTENT), self.to_pixel(v, EXTENT)
            painter.drawLine(a, b)
            a, b = self.to_pixel(-EXTENT, v), self.to_pixel(EXTENT, v)
            painter.drawLine(a, b)
            if v % 2 == 0:
                painter.setPen(QColor("#666666"))
                bottom = self.to_pixel(v, -EXTENT)
                painter.drawText(QRectF(bottom.x() - 12, sq.bottom() + 2, 24, MARGIN - 4), Qt.AlignmentFlag.AlignCenter,
                                 str(v))
                left = self.to_pixel(-EXTENT, v)
                painter.drawText(QRectF(sq.left() - MARGIN, left.y() - 8, MARGIN - 3, 16),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(v))
        painter.setPen(QPen(QColor("#666666"), 1))
        painter.drawRect(sq)
        painter.setPen(Qt.PenStyle.NoPen)
        for x, y, label in self.points():
            painter.setBrush(QColor(CLASS_COLOURS[int(label) % len(CLASS_COLOURS)]))
            painter.drawEllipse(self.to_pixel(x, y), DOT, DOT)
        if self._hover is not None and self.radius > 0:  # the brush: where the next dab lands
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(CLASS_COLOURS[self.label]), 1, Qt.PenStyle.DashLine))
            r = self.radius / (2 * EXTENT) * sq.width()
            painter.drawEllipse(self._hover, r, r)
        painter.end()


def save_drawing(points: np.ndarray, folder: str | Path | None = None) -> Path:
    """Write ``points`` (N, 3: x, y, label) as a new CSV in ``folder`` (the app's data folder's drawings/ by
    default), named by the time; returns its path."""
    from engine.data.downloads import cache_dir
    from engine.data.points import save_points_csv

    folder = Path(folder) if folder is not None else cache_dir() / "drawings"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path, n = folder / f"drawing-{stamp}.csv", 2
    while path.exists():  # two drawings in one second: neither overwrites the other
        path, n = folder / f"drawing-{stamp}-{n}.csv", n + 1
    return save_points_csv(path, points[:, :2], points[:, 2].astype(np.int64))


class PointsDrawingDialog(QDialog):
    """The canvas, its brush settings, Undo stroke / Clear, the count, and "Train on these" (enabled from
    the engine's minimum number of points). Accepted, ``saved_path`` is the CSV written."""

    def __init__(self, parent: QWidget | None = None, folder: str | Path | None = None):
        super().__init__(parent)
        from engine.data.points import MIN_POINTS

        self.min_points, self.folder, self.saved_path = MIN_POINTS, folder, None
        self.setWindowTitle(_tr("Draw 2-D points"))
        self.canvas = DrawingCanvas()
        self.radius = QDoubleSpinBox()
        self.radius.setDecimals(2)
        self.radius.setRange(0.0, 2.0)
        self.radius.setSingleStep(0.05)
        self.radius.setValue(self.canvas.radius)
        self.radius.setToolTip(_tr("How far from the pointer the points land (0: exactly at the pointer)"))
        self.radius.valueChanged.connect(lambda v: setattr(self.canvas, "radius", v))
        self.density = QSpinBox()
        self.density.setRange(1, 30)
        self.density.setValue(self.canvas.density)
        self.density.setToolTip(_tr("How many points each press or move of the mouse adds"))
        self.density.valueChanged.connect(lambda v: setattr(self.canvas, "density", v))
        self.label = QComboBox()
        for k, colour in enumerate(CLASS_COLOURS):
            swatch = QPixmap(12, 12)
            swatch.fill(QColor(colour))
            self.label.addItem(QIcon(swatch), _tr("class {0}").format(k + 1), k)
        self.label.setToolTip(_tr("The label of the points drawn next (keys 1–4)"))
        self.label.currentIndexChanged.connect(lambda i: setattr(self.canvas, "label", i))
        form = QFormLayout()
        form.addRow(_tr("brush radius"), self.radius)
        form.addRow(_tr("points per dab"), self.density)
        form.addRow(_tr("class"), self.label)
        self.undo_button = QPushButton(_tr("Undo stroke"), clicked=self.canvas.undo)
        self.undo_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.clear_button = QPushButton(_tr("Clear"), clicked=self.canvas.clear)
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.train_button = QPushButton(_tr("Train on these"), clicked=self.train)
        self.train_button.setDefault(True)
        cancel = QPushButton(_tr("Close"), clicked=self.reject)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.undo_button)
        side.addWidget(self.clear_button)
        side.addStretch(1)
        side.addWidget(self.count)
        side.addWidget(self.train_button)
        side.addWidget(cancel)
        layout = QHBoxLayout(self)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(side)
        self.canvas.changed.connect(self._show_count)
        self._show_count()
        # Keys 1-4 pick the class: the canvas has the focus at first, not the radius's field (which takes digits).
        self.canvas.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.canvas.setFocus()
        self.resize(700, 500)

    def _show_count(self) -> None:
        n = self.canvas.count()
        enough = n >= self.min_points
        text = _tr("{0} points (at least {1})").format(n, self.min_points)
        if not enough:
            text += "\n" + _tr("Draw {0} more to train on them.").format(self.min_points - n)
        self.count.setText(text)
        self.count.setStyleSheet("" if enough else "color: #8a5a00")
        self.train_button.setEnabled(enough)
        self.train_button.setToolTip("" if enough else _tr("A GAN needs at least {0} points to learn from: "
                                                           "draw {1} more").format(self.min_points, self.min_points - n))
        self.undo_button.setEnabled(bool(self.canvas.strokes))
        self.clear_button.setEnabled(n > 0)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        k = event.key() - Qt.Key.Key_1
        if 0 <= k < len(CLASS_COLOURS) and not event.modifiers():
            self.label.setCurrentIndex(k)
            return
        super().keyPressEvent(event)

    def train(self) -> None:
        """Write the drawing and close: the window then switches to it. A write that fails says why and keeps
        the drawing."""
        if self.canvas.count() < self.min_points:
            return
        try:
            self.saved_path = str(save_drawing(self.canvas.points(), self.folder))
        except OSError as e:
            QMessageBox.warning(self, _tr("Cannot save the drawing"), str(e))
            return
        self.accept()


def open_points_drawing(window) -> PointsDrawingDialog | None:
    """Open the drawing dialog over ``window`` (a MainWindow), without blocking; accepted, the experiment
    panel switches to the drawing. The same dialog, with its drawing, comes back the next time."""
    if not window.engine_loaded:
        window.statusBar().showMessage(_tr("Draw 2-D points: wait for the training engine to start"), 4000)
        return None
    dialog = getattr(window, "points_dialog", None)
    if dialog is None or not isValid(dialog):
        dialog = PointsDrawingDialog(window)
        dialog.accepted.connect(lambda: window.panel.select_points(dialog.saved_path))
        window.points_dialog = dialog
    dialog.open()
    return dialog


def build_points_action(window, menu) -> None:
    """Run ▸ Draw 2-D points…, and the data set list's "Draw 2-D points…" entry, open the dialog."""
    window.draw_points_action = menu.addAction(_tr("&Draw 2-D points…"), lambda: open_points_drawing(window))
    window.draw_points_action.setToolTip(_tr("Draw a data set of 2-D points with the mouse and train a GAN on it"))
    window.panel.draw_points_requested.connect(lambda: open_points_drawing(window))

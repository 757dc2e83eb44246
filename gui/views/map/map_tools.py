"""What the map view does that is not drawing: selection geometry (the box and lasso, and the view box
that turns a drag into one) and the nearest neighbours of a clicked image."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt


def points_in_polygon(points: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """(N,) bool: which of ``points`` (N, 2) lie inside ``polygon`` (M, 2), by ray casting."""
    x, y = points[:, 0][:, None], points[:, 1][:, None]
    x1, y1 = polygon[:, 0][None, :], polygon[:, 1][None, :]
    x2, y2 = np.roll(polygon[:, 0], -1)[None, :], np.roll(polygon[:, 1], -1)[None, :]
    crosses = (y1 > y) != (y2 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_at = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
    return ((crosses & (x < x_at)).sum(axis=1) % 2) == 1


class SelectingViewBox(pg.ViewBox):
    """A ViewBox that, in box or lasso mode, turns a drag into a selection instead of a pan."""

    def __init__(self, view):  # the MapView whose points it selects
        super().__init__()
        self.view = view
        self.path: list[tuple[float, float]] = []

    def mouseDragEvent(self, ev, axis=None):  # noqa: N802 (pyqtgraph override)
        mode = self.view.drag_mode.currentData()
        if mode == "pan" or ev.button() != Qt.MouseButton.LeftButton:
            return super().mouseDragEvent(ev, axis)
        ev.accept()
        p = self.mapSceneToView(ev.scenePos())
        if ev.isStart():
            start = self.mapSceneToView(ev.buttonDownScenePos())
            self.path = [(start.x(), start.y())]
        self.path.append((p.x(), p.y()))
        polygon = selection_polygon(self.path, mode)
        self.view.drawing.draw_outline(polygon)
        if ev.isFinish():
            self.view.select_polygon(polygon)


def selection_polygon(path: list[tuple[float, float]], mode: str) -> np.ndarray:
    """The polygon (M, 2) a drag along ``path`` selects: its bounding corners in box mode, else itself."""
    pts = np.array(path, dtype=np.float64)
    if mode == "box":
        (x0, y0), (x1, y1) = pts[0], pts[-1]
        return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    return pts


def nearest_images(i: int, embedding: np.ndarray | None, images: np.ndarray | None,
                   k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k images nearest image i by cosine similarity of embeddings, and by pixel distance."""
    by_embedding = by_pixels = np.array([], dtype=np.int64)
    if embedding is not None:
        e = embedding / np.maximum(np.linalg.norm(embedding, axis=1, keepdims=True), 1e-12)
        by_embedding = np.argsort(-(e @ e[i]))[1:k + 1]
    if images is not None:
        flat = images.reshape(len(images), -1).astype(np.float32)
        by_pixels = np.argsort(((flat - flat[i]) ** 2).sum(1))[1:k + 1]
    return by_embedding, by_pixels

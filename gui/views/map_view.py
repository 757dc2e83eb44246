"""The embedding map: the held-out probe set projected to 2-D, moving as the encoder learns.

New frames glide from the old positions; earlier frames are kept and a slider scrubs back through
them. Colour by label, a Sprites factor, k-means cluster or reconstruction error; click a legend entry
to hide a class. Hover shows the image under the cursor; a click shows it with its nearest neighbours
in the embedding and in pixel space; box or lasso selection shows the selected images as a grid.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QLabel, QMenu, QMessageBox,
                               QPushButton, QSlider, QSplitter, QToolButton, QVBoxLayout, QWidget)

from gui.views.export import export_view
from gui.views.latent_view import PALETTE
from gui.views.map_panel import MapSidePanel
from gui.views.map_tools import (SelectingViewBox, nearest_images, points_in_polygon, selection_polygon,
                                  write_map_csv)

GLIDE_MS, GLIDE_FRAMES = 400, 12
MAX_THUMBNAILS = 300
HOVER_RADIUS_PX = 8


class MapView(QWidget):
    method_changed = Signal(str)  # the user chose another projection

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.method = QComboBox()
        for name, label in (("pca", "PCA"), ("tsne", "t-SNE"), ("umap", "UMAP")):
            self.method.addItem(label, name)
        self.colour = QComboBox()
        self.drag_mode = QComboBox()
        for name, label in (("pan", "drag: pan"), ("box", "drag: box select"), ("lasso", "drag: lasso select")):
            self.drag_mode.addItem(label, name)
        self.thumbnails = QCheckBox("thumbnails")
        self.thumbnails.setToolTip(f"Draw images instead of points (up to {MAX_THUMBNAILS})")
        export = QToolButton()
        export.setText("Export")
        export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(export)
        menu.addAction("Map as PNG…", lambda: self._export("png"))
        menu.addAction("Map as SVG…", lambda: self._export("svg"))
        menu.addAction("Coordinates as CSV…", lambda: self._export("csv"))
        export.setMenu(menu)
        controls = QHBoxLayout()
        for w in (QLabel("map"), self.method, QLabel("colour"), self.colour, self.drag_mode, self.thumbnails):
            controls.addWidget(w)
        controls.addStretch(1)
        controls.addWidget(export)

        self.vb = SelectingViewBox(self)
        self.plot = pg.PlotWidget(viewBox=self.vb)
        self.plot.setBackground("w")
        self.plot.hideAxis("bottom")
        self.plot.hideAxis("left")
        self.legend = self.plot.addLegend(offset=(-5, 5), labelTextSize="8pt")
        self.lasso = pg.PlotCurveItem(pen=pg.mkPen("#444", width=1, style=Qt.PenStyle.DashLine))
        self.plot.addItem(self.lasso)
        self.highlight = pg.ScatterPlotItem(size=14, pen=pg.mkPen("k", width=2), brush=None)
        self.plot.addItem(self.highlight)
        self.note = QLabel("The map appears after the first embeddings.")
        self.note.setStyleSheet("color: gray")

        self.timeline = QSlider(Qt.Orientation.Horizontal)
        self.timeline.setEnabled(False)
        self.timeline_label = QLabel("")
        self.live = QPushButton("Live")
        self.live.setToolTip("Follow the newest map again")
        self.live.setEnabled(False)
        time_row = QHBoxLayout()
        time_row.addWidget(QLabel("timeline"))
        time_row.addWidget(self.timeline, 1)
        time_row.addWidget(self.timeline_label)
        time_row.addWidget(self.live)

        self.side = MapSidePanel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(controls)
        left_layout.addWidget(self.plot, 1)
        left_layout.addWidget(self.note)
        left_layout.addLayout(time_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(splitter)

        self.method.currentIndexChanged.connect(lambda _i: self.method_changed.emit(self.method.currentData()))
        self.colour.currentIndexChanged.connect(lambda _i: self._recolour())
        self.thumbnails.toggled.connect(lambda _on: self._draw_thumbnails())
        self.timeline.valueChanged.connect(self._on_scrub)
        self.live.clicked.connect(lambda: self.timeline.setValue(self.timeline.maximum()))
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self._glide = QTimer(self)
        self._glide.timeout.connect(self._glide_step)
        self.clear()

    # -- a run's data -----------------------------------------------------------------------------
    def clear(self) -> None:
        self.images = None  # (P, H, W, C) uint8
        self.labels = np.zeros(0, dtype=np.int64)
        self.class_names: tuple[str, ...] = ()
        self.factors = None
        self.factor_names: tuple[str, ...] = ()
        self.embedding = None  # (P, D) newest model embedding, for neighbours
        self.recon_error = None
        self.clusters = None
        self.frames: list[tuple[int, str, np.ndarray]] = []  # (step, method, coords)
        self.coords = np.zeros((0, 2), dtype=np.float32)  # what is drawn now
        self._glide_from = self._glide_to = None
        self._items: list[pg.ScatterPlotItem] = []
        self._thumbs: list[pg.ImageItem] = []
        self.plot.clear()
        self.legend.clear()
        self.plot.addItem(self.lasso)
        self.plot.addItem(self.highlight)
        self.lasso.setData([], [])
        self.highlight.setData([], [])
        self.timeline.blockSignals(True)
        self.timeline.setRange(0, 0)
        self.timeline.blockSignals(False)
        self.timeline.setEnabled(False)
        self.live.setEnabled(False)
        self.timeline_label.setText("")
        self.side.clear()
        self._fill_colour_choices()

    def set_probe_set(self, images: np.ndarray, labels: np.ndarray, class_names: tuple[str, ...],
                      factors: np.ndarray | None, factor_names: tuple[str, ...]) -> None:
        self.images, self.labels, self.class_names = images, labels.astype(np.int64), class_names
        self.factors, self.factor_names = factors, factor_names
        self.side.set_images(images, labels, class_names)
        self._fill_colour_choices()

    def set_embedding(self, probe: np.ndarray, recon_error: np.ndarray | None) -> None:
        self.embedding = probe
        if recon_error is not None:  # errors come with every few updates only; keep the last ones
            self.recon_error = recon_error
        self._fill_colour_choices()
        if self.colour.currentData() == "error":
            self._recolour()

    def set_clusters(self, clusters: np.ndarray) -> None:
        self.clusters = clusters
        self._fill_colour_choices()
        if self.colour.currentData() == "cluster":
            self._recolour()

    def add_frame(self, step: int, method: str, coords: np.ndarray, note: str) -> None:
        """A new map: kept for the timeline and, when following live, glided to."""
        following = not self.frames or self.timeline.value() == self.timeline.maximum()
        self.frames.append((step, method, coords))
        self.timeline.blockSignals(True)
        self.timeline.setRange(0, len(self.frames) - 1)
        if following:
            self.timeline.setValue(len(self.frames) - 1)
        self.timeline.blockSignals(False)
        self.timeline.setEnabled(len(self.frames) > 1)
        self.note.setText(note)
        if following:
            self._show_frame(len(self.frames) - 1, glide=True)
        self._update_timeline_label()

    # -- drawing ----------------------------------------------------------------------------------
    def _show_frame(self, index: int, glide: bool) -> None:
        _step, method, coords = self.frames[index]
        i = self.method.findData(method)
        if i >= 0 and self.method.currentData() != method and index == len(self.frames) - 1:
            self.method.blockSignals(True)
            self.method.setCurrentIndex(i)
            self.method.blockSignals(False)
        if glide and len(self.coords) == len(coords) and len(coords):
            self._glide_from, self._glide_to, self._glide_i = self.coords.copy(), coords, 0
            self._glide.start(GLIDE_MS // GLIDE_FRAMES)
        else:
            self._glide.stop()
            self._set_coords(coords, autorange=not len(self.coords))

    def _glide_step(self) -> None:
        self._glide_i += 1
        t = self._glide_i / GLIDE_FRAMES
        t = t * t * (3 - 2 * t)  # ease in and out
        self._set_coords(self._glide_from + (self._glide_to - self._glide_from) * t, autorange=False)
        if self._glide_i >= GLIDE_FRAMES:
            self._glide.stop()
            self.vb.autoRange(padding=0.05)

    def _set_coords(self, coords: np.ndarray, autorange: bool) -> None:
        self.coords = coords
        if not self._items:
            self._recolour()
        else:
            for item, idx in self._items_with_index():
                item.setData(pos=coords[idx])
        self._draw_thumbnails()
        if autorange:
            self.vb.autoRange(padding=0.05)

    def _colour_groups(self) -> list[tuple[str, np.ndarray, object]]:
        """(legend name, point indices, brush or per-point brushes) of the chosen colouring."""
        n = len(self.coords)
        choice = self.colour.currentData() or "label"
        if choice == "error" and self.recon_error is not None and len(self.recon_error) == n:
            e = self.recon_error
            t = (e - e.min()) / max(float(e.max() - e.min()), 1e-12)
            cmap = pg.colormap.get("viridis")
            brushes = [pg.mkBrush(c) for c in cmap.map(t, mode="qcolor")]
            return [("reconstruction error (dark low, bright high)", np.arange(n), brushes)]
        if choice == "cluster" and self.clusters is not None and len(self.clusters) == n:
            values, names = self.clusters, None
        elif isinstance(choice, str) and choice.startswith("factor:") and self.factors is not None:
            values = self.factors[:, int(choice.split(":")[1])]
            names = None
        else:
            values, names = self.labels[:n] if len(self.labels) >= n else np.zeros(n, np.int64), self.class_names
        groups = []
        for i, v in enumerate(np.unique(values)):
            idx = np.flatnonzero(values == v)
            name = names[int(v)] if names and int(v) < len(names) else (f"{v:g}" if isinstance(v, float) else str(v))
            groups.append((name, idx, pg.mkBrush(PALETTE[i % len(PALETTE)])))
        return groups

    def _items_with_index(self):
        return [(item, item.point_index) for item in self._items]

    def _recolour(self) -> None:
        for item in self._items:
            self.plot.removeItem(item)
        self.legend.clear()
        self._items = []
        if not len(self.coords):
            return
        for name, idx, brush in self._colour_groups():
            item = pg.ScatterPlotItem(pos=self.coords[idx], size=6, pen=None, brush=brush, name=name)
            item.point_index = idx
            self.plot.addItem(item)
            self._items.append(item)
        self._draw_thumbnails()

    def _fill_colour_choices(self) -> None:
        current = self.colour.currentData()
        self.colour.blockSignals(True)
        self.colour.clear()
        self.colour.addItem("label", "label")
        for i, name in enumerate(self.factor_names):
            self.colour.addItem(f"factor: {name}", f"factor:{i}")
        if self.clusters is not None:
            self.colour.addItem("k-means cluster", "cluster")
        if self.recon_error is not None:
            self.colour.addItem("reconstruction error", "error")
        i = self.colour.findData(current)
        self.colour.setCurrentIndex(max(i, 0))
        self.colour.blockSignals(False)

    def _draw_thumbnails(self) -> None:
        for t in self._thumbs:
            self.plot.removeItem(t)
        self._thumbs = []
        on = self.thumbnails.isChecked() and self.images is not None and len(self.coords)
        for item in self._items:
            item.setOpacity(0.25 if on else 1.0)
        if not on:
            return
        span = np.ptp(self.coords, axis=0).max() if len(self.coords) > 1 else 1.0
        size = span / 30
        step = max(1, len(self.coords) // MAX_THUMBNAILS)
        for i in range(0, len(self.coords), step):
            img = self.images[i]
            item = pg.ImageItem(img[..., 0] if img.shape[-1] == 1 else img, levels=(0, 255))
            x, y = self.coords[i]
            item.setRect(float(x - size / 2), float(y - size / 2), float(size), float(size))
            self.plot.addItem(item)
            self._thumbs.append(item)

    # -- timeline ---------------------------------------------------------------------------------
    def _on_scrub(self, index: int) -> None:
        if 0 <= index < len(self.frames):
            self._show_frame(index, glide=True)
        self.live.setEnabled(index != self.timeline.maximum())
        self._update_timeline_label()

    def _update_timeline_label(self) -> None:
        if self.frames:
            step, method, _ = self.frames[self.timeline.value()]
            live = "" if self.timeline.value() == self.timeline.maximum() else " (scrubbed back)"
            self.timeline_label.setText(f"step {step:,} · {dict(pca='PCA', tsne='t-SNE', umap='UMAP')[method]}{live}")

    # -- hover, click, selection ------------------------------------------------------------------
    def point_at(self, scene_pos) -> int | None:
        """Index of the probe point within a few pixels of a scene position, or None."""
        if not len(self.coords):
            return None
        p = self.vb.mapSceneToView(scene_pos)
        px = self.vb.viewPixelSize()
        d = ((self.coords[:, 0] - p.x()) / px[0]) ** 2 + ((self.coords[:, 1] - p.y()) / px[1]) ** 2
        i = int(np.argmin(d))
        return i if d[i] <= HOVER_RADIUS_PX ** 2 else None

    def _on_mouse_moved(self, pos) -> None:
        i = self.point_at(pos)
        if i is not None:
            self.side.show_hover(i)

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.drag_mode.currentData() != "pan":
            return
        i = self.point_at(event.scenePos())
        if i is not None:
            self.show_neighbours(i)

    def show_neighbours(self, i: int, k: int = 8) -> None:
        self.highlight.setData(pos=self.coords[i:i + 1])
        by_embedding, by_pixels = nearest_images(i, self.embedding, self.images, k)
        self.side.show_neighbours(i, by_embedding, by_pixels)

    def selection_polygon(self, path: list[tuple[float, float]], mode: str) -> np.ndarray:
        return selection_polygon(path, mode)

    def select_polygon(self, polygon: np.ndarray) -> np.ndarray:
        inside = np.flatnonzero(points_in_polygon(self.coords, polygon)) if len(polygon) >= 3 else np.array([], int)
        self.highlight.setData(pos=self.coords[inside])
        self.side.show_selection(inside)
        return inside

    # -- export -----------------------------------------------------------------------------------
    def write_csv(self, path: str | Path) -> None:
        """The shown frame's coordinates with every colouring, one row per probe image."""
        _, _, coords = self.frames[self.timeline.value()]
        write_map_csv(path, coords, self.labels, self.class_names, self.factors, self.factor_names,
                      self.clusters, self.recon_error)

    def _export(self, kind: str) -> None:
        if not self.frames:
            QMessageBox.information(self, "Nothing to export", "There is no map yet.")
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export map", f"map.{kind}", f"{kind.upper()} (*.{kind})")
        if not path:
            return
        try:
            if kind == "csv":
                self.write_csv(path)
            else:
                export_view(self.plot.getPlotItem(), path)
        except (OSError, ValueError) as e:
            QMessageBox.warning(self, "Export failed", f"Could not export to {path}: {e}")

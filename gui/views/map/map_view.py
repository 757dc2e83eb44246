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
                               QPushButton, QSizePolicy, QSlider, QSplitter, QToolButton, QVBoxLayout, QWidget)

from gui.widgets.export import export_view
from gui.views.map.map_items import MapKey, ScatterPool, ThumbnailPool, colour_groups
from gui.views.map.map_panel import BusyLine, MapSidePanel
from gui.views.map.map_tools import (SelectingViewBox, nearest_images, points_in_polygon, selection_polygon,
                                  write_map_csv)

GLIDE_MS, GLIDE_FRAMES = 400, 12
MAX_THUMBNAILS = 300
HOVER_RADIUS_PX = 8
METHOD_LABELS = {"pca": "PCA", "tsne": "t-SNE", "umap": "UMAP"}
EMPTY_NOTE = "The map appears after the first embeddings."


class MapView(QWidget):
    method_changed = Signal(str)  # the user chose another projection

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.method = QComboBox()
        for name, label in METHOD_LABELS.items():
            self.method.addItem(label, name)
        self.colour = QComboBox()
        self.drag_mode = QComboBox()
        for name, label in (("pan", "drag: pan"), ("box", "drag: box"), ("lasso", "drag: lasso")):
            self.drag_mode.addItem(label, name)
        self.drag_mode.setToolTip("What dragging on the map does: pan it, or select the images in a box or lasso")
        # Combo boxes shrink to a few letters in a small dock (a projector's) and grow to their text.
        for combo in (self.method, self.colour, self.drag_mode):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.setMaximumWidth(170)
        self.drag_mode.setMinimumContentsLength(5)  # "drag: pan" whole
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
        self.method.setToolTip("The projection: PCA (linear, fast), t-SNE or UMAP (neighbourhoods, slower)")
        for w in (self.method, QLabel("colour"), self.colour, self.drag_mode, self.thumbnails):
            controls.addWidget(w)
        controls.addStretch(0)  # the combo boxes take the spare width, up to their text
        controls.addWidget(export)

        self.vb = SelectingViewBox(self)
        self.plot = pg.PlotWidget(viewBox=self.vb)
        self.plot.setBackground("w")
        self.plot.hideAxis("bottom")
        self.plot.hideAxis("left")
        item = self.plot.getPlotItem()
        self.key = MapKey(item)
        self.scatter = ScatterPool(item)
        self.thumbs = ThumbnailPool(item)
        # The lasso and the rings mark points; they must never stretch the auto-range (issue 11: a ring
        # left at a PCA-scale position squeezed the t-SNE clusters into a corner).
        self.lasso = pg.PlotCurveItem(pen=pg.mkPen("#444", width=1, style=Qt.PenStyle.DashLine))
        self.plot.addItem(self.lasso, ignoreBounds=True)
        self.highlight = pg.ScatterPlotItem(size=14, pen=pg.mkPen("k", width=2), brush=None)
        self.plot.addItem(self.highlight, ignoreBounds=True)
        self.highlight.setZValue(10)
        self.ringed = np.array([], dtype=np.int64)  # the points the rings mark, followed when they move
        self.note = QLabel(EMPTY_NOTE)
        self.note.setStyleSheet("color: gray")
        self.note.setWordWrap(True)
        self.busy = BusyLine(self)

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
        left_layout.addWidget(self.busy)
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

        self.method.currentIndexChanged.connect(lambda _i: self._on_method_chosen())
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
        """Forget the run: a new run starts from an empty map, an empty side panel and no timeline."""
        self._glide.stop()  # a glide left running would step between endpoints that are gone
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
        self.scatter.restyle(self.coords, [])
        self.thumbs.hide()
        self.thumbs.forget_images()
        self.key.clear()
        self.lasso.setData([], [])
        self.vb.path = []
        self.ringed = np.array([], dtype=np.int64)
        self.highlight.setData(pos=np.zeros((0, 2)))
        self.timeline.blockSignals(True)
        self.timeline.setRange(0, 0)
        self.timeline.blockSignals(False)
        self.timeline.setEnabled(False)
        self.live.setEnabled(False)
        self.timeline_label.setText("")
        self.note.setText(EMPTY_NOTE)
        self.busy.stop()
        self.side.clear()
        self._fill_colour_choices()

    def set_probe_set(self, images: np.ndarray, labels: np.ndarray, class_names: tuple[str, ...],
                      factors: np.ndarray | None, factor_names: tuple[str, ...]) -> None:
        self.images, self.labels, self.class_names = images, labels.astype(np.int64), class_names
        self.factors, self.factor_names = factors, factor_names
        self.thumbs.forget_images()
        self.side.set_images(images, labels, class_names)
        self._fill_colour_choices()

    def set_embedding(self, probe: np.ndarray, recon_error: np.ndarray | None) -> None:
        self.embedding = probe
        if recon_error is not None:  # errors come with every few updates only; keep the last ones
            self.recon_error = recon_error
        self._fill_colour_choices()
        if self.colour.currentData() == "error":
            self._recolour()
        method = self.method.currentData()
        if not self.frames or self.frames[-1][1] != method:  # the analysis now projects a first map
            self.set_busy(f"{METHOD_LABELS[method]}: computing the first map", until_method=method)

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
        self.busy.frame_arrived(method)
        if following:
            self._show_frame(len(self.frames) - 1, glide=True)
        self._update_timeline_label()

    # -- what the analysis is doing ---------------------------------------------------------------
    def set_busy(self, text: str | None, started_at: float | None = None, until_method: str | None = None) -> None:
        """Say what the analysis is computing, with the seconds since ``started_at`` (time.monotonic(),
        default now), until a frame arrives (of ``until_method`` when given); None stops it."""
        if text is None:
            self.busy.stop()
        else:
            self.busy.start(text, started_at, until_method)

    def show_analysis_status(self, umap_ready: bool, message: str) -> None:
        """The analysis process's news (AnalysisStatus): shown under the map; if UMAP cannot be used, no
        UMAP map is coming and the busy line stops waiting for one."""
        self.note.setText(message)
        if not umap_ready and self.busy.until_method == "umap":
            self.busy.stop()

    def _on_method_chosen(self) -> None:
        method = self.method.currentData()
        if self.frames:  # with no embeddings yet, set_embedding starts the busy line when they come
            self.set_busy(f"{METHOD_LABELS[method]}: computing the map", until_method=method)
        self.method_changed.emit(method)

    # -- drawing ----------------------------------------------------------------------------------
    def _show_frame(self, index: int, glide: bool) -> None:
        _step, method, coords = self.frames[index]
        i = self.method.findData(method)
        if i >= 0 and self.method.currentData() != method and index == len(self.frames) - 1:
            self.method.blockSignals(True)
            self.method.setCurrentIndex(i)
            self.method.blockSignals(False)
        self.lasso.setData([], [])  # the drawn outline belongs to the old layout; the rings follow
        if glide and len(self.coords) == len(coords) and len(coords):
            self._glide_from, self._glide_to, self._glide_i = self.coords.copy(), coords, 0
            self._hold_in_view(coords)  # the points never glide out of sight
            self._glide.start(GLIDE_MS // GLIDE_FRAMES)
        else:
            self._glide.stop()
            self._set_coords(coords)
            self._frame_points()

    def _glide_step(self) -> None:
        if self._glide_from is None:  # cleared mid-glide
            self._glide.stop()
            return
        self._glide_i += 1
        t = self._glide_i / GLIDE_FRAMES
        t = t * t * (3 - 2 * t)  # ease in and out
        self._set_coords(self._glide_from + (self._glide_to - self._glide_from) * t)
        if self._glide_i >= GLIDE_FRAMES:
            self._glide.stop()
            self._frame_points()

    def _frame_points(self) -> None:
        """Fit the view to the points: auto-range counts only the scatter items, not rings or lasso."""
        if len(self.coords):
            self.vb.autoRange(padding=0.05)

    def _hold_in_view(self, points: np.ndarray) -> None:
        """Widen the view to hold ``points`` (a glide's end, e.g. t-SNE after PCA at 100x the scale)."""
        (x0, y0), (x1, y1) = points.min(0).tolist(), points.max(0).tolist()
        (vx0, vx1), (vy0, vy1) = self.vb.viewRange()
        if x0 < vx0 or x1 > vx1 or y0 < vy0 or y1 > vy1:
            both = np.vstack([points, self.coords]).astype(np.float64)  # float32 limits overflow in pyqtgraph
            (a0, b0), (a1, b1) = both.min(0).tolist(), both.max(0).tolist()
            self.vb.setRange(xRange=(a0, a1), yRange=(b0, b1), padding=0.05)

    def _set_coords(self, coords: np.ndarray) -> None:
        self.coords = coords
        if not self.scatter.groups:
            self._recolour()
        else:
            self.scatter.move(coords)
            self._draw_thumbnails()
        if len(self.ringed) and len(coords):
            self.highlight.setData(pos=coords[self.ringed[self.ringed < len(coords)]])

    def _recolour(self) -> None:
        groups, continuous = [], None
        if len(self.coords):
            groups, continuous = colour_groups(self.colour.currentData() or "label", len(self.coords), self.labels,
                                               self.class_names, self.factors, self.clusters, self.recon_error)
        self.scatter.restyle(self.coords, groups)
        if continuous is not None:
            self.key.show_colour_bar(*continuous)
        else:
            self.key.show_legend(self.scatter.shown, [name for name, _idx, _brush in groups])
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
        on = bool(self.thumbnails.isChecked() and self.images is not None and len(self.coords))
        self.scatter.set_opacity(0.25 if on else 1.0)
        if not on:
            self.thumbs.hide()
            return
        span = np.ptp(self.coords, axis=0).max() if len(self.coords) > 1 else 1.0
        step = max(1, len(self.coords) // MAX_THUMBNAILS)
        self.thumbs.draw(self.coords, self.images, np.arange(0, len(self.coords), step), span / 30)

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
            self.timeline_label.setText(f"step {step:,} · {METHOD_LABELS[method]}{live}")

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
        self._ring(np.array([i]))
        by_embedding, by_pixels = nearest_images(i, self.embedding, self.images, k)
        self.side.show_neighbours(i, by_embedding, by_pixels)

    def _ring(self, indices: np.ndarray) -> None:
        self.ringed = indices.astype(np.int64)
        self.highlight.setData(pos=self.coords[self.ringed])

    def selection_polygon(self, path: list[tuple[float, float]], mode: str) -> np.ndarray:
        return selection_polygon(path, mode)

    def select_polygon(self, polygon: np.ndarray) -> np.ndarray:
        inside = np.flatnonzero(points_in_polygon(self.coords, polygon)) if len(polygon) >= 3 else np.array([], int)
        self._ring(inside)
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

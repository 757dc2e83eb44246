"""The embedding map: the held-out probe set projected to 2-D, moving as the encoder learns.

New frames glide from the old positions; earlier frames are kept and a slider scrubs back through
them. Colour by label, a Sprites factor, k-means cluster or reconstruction error; click a legend entry
to hide a class. Hover shows the image under the cursor; a click shows it with its nearest neighbours
in the embedding and in pixel space; box or lasso selection shows the selected images as a grid.

This file lays the view out and wires it; the parts live beside it: map_controls (the rows of
controls and the timeline), map_drawing (what is drawn on the plot), map_glide (the movement between
maps), map_panel (the side panel and the busy line), map_tools (selection geometry, neighbours) and
map_export. A view holds all of its state itself, so two maps (run A and run B) can sit side by side.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from engine.analysis.map_settings import MapSettings
from gui.i18n_engine import engine_text
from gui.views.map.map_controls import METHOD_LABELS, MapControls, MapTimeline
from gui.views.map.map_data import ProbeData
from gui.views.map.map_drawing import MAX_THUMBNAILS, MapDrawing
from gui.views.map.map_export import export_map, write_map_csv
from gui.views.map.map_glide import Glide
from gui.views.map.map_panel import BusyLine, MapSidePanel
from gui.views.map.map_tools import SelectingViewBox, nearest_images, points_in_polygon, selection_polygon
from gui.views.run_view import OneRunView


def _tr(text: str) -> str:
    """The map's words in the user's language (gui/translations/, context "MapView")."""
    return QCoreApplication.translate("MapView", text)


HOVER_RADIUS_PX = 8
EMPTY_NOTE = "The map appears after the first embeddings."


SIDE_PANEL_HIDE_BELOW, SIDE_PANEL_SHOW_FROM = 640, 760  # pixels of the view's width (see _fit_side_panel)


class MapView(OneRunView, QWidget):
    """One run's map; the run contract (begin_run, receive, end_run) comes from OneRunView."""

    method_changed = Signal(str)  # the user chose another projection
    map_settings_changed = Signal(float, int, float)  # the user changed perplexity, n_neighbors or min_dist

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.probe = ProbeData()
        self.frames: list[tuple[int, str, np.ndarray]] = []  # (step, method, coords (P, 2)) kept for the timeline
        self.controls = MapControls(self._export, MAX_THUMBNAILS)
        # The parts' widgets also go by the names the window, the tools and the tests use.
        self.method, self.colour = self.controls.method, self.controls.colour
        self.drag_mode, self.thumbnails = self.controls.drag_mode, self.controls.thumbnails
        self.map_settings = self.controls.settings

        self.vb = SelectingViewBox(self)
        self.plot = pg.PlotWidget(viewBox=self.vb)
        self.plot.setBackground("w")
        self.plot.hideAxis("bottom")
        self.plot.hideAxis("left")
        self.drawing = MapDrawing(self.plot, self.probe, colouring=self.colour.currentData,
                                  thumbnails_on=self.thumbnails.isChecked)
        d = self.drawing
        self.key, self.scatter, self.thumbs = d.key, d.scatter, d.thumbs
        self.lasso, self.highlight = d.lasso, d.highlight
        self.glide = Glide(self, move=d.set_coords, done=d.frame_points)
        self.note = QLabel(_tr(EMPTY_NOTE))
        self.note.setStyleSheet("color: gray")
        self.note.setWordWrap(True)
        self.busy = BusyLine(self)
        self.timeline_row = MapTimeline()
        self.timeline, self.timeline_label, self.live = (self.timeline_row.slider, self.timeline_row.label,
                                                         self.timeline_row.live)
        self.side = MapSidePanel()
        self.presenting = False
        self._lay_out()

        self.method.currentIndexChanged.connect(lambda _i: self._on_method_chosen())
        self.map_settings.changed.connect(self._on_map_settings_chosen)
        self.colour.currentIndexChanged.connect(lambda _i: self.drawing.recolour())
        self.thumbnails.toggled.connect(lambda _on: self.drawing.draw_thumbnails())
        self.timeline_row.scrubbed.connect(self._on_scrub)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.clear()

    def _lay_out(self) -> None:
        """Controls, map, busy line, note and timeline on the left; the side panel on the right."""
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.controls)
        left_layout.addWidget(self.plot, 1)
        left_layout.addWidget(self.busy)
        left_layout.addWidget(self.note)
        left_layout.addWidget(self.timeline_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(splitter)

    def set_presenting(self, on: bool) -> None:
        """Presentation mode (gui/window/presentation.py): the map and its key only (the side panel's
        hover and selection images, the drag mode and the thumbnails box are for a mouse, not a hall),
        the legend in as many columns as its larger type needs."""
        self.presenting = on
        self.controls.show_mouse_controls(not on)
        self._fit_side_panel()
        self.key._fit_legend()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_side_panel()

    def _fit_side_panel(self) -> None:
        """The side panel only where the map keeps room beside it: two runs side by side at 1280 pixels
        would otherwise push run B's map out of the window. Two thresholds, so that the panel's own
        minimum width, coming and going, cannot make it flicker."""
        width, shown = self.width(), not self.side.isHidden()
        wanted = not self.presenting and (width >= SIDE_PANEL_HIDE_BELOW if shown else width >= SIDE_PANEL_SHOW_FROM)
        if wanted != shown:
            self.side.setVisible(wanted)

    @property
    def coords(self) -> np.ndarray:
        """(P, 2) the positions drawn now (mid-glide: between two frames)."""
        return self.drawing.coords

    # -- a run's data -----------------------------------------------------------------------------
    def snapshot_handlers(self) -> dict:
        """The snapshots a map draws, by class name (OneRunView routes only those of the run shown)."""
        return {"ProbeSet": lambda p: self.set_probe_set(p.images, p.labels, p.class_names, p.factors,
                                                         p.factor_names),
                "EmbeddingUpdate": self._on_embeddings,
                "MapUpdate": lambda m: self.add_frame(m.step, m.method, m.coords, m.note),
                "MetricsUpdate": self._on_metrics}

    def _on_embeddings(self, e) -> None:
        if e.kind == "model":  # baselines (pixels, a random encoder) are scored, not mapped
            self.set_embedding(e.probe, e.recon_error)

    def _on_metrics(self, m) -> None:
        if m.kind == "model":
            self.set_clusters(m.clusters)

    def clear(self) -> None:
        """Forget the run: a new run starts from an empty map, an empty side panel and no timeline."""
        self.glide.stop()  # a glide left running would step between endpoints that are gone
        self.probe.clear()
        self.frames = []
        self.drawing.clear()
        self.vb.path = []
        self.timeline_row.reset()
        self.note.setText(_tr(EMPTY_NOTE))
        self.busy.stop()
        self.side.clear()
        self.controls.fill_colour_choices(self.probe.colour_choices())

    def set_probe_set(self, images: np.ndarray, labels: np.ndarray, class_names: tuple[str, ...],
                      factors: np.ndarray | None, factor_names: tuple[str, ...]) -> None:
        p = self.probe
        p.images, p.labels, p.class_names = images, labels.astype(np.int64), class_names
        p.factors, p.factor_names = factors, factor_names
        self.thumbs.forget_images()
        self.side.set_images(images, labels, class_names)
        self.controls.fill_colour_choices(p.colour_choices())

    def set_embedding(self, probe: np.ndarray, recon_error: np.ndarray | None) -> None:
        self.probe.embedding = probe
        if recon_error is not None:  # errors come with every few updates only; keep the last ones
            self.probe.recon_error = recon_error
        self.controls.fill_colour_choices(self.probe.colour_choices())
        if self.colour.currentData() == "error":
            self.drawing.recolour()
        method = self.method.currentData()
        if not self.frames or self.frames[-1][1] != method:  # the analysis now projects a first map
            self.set_busy(_tr("{0}: computing the first map").format(METHOD_LABELS[method]), until_method=method)

    def set_clusters(self, clusters: np.ndarray) -> None:
        self.probe.clusters = clusters
        self.controls.fill_colour_choices(self.probe.colour_choices())
        if self.colour.currentData() == "cluster":
            self.drawing.recolour()

    def add_frame(self, step: int, method: str, coords: np.ndarray, note: str) -> None:
        """A new map: kept for the timeline and, when following live, glided to."""
        following = not self.frames or self.timeline_row.following
        self.frames.append((step, method, coords))
        self.timeline_row.extend(len(self.frames), follow=following)
        self.note.setText(engine_text(note))
        self.busy.frame_arrived(method)
        if following:
            self._show_frame(len(self.frames) - 1, glide=True)
        self._describe_frame()

    # -- what the analysis is doing ---------------------------------------------------------------
    def set_busy(self, text: str | None, started_at: float | None = None, until_method: str | None = None) -> None:
        """Say what the analysis is computing, with the seconds since ``started_at`` (time.monotonic(),
        default now), until a frame arrives (of ``until_method`` when given); None stops it."""
        if text is None:
            self.busy.stop()
        else:
            self.busy.start(text, started_at, until_method)

    def show_analysis_status(self, umap_ready: bool, message: str) -> None:
        """The analysis process's bad news (AnalysisStatus): UMAP cannot be used, said under the map, and
        the busy line stops waiting for a UMAP map that is not coming. Good news ("UMAP ready") leaves the
        note alone: it describes the map shown (the window's status bar says it)."""
        if umap_ready:
            return
        self.note.setText(message)
        if self.busy.until_method == "umap":
            self.busy.stop()

    def _on_method_chosen(self) -> None:
        method = self.method.currentData()
        if self.frames:  # with no embeddings yet, set_embedding starts the busy line when they come
            self.set_busy(_tr("{0}: computing the map").format(METHOD_LABELS[method]), until_method=method)
        self.method_changed.emit(method)

    def _on_map_settings_chosen(self, perplexity: float, n_neighbors: int, min_dist: float) -> None:
        method = self.method.currentData()
        described = self.map_settings.sent.describe(method)
        if self.frames and described:
            self.set_busy(_tr("{0} with {1}: computing a fresh map").format(METHOD_LABELS[method], described),
                          until_method=method)
        self.map_settings_changed.emit(perplexity, n_neighbors, min_dist)

    def show_map_settings(self, perplexity: float, n_neighbors: int, min_dist: float) -> None:
        """The analysis's map settings, chosen in another map (run B's beside A's): shown, not sent again."""
        self.map_settings.show_settings(MapSettings(perplexity, n_neighbors, min_dist))

    # -- frames and the timeline ------------------------------------------------------------------
    def _show_frame(self, index: int, glide: bool) -> None:
        _step, method, coords = self.frames[index]
        if index == len(self.frames) - 1:
            self.controls.show_method(method)
        self.drawing.clear_outline()  # the drawn outline belongs to the old layout; the rings follow
        if glide and len(self.coords) == len(coords) and len(coords):
            self.drawing.hold_in_view(coords)  # the points never glide out of sight
            self.glide.start(self.coords.copy(), coords)
        else:
            self.glide.stop()
            self.drawing.set_coords(coords)
            self.drawing.frame_points()

    def _on_scrub(self, index: int) -> None:
        if 0 <= index < len(self.frames):
            self._show_frame(index, glide=True)
        self._describe_frame()

    def _describe_frame(self) -> None:
        if self.frames:
            step, method, _ = self.frames[self.timeline_row.index]
            self.timeline_row.describe(step, method)

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
        self.drawing.ring(np.array([i]))
        by_embedding, by_pixels = nearest_images(i, self.probe.embedding, self.probe.images, k)
        self.side.show_neighbours(i, by_embedding, by_pixels)

    def selection_polygon(self, path: list[tuple[float, float]], mode: str) -> np.ndarray:
        return selection_polygon(path, mode)

    def select_polygon(self, polygon: np.ndarray) -> np.ndarray:
        inside = np.flatnonzero(points_in_polygon(self.coords, polygon)) if len(polygon) >= 3 else np.array([], int)
        self.drawing.ring(inside)
        self.side.show_selection(inside)
        return inside

    # -- export -----------------------------------------------------------------------------------
    def write_csv(self, path: str | Path) -> None:
        """The shown frame's coordinates with every colouring, one row per probe image."""
        _, _, coords = self.frames[self.timeline_row.index]
        p = self.probe
        write_map_csv(path, coords, p.labels, p.class_names, p.factors, p.factor_names, p.clusters, p.recon_error)

    def _export(self, kind: str) -> None:
        export_map(self, kind, self.plot.getPlotItem(), self.write_csv if self.frames else None)

"""Everything drawn on the map's plot: the points coloured by the chosen colouring, the thumbnails, the
key, the rings that mark clicked or selected points, and the outline of a box or lasso being dragged.

It draws one layout (``coords``) at a time; which layout, and when, is the view's business.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from gui.views.map.map_data import ProbeData
from gui.views.map.map_items import MapKey, ScatterPool, ThumbnailPool, colour_groups

MAX_THUMBNAILS = 300


class MapDrawing:
    """Draws ``probe``'s points at the coords given; ``colouring()`` names the colouring chosen and
    ``thumbnails_on()`` says whether images are wanted instead of points."""

    def __init__(self, plot: pg.PlotWidget, probe: ProbeData, colouring: Callable[[], str],
                 thumbnails_on: Callable[[], bool]):
        self.plot, self.probe = plot, probe
        self.colouring, self.thumbnails_on = colouring, thumbnails_on
        self.vb: pg.ViewBox = plot.getPlotItem().getViewBox()
        item = plot.getPlotItem()
        self.key = MapKey(item)
        self.scatter = ScatterPool(item)
        self.thumbs = ThumbnailPool(item)
        # The lasso and the rings mark points; they must never stretch the auto-range (issue 11: a ring
        # left at a PCA-scale position squeezed the t-SNE clusters into a corner).
        self.lasso = pg.PlotCurveItem(pen=pg.mkPen("#444", width=1, style=Qt.PenStyle.DashLine))
        plot.addItem(self.lasso, ignoreBounds=True)
        self.highlight = pg.ScatterPlotItem(size=14, pen=pg.mkPen("k", width=2), brush=None)
        plot.addItem(self.highlight, ignoreBounds=True)
        self.highlight.setZValue(10)
        self.ringed = np.array([], dtype=np.int64)  # the points the rings mark, followed when they move
        self.coords = np.zeros((0, 2), dtype=np.float32)  # (P, 2) what is drawn now

    def clear(self) -> None:
        """Nothing drawn: no points, thumbnails, key, rings or outline."""
        self.coords = np.zeros((0, 2), dtype=np.float32)
        self.scatter.restyle(self.coords, [])
        self.thumbs.hide()
        self.thumbs.forget_images()
        self.key.clear()
        self.clear_outline()
        self.ringed = np.array([], dtype=np.int64)
        self.highlight.setData(pos=np.zeros((0, 2)))

    # -- points -----------------------------------------------------------------------------------
    def set_coords(self, coords: np.ndarray) -> None:
        """Draw the points at ``coords`` (P, 2); the first time in a colouring, style them too."""
        self.coords = coords
        if not self.scatter.groups:
            self.recolour()
        else:
            self.scatter.move(coords)
            self.draw_thumbnails()
        if len(self.ringed) and len(coords):
            self.highlight.setData(pos=coords[self.ringed[self.ringed < len(coords)]])

    def recolour(self) -> None:
        """Style the points by the chosen colouring, with its legend or colour bar."""
        groups, continuous = [], None
        if len(self.coords):
            p = self.probe
            groups, continuous = colour_groups(self.colouring() or "label", len(self.coords), p.labels,
                                               p.class_names, p.factors, p.clusters, p.recon_error)
        self.scatter.restyle(self.coords, groups)
        if continuous is not None:
            self.key.show_colour_bar(*continuous)
        else:
            self.key.show_legend(self.scatter.shown, [name for name, _idx, _brush in groups])
        self.draw_thumbnails()

    def draw_thumbnails(self) -> None:
        """Images on (a sample of up to MAX_THUMBNAILS) points, which fade, or none."""
        images = self.probe.images
        on = bool(self.thumbnails_on() and images is not None and len(self.coords))
        self.scatter.set_opacity(0.25 if on else 1.0)
        if not on:
            self.thumbs.hide()
            return
        span = np.ptp(self.coords, axis=0).max() if len(self.coords) > 1 else 1.0
        step = max(1, len(self.coords) // MAX_THUMBNAILS)
        self.thumbs.draw(self.coords, images, np.arange(0, len(self.coords), step), span / 30)

    # -- marks ------------------------------------------------------------------------------------
    def ring(self, indices: np.ndarray) -> None:
        """Ring the points at ``indices``; the rings follow them to the next layouts."""
        self.ringed = indices.astype(np.int64)
        self.highlight.setData(pos=self.coords[self.ringed])

    def draw_outline(self, polygon: np.ndarray) -> None:
        """The closed outline of a box or lasso being dragged, polygon (M, 2)."""
        self.lasso.setData(*np.vstack([polygon, polygon[:1]]).T)

    def clear_outline(self) -> None:
        self.lasso.setData([], [])

    # -- the view's range -------------------------------------------------------------------------
    def frame_points(self) -> None:
        """Fit the view to the points: auto-range counts only the scatter items, not rings or lasso."""
        if len(self.coords):
            self.vb.autoRange(padding=0.05)

    def hold_in_view(self, points: np.ndarray) -> None:
        """Widen the view to hold ``points`` (a glide's end, e.g. t-SNE after PCA at 100x the scale)."""
        (x0, y0), (x1, y1) = points.min(0).tolist(), points.max(0).tolist()
        (vx0, vx1), (vy0, vy1) = self.vb.viewRange()
        if x0 < vx0 or x1 > vx1 or y0 < vy0 or y1 > vy1:
            both = np.vstack([points, self.coords]).astype(np.float64)  # float32 limits overflow in pyqtgraph
            (a0, b0), (a1, b1) = both.min(0).tolist(), both.max(0).tolist()
            self.vb.setRange(xRange=(a0, a1), yRange=(b0, b1), padding=0.05)

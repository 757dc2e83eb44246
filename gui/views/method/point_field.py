"""GAN Lab's ground (engine.figures.PointField): the real points, the generated ones, the discriminator's
(or critic's) value as a map behind them, and an arrow from each generated point along the generator's
gradient, all redrawn in place as a run streams a figure every second or so.

The colours are GAN Lab's: green where the discriminator says "real", purple where it says "generated",
white between, and the points in darker shades of the same two colours, so a class reads the game from
the colours alone. The arrows are one curve of segments (and one of heads) rather than an item per arrow:
a thousand ArrowItems took longer to draw than the step they show.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtWidgets import QLabel

from engine import figures as fig
from gui.i18n_engine import engine_tr
from gui.views.method.figure_registry import draws
from gui.views.method.method_figures import PlotPanel

REAL = "#1b7837"  # dark green: what the discriminator should call real
GENERATED = "#762a83"  # dark purple: what it should call generated
ARROW = "#202020"
CENTRE = "#404040"
# Pale ends, so that the darker points and the arrows stay readable on any part of the map.
FIELD_MAP = pg.ColorMap([0.0, 0.5, 1.0], [(190, 160, 210), (247, 247, 247), (150, 205, 145)])
POINT_SIZE = 5  # px; presentation mode's plot scaler makes them larger with every other marker
RING_SHARE = 0.5  # a mode's ring: this share of the distance between the two closest modes, across
HEAD_SHARE = 0.35  # an arrow's head, as a share of its length…
HEAD_CAP = 0.04  # …and at most this share of the extent's width, so long arrows keep small heads
HEAD_ANGLE = np.deg2rad(155.0)  # each side of the head, turned back from the arrow's direction
LEGEND_GAP = "&nbsp;&nbsp; "  # between two entries of the legend, which wraps only there


def _tr(text: str) -> str:
    """The panel's own words in the user's language (gui/translations/, context "PointField"); the
    figure's title, help and values_label are the engine's, through gui/i18n_engine.py."""
    return QCoreApplication.translate("PointField", text)


def finite_rows(points: np.ndarray) -> np.ndarray:
    """The (K, 2) rows with both coordinates finite: a diverged generator's NaN points are not drawn."""
    points = np.asarray(points, np.float64).reshape(-1, 2)
    return points[np.isfinite(points).all(axis=1)]


def field_levels(figure: fig.PointField) -> tuple[float, float]:
    """The colour scale: the figure's own when it fixes one (a probability, 0 to 1), else symmetric about
    0 over the values (a critic's, unbounded), so that white always means "cannot tell"."""
    if figure.low < figure.high:
        return float(figure.low), float(figure.high)
    finite = figure.values[np.isfinite(figure.values)]
    bound = float(np.abs(finite).max()) if finite.size else 0.0
    bound = max(bound, 1e-6)
    return -bound, bound


def image_rect(extent: tuple[float, float, float, float], shape: tuple[int, int]) -> QRectF:
    """Where the (G, G) values lie: value [i, j] is sampled at the grid's point (x_j, y_i) on the extent's
    edges, so each pixel is centred on its point and the image reaches half a cell past the extent."""
    x0, x1, y0, y1 = extent
    rows, cols = shape
    dx = (x1 - x0) / max(cols - 1, 1)
    dy = (y1 - y0) / max(rows - 1, 1)
    return QRectF(x0 - dx / 2, y0 - dy / 2, dx * cols, dy * rows)


def ring_diameter(centres: np.ndarray, extent: tuple[float, float, float, float]) -> float:
    """The diameter of the rings drawn around the modes (K, 2), in data units: RING_SHARE of the closest two
    modes' distance, so that neighbours' rings never touch; a twentieth of the extent for a single mode."""
    if len(centres) < 2:
        return abs(extent[1] - extent[0]) / 20
    gaps = np.linalg.norm(centres[:, None] - centres[None], axis=-1)  # (K, K)
    gaps[np.diag_indices(len(centres))] = np.inf
    closest = float(gaps.min())
    return RING_SHARE * closest if np.isfinite(closest) and closest > 0 else abs(extent[1] - extent[0]) / 20


def ring_outlines(centres: np.ndarray, radius: float, sides: int = 32) -> np.ndarray:
    """Circles of ``radius`` about each centre (K, 2) as one polyline, a NaN row between two circles (a curve
    drawn with connect="finite"): (K * (sides + 2), 2)."""
    angle = np.linspace(0, 2 * np.pi, sides + 1)
    circle = np.concatenate([radius * np.stack([np.cos(angle), np.sin(angle)], 1), [[np.nan, np.nan]]])
    return (centres[:, None, :] + circle[None]).reshape(-1, 2)


def arrow_segments(starts: np.ndarray, moves: np.ndarray, width: float) -> tuple[np.ndarray, np.ndarray]:
    """The shafts (2M, 2: start, tip for each arrow) and heads (4M, 2: tip, one side, tip, other side) of
    M arrows from ``starts`` by ``moves``, as vertex pairs for a curve drawn with connect="pairs"."""
    tips = starts + moves
    shafts = np.empty((2 * len(starts), 2))
    shafts[0::2], shafts[1::2] = starts, tips
    length = np.linalg.norm(moves, axis=1, keepdims=True)
    unit = np.divide(moves, length, out=np.zeros_like(moves), where=length > 0)  # a still point: no head
    head = np.minimum(HEAD_SHARE * length, HEAD_CAP * width)
    heads = np.empty((4 * len(starts), 2))
    heads[0::2] = np.repeat(tips, 2, axis=0)
    for k, angle in enumerate((HEAD_ANGLE, -HEAD_ANGLE)):
        c, s = np.cos(angle), np.sin(angle)
        turned = np.stack([c * unit[:, 0] - s * unit[:, 1], s * unit[:, 0] + c * unit[:, 1]], axis=1)
        heads[1 + 2 * k::4] = tips + head * turned
    return shafts, heads


@draws(fig.PointField)
class PointFieldWidget(PlotPanel):
    """The map as an image under the points, with its colour bar on the right and a one-line legend under
    the title; equal scales on both axes. The view keeps the range the user zoomed or panned to from one
    update to the next and goes back to the whole extent only when the extent changes (or a new run)."""

    def __init__(self, figure: fig.PointField):
        super().__init__(figure)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setMinimumWidth(1)  # an unbroken entry is cut in a narrow pane rather than widening it
        self.legend.setStyleSheet("font-size: 9pt")  # presentation mode scales it with the titles
        self.layout().insertWidget(1, self.legend)
        item = self.plot.getPlotItem()
        self.view = item.getViewBox()
        self.view.setAspectLocked(True)  # a circle of modes must look like a circle
        self.image = pg.ImageItem()
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.bar = pg.ColorBarItem(values=(0, 1), colorMap=FIELD_MAP, interactive=False, width=12)
        self.bar.setImageItem(self.image, insert_in=item)
        self.real = pg.ScatterPlotItem(size=POINT_SIZE, pen=None, brush=pg.mkBrush(REAL))
        self.shafts = pg.PlotCurveItem(pen=pg.mkPen(ARROW, width=1), connect="pairs")
        self.heads = pg.PlotCurveItem(pen=pg.mkPen(ARROW, width=1), connect="pairs")
        self.generated = pg.ScatterPlotItem(size=POINT_SIZE, pen=None, brush=pg.mkBrush(GENERATED))
        # The rings last: hollow, they hide nothing, and under the points a mode's own points hid them.
        # Circles drawn in data units, one curve for all: the rings keep their place around the modes at any
        # zoom and never overlap (markers of a fixed size in pixels ran together once the extent grew, and
        # presentation mode's scaler enlarges a marker's size but only thickens a curve's line).
        self.centres = pg.PlotCurveItem(pen=pg.mkPen(CENTRE, width=1.5), connect="finite")
        self.ring = 0.0  # the rings' diameter
        for part in (self.real, self.shafts, self.heads, self.generated, self.centres):  # later ones on top
            self.plot.addItem(part)
        self.extent: tuple[float, float, float, float] | None = None  # the extent the view range was set for
        self.show_figure(figure)

    def aspect(self) -> float:
        return 1.25  # a square map, and its colour bar beside it

    def reuse(self, figure: fig.PointField) -> None:
        self.extent = None  # another run: the whole extent again, not the last run's zoom
        super().reuse(figure)

    def show_figure(self, figure: fig.PointField) -> None:
        self.figure = figure
        values = figure.values
        low, high = field_levels(figure)
        self.bar.setLevels((low, high))
        self.image.setImage(np.nan_to_num(values, nan=(low + high) / 2), autoLevels=False)
        self.image.setRect(image_rect(figure.extent, values.shape))  # after setImage: it scales by the shape
        if figure.values_label:
            self.bar.axis.setLabel(engine_tr(figure.values_label))
        else:
            self.bar.axis.showLabel(False)  # an empty label would still take its row of room
        self.real.setData(pos=finite_rows(figure.real))
        generated = np.asarray(figure.generated, np.float64).reshape(-1, 2)
        self.generated.setData(pos=finite_rows(generated))
        self._show_arrows(generated, np.asarray(figure.arrows, np.float64).reshape(-1, 2), figure.extent)
        centres = finite_rows(figure.centres)
        self.ring = ring_diameter(centres, figure.extent)
        rings = ring_outlines(centres, self.ring / 2)
        self.centres.setData(rings[:, 0], rings[:, 1])
        self._show_legend(figure)
        if figure.extent != self.extent:
            self.extent = figure.extent
            x0, x1, y0, y1 = figure.extent
            self.view.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def _show_arrows(self, starts: np.ndarray, moves: np.ndarray, extent) -> None:
        if len(moves) != len(starts):  # (0, 2): the figure draws none
            starts = moves = np.zeros((0, 2))
        keep = np.isfinite(starts).all(axis=1) & np.isfinite(moves).all(axis=1)
        shafts, heads = arrow_segments(starts[keep], moves[keep], abs(extent[1] - extent[0]))
        self.shafts.setData(shafts[:, 0], shafts[:, 1])
        self.heads.setData(heads[:, 0], heads[:, 1])

    def _show_legend(self, figure: fig.PointField) -> None:
        entries = [(REAL, "●", _tr("real")), (GENERATED, "●", _tr("generated"))]
        if len(figure.arrows):
            entries.append((ARROW, "→", _tr("where the generator pushes them")))
        if len(figure.centres):
            entries.append((CENTRE, "○", _tr("the data's modes")))
        if figure.values_label:
            entries.append(("", "", _tr("map: {0}").format(engine_tr(figure.values_label))))
        # Each entry unbroken (&nbsp;): a narrow pane wraps between entries, never inside one.
        parts = [(f'<span style="color:{colour}">{mark}</span>&nbsp;' if mark else "")
                 + html.escape(text).replace(" ", "&nbsp;") for colour, mark, text in entries]
        self.legend.setText(LEGEND_GAP.join(parts))

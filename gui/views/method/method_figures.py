"""The plotted figures of the Method view, one widget class per figure type of engine/figures.py:
heatmaps, bar charts (plain counts or named bars) and image grids (plain, or captioned image by
image). Each registers itself for its type (gui/views/method/figure_registry.py)."""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGraphicsItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine import figures as fig
from gui.i18n_engine import engine_tr
from gui.views.method.figure_registry import draws
from gui.widgets.export import ExportMenu
from gui.widgets.mosaic import mosaic

TERM_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b"]
DEAD = "#d62728"
CELLS_PER_TURN = 4  # captioned image cells built in one pass of the event loop (ImageGridWidget._layout)
# BarGraphItem.setOpts keeps the options it is not given: a panel that drew named (horizontal) bars and
# then plain ones (kept for another run's figure) broke on the old ones' y. Each drawing sets all of them.
UNSET_BARS = {"x": None, "x0": None, "x1": None, "y": None, "y0": None, "y1": None}


def file_stem(title: str) -> str:
    """A file name for a figure's export: "KL per latent dimension, nats" -> "kl_per_latent_dimension"."""
    stem = re.sub(r"[^a-z0-9]+", "_", title.split(",")[0].split(" (")[0].split(":")[0].lower()).strip("_")
    return stem or "figure"


class FreeWidthLabel(pg.LabelItem):
    """A pyqtgraph label that asks for no width of its own: in a narrow view it is cut at its end
    rather than widening the whole layout past the view (which cut off everything on the right)."""

    def updateMin(self) -> None:
        super().updateMin()
        self.setMinimumWidth(0)


def free_width(label: pg.LabelItem) -> None:
    """Make a plot's own label (its title) ask for no width, as a FreeWidthLabel does: a long title is cut
    at its end in a narrow plot rather than widening a row of plots past its view."""
    update = label.updateMin
    label.updateMin = lambda: (update(), label.setMinimumWidth(0))
    label.updateMin()
    label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)  # cut, not over the next title


class FigurePanel(QWidget):
    """A figure under its title, with its Export menu beside the title; its help is the tooltip.

    The title is a word-wrapped label rather than the plot's own: a plot title asks for its whole
    width, and in a narrow dock it widened the figure past the view and cut off its right side.
    """

    in_text_strip = False

    def aspect(self) -> float:
        """Width / height the figure reads best at (gui/views/method/figure_layout.py)."""
        return 1.0

    # The Method view keeps a dropped panel for the next run's figure of its kind (figure_pool.py).
    reusable = True

    def _finish(self, canvas: QWidget, export_target, figure: fig.Figure) -> None:
        canvas.setMinimumHeight(90)  # beside a hands-on panel, a figure keeps room to be read
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 9pt")
        self.export = ExportMenu(export_target, "")
        self._name(figure)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.export, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addLayout(top)
        layout.addWidget(canvas, 1)

    def _name(self, figure: fig.Figure) -> None:
        """Title, help and export name from ``figure`` (the engine's English title is also the figure's key
        and its export's file name)."""
        self.figure = figure
        self.setToolTip(engine_tr(figure.help))
        self.title.setText(engine_tr(figure.title))
        self.export.name = file_stem(figure.title)

    def reuse(self, figure: fig.Figure) -> None:
        """Draw another run's figure of this kind (gui/views/method/figure_pool.py)."""
        self._name(figure)
        self.show_figure(figure)

    def forget_links(self) -> None:
        """Signals connected to the figures of the run this panel showed are cut (BarsWidget has some)."""


class PlotPanel(FigurePanel):
    """A plot on white."""

    def __init__(self, figure: fig.Figure):
        super().__init__()
        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self._finish(self.plot, self.plot.getPlotItem(), figure)


@draws(fig.Heatmap)
class HeatmapWidget(PlotPanel):
    def __init__(self, figure: fig.Heatmap):
        super().__init__(figure)
        self.plot.getViewBox().invertY(True)
        self.plot.getViewBox().setAspectLocked(True)
        # The rows and columns are images or dimensions in no meaningful order: their index axes took
        # a third of a narrow panel, so the matrix shows without them.
        for side in ("left", "bottom"):
            self.plot.hideAxis(side)
        self.item = pg.ImageItem()
        self.plot.addItem(self.item)
        self.bar = pg.ColorBarItem(values=(-1, 1), colorMap=pg.colormap.get("CET-D1"), interactive=False, width=12)
        self.bar.setImageItem(self.item, insert_in=self.plot.getPlotItem())
        self.show_figure(figure)

    def aspect(self) -> float:
        rows, cols = self.figure.values.shape
        return cols / max(rows, 1) + 0.3  # and the colour bar beside it

    def show_figure(self, figure: fig.Heatmap) -> None:
        self.figure = figure
        data = figure.values
        lo, hi = float(np.nanmin(data)), float(np.nanmax(data))
        if lo >= 0:  # errors, counts: a sequential scale from 0
            self.bar.setColorMap(pg.colormap.get("viridis"))
            self.bar.setLevels((0.0, max(hi, 1e-6)))
        else:  # correlations, similarities: a diverging scale around 0
            bound = max(abs(lo), abs(hi), 1e-6)
            self.bar.setColorMap(pg.colormap.get("CET-D1"))
            self.bar.setLevels((-bound, bound))
        self.item.setImage(data, autoLevels=False)


@draws(fig.Bars)
class BarsWidget(PlotPanel):
    """Bars of a 1-D array (with ``zero_is_dead``, an entry of 0 in red: a dead code), or named bars
    (each name beside its bar). A left click on a bar's column emits its index."""

    clicked = Signal(int)

    def __init__(self, figure: fig.Bars):
        super().__init__(figure)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush=TERM_COLOURS[0])
        self.plot.addItem(self.bars)
        self.n = 0
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        self.show_figure(figure)

    def aspect(self) -> float:
        return 1.6

    def show_figure(self, figure: fig.Bars) -> None:
        self.figure = figure
        if figure.names:
            self._named(list(figure.names), figure.values)
            return
        values = np.nan_to_num(figure.values, nan=0.0, posinf=0.0, neginf=0.0)
        self.n = len(values)
        brushes = [pg.mkBrush(DEAD if v == 0 and figure.zero_is_dead else TERM_COLOURS[0]) for v in values]
        self.plot.getAxis("bottom").setTicks(None)
        self.plot.getAxis("left").setTicks(None)  # (this panel may have drawn named bars for another run)
        self.plot.getViewBox().invertY(False)
        self.bars.setOpts(**{**UNSET_BARS, "x": np.arange(self.n), "height": values, "width": 0.8, "brushes": brushes})

    def _named(self, names: list[str], values: np.ndarray) -> None:
        """Named values as horizontal bars, the names on the left: they stay readable in a narrow
        panel, where names under vertical bars overlapped and pyqtgraph dropped all but one."""
        self.n = len(values)
        values = np.nan_to_num(values, nan=0.0, posinf=0.0, neginf=0.0)  # a diverged run: no bar, no error
        brushes = [pg.mkBrush(TERM_COLOURS[i % len(TERM_COLOURS)]) for i in range(self.n)]
        self.plot.getAxis("left").setTicks([[(i, engine_tr(name)) for i, name in enumerate(names)]])
        self.plot.getViewBox().invertY(True)  # the first name on top
        self.bars.setOpts(**{**UNSET_BARS, "x0": 0, "y": np.arange(self.n), "width": values, "height": 0.7,
                             "brushes": brushes})

    def forget_links(self) -> None:
        try:
            self.clicked.disconnect()  # the last run's grid of codes (MethodView._link)
        except (RuntimeError, TypeError):  # nothing was connected
            pass

    def bar_centre(self, i: int):
        """Where bar ``i``'s middle lies in scene coordinates (for tests and tooltips)."""
        return self.plot.getPlotItem().vb.mapViewToScene(pg.Point(i, self.bars.opts["height"][i] / 2))

    def _on_click(self, event) -> None:
        vb = self.plot.getPlotItem().vb
        if event.button() != Qt.MouseButton.LeftButton or not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        x = vb.mapSceneToView(event.scenePos()).x()
        i = int(round(x))
        if 0 <= i < self.n and abs(x - i) <= 0.45:  # on a bar's column, not in the gap between two
            self.clicked.emit(i)


@draws(fig.ImageGrid)
class ImageGridWidget(FigurePanel):
    """Images in rows of ``columns``: one mosaic, or with captions a cell per image, its caption
    above it (red where flagged: a wrong answer)."""

    def __init__(self, figure: fig.ImageGrid):
        super().__init__()
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground("w")
        self.canvas.ci.setContentsMargins(2, 2, 2, 2)
        self.canvas.ci.setSpacing(1)
        self.cells: list[tuple[pg.LabelItem | None, pg.ImageItem, pg.ViewBox]] = []
        self.shape: tuple[int, int, bool] | None = None  # (images, columns, captioned) the cells are for
        self._finish(self.canvas, self.canvas.ci, figure)
        self.show_figure(figure)

    def aspect(self) -> float:
        n, h, w = self.figure.images.shape[:3]
        columns = max(1, min(self.figure.columns, n))
        rows = -(-n // columns)
        caption_share = 0.6 if self.figure.captions else 0.0  # a caption line above each row
        return (columns * w) / (rows * h * (1 + caption_share))

    def show_figure(self, figure: fig.ImageGrid) -> None:
        self.figure = figure
        images, columns, captions = figure.images, max(1, figure.columns), figure.captions
        if not captions:
            rows = [images[i:i + columns] for i in range(0, len(images), columns)]
            self._layout(1, 1, False)
            _show(*self.cells[0][1:], mosaic(rows, pad=1, fill=1.0))
            return
        self._layout(len(images), columns, True)
        self._fill_cells(0)

    def _fill_cells(self, first: int) -> None:
        """The captioned cells from ``first`` on (those built so far) show their images and captions of the
        figure now shown."""
        figure = self.figure
        flags = figure.flags or (False,) * len(figure.images)
        for (label, item, vb), image, caption, flag in zip(self.cells[first:], figure.images[first:],
                                                           figure.captions[first:], flags[first:]):
            label.setText(engine_tr(str(caption)), color=DEAD if flag else "#222", size="8pt")
            _show(item, vb, image[..., 0] if image.shape[-1] == 1 else image)

    def complete(self) -> bool:
        """Whether every cell of the figure is built (a captioned grid builds a few cells per turn)."""
        return self.shape is None or len(self.cells) >= self.shape[0]

    def _layout(self, n: int, columns: int, captioned: bool) -> None:
        """(Re)build the cells when the number of images or their arrangement changes. A captioned grid
        builds CELLS_PER_TURN cells now and the rest on later turns of the event loop: Rotation's 16
        captioned cells took 230 ms in one pass on an idle machine, over a second on a busy one (issue
        19's soak: its worst tick followed a switch to Rotation)."""
        if self.shape == (n, columns, captioned):
            return
        for label, _item, vb in self.cells:
            for part in (label, vb):
                if part is not None:
                    self.canvas.removeItem(part)
        self.cells = []
        self.shape = (n, columns, captioned)
        self._add_cells(CELLS_PER_TURN if captioned else n)
        if not self.complete():
            QTimer.singleShot(0, self, self._more_cells)

    def _more_cells(self) -> None:
        if self.complete():
            return
        built = len(self.cells)
        self._add_cells(CELLS_PER_TURN)
        self._fill_cells(built)  # the cells built before show the figure already
        if not self.complete():
            QTimer.singleShot(0, self, self._more_cells)

    def _add_cells(self, count: int) -> None:
        n, columns, captioned = self.shape
        columns = min(columns, n)
        for i in range(len(self.cells), min(n, len(self.cells) + count)):
            row, col = divmod(i, columns)
            label = None
            if captioned:
                label = FreeWidthLabel("", size="8pt")
                label.setMaximumHeight(18)  # the caption sits on its image, however tall the cell
                self.canvas.addItem(label, row=2 * row, col=col)
            vb = self.canvas.addViewBox(row=2 * row + 1, col=col, lockAspect=True, invertY=True, enableMenu=False)
            vb.setMouseEnabled(False, False)
            item = pg.ImageItem()
            vb.addItem(item)
            self.cells.append((label, item, vb))


def _show(item: pg.ImageItem, vb: pg.ViewBox, image: np.ndarray) -> None:
    item.setImage(image, levels=(0, 1), autoLevels=False)
    vb.autoRange(padding=0.02)

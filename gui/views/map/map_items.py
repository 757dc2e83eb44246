"""The map's drawn parts, made once and updated for the life of the view.

Removing and re-adding hundreds of pyqtgraph items on every recolouring and every glide frame was slow
and is where one crash happened (issue 11), so the scatter items and the thumbnails live in pools: a
new frame moves them with setData / setRect, a new colouring restyles them, spare ones are hidden.
The key (legend or colour bar) sits in a column of its own beside the plot, so it never covers points.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QCoreApplication

from gui.widgets.palette import PALETTE


def _tr(text: str) -> str:
    """The map's words in the user's language (gui/translations/, context "MapView")."""
    return QCoreApplication.translate("MapView", text)


POINT_SIZE = 6
Group = tuple[str, np.ndarray, object]  # legend name, point indices, a brush or one brush per point


def colour_groups(choice: str, n: int, labels: np.ndarray, class_names: tuple[str, ...],
                  factors: np.ndarray | None, clusters: np.ndarray | None,
                  recon_error: np.ndarray | None) -> tuple[list[Group], tuple[float, float, str] | None]:
    """The groups of ``n`` points for a colouring ("label", "factor:<i>", "cluster" or "error"), and for
    a continuous colouring its (low, high, name) for the colour bar, else None."""
    if choice == "error" and recon_error is not None and len(recon_error) == n:
        low, high = float(recon_error.min()), float(recon_error.max())
        t = (recon_error - low) / max(high - low, 1e-12)
        # A few dozen shared brushes, not one per point: pyqtgraph renders one symbol per distinct brush
        # (5000 points: 0.7 s per recolouring), and 64 steps of viridis look continuous.
        table = [pg.mkBrush(c) for c in pg.colormap.get("viridis").map(np.linspace(0, 1, 64), mode="qcolor")]
        brushes = [table[k] for k in np.rint(t * 63).astype(int)]
        return [(_tr("reconstruction error"), np.arange(n), brushes)], (low, high, _tr("reconstruction error"))
    names: tuple[str, ...] | None = None
    if choice == "cluster" and clusters is not None and len(clusters) == n:
        values = clusters
    elif choice.startswith("factor:") and factors is not None:
        values = factors[:, int(choice.split(":")[1])]
    else:
        values, names = labels[:n] if len(labels) >= n else np.zeros(n, np.int64), class_names
    groups = []
    for i, v in enumerate(np.unique(values)):
        name = names[int(v)] if names and int(v) < len(names) else (f"{v:g}" if isinstance(v, (float, np.floating)) else str(v))
        groups.append((name, np.flatnonzero(values == v), pg.mkBrush(PALETTE[i % len(PALETTE)])))
    return groups, None


class ScatterPool:
    """One scatter item per colour group."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        self.items: list[pg.ScatterPlotItem] = []
        self.groups: list[Group] = []

    @property
    def shown(self) -> list[pg.ScatterPlotItem]:
        return self.items[:len(self.groups)]

    def restyle(self, coords: np.ndarray, groups: list[Group]) -> None:
        """Show ``groups`` of ``coords``: every group visible again, spare items emptied and hidden."""
        while len(self.items) < len(groups):
            item = pg.ScatterPlotItem(size=POINT_SIZE, pen=None)
            self.plot.addItem(item)
            self.items.append(item)
        self.groups = groups
        for item, (name, idx, brush) in zip(self.items, groups):
            item.setData(pos=coords[idx], brush=brush, name=name)
            item.setVisible(True)
        for item in self.items[len(groups):]:
            item.setData(pos=np.zeros((0, 2)), name=None)
            item.setVisible(False)

    def move(self, coords: np.ndarray) -> None:
        """New positions, same colours (setData forgets per-point brushes, so they are given again)."""
        for item, (_name, idx, brush) in zip(self.items, self.groups):
            item.setData(pos=coords[idx], brush=brush)

    def set_opacity(self, opacity: float) -> None:
        for item in self.items:
            item.setOpacity(opacity)


class ThumbnailPool:
    """Small images drawn at their points; an item keeps its image until it is given another index."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        self.items: list[pg.ImageItem] = []
        self.index: list[int] = []  # the probe image each item holds, -1 for none

    @property
    def shown(self) -> list[pg.ImageItem]:
        return [item for item in self.items if item.isVisible()]

    def forget_images(self) -> None:
        """The probe images changed: every item must load its image again."""
        self.index = [-1] * len(self.items)

    def draw(self, coords: np.ndarray, images: np.ndarray, indices: np.ndarray, size: float) -> None:
        while len(self.items) < len(indices):
            item = pg.ImageItem(levels=(0, 255))
            # Thumbnails sit on their points; auto-range follows the points, not the images' corners.
            self.plot.addItem(item, ignoreBounds=True)
            self.items.append(item)
            self.index.append(-1)
        for k, i in enumerate(indices):
            item = self.items[k]
            if self.index[k] != i:
                img = images[i]
                item.setImage(img[..., 0] if img.shape[-1] == 1 else img, levels=(0, 255), autoLevels=False)
                self.index[k] = int(i)
            x, y = coords[i]
            item.setRect(float(x - size / 2), float(y - size / 2), float(size), float(size))
            item.setVisible(True)
        for item in self.items[len(indices):]:
            item.setVisible(False)

    def hide(self) -> None:
        for item in self.items:
            item.setVisible(False)


class MapKey:
    """A legend of the colour groups, or a colour bar for a continuous colouring, right of the plot."""

    COLUMN = 3  # the PlotItem layout's columns 0-2 hold the left axis, the view box and the right axis

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        self.legend_box = pg.GraphicsWidget()  # the legend anchors itself to this box's top left
        self.legend = pg.LegendItem(offset=(2, 2), labelTextSize="8pt", verSpacing=-4)
        self.legend.setParentItem(self.legend_box)
        self.colour_bar = pg.ColorBarItem(values=(0, 1), colorMap="viridis", width=12, interactive=False,
                                          colorMapMenu=False)
        self.colour_bar.hide()
        self.legend_box.hide()
        # Its column as wide as the legend, also when the legend grows (presentation mode's large type).
        self.legend.geometryChanged.connect(self._fit_legend)
        plot.vb.sigResized.connect(self._fit_legend)  # as many columns as the map's height needs
        self._placed: pg.GraphicsWidget | None = None

    def show_legend(self, items: list[pg.ScatterPlotItem], names: list[str]) -> None:
        """The legend of ``names``, each entry's sample drawn like its scatter ``item``. The same names as
        shown already (each new run's first map, in the same data set) keep their entries and only point
        them at the new items: building ten entries took 50-100 ms of the event loop after every switch."""
        entries = self.legend.items
        if [label.text for _sample, label in entries] == names and len(entries) == len(items):
            for (sample, _label), item in zip(entries, items):
                if sample.item is not item:
                    sample.item = item
                    sample.update()
        else:
            self.legend.clear()
            for item, name in zip(items, names):
                self.legend.addItem(item, name)
            self._fit_legend()
        self._place(self.legend_box if names else None)

    def legend_columns(self, room: float) -> int:
        """How many columns the legend needs to show every entry in ``room`` pixels of height: in one
        column a map 160 pixels high (two runs at 1280x720) listed classes 0-6 of ten, the rest cut off."""
        entries = self.legend.items
        if not entries:
            return 1
        row = max(max(sample.boundingRect().height(), label.boundingRect().height()) for sample, label in entries)
        row += self.legend.layout.verticalSpacing()
        rows = max(int((room - 4) // max(row, 1.0)), 1)
        return min(len(entries), math.ceil(len(entries) / rows))

    def _fit_legend(self) -> None:
        if not shiboken6.isValid(self.plot.vb):  # a resize signal of a closing window's map
            return
        columns = self.legend_columns(self.plot.vb.height())
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)
        self.legend_box.setFixedWidth(self.legend.width() + 6)

    def show_colour_bar(self, low: float, high: float, label: str) -> None:
        self.legend.clear()
        self.colour_bar.setLevels((low, high if high > low else low + 1e-12))
        self.colour_bar.getAxis("left").setLabel(label)
        self._place(self.colour_bar)

    def clear(self) -> None:
        """No key shown; the legend's entries are kept, hidden, for the next run's (show_legend)."""
        self._place(None)

    @property
    def samples(self) -> list:
        """The shown legend's clickable colour samples, in order."""
        return [sample for sample, _label in self.legend.items] if self._placed is self.legend_box else []

    def _place(self, widget: pg.GraphicsWidget | None) -> None:
        """Put ``widget`` (or nothing) in the key's column; a hidden one would still take its width."""
        if widget is self._placed:
            return
        if self._placed is not None:
            self.plot.layout.removeItem(self._placed)
            self._placed.hide()
        self._placed = widget
        if widget is not None:
            self.plot.layout.addItem(widget, 2, self.COLUMN)
            widget.show()

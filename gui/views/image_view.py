"""The fixed probe batch as rows: input / corrupted input / reconstruction. Click an image to enlarge it.

It shows one run (the run contract of gui/views/run_view.py); run B gets a second ImageView beside it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.views.run_view import OneRunView
from gui.widgets.export import ExportMenu
from gui.widgets.mosaic import cell_at, mosaic
from gui.widgets.pixel_dialog import PixelDialog


def _tr(text: str) -> str:
    """The Images view's words in the user's language (gui/translations/, context "ImageView")."""
    return QCoreApplication.translate("ImageView", text)


PAD = 2
LABEL_SHARE = 0.3  # of the view's width, at most, for the row names (see _fit_labels)


def best_groups(n: int, rows: int, image_hw: tuple[int, int], room: tuple[float, float]) -> int:
    """Into how many groups, stacked one under another, the ``n`` images of each of ``rows`` rows are split so
    that each image is drawn as large as the ``room`` (width, height in pixels) allows. One long row per
    name drew the images of a narrow view (run B beside A at 1280x720) 8 pixels high, and 8x8 digits a
    few pixels wide in a large view with its height unused."""
    h, w = image_hw
    width, height = max(room[0], 1.0), max(room[1], 1.0)

    def scale(groups: int) -> float:
        columns = -(-n // groups)
        return min(width / (columns * (w + PAD)), height / (groups * rows * (h + PAD)))

    return max(range(1, max(n, 1) + 1), key=lambda g: (scale(g), -g))  # the fewest groups among equals


def shown_row_name(name: str) -> str:
    """A row's name as the axis shows it. The engine names the rows (engine/methods/), in English; those
    it has today are translated here, a new one shows as the engine wrote it."""
    if name.startswith("view ") and name[5:].isdigit():
        return _tr("view {0}").format(name[5:])
    return {"input": _tr("input"), "corrupted": _tr("corrupted"), "masked": _tr("masked"),
            "reconstruction": _tr("reconstruction"), "reconstruction + visible": _tr("reconstruction + visible"),
            "rotated input": _tr("rotated input"), "samples of fixed noise": _tr("samples of fixed noise"),
            "translated": _tr("translated"), "translated back": _tr("translated back")}.get(name, name)


class ImageView(OneRunView, QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground("w")
        self.plot = self.canvas.addPlot(enableMenu=False)
        self.vb = self.plot.getViewBox()
        self.vb.setAspectLocked(True)
        self.vb.invertY(True)
        self.vb.setMouseEnabled(False, False)
        self.plot.hideAxis("bottom")
        self.plot.hideButtons()
        self.item = pg.ImageItem(levels=(0, 1))
        self.vb.addItem(self.item)
        self.plot.getAxis("left").setTicks([[], []])  # row names only, once there are rows
        self.caption = QLabel(_tr("Waiting for the first images…"))
        self.caption.setStyleSheet("color: gray")
        self.caption.setWordWrap(True)  # beside run B's images the view is half as wide
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(ExportMenu(self.canvas, "images"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.canvas, 1)
        self.item.mouseClickEvent = self._on_click
        self.rows: list[tuple[str, np.ndarray]] = []
        self.class_names: tuple[str, ...] = ()
        self.labels_of_images: np.ndarray | None = None
        self.dialogs: list[PixelDialog] = []
        self._ticks: list | None = None  # the row-name ticks set last (see _fit_labels)
        self.groups = 1  # the images of each row are split into this many groups, one under another
        self.vb.sigResized.connect(self._regroup)  # the plot's own size settles after the view's

    def clear(self) -> None:
        """Forget the last run: no rows, no labels, and the next batch is framed afresh."""
        self.rows, self.labels_of_images = [], None
        self.groups = 1
        self.item.clear()
        self.plot.getAxis("left").setTicks([[], []])
        self._ticks = None
        self.caption.setText(_tr("Waiting for the first images…"))
        for dialog in self.dialogs:
            dialog.close()  # an enlarged image of the last run's model would mislead
        self.dialogs = []

    def set_class_names(self, names: tuple[str, ...]) -> None:
        self.class_names = names

    # -- the run contract -------------------------------------------------------------------------
    def prepare_run(self, info) -> None:
        self.set_class_names(info.class_names)

    def snapshot_handlers(self) -> dict:
        return {"ImagesUpdate": lambda u: self.show_batch(u.step, u.inputs, u.labels, u.corrupted,
                                                          u.reconstructions, u.corrupted_name, u.extra_rows)}

    def show_batch(self, step: int, inputs: np.ndarray, labels: np.ndarray, corrupted: np.ndarray | None,
                   reconstructions: np.ndarray | None, corrupted_name: str = "corrupted",
                   extra_rows: dict[str, np.ndarray] | None = None) -> None:
        rows = [("input", inputs)]
        if corrupted is not None:
            rows.append((corrupted_name, corrupted))
        if reconstructions is not None:
            rows.append(("reconstruction", reconstructions))
        rows += list((extra_rows or {}).items())
        # Re-frame whenever the layout changes (other rows, another image size or count), not only the
        # names: 28x28 rows framed for 8x8 ones were drawn shrunk in a corner.
        layout = [(name, images.shape) for name, images in rows]
        changed = layout != [(name, images.shape) for name, images in self.rows]
        self.rows, self.labels_of_images = rows, labels
        groups = self._fitting_groups()
        self._draw(groups)
        if changed or groups != self.groups:
            self.groups = groups
            self._place_labels()
        self.caption.setText(_tr("probe images at step {0} — click one to enlarge").format(step))

    def _columns(self) -> int:
        return -(-max(len(images) for _, images in self.rows) // self.groups)

    def _fitting_groups(self) -> int:
        """The groups (best_groups) for the canvas's present size, beside the row names' axis."""
        n = max(len(images) for _, images in self.rows)
        axis = self.plot.getAxis("left").width()
        room = (self.canvas.width() - axis - 8, self.canvas.height() - 8)
        return best_groups(n, len(self.rows), self.rows[0][1].shape[1:3], room)

    def _draw(self, groups: int) -> None:
        n = max(len(images) for _, images in self.rows)
        columns = -(-n // groups)
        wrapped = [images[g * columns:(g + 1) * columns] for g in range(groups) for _, images in self.rows]
        self.item.setImage(mosaic([w for w in wrapped if len(w)] or [self.rows[0][1]], PAD), levels=(0, 1),
                           autoLevels=False)

    def _regroup(self) -> None:
        """Split the rows again when the view's shape calls for another number of groups."""
        if not self.rows:
            return
        groups = self._fitting_groups()
        if groups != self.groups:
            self.groups = groups
            self._draw(groups)
            self._place_labels()
        else:  # framed again at the new size: the range framed at the old one kept the images as small
            self.vb.autoRange(padding=0.01)

    def _place_labels(self) -> None:
        """Row names as ticks of the left axis, so they sit beside the images at any zoom."""
        self._fit_labels()
        self.vb.autoRange(padding=0.01)

    def _fit_labels(self) -> None:
        """The row names, cut in the middle with "…" to a third of the view's width (the whole ones in the tooltip):
        beside run B's images the view is ~240 pixels wide, and "reconstruction + visible" took 150 of
        them, leaving rows too low for their names, which ran into each other."""
        if not self.rows:
            return
        axis = self.plot.getAxis("left")
        names = [shown_row_name(name) for name, _ in self.rows]
        metrics = QFontMetrics(axis.style["tickFont"] or axis.font())
        room = max(int(self.width() * LABEL_SHARE), 40)
        shown = [metrics.elidedText(n, Qt.TextElideMode.ElideMiddle, room) for n in names]  # the ends tell rows apart
        h, n = self.rows[0][1].shape[1], max(len(images) for _, images in self.rows)
        groups = [g for g in range(self.groups) if g * self._columns() < n]  # each group repeats the names
        ticks = [((g * len(shown) + i) * (h + PAD) + h / 2, text) for g in groups for i, text in enumerate(shown)]
        if ticks != self._ticks:  # a resize that changes nothing asks for no layout
            self._ticks = ticks
            axis.setTicks([ticks, []])
        self.canvas.setToolTip(_tr("rows: {0}").format(", ".join(names)) if shown != names else "")

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_labels()
        self._regroup()

    def _on_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.rows:
            return
        pos = event.pos()
        h, w = self.rows[0][1].shape[1:3]
        cell = cell_at(pos.x(), pos.y(), (h, w), PAD)
        if cell is None:
            return
        group, row = divmod(cell[0], len(self.rows))
        col = group * self._columns() + cell[1]
        if cell[1] < self._columns() and col < len(self.rows[row][1]):
            self.open_image(row, col)
            event.accept()

    def open_image(self, row: int, col: int) -> PixelDialog:
        name, images = self.rows[row]
        label = ""
        if self.labels_of_images is not None and self.class_names:
            label = _tr(" (label {0})").format(self.class_names[int(self.labels_of_images[col])])
        dialog = PixelDialog(images[col], f"{shown_row_name(name)} {col + 1}{label}", self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        return dialog

"""Hands-on panels of the Method view, for the methods whose figures invite them:

- MaskEditor (MAE): click patches of a held-out image to hide or show them; the reconstruction
  follows.
- CodePanel (VQ-VAE): click a code's bar to see the images that use it; edit an image's grid of codes
  and decode it.

Both ask the engine through ``interact_requested`` and show its ``Interaction`` answers.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from gui.widgets.mosaic import mosaic


def _image_box(title: str) -> tuple[QWidget, pg.ImageItem, pg.ViewBox]:
    canvas = pg.GraphicsLayoutWidget()
    canvas.setBackground("w")
    canvas.setMinimumSize(110, 110)
    vb = canvas.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
    vb.setMouseEnabled(False, False)
    item = pg.ImageItem(levels=(0, 1))
    vb.addItem(item)
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(title)
    label.setWordWrap(True)  # a long hint must not widen the panel past a narrow dock
    layout.addWidget(label)
    layout.addWidget(canvas, 1)
    return box, item, vb


def _show(item: pg.ImageItem, vb: pg.ViewBox, image: np.ndarray) -> None:
    """(H, W, C) in [0, 1] into an ImageItem."""
    item.setImage(image[..., 0] if image.shape[-1] == 1 else image, levels=(0, 1), autoLevels=False)
    vb.autoRange(padding=0.02)


class MaskEditor(QWidget):
    interact_requested = Signal(dict, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.image = QSpinBox()
        self.image.setPrefix("image ")
        self.image.valueChanged.connect(lambda _v: self._load(self.image.value()))
        reset = QPushButton("Random mask")
        reset.setToolTip("Hide as many patches as the model hides, drawn anew at random")
        reset.clicked.connect(self.random_mask)
        self.rng = np.random.default_rng()
        clear = QPushButton("Show all")
        clear.clicked.connect(self._show_all)
        top = QHBoxLayout()
        hint = QLabel("<b>Mask by hand</b>: click patches to hide or show them")
        hint.setWordWrap(True)  # the row fits a narrow dock
        top.addWidget(hint, 1)
        for w in (self.image, reset, clear):
            top.addWidget(w)
        self.edit_box, self.edit_item, self.edit_vb = _image_box("input (grey: hidden)")
        self.rec_box, self.rec_item, self.rec_vb = _image_box("reconstruction")
        self.paste_box, self.paste_item, self.paste_vb = _image_box("reconstruction + visible")
        row = QHBoxLayout()
        for w in (self.edit_box, self.rec_box, self.paste_box):
            row.addWidget(w, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(row, 1)
        self.edit_item.mouseClickEvent = self._on_click
        self.images: np.ndarray | None = None  # (N, H, W, C) float
        self.masks: np.ndarray | None = None  # (N, g, g): the engine's fixed masks
        self.mask: np.ndarray | None = None  # (g, g) being edited

    def set_batch(self, images: np.ndarray, masks: np.ndarray) -> None:
        first = self.images is None
        self.images, self.masks = images.astype(np.float32) / 255.0, masks
        self.image.setRange(0, len(images) - 1)
        if first:
            self._load(0)
        elif self.mask is not None:  # the model has moved on: the same mask, reconstructed anew
            self.interact_requested.emit({"image": self.image.value(), "mask": self.mask.tolist()}, "mae")

    def _load(self, i: int) -> None:
        if self.masks is None:
            return
        self.mask = self.masks[i].copy()
        self._changed()

    def random_mask(self) -> None:
        """A new random mask hiding as many patches as the model's: each press draws another one."""
        if self.mask is None or self.masks is None:
            return
        hidden, size = int(self.masks[self.image.value()].sum()), self.mask.size
        for _ in range(20):  # a draw equal to the mask shown would look like a button that does nothing
            drawn = np.zeros(size, dtype=self.mask.dtype)
            drawn[self.rng.permutation(size)[:hidden]] = 1
            if not np.array_equal(drawn.reshape(self.mask.shape), self.mask):
                break
        self.mask = drawn.reshape(self.mask.shape)
        self._changed()

    def _show_all(self) -> None:
        if self.mask is not None:
            self.mask[:] = 0
            self._changed()

    def toggle(self, row: int, col: int) -> None:
        if self.mask is None:
            return
        self.mask[row, col] = 1 - self.mask[row, col]
        if self.mask.sum() >= self.mask.size:  # one patch must stay visible
            self.mask[row, col] = 0
        self._changed()

    def _on_click(self, event) -> None:
        if self.mask is None or self.images is None:
            return
        h, w = self.images.shape[1:3]
        g = self.mask.shape[0]
        pos = event.pos()
        col, row = int(pos.x() * g / w), int(pos.y() * g / h)
        if 0 <= row < g and 0 <= col < g:
            self.toggle(row, col)
            event.accept()

    def _changed(self) -> None:
        i = self.image.value()
        img = self.images[i].copy()
        h, w = img.shape[:2]
        g = self.mask.shape[0]
        big = np.kron(self.mask, np.ones((h // g, w // g)))[..., None].astype(bool)
        _show(self.edit_item, self.edit_vb, np.where(big, 0.5, img))
        self.interact_requested.emit({"image": i, "mask": self.mask.tolist()}, "mae")

    def show_result(self, result: dict) -> None:
        _show(self.rec_item, self.rec_vb, result["reconstruction"][0])
        _show(self.paste_item, self.paste_vb, result["reconstruction + visible"][0])


class CodePanel(QWidget):
    interact_requested = Signal(dict, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.users_label = QLabel("")
        self.users_label.setWordWrap(True)
        self.users_box, self.users_item, self.users_vb = _image_box(
            "<i>click a bar of the code usage chart to see the images that use that code</i>")
        self.image = QSpinBox()
        self.image.setPrefix("image ")
        self.image.valueChanged.connect(lambda _v: self._reset_grid())
        decode = QPushButton("Decode grid")
        decode.clicked.connect(self.decode)
        reset = QPushButton("Reset grid")
        reset.setToolTip("Back to the image's grid as the model codes it now")
        reset.clicked.connect(self._reset_grid)
        self.table = QTableWidget()
        self.table.horizontalHeader().setVisible(False)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._on_edit)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a61b1b")
        self.orig_box, self.orig_item, self.orig_vb = _image_box("image")
        self.dec_box, self.dec_item, self.dec_vb = _image_box("decoded from the grid")
        editor = QGridLayout()
        editor.addWidget(QLabel("<b>Edit a code grid</b>"), 0, 0, 1, 3)  # above its controls: fits 450 px
        editor.addWidget(self.image, 1, 0)
        editor.addWidget(decode, 1, 1)
        editor.addWidget(reset, 1, 2)
        editor.addWidget(self.table, 2, 0, 1, 3)
        editor.addWidget(self.message, 3, 0, 1, 3)
        editor.addWidget(self.orig_box, 4, 0)
        editor.addWidget(self.dec_box, 4, 1, 1, 2)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        users = QVBoxLayout()
        users.addWidget(self.users_label)
        users.addWidget(self.users_box, 1)
        layout.addLayout(users, 1)
        layout.addLayout(editor, 1)
        self.images: np.ndarray | None = None
        self.grids: np.ndarray | None = None
        self.code_picked: int | None = None  # the code whose users are shown, once the user picks one
        self.edited = False  # the user has edited the grid: new batches keep it
        self.codebook_size: int | None = None  # known from the code-usage chart: one bar per code

    def set_batch(self, images: np.ndarray, grids: np.ndarray, codebook_size: int | None = None) -> None:
        first = self.grids is None
        self.images, self.grids = images.astype(np.float32) / 255.0, grids
        self.codebook_size = codebook_size or self.codebook_size
        self.image.setRange(0, len(images) - 1)
        # Until the user picks a code, the most used one: something to look at before the first click.
        codes, counts = np.unique(grids, return_counts=True)
        self.show_users(self.code_picked if self.code_picked is not None else int(codes[counts.argmax()]))
        if first or not self.edited:
            self._fill_table()  # the image's grid as the model codes it now
        else:  # the user's own grid, decoded by the model as it is now
            self.decode()

    def show_users(self, code: int) -> np.ndarray:
        """Show the images whose grid uses ``code``; returns their indices."""
        if self.grids is None:
            return np.array([], dtype=int)
        users = np.flatnonzero((self.grids == code).reshape(len(self.grids), -1).any(axis=1))
        self.users_label.setText(f"code {code}: used by {len(users)} of {len(self.grids)} images"
                                 + (" — a dead code" if not len(users) else ""))
        if len(users):
            shown = users[:24]
            rows = [self.images[shown[r:r + 6]] for r in range(0, len(shown), 6)]
            _show(self.users_item, self.users_vb, _as_hwc(mosaic(rows, pad=2, fill=1.0)))
        else:
            self.users_item.clear()
        return users

    def pick(self, code: int) -> np.ndarray:
        """The user picked a code (a click on its bar): keep showing its users as the model learns."""
        self.code_picked = code
        return self.show_users(code)

    def _on_edit(self, _item) -> None:
        self.edited = True
        self.decode()  # the decoded image follows each edit

    def _reset_grid(self) -> None:
        self.edited = False
        self._fill_table()

    def _fill_table(self) -> None:
        if self.grids is None:
            return
        grid = self.grids[self.image.value()]
        g = grid.shape[0]
        self.table.blockSignals(True)  # one decode for the whole grid, not one per cell
        self.table.setRowCount(g)
        self.table.setColumnCount(g)
        for r in range(g):
            for c in range(g):
                self.table.setItem(r, c, QTableWidgetItem(str(int(grid[r, c]))))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        # The whole grid in sight (up to 8 rows; a bigger grid scrolls).
        self.table.setMinimumHeight(min(g, 8) * self.table.rowHeight(0) + 2 * self.table.frameWidth())
        _show(self.orig_item, self.orig_vb, self.images[self.image.value()])
        self.decode()

    def grid(self) -> list[list[int]]:
        """The table's codes; a cell that holds no whole number reads -1."""
        g = self.table.rowCount()
        out = []
        for r in range(g):
            row = []
            for c in range(g):
                item = self.table.item(r, c)
                text = item.text().strip() if item else ""
                row.append(int(text) if text.lstrip("-").isdigit() else -1)
            out.append(row)
        return out

    def grid_problem(self) -> str:
        """Why the grid cannot be decoded, in the learner's words; "" when it can."""
        top = self.codebook_size - 1 if self.codebook_size else None
        for r, row in enumerate(self.grid()):
            for c, code in enumerate(row):
                if code < 0 or (top is not None and code > top):
                    text = self.table.item(r, c).text() if self.table.item(r, c) else ""
                    span = f"a code from 0 to {top}" if top is not None else "a code number (0 or more)"
                    return f"Row {r + 1}, column {c + 1} holds “{text}”: each cell must be {span}. Not decoded."
        return ""

    def decode(self) -> None:
        problem = self.grid_problem()
        self.message.setText(problem)
        if not problem:
            self.interact_requested.emit({"grid": self.grid()}, "vq")

    def show_result(self, result: dict) -> None:
        _show(self.dec_item, self.dec_vb, result["decoded"][0])


def _as_hwc(image: np.ndarray) -> np.ndarray:
    return image[..., None] if image.ndim == 2 else image

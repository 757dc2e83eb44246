"""The editable patch mask (engine.figures.MaskGrid), as MAE reports it: click patches of a held-out
image to hide or show them, and the method's answer (its reconstruction under that mask) follows."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from engine import figures as fig
from gui.i18n_engine import engine_tr
from gui.views.method.figure_registry import draws
from gui.views.method.fitted_captions import fit_captions
from gui.views.method.hands_on import AnswerArea, image_box, show_image


def _tr(text: str) -> str:
    """The view's own words in the user's language (gui/translations/, context "MethodView"); the
    figures' titles and help are the engine's, through gui/i18n_engine.py."""
    return QCoreApplication.translate("MethodView", text)


@draws(fig.MaskGrid)
class MaskGridWidget(QWidget):
    interact_requested = Signal(dict, str)  # (engine.figures.edit_payload, the figure type's name)
    in_text_strip = False

    def __init__(self, figure: fig.MaskGrid, parent: QWidget | None = None):
        super().__init__(parent)
        self.setToolTip(engine_tr(figure.help))
        self.image = QSpinBox()
        self.image.setPrefix(_tr("image "))
        self.image.valueChanged.connect(lambda _v: self._load(self.image.value()))
        reset = QPushButton(_tr("Random mask"))
        reset.setToolTip(_tr("Hide as many patches as the model hides, drawn anew at random"))
        reset.clicked.connect(self.random_mask)
        self.rng = np.random.default_rng()
        clear = QPushButton(_tr("Show all"))
        clear.clicked.connect(self._show_all)
        top = QHBoxLayout()
        hint = QLabel(_tr("<b>Mask by hand</b>: click patches to hide or show them"))
        hint.setWordWrap(True)  # the row fits a narrow dock
        top.addWidget(hint, 1)
        for w in (self.image, reset, clear):
            top.addWidget(w)
        self.edit_box, self.edit_item, self.edit_vb = image_box(_tr("input (grey: hidden)"))
        self.answer = AnswerArea()  # the method's answer: e.g. the reconstruction, and it + the visible patches
        row = QHBoxLayout()
        row.addWidget(self.edit_box, 1)
        row.addWidget(self.answer, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(row, 1)
        self.edit_item.mouseClickEvent = self._on_click
        self.figure: fig.MaskGrid | None = None
        self.mask: np.ndarray | None = None  # (g, g) being edited
        self.show_figure(figure)

    def aspect(self) -> float:
        return 2.6  # the edited image and two answers in a row, under a line of controls

    @property
    def images(self) -> np.ndarray:
        return self.figure.images  # (N, H, W, C) in [0, 1]

    @property
    def masks(self) -> np.ndarray:
        return self.figure.masks  # (N, g, g): the engine's fixed masks

    def show_figure(self, figure: fig.MaskGrid) -> None:
        first = self.figure is None
        self.figure = figure
        self.image.setRange(0, len(figure.images) - 1)
        if first:
            self._load(0)
        elif self.mask is not None:  # the model has moved on: the same mask, reconstructed anew
            self.ask()

    def _load(self, i: int) -> None:
        if self.figure is None:
            return
        self.mask = self.masks[i].copy()
        self._changed()

    def random_mask(self) -> None:
        """A new random mask hiding as many patches as the model's: each press draws another one."""
        if self.mask is None:
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
        if self.mask is None:
            return
        h, w = self.images.shape[1:3]
        g = self.mask.shape[0]
        pos = event.pos()
        col, row = int(pos.x() * g / w), int(pos.y() * g / h)
        if 0 <= row < g and 0 <= col < g:
            self.toggle(row, col)
            event.accept()

    def _changed(self) -> None:
        img = self.images[self.image.value()]
        h, w = img.shape[:2]
        g = self.mask.shape[0]
        big = np.kron(self.mask, np.ones((h // g, w // g)))[..., None].astype(bool)  # (H, W, 1)
        show_image(self.edit_item, self.edit_vb, np.where(big, 0.5, img))
        self.ask()

    def ask(self) -> None:
        """Ask the method about the mask shown (the view calls it once it listens to the widget)."""
        payload = fig.edit_payload(self.figure, image=self.image.value(), mask=self.mask.tolist())
        self.interact_requested.emit(payload, type(self.figure).__name__)

    def show_answer(self, figures: tuple[fig.Figure, ...]) -> None:
        self.answer.show_figures(figures)
        self.fit_captions()

    def fit_captions(self) -> None:
        """The answer's column captions cut to their columns: "reconstruction" and "reconstruction +
        visible" ran into each other in a narrow view (gui/views/method/fitted_captions.py)."""
        for widget in self.answer.widgets.values():
            fit_captions([label for label, *_ in getattr(widget, "cells", [])])

    def set_presenting(self, _on: bool) -> None:
        """Presentation mode changed the type's size: the captions are cut again for it."""
        self.fit_captions()

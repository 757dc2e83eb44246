"""The latent explorer's sliders: one per latent dimension, with its value and (for a VAE) its KL, and
a button that centres the code on the held-out images' mean."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QScrollArea, QSlider, QVBoxLayout, QWidget


def _tr(text: str) -> str:
    """The latent explorer's words in the user's language (gui/translations/, context "LatentView")."""
    return QCoreApplication.translate("LatentView", text)


TICKS = 1000  # slider resolution
DEAD_KL_NATS = 0.05  # a dimension with less KL than this carries (almost) nothing: shown red
SLIDER_ROOM = 30  # px of groove beyond the rows' least width: enough to drag a slider


class LatentSliders(QWidget):
    """Maps each slider's ticks 0..TICKS linearly onto its dimension's range [low, high]."""

    moved = Signal(int, float)  # the user moved dimension d's slider to this value
    released = Signal()  # a drag ended
    centre_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.slider_box = QWidget()
        self.slider_grid = QGridLayout(self.slider_box)
        self.slider_grid.setColumnStretch(1, 1)
        self._spacing = self.slider_grid.verticalSpacing()  # the style's, while the rows fit with it
        self._margins = self.slider_grid.contentsMargins()
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.slider_box)
        centre = QPushButton(_tr("Centre"))
        centre.setToolTip(_tr("Set every dimension to the mean code of the held-out images"))
        centre.clicked.connect(self.centre_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(centre)
        self.sliders: list[QSlider] = []
        self.value_labels: list[QLabel] = []
        self.kl_labels: list[QLabel] = []
        self.low = self.high = np.zeros(0, dtype=np.float32)  # (D,) each dimension's range
        self.dragging = False  # a slider is held: the grid waits for its release

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As narrow as the rows allow in the type of the moment (labels, values and KL whole, a short
        groove), rather than a fixed width: 230 px made each of two explorers side by side wider than half
        of a 1280-px window, and in presentation mode's large type the rows need more."""
        hint = super().minimumSizeHint()
        rows = (self.slider_box.minimumSizeHint().width() + self.scroll.verticalScrollBar().sizeHint().width()
                + 2 * self.scroll.frameWidth() + SLIDER_ROOM)
        return QSize(max(hint.width(), rows), hint.height())

    def build(self, dim: int) -> None:
        """A slider per dimension, each over [-3, 3] until the first codes give their ranges."""
        self.remove()
        self.low = np.full(dim, -3.0, dtype=np.float32)
        self.high = np.full(dim, 3.0, dtype=np.float32)
        for d in range(dim):
            s = QSlider(Qt.Orientation.Horizontal)
            s.setRange(0, TICKS)
            s.valueChanged.connect(lambda tick, d=d: self._on_slider(d, tick))
            s.sliderPressed.connect(lambda: setattr(self, "dragging", True))
            s.sliderReleased.connect(self._on_slider_released)
            value = QLabel("0.00")
            value.setMinimumWidth(44)
            kl = QLabel("")
            kl.setStyleSheet("color: gray")
            self.slider_grid.addWidget(QLabel(f"z{d}"), d, 0)
            self.slider_grid.addWidget(s, d, 1)
            self.slider_grid.addWidget(value, d, 2)
            self.slider_grid.addWidget(kl, d, 3)
            self.sliders.append(s)
            self.value_labels.append(value)
            self.kl_labels.append(kl)
        self.fit_rows()

    def fit_rows(self) -> None:
        """Every slider in view without a scroll bar where the rows fit with no gaps between them: in
        presentation mode's large type (Chinese, β-VAE lesson at 1280x720) z7-z9 hid behind a scroll bar
        with gaps of 6 pixels between ten rows. Gaps come back when there is room for them."""
        if not self.sliders:
            return
        row = max(w.sizeHint().height() for w in (self.sliders[0], self.value_labels[0], self.kl_labels[0]))
        n, m = len(self.sliders), self._margins
        room = self.scroll.viewport().height() if self.scroll.isVisible() else self.height()
        roomy = n * row + (n - 1) * self._spacing + m.top() + m.bottom() <= room
        spacing, margins = (self._spacing, m) if roomy else (0, m.__class__(m.left(), 0, m.right(), 0))
        if self.slider_grid.verticalSpacing() != spacing:
            self.slider_grid.setVerticalSpacing(spacing)
            self.slider_grid.setContentsMargins(margins)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.fit_rows()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:  # presentation mode's type: taller rows
            self.fit_rows()

    def remove(self) -> None:
        """No sliders, no ranges: the last run's latent space is gone."""
        while self.slider_grid.count():
            w = self.slider_grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.sliders, self.value_labels, self.kl_labels = [], [], []
        self.low = self.high = np.zeros(0, dtype=np.float32)
        self.dragging = False

    def set_range(self, low: np.ndarray, high: np.ndarray) -> None:
        self.low, self.high = low.astype(np.float32), high.astype(np.float32)

    def place(self, z: np.ndarray) -> None:
        """Move every slider to the code ``z`` (D,), quietly (no ``moved``)."""
        for d, s in enumerate(self.sliders):
            s.blockSignals(True)
            s.setValue(self.tick_of(d, float(z[d])))
            s.blockSignals(False)
            self.value_labels[d].setText(f"{z[d]:+.2f}")

    def show_kl(self, kl: np.ndarray) -> None:
        """Each dimension's KL (D,) in nats beside its slider, red where the dimension is dead."""
        for d, v in enumerate(kl):
            self.kl_labels[d].setText(f"KL {v:.2f}")
            self.kl_labels[d].setStyleSheet("color: #b00" if v < DEAD_KL_NATS else "color: gray")

    def value_of(self, d: int, tick: int) -> float:
        return float(self.low[d] + (self.high[d] - self.low[d]) * tick / TICKS)

    def tick_of(self, d: int, value: float) -> int:
        span = max(float(self.high[d] - self.low[d]), 1e-6)
        return int(np.clip(round((value - self.low[d]) / span * TICKS), 0, TICKS))

    def _on_slider(self, d: int, tick: int) -> None:
        value = self.value_of(d, tick)
        self.value_labels[d].setText(f"{value:+.2f}")
        self.moved.emit(d, value)

    def _on_slider_released(self) -> None:
        self.dragging = False
        self.released.emit()

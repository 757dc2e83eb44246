"""The augmentation panel for the two-view methods: switch each operation on or off and set its
strength and probability; the run takes the change at once, and the Images view's "view 1" and
"view 2" rows are the live preview."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QGridLayout, QLabel, QWidget

HELP = {
    "crop": "share of the image area that may be cut away",
    "flip": "mirror left-right (off for digits: a mirrored 2 is no digit)",
    "rotate": "largest rotation, in degrees either way",
    "jitter": "largest brightness shift and contrast change",
    "blur": "largest Gaussian blur sigma, in pixels",
    "noise": "standard deviation of added Gaussian noise",
    "erase": "largest share of the image erased by a rectangle",
}
MAX_STRENGTH = {"rotate": 180.0, "blur": 5.0}


class AugmentPanel(QWidget):
    changed = Signal(dict)  # op -> (enabled, strength, probability)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        for col, title in enumerate(("operation", "strength", "probability")):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        self.rows: dict[str, tuple[QCheckBox, QDoubleSpinBox, QDoubleSpinBox]] = {}
        for r, name in enumerate(HELP, start=1):
            on = QCheckBox(name)
            strength = QDoubleSpinBox()
            strength.setRange(0.0, MAX_STRENGTH.get(name, 1.0))
            strength.setSingleStep(0.05 if MAX_STRENGTH.get(name, 1.0) <= 1 else 1.0)
            p = QDoubleSpinBox()
            p.setRange(0.0, 1.0)
            p.setSingleStep(0.1)
            for w in (on, strength, p):
                w.setToolTip(HELP[name])
            for w in (strength, p):
                w.setKeyboardTracking(False)
                w.valueChanged.connect(self._schedule)
            on.toggled.connect(self._schedule)
            grid.addWidget(on, r, 0)
            grid.addWidget(strength, r, 1)
            grid.addWidget(p, r, 2)
            self.rows[name] = (on, strength, p)
        note = QLabel("The Images view's 'view 1' and 'view 2' rows show the effect at once.")
        note.setWordWrap(True)
        note.setStyleSheet("color: gray")
        grid.addWidget(note, len(HELP) + 1, 0, 1, 3)
        grid.setRowStretch(len(HELP) + 2, 1)
        # Coalesce a burst of edits (a spin box held down) into one change.
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(lambda: self.changed.emit(self.ops()))
        self._quiet = False

    def set_ops(self, ops: dict[str, tuple[bool, float, float]]) -> None:
        """Show a run's settings without signalling a change."""
        self._quiet = True
        try:
            for name, (on, strength, p) in ops.items():
                if name in self.rows:
                    w_on, w_strength, w_p = self.rows[name]
                    w_on.setChecked(bool(on))
                    w_strength.setValue(float(strength))
                    w_p.setValue(float(p))
        finally:
            self._quiet = False

    def ops(self) -> dict[str, tuple[bool, float, float]]:
        return {name: (on.isChecked(), s.value(), p.value()) for name, (on, s, p) in self.rows.items()}

    def _schedule(self, *_args) -> None:
        if not self._quiet:
            self._timer.start()

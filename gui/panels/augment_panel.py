"""The augmentation panel for the two-view methods: switch each operation on or off and set its
strength and probability; the run takes the change at once, and the Images view's "view 1" and
"view 2" rows are the live preview."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QGridLayout, QLabel, QWidget

from gui.i18n_engine import engine_tr


def _tr(text: str) -> str:
    """The panel's own words in the user's language (gui/translations/, context "AugmentPanel"); the
    operations' names and help are the engine's, through gui/i18n_engine.py."""
    return QCoreApplication.translate("AugmentPanel", text)


class AugmentPanel(QWidget):
    """One row per operation of an engine AugmentConfig class, built from its metadata
    (``engine.data.augment.op_specs``): the ranges, defaults and help live in the engine only.

    The rows appear on :meth:`populate`, once the engine (torch) is imported, as the experiment panel's
    lists do; settings shown before then are kept and shown then."""

    changed = Signal(dict)  # op -> (enabled, strength, probability)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self.rows: dict[str, tuple[QCheckBox, QDoubleSpinBox, QDoubleSpinBox]] = {}
        self._pending: dict[str, tuple[bool, float, float]] = {}  # set_ops before populate
        # Coalesce a burst of edits (a spin box held down) into one change.
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(lambda: self.changed.emit(self.ops()))
        self._quiet = False

    def populate(self, config: type | None = None) -> None:
        """Build a row per operation of ``config`` (default: the engine's AugmentConfig), once."""
        from engine.data.augment import op_specs

        if self.rows:
            return
        grid = self._grid
        for col, title in enumerate((_tr("operation"), _tr("strength"), _tr("probability"))):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        specs = op_specs(config)
        for r, spec in enumerate(specs, start=1):
            on = QCheckBox(engine_tr(spec.name))  # rows, settings and runs keep the engine's name
            on.setChecked(spec.default.enabled)
            on.setToolTip(engine_tr(spec.help))
            strength, p = self._spin_box(spec.strength), self._spin_box(spec.p)
            on.toggled.connect(self._schedule)
            grid.addWidget(on, r, 0)
            grid.addWidget(strength, r, 1)
            grid.addWidget(p, r, 2)
            self.rows[spec.name] = (on, strength, p)
        note = QLabel(_tr("The Images view's 'view 1' and 'view 2' rows show the effect at once."))
        note.setWordWrap(True)
        note.setStyleSheet("color: gray")
        grid.addWidget(note, len(specs) + 1, 0, 1, 3)
        grid.setRowStretch(len(specs) + 2, 1)
        self.set_ops(self._pending)

    def _spin_box(self, spec) -> QDoubleSpinBox:
        """A spin box over ``spec``'s range (an engine ParamSpec), at its default, with its help."""
        box = QDoubleSpinBox()
        box.setRange(spec.low, spec.high)
        box.setSingleStep(0.05 if spec.high <= 1 else 1.0)
        box.setValue(spec.default)
        box.setToolTip(engine_tr(spec.help))
        box.setKeyboardTracking(False)
        box.valueChanged.connect(self._schedule)
        return box

    def set_ops(self, ops: dict[str, tuple[bool, float, float]]) -> None:
        """Show a run's settings without signalling a change."""
        if not self.rows:
            self._pending = dict(ops)
            return
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

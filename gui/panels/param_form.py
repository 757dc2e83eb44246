"""A form built from a hyper-parameter dataclass: one widget per field, ranges enforced, help as tooltips.

This is why a new method needs no GUI code: the form reads ``engine.params.specs`` of the method's
Params class. Live parameters are marked with a dot, and the form says which are which.

Labels, help and choices are the engine's English, shown in the user's language through
gui/i18n_engine.py; a combo box shows a choice translated but keeps the engine's value as its data.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (QAbstractSpinBox, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLabel,
                               QSpinBox, QWidget)

from gui.i18n_engine import engine_tr, param_label
from gui.widgets.retire import retire


def _tr(text: str) -> str:
    """The form's own words in the user's language (gui/translations/, context "ParamForm")."""
    return QCoreApplication.translate("ParamForm", text)


class ParamForm(QWidget):
    changed = Signal(str, object)  # name, new value (only for changes the user made)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._widgets: dict[str, QWidget] = {}
        self._specs: dict[str, Any] = {}
        self._quiet = False

    def build(self, params_cls: type, values: dict[str, Any] | None = None, skip: tuple[str, ...] = ()) -> None:
        from engine.params import specs

        # Taken out and retired, not removeRow(): that deletes the widgets at once, and a build reached
        # from a signal must not delete what may still be on the stack (a soak's core dump: a segfault in
        # Shiboken's releaseWrapper under QFormLayout::removeRow); nor deleteLater(), whose event met a
        # label's freed wrapper (gui/widgets/retire.py).
        while self._layout.rowCount():
            row = self._layout.takeRow(0)
            retire(*(item.widget() for item in (row.labelItem, row.fieldItem) if item is not None))
        self._widgets.clear()
        self._specs.clear()
        for s in specs(params_cls):
            if s.name in skip:
                continue
            widget = self._make(s)
            tip = self._tooltip(s)
            widget.setToolTip(tip)
            label = QLabel(("● " if s.live else "") + engine_tr(param_label(s.name)))
            label.setToolTip(tip)
            self._layout.addRow(label, widget)
            self._widgets[s.name] = widget
            self._specs[s.name] = s
        if values:
            self.set_values(values)

    @staticmethod
    def _tooltip(s) -> str:
        """The help, when it applies, and the field's own name where the label is translated: the name
        the command line's --set and the lesson files use."""
        when = _tr("{0} (changes while training)") if s.live else _tr("{0} (takes effect on Reset)")
        tip = when.format(engine_tr(s.help))
        label = param_label(s.name)
        return tip if engine_tr(label) == label else f"{tip}\n[{s.name}]"

    def _make(self, s) -> QWidget:
        if s.choices:
            w = QComboBox()
            for c in s.choices:
                w.addItem(engine_tr(str(c)), c)  # the engine's value stays the item's data
            w.setCurrentIndex(list(s.choices).index(s.default))
            w.currentIndexChanged.connect(lambda _i, n=s.name, w=w: self._emit(n, w.currentData()))
        elif s.type is bool:
            w = QCheckBox()
            w.setChecked(bool(s.default))
            w.toggled.connect(lambda v, n=s.name: self._emit(n, bool(v)))
        elif s.type is int:
            w = QSpinBox()
            w.setRange(int(s.low if s.low is not None else -2**31), int(min(s.high if s.high is not None else 2**31 - 1, 2**31 - 1)))
            w.setValue(int(s.default))
            w.setKeyboardTracking(False)
            w.valueChanged.connect(lambda v, n=s.name: self._emit(n, int(v)))
        else:
            w = QDoubleSpinBox()
            w.setDecimals(6 if s.log else 4)
            w.setRange(s.low if s.low is not None else -1e9, s.high if s.high is not None else 1e9)
            w.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
            w.setValue(float(s.default))
            w.setKeyboardTracking(False)
            w.valueChanged.connect(lambda v, n=s.name: self._emit(n, float(v)))
        return w

    def _emit(self, name: str, value: Any) -> None:
        if not self._quiet:
            self.changed.emit(name, value)

    def set_values(self, values: dict[str, Any]) -> None:
        """Show ``values`` without emitting ``changed``."""
        self._quiet = True
        try:
            for name, value in values.items():
                w = self._widgets.get(name)
                if isinstance(w, QComboBox):
                    i = w.findData(value)
                    if i >= 0:
                        w.setCurrentIndex(i)
                elif isinstance(w, QCheckBox):
                    w.setChecked(bool(value))
                elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
                    w.setValue(value)
        finally:
            self._quiet = False

    def reset(self, values: dict[str, Any] | None = None) -> None:
        """Every setting back to its default, then ``values`` shown (as a fresh build with them would),
        without emitting ``changed``."""
        self.set_values({name: s.default for name, s in self._specs.items()} | dict(values or {}))

    def values(self) -> dict[str, Any]:
        out = {}
        for name, w in self._widgets.items():
            if isinstance(w, QComboBox):
                out[name] = w.currentData()
            elif isinstance(w, QCheckBox):
                out[name] = w.isChecked()
            else:
                out[name] = w.value()
        return out

    def is_live(self, name: str) -> bool:
        return bool(self._specs.get(name) and self._specs[name].live)

    def widget(self, name: str) -> QWidget:
        return self._widgets[name]

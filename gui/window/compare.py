"""Run ▸ Compare…: duplicate the current run (A) as run B, change what should differ, and train both.

The dialog starts from A's settings exactly (method, data set, the method's hyper-parameters, the run's
settings and, for two-view methods, the augmentations) and lets the user change any of them but the
method and the data set: a comparison is "the same run, except". B is named by what differs
("stop gradient off", "lr 0.01"), so a class reads which curve is which without a legend.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGroupBox, QLabel, QMenu, QScrollArea, QVBoxLayout,
                               QWidget)

from gui.panels.augment_panel import AugmentPanel
from gui.panels.param_form import ParamForm


def _tr(text: str) -> str:
    return QCoreApplication.translate("Compare", text)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return _tr("on") if value else _tr("off")
    return f"{value:g}" if isinstance(value, float) else str(value)


def describe_differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """Each setting where ``b`` differs from ``a``, in words: "stop gradient off", "batch size 2"."""
    from gui.i18n_engine import engine_tr, param_label

    return [f"{engine_tr(param_label(name))} {_shown(value)}" for name, value in b.items()
            if name in a and a[name] != value]


def describe_augment_differences(a: dict[str, tuple], b: dict[str, tuple]) -> list[str]:
    """Augmentations B changes: "crop off", "blur on", "jitter 0.8 (p 0.5)", each named as the
    augmentation panel names it (in Chinese, 裁剪 for crop)."""
    from gui.i18n_engine import engine_tr

    out = []
    for name, (on, strength, p) in b.items():
        a_on, a_strength, a_p = a.get(name, (on, strength, p))
        if bool(on) != bool(a_on):
            out.append(f"{engine_tr(name)} {_shown(bool(on))}")
        elif on and (abs(strength - a_strength) > 1e-9 or abs(p - a_p) > 1e-9):
            out.append(f"{engine_tr(name)} {strength:g} (p {p:g})")
    return out


class CompareDialog(QDialog):
    """``config_a``: run A's RunConfig; ``augment_a``: A's augmentations (op -> (on, strength, p)), or
    None for a method that trains on one view. After ``accept()``, ``config()`` is B's RunConfig and
    ``label()`` says how B differs."""

    def __init__(self, config_a, augment_a: dict[str, tuple] | None, parent: QWidget | None = None):
        super().__init__(parent)
        from engine.methods import get_method
        from engine.training.config import RunParams

        self.setWindowTitle(_tr("Compare: run B"))
        self.config_a, self.augment_a = config_a, augment_a
        method = get_method(config_a.method)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        # The forms mark the settings run A's Experiment panel can change while A trains; B has no panel.
        legend = QLabel(_tr("● can change while run A trains (in the Experiment panel); B keeps what is set "
                            "here. Point at a setting for what it does."))
        legend.setWordWrap(True)
        legend.setEnabled(False)  # greyed: a note, not a setting
        layout.addWidget(legend)
        self.method_form = ParamForm()
        self.method_form.build(method.Params, config_a.method_params)
        self.run_form = ParamForm()
        self.run_form.build(RunParams, config_a.run_params)
        self.augment_panel = AugmentPanel() if augment_a is not None else None
        for title, form in ((method.label, self.method_form), (_tr("Run"), self.run_form),
                            (_tr("Augmentations"), self.augment_panel)):
            if form is None:
                continue
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(form)
            layout.addWidget(box)
        if self.augment_panel is not None:
            self.augment_panel.populate()
            self.augment_panel.set_ops(augment_a)
            self.augment_panel.changed.connect(self._show_label)
        self.method_form.changed.connect(self._show_label)
        self.run_form.changed.connect(self._show_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.difference = QLabel()
        self.difference.setWordWrap(True)
        self.difference.setToolTip(_tr("B's name in the views and legends: the settings where it differs from A"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("Start B"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(
            _tr("Train B beside A from fresh weights; Run ▸ Close B ends it"))
        # Qt's own words for the standard buttons are not shipped in Chinese: ours are.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.difference)
        outer.addWidget(self.buttons)
        self.resize(420, 560)
        self.scroll = scroll
        self._show_intro()
        self._show_label()

    def fits(self, config_a, augment_a: dict[str, tuple] | None) -> bool:
        """Whether this dialog can be shown again for run A as it is now (same method, augmentations or
        not, same language): its forms are then reset, not built again (1.3 s of the window on a busy
        machine, at every Compare)."""
        return (config_a.method == self.config_a.method and (augment_a is None) == (self.augment_panel is None)
                and self.windowTitle() == _tr("Compare: run B"))

    def reset(self, config_a, augment_a: dict[str, tuple] | None) -> None:
        """A copy of run A as it is now, nothing the user changed last time kept."""
        self.config_a, self.augment_a = config_a, augment_a
        self.method_form.reset(config_a.method_params)
        self.run_form.reset(config_a.run_params)
        if self.augment_panel is not None:
            self.augment_panel.set_ops(augment_a)
        self.scroll.verticalScrollBar().setValue(0)
        self._show_intro()
        self._show_label()

    def _show_intro(self) -> None:
        from engine.methods import get_method

        self.intro.setText(_tr("Run B starts as a copy of run A ({0} on {1}). Change what B should do differently; "
                               "both then train side by side.").format(get_method(self.config_a.method).label,
                                                                      self.config_a.dataset))

    def differences(self) -> list[str]:
        out = describe_differences(self.config_a.method_params, self.method_form.values())
        out += describe_differences(self.config_a.run_params, self.run_form.values())
        if self.augment_panel is not None:
            out += describe_augment_differences(self.augment_a, self.augment_panel.ops())
        return out

    def label(self) -> str:
        """How B differs from A; "same settings" when it does not (a second seed is a fair question too)."""
        return ", ".join(self.differences()) or _tr("same settings")

    def _show_label(self, *_args) -> None:
        self.difference.setText(_tr("B: <b>{0}</b>").format(self.label()))

    def config(self):
        """Run B's RunConfig: A's with the dialog's settings."""
        from engine.data.augment import AugmentConfig

        augment = self.config_a.augment
        if self.augment_panel is not None:
            augment = AugmentConfig().updated(self.augment_panel.ops())
        return replace(self.config_a, method_params=self.method_form.values(), run_params=self.run_form.values(),
                       augment=augment, resume=None, save_on_end=None, steps=None)


def config_of_a(window):
    """Run A as a RunConfig: what the panel shows (A's settings, its live changes included) and, for a
    two-view method, the augmentations A trains with now."""
    from engine.data.augment import AugmentConfig

    info = window.run_info
    augment = AugmentConfig().updated(window.augment_panel.ops()) if info is not None and info.views else None
    return window.panel.config(cadence=window.cadence(), augment=augment)


def build_run_menu(window) -> QMenu:
    """Run ▸ Compare…, Save B…, Close B on ``window`` (a MainWindow; the slots are RunSlots'); returns the
    menu, for the entries other modules add to it."""
    menu = window.menuBar().addMenu(_tr("&Run"))
    window.compare_action = menu.addAction(_tr("&Compare…"), window.open_compare)
    window.compare_action.setToolTip(_tr("Train a copy of this run that differs in a setting or two, beside it"))
    window.save_b_action = menu.addAction(_tr("&Save B…"), window.save_b)
    window.close_b_action = menu.addAction(_tr("Close &B"), window.close_b)
    window.close_b_action.setToolTip(_tr("Stop run B: back to one run"))
    for a in (window.save_b_action, window.close_b_action):
        a.setEnabled(False)
    from gui.window.points_drawing import build_points_action

    build_points_action(window, menu)  # Run ▸ Draw 2-D points… (and the data set list's entry)
    return menu

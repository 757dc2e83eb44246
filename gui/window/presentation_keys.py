"""The keys of presentation mode (gui/window/presentation.py): F11 in and out, and while it is on Escape,
P, the digits and the keys a lesson adds (N), taken before any focused widget."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QTextEdit, QWidget


class PresentationKeys(QObject):
    """F11 toggles presentation mode from anywhere in the window; while it is on, Escape leaves it,
    the digits raise the views and the keys a lesson adds act. Taken before any focused widget (as
    gui/window/transport.py does for Space, S and R), except the digits and added keys while the user
    types into a text or number field."""

    def __init__(self, presentation):  # a gui.window.presentation.Presentation (it imports this module)
        super().__init__(presentation)
        self.presentation = presentation

    def action_for(self, key: int) -> tuple[Callable[[], None] | None, bool]:
        """The action of ``key`` now, and whether typing into a field takes the key first."""
        p = self.presentation
        if key == Qt.Key.Key_F11:
            return p.toggle, False
        if not p.active:
            return None, False
        if key == Qt.Key.Key_Escape:
            return p.leave, False
        if key == Qt.Key.Key_P:
            return p.toggle_panel, True
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            return (lambda: p.raise_view(key - Qt.Key.Key_1)), True
        return p.extra_keys.get(key, (None, ""))[0], True

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        action, typing_wins = self.action_for(event.key())
        if action is None or QApplication.activeModalWidget():
            return False
        focus = obj if isinstance(obj, QWidget) else QApplication.focusWidget()
        if focus is not None and focus.window() is not self.presentation.window:
            return False
        if typing_wins and isinstance(focus, (QLineEdit, QAbstractSpinBox, QTextEdit)):
            return False
        if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
            action()
        event.accept()
        return True

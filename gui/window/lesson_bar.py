"""The lesson bar: while a lesson plays outside presentation mode, its title, the caption of the moment
(whole, wrapped) and the lesson's three actions on a row of their own above the views.

The status bar was too frail a place for it: a long caption was cut off by the step counters, and any
menu's status tips wiped it. Presentation mode has its own, larger caption bar (gui/window/caption_bar.py)
and hides this one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolBar, QToolButton, QVBoxLayout, QWidget

from gui.window.caption_bar import CaptionText, verdict_style


def _tr(text: str) -> str:
    return QCoreApplication.translate("LessonBar", text)


class LessonBar(QToolBar):
    """``show_lesson(title, index, count, caption)``; ``set_note(text)`` adds a line under the caption
    (the budget reached), ``set_verdict(text, held)`` the check's verdict under it; ``actions`` are the Lesson menu's Next / Restart / Leave, shown as buttons."""

    def __init__(self, actions, parent: QWidget | None = None):
        super().__init__(_tr("Lesson"), parent)
        self.setObjectName("lesson_bar")
        self.setMovable(False)
        self.setFloatable(False)
        body = QWidget()
        body.setObjectName("lesson_body")
        # A pale band that sets the lesson apart from the settings and views around it.
        body.setStyleSheet("#lesson_body { background: #fff8e1; border-bottom: 1px solid #d8c68a; }"
                           "QLabel { background: transparent; }")
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.setSpacing(1)
        self.heading = QLabel("")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.caption = CaptionText()
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #6b5300")
        self.note.hide()
        # The check measured at the budget, as `lesson run` measures it (gui/window/lesson_verdict.py).
        self.verdict = QLabel("")
        self.verdict.setObjectName("lesson_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.hide()
        for widget in (self.heading, self.caption, self.note, self.verdict):
            text.addWidget(widget)
        layout = QHBoxLayout(body)
        layout.setContentsMargins(10, 3, 10, 3)
        layout.addLayout(text, 1)
        self.buttons = []
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.buttons.append(button)
        self.addWidget(body)

    def show_lesson(self, title: str, index: int, count: int, caption: str) -> None:
        """The lesson's ``title`` and its caption number ``index`` (from 0) of ``count``."""
        self.heading.setText(_tr("Lesson: {0} ({1}/{2})").format(title, index + 1, count) if count
                             else _tr("Lesson: {0}").format(title))
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))
        self.caption.fit_height()

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_verdict(self, text: str, held: bool | None = None) -> None:
        """The lesson's verdict ("" hides it), green when the claim held."""
        self.verdict.setText(text)
        self.verdict.setStyleSheet(verdict_style(held))
        self.verdict.setVisible(bool(text))

    def shown_text(self) -> str:
        """What the bar says, line by line (for tests and the record tool)."""
        return "\n".join(w.text() for w in (self.heading, self.caption, self.note, self.verdict) if w.text())

"""Small widgets of the main window's frame: the message banner and the method view's scroll area."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QWidget


class Banner(QWidget):
    """A coloured line across the top for what must not be missed (a diverged run, out of memory)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        close = QPushButton("✕")
        close.setFlat(True)
        close.setFixedWidth(28)
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.setAutoFillBackground(True)
        self.bar = None  # the tool bar row it sits in: shown with a message, hidden by dismiss()
        self.hide()

    def dismiss(self) -> None:
        """Hide the message, and its row: an empty row of chrome would cost the views its height."""
        self.hide()
        if self.bar is not None:
            self.bar.hide()

    def show_message(self, text: str, error: bool = True) -> None:
        colour = "#fde2e1" if error else "#fff4d6"
        self.setStyleSheet(f"background: {colour}; color: #5a1a14;" if error else f"background: {colour};")
        self.label.setText(text)
        if self.bar is not None:
            self.bar.show()
        self.show()


class ModestScrollArea(QScrollArea):
    """A scroll area that asks for a modest size whatever it holds: the dock layout hands out space by
    size hints, and a tall figure's hint would otherwise take the Loss plot's height when it arrives."""

    def sizeHint(self):  # noqa: N802 (Qt override)
        return QSize(480, 320)

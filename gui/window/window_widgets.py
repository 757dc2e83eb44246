"""Small widgets of the main window's frame: the message banner and the method view's scroll area."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QWidget


class Banner(QWidget):
    """A coloured line across the top for what must not be missed (a diverged run, out of memory). It
    stays until the user acts: its ✕, or Play, Reset or a new run (which call :meth:`dismiss`).

    It sits in a tool bar row of its own (gui/window/transport.py). A widget in a QToolBar is shown and
    hidden through the QWidgetAction the bar made for it, not through QWidget.show(): the banner, hidden
    when it was added, left its action hidden, so show() made it "visible" outside the bar's layout and
    the row stayed an empty 17 px strip. Its row is as tall as its wrapped text at the bar's width.
    """

    # Red with white text: a diverged run is no footnote. The whole row is painted (a styled background),
    # its label and ✕ on it.
    ERROR_STYLE = ("Banner { background: #c62828; } QLabel, QPushButton { color: white; background: transparent; "
                   "border: none; }")
    WARNING_STYLE = ("Banner { background: #fff4d6; } QLabel, QPushButton { color: #3d2e00; background: transparent; "
                     "border: none; }")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy into a report
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.close_button = QPushButton("✕")
        self.close_button.setFlat(True)
        self.close_button.setFixedWidth(28)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 4, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # else a style sheet paints no background
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.bar = None  # the tool bar row it sits in: shown with a message, hidden by dismiss()
        self.hide()

    @property
    def shown(self) -> bool:
        """Whether a message is up (the banner and its row on screen once the window is)."""
        return self.isVisibleTo(self.window()) if self.bar is None else self.bar.isVisibleTo(self.window())

    def _set_shown(self, on: bool) -> None:
        action = self._action()
        if action is not None:
            action.setVisible(on)  # the bar shows or hides its widget and lays it out
        else:
            self.setVisible(on)
        if self.bar is not None:
            self.bar.setVisible(on)  # an empty row of chrome would cost the views its height

    def _action(self):
        if self.bar is None:
            return None
        return next((a for a in self.bar.actions() if self.bar.widgetForAction(a) is self), None)

    def dismiss(self) -> None:
        """Hide the message, and its row."""
        self._set_shown(False)

    def show_message(self, text: str, error: bool = True) -> None:
        self.setStyleSheet(self.ERROR_STYLE if error else self.WARNING_STYLE)
        self.label.setText(text)
        self._set_shown(True)
        self.updateGeometry()  # the row takes the height of the new text

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As wide as the row, as tall as the text wrapped to it: a tool bar lays its widgets out by their
        size hints and does not ask a word-wrapped label for its height at a width."""
        hint = super().sizeHint()
        window = self.window()
        if self.isVisible() and self.width() > 100:
            width = self.width()  # laid out: the width its row gives it (less while a caption bar shares it)
        else:  # not yet: the row will span the window, less the bar's handle and margins
            width = window.width() - 24 if window is not self else max(hint.width(), 600)
        margins = self.layout().contentsMargins()
        text_width = width - margins.left() - margins.right() - self.close_button.width() - self.layout().spacing()
        text_height = self.label.heightForWidth(max(text_width, 50))
        # Not the layout's own hint: a wrapped label's hint is narrow and tall (several lines for one).
        return QSize(width, max(text_height, self.close_button.sizeHint().height()) + margins.top() + margins.bottom())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.sizeHint().height() != self.height():
            self.updateGeometry()  # a new width wraps the text to other lines: the row takes their height

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(100, self.sizeHint().height())


class ModestScrollArea(QScrollArea):
    """A scroll area that asks for a modest size whatever it holds: the dock layout hands out space by
    size hints, and a tall figure's hint would otherwise take the Loss plot's height when it arrives."""

    def sizeHint(self):  # noqa: N802 (Qt override)
        return QSize(480, 320)

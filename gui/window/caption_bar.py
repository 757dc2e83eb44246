"""The caption bar of presentation mode: a lesson's text in large type across the top of the window, and
the keys that drive the app (a line for the status bar, and the bar's tooltip), so a lecturer at a
projector never needs the mouse."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QVBoxLayout, QWidget

CAPTION_SCALE = 1.15  # the caption's type against the (already enlarged) application font
# A verdict's colour: held, did not hold, and neither (being measured, or could not be): dark enough to
# read on white at a projector.
VERDICT_COLOURS = {True: "#1b5e20", False: "#8a3000", None: "#333333"}


def verdict_style(held: bool | None) -> str:
    return f"color: {VERDICT_COLOURS[held]}; font-weight: bold;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaptionBar", text)


class CaptionText(QLabel):
    """A word-wrapped label that asks for the height its text needs at its width (a tool bar does not
    honour height-for-width by itself, so a two-line caption would lose its second line)."""

    def __init__(self):
        super().__init__("")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # its sizeHint: the text's height

    def fit_height(self) -> None:
        self.setMinimumHeight(self._needed_height())
        self.updateGeometry()

    def _needed_height(self) -> int:
        """The wrapped text's height at the label's width. (QLabel's heightForWidth and minimumSizeHint
        kept the height of the width it had first: a caption set in a narrow window stood six lines high
        at 1280 pixels.)"""
        margins = self.contentsMargins()
        width = max(self.width(), 200) - margins.left() - margins.right() - 2 * self.margin()
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        text = self.fontMetrics().boundingRect(QRect(0, 0, width, 100000), flags, self.text() or " ").height()
        return text + margins.top() + margins.bottom() + 2 * self.margin()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return False  # the layouts take the height from sizeHint, not from QLabel's heightForWidth

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As high as the text needs at the label's width: QLabel's own hints wrap at a width of their
        choosing, and the bar stood two or three lines high over a one-line caption at 1280x720."""
        return QSize(super().sizeHint().width(), self._needed_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(super().minimumSizeHint().width(), self._needed_height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.fit_height()


class CaptionBar(QToolBar):
    """``set_caption(text)`` shows a text; ``set_keys(pairs)`` lists the keys (a short line and a tooltip)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_tr("Caption"), parent)
        self.setObjectName("presentation_caption")
        self.setMovable(False)
        self.setFloatable(False)
        self.text = CaptionText()
        # The lesson's verdict at its budget, under the caption (gui/window/lesson_verdict.py).
        self.verdict = CaptionText()
        self.verdict.hide()
        # Presentation mode puts it in the status bar (a row of its own costs the views), as a permanent
        # widget: a passing message does not hide it.
        self.keys = QLabel("")
        # It gives way first: the runs' figures beside it (step, speed, a recording's "● REC") stay whole
        # and it takes the room left, cut at its end (all of it is in its tooltip). Asking for its whole
        # line, it squeezed them to "A: step 4(" at 1280 pixels while a recording ran.
        self.keys.setMinimumWidth(1)
        self._lines = {False: "", True: ""}  # the keys line, whole and (beside a message) the keys only
        body = QWidget()
        body.setObjectName("caption_body")
        body.setStyleSheet("#caption_body { background: white; border-bottom: 3px solid black; }"
                           "QLabel { color: black; background: white; }")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 4, 12, 6)  # the bottom clear of the 3-px border
        layout.setSpacing(2)
        layout.addWidget(self.text)
        layout.addWidget(self.verdict)
        self.addWidget(body)

    def set_caption(self, text: str) -> None:
        self.text.setText(text)
        self.text.fit_height()

    def caption(self) -> str:
        return self.text.text()

    def set_verdict(self, text: str, held: bool | None = None) -> None:
        """The lesson's verdict under the caption ("" hides it); coloured by ``held``."""
        self.verdict.setText(text)
        self.verdict.setStyleSheet(verdict_style(held) + " background: white;")
        self.verdict.setVisible(bool(text))
        self.verdict.fit_height()

    def verdict_text(self) -> str:
        return self.verdict.text() if not self.verdict.isHidden() else ""

    def set_keys(self, pairs: list[tuple[str, str]], short: str) -> None:
        """``pairs``: (key, what it does) for the tooltip; ``short``: the line of the ``keys`` label,
        "F11 leave · Space play · …" (each key, a space, what it does)."""
        self._lines = {False: short, True: " · ".join(part.split(" ", 1)[0] for part in short.split(" · "))}
        self.keys.setText(short)
        tip = _tr("Keys in presentation mode:") + "\n" + "\n".join(f"{key}\t{what}" for key, what in pairs)
        for widget in (self, self.text, self.keys):
            widget.setToolTip(tip)

    def make_room_for(self, message: str) -> None:
        """The status bar's messageChanged: while it shows a passing message, the keys line says only
        the keys ("F11 · Space · S …", what they do in the tooltip). The message is drawn left of the
        permanent widgets, the keys line among them, and had 190 pixels at 1280 in large type."""
        self.keys.setText(self._lines[bool(message)])

    def set_base_font(self, font: QFont, small: QFont) -> None:
        """The caption in large bold type (``font`` enlarged again); the keys line, for the lecturer
        rather than the hall, in ``small``."""
        big = QFont(font)
        size = font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 0.75
        big.setPointSizeF(size * CAPTION_SCALE)
        big.setBold(True)
        self.text.setFont(big)
        self.verdict.setFont(font)  # under the caption, a step smaller than it
        self.keys.setFont(small)
        self.text.fit_height()
        self.verdict.fit_height()

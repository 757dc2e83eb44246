"""How one row of the lesson list (gui/window/lesson_menu.py) is drawn: the lesson's title in bold and,
under it, its whole claim wrapped to the column's width. A claim is the point of the lesson (up to three
sentences); eliding it to one line hid it in a tooltip, so each row is as tall as its claim needs."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget

CLAIM_ROLE = Qt.ItemDataRole.UserRole + 1  # the claim (or, greyed, why the file cannot be used)
PAD = 6  # pixels around a row's text and between the title and the claim
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class TitleAndClaimDelegate(QStyledItemDelegate):
    """Draws column 0 of ``tree`` as title (bold) over claim (wrapped); rows grow to fit, and are laid
    out again when the column's width changes (a narrower column wraps the claim to more lines)."""

    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree
        tree.header().sectionResized.connect(self._column_resized)

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, option.font

    def _text_width(self, column_width: int) -> int:
        return max(80, column_width - 2 * PAD)

    def _heights(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> tuple[int, int]:
        bold, plain = self._fonts(option)
        title = QFontMetrics(bold).boundingRect(QRect(0, 0, width, 10_000), WRAP, index.data() or "")
        claim = QFontMetrics(plain).boundingRect(QRect(0, 0, width, 10_000), WRAP, index.data(CLAIM_ROLE) or "")
        return title.height(), claim.height()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 (Qt override)
        if index.column() != 0:
            return super().sizeHint(option, index)
        column = self.tree.columnWidth(0)
        title, claim = self._heights(option, index, self._text_width(column))
        return QSize(column, title + claim + 3 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.column() != 0:
            return super().paint(painter, option, index)
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else None
        text = option.text
        option.text = ""  # the style draws the background and selection only; the text is drawn here
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        group = (QPalette.ColorGroup.Normal if option.state & QStyle.StateFlag.State_Enabled
                 else QPalette.ColorGroup.Disabled)
        role = (QPalette.ColorRole.HighlightedText if option.state & QStyle.StateFlag.State_Selected
                else QPalette.ColorRole.Text)
        width = self._text_width(option.rect.width())
        title_height, claim_height = self._heights(option, index, width)
        bold, plain = self._fonts(option)
        left, top = option.rect.left() + PAD, option.rect.top() + PAD
        painter.save()
        painter.setPen(option.palette.color(group, role))
        painter.setFont(bold)
        painter.drawText(QRect(left, top, width, title_height), WRAP, text)
        painter.setFont(plain)
        painter.drawText(QRect(left, top + title_height + PAD, width, claim_height), WRAP,
                         index.data(CLAIM_ROLE) or "")
        painter.restore()

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        model = self.tree.model()
        if column == 0 and model.rowCount():
            self.sizeHintChanged.emit(model.index(0, 0))  # the view lays every row out again

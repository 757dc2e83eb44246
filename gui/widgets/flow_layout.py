"""A layout that places its widgets in a row and wraps them onto the next line when the row is full, as
words in a paragraph: a control row that fits one line in a wide view and two in a narrow one (the map
of run B beside run A's at 1280 pixels) instead of pushing the view wider than the window.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping; each at its size hint. ``last_right``: the last item added goes to
    the right end of its line (an Export button, where it sits in the one-line row)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6, last_right: bool = False):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.last_right = last_right
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's item list ----------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # -- sizes ------------------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._place(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override): all on one line
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override): the widest item, every item on a line of its own
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        self._place(rect, move=True)

    # -- placing ----------------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]  # a hidden widget's item is empty

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in ``rect`` (only measure unless ``move``); returns the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        lines: list[list[tuple[QLayoutItem, QPoint, QSize]]] = [[]]
        for item in self._shown():
            hint = item.sizeHint().boundedTo(QSize(area.width(), 10 ** 6)).expandedTo(item.minimumSize())
            if lines[-1] and x + hint.width() > area.right() + 1:  # wrap
                x, y, line_height = area.x(), y + line_height + self._spacing, 0
                lines.append([])
            lines[-1].append((item, QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        if move:
            for line in lines:
                height = max((hint.height() for _i, _p, hint in line), default=0)
                for item, point, hint in line:
                    # Centred on the line's height: a check box beside a taller combo box.
                    item.setGeometry(QRect(QPoint(point.x(), point.y() + (height - hint.height()) // 2), hint))
            if self.last_right and lines[-1]:
                item, point, hint = lines[-1][-1]
                item.setGeometry(QRect(QPoint(area.right() + 1 - hint.width(), point.y()), hint))
        return y + line_height - rect.y() + m.bottom()

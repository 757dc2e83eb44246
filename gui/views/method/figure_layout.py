"""How the Method view arranges its figures: rows that use the dock's shape.

Each figure says the width / height it reads best at (its aspect). The figures keep their order and
are cut into rows; every row gets an equal share of the height, and within a row each figure a share
of the width in proportion to its aspect. Of all the ways to cut the sequence into rows, the one that
shows the figures biggest wins: in a wide, low dock (a 1280x720 window's) that is one row, heatmaps
and bars side by side beside a hands-on panel; in a tall, narrow one, a column.
"""

from __future__ import annotations

from itertools import combinations

from PySide6.QtGui import QFontMetrics, QGuiApplication

MIN_ROW_HEIGHT = 120  # px: a row lower than this leaves a figure too low to read
CANVAS_MIN_HEIGHT = 90  # px: a figure's plot or image at its smallest (method_figures, hands_on)
TEXT_LINES_IN_A_ROW = 2  # a figure's title, and a line of its own above its canvas (the code grid's users)


def min_row_height() -> int:
    """The lowest row worth having in the application's type now. In presentation mode's large type a
    figure's title and text lines take more of a row: a 120-px row was lower than its figures' own
    minimum, and two rows made the Method view taller than its dock (its lower row cut, under a scroll
    bar), which then kept two rows, as the view's height came from its figures' minimum."""
    app = QGuiApplication.instance()
    line = QFontMetrics(app.font()).height() if app is not None else 0
    return max(MIN_ROW_HEIGHT, CANVAS_MIN_HEIGHT + TEXT_LINES_IN_A_ROW * line)


def shown_area(aspects: list[float], width: float, height: float) -> float:
    """Area (px²) the figures of one row fill at their aspect in a ``width`` x ``height`` row."""
    total = sum(aspects)
    scale = min(height, width / total)  # each figure's height: the row's, or less when it is too wide
    return sum(scale * scale * a for a in aspects)


def arrange(aspects: list[float], width: float, height: float, max_rows: int = 4) -> list[list[int]]:
    """The figures' indices cut into rows (in order) that show them biggest in ``width`` x ``height``.

    Rows lower than min_row_height() are avoided while one row would do; ties go to fewer rows.
    """
    n = len(aspects)
    if n == 0:
        return []
    lowest_row = min_row_height()
    best: tuple[float, list[list[int]]] | None = None
    for rows in range(1, min(n, max_rows) + 1):
        row_height = height / rows
        if rows > 1 and row_height < lowest_row:
            break
        for cuts in combinations(range(1, n), rows - 1):
            bounds = (0, *cuts, n)
            groups = [list(range(a, b)) for a, b in zip(bounds[:-1], bounds[1:])]
            area = sum(shown_area([aspects[i] for i in g], width, row_height) for g in groups)
            if best is None or area > best[0] * 1.05:  # a new row must earn its place clearly
                best = (area, groups)
    return best[1]

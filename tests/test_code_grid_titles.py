"""The VQ-VAE code grid's column titles while presenting at 1280x720 (gui/views/method/code_grid.py): each
one-line title shows a form short enough for its column, never a long one cut down to a lone "…"."""

import numpy as np
from PySide6.QtGui import QTextDocumentFragment as Fragment

from tests.gui_helpers import settle
from tests.test_presentation_crowded import METHOD_PANE, _vqvae_figures, app, large_type, tell_presenting  # noqa: F401


def _plain(text: str) -> str:
    return Fragment.fromHtml(text).toPlainText()


def test_code_grid_titles_are_readable_while_presenting_at_1280x720(qtbot, app):  # noqa: F811 (the fixture)
    from engine import figures as fig
    from gui.views.method.code_grid import CodeGridWidget
    from gui.views.method.method_view import MethodView
    from gui.views.side_by_side import SideBySide
    from gui.window.one_line_labels import OneLineLabels

    figures = _vqvae_figures(np.random.default_rng(0))
    with large_type():
        box = SideBySide(MethodView)
        qtbot.addWidget(box)
        box.show()
        box.resize(*METHOD_PANE)  # one run's half of the Method dock
        view = box.view("A")
        view.clear("VQ-VAE")
        view.show_figures(31, figures)
        qtbot.waitUntil(lambda: len(view.widgets) == len(figures), timeout=5000)
        (grid,) = view.findChildren(CodeGridWidget)
        grid.show_answer((fig.ImageGrid("decoded from the grid", figures[-1].images[:1], columns=1),))
        tell_presenting(box, True)
        labels = OneLineLabels(box)
        for size in ((958, 456), METHOD_PANE):  # a larger screen first, as on entering full screen
            box.resize(*size)
            for _ in range(4):  # presentation mode's rescans
                settle(0.15)
                labels.apply()
        decoded = grid.answer.widget("decoded from the grid").title
        titles = {"users": grid.users_label, "hint": grid.hint, "decoded": decoded}
        for name, label in titles.items():
            assert not label.wordWrap(), name  # one line, as presentation mode makes them
            text = _plain(label.text())
            assert text.strip(" …") and "…" not in text, (name, text)  # a whole (short) form, not a cut one
            assert label.fontMetrics().horizontalAdvance(text) <= label.contentsRect().width(), (name, text)
        assert _plain(decoded.text()) == "decoded" or _plain(decoded.text()) == "decoded from the grid"
        assert _plain(grid.users_label.text()).startswith("code ")
        labels.restore()
        tell_presenting(box, False)
        settle(0.2)
        assert decoded.text() == "decoded from the grid" and grid.users_label.text().startswith("code ")
        assert "used by" in grid.users_label.text()  # the long forms again, wrapped where they must

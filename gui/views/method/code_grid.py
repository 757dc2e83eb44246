"""The editable grid of discrete codes (engine.figures.CodeGrid), as VQ-VAE reports it: see which
images use a code (a click on its bar in the linked Bars figure picks it), edit an image's grid of
codes, and see the image the method decodes from it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from engine import figures as fig
from gui.i18n_engine import engine_tr
from gui.views.method.figure_registry import draws
from gui.views.method.hands_on import AnswerArea, image_box, show_image
from gui.widgets.export import ExportMenu
from gui.widgets.mosaic import mosaic

ROW_HEIGHT = 22  # px per table row: a 4x4 grid and its controls fit a 1280x720 window's Method view
HINT = "<i>click a bar of the code usage chart to see the images that use that code</i>"


def _tr(text: str) -> str:
    """The view's own words in the user's language (gui/translations/, context "MethodView"); the
    figures' titles and help are the engine's, through gui/i18n_engine.py."""
    return QCoreApplication.translate("MethodView", text)


@draws(fig.CodeGrid)
class CodeGridWidget(QWidget):
    interact_requested = Signal(dict, str)  # (engine.figures.edit_payload, the figure type's name)
    in_text_strip = False

    def __init__(self, figure: fig.CodeGrid, parent: QWidget | None = None):
        super().__init__(parent)
        self.setToolTip(engine_tr(figure.help))
        self.users_label = QLabel("")
        self.users_label.setWordWrap(True)
        self.users_box, self.users_item, self.users_vb = image_box(_tr(HINT))
        self.hint = self.users_box.findChild(QLabel)  # image_box's title
        self.image = QSpinBox()
        self.image.setPrefix(_tr("image "))
        self.image.valueChanged.connect(lambda _v: self._reset_grid())
        decode = QPushButton(_tr("Decode grid"))
        decode.clicked.connect(self.decode)
        reset = QPushButton(_tr("Reset grid"))
        reset.setToolTip(_tr("Back to the image's grid as the model codes it now"))
        reset.clicked.connect(self._reset_grid)
        self.table = QTableWidget()
        self.table.horizontalHeader().setVisible(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.itemChanged.connect(self._on_edit)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a61b1b")
        self.orig_box, self.orig_item, self.orig_vb = image_box(_tr("image"))
        self.answer = AnswerArea()  # the method's answer: the image decoded from the grid
        # The editor in a box of its own: presentation mode hides it (set_presenting).
        self.editor = QWidget()
        editor = QGridLayout(self.editor)
        editor.setContentsMargins(0, 0, 0, 0)
        editor.setVerticalSpacing(2)
        editor.addWidget(QLabel(_tr("<b>Edit a code grid</b>")), 0, 0, 1, 2)  # above its controls: fits a narrow dock
        editor.addWidget(self.image, 1, 0, 1, 2)
        editor.addWidget(decode, 2, 0)
        editor.addWidget(reset, 2, 1)
        editor.addWidget(self.table, 3, 0, 1, 2)
        editor.addWidget(self.message, 4, 0, 1, 2)
        editor.setRowStretch(3, 1)
        users = QVBoxLayout()
        users.addWidget(self.users_label)
        users.addWidget(self.users_box, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(users, 3)
        layout.addWidget(self.editor, 2)
        layout.addWidget(self.orig_box, 2)
        layout.addWidget(self.answer, 2)
        self.figure: fig.CodeGrid | None = None
        # Each title's forms, longest first: a title cut to one line (presentation mode, gui/window/
        # one_line_labels.py) shows the longest that fits its column, not a long one cut to "…".
        hint = (_tr(HINT), _tr("<i>click a bar to pick a code</i>"), _tr("<i>click a bar</i>"))
        self.forms: dict[QLabel, tuple[str, ...]] = {self.hint: hint}
        self.chosen: dict[QLabel, str] = {}  # the form last set on each title
        self.presenting = False
        for label in (self.users_label, self.hint):
            label.installEventFilter(self)
        self.code_picked: int | None = None  # the code whose users are shown, once the user picks one
        self.edited = False  # the user has edited the grid: new batches keep it
        self.show_figure(figure)

    def set_presenting(self, on: bool) -> None:
        """Presentation mode (gui/window/presentation.py): no editor. A hall cannot type codes into a table,
        and the table's rows in large type made the figure taller than the Method view's half of a
        1280x720 projector (its grid was cut, under a scroll bar). The code's users, the image and its
        decoding stay, and an edited grid goes back to the image's own (the hall could not see the edit)."""
        self.editor.setVisible(not on)
        if on and self.edited:
            self._reset_grid()
        self.presenting = on
        self._answer_room()
        QTimer.singleShot(0, self, self.fit_titles)  # once the labels are one line, in the larger type

    # -- titles that fit their columns ------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize and obj in self.forms:
            QTimer.singleShot(0, self, self.fit_titles)  # not inside the label's own resize
        return False

    def fit_titles(self) -> None:
        """Each one-line title in the longest of its forms that fits its width (a word-wrapped one keeps
        its longest: it wraps rather than being cut)."""
        for label, forms in self.forms.items():
            width = label.contentsRect().width()
            fits = [f for f in forms if label.fontMetrics().horizontalAdvance(_plain(f)) <= width]
            text = forms[0] if label.wordWrap() else (fits or forms[-1:])[0]
            if self.chosen.get(label) != text:
                self.chosen[label] = text
                label.setText(text)

    def _answer_room(self) -> None:
        """While presenting, the decoded image's column is at least as wide as its short title and its
        Export button: at 1280x720 it had room for neither, and its title read "…"."""
        need = 0
        for widget in self.answer.widgets.values():
            title, export = getattr(widget, "title", None), widget.findChild(ExportMenu)
            if isinstance(title, QLabel) and export is not None:
                need = max(need, title.fontMetrics().horizontalAdvance(_tr("decoded")) + export.sizeHint().width() + 12)
        self.answer.setMinimumWidth(need if self.presenting else 0)

    def aspect(self) -> float:
        return 3.0  # the code's users, the editor, the image and its decoding, side by side

    @property
    def images(self) -> np.ndarray:
        return self.figure.images  # (N, H, W, C) in [0, 1]

    @property
    def grids(self) -> np.ndarray:
        return self.figure.codes  # (N, g, g)

    @property
    def codebook_size(self) -> int:
        return self.figure.n_codes

    def show_figure(self, figure: fig.CodeGrid) -> None:
        first = self.figure is None
        self.figure = figure
        self.image.setRange(0, len(figure.images) - 1)
        # Until the user picks a code, the most used one: something to look at before the first click.
        codes, counts = np.unique(figure.codes, return_counts=True)
        self.show_users(self.code_picked if self.code_picked is not None else int(codes[counts.argmax()]))
        if first or not self.edited:
            self._fill_table()  # the image's grid as the model codes it now
        else:  # the user's own grid, decoded by the model as it is now
            self.decode()

    def show_users(self, code: int) -> np.ndarray:
        """Show the images whose grid uses ``code``; returns their indices."""
        users = np.flatnonzero((self.grids == code).reshape(len(self.grids), -1).any(axis=1))
        used = _tr("code {0}: used by {1} of {2} images").format(code, len(users), len(self.grids))
        shorter = _tr("code {0}: {1} of {2} images").format(code, len(users), len(self.grids))
        shortest = _tr("code {0}: {1}/{2}").format(code, len(users), len(self.grids))
        self.forms[self.users_label] = (used, shorter, shortest, _tr("code {0}").format(code)) if len(users) else \
            (_tr("{0} — a dead code").format(used), _tr("code {0}: dead").format(code))
        self.chosen.pop(self.users_label, None)
        self.fit_titles()
        if len(users):
            shown = users[:24]
            rows = [self.images[shown[r:r + 6]] for r in range(0, len(shown), 6)]
            show_image(self.users_item, self.users_vb, mosaic(rows, pad=2, fill=1.0))
        else:
            self.users_item.clear()
        return users

    def pick(self, code: int) -> np.ndarray:
        """The user picked a code (a click on its bar): keep showing its users as the model learns."""
        self.code_picked = code
        return self.show_users(code)

    def _on_edit(self, _item) -> None:
        self.edited = True
        self.decode()  # the decoded image follows each edit

    def _reset_grid(self) -> None:
        self.edited = False
        self._fill_table()

    def _fill_table(self) -> None:
        grid = self.grids[self.image.value()]
        g = grid.shape[0]
        self.table.blockSignals(True)  # one decode for the whole grid, not one per cell
        self.table.setRowCount(g)
        self.table.setColumnCount(g)
        for r in range(g):
            for c in range(g):
                self.table.setItem(r, c, QTableWidgetItem(str(int(grid[r, c]))))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        # The whole grid in sight (up to 8 rows; a bigger grid scrolls).
        self.table.setMinimumHeight(min(g, 8) * ROW_HEIGHT + 2 * self.table.frameWidth())
        show_image(self.orig_item, self.orig_vb, self.images[self.image.value()])
        self.decode()

    def grid(self) -> list[list[int]]:
        """The table's codes; a cell that holds no whole number reads -1."""
        g = self.table.rowCount()
        out = []
        for r in range(g):
            row = []
            for c in range(g):
                item = self.table.item(r, c)
                text = item.text().strip() if item else ""
                row.append(int(text) if text.lstrip("-").isdigit() else -1)
            out.append(row)
        return out

    def grid_problem(self) -> str:
        """Why the grid cannot be decoded, in the learner's words; "" when it can."""
        top = self.codebook_size - 1
        for r, row in enumerate(self.grid()):
            for c, code in enumerate(row):
                if code < 0 or code > top:
                    text = self.table.item(r, c).text() if self.table.item(r, c) else ""
                    return _tr("Row {0}, column {1} holds “{2}”: each cell must be a code from 0 to {3}. "
                               "Not decoded.").format(r + 1, c + 1, text, top)
        return ""

    def decode(self) -> None:
        problem = self.grid_problem()
        self.message.setText(problem)
        self.message.setVisible(bool(problem))  # an empty message would still take its line
        if not problem:
            self.interact_requested.emit(fig.edit_payload(self.figure, grid=self.grid()), type(self.figure).__name__)

    def ask(self) -> None:
        """Ask the method to decode the grid shown (the view calls it once it listens to the widget)."""
        self.decode()

    def show_answer(self, figures: tuple[fig.Figure, ...]) -> None:
        known = set(self.answer.widgets)
        self.answer.show_figures(figures)
        for key in set(self.answer.widgets) - known:  # a new answer's title: short when it must be
            title = getattr(self.answer.widgets[key], "title", None)
            if isinstance(title, QLabel):
                self.forms[title] = (title.text(), _tr("decoded"))
                title.installEventFilter(self)
        self._answer_room()
        self.fit_titles()


def _plain(text: str) -> str:
    """A title's text as it reads, without its tags."""
    return QTextDocumentFragment.fromHtml(text).toPlainText()

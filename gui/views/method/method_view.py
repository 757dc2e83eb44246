"""The method's own view, drawn from whatever typed figures it reports (Method.diagnostics), so a new
method gets a view without GUI code: heatmaps (a similarity or covariance matrix, MAE's per-patch
error), bar charts (VQ-VAE's code usage, VICReg's terms, the VAE's KL per dimension), image grids
(the VAE's samples, rotation's images captioned with true and predicted angle), text per image and
plain values (MoCo's queue fill, the codebook's perplexity), tokens coloured by a score, and the
editable figures: a patch mask (MAE) and a grid of codes (VQ-VAE).

Each figure is drawn by the widget registered for its type (gui/views/method/figure_registry.py); an
editable one asks the engine through ``interact_requested`` and gets the method's answer back through
``show_interaction``. Lines of text sit in a strip above the figures; the figures are laid out in rows
that use the dock's shape (gui/views/method/figure_layout.py).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

# Imported for their @draws registrations: every figure type has its widget before a figure arrives.
from engine.figures import Figure
from gui.views.method import code_grid, curves, figure_text, histograms, mask_grid, method_figures  # noqa: F401
from gui.views.method import point_field  # noqa: F401
from gui.views.method.figure_layout import arrange
from gui.views.method.figure_pool import FigurePool
from gui.views.method.figure_registry import figure_key
from gui.views.points_run import points_run
from gui.views.run_view import OneRunView
from gui.widgets.retire import retire

BUILD_BUDGET_S = 0.03  # new figure widgets built per turn of the event loop (each takes 15-45 ms)
TEXT_COLUMNS = 3  # lines of text side by side in the strip above the figures


def _tr(text: str) -> str:
    """The view's own words in the user's language (gui/translations/, context "MethodView"); the
    figures' titles and help are the engine's, through gui/i18n_engine.py."""
    return QCoreApplication.translate("MethodView", text)


class BuildTurn:
    """The figure widgets built in this turn of the event loop, by every Method view together: the first
    always, more while BUILD_BUDGET_S lasts, the rest in the next turns."""

    def __init__(self):
        self.deadline: float | None = None  # None: nothing built yet this turn

    def may_build(self) -> bool:
        now = time.perf_counter()
        if self.deadline is None:
            self.deadline = now + BUILD_BUDGET_S
            QTimer.singleShot(0, self._next_turn)
            return True
        return now < self.deadline

    def _next_turn(self) -> None:
        self.deadline = None


BUILD_TURN = BuildTurn()


class MethodView(OneRunView, QWidget):
    interact_requested = Signal(dict, str)  # an edit for the method's interact(), and the figure type's name

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel("")
        self.title.setWordWrap(True)
        self.step = QLabel("")
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.step)
        self.text_strip = QGridLayout()
        self.text_strip.setVerticalSpacing(0)
        self.rows = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(heading)
        layout.addLayout(self.text_strip)
        layout.addLayout(self.rows, 1)
        self.widgets: dict[tuple[str, str], QWidget] = {}  # (figure type, title) -> its widget, in order
        self.placed: list[list[tuple[str, str]]] = []  # the figures' keys, row by row, as laid out
        self.row_layouts: list[QHBoxLayout] = []
        self.links: set[tuple[int, int]] = set()  # (bars widget, linked widget) connected by _link
        self._generation = 0  # counts clear(): a build left for later belongs to one run
        self._latest: tuple[int, tuple[Figure, ...]] | None = None  # the newest update, for the rest of a build
        self.pool = FigurePool()  # dropped panels kept for the next run's figures of their kind

    # -- the run contract (gui/views/run_view.py) --------------------------------------------------
    def prepare_run(self, info: Any) -> None:
        self.clear(info.method_label)  # the title names the run's method
        if points_run(info):  # GAN Lab's ground: the figures show the data's points, not images
            self.title.setText(_tr("What {0} does, on 2-D points").format(info.method_label))

    def snapshot_handlers(self) -> dict[str, Any]:
        return {"MethodUpdate": lambda f: self.show_figures(f.step, f.figures, f.images),
                "Interaction": lambda i: self.show_interaction(i.tag, i.result, i.payload)}

    # -- figures ----------------------------------------------------------------------------------
    def clear(self, method_label: str = "") -> None:
        self._generation += 1  # widgets still to build for the last run are not built
        self._latest = None
        for w in self.widgets.values():
            self._drop(w)
        self.widgets = {}
        self.links = set()
        self._clear_rows()
        self.title.setText(_tr("What {0} does, on held-out images").format(method_label) if method_label else "")
        self.step.setText("")

    def show_figures(self, step: int, figures: tuple[Figure, ...], images: np.ndarray | None = None) -> None:
        """Draw an update's figures, each in place when the last update had it. ``images`` (the figure
        batch) is not needed: a figure carries the images it shows.

        New widgets are built until BUILD_BUDGET_S is spent and the rest in later turns of the event loop:
        a new method's five plots at once froze the window for 0.3-0.6 s after a switch. The budget is
        shared by every Method view (a lesson's A and B build theirs in the same turns)."""
        self._latest = (step, figures)
        keys = [figure_key(f) for f in figures]
        for gone in [k for k in self.widgets if k not in keys]:
            self._drop(self.widgets.pop(gone))
        added = deferred = False
        for key, figure in zip(keys, figures):
            widget = self.widgets.get(key)
            if widget is None:
                if not BUILD_TURN.may_build():
                    deferred = True
                    continue
                self.widgets[key] = widget = self._new_widget(figure)
                added = True
                if hasattr(widget, "ask"):
                    widget.ask()  # its first request went out before anyone listened
            else:
                widget.show_figure(figure)
        self.widgets = {k: self.widgets[k] for k in keys if k in self.widgets}  # in the method's order
        self.step.setText(_tr("step {0}").format(f"{step:,}"))
        if added or len(self.widgets) != sum(map(len, self.placed)) + self._text_count():
            self._place()
            self._link()
        if deferred:
            generation = self._generation
            QTimer.singleShot(0, self, lambda: self._build_rest(generation))  # dropped if the view is gone

    def _build_rest(self, generation: int) -> None:
        if generation == self._generation and self._latest is not None:  # else a new run began since
            self.show_figures(*self._latest)

    def _new_widget(self, figure: Figure) -> QWidget:
        widget = self.pool.widget_for(figure)
        if hasattr(widget, "interact_requested"):
            widget.interact_requested.connect(self.interact_requested)
        return widget

    def _link(self) -> None:
        """A figure that names a Bars figure (CodeGrid.linked_bars): a click on bar k picks item k."""
        for widget in self.widgets.values():
            link = getattr(widget.figure, "linked_bars", "")
            bars = self.widgets.get(("Bars", link)) if link else None
            if bars is not None and (id(bars), id(widget)) not in self.links:
                bars.clicked.connect(widget.pick)
                self.links.add((id(bars), id(widget)))

    def widgets_of(self, figure_type: type[Figure]) -> list[QWidget]:
        return [w for (kind, _), w in self.widgets.items() if kind == figure_type.__name__]

    def show_interaction(self, tag: str, result: dict[str, Figure], payload: dict[str, Any] | None = None) -> None:
        """The method's answer to an edit: drawn by the editable widget of type ``tag`` (and, with the
        request's ``payload``, of its title)."""
        title = (payload or {}).get("title")
        for (kind, key_title), widget in self.widgets.items():
            if kind == tag and (title is None or title == key_title) and hasattr(widget, "show_answer"):
                widget.show_answer(tuple(result.values()))
                return

    # -- layout -----------------------------------------------------------------------------------
    def _text_count(self) -> int:
        return sum(1 for w in self.widgets.values() if w.in_text_strip)

    def _plotted(self) -> list[tuple[tuple[str, str], QWidget]]:
        return [(k, w) for k, w in self.widgets.items() if not w.in_text_strip]

    def _clear_rows(self) -> None:
        for row in self.row_layouts:
            while row.count():
                row.takeAt(0)
            self.rows.removeItem(row)
            retire(row)
        self.row_layouts = []
        self.placed = []
        while self.text_strip.count():
            self.text_strip.takeAt(0)

    def _figure_height(self) -> int:
        """The height the rows of figures get: the view's, less its heading and text strip."""
        used = self.title.sizeHint().height() + self.text_strip.sizeHint().height() + 10
        return max(self.height() - used, 1)

    def _arrangement(self) -> list[list[tuple[str, str]]]:
        plotted = self._plotted()
        rows = arrange([w.aspect() for _, w in plotted], max(self.width(), 1), self._figure_height())
        return [[plotted[i][0] for i in row] for row in rows]

    def _place(self) -> None:
        self._clear_rows()
        texts = [w for w in self.widgets.values() if w.in_text_strip]
        for n, w in enumerate(texts):
            self.text_strip.addWidget(w, n // TEXT_COLUMNS, n % TEXT_COLUMNS)
        self.placed = self._arrangement()
        for keys in self.placed:
            row = QHBoxLayout()
            for key in keys:
                widget = self.widgets[key]
                row.addWidget(widget, max(1, round(10 * widget.aspect())))
                widget.show()
            self.rows.addLayout(row, 1)
            self.row_layouts.append(row)

    def _drop(self, widget: QWidget) -> None:
        """Out of the view at once, and kept for the next figure of its kind (figure_pool.py) or deleted on the
        next turn of the event loop (gui/widgets/retire.py): its plots taken apart first, as pyqtgraph
        needs (gui/widgets/plot_teardown.py: a segfault otherwise).

        Taken out of its row with removeWidget, not setParent(None): a soak crashed in a method switch
        (SIGSEGV in Shiboken's releaseWrapper), and tests/test_method_view_drop.py crashes the same way
        within a few dozen updates: after setParent(None) on a widget in a layout, Shiboken's map kept
        dead wrappers (a new QMenu even came back as a "QWidgetItem")."""
        from gui.widgets.plot_teardown import release_plots

        for row in [*self.row_layouts, self.text_strip]:
            row.removeWidget(widget)
        if self.pool.keep(widget):  # hidden, for the next figure of its kind
            return
        release_plots(widget)
        retire(widget)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.widgets and self._arrangement() != self.placed:
            self._place()


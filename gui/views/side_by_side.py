"""Run B beside run A: a container that holds one instance of a view per run, each under a caption
"A: <label>" / "B: <label>".

B's instance is made ahead of time, hidden (``prebuild``: a map or a latent explorer is not free to
build), or else when B first begins, and hidden whenever there is no B; with one run the captions hide
too, so a single run looks as it always did.
B never widens the window: the container asks for run A's room only, and where the dock is too narrow
for both views at their smallest (two latent explorers in a 1280-px window), they scroll sideways.
The container follows the run contract (gui/views/run_view.py) and passes each call to its slot's view.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from gui.views.run_view import OneRunView, run_label

CAPTION_STYLE = "font-weight: bold; padding: 1px 2px;"


@dataclass
class Pane:
    """One slot's view under its caption; the view follows the run contract (gui/views/run_view.py)."""

    box: QWidget
    caption: QLabel
    view: QWidget
    active: bool = False  # shows a run
    note: QLabel | None = None  # one line in place of the view, for a run it has nothing to show of


class SideBySide(QWidget):
    """``make_view()`` builds one instance of a view that follows the run contract (a OneRunView);
    ``on_new_view(view, slot)`` lets the window connect the view's requests to the run it shows;
    ``blank_note(info)``, when given, is a line shown in place of the view for a run it has nothing to show
    of ("" for the others): an image view for a run on 2-D points (gui/views/points_run.py)."""

    def __init__(self, make_view: Callable[[], QWidget],
                 on_new_view: Callable[[QWidget, str], None] | None = None, parent: QWidget | None = None,
                 blank_note: Callable[[Any], str] | None = None):
        super().__init__(parent)
        self.make_view, self.on_new_view, self.blank_note = make_view, on_new_view, blank_note
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self.panes: dict[str, Pane] = {}
        self.presenting = False
        # Where B's pane is shown when B begins (and hidden when it ends): at once, or by the window one view
        # per turn of the event loop (WindowDocks gives gui/widgets/staggered_paint.py's ``later``): either
        # lays out and resizes every plot of the view, and four views at once was one long pass.
        self.reveal_later: Callable[[Callable[[], None]], None] | None = None
        self.splitter.installEventFilter(self)  # presenting: equal halves again at every new width
        self._pane("A")

    def _pane(self, slot: str) -> Pane:
        pane = self.panes.get(slot)
        if pane is None:
            view = self.make_view()
            caption = QLabel(slot)
            caption.setStyleSheet(CAPTION_STYLE)
            caption.setWordWrap(True)  # a long label wraps rather than widening its view
            caption.hide()
            box = QWidget()
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(0)
            layout.addWidget(caption)
            note = QLabel()
            note.setWordWrap(True)
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            note.setStyleSheet("color: gray")
            note.hide()
            layout.addWidget(note, 1)
            layout.addWidget(view, 1)
            self.splitter.addWidget(box)
            # Equal shares of every change of width: without it the splitter gave a later widening to
            # one pane, and in presentation mode A's images were a quarter of the width beside B's.
            self.splitter.setStretchFactor(self.splitter.indexOf(box), 1)
            self.share_equally()  # a new pane took what the splitter chose for it (a sixth, for B's images)
            if not isinstance(view, OneRunView):
                raise TypeError(f"{type(view).__name__} does not follow the run contract (gui/views/run_view.py)")
            pane = Pane(box, caption, view, note=note)
            self.panes[slot] = pane
            if self.on_new_view is not None:
                self.on_new_view(view, slot)
        return pane

    # Run A's sizes, whatever B needs: the dock layout, the window's minimum and the saved layouts see
    # the same view as with one run. (The scroll area's own hints would be a few pixels, or its content's.)
    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = self.panes["A"].box.minimumSizeHint()
        if self.showing_b():  # room for the sideways scroll bar under views at their smallest height
            hint.setHeight(hint.height() + self.scroll.horizontalScrollBar().sizeHint().height())
        return hint

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.panes["A"].box.sizeHint().expandedTo(self.minimumSizeHint())

    def set_presenting(self, on: bool) -> None:
        """Presentation mode (gui/window/presentation.py): A and B get equal halves, for a fair comparison,
        whatever the window's size (the splitter keeps the shares it was given when the window was small)."""
        self.presenting = on
        if on:
            self.share_equally()

    def share_equally(self) -> None:
        shown = [size for pane, size in zip(self.panes.values(), self.splitter.sizes()) if not pane.box.isHidden()]
        if shown and max(shown) - min(shown) > 4:  # (setting them again would ask for another layout)
            self.splitter.setSizes([1] * self.splitter.count())  # QSplitter shares out in proportion

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        # A new width, or a pane's new minimum (a Method view's figures arriving): the splitter shares
        # out again by its own rule, and then equal halves once more.
        if obj is self.splitter and self.presenting and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            QTimer.singleShot(0, self, self.share_equally)
        return False

    def prebuild(self, slot: str = "B") -> bool:
        """Build ``slot``'s pane ahead of its first run, hidden (the window does it in idle moments: the
        first Compare or two-run lesson built four of them in one turn, 1.5 s of the GUI thread on an
        idle machine and 13 s on a busy one). True when a pane was built."""
        if slot in self.panes:
            return False
        self._pane(slot).box.hide()
        return True

    def view(self, slot: str = "A") -> QWidget | None:
        """The view that shows ``slot`` (None before that slot's first run)."""
        pane = self.panes.get(slot)
        return pane.view if pane is not None else None

    def views(self) -> list[QWidget]:
        return [pane.view for pane in self.panes.values()]

    def showing_b(self) -> bool:
        pane = self.panes.get("B")
        return pane is not None and pane.active

    # -- the run contract -------------------------------------------------------------------------
    def begin_run(self, info: Any, slot: str = "A", label: str = "") -> None:
        label = label or run_label(info)
        pane = self._pane(slot)
        pane.view.begin_run(info, slot, label)
        # Rather than a picture that never comes (or the last run's, stale), one line that says why.
        note = self.blank_note(info) if self.blank_note is not None else ""
        pane.note.setText(note)
        pane.note.setVisible(bool(note))
        pane.view.setVisible(not note)
        pane.caption.setText(f"{slot}: {label}")
        pane.active = True
        if slot != "A" and pane.box.isHidden():
            self._in_its_turn(self._reveal, slot)
        self._show_captions()

    def _in_its_turn(self, change: Callable[[str], None], slot: str) -> None:
        """Show or hide ``slot``'s pane (``change``) now, or in its turn where the window staggers them."""
        if self.reveal_later is None:
            change(slot)
        else:
            self.reveal_later(partial(change, slot))

    def _reveal(self, slot: str) -> None:
        """Show ``slot``'s pane beside A's, if it still shows a run (B may have ended before its turn)."""
        pane = self.panes.get(slot)
        if pane is not None and pane.active and shiboken6.isValid(pane.box) and pane.box.isHidden():
            pane.box.show()
            self.share_equally()  # neither run is the lesser

    def receive(self, snap: Any, slot: str = "A") -> bool:
        pane = self.panes.get(slot)
        return pane is not None and pane.active and pane.view.receive(snap, slot)

    def end_run(self, slot: str = "A") -> None:
        pane = self.panes.get(slot)
        if pane is None:
            return
        pane.view.end_run(slot)
        pane.active = False
        if slot != "A":  # (A's view then takes the whole width: laid out anew, as when B came)
            self._in_its_turn(self._conceal, slot)
        self._show_captions()

    def _conceal(self, slot: str) -> None:
        """Hide ``slot``'s pane, unless a new run began there before this turn came."""
        pane = self.panes[slot]
        if not pane.active and shiboken6.isValid(pane.box):
            pane.box.hide()

    def _show_captions(self) -> None:
        two = self.showing_b()
        for pane in self.panes.values():
            pane.caption.setVisible(two and pane.active)
        self.updateGeometry()

"""Presentation mode (F11, View ▸ Presentation): the window for a projector.

Entering it makes the window full screen, sets the application's type ``SCALE`` times larger, scales
every plot's lines, markers and axis text by the same factor (gui/window/plot_scaling.py), switches to
a high-contrast palette (black on white, no pale greys) and shows a caption bar across the top for a
lesson's text (``set_caption``). Every action is on a key (PresentationKeys; the caption bar lists
them). Leaving puts back exactly what was there: geometry and window state, the docks' layout, the
application's font and palette, and every pen, marker and font the scaler changed.

The lesson player drives it through ``set_caption(text)``, ``set_lesson_views(titles)`` (only the
views a lesson's claim needs, each in a cell of its own: gui/window/presentation_layout.py) and
``add_key(key, action, label)`` (e.g. N for the next caption). Style sheets' type follows the large
type (gui/window/style_scaling.py); views with a compact form for a projector have ``set_presenting``;
the wrapped labels of the views of A beside B go one line each (gui/window/one_line_labels.py).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from gui.window.caption_bar import CaptionBar
from gui.window.one_line_labels import OneLineLabels
from gui.window.plot_scaling import PlotScaler, point_size
from gui.window.presentation_keys import PresentationKeys
from gui.window.presentation_layout import arrange, hide_title_bars, restore_title_bars, share_space
from gui.window.presentation_settle import settle
from gui.window.style_scaling import StyleScaler, high_contrast_palette
from gui.window.window_layout import LAYOUT_VERSION

SCALE = 1.6  # type, lines and markers: read from the back of a hall at 1280x720
RESCAN_MS = 500  # how often new or re-created plot items (a new run's curves) are scaled too
PANEL_DOCKS = ("Experiment", "Augmentations")  # hidden on entering; P shows the experiment panel


def _tr(text: str) -> str:
    return QCoreApplication.translate("Presentation", text)


class Presentation(QObject):
    """Presentation mode of ``window`` (a MainWindow): ``toggle()``, ``enter()``, ``leave()``;
    ``switched(on)`` after each."""

    switched = Signal(bool)

    def __init__(self, window, scale: float = SCALE):
        super().__init__(window)
        self.window, self.scale = window, scale
        self.active = False
        self.caption_bar = CaptionBar()
        self.caption_bar.hide()
        self.extra_keys: dict[int, tuple[Callable[[], None], str]] = {}
        self.lesson_views: list[str] | None = None  # a lesson's docks: the only ones shown while presenting
        self.scaler: PlotScaler | None = None
        self.styles: StyleScaler | None = None
        self.one_line: OneLineLabels | None = None  # A's and B's views' labels, one line each
        self.rows: list[list] = []  # the lesson's docks as presentation_layout arranged them
        self.panel_on = False  # P showed the experiment panel
        self._saved: dict = {}
        self._rescan = QTimer(self)
        self._rescan.setInterval(RESCAN_MS)
        self._rescan.timeout.connect(self._scale_new_items)
        self.keys = PresentationKeys(self)
        window.key_filters.add(self.keys)  # on the focused widget, not the application (focus_filters.py)
        window.installEventFilter(self)  # to leave before the window saves its layout on close
        window.statusBar().messageChanged.connect(self.caption_bar.make_room_for)
        self._update_keys()

    # -- the lesson player's API ------------------------------------------------------------------
    def set_caption(self, text: str) -> None:
        """The caption bar's text (kept while presentation mode is off, shown when it is on)."""
        self.caption_bar.set_caption(text)

    def caption(self) -> str:
        return self.caption_bar.caption()

    def add_key(self, key: int, action: Callable[[], None], label: str) -> None:
        """A key that acts while presentation mode is on, listed in the caption bar as ``label``."""
        self.extra_keys[key] = (action, label)
        self._update_keys()

    def remove_key(self, key: int) -> None:
        """Forget a key added by add_key (a lesson left for free play)."""
        self.extra_keys.pop(key, None)
        self._update_keys()

    def set_lesson_views(self, titles: list[str] | None) -> None:
        """The docks a lesson needs: shown alone now if presenting, and whenever presentation mode is
        entered while the lesson lasts (None: all the views again)."""
        self.lesson_views = titles
        if self.active and titles:
            self.show_only(titles)

    def show_only(self, titles: list[str]) -> None:
        """Show only the docks named ``titles`` (a lesson's views); leaving restores the layout."""
        for title, dock in self.window.docks.items():
            dock.setVisible(title in titles)
        for title in titles:
            self.window.docks[title].raise_()
        if self.active:  # side by side rather than behind tabs, each large enough to read
            self.rows = arrange(self.window, [self.window.docks[t] for t in titles if t in self.window.docks])
        self._update_keys()

    # -- on and off -------------------------------------------------------------------------------
    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self) -> None:
        if self.active:
            return
        window, app = self.window, QApplication.instance()
        self._saved = {"geometry": window.saveGeometry(), "window_state": window.windowState(),
                       "docks": window.saveState(LAYOUT_VERSION), "font": QFont(app.font()),
                       "palette": QPalette(app.palette()), "menu_bar": window.menuBar().isVisible(), "rect": window.geometry()}
        self.active, self.panel_on = True, False
        for dock in window.docks.values():
            dock.installEventFilter(self)  # a dock a new run shows (Latent explorer) is kept out
        font = QFont(app.font())
        font.setPointSizeF(point_size(font) * self.scale)
        app.setFont(font)
        app.setPalette(high_contrast_palette(app.palette()))
        self.styles = StyleScaler(window, self.scale)
        self.styles.apply()
        hide_title_bars(window.docks.values())
        self._tell_views(True)
        self.caption_bar.set_base_font(font, self._saved["font"])
        # In the row of the messages banner (empty most of the time), not a row of its own: at 720
        # pixels of height every row of chrome is taken from the views.
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.caption_bar)
        self.caption_bar.show()
        window.statusBar().addPermanentWidget(self.caption_bar.keys)  # a message hides a plain widget
        self.caption_bar.keys.show()
        window.menuBar().hide()  # F11 and Esc leave; at 720 pixels its row is better given to the views
        for title in PANEL_DOCKS:  # settings are for the lecturer's screen; P brings them back
            window.docks[title].hide()
        if self.lesson_views:
            self.show_only(self.lesson_views)
        window.statusBar().clearMessage()  # the caption bar says it now
        window.showFullScreen()
        self.scaler = PlotScaler(window, self.scale, self._saved["font"])
        self.scaler.apply()
        self.one_line = OneLineLabels(window)
        self.one_line.apply()
        self._rescan.start()
        self._update_keys()
        self._set_checked(True)
        self.switched.emit(True)  # the lesson player hides its bar: part of the layout to settle
        self.settle()

    def leave(self) -> None:
        if not self.active:
            return
        window, app = self.window, QApplication.instance()
        self._rescan.stop()
        if self.scaler is not None:
            self.scaler.restore()
            self.scaler = None
        if self.one_line is not None:
            self.one_line.restore()
            self.one_line = None
        self.rows = []
        restore_title_bars(window.docks.values())
        window.statusBar().removeWidget(self.caption_bar.keys)
        window.removeToolBar(self.caption_bar)
        self.caption_bar.setParent(None)
        self.caption_bar.hide()
        app.setFont(self._saved["font"])
        app.setPalette(self._saved["palette"])
        if self.styles is not None:
            self.styles.restore()
            self.styles = None
        self._tell_views(False)
        window.menuBar().setVisible(self._saved["menu_bar"])
        self.active = False  # before the docks come back: none is kept out any more
        window.restoreState(self._saved["docks"], LAYOUT_VERSION)
        window.setWindowState(self._saved["window_state"])
        self._restore_geometry()
        # The large type's minimum sizes are cached until the layouts have been redone, and clamp the
        # geometry (a 1200-px window came back 1420 wide): put it back once more after that, now.
        self.settle()
        self._restore_layout_again()
        self.settle()
        self._update_keys()
        self._set_checked(False)
        self.switched.emit(False)
        self.settle()

    def settle(self) -> None:
        """Lay the window out now, in the type and layout just set (gui/window/presentation_settle.py)."""
        settle(self)

    def _restore_layout_again(self) -> None:
        """The docks' sizes too: restored under the large type's cached minimums, the settings panel came
        back twice as wide and the Images dock a third as wide (1280x720, a lesson of three views)."""
        if self.active or not self._saved:
            return
        self._restore_geometry()
        self.window.restoreState(self._saved["docks"], LAYOUT_VERSION)

    def _restore_geometry(self) -> None:
        """The window where it was: its exact rectangle when it was a plain window, else (maximised)
        what saveGeometry() kept. First the window's minimum size is computed again from the normal
        type, which would otherwise still hold the large type's and widen the window."""
        if self.active or not self._saved:
            return
        layout = self.window.layout()
        layout.invalidate()
        layout.activate()
        self.window.restoreGeometry(self._saved["geometry"])
        if not self._saved["window_state"] & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            self.window.setGeometry(self._saved["rect"])  # restoreGeometry moves a frame off the screen's edge

    # -- keys and views ---------------------------------------------------------------------------
    def shown_docks(self) -> list:
        return [dock for dock in self.window.docks.values() if not dock.isHidden()]

    def toggle_panel(self) -> None:
        """P: the experiment panel (the run's settings) in and out of view."""
        dock = self.window.docks["Experiment"]
        self.panel_on = dock.isHidden()
        dock.setVisible(self.panel_on)
        if not dock.isHidden():
            dock.raise_()
        self._update_keys()

    def raise_view(self, index: int) -> None:
        """Digit ``index + 1``: bring the view of that number (among the shown docks) to the front."""
        docks = self.shown_docks()
        if 0 <= index < len(docks):
            docks[index].raise_()

    def key_list(self) -> list[tuple[str, str]]:
        pairs = [("F11", _tr("leave presentation mode")), ("Esc", _tr("leave presentation mode")),
                 ("Space", _tr("play / pause")), ("S", _tr("one step")), ("R", _tr("reset")),  # transport.py's
                 ("P", _tr("show / hide the experiment panel")), ("Ctrl+Shift+R", _tr("record / stop recording"))]
        if self._players_shown():  # a GAN: its players one at a time (transport.py)
            pairs += [("D", _tr("one step of the discriminator")), ("G", _tr("one step of the generator")),
                      ("M", _tr("slow motion on / off"))]
        pairs += [(str(i + 1), _tr("show {0}").format(dock.windowTitle()))
                  for i, dock in enumerate(self.shown_docks()[:9])]
        for key, (_action, label) in self.extra_keys.items():
            pairs.append((Qt.Key(key).name.removeprefix("Key_"), label))
        return pairs

    def _players_shown(self) -> bool:
        slow = getattr(self.window, "slow_motion", None)
        return slow is not None and slow.action.isVisible()

    def keys_changed(self) -> None:
        """The window's keys changed (a GAN's D, G and M came or went): the caption bar's list follows."""
        if self.active:
            self._update_keys()

    def _update_keys(self) -> None:
        n = min(len(self.shown_docks()), 9)
        short = [_tr("F11 leave"), _tr("Space play"), _tr("S step"), _tr("R reset"), _tr("P panel")]
        short += [_tr("D / G one player"), _tr("M slow motion")] if self._players_shown() else []
        short += [_tr("1–{0} views").format(n)] if n > 1 else []
        short += [f"{Qt.Key(k).name.removeprefix('Key_')} {label}" for k, (_a, label) in self.extra_keys.items()]
        self.caption_bar.set_keys(self.key_list(), " · ".join(short))

    def _set_checked(self, on: bool) -> None:
        action = getattr(self.window, "presentation_action", None)
        if action is not None and action.isChecked() != on:
            action.setChecked(on)

    def _scale_new_items(self) -> None:
        if self.scaler is not None:
            self.scaler.apply()
        if self.styles is not None:
            self.styles.apply()
            self._tell_views(True)  # run B's views, made while presenting
        if self.one_line is not None:
            self.one_line.apply()

    def _tell_views(self, on: bool) -> None:
        """Views with a compact form for a projector (``set_presenting``) switch to it and back."""
        for widget in self.window.findChildren(QWidget):
            if callable(getattr(type(widget), "set_presenting", None)) and getattr(widget, "_presenting", None) != on:
                widget._presenting = on
                widget.set_presenting(on)

    def keeps_out(self, dock) -> bool:
        """Whether presenting now keeps ``dock`` hidden: the window must not show it even for a moment
        (a dock shown while full screen takes a row, and the window grew past the screen)."""
        return self.active and self._kept_out(dock)

    def _kept_out(self, obj) -> bool:
        """Whether ``obj`` is a dock that presenting keeps hidden: not one of the lesson's views (or, in
        free play, a settings panel), unless P showed the experiment panel."""
        title = obj.objectName().replace("_", " ")
        if self.window.docks.get(title) is not obj or (title == "Experiment" and self.panel_on):
            return False
        return title not in self.lesson_views if self.lesson_views else title in PANEL_DOCKS

    def _share_space(self) -> None:
        if self.active and self.rows:
            share_space(self.window, self.rows)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if obj is self.window and event.type() == QEvent.Type.Close and self.active:
            self.leave()  # the window saves the user's layout, not the projector's
        elif event.type() == QEvent.Type.Show and self.active and self._kept_out(obj):
            obj.hide()  # at once: shown, it took a third row and the window grew past the screen
        elif obj is self.window and event.type() in (QEvent.Type.Resize, QEvent.Type.WindowStateChange) \
                and self.active:
            # The window manager makes the window full screen when it gets to it: the lesson's views keep
            # their shares and the labels their cut at the new size as soon as it comes, not at a later scan.
            QTimer.singleShot(0, self, self.settle)
        return False

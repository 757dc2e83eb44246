"""Presentation mode (F11, View ▸ Presentation): the window for a projector.

Entering it makes the window full screen, sets the application's type ``SCALE`` times larger, scales
every plot's lines, markers and axis text by the same factor (gui/window/plot_scaling.py), switches to
a high-contrast palette (black on white, no pale greys) and shows a caption bar across the top for a
lesson's text (``set_caption``). Every action is on a key (PresentationKeys; the caption bar lists
them). Leaving puts back exactly what was there: geometry and window state, the docks' layout, the
application's font and palette, and every pen, marker and font the scaler changed.

The lesson player drives it through ``set_caption(text)``, ``show_only(titles)`` (a layout with only
the views a lesson's claim needs) and ``add_key(key, action, label)`` (e.g. N for the next caption).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QTextEdit, QWidget

from gui.window.caption_bar import CaptionBar
from gui.window.plot_scaling import PlotScaler, point_size
from gui.window.window_layout import LAYOUT_VERSION

SCALE = 1.6  # type, lines and markers: read from the back of a hall at 1280x720
RESCAN_MS = 500  # how often new or re-created plot items (a new run's curves) are scaled too
PANEL_DOCKS = ("Experiment", "Augmentations")  # hidden on entering; P shows the experiment panel


def _tr(text: str) -> str:
    return QCoreApplication.translate("Presentation", text)


def high_contrast_palette(base: QPalette) -> QPalette:
    """Black text on white, dark-blue selection; disabled text dark grey rather than pale."""
    palette = QPalette(base)
    colours = {QPalette.ColorRole.Window: "#ffffff", QPalette.ColorRole.WindowText: "#000000",
               QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f0f0f0",
               QPalette.ColorRole.Text: "#000000", QPalette.ColorRole.Button: "#f0f0f0",
               QPalette.ColorRole.ButtonText: "#000000", QPalette.ColorRole.ToolTipBase: "#ffffdc",
               QPalette.ColorRole.ToolTipText: "#000000", QPalette.ColorRole.Highlight: "#003c8f",
               QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.PlaceholderText: "#444444"}
    for role, colour in colours.items():
        palette.setColor(QPalette.ColorGroup.Active, role, QColor(colour))
        palette.setColor(QPalette.ColorGroup.Inactive, role, QColor(colour))
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#555555"))
    return palette


class PresentationKeys(QObject):
    """F11 toggles presentation mode from anywhere in the window; while it is on, Escape leaves it,
    the digits raise the views and the keys a lesson adds act. Taken before any focused widget (as
    gui/window/transport.py does for Space, S and R), except the digits and added keys while the user
    types into a text or number field."""

    def __init__(self, presentation: Presentation):
        super().__init__(presentation)
        self.presentation = presentation

    def action_for(self, key: int) -> tuple[Callable[[], None] | None, bool]:
        """The action of ``key`` now, and whether typing into a field takes the key first."""
        p = self.presentation
        if key == Qt.Key.Key_F11:
            return p.toggle, False
        if not p.active:
            return None, False
        if key == Qt.Key.Key_Escape:
            return p.leave, False
        if key == Qt.Key.Key_P:
            return p.toggle_panel, True
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            return (lambda: p.raise_view(key - Qt.Key.Key_1)), True
        return p.extra_keys.get(key, (None, ""))[0], True

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        action, typing_wins = self.action_for(event.key())
        if action is None or QApplication.activeModalWidget():
            return False
        focus = obj if isinstance(obj, QWidget) else QApplication.focusWidget()
        if focus is not None and focus.window() is not self.presentation.window:
            return False
        if typing_wins and isinstance(focus, (QLineEdit, QAbstractSpinBox, QTextEdit)):
            return False
        if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
            action()
        event.accept()
        return True


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
        self._saved: dict = {}
        self._rescan = QTimer(self)
        self._rescan.setInterval(RESCAN_MS)
        self._rescan.timeout.connect(self._scale_new_items)
        self.keys = PresentationKeys(self)
        QApplication.instance().installEventFilter(self.keys)
        window.installEventFilter(self)  # to leave before the window saves its layout on close
        window.destroyed.connect(lambda: QApplication.instance().removeEventFilter(self.keys))
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
        self.active = True
        font = QFont(app.font())
        font.setPointSizeF(point_size(font) * self.scale)
        app.setFont(font)
        app.setPalette(high_contrast_palette(app.palette()))
        self.caption_bar.set_base_font(font, self._saved["font"])
        # In the row of the messages banner (empty most of the time), not a row of its own: at 720
        # pixels of height every row of chrome is taken from the views.
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.caption_bar)
        self.caption_bar.show()
        window.statusBar().addWidget(self.caption_bar.keys)
        self.caption_bar.keys.show()
        window.menuBar().hide()  # F11 and Esc leave; at 720 pixels its row is better given to the views
        for title in PANEL_DOCKS:  # settings are for the lecturer's screen; P brings them back
            window.docks[title].hide()
        if self.lesson_views:
            self.show_only(self.lesson_views)
        window.statusBar().clearMessage()  # the caption bar says it now; the keys line takes that place
        window.showFullScreen()
        self.scaler = PlotScaler(window, self.scale, self._saved["font"])
        self.scaler.apply()
        self._rescan.start()
        self._update_keys()
        self._set_checked(True)
        self.switched.emit(True)

    def leave(self) -> None:
        if not self.active:
            return
        window, app = self.window, QApplication.instance()
        self._rescan.stop()
        if self.scaler is not None:
            self.scaler.restore()
            self.scaler = None
        window.statusBar().removeWidget(self.caption_bar.keys)
        window.removeToolBar(self.caption_bar)
        self.caption_bar.setParent(None)
        self.caption_bar.hide()
        app.setFont(self._saved["font"])
        app.setPalette(self._saved["palette"])
        window.menuBar().setVisible(self._saved["menu_bar"])
        window.restoreState(self._saved["docks"], LAYOUT_VERSION)
        window.setWindowState(self._saved["window_state"])
        self.active = False
        self._restore_geometry()
        # The large type's minimum sizes are cached until the layouts have been redone, and clamp the
        # geometry (a 1200-px window came back 1420 wide): put it back once more after that.
        QTimer.singleShot(0, self._restore_geometry)
        self._update_keys()
        self._set_checked(False)
        self.switched.emit(False)

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
        dock.setVisible(dock.isHidden())
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
        pairs += [(str(i + 1), _tr("show {0}").format(dock.windowTitle()))
                  for i, dock in enumerate(self.shown_docks()[:9])]
        for key, (_action, label) in self.extra_keys.items():
            pairs.append((Qt.Key(key).name.removeprefix("Key_"), label))
        return pairs

    def _update_keys(self) -> None:
        n = min(len(self.shown_docks()), 9)
        short = [_tr("F11 leave"), _tr("Space play"), _tr("S step"), _tr("R reset"), _tr("P panel")]
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

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if obj is self.window and event.type() == QEvent.Type.Close and self.active:
            self.leave()  # the window saves the user's layout, not the projector's
        return False

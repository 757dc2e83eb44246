"""The map's controls: the row above the plot (projection and its settings, colouring, what a drag does,
thumbnails, export) and the timeline below it that scrubs back through earlier maps."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QMenu, QPushButton,
                               QSizePolicy, QSlider, QSpinBox, QToolButton, QWidget)

from engine.analysis.map_settings import HELP as SETTING_HELP
from engine.analysis.map_settings import METHOD_OF, RANGES, MapSettings
from engine.analysis.project import LABELS as METHOD_LABELS  # the projections, named once in the engine
from gui.i18n_engine import engine_tr
from gui.widgets.flow_layout import FlowLayout


def _tr(text: str) -> str:
    """The map's controls in the user's language (gui/translations/, context "MapControls")."""
    return QCoreApplication.translate("MapControls", text)


DRAG_MODES = ("pan", "box", "lasso")


def shown_drag_mode(mode: str) -> str:
    return {"pan": _tr("drag: pan"), "box": _tr("drag: box"), "lasso": _tr("drag: lasso")}[mode]


class MapControls(QWidget):
    """The row above the map. ``export(kind)`` is called with "png", "svg" or "csv"."""

    def __init__(self, export: Callable[[str], None], max_thumbnails: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.method = QComboBox()
        for name, label in METHOD_LABELS.items():
            self.method.addItem(label, name)
        self.method.setToolTip(_tr("The projection: PCA (linear, fast), t-SNE or UMAP (neighbourhoods, slower)"))
        self.settings = MapSettingsControls()
        self.method.currentIndexChanged.connect(lambda _i: self.settings.show_for(self.method.currentData()))
        self.settings.show_for(self.method.currentData())
        self.colour = QComboBox()
        self.drag_mode = QComboBox()
        for name in DRAG_MODES:
            self.drag_mode.addItem(shown_drag_mode(name), name)
        self.drag_mode.setToolTip(_tr("What dragging on the map does: pan it, or select the images in a box or lasso"))
        # Combo boxes shrink to a few letters in a small dock (a projector's) and grow to their text.
        for combo in (self.method, self.colour, self.drag_mode):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.setMaximumWidth(170)
        self.drag_mode.setMinimumContentsLength(5)  # "drag: pan" whole
        self.thumbnails = QCheckBox(_tr("thumbnails"))
        self.thumbnails.setToolTip(_tr("Draw images instead of points (up to {0})").format(max_thumbnails))
        self.export = QToolButton()
        self.export.setText(_tr("Export"))
        self.export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export)
        menu.addAction(_tr("Map as PNG…"), lambda: export("png"))
        menu.addAction(_tr("Map as SVG…"), lambda: export("svg"))
        menu.addAction(_tr("Coordinates as CSV…"), lambda: export("csv"))
        self.export.setMenu(menu)
        # One line in a wide view, wrapped onto two in a narrow one (two runs' maps side by side); the
        # label stays with its combo box.
        colour = QWidget()
        colour_row = QHBoxLayout(colour)
        colour_row.setContentsMargins(0, 0, 0, 0)
        colour_row.addWidget(QLabel(_tr("colour")))
        colour_row.addWidget(self.colour)
        row = FlowLayout(self, last_right=True)
        for w in (self.method, self.settings, colour, self.drag_mode, self.thumbnails, self.export):
            row.addWidget(w)

    def show_mouse_controls(self, shown: bool) -> None:
        """What a drag does and the thumbnails are for a mouse at a desk: presentation mode hides them so
        that the row stays one line and the map gets the height (what they are set to stays)."""
        self.drag_mode.setVisible(shown)
        self.thumbnails.setVisible(shown)

    def fill_colour_choices(self, choices: list[tuple[str, str]]) -> None:
        """Offer ``choices`` (text, key), keeping the current one if it is still offered, else "label"."""
        current = self.colour.currentData()
        self.colour.blockSignals(True)
        self.colour.clear()
        for text, key in choices:
            self.colour.addItem(text, key)
        self.colour.setCurrentIndex(max(self.colour.findData(current), 0))
        self.colour.blockSignals(False)

    def show_method(self, method: str) -> None:
        """Show ``method`` as chosen without asking for it (the newest map is already of it)."""
        i = self.method.findData(method)
        if i >= 0 and self.method.currentData() != method:
            self.method.blockSignals(True)
            self.method.setCurrentIndex(i)
            self.method.blockSignals(False)
            self.settings.show_for(method)


class MapSettingsControls(QWidget):
    """t-SNE's perplexity, UMAP's n_neighbors and min_dist (engine.analysis.map_settings): only the
    chosen projection's show, each with a one-line tooltip for a learner.

    ``changed`` carries (perplexity, n_neighbors, min_dist) once the user has stopped changing them for
    DEBOUNCE_MS: each change redraws the map afresh (a cold t-SNE takes seconds), so five clicks on an
    arrow ask for one map, not five.
    """

    changed = Signal(float, int, float)
    DEBOUNCE_MS = 400

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.sent = MapSettings()  # what the analysis has: the defaults until a change is sent
        self.perplexity, self.n_neighbors = QSpinBox(), QSpinBox()
        self.min_dist = QDoubleSpinBox()
        self.min_dist.setDecimals(2)
        self.min_dist.setSingleStep(0.05)
        self.boxes = {"perplexity": self.perplexity, "n_neighbors": self.n_neighbors, "min_dist": self.min_dist}
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.DEBOUNCE_MS)
        self._debounce.timeout.connect(self._send)
        self.groups: dict[str, QWidget] = {}  # projection -> its settings, shown or hidden together
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for name, box in self.boxes.items():
            whole = int if isinstance(box, QSpinBox) else float  # a perplexity of 30, not 30.0
            lo, hi = RANGES[name]
            box.setRange(whole(lo), whole(hi))
            box.setValue(whole(getattr(self.sent, name)))
            box.setKeyboardTracking(False)  # typing "50" asks for 50, not for 5 first
            box.setMaximumWidth(70)
            box.valueChanged.connect(lambda _v: self._debounce.start())
            label = QLabel(name)
            for w in (label, box):
                w.setToolTip(engine_tr(SETTING_HELP[name]))  # the engine's words: gui/i18n_engine.py
            method = METHOD_OF[name]
            if method not in self.groups:
                self.groups[method] = QWidget()
                QHBoxLayout(self.groups[method]).setContentsMargins(0, 0, 0, 0)
                row.addWidget(self.groups[method])
            self.groups[method].layout().addWidget(label)
            self.groups[method].layout().addWidget(box)

    def settings(self) -> MapSettings:
        """The settings the boxes show."""
        return MapSettings(float(self.perplexity.value()), self.n_neighbors.value(), round(self.min_dist.value(), 2))

    def show_for(self, method: str) -> None:
        """Show the settings of ``method`` only (PCA has none)."""
        for name, group in self.groups.items():
            group.setVisible(name == method)
        self.setVisible(method in self.groups)

    def show_settings(self, settings: MapSettings) -> None:
        """Show ``settings`` as the analysis's without sending them (another map of the window sent them)."""
        self._debounce.stop()
        for name, box in self.boxes.items():
            box.blockSignals(True)
            box.setValue(getattr(settings, name))
            box.blockSignals(False)
        self.sent = settings

    def _send(self) -> None:
        settings = self.settings()
        if settings != self.sent:  # back where it was before the pause: nothing to redraw
            self.sent = settings
            self.changed.emit(settings.perplexity, settings.n_neighbors, settings.min_dist)


class MapTimeline(QWidget):
    """A slider over the kept maps, the shown map's step and method, and "Live" back to the newest."""

    scrubbed = Signal(int)  # the user moved to the map at this index

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.label = QLabel("")
        self.live = QPushButton(_tr("Live"))
        self.live.setToolTip(_tr("Follow the newest map again"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_tr("timeline")))
        row.addWidget(self.slider, 1)
        row.addWidget(self.label)
        row.addWidget(self.live)
        self.slider.valueChanged.connect(self._on_value_changed)
        self.live.clicked.connect(lambda: self.slider.setValue(self.slider.maximum()))
        self.reset()

    @property
    def index(self) -> int:
        return self.slider.value()

    @property
    def following(self) -> bool:
        """Whether the newest map is shown (a new one is then glided to)."""
        return self.slider.value() == self.slider.maximum()

    def reset(self) -> None:
        self.slider.blockSignals(True)
        self.slider.setRange(0, 0)
        self.slider.blockSignals(False)
        self.slider.setEnabled(False)
        self.live.setEnabled(False)
        self.label.setText("")

    def extend(self, n_frames: int, follow: bool) -> None:
        """``n_frames`` maps are kept now; move to the newest if ``follow``, quietly (no ``scrubbed``)."""
        self.slider.blockSignals(True)
        self.slider.setRange(0, n_frames - 1)
        if follow:
            self.slider.setValue(n_frames - 1)
        self.slider.blockSignals(False)
        self.slider.setEnabled(n_frames > 1)

    def describe(self, step: int, method: str) -> None:
        live = "" if self.following else _tr(" (scrubbed back)")
        self.label.setText(_tr("step {0:,} · {1}{2}").format(step, METHOD_LABELS[method], live))

    def _on_value_changed(self, index: int) -> None:
        self.scrubbed.emit(index)
        self.live.setEnabled(index != self.slider.maximum())

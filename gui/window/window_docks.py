"""The main window's views and panels, each in a dock: which view goes where, which share a tab, and
run B's place beside run A (gui/views/side_by_side.py). A mixin of MainWindow."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QScrollArea, QWidget

from gui.panels.augment_panel import AugmentPanel
from gui.panels.experiment_panel import ExperimentPanel
from gui.views.image_view import ImageView
from gui.views.latent.latent_view import LatentView
from gui.views.loss_view import LossView
from gui.views.map.map_view import MapView
from gui.views.method.method_view import MethodView
from gui.views.metrics_view import MetricsView
from gui.views.points_run import no_images_note
from gui.views.run_view import RunView
from gui.views.side_by_side import SideBySide
from gui.widgets.staggered_paint import StaggeredPaint
from gui.window.run_maps import wire_map_view
from gui.window.window_layout import MIN_PLOT_HEIGHT
from gui.window.window_widgets import ModestScrollArea


def _tr(text: str) -> str:
    """The docks' titles in the user's language (gui/translations/, context "WindowDocks")."""
    return QCoreApplication.translate("WindowDocks", text)


def shown_title(key: str) -> str:
    """What a dock's title bar, tab and View menu entry say. The English title stays the dock's key:
    ``docks[...]``, the lessons' view names (engine/lessons/schema.py) and the saved layout use it."""
    return {"Experiment": _tr("Experiment"), "Images": _tr("Images"), "Loss": _tr("Loss"),
            "Latent explorer": _tr("Latent explorer"), "Embedding map": _tr("Embedding map"),
            "Metrics": _tr("Metrics"), "Method view": _tr("Method view"),
            "Augmentations": _tr("Augmentations")}.get(key, key)


class WindowDocks:
    """Needs from the window: session, and the slots the views' requests go to (_on_decode_requested,
    _on_interact_requested)."""

    def _build_views(self) -> None:
        """Every view, and ``run_views``: those that follow a run (the router begins, feeds and ends them).

        ``image_view``, ``latent_view``, ``map_view`` and ``method_view`` are run A's instances; run B's
        live in the containers (``images``, ``latents``, ``maps``, ``methods``), made when B first shows.
        """
        self.panel = ExperimentPanel()
        self.panel.setMinimumWidth(290)
        self.loss_view = LossView()
        self.metrics_view = MetricsView()
        # A run on 2-D points has no images: these three say so rather than show nothing, or the last run's.
        self.images = SideBySide(ImageView, blank_note=no_images_note)
        self.latents = SideBySide(LatentView, on_new_view=self._wire_view, blank_note=no_images_note)
        self.maps = SideBySide(MapView, on_new_view=self._wire_view, blank_note=no_images_note)
        self.methods = SideBySide(MethodView, self._wire_view)
        self.image_view, self.latent_view = self.images.view("A"), self.latents.view("A")
        self.map_view, self.method_view = self.maps.view("A"), self.methods.view("A")
        self.augment_panel = AugmentPanel()
        self.run_views: tuple[RunView, ...] = (self.loss_view, self.metrics_view, self.images, self.latents,
                                               self.maps, self.methods)
        for view in (self.loss_view, self.metrics_view, self.image_view):
            view.setMinimumHeight(MIN_PLOT_HEIGHT)

    PREBUILD_GAP_MS = 700  # between two of B's panes built ahead: each is a few hundred ms of the GUI thread

    def prebuild_b_panes(self) -> None:
        """Run B's panes, one at a time with the event loop turning between, before a Compare or a lesson
        asks for them all at once (SideBySide.prebuild)."""
        for container in (self.images, self.methods, self.latents, self.maps, self.metrics_view):
            if container.prebuild("B"):
                QTimer.singleShot(self.PREBUILD_GAP_MS, self, self.prebuild_b_panes)
                return
        collector = getattr(QApplication.instance(), "gui_thread_collector", None)
        if collector is not None:  # the panes live as long as the window: out of every later collection's walk
            collector.freeze_what_is_loaded()

    def _wire_view(self, view: QWidget, slot: str) -> None:
        """A view's requests go to the run it shows: a decode from B's latent explorer to run B."""
        if isinstance(view, LatentView):
            view.decode_requested.connect(partial(self._on_decode_requested, slot=slot))
        elif isinstance(view, MapView):  # shared by both runs, or the run's own (gui/window/run_maps.py)
            wire_map_view(self, view, slot)
        elif isinstance(view, MethodView):
            view.interact_requested.connect(partial(self._on_interact_requested, slot=slot))

    def hold_paint(self) -> None:
        """The views' painting held while a new run (or a lesson's layout) changes them all, and given
        back one dock per turn of the event loop (gui/widgets/staggered_paint.py)."""
        self.staggered_paint.hold(dock.widget() for dock in self.docks.values())

    def _build_docks(self) -> None:
        self.staggered_paint = StaggeredPaint(self)
        for pair in (self.images, self.latents, self.maps, self.methods):
            pair.reveal_later = self.staggered_paint.later  # B's panes shown one per turn, not all at once
        self.docks: dict[str, QDockWidget] = {}
        self._dock("Experiment", self.panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("Images", self.images, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Loss", self.loss_view, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Latent explorer", self.latents, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Embedding map", self.maps, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Metrics", self.metrics_view, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Method view", self.methods, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Augmentations", self.augment_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.splitDockWidget(self.docks["Images"], self.docks["Latent explorer"], Qt.Orientation.Vertical)
        self.splitDockWidget(self.docks["Images"], self.docks["Loss"], Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.docks["Latent explorer"], self.docks["Embedding map"])
        self.tabifyDockWidget(self.docks["Loss"], self.docks["Metrics"])
        self.tabifyDockWidget(self.docks["Latent explorer"], self.docks["Method view"])
        self.tabifyDockWidget(self.docks["Experiment"], self.docks["Augmentations"])
        self.docks["Experiment"].raise_()
        self.docks["Latent explorer"].raise_()
        self.docks["Loss"].raise_()
        # No central widget: every view is a dock, and the docks share the whole window.

    def _dock(self, title: str, widget: QWidget, area) -> None:
        if title == "Method view":
            # Some methods' figures need more height than a projector's dock has (VQ-VAE's usage chart,
            # users and code grid: about 600 px): they scroll there, rather than forcing the window
            # taller than the screen and squeezing the Loss plot. Width always fits (it lays out by it).
            scroll = ModestScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(widget)
            widget = scroll
        dock = QDockWidget(shown_title(title), self)
        dock.setObjectName(title.replace(" ", "_"))
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[title] = dock

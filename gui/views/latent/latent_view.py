"""The latent explorer: a slider per latent dimension, the decoded image following while you drag,
a traversal grid, the VAE's KL per dimension, and a 2-D pad over two chosen dimensions.

The view never decodes anything itself: it asks (``decode_requested``) and shows the ``Decoded``
answers. The engine keeps only the newest request per tag, so dragging never queues stale work.

This file holds the current code and keeps every part in step with it; the parts live beside it:
latent_sliders, latent_decoded (the decoded image and the probe strip), latent_traversal, latent_kl
and latent_pad. A view holds all of its state itself, so two explorers (run A and run B) can sit
side by side.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from gui.views.latent.latent_decoded import DecodedPanel
from gui.views.latent.latent_kl import KlBars
from gui.views.latent.latent_pad import LatentPad
from gui.views.latent.latent_sliders import LatentSliders
from gui.views.latent.latent_traversal import TraversalGrid
from gui.views.run_view import OneRunView


def _tr(text: str) -> str:
    """The latent explorer's words in the user's language (gui/translations/, context "LatentView")."""
    return QCoreApplication.translate("LatentView", text)


EMPTY_STATUS = "The explorer appears once the model has a latent space."
DECODED_MIN_WIDTH = 130  # px: the decoded image and the probe strip; two explorers fit a 1280-px window


class LatentView(OneRunView, QWidget):
    """One run's explorer; the run contract (begin_run, receive, end_run) comes from OneRunView."""

    decode_requested = Signal(object, str)  # codes (K, D) float32, tag

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._forget_codes()  # before any widget: a signal while they are built reads the state
        self.slider_panel = LatentSliders()
        self.slider_panel.moved.connect(self._on_slider)
        self.slider_panel.released.connect(self.request_traversal)
        self.slider_panel.centre_clicked.connect(self.centre)
        self.decoded = DecodedPanel(start_from=self._start_from_probe)
        self.decoded_item = self.decoded.decoded_item
        self.traversal = TraversalGrid()
        self.kl = KlBars()
        self.pad = LatentPad()
        self.pad.axes_changed.connect(self._redraw_pad)
        self.pad.target_moved.connect(self._on_target_moved)
        self.pad_target = self.pad.target
        # The tabs are the parts themselves; the old names stay for the window, tools and tests.
        self.traversal_tab, self.kl_tab, self.pad_tab = self.traversal, self.kl, self.pad
        self.tabs = QTabWidget()
        self.tabs.addTab(self.traversal, _tr("Traversal"))
        self.tabs.addTab(self.kl, _tr("KL per dim"))
        self.tabs.addTab(self.pad, _tr("2-D pad"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.status = QLabel(_tr(EMPTY_STATUS))
        self.status.setStyleSheet("color: gray")
        self.status.setWordWrap(True)  # in large type one line was wider than A's half of a projector
        self.presenting = False
        self._saved_splitter = None  # the column widths before presentation mode, put back on leaving
        self._lay_out()
        self.clear()  # a new view is a cleared one

    def _lay_out(self) -> None:
        """Sliders left, the decoded image in the middle, the tabs right; the status line above."""
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.slider_panel)
        splitter.addWidget(self.decoded)
        splitter.addWidget(self.tabs)
        self.decoded.setMinimumWidth(DECODED_MIN_WIDTH)  # the sliders know their own (LatentSliders)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

    def set_presenting(self, on: bool) -> None:
        """Presentation mode (gui/window/presentation.py): A's and B's explorers each fit half of a 1280-px
        projector. No 2-D pad tab (its cursor is for a mouse, not a hall; with two latent dimensions the pad
        is the explorer itself, and stays), and the sliders and the decoded image at their narrowest, so that
        the tabs left show whole, without scroll arrows. Leaving puts the user's column widths back."""
        self.presenting = on
        self._show_pad_tab()
        # "drag a slider and the image follows" is for the lecturer's mouse: its row goes to the sliders.
        self.status.setVisible(not on or not self.dim)
        if on:
            self._saved_splitter = self.splitter.saveState()
            self.splitter.setSizes([0, 0, 10 ** 4])  # the sliders and the image at their least, the tabs the rest
        elif self._saved_splitter is not None:
            self.splitter.restoreState(self._saved_splitter)

    def _show_pad_tab(self) -> None:
        wanted = self.dim == 2 or (self.dim > 2 and not self.presenting)
        self.tabs.setTabVisible(self.tabs.indexOf(self.pad_tab), wanted)

    def _forget_codes(self) -> None:
        self.dim = 0
        self.image_hw = (1, 1)
        self.z = np.zeros(0, dtype=np.float32)  # (D,) the current code
        self.std = np.zeros(0, dtype=np.float32)  # (D,) the held-out codes' spread, a traversal's step
        self.mean: np.ndarray | None = None  # (D,) the held-out codes' mean, where Centre goes
        self.codes: np.ndarray | None = None  # (N, D) the held-out codes, for the pad
        self.labels: np.ndarray | None = None  # (N,) their labels
        self.probe_codes: np.ndarray | None = None  # (B, D) the probe images' codes, to start from
        self.user_moved = False  # until the user moves the code, it follows probe image 0 as it trains

    # The sliders own their ranges and widgets; these names are the view's public face.
    low = property(lambda self: self.slider_panel.low)
    high = property(lambda self: self.slider_panel.high)
    sliders = property(lambda self: self.slider_panel.sliders)
    value_labels = property(lambda self: self.slider_panel.value_labels)
    kl_labels = property(lambda self: self.slider_panel.kl_labels)

    # -- set-up for a run -------------------------------------------------------------------------
    def prepare_run(self, info) -> None:
        """After begin_run's clear: sliders for the new run's latent space, when it has one."""
        if info.latent_dim:
            self.configure(info.latent_dim, info.image_shape[1:])

    def snapshot_handlers(self) -> dict:
        """The snapshots the explorer draws, by class name (OneRunView routes only those of its run)."""
        return {"LatentUpdate": lambda u: self.set_latents(u.codes, u.labels, u.low, u.high, u.mean, u.std,
                                                           u.kl_per_dim, u.probe_codes),
                "ImagesUpdate": lambda u: self.set_probe_images(u.inputs),
                "Decoded": lambda d: self.show_decoded(d.tag, d.codes, d.images)}

    def clear(self) -> None:
        """Forget the last run's model: no decoded image, traversal, KL bars, codes or sliders."""
        self._forget_codes()
        self.decoded.clear()
        self.traversal.clear()
        self.kl.clear()
        self.pad.clear()
        self.slider_panel.remove()
        self.tabs.setTabVisible(self.tabs.indexOf(self.kl_tab), False)  # the bars are gone: so is their tab
        self.status.setText(_tr(EMPTY_STATUS))
        self.status.setVisible(True)

    def configure(self, latent_dim: int, image_hw: tuple[int, int]) -> None:
        """Lay out sliders for a new run's latent space (after ``clear``, which the window calls)."""
        self.clear()
        self.dim = latent_dim
        self.image_hw = image_hw
        self.z = np.zeros(latent_dim, dtype=np.float32)
        self.std = np.ones(latent_dim, dtype=np.float32)
        self.slider_panel.build(latent_dim)
        self.slider_panel.place(self.z)
        self.tabs.setTabVisible(self.tabs.indexOf(self.kl_tab), False)  # until a KL arrives (VAE)
        self._show_pad_tab()
        self.pad.configure(latent_dim)
        if latent_dim == 2:
            self.tabs.setCurrentWidget(self.pad_tab)
        self.status.setText(_tr("{0} latent dimensions: drag a slider and the image follows").format(latent_dim))
        self.status.setVisible(not self.presenting)

    # -- data in ----------------------------------------------------------------------------------
    def set_latents(self, codes: np.ndarray, labels: np.ndarray, low: np.ndarray, high: np.ndarray,
                    mean: np.ndarray, std: np.ndarray, kl: np.ndarray | None, probe_codes: np.ndarray | None) -> None:
        first = self.probe_codes is None
        margin = 0.1 * np.maximum(high - low, 1e-3)
        self.slider_panel.set_range(low - margin, high + margin)
        self.std = np.maximum(std, 1e-3).astype(np.float32)
        self.mean = mean.astype(np.float32)
        self.codes, self.labels = codes, labels
        self.probe_codes = probe_codes
        self.tabs.setTabVisible(self.tabs.indexOf(self.kl_tab), kl is not None)
        if kl is not None:
            self.kl.draw(kl)
            self.slider_panel.show_kl(kl)
        if first or not self.user_moved:
            self.z = (probe_codes[0] if probe_codes is not None and len(probe_codes) else mean).astype(np.float32)
        if not self.slider_panel.dragging:
            self.slider_panel.place(self.z)
        self._redraw_pad()
        self.request_decode()
        self.request_traversal()

    def set_probe_images(self, images: np.ndarray) -> None:
        self.decoded.show_probe_images(images)

    def show_decoded(self, tag: str, codes: np.ndarray, images: np.ndarray) -> None:
        if tag == "explorer":
            self.decoded.show_decoded(images[0])
        elif tag == "traversal":
            self.traversal.draw(images)

    # -- requests out -----------------------------------------------------------------------------
    def request_decode(self) -> None:
        if self.dim:
            self.decode_requested.emit(self.z[None].copy(), "explorer")

    def request_traversal(self) -> None:
        if not self.dim or self.tabs.currentWidget() is not self.traversal_tab:
            return  # drawn when its tab is shown: a hidden grid is not worth the training time
        self.decode_requested.emit(self.traversal.codes_for(self.z, self.std), "traversal")

    # -- interaction ------------------------------------------------------------------------------
    def set_code(self, z: np.ndarray) -> None:
        self.user_moved = True
        self.z = np.asarray(z, dtype=np.float32).copy()
        self.slider_panel.place(self.z)
        self._place_target()
        self.request_decode()
        self.request_traversal()

    def centre(self) -> None:
        if self.dim:
            self.set_code(self.mean if self.mean is not None else np.zeros(self.dim, dtype=np.float32))

    def _on_slider(self, d: int, value: float) -> None:
        self.user_moved = True
        self.z[d] = value
        self._place_target()
        self.request_decode()
        if not self.slider_panel.dragging:  # keyboard or a click on the groove: one change, refresh the grid too
            self.request_traversal()

    def _start_from_probe(self, i: int) -> bool:
        """Probe image i was clicked: start from its code, if it has one."""
        if self.probe_codes is None or i >= len(self.probe_codes):
            return False
        self.set_code(self.probe_codes[i])
        return True

    def _on_tab_changed(self, _index: int) -> None:
        self._redraw_pad()
        self.request_traversal()

    # -- 2-D pad ----------------------------------------------------------------------------------
    def pad_dims(self) -> tuple[int, int]:
        return self.pad.dims()

    def _redraw_pad(self) -> None:
        if self.dim < 2 or self.codes is None or self.tabs.currentWidget() is not self.pad_tab:
            return
        self.pad.draw(self.codes, self.labels)
        self._place_target()

    def _place_target(self) -> None:
        if self.dim >= 2:
            self.pad.place_target(self.z)

    def _on_target_moved(self, dx: int, dy: int, x: float, y: float) -> None:
        if self.dim < 2:
            return
        self.user_moved = True
        self.z[dx], self.z[dy] = x, y
        self.slider_panel.place(self.z)
        self.request_decode()

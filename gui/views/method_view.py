"""The method's own view, drawn from whatever figures it reports (Method.diagnostics), so a new
method gets a view without GUI code: heatmaps (a similarity or cross-correlation matrix, MAE's
per-patch error), bar charts (VQ-VAE's code usage), labels per probe image (rotation: true and
predicted), and plain values (MoCo's queue fill, the codebook's perplexity)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from gui.views.export import ExportMenu
from gui.views.method_panels import CodePanel, MaskEditor

MAX_COLUMNS = 2


class _PlotPanel(QWidget):
    """A titled plot on white with its Export menu under it."""

    def __init__(self, title: str, export_name: str):
        super().__init__()
        self.plot = pg.PlotWidget(title=title)
        self.plot.setBackground("w")
        self.plot.setMinimumHeight(180)  # beside a hands-on panel, a figure keeps room to be read
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(ExportMenu(self.plot.getPlotItem(), export_name))


class _Heatmap(_PlotPanel):
    def __init__(self, title: str):
        super().__init__(title, title.split(" (")[0].replace(" ", "_"))
        self.plot.getViewBox().invertY(True)
        self.plot.getViewBox().setAspectLocked(True)
        self.item = pg.ImageItem()
        self.plot.addItem(self.item)
        self.bar = pg.ColorBarItem(values=(-1, 1), colorMap=pg.colormap.get("CET-D1"), interactive=False)
        self.bar.setImageItem(self.item, insert_in=self.plot.getPlotItem())

    def update_data(self, data: np.ndarray) -> None:
        data = np.asarray(data, dtype=np.float32)
        lo, hi = float(np.nanmin(data)), float(np.nanmax(data))
        if lo >= 0:  # errors, counts: a sequential scale from 0
            self.bar.setColorMap(pg.colormap.get("viridis"))
            self.bar.setLevels((0.0, max(hi, 1e-6)))
        else:  # correlations, similarities: a diverging scale around 0
            bound = max(abs(lo), abs(hi), 1e-6)
            self.bar.setColorMap(pg.colormap.get("CET-D1"))
            self.bar.setLevels((-bound, bound))
        self.item.setImage(data, autoLevels=False)


class _Bars(_PlotPanel):
    def __init__(self, title: str):
        super().__init__(title, title.replace(" ", "_"))
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush="#1f77b4")
        self.plot.addItem(self.bars)

    def update_data(self, data: np.ndarray) -> None:
        data = np.asarray(data, dtype=np.float32)
        # Unused entries (a dead code) in red, so they stand out.
        brushes = [pg.mkBrush("#d62728" if v == 0 else "#1f77b4") for v in data]
        self.bars.setOpts(x=np.arange(len(data)), height=data, width=0.8, brushes=brushes)


class MethodView(QWidget):
    interact_requested = Signal(dict, str)  # a request for the method's interact(), and its tag

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel("")
        self.title.setWordWrap(True)
        self.values = QLabel("")
        self.values.setWordWrap(True)
        self.labels = QLabel("")
        self.labels.setWordWrap(True)
        self.grid = QGridLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.values)
        layout.addWidget(self.labels)
        layout.addLayout(self.grid, 1)
        self.hands_on = QVBoxLayout()
        layout.addLayout(self.hands_on, 1)
        self.panels: dict[str, QWidget] = {}
        self.figures: dict[str, Any] = {}
        self.mask_editor: MaskEditor | None = None
        self.code_panel: CodePanel | None = None

    def clear(self, method_label: str = "") -> None:
        for w in self.panels.values():
            w.setParent(None)
            w.deleteLater()
        self.panels = {}
        self.figures = {}
        for panel in (self.mask_editor, self.code_panel):
            if panel is not None:
                panel.setParent(None)
                panel.deleteLater()
        self.mask_editor = self.code_panel = None
        self.title.setText(f"What {method_label} does, on held-out images" if method_label else "")
        self.values.setText("")
        self.labels.setText("")

    def show_figures(self, step: int, figures: dict[str, Any], images: np.ndarray | None = None) -> None:
        self.figures = figures
        self._hands_on(figures, images)
        values, labels = [], []
        for key, data in figures.items():
            kind, _, title = key.partition(":")
            if kind in ("heatmap", "bars"):
                panel = self.panels.get(key)
                if panel is None:
                    panel = _Heatmap(title) if kind == "heatmap" else _Bars(title)
                    n = len(self.panels)
                    self.grid.addWidget(panel, n // MAX_COLUMNS, n % MAX_COLUMNS)
                    self.panels[key] = panel
                panel.update_data(data)
            elif kind == "value":
                values.append(f"<b>{title}</b>: {data}")
            elif kind == "labels":
                labels.append(f"<b>{title}</b>: " + " · ".join(str(v) for v in list(data)[:10]))
        self.values.setText(f"step {step:,} — " + "; ".join(values) if values else "")
        self.labels.setText("<br>".join(labels) + (" <i>(the first ten images, as in the Images view)</i>"
                                                   if labels else ""))

    def _hands_on(self, figures: dict[str, Any], images: np.ndarray | None) -> None:
        if images is None:
            return
        masks = next((v for k, v in figures.items() if k.startswith("mask:")), None)
        if masks is not None:
            if self.mask_editor is None:
                self.mask_editor = MaskEditor()
                self.mask_editor.interact_requested.connect(self.interact_requested)
                self.hands_on.addWidget(self.mask_editor)
            self.mask_editor.set_batch(images, masks)
        grids = next((v for k, v in figures.items() if k.startswith("codes:")), None)
        if grids is not None:
            if self.code_panel is None:
                self.code_panel = CodePanel()
                self.code_panel.interact_requested.connect(self.interact_requested)
                self.hands_on.addWidget(self.code_panel)
                bars = next((p for k, p in self.panels.items() if k.startswith("bars:")), None)
                if bars is not None:
                    bars.plot.scene().sigMouseClicked.connect(lambda ev, b=bars: self._on_bar_click(b, ev))
            self.code_panel.set_batch(images, grids)

    def _on_bar_click(self, bars: _Bars, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.code_panel is None:
            return
        x = bars.plot.getPlotItem().vb.mapSceneToView(event.scenePos()).x()
        self.code_panel.pick(int(round(x)))

    def show_interaction(self, tag: str, result: dict[str, Any]) -> None:
        panel = {"mae": self.mask_editor, "vq": self.code_panel}.get(tag)
        if panel is not None:
            panel.show_result(result)

"""The method's own view, drawn from whatever figures it reports (Method.diagnostics), so a new
method gets a view without GUI code: heatmaps (a similarity or covariance matrix, MAE's per-patch
error), bar charts (VQ-VAE's code usage, VICReg's terms, the VAE's KL per dimension), image grids
(the VAE's samples, rotation's images captioned with true and predicted angle), labels and plain
values (MoCo's queue fill, the codebook's perplexity). The panels are in gui/views/method_figures.py."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from gui.views.method.method_figures import Bars, Heatmap, ImageGrid
from gui.views.method.method_panels import CodePanel, MaskEditor

WIDE = 1.4  # a view this many times wider than tall lays three figures out in a row
PANELS = {"heatmap": Heatmap, "bars": Bars, "images": ImageGrid}


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
        self.placed_columns = 0
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
        self.placed_columns = 0
        for label in (self.values, self.labels):
            label.setText("")
            label.hide()

    def show_figures(self, step: int, figures: dict[str, Any], images: np.ndarray | None = None) -> None:
        self.figures = figures
        values, labels = [], []
        for key, data in figures.items():
            kind, _, title = key.partition(":")
            if kind in PANELS:
                self._panel(key, kind, title).update_data(data)
            elif kind == "value":
                values.append(f"<b>{title}</b>: {data}")
            elif kind == "labels":
                labels.append(f"<b>{title}</b>: " + " · ".join(str(v) for v in list(data)[:10]))
        # After the panels: the code panel takes the codebook's size from the usage chart.
        self._hands_on(figures, images)
        self.values.setText(f"step {step:,} — " + "; ".join(values) if values else "")
        self.labels.setText("<br>".join(labels) + (" <i>(the first ten images, as in the Images view)</i>"
                                                   if labels else ""))
        for label in (self.values, self.labels):  # an empty line would still take its height
            label.setVisible(bool(label.text()))

    def _panel(self, key: str, kind: str, title: str) -> QWidget:
        panel = self.panels.get(key)
        if panel is None:
            panel = PANELS[kind](title)
            if isinstance(panel, Bars):  # a bar of the code-usage chart picks that code
                panel.clicked.connect(self._on_bar_clicked)
            self.panels[key] = panel
            self._place_panels()
        return panel

    def _columns(self) -> int:
        wide = self.width() >= WIDE * max(self.height(), 1)
        return max(1, min(len(self.panels), 3 if wide else 2))

    def _place_panels(self) -> None:
        """Figures in a grid that suits the view's shape: three in a row in a wide, low dock (at
        450 x 300 two rows of figures left each too low to read), two columns otherwise."""
        columns = self._columns()
        for panel in self.panels.values():
            self.grid.removeWidget(panel)
        for n, panel in enumerate(self.panels.values()):
            self.grid.addWidget(panel, n // columns, n % columns)
        for c in range(3):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        self.placed_columns = columns

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.panels and self._columns() != self.placed_columns:
            self._place_panels()

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
            usage = next((p for p in self.panels.values() if isinstance(p, Bars)), None)
            self.code_panel.set_batch(images, grids, usage.n if usage is not None else None)

    def _on_bar_clicked(self, index: int) -> None:
        if self.code_panel is not None:
            self.code_panel.pick(index)

    def show_interaction(self, tag: str, result: dict[str, Any]) -> None:
        panel = {"mae": self.mask_editor, "vq": self.code_panel}.get(tag)
        if panel is not None:
            panel.show_result(result)

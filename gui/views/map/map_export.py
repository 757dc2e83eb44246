"""The map's exports: the plot as PNG or SVG, and the shown map's coordinates as CSV with every colouring."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from PySide6.QtCore import QCoreApplication

from gui.widgets.export import export_view


def _tr(text: str) -> str:
    """The map's words in the user's language (gui/translations/, context "MapView")."""
    return QCoreApplication.translate("MapView", text)


def export_map(parent: QWidget, kind: str, plot: pg.PlotItem, write_csv: Callable[[str], None] | None) -> None:
    """Ask where, then write the plot ("png", "svg") or the coordinates ("csv"); ``write_csv`` is None
    while there is no map yet."""
    if write_csv is None:
        QMessageBox.information(parent, _tr("Nothing to export"), _tr("There is no map yet."))
        return
    path, _ = QFileDialog.getSaveFileName(parent, _tr("Export map"), f"map.{kind}", f"{kind.upper()} (*.{kind})")
    if not path:
        return
    try:
        if kind == "csv":
            write_csv(path)
        else:
            export_view(plot, path)
    except (OSError, ValueError) as e:
        QMessageBox.warning(parent, _tr("Export failed"), _tr("Could not export to {0}: {1}").format(path, e))


def write_map_csv(path: str | Path, coords: np.ndarray, labels: np.ndarray, class_names: tuple[str, ...],
                  factors: np.ndarray | None, factor_names: tuple[str, ...], clusters: np.ndarray | None,
                  recon_error: np.ndarray | None) -> None:
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        header = ["index", "x", "y", "label", "class"] + [f"factor_{n}" for n in factor_names]
        header += ["cluster"] if clusters is not None else []
        header += ["reconstruction_error"] if recon_error is not None else []
        w.writerow(header)
        for i, (x, y) in enumerate(coords):
            label = int(labels[i])
            row = [i, f"{x:.6g}", f"{y:.6g}", label, class_names[label] if label < len(class_names) else ""]
            row += [f"{v:g}" for v in factors[i]] if factors is not None else []
            row += [int(clusters[i])] if clusters is not None else []
            row += [f"{recon_error[i]:.6g}"] if recon_error is not None else []
            w.writerow(row)

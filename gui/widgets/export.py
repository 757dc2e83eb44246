"""Export a view: PNG for everything, SVG as well for plots."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolButton, QMenu, QWidget
from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    """The Export button's words in the user's language (gui/translations/, context "ExportMenu")."""
    return QCoreApplication.translate("ExportMenu", text)


def export_view(target, path: str | Path) -> Path:
    """Write ``target`` (a pyqtgraph PlotItem/GraphicsLayout or any QWidget) to PNG or SVG by suffix."""
    path = Path(path)
    if isinstance(target, QWidget):
        if path.suffix.lower() == ".svg":
            raise ValueError(_tr("this view exports to PNG only"))
        if not target.grab().save(str(path)):
            raise OSError(_tr("could not write {0}").format(path))
        return path
    if path.suffix.lower() == ".svg":
        return _export_svg(target, path)
    import pyqtgraph.exporters as ex

    exporter = ex.ImageExporter(target)
    # Twice the on-screen size, so an exported plot is sharp on a slide.
    exporter.parameters()["width"] = max(int(target.sceneBoundingRect().width() * 2), 800)
    exporter.export(str(path))
    return path


def _export_svg(item, path: Path) -> Path:
    """Render a plot's part of its scene through QSvgGenerator: vector paths and text.

    pyqtgraph's own SVGExporter fails with current Qt 6 releases (it parses Qt's SVG path syntax and
    chokes on the new form; pyqtgraph issue #3485), so the scene is painted onto an SVG device instead.
    """
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    source = item.sceneBoundingRect()
    target = QRectF(0, 0, source.width(), source.height())
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(target.size().toSize())
    generator.setViewBox(target)
    generator.setTitle(path.stem)
    # Qt's SVG reader takes 90 user units to the inch: at the generator's default of 72 dpi the file
    # came out 1.25 times the view's size with its text and curves drawn out of step with the axes.
    generator.setResolution(90)
    painter = QPainter(generator)
    try:
        item.scene().render(painter, target, source)
    finally:
        painter.end()
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(_tr("could not write {0}").format(path))
    return path


class ExportMenu(QToolButton):
    """A small "Export" button with "PNG…" and, for plots, "SVG…"."""

    def __init__(self, target, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.target, self.name = target, name
        self.setText(_tr("Export"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        menu.addAction(_tr("PNG…"), lambda: self._save("png"))
        if not isinstance(target, QWidget):
            menu.addAction(_tr("SVG…"), lambda: self._save("svg"))
        self.setMenu(menu)
        self._hidden_for_presenting = False

    def set_presenting(self, on: bool) -> None:
        """Presentation mode (gui/window/presentation.py): no Export buttons, a thing for the lecturer's
        mouse, not the hall; their width goes to the titles beside them, which were cut to stubs ("从先…")
        in the Method view's columns at 1280x720."""
        if on and not self.isHidden():
            self._hidden_for_presenting = True
            self.hide()
        elif not on and self._hidden_for_presenting:
            self._hidden_for_presenting = False
            self.show()

    def _save(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _tr("Export {0}").format(self.name), f"{self.name}.{kind}",
                                              f"{kind.upper()} (*.{kind})")
        if not path:
            return
        if not path.lower().endswith("." + kind):
            path += "." + kind
        try:
            export_view(self.target, path)
        except (OSError, ValueError) as e:
            QMessageBox.warning(self, _tr("Export failed"), _tr("Could not export to {0}: {1}").format(path, e))

"""Start the app: the window shows first, the engine (torch) loads just after."""

from __future__ import annotations

import sys
import time

T_PROCESS = time.perf_counter()  # as early as this module is imported: close to the process start


def create_app(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication
    import pyqtgraph as pg

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Encoder Lab")
    app.setOrganizationName("EncoderLab")
    pg.setConfigOptions(imageAxisOrder="row-major", antialias=False, background="w", foreground="k")
    return app


def run_app(open_file: str | None = None) -> int:
    from PySide6.QtCore import QTimer

    app = create_app()
    from gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    # Let the window paint before torch is imported, so the user sees it at once.
    QTimer.singleShot(50, lambda: window.load_engine(open_file))
    return app.exec()

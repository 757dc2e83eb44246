"""Start the app: the window shows first, the engine (torch) loads just after."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _tr(text: str) -> str:
    """The start-up's words in the user's language (gui/translations/, context "App"); Qt is imported
    here, not at the top, so that importing this module stays cheap."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("App", text)


def create_app(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication
    import pyqtgraph as pg

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Encoder Lab")
    app.setOrganizationName("EncoderLab")
    pg.setConfigOptions(imageAxisOrder="row-major", antialias=False, background="w", foreground="k")
    _guard_half_built_items(pg)
    _axis_labels_written_when_changed(pg)
    from gui.gui_thread_gc import collect_on_gui_thread

    collect_on_gui_thread(app)  # Qt objects in cycles are freed on this thread, never a pipe reader's
    from gui.i18n import chosen_language, current_language, install_translator

    if current_language(app) == "en":  # once: create_app is called again by tests
        install_translator(app, chosen_language())  # View ▸ Language's choice, else the system locale
    return app


def _guard_half_built_items(pg) -> None:
    """Class defaults for two attributes pyqtgraph sets in __init__: with PySide6 6.12, Qt may ask a
    ViewBox or ButtonItem for its bounding rect before that __init__ has run (seen as intermittent
    "no attribute '_previousGeometry' / '_width'" errors). With these defaults the rect is simply
    recomputed (or empty) instead of raising inside the event loop."""
    from pyqtgraph.graphicsItems.ButtonItem import ButtonItem
    from pyqtgraph.graphicsItems.GraphicsWidget import GraphicsWidget

    if not hasattr(GraphicsWidget, "_previousGeometry"):
        GraphicsWidget._previousGeometry = None
    if not hasattr(ButtonItem, "_width"):
        ButtonItem._width = 0


def _axis_labels_written_when_changed(pg) -> None:
    """pyqtgraph writes each axis's label as HTML again on every change of range (updateAutoSIPrefix ->
    _updateLabel -> QGraphicsTextItem.setHtml, a text layout each time), though the text rarely changes:
    546 such writes, 1.7 s of the GUI thread on a busy machine, when a lesson's second run appeared. Here
    the HTML is written only when it differs from what the label shows; the label's size, the axis's
    picture and its repaint are updated as before. (Presentation mode sizes axis labels through their
    style, which is part of that HTML: gui/window/plot_scaling.py.)"""
    axis_class = pg.AxisItem
    if getattr(axis_class, "_writes_changed_labels_only", False):
        return

    def _update_label(self) -> None:
        html = self.labelString()
        if html != getattr(self, "_label_html", None):
            self.label.setHtml(html)
            self._label_html = html
        self._adjustSize()
        self.picture = None
        self.update()

    axis_class._updateLabel = _update_label
    axis_class._writes_changed_labels_only = True


def import_engine() -> None:
    """Import what the first run needs: about 2.3 s on a 2-core CPU, nearly all of it torch."""
    import engine.methods  # noqa: F401
    import engine.training.trainer  # noqa: F401
    import torch

    torch.set_num_threads(1)  # this process draws; the engine process trains (thread_budget)


def run_app(open_file: str | None = None, lesson=None, lesson_folders: list[str] | None = None) -> int:
    """The app, on ``open_file`` (a checkpoint) or playing ``lesson`` (engine.lessons.schema.Lesson);
    ``lesson_folders`` (--lessons DIR) are listed in the Lesson menu beside the bundled lessons."""
    from gui.window.lesson_player import add_session_folders

    missing = [f for f in lesson_folders or [] if not Path(f).expanduser().is_dir()]
    if missing:  # a typo in the command: say so rather than open the app without those lessons
        print(f"encoder-lab: --lessons {missing[0]}: no such folder", file=sys.stderr)
        return 2
    add_session_folders(lesson_folders)
    import threading

    from PySide6.QtCore import QTimer

    from gui.session import start_worker

    from gui.qt_binding import binding_problem

    problem = binding_problem()
    if problem:  # before the engine starts: refuse now rather than abort in front of a class
        print(f"encoder-lab: {problem}", file=sys.stderr)
        from PySide6.QtWidgets import QMessageBox

        create_app()
        # The problem itself stays in English: it names a package release and a pip command to copy.
        QMessageBox.critical(None, _tr("Encoder Lab cannot start"), problem)
        return 1
    from gui.window.crash_notice import CrashWatch

    # Before the engine process is spawned: the last launch's crashes are read first, then faulthandler
    # writes this process's stack to <cache>/crash/ if it crashes, and a marker says it runs.
    crash_watch = CrashWatch()
    worker = start_worker()  # first: the engine process imports torch while Qt starts up here
    from engine.processes.thread_budget import apply_to_gui

    apply_to_gui()  # this process's share of the cores (engine/processes/thread_budget.py)
    app = create_app()
    from gui.window.main_window import MainWindow

    window = MainWindow(worker)
    if os.environ.get("ENCODER_LAB_STARTUP_PROBE"):
        from gui.startup_probe import install_startup_probe

        install_startup_probe(window)
    window.show()
    crash_watch.watch(window)  # says what crashed last time, once the window is up
    window.autosave.start()  # each run to the cache every few minutes and before it is discarded
    if lesson is not None:  # after the window has drawn: the lesson's configs import the engine here
        from gui.window.lesson_player import lesson_player

        QTimer.singleShot(0, lambda: lesson_player(window).open(lesson))
    else:
        window.start_first_run(open_file=open_file)
        if open_file is None:
            from gui.window.lesson_menu import show_lesson_list_on_first_launch

            QTimer.singleShot(0, lambda: show_lesson_list_on_first_launch(window))
    # This process needs the engine too, for the settings panel: it loads on a thread once the first
    # run is up (sooner, it would take CPU from the engine process's own start), and the GUI polls
    # for it, never waiting.
    loader = threading.Thread(target=import_engine, name="engine-import", daemon=True)

    def start_loader() -> None:
        if not loader.is_alive() and loader.ident is None:
            loader.start()
            window.load_engine_when_imported(loader)

    window.session.snapshot.connect(lambda _snap: start_loader())
    QTimer.singleShot(8000, start_loader)
    code = app.exec()
    crash_watch.end()  # a clean exit leaves no crash marker
    end_without_teardown(code)


def end_without_teardown(code: int) -> None:
    """End the window's process once the window has closed, without Python's teardown.

    By now the runs were saved or discarded as the user answered, the layout and settings are written,
    and the child processes are ended (Session.shutdown). What is left is Python deleting the window's
    Qt objects in whatever order its modules go away, and PySide6 with pyqtgraph can crash there (a
    pyqtgraph item whose wrapper dies before its scene; pyqtgraph's own pg.exit() exists for this). A
    crash at that point writes a crash log, and the next start would say the app crashed."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

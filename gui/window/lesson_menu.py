"""The Lesson menu and the list of lessons (the start page): every lesson by title, its claim and its
expected minutes, the bundled ones and those in folders the user added (Lesson ▸ Add lessons
folder…, or ``--lessons DIR`` on the command line), and Open lesson file… for one .toml anywhere.
A file that cannot be used is listed greyed out with the loader's message (file, field, valid choices)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLabel,
                               QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from gui.window.lesson_player import FOLDERS_KEY, caption_text, lesson_folders, lesson_player, open_lesson
from gui.window.lesson_rows import CLAIM_ROLE, TitleAndClaimDelegate

SHOWN_KEY = "lesson_list_shown"  # the list opens by itself at the first launch only


def _tr(text: str) -> str:
    return QCoreApplication.translate("LessonMenu", text)


def all_lessons() -> list[tuple[str, object, str]]:
    """(name, Lesson or None, problem) for every lesson file; a missing folder is one problem row."""
    return _in_words(read_lessons(lesson_folders()))


def read_lessons(folders: list[str]) -> list[tuple[str, object, object]]:
    """(name, Lesson or None, the engine's problem) for every lesson file: engine work only (no Qt, no
    settings), so that :class:`LessonReader` can do it off the GUI thread. A file the loader refuses
    (UTF-16, a FIFO, too big, nested without end) is one problem row and never hides the others."""
    from engine.lessons.loader import lesson_files, load_lesson
    from engine.lessons.schema import LessonError
    from engine.words import message_of

    rows, files = [], lesson_files()  # the bundled ones
    for folder in folders:  # a folder gone since it was added is one greyed row, not an error
        try:
            files.update(lesson_files([folder]))
        except LessonError as e:
            rows.append((folder, None, message_of(e)))
    for name, path in files.items():
        try:
            rows.append((name, load_lesson(path), ""))
        except LessonError as e:
            rows.append((name, None, message_of(e)))
    return rows


def _in_words(rows) -> list[tuple[str, object, str]]:
    """The problems in the user's language (on the GUI thread: translation is the GUI's)."""
    from gui.i18n_engine import engine_text

    return [(name, lesson, engine_text(problem) if problem else "") for name, lesson, problem in rows]


class LessonReader(QObject):
    """Reads every lesson file on a thread of its own and hands the rows to ``done`` on the GUI thread:
    a slow disk or a folder of many files never holds the window (a 50 MB file once held it 106 s)."""

    read = Signal(object)

    def __init__(self, done, parent: QObject):
        super().__init__(parent)
        self.done = done
        self.read.connect(self._deliver)  # queued: emitted on the reader's thread, run on the GUI thread

    def start(self) -> None:
        folders = lesson_folders()  # the settings are read here, on the GUI thread
        threading.Thread(target=self._run, args=(folders,), name="lesson-reader", daemon=True).start()

    def _run(self, folders: list[str]) -> None:
        try:
            rows = read_lessons(folders)
        except Exception as e:  # noqa: BLE001 (a bug, not a file: one row says so rather than no list)
            rows = [("?", None, str(e))]
        try:
            self.read.emit(rows)
        except RuntimeError:  # the list or menu closed meanwhile
            pass

    def _deliver(self, rows) -> None:
        self.done(_in_words(rows))


def build_lesson_menu(window) -> None:
    """Lesson ▸ All lessons…, Open lesson (listed when the menu opens), Open lesson file…, Add lessons
    folder…, Next caption, Restart lesson, Leave lesson."""
    menu = window.menuBar().addMenu(_tr("&Lesson"))
    window.all_lessons_action = menu.addAction(_tr("&All lessons…"), lambda: show_lesson_list(window),
                                               QKeySequence("Ctrl+L"))
    window.all_lessons_action.setToolTip(_tr("Every lesson with its claim and how long it takes (Ctrl+L)"))
    lessons = menu.addMenu(_tr("&Open lesson"))
    lessons.aboutToShow.connect(lambda: _fill_lessons(window, lessons))
    menu.addAction(_tr("Open lesson &file…"), lambda: open_lesson_file(window))
    menu.addAction(_tr("Add lessons &folder…"), lambda: add_lessons_folder(window))
    menu.addSeparator()
    window.next_caption_action = menu.addAction(_tr("&Next caption"), lambda: lesson_player(window).next_caption())
    window.next_caption_action.setToolTip(_tr("The lesson's next caption (N in presentation mode)"))
    window.restart_lesson_action = menu.addAction(_tr("&Restart lesson"), lambda: lesson_player(window).restart())
    window.restart_lesson_action.setToolTip(_tr("Both runs again from the lesson's settings, from the first caption"))
    window.leave_lesson_action = menu.addAction(_tr("&Leave lesson"), lambda: lesson_player(window).leave())
    window.leave_lesson_action.setToolTip(_tr("End the lesson and play on freely with its settings"))
    for action in (window.next_caption_action, window.restart_lesson_action, window.leave_lesson_action):
        action.setEnabled(False)


def _fill_lessons(window, menu: QMenu) -> None:
    """The menu at once with what the last reading found (a placeholder the first time), then again with
    what a fresh reading, off the GUI thread, finds."""
    rows = getattr(menu, "lesson_rows", None)
    _menu_rows(window, menu, rows)
    reader = getattr(menu, "lesson_reader", None)
    if reader is None:
        reader = menu.lesson_reader = LessonReader(lambda fresh: _menu_rows(window, menu, fresh), menu)
    reader.start()


def _menu_rows(window, menu: QMenu, rows) -> None:
    menu.lesson_rows = rows
    menu.clear()
    if rows is None:
        menu.addAction(_tr("Reading the lesson files…")).setEnabled(False)
        return
    for name, lesson, problem in rows:
        if lesson is None:
            action = menu.addAction(name)
            action.setEnabled(False)
            action.setToolTip(problem)
            continue
        action = menu.addAction(caption_text(lesson.title), lambda p=lesson.path: open_lesson(window, p))
        action.setToolTip(caption_text(lesson.claim))


def open_lesson_file(window) -> None:
    path, _ = QFileDialog.getOpenFileName(window, _tr("Open lesson file"), "", _tr("Lesson files (*.toml)"))
    if path:
        open_lesson(window, path)


def add_lessons_folder(window) -> None:
    from gui.window.settings import app_settings, string_list

    folder = QFileDialog.getExistingDirectory(window, _tr("Add a folder of lessons"))
    if not folder:
        return
    settings = app_settings()
    settings.setValue(FOLDERS_KEY, list(dict.fromkeys([*string_list(settings, FOLDERS_KEY), folder])))
    show_lesson_list(window)


# -- the list (start page) ------------------------------------------------------------------------
class LessonList(QDialog):
    """Every lesson: its title over its whole claim (gui/window/lesson_rows.py), and its expected minutes;
    double-click (or Open) plays one."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.setWindowTitle(_tr("Lessons"))
        self.resize(min(1100, window.width()), min(560, window.height()))
        layout = QVBoxLayout(self)
        intro = QLabel(_tr("Each lesson shows one claim of the course in one or two runs side by side. "
                           "Minutes: both runs and the check on 2 CPU cores (less with a GPU)."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_tr("Lesson"), _tr("Minutes")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)  # tells the rows apart now that each spans several lines
        self.tree.setItemDelegateForColumn(0, TitleAndClaimDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)  # rows of unequal height
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(lambda item, _col: self.open_item(item))
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox()
        # Our own words rather than the standard buttons': Qt's translations of those are not shipped.
        buttons.addButton(_tr("Open"), QDialogButtonBox.ButtonRole.AcceptRole).setToolTip(
            _tr("Play the selected lesson (or double-click it)"))
        buttons.addButton(_tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(lambda: self.open_item(self.tree.currentItem()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fill()

    def fill(self) -> None:
        """A placeholder row, then the lessons as a reader off the GUI thread finds them (``ready``)."""
        self.ready = False
        self.tree.clear()
        self.tree.addTopLevelItem(QTreeWidgetItem([_tr("Reading the lesson files…"), ""]))
        LessonReader(self.show_rows, self).start()

    def show_rows(self, rows) -> None:
        self.tree.clear()
        for name, lesson, problem in rows:
            if lesson is None:
                item = QTreeWidgetItem([name, ""])
                item.setData(0, CLAIM_ROLE, problem)
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # listed, greyed out, with why
            else:
                minutes = f"{lesson.minutes:g}" if lesson.minutes else "?"
                item = QTreeWidgetItem([caption_text(lesson.title), minutes])
                item.setData(0, CLAIM_ROLE, caption_text(lesson.claim))
                item.setData(0, Qt.ItemDataRole.UserRole, lesson.path)
                item.setToolTip(0, lesson.source)  # where the claim comes from
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.tree.addTopLevelItem(item)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.ready = True

    def open_item(self, item: QTreeWidgetItem | None) -> None:
        path = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if path and open_lesson(self.window, path):
            self.accept()


def show_lesson_list(window) -> LessonList:
    """The list, non-modal, so the window goes on drawing behind it; one at most: asked again (Ctrl+L, the
    menu), the open one comes to the front."""
    from shiboken6 import isValid

    open_one = getattr(window, "lesson_list", None)
    if open_one is not None and isValid(open_one) and open_one.isVisible():
        open_one.raise_()
        open_one.activateWindow()
        return open_one
    dialog = LessonList(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    window.lesson_list = dialog
    return dialog


def show_lesson_list_on_first_launch(window) -> None:
    """The list once, the first time the app opens (Lesson ▸ All lessons… brings it back)."""
    from gui.window.settings import app_settings

    settings = app_settings()
    if settings.value(SHOWN_KEY, False, type=bool):
        return
    settings.setValue(SHOWN_KEY, True)
    show_lesson_list(window)

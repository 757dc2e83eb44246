"""Broken lesson files in the app: the list (Lesson ▸ All lessons…, and the Open lesson menu) is read off
the GUI thread, shows every good lesson beside a greyed row per broken file, and opening a broken file
is a dialog, never a traceback or a window that waits."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QWidget

from tests.gui_helpers import wait_until
from tests.test_lessons import write_broken_lessons


@pytest.fixture
def broken_folder(tmp_path, monkeypatch):
    from gui.window import lesson_menu

    write_broken_lessons(tmp_path, "[{a=1}]", "table_view")
    monkeypatch.setattr(lesson_menu, "lesson_folders", lambda: [str(tmp_path)])
    return tmp_path


def _broken_names() -> tuple[str, ...]:
    return ("wide", "table_view", "deep") + (("pipe",) if hasattr(os, "mkfifo") else ())


def _said(name: str) -> str:
    """How the message about the broken file ``name`` starts: the file, then the field."""
    return f"{name}.toml: {'views' if name == 'table_view' else 'file'}: "


def test_the_lesson_list_is_read_off_the_gui_thread_and_lists_good_beside_broken_files(qtbot, gui_settings,
                                                                                       broken_folder, monkeypatch):
    from engine.lessons import loader
    from gui.window.lesson_menu import LessonList
    from gui.window.lesson_rows import CLAIM_ROLE

    real_load, release, threads = loader.load_lesson, threading.Event(), set()

    def held_load(path):  # a slow disk: each file waits until the test lets it go
        threads.add(threading.current_thread())
        release.wait(60)
        return real_load(path)

    monkeypatch.setattr(loader, "load_lesson", held_load)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = LessonList(parent)  # returns while the files are still held: the GUI thread does not read them
    qtbot.addWidget(dialog)
    assert not dialog.ready and dialog.tree.topLevelItem(0).text(0) == "Reading the lesson files…"
    release.set()
    wait_until(lambda: dialog.ready, 120, "the lesson files read")
    assert threads and threading.main_thread() not in threads
    rows = {dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i)
            for i in range(dialog.tree.topLevelItemCount())}
    assert "T" in rows and rows["T"].flags()  # the good one, openable
    assert len([r for r in rows.values() if r.flags()]) == len(loader.lesson_files()) + 1  # and every bundled one
    for name in _broken_names():
        assert not rows[name].flags() and rows[name].data(0, CLAIM_ROLE).startswith(_said(name))


def test_the_open_lesson_menu_fills_off_the_gui_thread(qtbot, gui_settings, broken_folder):
    from gui.window.lesson_menu import _fill_lessons

    menu = QMenu()
    _fill_lessons(None, menu)  # at first a placeholder, then what the reader found
    wait_until(lambda: getattr(menu, "lesson_rows", None) is not None, 120, "the lesson files read")
    texts = {a.text(): a for a in menu.actions()}
    assert "T" in texts and texts["T"].isEnabled()
    for name in _broken_names():
        assert not texts[name].isEnabled() and texts[name].toolTip().startswith(_said(name))


def test_opening_a_broken_lesson_file_is_a_dialog(broken_folder):
    from gui.window.lesson_player import open_lesson

    shown = []

    class Window:
        def show_error(self, title, message):
            shown.append((title, message))

    for name in _broken_names():
        assert not open_lesson(Window(), str(broken_folder / f"{name}.toml"), folders=[])
    assert [title for title, _ in shown] == ["Cannot open the lesson"] * len(_broken_names())
    assert all(message.startswith(_said(name)) for (_, message), name in zip(shown, _broken_names()))


def test_the_list_placeholder_cannot_be_opened(qtbot, gui_settings, broken_folder):
    from gui.window.lesson_menu import LessonList

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = LessonList(parent)
    qtbot.addWidget(dialog)
    placeholder = dialog.tree.topLevelItem(0)
    if not dialog.ready:
        assert placeholder.data(0, Qt.ItemDataRole.UserRole) is None
        dialog.open_item(placeholder)  # nothing happens
    wait_until(lambda: dialog.ready, 120, "the lesson files read")

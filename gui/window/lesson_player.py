"""The lesson player: a lesson (engine/lessons/) played in the window.

Opening a lesson starts its run A as the window's run and its run B, when it has one, beside it through
the comparison path (Run ▸ Compare's), named by the lesson's label for B. The caption of the current
step shows in presentation mode's caption bar, and in the status bar while not presenting. Next (key N
in presentation mode, and Lesson ▸ Next caption) moves to the next caption; Restart starts both runs
again from the lesson; Leave lesson ends the lesson but keeps the runs and their settings: free play
goes on from exactly where the lesson was.

In the app a run trains until stopped (no step budget): the lecturer paces the lesson with Next, and
leaving for free play must not leave a run that stops itself at the lesson's budget.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtWidgets import QMenu

NEXT_KEY = Qt.Key.Key_N


def caption_text(text: Any) -> str:
    """A lesson text (en, zh) in the language of the system's locale."""
    return text.zh if QLocale().language() == QLocale.Language.Chinese else text.en


class LessonPlayer(QObject):
    """Plays one lesson at a time in ``window`` (a MainWindow). ``lesson`` is None in free play."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.lesson = None
        self.index = 0  # the caption shown

    # -- open, restart, leave ---------------------------------------------------------------------
    def open(self, lesson) -> None:
        """Play ``lesson`` (an engine.lessons.schema.Lesson): start its runs, show its first caption."""
        self.lesson = lesson
        self.window.presentation.add_key(NEXT_KEY, self.next_caption, "next caption")
        self._show_views()
        self.restart()
        self._enable_actions(True)

    def restart(self) -> None:
        """Both runs again from the lesson's settings, fresh weights, playing or paused as the window was;
        back to the first caption."""
        if self.lesson is None:
            return
        window = self.window
        configs = [self.run_config(spec) for spec in self.lesson.runs]
        window.start_run(configs[0], paused=not window.running)
        if len(configs) > 1:  # paused or playing as A's run is, like Run ▸ Compare's B
            window.start_comparison(configs[1], self.lesson.runs[1].label)
        else:
            window.close_b()
        self.index = 0
        self._show_caption()

    def leave(self) -> None:
        """End the lesson; the runs and their settings stay, for free play."""
        if self.lesson is None:
            return
        self.lesson = None
        presentation = self.window.presentation
        presentation.remove_key(NEXT_KEY)
        presentation.set_caption("")
        self.window.statusBar().clearMessage()
        self._enable_actions(False)

    # -- captions ---------------------------------------------------------------------------------
    def next_caption(self) -> None:
        """The next caption; the last one stays."""
        if self.lesson is not None and self.index + 1 < len(self.lesson.captions):
            self.index += 1
            self._show_caption()

    def caption(self) -> str:
        """The caption shown now ("" in free play)."""
        if self.lesson is None or not self.lesson.captions:
            return ""
        return caption_text(self.lesson.captions[self.index].text)

    def _show_caption(self) -> None:
        text = self.caption()
        self.window.presentation.set_caption(text)
        n = len(self.lesson.captions)
        title = caption_text(self.lesson.title)
        # Not a timed message: the caption stays until Next, Restart or Leave.
        self.window.statusBar().showMessage(f"{title} ({self.index + 1}/{n}): {text}" if n else title)

    # -- helpers ----------------------------------------------------------------------------------
    def run_config(self, spec):
        """One of the lesson's runs as the app's RunConfig: the headless runner's, with the app's cadence
        (the views are watched here) and no step budget."""
        from engine.lessons.runner import run_config

        return replace(run_config(spec, self.lesson.steps, None), cadence=self.window.cadence(), steps=None)

    def _show_views(self) -> None:
        """The lesson's views: only those in presentation mode; shown and raised (others kept) otherwise."""
        from engine.lessons.schema import VIEWS

        titles = [VIEWS[v] for v in self.lesson.views if VIEWS[v] in self.window.docks]
        if self.window.presentation.active:
            self.window.presentation.show_only(titles)
            return
        for title in titles:
            self.window.docks[title].show()
            self.window.docks[title].raise_()

    def _enable_actions(self, on: bool) -> None:
        for name in ("next_caption_action", "restart_lesson_action", "leave_lesson_action"):
            action = getattr(self.window, name, None)
            if action is not None:
                action.setEnabled(on)


def lesson_player(window) -> LessonPlayer:
    """The window's player, made the first time it is needed."""
    player = getattr(window, "lesson_player", None)
    if player is None:
        player = window.lesson_player = LessonPlayer(window)
    return player


def open_lesson(window, name: str, folders: list[str] | None = None) -> bool:
    """Play the lesson called ``name`` (or a .toml path); a clear message when it cannot be. True if opened."""
    from engine.errors import EncoderLabError
    from engine.lessons.loader import find_lesson

    try:
        lesson = find_lesson(name, folders)
    except EncoderLabError as e:
        window.show_error("Cannot open the lesson", str(e))
        return False
    if not window.confirm_discard(f"open the lesson {lesson.name}"):
        return False
    lesson_player(window).open(lesson)
    return True


def build_lesson_menu(window) -> None:
    """Lesson ▸ Open lesson (the shipped lessons, listed when the menu opens), Next caption, Restart
    lesson, Leave lesson."""
    menu = window.menuBar().addMenu("&Lesson")
    lessons = menu.addMenu("&Open lesson")
    lessons.aboutToShow.connect(lambda: _fill_lessons(window, lessons))
    window.next_caption_action = menu.addAction("&Next caption", lambda: lesson_player(window).next_caption())
    window.next_caption_action.setToolTip("The lesson's next caption (N in presentation mode)")
    window.restart_lesson_action = menu.addAction("&Restart lesson", lambda: lesson_player(window).restart())
    window.restart_lesson_action.setToolTip("Both runs again from the lesson's settings, from the first caption")
    window.leave_lesson_action = menu.addAction("&Leave lesson", lambda: lesson_player(window).leave())
    window.leave_lesson_action.setToolTip("End the lesson and play on freely with its settings")
    for action in (window.next_caption_action, window.restart_lesson_action, window.leave_lesson_action):
        action.setEnabled(False)


def _fill_lessons(window, menu: QMenu) -> None:
    """One entry per lesson, by title; a file that cannot be used is listed disabled, with why."""
    from engine.lessons.loader import lesson_files, load_lesson
    from engine.lessons.schema import LessonError

    menu.clear()
    for name, path in lesson_files().items():
        try:
            lesson = load_lesson(path)
        except LessonError as e:
            action = menu.addAction(name)
            action.setEnabled(False)
            action.setToolTip(str(e))
            continue
        action = menu.addAction(caption_text(lesson.title), lambda n=name: open_lesson(window, n))
        action.setToolTip(caption_text(lesson.claim))

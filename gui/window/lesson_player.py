"""The lesson player: a lesson (engine/lessons/) played in the window.

Opening a lesson starts its run A as the window's run and its run B, when it has one, beside it through
the comparison path (Run ▸ Compare's), named by the lesson's label for B. The caption of the current
step shows in presentation mode's caption bar, and in the status bar while not presenting. Next (key N
in presentation mode, and Lesson ▸ Next caption) moves to the next caption; Restart starts both runs
again from the lesson; Leave lesson ends the lesson but keeps the runs and their settings: free play
goes on from exactly where the lesson was.

Captions come up by themselves as run A reaches their steps; Next shows the next one sooner. In the app
a run trains until stopped (no step budget): leaving for free play must not leave a run that stops
itself at the lesson's budget; the status bar says when the budget is reached.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer

from gui.window.run_maps import apply_lesson_maps, run_maps

NEXT_KEY = Qt.Key.Key_N
FOLDERS_KEY = "lesson_folders"  # the user's lesson folders, added in Lesson ▸ Add lessons folder…
_session_folders: list[str] = []  # --lessons DIR of this launch: listed, not remembered


def _tr(text: str) -> str:
    return QCoreApplication.translate("LessonPlayer", text)


def caption_text(text: Any) -> str:
    """A lesson text (en, zh) in the interface's language: Chinese while the Chinese translation is
    installed (gui/i18n.py), else English."""
    chinese = getattr(QCoreApplication.instance(), "_encoder_lab_translator", None) is not None
    return text.zh if chinese else text.en


class LessonPlayer(QObject):
    """Plays one lesson at a time in ``window`` (a MainWindow). ``lesson`` is None in free play."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.lesson = None
        self.index = 0  # the caption shown
        self.run_id = None  # the session's id of run A as the lesson started it
        self.budget_reached = False
        self._maps_due: dict = {}  # run id -> its lesson map (MapSpec), until its slot shows it
        # Captions come up as run A reaches their steps; Next moves on sooner, never back.
        self._follow = QTimer(self)
        self._follow.timeout.connect(self.follow_steps)
        window.presentation.switched.connect(lambda _on: self._show_caption() if self.lesson else None)

    # -- open, restart, leave ---------------------------------------------------------------------
    def open(self, lesson) -> None:
        """Play ``lesson`` (an engine.lessons.schema.Lesson): start its runs, show its first caption."""
        self.lesson = lesson
        self.window.presentation.add_key(NEXT_KEY, self.next_caption, _tr("next caption"))
        self._show_views()
        self.restart()
        self._enable_actions(True)
        self._follow.start(250)

    def restart(self) -> None:
        """Both runs again from the lesson's settings, fresh weights, playing or paused as the window was;
        back to the first caption."""
        if self.lesson is None:
            return
        window = self.window
        configs = [self.run_config(spec) for spec in self.lesson.runs]
        self.run_id = window.start_run(configs[0], paused=not window.running)
        self.budget_reached = False
        run_maps(window).drop_maps()  # the last runs' own maps; this lesson's are given as its runs start
        self._maps_due = {self.run_id: self.lesson.runs[0].map}
        if len(configs) > 1:  # paused or playing as A's run is, like Run ▸ Compare's B
            self._maps_due[window.start_comparison(configs[1], self.lesson.runs[1].label)] = self.lesson.runs[1].map
        else:
            window.close_b()
        self.index = 0
        self._show_caption()

    def leave(self) -> None:
        """End the lesson; the runs and their settings stay, for free play."""
        if self.lesson is None:
            return
        self.lesson = None
        self._follow.stop()
        self._maps_due = {}
        run_maps(self.window).drop_maps()  # back to the map settings every run shares
        presentation = self.window.presentation
        presentation.remove_key(NEXT_KEY)
        presentation.set_lesson_views(None)
        presentation.set_caption("")
        self.window.statusBar().clearMessage()
        self._enable_actions(False)

    # -- captions ---------------------------------------------------------------------------------
    def next_caption(self) -> None:
        """The next caption; the last one stays."""
        if self.lesson is not None and self.index + 1 < len(self.lesson.captions):
            self.index += 1
            self._show_caption()

    def follow_steps(self) -> None:
        """Show the last caption whose step run A has reached, if it is past the one shown."""
        window = self.window
        if self.lesson is not None and self._maps_due:  # a run's own map once its slot shows it
            self._maps_due = apply_lesson_maps(window, self._maps_due)
        if self.lesson is None or window.session.current_id != self.run_id:
            return  # the lesson's run A has not started yet: the step shown is the old run's
        reached = [i for i, c in enumerate(self.lesson.captions) if c.step <= window.step]
        if reached and reached[-1] > self.index:
            self.index = reached[-1]
            self._show_caption()
        with_b = window.control_of("B") is not None
        if not self.budget_reached and window.step >= self.lesson.steps and (
                not with_b or getattr(window, "step_b", 0) >= self.lesson.steps):
            self.budget_reached = True  # once: Play trains on past the budget
            run_maps(window).fresh_maps()  # the picture of the lesson's settings, not a warm start's
            if window.running:
                window.toggle_play()
            if window.presentation.active:
                return  # the transport shows Play again; the status bar holds the keys line
            window.statusBar().showMessage(_tr("{0}: the lesson's {1} steps are done; its claim should show "
                                               "now. Play trains on.").format(caption_text(self.lesson.title),
                                                                              self.lesson.steps))

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
        if self.window.presentation.active:  # the caption bar shows it; the keys line has the status bar
            self.window.statusBar().clearMessage()
            return
        # Not a timed message: the caption stays until Next, Restart or Leave.
        self.window.statusBar().showMessage(_tr("{0} ({1}/{2}): {3}").format(title, self.index + 1, n, text)
                                           if n else title)

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
        self.window.presentation.set_lesson_views(titles)  # alone while presenting, now or later
        if self.window.presentation.active:
            return
        for title in titles:
            self.window.docks[title].show()
            self.window.docks[title].raise_()

    def _enable_actions(self, on: bool) -> None:
        for name in ("next_caption_action", "restart_lesson_action", "leave_lesson_action"):
            action = getattr(self.window, name, None)
            if action is not None:
                action.setEnabled(on)


def lesson_folders() -> list[str]:
    """The user's lesson folders: those added in the menu (remembered) and this launch's --lessons."""
    from gui.window.settings import app_settings, string_list

    return list(dict.fromkeys([*string_list(app_settings(), FOLDERS_KEY), *_session_folders]))


def add_session_folders(folders: list[str] | None) -> None:
    _session_folders.extend(f for f in folders or [] if f not in _session_folders)


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

    if folders is None:
        folders = lesson_folders()
    try:
        lesson = find_lesson(name, folders)
    except EncoderLabError as e:
        window.show_error(_tr("Cannot open the lesson"), str(e))
        return False
    if not window.confirm_discard(_tr("open the lesson {0}").format(lesson.name)):
        return False
    lesson_player(window).open(lesson)
    return True

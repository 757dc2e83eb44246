"""The lesson player: a lesson (engine/lessons/) played in the window.

Opening a lesson starts its run A as the window's run and its run B, when it has one, beside it through
the comparison path (Run ▸ Compare's), named by the lesson's label for B. The caption of the current
step shows in presentation mode's caption bar, and in the status bar while not presenting. Next (key N
in presentation mode, and Lesson ▸ Next caption) moves to the next caption; Restart starts both runs
again from the lesson; Leave lesson ends the lesson but keeps the runs and their settings: free play
goes on from exactly where the lesson was.

Captions come up by themselves as run A reaches their steps; Next shows the next one sooner. Each run
pauses itself at exactly the lesson's budget (pause_at_step: paused by the window, which sees steps
late, two runs stood at 321 and 302 for 300); Play then trains on, and leaving takes the pause away.
There the check is measured as `lesson run` measures it, and its verdict shows (gui/window/lesson_verdict.py).
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer

from engine.training.snapshots import EmbeddingUpdate
from gui.i18n import current_language
from gui.window.lesson_verdict import VerdictLine
from gui.window.run_maps import apply_lesson_maps, run_maps

NEXT_KEY = Qt.Key.Key_N
END_EMBEDDINGS_WAIT_S = 10.0  # past this, the end's maps are asked from the newest embeddings there are
ACTION_NAMES = ("next_caption_action", "restart_lesson_action", "leave_lesson_action")  # the Lesson menu's
FOLDERS_KEY = "lesson_folders"  # the user's lesson folders, added in Lesson ▸ Add lessons folder…
_session_folders: list[str] = []  # --lessons DIR of this launch: listed, not remembered


def _tr(text: str) -> str:
    return QCoreApplication.translate("LessonPlayer", text)


def caption_text(text: Any) -> str:
    """A lesson text (en, zh) in the interface's language: Chinese while the Chinese translation is
    installed (gui/i18n.py), else English."""
    return text.zh if current_language() == "zh_CN" else text.en


class LessonPlayer(QObject):
    """Plays one lesson at a time in ``window`` (a MainWindow). ``lesson`` is None in free play."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.lesson = None
        self.index = 0  # the caption shown
        self.run_id = None  # the session's id of run A as the lesson started it
        self.budget = 0  # the step both runs stop at: the lesson's, or a clip's --steps
        self.budget_reached = False
        self._maps_due: dict = {}  # run id -> its lesson map (MapSpec), until its slot shows it
        # A new run raises the views of its method (the Method view for SimCLR): the lesson's go back on
        # top once run A shows, else a lesson about the map opens on another view.
        self._views_due = False
        # At the end, each run with a map of its own is drawn afresh from its final embeddings: run id ->
        # the step they must reach, until they have passed on to the analysis process.
        self._end_embeddings_due: dict[int, int] = {}
        self._end_deadline = 0.0
        self.end_maps_asked = False  # the fresh maps of the end were asked for (gui/tools/record.py waits on them)
        window.session.snapshot.connect(self._on_snapshot)
        # Captions come up as run A reaches their steps; Next moves on sooner, never back.
        self._follow = QTimer(self)
        self._follow.timeout.connect(self.follow_steps)
        window.presentation.switched.connect(lambda _on: self._show_caption() if self.lesson else None)
        self.bar = None  # the lesson bar (gui/window/lesson_bar.py), made with the first lesson
        self.judge = VerdictLine(self)  # the check measured at the budget, and its verdict on screen

    # -- open, restart, leave ---------------------------------------------------------------------
    def open(self, lesson, budget: int | None = None) -> None:
        """Play ``lesson`` (an engine.lessons.schema.Lesson): start its runs, show its first caption.
        ``budget``: stop and judge at this step instead of the lesson's (a short clip)."""
        self.lesson = lesson
        self.budget = int(budget or lesson.steps)
        self.window.presentation.add_key(NEXT_KEY, self.next_caption, _tr("next caption"))
        self.show_views()
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
        self.judge.clear()
        self.run_id = window.start_run(configs[0], paused=not window.running)
        self.budget_reached = False
        self._views_due = True
        self._end_embeddings_due, self.end_maps_asked = {}, False
        run_maps(window).drop_maps()  # the last runs' own maps; this lesson's are given as its runs start
        self._maps_due = {self.run_id: self.lesson.runs[0].map}
        if len(configs) > 1:  # paused or playing as A's run is, like Run ▸ Compare's B
            base = (configs[0].method, configs[0].dataset)  # B may be another method: compared with this A
            self._maps_due[window.start_comparison(configs[1], self.lesson.runs[1].label, base=base)] = \
                self.lesson.runs[1].map
        else:
            window.close_b()
        for control in self.lesson_controls().values():  # both stop at exactly the budget, by themselves
            control.pause_at_step(self.budget)
        self.index = 0
        if self.bar is not None:
            self.bar.set_note("")
        self._show_caption()

    def leave(self) -> None:
        """End the lesson; the runs and their settings stay, for free play."""
        if self.lesson is None:
            return
        for control in self.lesson_controls().values():
            control.pause_at_step(0)  # free play: nothing stops at the lesson's budget any more
        self.judge.clear()
        self.lesson = None
        self._follow.stop()
        self._maps_due = {}
        self._end_embeddings_due = {}
        run_maps(self.window).drop_maps()  # back to the map settings every run shares
        presentation = self.window.presentation
        presentation.remove_key(NEXT_KEY)
        presentation.set_lesson_views(None)
        presentation.set_caption("")
        if self.bar is not None:
            self.bar.hide()
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
        if self._end_embeddings_due and time.monotonic() > self._end_deadline:
            self._ask_fresh_maps()  # the final embeddings did not come (a run ended?): the newest there are
        if self.lesson is None or window.session.current_id != self.run_id:
            return  # the lesson's run A has not started yet: the step shown is the old run's
        if self._views_due and window.shown_runs.get("A") == self.run_id:
            self._views_due = False
            self.show_views()
        reached = [i for i, c in enumerate(self.lesson.captions) if c.step <= window.step]
        if reached and reached[-1] > self.index:
            self.index = reached[-1]
            self._show_caption()
        with_b = window.control_of("B") is not None
        if not self.budget_reached and window.step >= self.budget and (
                not with_b or getattr(window, "step_b", 0) >= self.budget):
            self.budget_reached = True  # once: Play trains on past the budget
            self.ask_end_maps()  # the picture of the lesson's settings, not a warm start's
            if window.running:  # the runs paused themselves at the budget: the button says so
                window.toggle_play()
            if self.bar is not None:  # presentation mode: the transport shows Play again, which says it
                self.bar.set_note(_tr("The lesson's {0} steps are done: both runs stopped there, and its check "
                                      "is measured on them. Play trains on.").format(self.budget))
            self.judge.measure(self.lesson, self.lesson_controls(), self.budget)

    # -- the maps of the end ------------------------------------------------------------------------
    def ask_end_maps(self) -> None:
        """Have each run with a map of its own drawn afresh from its embeddings of now, once they reached
        the analysis process. Pausing (or a single step) makes a run send them; a run paused already is
        asked for them. Called at the budget (a clip's --steps is its budget: gui/tools/record.py)."""
        window, maps = self.window, run_maps(self.window)
        steps = {"A": window.step, "B": getattr(window, "step_b", 0)}
        self._end_embeddings_due = {run_id: steps[slot] for slot, run_id in maps.own.items() if maps.has_own(slot)}
        self._end_deadline = time.monotonic() + END_EMBEDDINGS_WAIT_S
        if not window.running:  # nothing is about to pause: ask for every view now
            for slot, run_id in maps.own.items():
                control = window.control_of(slot) if run_id in self._end_embeddings_due else None
                if control is not None:
                    control.refresh()
        if not self._end_embeddings_due:
            self._ask_fresh_maps()

    def _on_snapshot(self, snap) -> None:
        # The session passes a run's embeddings on to the analysis process before the window sees them:
        # a request sent now reaches the analysis after them.
        due = self._end_embeddings_due
        if (due and isinstance(snap, EmbeddingUpdate) and snap.kind == "model" and snap.run_id in due
                and snap.step >= due[snap.run_id]):
            del due[snap.run_id]
            if not due:
                self._ask_fresh_maps()

    def _ask_fresh_maps(self) -> None:
        self._end_embeddings_due = {}
        run_maps(self.window).fresh_maps()
        self.end_maps_asked = True

    @property
    def verdict_shown(self) -> bool:
        """Whether the verdict of the budget is on screen (gui/tools/record.py ends the clip after it)."""
        return self.judge.done

    def shown_text(self) -> str:
        """The caption and the verdict under it: what a recording burns into its frames."""
        return "\n".join(t for t in (self.caption(), self.judge.text) if t)

    def caption(self) -> str:
        """The caption shown now ("" in free play)."""
        if self.lesson is None or not self.lesson.captions:
            return ""
        return caption_text(self.lesson.captions[self.index].text)

    def _show_caption(self) -> None:
        text = self.caption()
        self.window.presentation.set_caption(text)
        bar = self.bar or self._make_bar()
        bar.show_lesson(caption_text(self.lesson.title), self.index, len(self.lesson.captions), text)
        bar.setVisible(not self.window.presentation.active)  # presenting, the caption bar shows it, larger

    def _make_bar(self):
        """The lesson bar, on a row of its own under the transport and the messages."""
        from gui.window.lesson_bar import LessonBar

        window = self.window
        actions = [a for a in (getattr(window, n, None) for n in ACTION_NAMES) if a is not None]
        self.bar = LessonBar(actions, window)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        return self.bar

    # -- helpers ----------------------------------------------------------------------------------
    def run_config(self, spec):
        """One of the lesson's runs as the app's RunConfig: the headless runner's, with the app's cadence
        (the views are watched here) and no step budget."""
        from engine.lessons.runner import run_config

        return replace(run_config(spec, self.lesson.steps, None), cadence=self.window.cadence(), steps=None)

    def show_views(self) -> None:
        """The lesson's views: only those in presentation mode; shown and raised (others kept) otherwise."""
        from engine.lessons.schema import VIEWS

        titles = [VIEWS[v] for v in self.lesson.views if VIEWS[v] in self.window.docks]
        self.window.hold_paint()  # docks shown, hidden and resized: repainted one per turn
        self.window.presentation.set_lesson_views(titles)  # alone while presenting, now or later
        if self.window.presentation.active:
            return
        for title in titles:
            self.window.docks[title].show()
            self.window.docks[title].raise_()

    def hold_at_budget(self) -> None:
        """Before Play resumes the runs: while the lesson's budget is not reached by both, each stops at it
        again. A run that stopped there by itself has used its pause (Play trains on past it), and Pause
        then Play while the other run was still on its way let it pass the budget: compared at unequal
        steps. Called by the transport; a run already at the budget stays there."""
        if self.lesson is None or self.budget_reached:
            return
        for control in self.lesson_controls().values():
            control.pause_at_step(self.budget)

    def lesson_controls(self) -> dict:
        """The controls of the lesson's runs still alive, by name ("A", "B"); not control_of(slot): a
        run just started shows in no slot yet."""
        session = self.window.session
        ids = (self.run_id, session.compare_id if len(self.lesson.runs) > 1 else None)
        return {name: session.controls[i] for name, i in zip(self.lesson.run_names, ids) if i in session.controls}

    def _enable_actions(self, on: bool) -> None:
        for name in ACTION_NAMES:
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
    from engine.words import message_of
    from gui.i18n_engine import engine_text

    if folders is None:
        folders = lesson_folders()
    try:
        lesson = find_lesson(name, folders)
    except EncoderLabError as e:
        window.show_error(_tr("Cannot open the lesson"), engine_text(message_of(e)))
        return False
    if not window.confirm_discard(_tr("open the lesson {0}").format(lesson.name)):
        return False
    lesson_player(window).open(lesson)
    return True

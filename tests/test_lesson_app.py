"""Lessons in the window (issue 13 §2, §4, §6, §9): captions come up as run A reaches their steps and
both runs pause at the lesson's budget; the lesson list (start page) shows every lesson with its claim
and minutes, a user's folder too, and a broken file greyed with why; a lesson file opens from disk; and
a lesson played in presentation mode is recorded to a GIF that reads back with its caption burned in."""

from __future__ import annotations

import numpy as np
from PIL import Image

from tests.gui_helpers import open_app_window, settle, wait_until

TINY = """
title = {{ en = "Tiny lesson", zh = "小课" }}
claim = {{ en = "A tiny claim", zh = "小主张" }}
source = "nowhere, section 0"
steps = {steps}
minutes = 0.5
views = ["loss", "images"]

[A]
label = "small"
method = "autoencoder"
dataset = "digits"
settings = {{ latent_dim = 2, width = 8 }}
run = {{ batch_size = 16, seed = 1 }}

[B]
label = "wide"
settings = {{ latent_dim = 8 }}

[[captions]]
step = 0
en = "first caption"
zh = "第一条"

[[captions]]
step = {middle}
en = "second caption"
zh = "第二条"

[[captions]]
step = {steps}
en = "last caption"
zh = "最后一条"

[check]
metric = "reconstruction_error"
compare = "B < A"
"""


def tiny_lesson(folder, name="tiny", steps=12):
    path = folder / f"{name}.toml"
    path.write_text(TINY.format(steps=steps, middle=steps // 2), encoding="utf-8")
    return path


def _window(qtbot, analysis=False):
    from engine.training.config import RunConfig
    from gui.window.main_window import MainWindow

    w = open_app_window(qtbot, RunConfig(method="autoencoder", dataset="digits", run_params={"seed": 3},
                                         cadence=MainWindow.cadence()), analysis=analysis)
    w.ask_before_discard = False
    return w


def started_tiny_lesson(qtbot, tmp_path, steps=12):
    """A window playing the tiny lesson of ``steps`` steps, both its runs started (paused): (window,
    player, the lesson's file)."""
    from gui.window.lesson_player import open_lesson

    path = tiny_lesson(tmp_path, steps=steps)
    w = _window(qtbot)
    assert open_lesson(w, str(path))
    player = w.lesson_player
    wait_until(lambda: w.session.current_id == player.run_id and w.control_of("B") is not None,
               what="the lesson's runs to start")
    return w, player, path


def test_captions_follow_the_steps_and_the_runs_pause_at_the_budget(qtbot, gui_settings, tmp_path):
    from gui.window.lesson_player import open_lesson

    w = _window(qtbot)
    assert open_lesson(w, str(tiny_lesson(tmp_path)))
    player = w.lesson_player
    assert w.presentation.caption() == "first caption"
    player.follow_steps()  # the old run's step must not move the captions before the lesson's run starts
    assert player.index == 0
    wait_until(lambda: w.session.current_id == player.run_id and w.control_of("B") is not None,
               what="the lesson's runs to start")
    w.toggle_play()
    wait_until(lambda: player.budget_reached, timeout=120, what="the lesson's budget")
    assert w.presentation.caption() == "last caption" and player.index == 2
    wait_until(lambda: not w.running, what="both runs to pause at the budget")
    assert w.step == 12 and w.step_b == 12  # exactly: the runs pause themselves there (issue 19 §5)
    assert "12 steps are done" in player.bar.shown_text()
    wait_until(lambda: player.verdict_shown, timeout=300, what="the lesson's verdict")
    w.toggle_play()  # Play trains on past the budget, and the budget does not stop it again
    step = w.step
    wait_until(lambda: w.step > step + 3, timeout=60, what="training past the budget")
    assert w.running
    w.toggle_play()


def test_pause_then_play_before_both_runs_reach_the_budget_does_not_let_a_pass_it(qtbot, gui_settings, tmp_path):
    """A stopped at the budget by itself while B was still on its way; Pause then Play used to let A train
    past it, and the lesson compared A and B at unequal steps (issue 19 §5)."""
    w, player, _ = started_tiny_lesson(qtbot, tmp_path, steps=40)
    w.toggle_play()
    w.control_of("B").pause()  # B falls behind: A reaches the budget alone
    wait_until(lambda: w.step == 40, timeout=120, what="A to reach the budget")
    assert w.step_b < 40 and w.running and not player.budget_reached
    w.toggle_play()  # Pause ...
    w.toggle_play()  # ... and Play: B goes on to the budget, A stays there
    wait_until(lambda: player.budget_reached, timeout=120, what="B to reach the budget too")
    settle(1.0)
    assert w.step == 40 and w.step_b == 40
    assert not w.running


def test_the_lessons_views_are_on_top_once_its_run_shows_not_the_ones_the_run_raises(qtbot, gui_settings,
                                                                                     tmp_path):
    """A new run raises its method's views (the Latent explorer for a 2-d autoencoder, tabbed with the
    Embedding map): a lesson about the map must still open on the map."""
    from gui.window.lesson_player import open_lesson

    path = tiny_lesson(tmp_path, "on_the_map")
    path.write_text(path.read_text(encoding="utf-8").replace('views = ["loss", "images"]', 'views = ["map"]'),
                    encoding="utf-8")
    w = _window(qtbot)
    dock = w.docks["Embedding map"]
    w.docks["Latent explorer"].raise_()  # as the window's first run left it
    assert open_lesson(w, str(path))
    player = w.lesson_player
    wait_until(lambda: w.shown_runs.get("A") == player.run_id, what="the lesson's run A to show")
    wait_until(lambda: not player._views_due, what="the player to notice it")
    settle(0.1)
    assert dock.isVisible() and not dock.visibleRegion().isEmpty()  # on top of its tabs, not behind one
    assert w.docks["Latent explorer"].visibleRegion().isEmpty()


def test_the_lesson_list_shows_claims_minutes_a_users_folder_and_a_broken_file(qtbot, gui_settings, tmp_path,
                                                                                 monkeypatch):
    from engine.lessons.loader import lesson_files
    from gui.window import lesson_player
    from gui.window.lesson_menu import show_lesson_list
    from gui.window.lesson_rows import CLAIM_ROLE

    monkeypatch.setattr(lesson_player, "_session_folders", [])  # this launch's --lessons, for this test only
    add_session_folders = lesson_player.add_session_folders

    tiny_lesson(tmp_path, "my_lesson")
    (tmp_path / "broken.toml").write_text(TINY.format(steps=12, middle=6).replace('"autoencoder"', '"autoencodr"'),
                                          encoding="utf-8")
    add_session_folders([str(tmp_path)])
    w = _window(qtbot)
    dialog = show_lesson_list(w)
    wait_until(lambda: dialog.ready, what="the lesson files read")  # off the GUI thread
    rows = {dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i)
            for i in range(dialog.tree.topLevelItemCount())}
    assert len(rows) == len(lesson_files()) + 2  # the bundled ones, mine and the broken one
    mine = rows["Tiny lesson"]
    assert mine.data(0, CLAIM_ROLE) == "A tiny claim" and mine.text(1) == "0.5"
    broken = rows["broken"]
    problem = broken.data(0, CLAIM_ROLE)
    assert "autoencodr" in problem and "autoencoder" in problem  # names the valid choices
    assert not broken.flags()  # greyed: cannot be opened
    dialog.tree.setCurrentItem(mine)
    dialog.open_item(mine)
    assert w.lesson_player.lesson.name == "my_lesson" and not dialog.isVisible()


def test_each_row_of_the_lesson_list_shows_its_whole_claim_wrapped(qtbot, gui_settings):
    """A claim is wrapped to the column, not elided to one line: the row of the longest claim grows by
    the lines its claim needs, in a narrow list more than in a wide one, and stays on screen whole."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QWidget

    from gui.window.lesson_menu import LessonList
    from gui.window.lesson_rows import CLAIM_ROLE

    parent = QWidget()
    parent.resize(1280, 720)
    qtbot.addWidget(parent)
    dialog = LessonList(parent)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_until(lambda: dialog.ready, what="the lesson files read")  # off the GUI thread
    tree = dialog.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    longest = max(items, key=lambda item: len(item.data(0, CLAIM_ROLE) or ""))
    assert len(longest.data(0, CLAIM_ROLE)) > 200  # a claim of two or three sentences

    def row_height(width: int) -> int:
        dialog.resize(width, 560)
        wait_until(lambda: tree.columnWidth(0) < width, what="the list to lay out")
        settle(0.1)  # the rows are laid out again after the column's width changes (a queued layout)
        return tree.visualItemRect(longest).height()

    line = QFontMetrics(tree.font()).lineSpacing()
    wide, narrow = row_height(1100), row_height(600)
    assert wide >= 3 * line  # the title and at least two lines of claim: nothing elided to one line
    assert narrow >= wide + line  # a narrower column wraps the claim to more lines
    assert narrow <= 12 * line  # and no more than it needs


def test_open_lesson_file_plays_a_toml_from_anywhere(qtbot, gui_settings, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from gui.window.lesson_menu import open_lesson_file

    path = tiny_lesson(tmp_path, "from_disk")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    w = _window(qtbot)
    open_lesson_file(w)
    assert w.lesson_player.lesson.name == "from_disk"


def test_a_lesson_in_presentation_mode_is_recorded_to_a_gif_with_its_caption(qtbot, gui_settings, tmp_path):
    """§9: open a lesson, step through its captions, toggle presentation mode, record three frames."""
    from PySide6.QtCore import Qt

    from gui.recording.record_actions import start_recording, stop_recording
    from gui.tools.screenshot import pump_for
    from gui.window.lesson_player import open_lesson

    w = _window(qtbot)
    assert open_lesson(w, str(tiny_lesson(tmp_path, steps=200)))
    w.presentation.enter()
    assert w.height() <= w.screen().geometry().height()
    # Full screen and the runs' first figures settle before the first frame sets the clip's size (the
    # snapshot pacer rests between deliveries, so they may still be arriving).
    heights = []

    def settled() -> bool:
        pump_for(0.25)
        heights.append(w.height())
        return w.session._pacer.pending() == 0 and len(heights) >= 4 and len(set(heights[-4:])) == 1

    wait_until(settled, timeout=30, what="the window's height to settle")
    # Run B (with a latent code) did not show the Latent explorer, which this lesson does not name: shown
    # while full screen, it took a row and the window grew 17 px past the screen.
    assert w.height() <= w.screen().geometry().height() and w.docks["Latent explorer"].isHidden()
    w.activateWindow()
    w.setFocus()
    seen = [w.presentation.caption_bar.text.text()]
    for _ in range(2):
        qtbot.keyClick(w, Qt.Key.Key_N)
        seen.append(w.presentation.caption_bar.text.text())
    assert seen == ["first caption", "second caption", "last caption"]

    out = tmp_path / "lesson.gif"
    recorder = start_recording(w, str(out), fps=10)
    assert recorder is not None and w.record_action.text() != "&Record…"
    wait_until(lambda: recorder.frames >= 3, timeout=10, what="three frames")
    stop_recording(w, wait=True)
    pump_for(0.2)
    assert recorder.state == "done" and w.record_action.text() == "&Record…"
    assert "Recording saved" in w.statusBar().currentMessage()
    gif = Image.open(out)
    assert gif.n_frames >= 1 and recorder.frames >= 3
    frame = np.asarray(gif.convert("RGB"))
    width, height = recorder.writer.size  # the first frame's: every frame is fitted to it
    assert frame.shape[:2] == (height, width) and width >= 640
    assert height == w.height() + recorder.band  # the band is added below the window, covering no view
    bottom = frame[-6:, :, :].reshape(-1, 3)
    assert (bottom < 70).all(axis=1).mean() > 0.8  # the caption's dark band across the bottom
    w.presentation.leave()


def test_a_recording_to_an_unknown_format_is_refused_and_nothing_starts(qtbot, gui_settings, tmp_path):
    from gui.recording.record_actions import start_recording

    w = _window(qtbot)
    assert start_recording(w, str(tmp_path / "clip.avi")) is None
    assert ".gif" in w.last_error[1] and ".mp4" in w.last_error[1]
    assert getattr(w, "recorder", None) is None and not (tmp_path / "clip.avi").exists()

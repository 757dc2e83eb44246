"""Issue 19 §5 in the window: both runs of a lesson stop at exactly its budget (seen: A 321 / B 302 at a
budget of 300), the check is measured there as `lesson run` measures it and its verdict shows in the
lesson bar and the caption bar, `record --lesson` ends once the verdict is on screen, and the t-SNE
perplexity lesson's A and B are the same run at the budget."""

from __future__ import annotations

import argparse

import pytest

from tests.gui_helpers import wait_until
from tests.test_lesson_app import _window, started_tiny_lesson, tiny_lesson

VERDICT_WAIT = 300  # seconds: a process that imports torch and measures, on a busy 2-core machine


def test_both_runs_stop_at_the_budget_and_the_verdict_is_lesson_runs(qtbot, gui_settings, tmp_path):
    from engine.lessons.loader import load_lesson
    from engine.lessons.runner import run_lesson

    w, player, path = started_tiny_lesson(qtbot, tmp_path, steps=9)
    w.presentation.enter()  # the caption bar shows the verdict too
    w.toggle_play()
    wait_until(lambda: player.verdict_shown, timeout=VERDICT_WAIT, what="the lesson's verdict")
    assert (w.step, w.step_b) == (9, 9) and not w.running
    verdict = player.judge.verdict
    assert verdict.result["steps"] == {"A": 9, "B": 9}  # what was measured: the runs at the budget
    headless = run_lesson(load_lesson(path))  # `python main.py lesson run` at the same budget
    assert verdict.result["values"] == pytest.approx(headless["values"], rel=1e-6)
    assert verdict.held == headless["held"] and verdict.words == headless["verdict"]
    assert verdict.text.startswith("Held: " if verdict.held else "Not this time: ")
    assert w.presentation.caption_bar.verdict_text() == verdict.text
    assert verdict.text in player.shown_text()  # what a recording burns in under the frames
    w.presentation.leave()
    assert verdict.text in player.bar.shown_text()
    player.leave()
    assert w.presentation.caption_bar.verdict_text() == "" and player.bar.isHidden()


def test_a_restart_while_measuring_drops_that_verdict(qtbot, gui_settings, tmp_path):
    w, player, _ = started_tiny_lesson(qtbot, tmp_path, steps=4)
    w.toggle_play()
    wait_until(lambda: player.judge.verdict is not None, timeout=120, what="the budget")
    first = player.judge.verdict
    player.restart()
    assert first.state == "cancelled" and player.judge.verdict is None and player.judge.text == ""
    assert (w.presentation.caption_bar.verdict_text(), player.bar.verdict.isHidden()) == ("", True)


def test_closing_the_window_while_measuring_ends_the_measuring_process(qtbot, gui_settings, tmp_path):
    """It was left to the QProcess's destructor with the window: "Destroyed while process is still
    running", and a wait of up to 30 s."""
    import os

    w, player, _ = started_tiny_lesson(qtbot, tmp_path, steps=4)
    w.toggle_play()
    wait_until(lambda: player.judge.verdict is not None and player.judge.verdict._process is not None
               and player.judge.verdict._process.processId() > 0, timeout=120, what="the measuring process")
    pid = player.judge.verdict._process.processId()
    w.close()

    def ended() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return open(f"/proc/{pid}/stat").read().split()[2] == "Z" if os.path.exists(f"/proc/{pid}/stat") else False

    wait_until(ended, timeout=10, what="the measuring process to end")


def test_record_ends_once_the_verdict_is_on_screen(qapp, gui_settings, tmp_path, monkeypatch, capsys):
    """Seen: the clip ended on caption 2 of 3 at step 198 of 200, before anything was judged."""
    from gui.recording import record_actions
    from gui.tools import record

    monkeypatch.setattr(record, "HOLD", 0.3)
    recorders = []
    start = record_actions.start_recording
    monkeypatch.setattr(record_actions, "start_recording",
                        lambda *a, **k: recorders.append(start(*a, **k)) or recorders[-1])
    args = argparse.Namespace(lesson=str(tiny_lesson(tmp_path, steps=6)), method=None, dataset="digits",
                              out=str(tmp_path / "clip.gif"), fps=4.0, steps=None, view=None, size="640x400",
                              presentation=True, language=None, lessons=None)
    assert record.main(args) == 0
    out = capsys.readouterr().out
    assert "step 6" in out and "verdict at step 6: " in out
    verdict = out.split("verdict at step 6: ", 1)[1].strip()
    assert verdict.startswith(("Held: ", "Not this time: "))
    recorder = recorders[0]
    assert recorder.state == "done" and verdict in recorder.burned  # the last frame's band says it
    assert "last caption" in recorder.burned


@pytest.mark.analysis
def test_the_perplexity_lessons_runs_are_one_run_at_the_budget(qtbot, gui_settings, tmp_path):
    """Lesson 17 says A and B are the same run; the status bar showed A at step 35 and B at 26 with other
    probe scores. At the budget they stand at one step with the same weights and the same probe scores."""
    import numpy as np

    from engine.lessons.loader import find_lesson
    from engine.training.checkpoint import read_checkpoint
    from engine.training.snapshots import MetricsUpdate, RunEvent
    from gui.window.lesson_player import lesson_player

    budget = 3
    w = _window(qtbot, analysis=True)
    scores, copies = {}, {}

    def on_snapshot(snap):
        if isinstance(snap, MetricsUpdate) and snap.kind == "model" and snap.step == budget:
            scores[snap.run_id] = snap.scores
        if isinstance(snap, RunEvent) and snap.kind == "copy_saved" and str(tmp_path) in snap.path:
            copies[snap.run_id] = snap

    w.session.snapshot.connect(on_snapshot)
    player = lesson_player(w)
    player.open(find_lesson("tsne_perplexity"), budget=budget)
    wait_until(lambda: w.session.current_id == player.run_id and w.control_of("B") is not None, timeout=120,
               what="the lesson's runs to start")
    a, b = player.run_id, w.session.compare_id
    w.toggle_play()
    wait_until(lambda: player.budget_reached, timeout=300, what="the budget")
    assert (w.step, w.step_b) == (budget, budget)
    for slot, run_id in (("A", a), ("B", b)):
        w.session.controls[run_id].save_copy(str(tmp_path / f"{slot}.safetensors"))
    wait_until(lambda: len(copies) == 2, timeout=120, what="both runs' copies")
    assert copies[a].step == copies[b].step == budget
    weights_a, weights_b = (read_checkpoint(copies[i].path).model_state for i in (a, b))
    assert weights_a.keys() == weights_b.keys()
    assert all(np.array_equal(weights_a[k].numpy(), weights_b[k].numpy()) for k in weights_a)
    wait_until(lambda: a in scores and b in scores, timeout=300, what="both runs' probe scores at the budget")
    assert scores[a] == pytest.approx(scores[b], abs=1e-9, nan_ok=True)
    w.session.snapshot.disconnect(on_snapshot)
    player.leave()

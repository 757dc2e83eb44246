"""Lesson 17 (tsne_perplexity) in the window, not only headless: run A's map is drawn at perplexity 5
and run B's at 50, each pane showing its own run's settings; the analysis process is sent them for that
run only, a change in one pane stays with its run, the budget asks for fresh maps, and leaving the
lesson brings every run back to the shared settings."""

from __future__ import annotations

from pathlib import Path

from tests.gui_helpers import open_app_window, wait_until

LESSON = Path(__file__).resolve().parents[1] / "assets" / "lessons" / "tsne_perplexity.toml"
STEPS = 8


def small_copy(folder: Path) -> Path:
    """The shipped lesson with a budget of a few steps (and smaller batches): the maps, not the
    training, are what this test is about."""
    text = LESSON.read_text(encoding="utf-8")
    assert "steps = 300" in text and "step = 300" in text and "batch_size = 256" in text
    text = text.replace("steps = 300", f"steps = {STEPS}").replace("step = 300", f"step = {STEPS}")
    path = folder / "tsne_perplexity.toml"
    path.write_text(text.replace("batch_size = 256", "batch_size = 64"), encoding="utf-8")
    return path


def _window(qtbot):
    from engine.training.config import RunConfig
    from gui.window.main_window import MainWindow

    w = open_app_window(qtbot, RunConfig(method="autoencoder", dataset="digits", run_params={"seed": 3},
                                         cadence=MainWindow.cadence()))
    w.ask_before_discard = False
    return w


def _perplexity(w, slot: str) -> int:
    view = w.maps.view(slot)
    assert view.map_settings.sent.perplexity == view.map_settings.perplexity.value()  # shown is what was sent
    return view.map_settings.perplexity.value()


def test_lesson_17_draws_a_at_perplexity_5_and_b_at_50_and_leaving_shares_the_settings_again(
        qtbot, gui_settings, tmp_path):
    from engine.training.snapshots import MapUpdate
    from gui.window.lesson_player import open_lesson

    w = _window(qtbot)
    sent, maps = [], []
    send_analysis = w.session.send_analysis
    w.session.send_analysis = lambda m: (sent.append(m), send_analysis(m))
    w.session.snapshot.connect(lambda s: maps.append(s) if isinstance(s, MapUpdate) else None)
    shared = w.map_view.map_settings.sent
    assert shared.perplexity == 30

    assert open_lesson(w, str(small_copy(tmp_path)))
    player = w.lesson_player
    a_id, b_id = player.run_id, w.session.compare_id
    wait_until(lambda: w.slot_of(a_id) == "A" and w.slot_of(b_id) == "B" and not player._maps_due,
               timeout=120, what="the lesson's runs to start and get their maps")
    assert (_perplexity(w, "A"), _perplexity(w, "B")) == (5, 50)
    for slot in "AB":
        assert w.maps.view(slot).method.currentData() == "tsne"
    own = {(m["kind"], m["run_id"]): m for m in sent if "run_id" in m and m["kind"].startswith("map_")}
    assert own[("map_settings", a_id)]["perplexity"] == 5 and own[("map_settings", b_id)]["perplexity"] == 50
    assert own[("map_method", a_id)]["method"] == own[("map_method", b_id)]["method"] == "tsne"
    assert not [m for m in sent if m["kind"] == "map_settings" and "run_id" not in m]  # nothing for every run

    # The analysis draws each run's map with its own perplexity.
    def noted(run_id, words):
        return any(m.run_id == run_id and words in m.note for m in maps)

    wait_until(lambda: noted(a_id, "t-SNE (perplexity 5)") and noted(b_id, "t-SNE (perplexity 50)"), timeout=180,
               what="A's map at perplexity 5 and B's at 50")

    # A change in B's pane is B's alone: A's pane keeps 5.
    sent.clear()
    w.maps.view("B").map_settings_changed.emit(40.0, 15, 0.1)
    assert [(m["kind"], m.get("run_id"), m["perplexity"]) for m in sent] == [("map_settings", b_id, 40.0)]
    assert _perplexity(w, "A") == 5

    # At the budget each run's map is drawn once more, afresh (a warm start keeps the old picture), from
    # the run's final embeddings: asked once they have gone to the analysis process, not before.
    sent.clear()
    w.toggle_play()
    wait_until(lambda: player.budget_reached, timeout=180, what="the lesson's budget")
    wait_until(lambda: player.end_maps_asked, timeout=60, what="the maps of the end to be asked for")
    kinds = [m["kind"] for m in sent]
    assert sorted(m["run_id"] for m in sent if m["kind"] == "fresh_map") == sorted([a_id, b_id])
    before = sent[:kinds.index("fresh_map")]
    for run_id in (a_id, b_id):
        steps = [m["snapshot"].step for m in before if m["kind"] == "embeddings" and m["snapshot"].run_id == run_id
                 and getattr(m["snapshot"], "kind", "") == "model"]
        assert steps and steps[-1] >= STEPS, (run_id, steps)

    # Leave: every run and pane back to the shared settings, sent for every run.
    sent.clear()
    w.leave_lesson_action.trigger()
    assert (_perplexity(w, "A"), _perplexity(w, "B")) == (30, 30)
    assert [(m["kind"], "run_id" in m) for m in sent] == [("map_method", False), ("map_settings", False)]
    assert sent[1]["perplexity"] == 30
    # Free play: a change in one pane is for every run again, and shows in both.
    sent.clear()
    w.maps.view("B").map_settings_changed.emit(12.0, 15, 0.1)
    assert [(m["kind"], "run_id" in m) for m in sent] == [("map_settings", False)]
    assert (_perplexity(w, "A"), _perplexity(w, "B")) == (12, 12)

"""A run's own map projection and settings (lesson 17: run A at perplexity 5 beside run B at 50): the
protocol's "map_method" / "map_settings" with an optional run id and "fresh_map", the analysis process
applying them to that run's map only, and the replay resending them to a restarted process."""

from __future__ import annotations

import numpy as np
import pytest

import engine.analysis.tsne
from engine.analysis.map_settings import MapSettings
from engine.processes import protocol
from engine.processes.analysis_process import Analyst
from engine.processes.analysis_replay import AnalysisReplay
from engine.processes.protocol import VERSION, ProtocolError, check, message
from engine.training.snapshots import AnalysisProblem, EmbeddingUpdate, MapUpdate
from tests.helpers import of_type


def _update(run_id, step, seed=0, n=60, d=8):
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 3
    x = ((np.eye(d)[:3] * 4)[labels] + rng.normal(size=(n, d))).astype(np.float32)
    return EmbeddingUpdate(run_id, step, "model", None, None, x, labels)


def _settings(run_id=None, perplexity=30.0, n_neighbors=15, min_dist=0.1):
    return message("map_settings", perplexity=perplexity, n_neighbors=n_neighbors, min_dist=min_dist,
                   run_id=run_id)


def _notes(sent) -> dict[int, str]:
    """run id -> the note of its newest MapUpdate."""
    return {m.run_id: m.note for m in of_type(sent, MapUpdate)}


# -- the protocol ---------------------------------------------------------------------------------

def test_map_messages_name_a_run_or_every_run():
    assert VERSION >= 2  # the messages changed shape: a peer of version 1 is refused
    shared = message("map_method", method="tsne")
    assert "run_id" not in shared and check(shared, "analysis_in") is shared
    assert message("map_method", method="tsne", run_id=None) == shared  # None: every run, left out
    own = message("map_settings", perplexity=5.0, n_neighbors=15, min_dist=0.1, run_id=3)
    assert own["run_id"] == 3 and check(own, "analysis_in") is own
    assert check(message("fresh_map", run_id=3), "analysis_in")["run_id"] == 3
    with pytest.raises(ProtocolError, match="does not belong on engine_in"):
        check(message("fresh_map", run_id=3), "engine_in")


@pytest.mark.parametrize("bad, says", [
    ({"version": VERSION, "kind": "map_method", "method": "tsne", "run_id": "A"}, "run_id must be int, not str"),
    ({"version": VERSION, "kind": "map_method", "method": "tsne", "run_id": True}, "run_id must be int, not bool"),
    ({"version": VERSION, "kind": "map_method", "method": "tsne", "slot": "A"},
     r"has the fields method \(and optionally run_id\), not method, slot"),
    ({"version": VERSION, "kind": "fresh_map"}, "'fresh_map' message has the fields run_id, not none"),
    ({"version": VERSION, "kind": "forget", "run_id": 1, "extra": 0}, "has the fields run_id, not extra, run_id"),
])
def test_check_refuses_a_map_message_of_another_shape(bad, says):
    with pytest.raises(ProtocolError, match=says):
        check(bad)


def test_only_map_messages_may_leave_a_field_out():
    optional = {kind: spec.optional for kind, spec in protocol.MESSAGES.items() if spec.optional}
    assert optional == {"map_method": ("run_id",), "map_settings": ("run_id",)}


# -- the analysis process -------------------------------------------------------------------------

@pytest.fixture
def quick_tsne(monkeypatch):
    """t-SNE with few iterations; records each call's (init, perplexity)."""
    calls, real = [], engine.analysis.tsne.tsne

    def recorded(x, init=None, perplexity=30.0, **kwargs):
        calls.append((init, perplexity))
        return real(x, init=init, perplexity=perplexity, iterations=5, **kwargs)

    monkeypatch.setattr(engine.analysis.tsne, "tsne", recorded)
    return calls


def test_each_run_is_drawn_with_its_own_settings_and_a_shared_change_drops_them(quick_tsne):
    sent = []
    a = Analyst(sent.append)
    a.take(message("map_method", method="tsne"))
    a.take(_settings(run_id=1, perplexity=5))  # before the run's first embeddings, as the lesson sends them
    a.take(_settings(run_id=2, perplexity=50))
    a.take(message("embeddings", snapshot=_update(1, 5)))
    a.take(message("embeddings", snapshot=_update(2, 5, seed=1)))
    a.work()
    notes = _notes(sent)
    assert "(perplexity 5)" in notes[1] and "(perplexity 50)" in notes[2]
    assert a.map_settings == MapSettings()  # the shared settings did not move
    sent.clear()
    a.take(_settings(run_id=2, perplexity=40))  # B's pane: B's map only is redrawn, afresh
    a.work()
    assert list(_notes(sent)) == [2] and "(perplexity 40)" in _notes(sent)[2]
    assert quick_tsne[-1] == (None, 40.0) and a.projectors[1].settings.perplexity == 5
    sent.clear()
    a.take(_settings(perplexity=20))  # for every run: both lose their own
    a.work()
    assert not a.run_settings and {r: "(perplexity 20)" in n for r, n in _notes(sent).items()} == {1: True, 2: True}


def test_a_runs_own_projection_redraws_that_run_only_and_is_forgotten_with_it():
    sent = []
    a = Analyst(sent.append)
    for run in (1, 2):
        a.take(message("embeddings", snapshot=_update(run, 5, seed=run)))
    a.work()
    sent.clear()
    a.take(message("map_method", method="tsne", run_id=2))
    a.take(message("map_method", method="pca", run_id=1))  # the method it has: nothing to redraw
    a.work()
    assert [(m.run_id, m.method) for m in of_type(sent, MapUpdate)] == [(2, "tsne")]
    a.take(message("forget", run_id=2))
    assert 2 not in a.run_methods and 2 not in a.known_runs()
    a.take(message("map_method", method="tsne"))  # every run: the own ones go
    assert not a.run_methods


def test_own_settings_out_of_range_are_refused_naming_the_run_and_keeping_its_own():
    sent = []
    a = Analyst(sent.append)
    a.take(_settings(run_id=4, perplexity=5))
    a.take(_settings(run_id=4, perplexity=500))
    (problem,) = of_type(sent, AnalysisProblem)
    assert problem.run_id == 4 and "Kept: perplexity 5;" in problem.message
    assert a.run_settings[4].perplexity == 5


def test_a_fresh_map_starts_from_scratch_not_from_the_map_on_screen(quick_tsne):
    sent = []
    a = Analyst(sent.append)
    a.take(message("map_method", method="tsne", run_id=1))
    a.take(message("embeddings", snapshot=_update(1, 5)))
    a.work()
    a.take(message("embeddings", snapshot=_update(1, 6)))
    a.rest_until = 0.0  # no duty cycle here
    a.work()
    assert quick_tsne[0][0] is None and quick_tsne[1][0] is not None  # a warm start keeps the old picture
    sent.clear()
    a.take(message("fresh_map", run_id=1))
    a.work()
    assert quick_tsne[-1][0] is None and [m.step for m in of_type(sent, MapUpdate)] == [6]
    sent.clear()
    a.take(message("embeddings", snapshot=_update(1, 7)))
    a.rest_until = float("inf")  # a routine map would wait for the duty cycle...
    a.take(message("fresh_map", run_id=1))
    a.work()  # ...the one asked for is drawn at once, from the newest embeddings
    assert quick_tsne[-1][0] is None and [m.step for m in of_type(sent, MapUpdate)] == [7]


# -- after a restart ------------------------------------------------------------------------------

def test_the_replay_resends_each_runs_own_choices_and_drops_those_of_a_forgotten_run(quick_tsne):
    replay, old_sent = AnalysisReplay(), []
    old = Analyst(old_sent.append)
    for m in (message("map_method", method="pca"), message("map_method", method="tsne", run_id=1),
              _settings(run_id=1, perplexity=5), _settings(run_id=2, perplexity=50),
              message("embeddings", snapshot=_update(1, 5)), message("embeddings", snapshot=_update(2, 5, seed=1)),
              message("embeddings", snapshot=_update(3, 5, seed=2)), message("forget", run_id=3)):
        replay.record(m)
        old.take(m)
        old.work()
    for snap in old_sent:
        replay.seen(snap)
    messages = replay.messages()
    own = [(m["kind"], m["run_id"]) for m in messages if m["kind"].startswith("map_") and "run_id" in m]
    assert own == [("map_method", 1), ("map_settings", 1), ("map_settings", 2)]
    kinds = [m["kind"] for m in messages if m.get("run_id") == 1 or getattr(m.get("snapshot"), "run_id", 0) == 1]
    assert kinds.index("map_settings") < kinds.index("layout")  # the layout was made with them
    fresh_sent = []
    fresh = Analyst(fresh_sent.append)
    for m in messages:
        fresh.take(m)
    fresh.work()
    assert fresh.run_settings == old.run_settings and fresh.run_methods == old.run_methods == {1: "tsne"}
    notes = _notes(fresh_sent)
    assert "(perplexity 5)" in notes[1] and "PCA" in notes[2]  # run 2 keeps the shared projection
    replay.record(message("forget", run_id=1))
    replay.record(_settings(perplexity=20))  # for every run: run 2's own settings go
    assert not [m for m in replay.messages() if m["kind"].startswith("map_") and "run_id" in m]


def test_a_layout_made_before_a_runs_own_settings_changed_is_not_replayed():
    replay = AnalysisReplay()
    replay.record(message("embeddings", snapshot=_update(3, 10)))
    replay.seen(MapUpdate(3, 10, "tsne", np.zeros((60, 2), np.float32), 0.1, ""))
    replay.record(_settings(run_id=3, min_dist=0.5))  # UMAP's: the t-SNE layout still holds
    assert "layout" in [m["kind"] for m in replay.messages()]
    replay.record(_settings(run_id=3, perplexity=5, min_dist=0.5))
    assert "layout" not in [m["kind"] for m in replay.messages()]

"""The analysis process survives bad jobs, keeps bounded state, and a fresh one catches up (issue 11)."""

from __future__ import annotations

import dataclasses
import multiprocessing
import subprocess
import sys
import threading

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

import engine.processes.lifeline
from engine.processes.analysis_process import MAX_RUNS, Analyst, numba_cache_dir, serve
from engine.processes.analysis_replay import AnalysisReplay
from engine.processes.protocol import VERSION, message
from engine.analysis.project import Projector, procrustes_align
from engine.training.snapshots import AnalysisProblem, EmbeddingUpdate, MapUpdate, MetricsUpdate, ProbeSet
from tests.helpers import of_type


def _update(run_id, step, n=60, d=8, seed=0, train=True, kind="model"):
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 3
    x = (np.eye(d)[:3] * 4)[labels] + rng.normal(size=(n, d))
    return EmbeddingUpdate(run_id, step, kind, x if train else None, labels if train else None, x, labels)


def _diverged(run_id, step):
    u = _update(run_id, step)
    bad = u.probe.copy()
    bad[::7] = np.nan
    bad[1] = np.inf
    return dataclasses.replace(u, train=bad, probe=bad)


@pytest.fixture
def served(monkeypatch):
    """serve() on a thread, over a real multiprocessing Pipe; yields a request -> answers function."""
    monkeypatch.setattr(engine.processes.lifeline, "watch_parent", lambda *a, **k: None)  # not for the test process
    gui, child = multiprocessing.get_context("spawn").Pipe()
    thread = threading.Thread(target=serve, args=(child,), kwargs={"warm_up_delay": 3600}, daemon=True)
    thread.start()

    def ask(*messages, want=MapUpdate, timeout=30.0):
        """Send messages, collect answers until one of type ``want`` (None when none comes in time)."""
        for m in messages:
            gui.send(m)
        got = []
        while gui.poll(timeout):
            got.append(gui.recv()["snapshot"])
            if isinstance(got[-1], want):
                return got
        return None

    yield ask, thread
    gui.send(message("shutdown"))
    thread.join(10)
    gui.close()  # the serve loop's pipe reader ends at EOF (the no_threads_left_behind check in conftest)


def test_non_finite_embeddings_are_answered_with_a_problem_and_the_process_goes_on(served):
    ask, thread = served
    answers = ask(message("embeddings", snapshot=_diverged(1, 4)), want=AnalysisProblem)
    assert answers is not None, "no answer: the serve loop died on non-finite embeddings"
    problem = of_type(answers, AnalysisProblem)[0]
    assert problem.run_id == 1 and problem.step == 4 and "non-finite" in problem.message
    answers = ask(message("embeddings", snapshot=_update(1, 5)), want=MetricsUpdate)
    assert answers is not None and thread.is_alive()
    (m,) = of_type(answers, MapUpdate)
    assert m.step == 5 and np.isfinite(m.coords).all()


def test_a_failing_projection_is_reported_once_and_the_next_one_works(served, monkeypatch):
    import engine.analysis.tsne

    ask, thread = served

    def broken_tsne(*args, **kwargs):
        raise RuntimeError("out of tea")

    monkeypatch.setattr(engine.analysis.tsne, "tsne", broken_tsne)
    answers = ask(message("map_method", method="tsne"), message("embeddings", snapshot=_update(2, 1, train=False)),
                  want=AnalysisProblem)
    assert answers is not None
    (problem,) = of_type(answers, AnalysisProblem)
    assert problem.job == "map" and "RuntimeError: out of tea" in problem.message
    # The same failure again is not repeated to the user; the PCA map still works meanwhile.
    answers = ask(message("embeddings", snapshot=_update(2, 2, train=False)), message("map_method", method="pca"),
                  want=MapUpdate)
    assert answers is not None and not of_type(answers, AnalysisProblem)
    assert of_type(answers, MapUpdate)[-1].method == "pca" and thread.is_alive()


@pytest.mark.parametrize("bad, says", [
    (message("embeddings", snapshot="not a snapshot"), "AttributeError"),
    (("embeddings", _update(3, 1)), "ProtocolError: a message is a dict, not tuple"),  # the old tuple form
    ({**message("forget", run_id=3), "version": VERSION + 1}, f"protocol version {VERSION + 1} is not supported"),
    (message("snapshot", snapshot=_update(3, 1)), "does not belong on analysis_in"),
])
def test_a_malformed_message_is_reported_not_fatal(served, bad, says):
    ask, thread = served
    answers = ask(bad, want=AnalysisProblem)
    assert answers is not None and answers[-1].job == "analysis" and says in answers[-1].message
    assert ask(message("embeddings", snapshot=_update(3, 1, train=False))) is not None and thread.is_alive()


def test_a_non_finite_layout_is_not_kept_to_seed_the_next_map(monkeypatch):
    import engine.analysis.tsne

    p = Projector()
    x = _update(1, 1).probe
    p.project(x, "pca")
    monkeypatch.setattr(engine.analysis.tsne, "tsne", lambda x, **_: np.full((len(x), 2), np.nan, np.float32))
    with pytest.raises(FloatingPointError):
        p.project(x, "tsne")
    assert "tsne" not in p.last


# -- memory ---------------------------------------------------------------------------------------

def _arrays_held(obj, seen=None) -> dict[int, int]:
    """id -> nbytes of every numpy array reachable from obj's data (dicts, sequences, objects)."""
    seen = {} if seen is None else seen
    if isinstance(obj, np.ndarray):
        seen[id(obj)] = obj.nbytes
    elif isinstance(obj, dict):
        for key, value in obj.items():
            _arrays_held(key, seen)
            _arrays_held(value, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            _arrays_held(item, seen)
    elif dataclasses.is_dataclass(obj) or hasattr(obj, "__dict__") and not callable(obj):
        for value in vars(obj).values():
            if not callable(value):
                _arrays_held(value, seen)
    return seen


def test_retained_state_stays_bounded_over_many_runs_and_updates():
    """200 map updates of 2,000 x 64 over 8 runs; the GUI's "forget" for half of them is lost."""
    sent = []
    a = Analyst(sent.append)
    one_update = _update(0, 0, n=2000, d=64, train=False).probe.nbytes
    held = []
    # One BLAS thread: on a loaded 2-core machine OpenBLAS's spinning threads made each PCA take seconds.
    with threadpool_limits(1):
        _feed_runs(a, held)
    assert len(of_type(sent, MapUpdate)) == 200
    worst = max(sum(h.values()) for h in held)
    # Per run: its newest embeddings and its last PCA layout (2,000 x 2 float32).
    assert worst <= MAX_RUNS * (one_update + 2000 * 2 * 4) * 1.05, f"{worst / 1e6:.1f} MB kept"
    assert max(len(h) for h in held) <= MAX_RUNS * 4
    assert len(a.known_runs()) <= MAX_RUNS


def _feed_runs(a, held):
    for run_id in range(1, 9):
        for step in range(25):
            u = _update(run_id, step, n=2000, d=64, seed=step, train=False)
            a.take(message("embeddings", snapshot=u))
            a.rest_until = 0.0
            a.work()
            held.append(_arrays_held(a))
        if run_id % 2:
            a.take(message("forget", run_id=run_id))


def test_forget_drops_every_trace_of_a_run():
    sent = []
    a = Analyst(sent.append)
    probe_set = ProbeSet(4, np.zeros((60, 2, 2, 1), np.uint8), np.zeros(60), ("a",), dataset="digits")
    a.take(message("embeddings", snapshot=probe_set))
    a.take(message("embeddings", snapshot=_update(4, 1)))
    a.take(message("embeddings", snapshot=_diverged(4, 2)))
    a.work()
    a.take(message("forget", run_id=4))
    assert 4 not in a.known_runs() and not a.reported and not _arrays_held(a)


def test_the_analysis_process_does_not_import_torch():
    code = ("import sys; import numpy as np; from engine.processes.analysis_process import Analyst, serve\n"
            "class Closed:\n    def poll(self, t=None): raise EOFError\n    def recv(self): raise EOFError\n"
            "    def send(self, m): raise BrokenPipeError\n"
            "import engine.processes.lifeline; engine.processes.lifeline.watch_parent = lambda: None\n"
            "serve(Closed(), warm_up_delay=3600)\n"
            "from engine.training.snapshots import EmbeddingUpdate\n"
            "x = np.random.default_rng(0).normal(size=(60, 8)); y = np.arange(60) % 3\n"
            "from engine.processes.protocol import message\n"
            "a = Analyst(lambda s: None)\n"
            "a.take(message('embeddings', snapshot=EmbeddingUpdate(1, 1, 'model', x, y, x, y)))\n"
            "a.work()\n"
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr[-2000:]


def test_numba_cache_dir_is_the_apps_cache_folder(monkeypatch, tmp_path):
    from engine.data.downloads import cache_dir

    for env in ({}, {"XDG_CACHE_HOME": str(tmp_path)}, {"ENCODER_LAB_CACHE": str(tmp_path / "c")}):
        monkeypatch.delenv("ENCODER_LAB_CACHE", raising=False)
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        for k, v in env.items():
            monkeypatch.setenv(k, v)
        assert numba_cache_dir() == str(cache_dir() / "numba")


# -- restart --------------------------------------------------------------------------------------

def test_a_fresh_analyst_fed_the_replay_catches_up():
    replay, old_sent = AnalysisReplay(), []
    old = Analyst(old_sent.append)
    probe_set = ProbeSet(7, np.zeros((60, 2, 2, 1), np.uint8), np.zeros(60), ("a",), dataset="digits")
    messages = [message("map_method", method="tsne"), message("embeddings", snapshot=probe_set),
                message("embeddings", snapshot=_update(7, 10)), message("embeddings", snapshot=_update(6, 3)),
                message("forget", run_id=6), message("embeddings", snapshot=_update(7, 20, seed=2, train=False))]
    for m in messages:
        replay.record(m)
        old.take(m)
        old.rest_until = 0.0
        old.work()
    for snap in old_sent:
        replay.seen(snap)
    last_map = of_type(old_sent, MapUpdate)[-1]
    assert last_map.method == "tsne" and last_map.step == 20
    # The old process dies; a fresh one gets the replay and draws the next map where the last one was.
    fresh_sent = []
    fresh = Analyst(fresh_sent.append)
    for m in replay.messages():
        fresh.take(m)
    assert fresh.method == "tsne" and fresh.known_runs() == {7} and fresh.datasets[7] == "digits"
    fresh.work()
    (m,) = of_type(fresh_sent, MapUpdate)
    assert m.method == "tsne" and m.step == 20
    assert not of_type(fresh_sent, MetricsUpdate)  # step 10's scores were answered before the crash
    # Warm-started from the layout on screen, the map stays where it was; a cold t-SNE (no "layout")
    # lands elsewhere, even once turned onto the old one.
    cold_sent = []
    cold = Analyst(cold_sent.append)
    for sent in replay.messages():
        if sent["kind"] != "layout":
            cold.take(sent)
    cold.work()
    cold_map = procrustes_align(of_type(cold_sent, MapUpdate)[0].coords, last_map.coords)
    moved = np.abs(m.coords - last_map.coords).mean()
    spread = np.abs(last_map.coords - last_map.coords.mean(0)).mean()
    # How far a cold map lands depends on scikit-learn's release (its PCA start moved closer in 1.9):
    # the warm start is held to the layout's own scale, and to beating the cold map.
    assert moved < 0.25 * spread
    assert moved < np.abs(cold_map - last_map.coords).mean()


def test_replay_resends_probes_that_were_never_answered():
    replay = AnalysisReplay()
    replay.record(message("embeddings", snapshot=_update(1, 5)))
    sent_kinds = [type(m["snapshot"]).__name__ for m in replay.messages()]
    assert sent_kinds == ["EmbeddingUpdate"]  # the one update serves both the map and the probes
    replay.seen(MetricsUpdate(1, 5, "model", {}, np.zeros(1), np.zeros(60)))
    replay.record(message("forget", run_id=1))
    assert replay.messages() == []

"""Runs of one engine process step in turn: never two at once, and first come first served."""

import threading
import time

import pytest

from engine.training.turns import Turns


def test_one_at_a_time_and_no_run_starves():
    turns, inside, most, order = Turns(quantum_s=0), [0], [0], []  # a slice of one step
    lock = threading.Lock()

    def run(name):
        for _ in range(30):
            with turns.turn():
                with lock:
                    inside[0] += 1
                    most[0] = max(most[0], inside[0])
                order.append(name)
                time.sleep(0.001)
                with lock:
                    inside[0] -= 1

    threads = [threading.Thread(target=run, args=(n,)) for n in "AB"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert most[0] == 1  # never two steps at once
    assert sorted(order) == ["A"] * 30 + ["B"] * 30
    # Fair: once both are in line, neither takes two turns in a row while the other waits (a plain
    # lock lets the releasing thread take it straight back). The first and last few may run alone.
    middle = "".join(order[5:-5])
    assert "AAA" not in middle and "BBB" not in middle


def test_a_slice_lasts_its_quantum_then_the_other_run_goes():
    turns, order = Turns(quantum_s=0.03), []

    def run(name):
        for _ in range(60):
            with turns.turn():
                order.append((name, time.monotonic()))
                time.sleep(0.002)

    threads = [threading.Thread(target=run, args=(n,)) for n in "AB"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    names = "".join(n for n, _ in order)
    switches = sum(a != b for a, b in zip(names, names[1:]))
    assert 4 <= switches <= 30  # several steps a slice (not one), and neither run waits for the other's end
    # No slice runs much past its quantum while the other waits.
    runs = [[order[0]]]
    for item in order[1:]:
        (runs[-1].append if item[0] == runs[-1][-1][0] else lambda x: runs.append([x]))(item)
    assert max(r[-1][1] - r[0][1] for r in runs[1:-1]) < 0.03 + 0.02


def test_a_turn_is_given_back_when_the_step_raises():
    turns = Turns()
    with pytest.raises(RuntimeError):
        with turns.turn():
            raise RuntimeError("step failed")
    done = []
    t = threading.Thread(target=lambda: (turns.turn().__enter__(), done.append(1)))
    t.start()
    t.join(2)
    assert done == [1]


def test_two_runs_in_one_engine_step_in_turn():
    """The engine's two runs (a comparison) under one Turns: their steps never overlap."""
    from engine.training.config import RunConfig
    from engine.training.control import RunControl
    from engine.training.trainer import Run

    turns, busy, overlaps = Turns(), [0], [0]
    original = Run.train_step

    def watched(self):
        busy[0] += 1
        overlaps[0] = max(overlaps[0], busy[0])
        try:
            original(self)
        finally:
            busy[0] -= 1

    config = RunConfig(method="autoencoder", dataset="digits", steps=12, run_params={"batch_size": 16})
    Run.train_step = watched
    try:
        runs = [threading.Thread(target=lambda: list(Run(config, RunControl(), turns).snapshots()))
                for _ in range(2)]
        for t in runs:
            t.start()
        for t in runs:
            t.join(120)
    finally:
        Run.train_step = original
    assert overlaps[0] == 1

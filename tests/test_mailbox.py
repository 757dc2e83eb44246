"""The mailbox between the processes: a writer never waits, superseded pictures are coalesced, loss
points are merged, verbs always arrive in order (engine/processes/mailbox.py; issue 19, section 1)."""

from __future__ import annotations

import multiprocessing
import threading
import time

import numpy as np

from engine.processes import protocol
from engine.processes.mailbox import Mailbox, merge_snapshots, snapshot_key, snapshot_sender
from engine.training.snapshots import EmbeddingUpdate, ImagesUpdate, LossUpdate, StateChanged


def _loss(run_id, first, n=3, terms=("loss",)):
    steps = np.arange(first, first + n)
    return LossUpdate(run_id, steps, {t: steps.astype(float) for t in terms}, int(steps[-1]), 0.0, 1.0, 1.0)


def _images(run_id, step):
    x = np.zeros((2, 4, 4, 1), np.float32)
    return ImagesUpdate(run_id, step, x, np.zeros(2, int))


def _embeddings(run_id, step, n=50_000, train=True):
    x = np.full((n, 32), float(step), np.float32)  # 6.4 MB: far more than a pipe's buffer
    labels = np.zeros(n, int)
    return EmbeddingUpdate(run_id, step, "model", x if train else None, labels if train else None, x, labels)


def _drain(box):
    out = []
    while (item := box.get_nowait()) is not None:
        out.append(item)
    return out


def test_newer_pictures_of_a_run_replace_older_ones_and_events_all_arrive_in_order():
    box = Mailbox(snapshot_key, merge_snapshots)
    for step in range(10):
        box.put(_images(1, step))
        box.put(StateChanged(1, step, running=step % 2 == 0))
    box.put(_images(2, 0))  # another run's pictures are kept apart
    got = _drain(box)
    images = [s for s in got if isinstance(s, ImagesUpdate)]
    states = [s for s in got if isinstance(s, StateChanged)]
    assert [(s.run_id, s.step) for s in images] == [(1, 9), (2, 0)]
    assert [s.step for s in states] == list(range(10))  # no event dropped, in order
    # The newest picture is delivered where it was put: after every event sent before it, before the next.
    assert got.index(states[-2]) < got.index(images[0]) < got.index(states[-1])


def test_loss_points_are_merged_not_lost():
    box = Mailbox(snapshot_key, merge_snapshots)
    for first in range(0, 30, 3):
        box.put(_loss(1, first))
    (merged,) = _drain(box)
    assert merged.steps.tolist() == list(range(30))
    assert merged.terms["loss"].tolist() == list(map(float, range(30)))
    assert merged.step == 29


def test_a_loss_with_other_terms_is_not_merged_into_one_without_them():
    box = Mailbox(snapshot_key, merge_snapshots)
    box.put(_loss(1, 0))
    box.put(_loss(1, 3, terms=("loss", "kl")))  # a term appeared: both must reach the curve as sent
    assert len(_drain(box)) == 2


def test_map_only_embeddings_never_replace_ones_the_probes_wait_for():
    box = Mailbox(snapshot_key, merge_snapshots)
    box.put(_embeddings(1, 1, n=10, train=True))
    box.put(_embeddings(1, 2, n=10, train=False))
    box.put(_embeddings(1, 3, n=10, train=False))
    got = _drain(box)
    assert [(s.step, s.train is not None) for s in got] == [(1, True), (3, False)]


def test_a_sender_never_waits_on_a_reader_that_does_not_read():
    reading, writing = multiprocessing.Pipe(duplex=False)
    sender = snapshot_sender(writing, "test-sender")
    try:
        started = time.perf_counter()
        for step in range(20):  # 128 MB in all, to a pipe nobody reads
            sender.send(protocol.message("embeddings", snapshot=_embeddings(1, step)))
            sender.send(protocol.message("forget", run_id=step))  # a verb: must never be dropped
        assert time.perf_counter() - started < 2.0, "send() waited on the reader"
        assert sender.pending() <= 21  # 20 verbs and one (the newest) embeddings at most
        got = []
        while reading.poll(5):
            got.append(reading.recv())
            if len(got) == 21 or (got[-1]["kind"] == "embeddings" and got[-1]["snapshot"].step == 19):
                break
        while reading.poll(0.5):
            got.append(reading.recv())
        verbs = [m["run_id"] for m in got if m["kind"] == "forget"]
        embedded = [m["snapshot"].step for m in got if m["kind"] == "embeddings"]
        assert verbs == list(range(20))
        assert embedded[-1] == 19 and len(embedded) <= 3  # the one in flight, maybe one more, the newest
    finally:
        reading.close()
        assert sender.close(5.0)


def test_a_sender_ends_when_its_reader_is_gone():
    reading, writing = multiprocessing.Pipe(duplex=False)
    sender = snapshot_sender(writing, "test-sender")
    reading.close()
    sender.send(protocol.message("shutdown"))
    deadline = time.monotonic() + 5
    while sender.alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not sender.alive() and sender.broken
    sender.send(protocol.message("shutdown"))  # after that, sends are dropped, never raised
    assert sender.pending() == 0


def test_get_waits_for_an_item_and_times_out_without_one():
    box = Mailbox(snapshot_key)
    threading.Timer(0.05, lambda: box.put("verb")).start()
    assert box.get(timeout=5) == "verb"
    try:
        box.get(timeout=0.01)
    except TimeoutError:
        pass
    else:
        raise AssertionError("get() returned without an item")

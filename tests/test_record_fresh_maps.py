"""``main.py record --lesson`` waits for the end of the run (issue 13): a lesson whose runs have maps of
their own (tsne_perplexity) has them drawn afresh at the budget, and the clip must go on until they
come, not stop at the step. A stand-in window answers the request as the analysis process would, so
this needs no training and no t-SNE."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QObject, QTimer, Signal

from engine.training.snapshots import MapUpdate
from gui.tools import record


class _Session(QObject):
    snapshot = Signal(object)


def _map(run_id: int) -> MapUpdate:
    return MapUpdate(run_id, 10, "tsne", np.zeros((4, 2), np.float32), 0.1)


class _Maps:
    """RunMaps of two runs with maps of their own; a request is answered after ``delay_ms`` with the
    maps of ``answering`` (the analysis process's round trip)."""

    def __init__(self, session: _Session, answering: tuple[int, ...], delay_ms: int = 50):
        self.own = {"A": 7, "B": 8}
        self.session, self.answering, self.delay_ms = session, answering, delay_ms
        self.requests = 0

    def has_own(self, slot: str) -> bool:
        return True

    def fresh_maps(self) -> None:
        self.requests += 1
        QTimer.singleShot(self.delay_ms, lambda: [self.session.snapshot.emit(_map(r)) for r in self.answering])


class _Player:
    """The lesson player's side: asked for the maps of the end, it asks the analysis once the runs'
    final embeddings are in (after ``delay_ms``)."""

    def __init__(self, maps: _Maps, delay_ms: int = 100):
        self.lesson = SimpleNamespace(steps=10)
        self.maps, self.delay_ms = maps, delay_ms
        self.end_maps_asked = False

    def ask_end_maps(self) -> None:
        QTimer.singleShot(self.delay_ms, self._embeddings_in)

    def _embeddings_in(self) -> None:
        self.end_maps_asked = True
        self.maps.fresh_maps()


def _window(answering=(7, 8)):
    session = _Session()
    window = SimpleNamespace(session=session)
    window.run_maps = _Maps(session, answering)
    window.lesson_player = _Player(window.run_maps)
    return window


@pytest.fixture(autouse=True)
def no_hold(monkeypatch):
    monkeypatch.setattr(record, "HOLD", 0.0)


def test_the_clip_waits_for_both_maps_of_the_end(qapp):
    window = _window()
    window.lesson_player.ask_end_maps()  # as the player does at the budget, or _record short of it
    assert record.wait_for_fresh_maps(window, steps=10, timeout=5) == ""
    assert window.run_maps.requests == 1 and window.lesson_player.end_maps_asked


def test_maps_from_before_the_request_do_not_count_and_a_missing_one_is_named(qapp):
    window = _window(answering=(7,))
    window.lesson_player.ask_end_maps()
    QTimer.singleShot(10, lambda: window.session.snapshot.emit(_map(8)))  # B's routine map, before the end's
    message = record.wait_for_fresh_maps(window, steps=10, timeout=0.5)
    assert "run B" in message and "run A" not in message and "0.5 s" in message


def test_no_run_with_its_own_map_or_no_lesson_means_no_wait(qapp):
    window = _window()
    window.run_maps.own = {}
    assert record.wait_for_fresh_maps(window, steps=10, timeout=0.1) == ""
    window = _window()
    window.lesson_player.lesson = None  # a free run (--method)
    assert record.wait_for_fresh_maps(window, steps=10, timeout=0.1) == ""


def test_a_recording_that_ended_stops_the_wait(qapp):
    window = _window(answering=())
    window.lesson_player.ask_end_maps()
    assert record.wait_for_fresh_maps(window, steps=10, recording=lambda: False, timeout=5) == ""

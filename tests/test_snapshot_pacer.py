"""Snapshots reach the GUI thread a few per turn of the event loop, in order, so a burst of slow
handlers (a new run's first views) cannot freeze the window in one piece."""

import threading
import time

from PySide6.QtCore import QTimer

from gui.snapshot_pacer import SnapshotPacer


def test_a_burst_is_delivered_in_order_across_several_turns_of_the_event_loop(qtbot):
    pacer = SnapshotPacer(budget_s=0.025)
    delivered: list[int] = []

    def slow_handler(snap) -> None:  # a view rebuilding itself: 15 ms
        delivered.append(snap)
        time.sleep(0.015)

    pacer.delivered.connect(slow_handler)
    seen_mid_burst: list[int] = []  # what a 1 ms timer saw delivered so far, tick by tick
    ticker = QTimer()
    ticker.timeout.connect(lambda: seen_mid_burst.append(len(delivered)))
    ticker.start(1)
    reader = threading.Thread(target=lambda: [pacer.put(i) for i in range(8)])
    reader.start()
    reader.join()
    qtbot.waitUntil(lambda: len(delivered) == 8, timeout=5000)
    ticker.stop()
    assert delivered == list(range(8))
    # the timer ran between deliveries: the event loop turned in the middle of the burst
    assert any(0 < n < 8 for n in seen_mid_burst), seen_mid_burst
    assert pacer.pending() == 0


def test_after_the_pacer_is_gone_put_says_so_instead_of_raising(qtbot):
    pacer = SnapshotPacer()
    import shiboken6

    shiboken6.delete(pacer)
    assert pacer.put("late") is False


def test_after_slow_handlers_the_pacer_rests_so_the_window_gets_the_thread_back(qtbot):
    """Handlers get at most a third of the GUI thread: after 40 ms of handing on, 80 ms of rest."""
    pacer = SnapshotPacer(budget_s=0.001, rest_factor=2.0)
    times: list[float] = []

    def slow_handler(snap) -> None:
        times.append(time.perf_counter())
        time.sleep(0.04)

    pacer.delivered.connect(slow_handler)
    for i in range(3):
        pacer.put(i)
    qtbot.waitUntil(lambda: len(times) == 3, timeout=5000)
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert all(gap >= 0.04 + 2 * 0.04 * 0.9 for gap in gaps), gaps


def test_a_snapshot_after_a_quiet_while_is_handed_on_at_once(qtbot):
    pacer = SnapshotPacer()
    got: list[float] = []
    pacer.delivered.connect(lambda snap: got.append(time.perf_counter()))
    qtbot.wait(50)
    put_at = time.perf_counter()
    pacer.put("loss")
    qtbot.waitUntil(lambda: len(got) == 1, timeout=2000)
    assert got[0] - put_at < 0.05

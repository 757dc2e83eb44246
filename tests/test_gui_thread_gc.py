"""Qt objects that die in a reference cycle are freed on the GUI thread, never on a pipe thread
(gui/gui_thread_gc.py; issue 19's segfaults in libshiboken6 and in GraphicsView.paintEvent)."""

import gc
import threading

from PySide6.QtCore import QObject, Qt

from tests.gui_helpers import wait_until


class _Holder:
    pass


def _qt_object_in_a_cycle(where: list) -> None:
    obj = QObject()
    holder = _Holder()
    holder.obj, obj.holder = obj, holder  # unreachable once this returns, but only the cycle collector sees it
    obj.destroyed.connect(lambda *_: where.append(threading.current_thread().name),
                          Qt.ConnectionType.DirectConnection)


def test_a_qt_object_in_a_cycle_is_freed_on_the_gui_thread_while_a_reader_thread_allocates(qapp):
    from gui.app import create_app

    create_app([])
    where: list[str] = []
    kept: list = []
    _qt_object_in_a_cycle(where)

    def read_snapshots():  # what unpickling snapshots does: many container objects, kept for a while
        kept.append([[] for _ in range(50_000)])

    reader = threading.Thread(target=read_snapshots, name="engine-reader-like")
    reader.start()
    reader.join()
    # Before the fix the collection ran inside read_snapshots, and the QObject's C++ destructor with it.
    assert where == [], f"a Qt object was destroyed on {where}"
    wait_until(lambda: where, timeout=30, what="the GUI thread's collector to free the cycle")
    assert where == [threading.main_thread().name]
    kept.clear()


def test_the_collector_keeps_collecting_every_generation(qapp):
    from gui.app import create_app

    create_app([])
    assert not gc.isenabled()  # automatic collection would run on any thread
    collector = qapp.gui_thread_collector
    before = [s["collections"] for s in gc.get_stats()]
    collector.last_full = -1e9  # a full collection is due
    kept = []
    for _ in range(200):  # allocate past each generation's threshold, with the GUI thread checking between
        kept.append([[] for _ in range(gc.get_threshold()[0] + 10)])
        collector.check()
    kept.clear()
    after = [s["collections"] for s in gc.get_stats()]
    assert after[0] > before[0] and after[1] > before[1] and after[2] > before[2]


def test_what_is_loaded_is_frozen_out_of_the_collectors_walk_and_new_cycles_are_still_freed(qapp):
    from gui.app import create_app

    app = create_app([])
    frozen_before = gc.get_freeze_count()
    app.gui_thread_collector.freeze_what_is_loaded()
    # Qt, pyqtgraph, numpy (or what tests/conftest.py froze already): out of every later collection's walk
    assert gc.get_freeze_count() > max(10_000, frozen_before)
    where: list[str] = []
    _qt_object_in_a_cycle(where)  # made after the freeze: the collector still sees it
    allocated = [[] for _ in range(5 * gc.get_threshold()[0])]  # past the threshold: a collection is due
    wait_until(lambda: where, timeout=30, what="the GUI thread's collector to free a cycle made after the freeze")
    assert where == ["MainThread"] and allocated


def test_while_the_engine_is_imported_nothing_is_collected_and_the_freeze_resumes_collection(qapp):
    """Torch's objects, imported on a thread while the window starts, are frozen once loaded, not walked
    by young-generation collections as they come (a 250,000-object pass of 200 ms and more)."""
    from gui.gui_thread_gc import GuiThreadCollector

    collector = GuiThreadCollector(interval_ms=10_000)  # its timer out of the way: the test calls check()
    try:
        collector.pause()
        kept = [[[] for _ in range(gc.get_threshold()[0] + 10)]]
        before = gc.get_stats()[0]["collections"]
        collector.check()
        assert gc.get_stats()[0]["collections"] == before  # paused: nothing walked
        collector.freeze_what_is_loaded()
        assert not collector.paused and gc.get_count()[0] < gc.get_threshold()[0]  # all of it frozen
        kept.append([[] for _ in range(gc.get_threshold()[0] + 10)])
        collector.check()
        assert gc.get_stats()[0]["collections"] > before
    finally:
        collector.stop()
        gc.disable()  # (as the app's own collector keeps it)

"""Python's cycle collector runs on the GUI thread only (a cause of the segfaults of issue 19).

CPython collects reference cycles on whichever thread happens to allocate past the collector's
threshold. In the window's process that is mostly the threads that read and write the pipes to the
engine and the analysis process (unpickling a snapshot allocates a lot), and a collection frees every
unreachable Qt object it finds in a cycle: a pyqtgraph item taken off its plot, a closed dialog, the
widgets of the last run's figures, a fitted caption. Their C++ destructors then run on that thread while
the GUI thread may be painting the same scene or delivering a signal to the same object, and the
process dies in Qt or in libshiboken6 (seen in the window after method switches, and in CI inside
pyqtgraph's GraphicsView.paintEvent while other threads of the test process were alive). Shown by
tests/test_gui_thread_gc.py: a QObject in a cycle was destroyed on a reader thread.

So automatic collection is off while the app runs, and a timer on the GUI thread collects instead,
generation by generation with CPython's own thresholds (as pyqtgraph's GarbageCollector does). A full
collection (the oldest generation) walks every object of a process that holds torch: it is done at most
every FULL_EVERY_S seconds, so it never costs a frame often.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 100  # how often the GUI thread looks whether a collection is due
FULL_EVERY_S = 60.0  # the oldest generation at most this often: it walks everything made since the freeze
# (a soak at load 4 measured 2.5 s for one; CPython itself puts full collections off while the old
# generation is large, which a timer that counts only collections cannot see)


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.last_full = time.perf_counter()
        self.longest_ms = [0.0, 0.0, 0.0]  # the longest pause of each generation's collection (the soak reports it)
        self.paused = False  # while the engine is imported: its objects are frozen, not collected (pause())
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect what CPython would have collected by now; on the thread that calls this (the GUI's)."""
        young, middle, old = gc.get_count()
        if young <= self.threshold[0] or self.paused:
            return
        started = time.perf_counter()
        if middle <= self.threshold[1]:
            generation = 0
        elif old <= self.threshold[2] or started - self.last_full < FULL_EVERY_S:
            generation = 1
        else:
            generation = 2
            self.last_full = started
        gc.collect(generation)
        pause = (time.perf_counter() - started) * 1000
        self.longest_ms[generation] = max(self.longest_ms[generation], pause)

    def pause(self) -> None:
        """No collection until :meth:`freeze_what_is_loaded`: the engine is being imported (torch: about
        250,000 objects that live as long as the app). Collected as they came, they cost young-generation
        passes of 200 ms and more on the GUI thread (a soak's 318 ms), for nothing: none is garbage."""
        self.paused = True

    def freeze_what_is_loaded(self) -> None:
        """Move every object alive now (torch, pyqtgraph, the window: about 300,000 of them) out of the
        collector's sight with gc.freeze(), and collect again as before. They live as long as the app
        does, and a full collection no longer walks them: 150 ms on a 2-core machine before, under a
        millisecond after (several times that when the machine is busy, as a frame the window missed).
        Not collected first: that walk alone was one 150-250 ms pass of the event loop, and what start-up
        left as garbage is little and made once."""
        gc.freeze()
        self.paused = False

    def stop(self) -> None:
        """Automatic collection again (the app is gone; nothing Qt is left to free on a wrong thread)."""
        self.timer.stop()
        gc.enable()


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the collector once for ``app`` (the QApplication); call it on the GUI thread."""
    collector = getattr(app, "gui_thread_collector", None)
    if collector is None:
        collector = app.gui_thread_collector = GuiThreadCollector(app)
    return collector

"""The recorder: grabs a widget (the window or one view) at a frame rate while training goes on, burns the
lesson's caption into each frame, and hands the frames to a writer thread (gui/recording/writers.py).

Only the grab happens on the GUI thread (a copy of the pixels the window last painted, read through the
screen; widget.grab() where a platform cannot give them); palette reduction, PNG
and H.264 encoding happen on the writer thread and in ffmpeg, and training runs in the engine's own
process. When the GUI thread falls behind (a busy moment), the last frame is repeated for the ticks it
missed, so the clip keeps real time; when the writer falls behind, frames are dropped and counted rather
than queued without end.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from pathlib import Path
from typing import Callable

import numpy as np
from PySide6.QtCore import QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QWidget

from gui.recording.writers import RecordingError, writer_for

QUEUE_FRAMES = 8  # frames waiting for the writer before new ones are dropped (~25 MB at 1280x720)
MAX_REPEATS = 5  # missed ticks filled with the last frame, at most, after one late grab


def image_to_array(image: QImage) -> np.ndarray:
    """(H, W, 3) uint8 RGB copy of ``image``."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    data = np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    return data[:, : w * 3].reshape(h, w, 3).copy()


def _blank(image: QImage) -> bool:
    """Whether ``image`` is one colour throughout (what a screen that cannot be read gives back)."""
    small = image.scaled(16, 16)
    first = small.pixel(0, 0)
    return all(small.pixel(x, y) == first for x in range(16) for y in range(16))


def burn_caption(image: QImage, text: str) -> None:
    """Draw ``text`` on a dark band across the bottom of ``image``, in type a hall can read."""
    if not text:
        return
    painter = QPainter(image)
    try:
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(14, image.height() // 26))
        painter.setFont(font)
        margin = font.pixelSize() // 2
        area = QRect(margin, 0, image.width() - 2 * margin, image.height())
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom) | int(Qt.TextFlag.TextWordWrap)
        needed = painter.boundingRect(area, flags, text)
        band = QRect(0, image.height() - needed.height() - 2 * margin, image.width(), needed.height() + 2 * margin)
        painter.fillRect(band, QColor(0, 0, 0, 200))
        painter.setPen(QColor("white"))
        painter.drawText(band.adjusted(margin, margin, -margin, -margin), flags, text)
    finally:
        painter.end()


class Recorder(QObject):
    """Records ``target()`` to ``path`` (.gif or .mp4) at ``fps`` until ``stop()``.

    ``finished(path, error)`` is emitted on the GUI thread once the file is complete (error "") or has
    failed (error says why; a partial file is removed). A bad path or format raises RecordingError at
    construction, before anything is grabbed.
    """

    finished = Signal(str, str)

    def __init__(self, target: Callable[[], QWidget | None], path: str | Path, fps: float = 10.0,
                 caption: Callable[[], str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.target, self.path, self.fps = target, Path(path), float(fps)
        self.caption = caption or (lambda: "")
        self.writer = writer_for(self.path, self.fps)
        self.frames = 0  # frames handed to the writer, repeats included
        self.dropped = 0
        self.error = ""
        self.state = "idle"  # idle -> recording -> finishing -> done | failed
        self._queue: queue.Queue = queue.Queue(QUEUE_FRAMES)
        self._thread = threading.Thread(target=self._write_all, name="recording-writer", daemon=True)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.grab_frame)
        self._poll = QTimer(self)  # watches the writer thread from the GUI thread (no cross-thread signals)
        self._poll.timeout.connect(self._check_writer)
        self._started = 0.0
        self.from_screen: bool | None = None  # whether frames come from the screen; None until the first

    # -- control ----------------------------------------------------------------------------------
    def start(self) -> None:
        self.state = "recording"
        self._started = time.monotonic()
        self._thread.start()
        self.grab_frame()
        self._timer.start(max(1, int(round(1000 / self.fps))))
        self._poll.start(100)

    def stop(self) -> None:
        """Stop grabbing; the writer finishes the file in the background, then ``finished`` is emitted."""
        if self.state != "recording":
            return
        self._timer.stop()
        self.state = "finishing"
        self._queue.put(None)  # blocks only if the writer is full: it will take one soon

    def wait(self, timeout: float = 120.0) -> bool:
        """Block until the file is written (for the headless command and quitting); True if it was."""
        self._thread.join(timeout)
        self._check_writer()
        return self.state == "done"

    @property
    def seconds(self) -> float:
        return time.monotonic() - self._started if self._started else 0.0

    # -- frames -----------------------------------------------------------------------------------
    def grab_frame(self) -> None:
        widget = self.target()
        if self.state != "recording" or widget is None:
            return
        image = self._grab(widget)
        burn_caption(image, self.caption())
        frame = image_to_array(image)
        due = int(self.seconds * self.fps) + 1  # frames a real-time clip holds by now
        for _ in range(max(1, min(MAX_REPEATS, due - self.frames))):
            try:
                self._queue.put_nowait(frame)
                self.frames += 1
            except queue.Full:
                self.dropped += 1
                break

    def _grab(self, widget: QWidget) -> QImage:
        """The pixels of ``widget`` as last painted, copied from its window's backing store through the
        screen (under a millisecond, and nothing is painted again); where a platform cannot (Wayland
        gives no window pixels), widget.grab(), which paints the widget anew (about 45 ms for a
        1280x720 window: time taken from a 2-core machine's training)."""
        if self.from_screen is not False and widget.isVisible():
            window = widget.window()
            handle = window.windowHandle()
            if handle is not None and handle.screen() is not None:
                corner = widget.mapTo(window, QPoint(0, 0))
                image = handle.screen().grabWindow(window.winId(), corner.x(), corner.y(), widget.width(),
                                                   widget.height()).toImage()
                if self.from_screen is None:  # the first frame decides, once
                    self.from_screen = not image.isNull() and not _blank(image)
                if self.from_screen:
                    return image
        return widget.grab().toImage()

    # -- the writer thread ------------------------------------------------------------------------
    def _write_all(self) -> None:
        if hasattr(os, "setpriority"):  # this thread yields to training (Linux: a thread has its own nice)
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 5)
            except OSError:
                pass
        try:
            while (frame := self._queue.get()) is not None:
                if not self.error:
                    self.writer.add(frame)
            if not self.error:
                self.writer.close()
        except (RecordingError, OSError) as e:
            self.error = str(e)
            self.writer.abort()
            while self._queue.get() is not None:  # drain until stop(), so the GUI never blocks on put
                pass

    def _check_writer(self) -> None:
        if self.error and self.state == "recording":
            self.stop()
        if self.state != "finishing" or self._thread.is_alive():
            return
        self._poll.stop()
        if self.error:
            self.state = "failed"
            self.path.unlink(missing_ok=True)
        else:
            self.state = "done"
        self.finished.emit(str(self.path), self.error)

"""The recorder: grabs a widget (the window or one view) at a frame rate while training goes on, adds the
lesson's caption in a band below each frame, and hands the frames to a writer thread
(gui/recording/writers.py).

The caption band is added under the picture, never drawn over it: a band across the bottom of the
window hid the lower views' axes and legends. Its height is fixed with the first frame (a clip has one
size), and a caption too long for it is set in smaller type. Widgets named in ``leave_out`` (the
status bar's "● REC" indicator) are painted over with what lies behind them, so the clip does not show
its own recording.

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
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QRegion
from PySide6.QtWidgets import QWidget

from gui.recording.writers import RecordingError, writer_for

QUEUE_FRAMES = 8  # frames waiting for the writer before new ones are dropped (~25 MB at 1280x720)
MAX_REPEATS = 5  # missed ticks filled with the last frame, at most, after one late grab
BAND_LINES = 3  # lines of text the caption band holds at its type size: a caption and the verdict under it
SMALLEST_TYPE = 9  # pixels: a caption that does not fit the band at this size is cut


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


def caption_type(frame_height: int) -> int:
    """The caption's type size in pixels for a frame this high: large enough for a hall to read."""
    return max(14, frame_height // 30)


def band_height(frame_height: int) -> int:
    """The caption band's height under a frame this high: BAND_LINES lines and a margin, an even number
    (H.264 wants even sides)."""
    font = QFont()
    font.setBold(True)
    font.setPixelSize(caption_type(frame_height))
    height = BAND_LINES * QFontMetrics(font).lineSpacing() + font.pixelSize()
    return height + height % 2


def with_caption_band(image: QImage, text: str, band: int) -> QImage:
    """``image`` with a dark band of ``band`` pixels added below it, ``text`` on it in light type (smaller
    type when the text needs more lines than the band holds). The picture itself is untouched."""
    out = QImage(image.width(), image.height() + band, QImage.Format.Format_RGB32)
    out.fill(QColor(0, 0, 0))
    painter = QPainter(out)
    try:
        painter.drawImage(QRect(0, 0, image.width(), image.height()), image)
        if text:
            font = QFont()
            font.setBold(True)
            size = caption_type(image.height())
            flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter) | int(Qt.TextFlag.TextWordWrap)
            while True:
                font.setPixelSize(size)
                painter.setFont(font)
                margin = size // 2
                area = QRect(margin, image.height() + margin // 2, image.width() - 2 * margin, band - margin)
                if painter.boundingRect(area, flags, text).height() <= area.height() or size <= SMALLEST_TYPE:
                    break
                size -= 1
            painter.setPen(QColor("white"))
            painter.drawText(area, flags, text)
    finally:
        painter.end()
    return out


def leave_out_widgets(image: QImage, target: QWidget, widgets: list[QWidget]) -> None:
    """Paint over each of ``widgets`` inside ``target``'s picture ``image`` with what its parent draws
    behind it (the parent painted anew there without its children)."""
    painter = None
    try:
        for widget in widgets:
            parent = widget.parentWidget()
            if parent is None or not widget.isVisible() or not (target is widget or target.isAncestorOf(widget)):
                continue
            painter = painter or QPainter(image)
            corner = widget.mapTo(target, QPoint(0, 0))
            parent.render(painter, corner, QRegion(widget.geometry()), QWidget.RenderFlag.DrawWindowBackground)
    finally:
        if painter is not None:
            painter.end()


class Recorder(QObject):
    """Records ``target()`` to ``path`` (.gif or .mp4) at ``fps`` until ``stop()``.

    ``finished(path, error)`` is emitted on the GUI thread once the file is complete (error "") or has
    failed (error says why; a partial file is removed). A bad path or format raises RecordingError at
    construction, before anything is grabbed.
    """

    finished = Signal(str, str)

    def __init__(self, target: Callable[[], QWidget | None], path: str | Path, fps: float = 10.0,
                 caption: Callable[[], str] | None = None, parent: QObject | None = None,
                 leave_out: Callable[[], list[QWidget]] | None = None):
        super().__init__(parent)
        self.target, self.path, self.fps = target, Path(path), float(fps)
        self.caption = caption  # None: no band under the frames
        self.leave_out = leave_out or (lambda: [])
        self.band = 0  # the caption band's height, fixed with the first frame
        self.burned = ""  # the text in the last frame's band (the record tool reports it)
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
        leave_out_widgets(image, widget, self.leave_out())
        if self.caption is not None:
            self.band = self.band or band_height(image.height())
            self.burned = self.caption()
            image = with_caption_band(image, self.burned, self.band)
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

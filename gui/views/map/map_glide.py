"""The glide: a new map's points move from where they are to where they now belong, so the eye can
follow a cluster forming instead of seeing the picture jump."""

from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer

GLIDE_MS, GLIDE_FRAMES = 400, 12


def ease(t: float) -> float:
    """Smoothstep, 3t² - 2t³: starts and ends at rest."""
    return t * t * (3 - 2 * t)


class Glide:
    """Calls ``move(coords)`` GLIDE_FRAMES times over GLIDE_MS on the way from one layout to another,
    then ``done()``. Each view has its own timer: two maps side by side glide independently."""

    def __init__(self, parent: QObject, move: Callable[[np.ndarray], None], done: Callable[[], None]):
        self.move, self.done = move, done
        self._timer = QTimer(parent)
        self._timer.timeout.connect(self.step)
        self.start_coords: np.ndarray | None = None  # (P, 2)
        self.end_coords: np.ndarray | None = None  # (P, 2)
        self.i = 0  # frames taken

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, start_coords: np.ndarray, end_coords: np.ndarray) -> None:
        self.start_coords, self.end_coords, self.i = start_coords, end_coords, 0
        self._timer.start(GLIDE_MS // GLIDE_FRAMES)

    def stop(self) -> None:
        """Stop and forget both ends: a tick already queued then does nothing."""
        self._timer.stop()
        self.start_coords = self.end_coords = None

    def step(self) -> None:
        if self.start_coords is None:  # stopped (cleared) mid-glide
            self._timer.stop()
            return
        self.i += 1
        t = ease(self.i / GLIDE_FRAMES)
        self.move(self.start_coords + (self.end_coords - self.start_coords) * t)
        if self.i >= GLIDE_FRAMES:
            self.stop()
            self.done()

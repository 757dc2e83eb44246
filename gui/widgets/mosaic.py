"""Tile batches of images into one array, so a whole grid is a single pyqtgraph ImageItem."""

from __future__ import annotations

import numpy as np


def mosaic(rows: list[np.ndarray], pad: int = 2, fill: float = 0.35) -> np.ndarray:
    """Rows of images (each (B, H, W, C) in [0, 1], the same H, W, C) -> one (R*(H+pad), B*(W+pad), C) image.

    Shorter rows are padded with the fill colour; grey images come out (H, W) for pyqtgraph's ImageItem.
    """
    b = max(len(r) for r in rows)
    h, w, c = rows[0].shape[1:]
    out = np.full((len(rows) * (h + pad) - pad, b * (w + pad) - pad, c), fill, dtype=np.float32)
    for i, row in enumerate(rows):
        for j, img in enumerate(row):
            y, x = i * (h + pad), j * (w + pad)
            out[y:y + h, x:x + w] = img
    return out[..., 0] if c == 1 else out


def cell_at(x: float, y: float, image_hw: tuple[int, int], pad: int = 2) -> tuple[int, int] | None:
    """(row, column) of the tile under image coordinates (x, y), or None on the padding."""
    h, w = image_hw
    if x < 0 or y < 0:
        return None
    col, cx = divmod(int(x), w + pad)
    row, cy = divmod(int(y), h + pad)
    if cx >= w or cy >= h:
        return None
    return row, col

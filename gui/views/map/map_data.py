"""What the map knows of one run's probe set: the images and their labels, factors, clusters and
reconstruction errors, and the newest embedding. One object per view, emptied when a run ends."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    """The map's words in the user's language (gui/translations/, context "MapView")."""
    return QCoreApplication.translate("MapView", text)


@dataclass
class ProbeData:
    images: np.ndarray | None = None  # (P, H, W, C) uint8
    labels: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # (P,)
    class_names: tuple[str, ...] = ()
    factors: np.ndarray | None = None  # (P, F) a Sprites image's generating factors
    factor_names: tuple[str, ...] = ()
    embedding: np.ndarray | None = None  # (P, D) newest model embedding, for neighbours
    recon_error: np.ndarray | None = None  # (P,) the newest errors that came (every few updates)
    clusters: np.ndarray | None = None  # (P,) k-means cluster of each image

    def clear(self) -> None:
        """Forget the run: every field back to its default, in place (the drawing holds this object)."""
        self.__dict__.update(ProbeData().__dict__)

    def colour_choices(self) -> list[tuple[str, str]]:
        """(text, key) of each colouring the data allows: label, each factor, clusters, error."""
        choices = [(_tr("label"), "label")]
        choices += [(_tr("factor: {0}").format(name), f"factor:{i}") for i, name in enumerate(self.factor_names)]
        if self.clusters is not None:
            choices.append((_tr("k-means cluster"), "cluster"))
        if self.recon_error is not None:
            choices.append((_tr("reconstruction error"), "error"))
        return choices

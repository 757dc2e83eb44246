"""Whether a run trains on 2-D points (GAN Lab's ground: a ring of Gaussians, a drawing) rather than on
images, decided here once: the window raises the Method view for such a run, and the views that draw
images (Images, Embedding map, Latent explorer) show one line in place of a picture they will never get.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    """The placeholder's words in the user's language (gui/translations/, context "PointsRun")."""
    return QCoreApplication.translate("PointsRun", text)


def points_run(info: Any) -> bool:
    """Whether the run of ``info`` (a RunStarted) trains on 2-D points.

    RunStarted names its data set but not the data's kind, so the kind comes from the engine's registry of
    data sets by name (``points:PATH`` and the embedded point sets); a ``data_kind`` field on RunStarted,
    when the engine sends one, is read first."""
    kind = getattr(info, "data_kind", None)
    if kind is None:
        dataset = getattr(info, "dataset", "") or ""
        if dataset.startswith("points:"):
            return True
        from engine.data import dataset_kind  # (a RunStarted comes only once the engine is loaded)

        kind = dataset_kind(dataset)
    return kind == "points"


def no_images_note(info: Any) -> str:
    """The one line an image view shows for a run of ``info`` in place of its pictures; "" for a run on
    images."""
    return _tr("no images: 2-D points are shown in the Method view") if points_run(info) else ""

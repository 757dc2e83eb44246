"""Which data sets a lesson file may name, checked when it is read (engine/lessons/loader.py), not when
its run starts: a named data set (engine.data.dataset_names: the images, the 2-D point sets, CycleGAN's
domain pairs), ``folder:PATH``, ``points:PATH`` (a file of points) and ``domains:PATH_A|PATH_B`` (two
folders). A path is looked for now, so that a mistyped one is named before anything trains; what is in
it is the data loader's to judge.

Each function returns the problem as a Words, or None when there is none.
"""

from __future__ import annotations

from pathlib import Path

from engine.words import Words

PREFIXES = ("folder:", "points:", "domains:")


def _listed(names) -> str:
    return ", ".join(names) or Words("none")


def dataset_problem(dataset: str) -> Words | None:
    """What is wrong with the data set name ``dataset`` in a lesson file, or None."""
    from engine.data import dataset_names

    if dataset in dataset_names():
        return None
    prefix = next((p for p in PREFIXES if dataset.startswith(p)), None)
    if prefix is None:
        return Words("unknown data set {dataset}; valid: {valid}, or folder:PATH, points:PATH or domains:PATH_A|PATH_B",
                     dataset=repr(dataset), valid=_listed(dataset_names()))
    path = dataset.split(":", 1)[1]
    if prefix == "points:":
        file = Path(path).expanduser()
        return None if file.is_file() else Words("no such file: {file}", file=str(file))
    if prefix == "domains:":
        parts = path.split("|")
        if len(parts) != 2 or not all(p.strip() for p in parts):
            return Words("two domains are named domains:PATH_A|PATH_B, two folders joined by |, not {spec}",
                         spec=repr(dataset))
    else:
        parts = [path]
    for part in parts:
        folder = Path(part.strip()).expanduser()
        if not folder.is_dir():
            return Words("no such folder: {folder}", folder=str(folder))
    return None


def baseline_problem(dataset: str, subjects: tuple[str, ...]) -> Words | None:
    """What is wrong with comparing ``subjects`` on ``dataset``: the image baselines (raw pixels, PCA)
    on a data set of points, which has no pixels. None when nothing is."""
    from engine.data import dataset_kind
    from engine.lessons.schema import BASELINES, POINT_BASELINES

    if dataset_kind(dataset) != "points":
        return None
    for subject in subjects:
        if subject in BASELINES and subject not in POINT_BASELINES:
            return Words("{subject} is a baseline of images, and {dataset} holds 2-D points; compare with the runs "
                         "or {valid}", subject=subject, dataset=dataset, valid=_listed(POINT_BASELINES))
    return None

"""A subject with what a lesson's run adds to it: the run's augmentation recipe and its map settings, and
the lesson's data set.

The joint-embedding metrics (engine/lessons/measures_ssl.py) need them: Barlow Twins' cross-correlation
is measured between two augmented views drawn with the run's own recipe, and lesson 17's map statistics
on the map drawn with the run's own settings. A baseline gets run A's recipe and the default map.
"""

from __future__ import annotations

from dataclasses import replace

from engine.data import Dataset
from engine.data.augment import AugmentConfig
from engine.lessons.subject import Subject
from engine.lessons.schema import RunSpec

LessonSubject = Subject  # the name older code and tests use: a Subject with its augment and map filled in


def augment_recipe(spec: RunSpec, ds: Dataset) -> AugmentConfig:
    """The recipe ``spec`` trains with: its augment table laid over the data set's usual recipe, as
    engine/lessons/runner.py's run_config and the trainer's set-up lay it."""
    return AugmentConfig.for_dataset(ds.flip_ok, ds.image_shape[1]).updated(spec.augment)


def in_context(subjects: dict[str, Subject], specs: dict[str, RunSpec], ds: Dataset) -> dict[str, Subject]:
    """Each subject with its run's recipe and map settings; the baselines with run A's recipe."""
    out = {}
    for name, subject in subjects.items():
        spec = specs.get(name, specs["A"])
        out[name] = replace(subject, augment=augment_recipe(spec, ds), map=spec.map if name in specs else None,
                            dataset=ds)
    return out

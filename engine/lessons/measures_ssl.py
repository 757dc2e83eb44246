"""Lesson metrics of the joint-embedding family (SimCLR, MoCo, SimSiam/BYOL, Barlow Twins, rotation) and the embedding map.

Each takes (subject, bank labels, probe labels) and returns a float; see engine/lessons/observables.py
for what a Subject holds. Describe each in engine/lessons/schema.py's METRICS too.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

MEASURES: dict[str, Callable[..., float]] = {}

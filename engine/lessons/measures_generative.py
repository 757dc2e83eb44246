"""Lesson metrics of the autoencoder family (denoising, VAE, beta-VAE, VQ-VAE, MAE).

Each takes (subject, bank labels, probe labels) and returns a float; see engine/lessons/observables.py
for what a Subject holds. Describe each in engine/lessons/schema.py's METRICS too.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

MEASURES: dict[str, Callable[..., float]] = {}

"""Encoder Lab's engine: data, augmentations, methods, the training loop, evaluation.

Pure PyTorch + numpy + scikit-learn. Nothing in this package imports Qt, so the headless CLI,
the tests and the benchmarks drive the same code the GUI drives.
"""

__version__ = "0.1.0"

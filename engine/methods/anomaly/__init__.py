"""Anomaly detection: a model of normal images only (a one-class problem), whose score per image says how
unlike the training data it is (Deep SVDD)."""

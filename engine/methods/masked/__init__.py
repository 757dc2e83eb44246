"""Masked modelling: hide part of the input and predict it from the rest (MAE)."""

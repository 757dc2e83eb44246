"""Pretext tasks: a made-up task whose labels come free with the data (predicting a rotation)."""

"""Bootstrapping: one view predicts the other's embedding with no negatives, kept from collapse by a
predictor and a stop-gradient or a moving-average target (BYOL, SimSiam)."""

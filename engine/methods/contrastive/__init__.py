"""Contrastive learning: two views of one image pulled together, other images pushed apart (SimCLR,
MoCo)."""

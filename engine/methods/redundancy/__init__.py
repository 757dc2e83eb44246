"""Redundancy reduction: the two views' embeddings agree while their dimensions stay decorrelated
(Barlow Twins, VICReg)."""

"""The categorical colours shared by views that colour points by class (the map, the latent pad)."""

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf"]  # matplotlib's tab10, so a class keeps its colour from one view to the next

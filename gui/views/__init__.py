"""One module per view; each updates existing pyqtgraph items with setData/setImage."""

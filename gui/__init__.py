"""Encoder Lab's PySide6 + pyqtgraph app. It owns no training logic: it drives engine.train() off the
GUI thread (gui/session.py) and draws the snapshots it yields (gui/views/)."""

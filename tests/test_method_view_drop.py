"""The Method view drops figures without corrupting Shiboken's wrappers (issue 19: a soak's SIGSEGV in a
method switch). With a dropped figure taken out of its row by setParent(None), this loop crashed
(SIGSEGV, or a new QMenu wrapped as a "QWidgetItem") within 10-35 updates; it runs in a child process so
that a crash fails this test and not the whole suite."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

LOOP = textwrap.dedent("""
    import gc, os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["ENCODER_LAB_PREBUILD_B"] = "off"
    import numpy as np
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    import engine.figures as fig
    import gui.views.method.figure_pool as figure_pool
    from gui.views.method.method_view import MethodView
    figure_pool.KEPT_PER_CLASS = int(os.environ["KEPT"])  # 0: every dropped figure is deleted
    view = MethodView()
    view.resize(900, 500)
    view.show()
    rng = np.random.default_rng(0)
    for i in range(60):
        # figures that come and go (new titles), some kept, and a clear() every other update (a switch)
        figures = (fig.Heatmap(f"h{i % 3}", rng.normal(size=(8, 8))), fig.Bars(f"b{i % 2}", rng.random(10)),
                   fig.Heatmap("similarity", rng.random((6, 6))), fig.Value("value", 0.5))
        view.show_figures(i, figures)
        for _ in range(3):
            app.processEvents()
        if i % 2:
            view.clear("X")
        if i % 3 == 0:
            gc.collect()
        app.processEvents()
    print("held", flush=True)
""")


@pytest.mark.parametrize("kept", [0, 4])  # deleted, or kept for the next run (gui/views/method/figure_pool.py)
def test_figures_dropped_and_rebuilt_sixty_times_do_not_crash(kept):
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", LOOP], cwd=root, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "KEPT": str(kept)})
    assert done.returncode == 0 and "held" in done.stdout, (done.returncode, done.stderr[-2000:])

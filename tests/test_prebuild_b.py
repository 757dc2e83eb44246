"""Run B's panes are built ahead, one at a time and hidden, so the first Compare or two-run lesson does not
build four views in one turn of the event loop (13 s of a frozen window on a busy machine)."""

import gc

from tests import run_snapshots as snaps
from tests.gui_helpers import settle, wait_until
from tests.test_window_two_runs import RecordingControl

CONTAINERS = ("images", "methods", "latents", "maps")


def test_b_panes_are_built_ahead_hidden_and_used_when_b_shows(window, monkeypatch):
    monkeypatch.setattr(type(window), "PREBUILD_GAP_MS", 10)
    assert not any("B" in getattr(window, name).panes for name in CONTAINERS)
    window.prebuild_b_panes()
    built = [name for name in CONTAINERS if "B" in getattr(window, name).panes]
    assert built == ["images"]  # one per turn of the event loop, not all at once
    frozen_before = gc.get_freeze_count()
    wait_until(lambda: all("B" in getattr(window, name).panes for name in CONTAINERS)
               and "B" in window.metrics_view._kept, what="B's panes and metrics plots")
    metrics_b = window.metrics_view._kept["B"]  # made ahead too, hidden: a lesson's B made them as it began
    assert "B" not in window.metrics_view.runs
    settle(0.1)
    assert gc.get_freeze_count() > frozen_before  # the panes live as long as the window: out of the collector's walk
    boxes = {name: getattr(window, name).panes["B"].box for name in CONTAINERS}
    assert all(box.isHidden() for box in boxes.values())
    assert not any(getattr(window, name).showing_b() for name in CONTAINERS)
    assert not window.images.panes["A"].caption.isVisible()  # one run: no "A:" caption

    b_id = window.session.current_id + 1000
    window.session.controls[b_id] = RecordingControl()
    window.show_b(snaps.run_started(b_id, method_label="Autoencoder", latent_dim=3))
    assert window.metrics_view.runs["B"] is metrics_b
    assert all(getattr(window, name).panes["B"].box is box for name, box in boxes.items())  # the same panes
    # Shown one per turn of the event loop (each lays its view out anew), not all in the pass that began B.
    assert all(box.isHidden() for box in boxes.values())
    wait_until(lambda: not any(box.isHidden() for box in boxes.values()), what="B's panes shown")
    assert window.images.panes["B"].caption.text() == "B: Autoencoder · digits"
    window.prebuild_b_panes()  # nothing left to build: nothing changes
    assert all(getattr(window, name).panes["B"].box is box for name, box in boxes.items())
    window.close_b()  # hidden again one per turn, as they came
    wait_until(lambda: all(box.isHidden() for box in boxes.values()), what="B's panes hidden")
    assert not any(getattr(window, name).showing_b() for name in CONTAINERS)

"""Autosave (gui/window/autosave.py) and File ▸ Recover… (gui/window/recover.py): the folder keeps the newest
runs only; a run is autosaved before a switch discards it (A on Reset, B on Close B) without becoming the
user's file; a save asked just before a stop is still written; Recover opens one as File ▸ Open would."""

import json
import os
import struct

from tests.gui_helpers import wait_until


def _fake_autosave(folder, name, method="vae", dataset="digits", step=5, mtime=None):
    """A file with an Encoder Lab checkpoint's JSON header and no weights: enough for the list."""
    meta = json.dumps({"method": method, "dataset": dataset, "step": step})
    header = json.dumps({"__metadata__": {"encoder_lab": meta}}).encode()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(struct.pack("<Q", len(header)) + header)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def test_the_autosave_folder_keeps_the_newest_runs(tmp_path):
    from gui.window.autosave import MAX_FILES, list_autosaves, prune_autosaves

    for i in range(MAX_FILES + 3):
        _fake_autosave(tmp_path, f"20250101-120000-1-run{i}-A-vae-digits.safetensors", step=i, mtime=1_000_000 + i)
    stale = tmp_path / ".20250101-run1-A.safetensors.abc.tmp"  # a save that a crash interrupted
    stale.write_bytes(b"half")
    os.utime(stale, (1_000_000, 1_000_000))
    fresh = tmp_path / ".20250101-run2-A.safetensors.def.tmp"  # a save being written now
    fresh.write_bytes(b"half")
    (tmp_path / "notes.txt").write_text("not ours")

    gone = prune_autosaves(tmp_path, now=1_000_000 + 10_000)
    assert len(gone) == 4 and not stale.exists() and fresh.exists() and (tmp_path / "notes.txt").exists()
    runs = list_autosaves(tmp_path)
    assert [r.step for r in runs] == list(range(MAX_FILES + 2, 2, -1))  # newest first, the oldest 3 gone
    assert (runs[0].slot, runs[0].method, runs[0].dataset) == ("A", "vae", "digits")


def test_a_list_skips_files_that_are_not_checkpoints(tmp_path):
    from gui.window.autosave import list_autosaves

    _fake_autosave(tmp_path, "x-run3-B-vae-digits.safetensors", step=7)
    (tmp_path / "broken.safetensors").write_bytes(b"\xff" * 20)
    (tmp_path / "short.safetensors").write_bytes(b"12")
    assert [(r.slot, r.step) for r in list_autosaves(tmp_path)] == [("B", 7)]


def test_a_save_asked_just_before_a_stop_is_still_written(tmp_path):
    """The engine side of an autosave before a discard: the save verb, then at once the stop. Stopped in
    its first views, the run never reached its requests; the save was lost with it."""
    from engine.training.config import RunConfig
    from engine.training.control import RunControl
    from engine.training.snapshots import RunEvent, RunStarted
    from engine.training.trainer import train

    control = RunControl(start_paused=True)
    run = train(RunConfig(method="autoencoder", dataset="digits", run_params={"seed": 0}), control)
    for snap in run:
        if isinstance(snap, RunStarted):
            break
    path = tmp_path / "autosave.safetensors"
    control.save(str(path))
    control.stop()
    events = [s for s in run if isinstance(s, RunEvent) and s.kind == "saved"]
    assert [e.path for e in events] == [str(path)] and path.exists()


def _autosaved(folder):
    from gui.window.autosave import list_autosaves

    return list_autosaves(folder)


def test_reset_autosaves_a_and_recover_opens_it(window, cache_dir):
    from gui.window.autosave import autosave_folder
    from gui.window.recover import show_recover
    from gui.window.settings import recent_files

    folder = autosave_folder()
    assert folder == cache_dir / "autosave"
    window.autosave.start()
    a_id = window.session.current_id
    window.session.control.step(3)
    wait_until(lambda: window.step >= 3, what="three steps")
    window.reset()  # discards A: autosaved first
    wait_until(lambda: window.session.current_id != a_id and not window.autosave.pending and _autosaved(folder),
               what="the autosave of the discarded run")
    (run,) = _autosaved(folder)
    assert (run.slot, run.method, run.dataset, run.step) == ("A", "vae", "digits", 3)
    assert window.current_file is None and window.windowTitle() == "Encoder Lab"  # not the user's save
    assert recent_files(window.settings) == []
    assert window.autosave.save_all() == []  # the new run has not trained: nothing to save

    dialog = show_recover(window)
    assert dialog.tree.topLevelItemCount() == 1 and dialog.tree.topLevelItem(0).text(3) == "3"
    new_id = window.session.current_id
    assert dialog.open_item(dialog.tree.topLevelItem(0))
    wait_until(lambda: window.session.current_id != new_id and window.run_info.step == 3,
               what="the recovered run to open")
    assert window.run_info.method == "vae" and window.run_info.resumed_from == str(run.path)
    # Not the user's file: the autosave folder prunes itself, so Save must ask where.
    assert window.current_file is None and recent_files(window.settings) == []
    assert "recovered" in window.windowTitle()


def test_close_b_autosaves_b(window, cache_dir):
    from gui.window.autosave import autosave_folder

    folder = autosave_folder()
    window.autosave.start()
    b_id = window.start_comparison(window.panel.config(cadence=window.cadence()), "copy")
    wait_until(lambda: window.slot_of(b_id) == "B", what="run B to start")
    window.session.control_b.step(2)
    wait_until(lambda: getattr(window, "step_b", 0) >= 2, what="two steps of B")
    window.close_b()
    wait_until(lambda: not window.autosave.pending and _autosaved(folder), what="the autosave of B")
    (run,) = _autosaved(folder)
    assert (run.slot, run.step) == ("B", 2) and "-B-" in run.path.name
    assert getattr(window, "saved_step_b", None) is None  # B was not saved by the user

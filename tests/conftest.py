"""Shared test set-up: headless Qt, and no network for anything."""

import os
import socket
import sys
import threading
import time
import traceback

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app follows the system locale (gui/i18n.py); the tests read English text, so on a machine set to
# Chinese they must not start in Chinese. The chinese fixture below installs the Chinese translator.
os.environ["LC_ALL"] = os.environ["LC_MESSAGES"] = os.environ["LANG"] = "C.UTF-8"
os.environ["LANGUAGE"] = "en"
# Windows build run B's panes when B first shows, not ahead (most tests never compare; each window would
# spend a second or two building four hidden panes): tests/test_prebuild_b.py turns it on.
os.environ["ENCODER_LAB_PREBUILD_B"] = "off"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail any attempt to reach the network: nothing at test time may download."""

    real_connect = socket.socket.connect

    def guarded(sock, address):
        if sock.family == getattr(socket, "AF_UNIX", None):
            return real_connect(sock, address)
        raise OSError(f"network access attempted during a test: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: guarded(socket.socket(), a[0]))
    yield


# Threads of the app's processes and of a Session: a test that starts one (serve() on a thread, a window)
# must stop it. Daemon or not, left running they work on in later tests' time: seven leftover UMAP warm-up
# threads were alive when CI segfaulted painting a GraphicsView (issue 19).
APP_THREADS = ("umap-warm-up", "analysis-", "engine-", "run-", "parent-watch", "recording-writer")
THREADS_END_WITHIN_S = 10.0  # generous: on a loaded 2-core machine a stopped run finishes its step first


def _must_end(thread: threading.Thread) -> bool:
    return not thread.daemon or thread.name.startswith(APP_THREADS)


def _describe(threads: list[threading.Thread]) -> str:
    frames = sys._current_frames()
    out = []
    for t in threads:
        stack = "".join(traceback.format_stack(frames[t.ident])[-4:]) if t.ident in frames else "  (no frame)\n"
        out.append(f"{t.name} (daemon={t.daemon}):\n{stack}")
    return "\n".join(out)


@pytest.fixture(autouse=True)
def no_threads_left_behind():
    """Fail a test that leaves a non-daemon thread, or a thread of the app's processes or session, alive."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + THREADS_END_WITHIN_S
    while True:
        left = [t for t in threading.enumerate() if t not in before and t.is_alive() and _must_end(t)]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if left:
        pytest.fail(f"the test left {len(left)} thread(s) running (stop what the test started):\n{_describe(left)}",
                    pytrace=False)


_frozen: list[bool] = []


@pytest.fixture(autouse=True)
def collect_cycles_on_the_main_thread():
    """Once a test made the app, Python's automatic cycle collection is off and the GUI thread collects on
    a timer (gui/gui_thread_gc.py); a test that never turns the event loop still collects, here."""
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    collector = getattr(QApplication.instance(), "gui_thread_collector", None)
    if collector is not None:
        # A whole collection between tests: the engine tests that follow train in this process with
        # automatic collection off and no event loop to collect for them (CI grew to 24 GB and was killed).
        import gc

        gc.collect()
        if not _frozen:  # once: torch, Qt and the app's modules out of every later collection's walk
            gc.freeze()  # (each whole collection walked them again: ~0.15 s a test, minutes a suite)
            _frozen.append(True)


@pytest.fixture(autouse=True)
def spare_engine_processes(request):
    """Each window's engine process is started during the test before (tests/engine_spare.py), once the
    tests have imported the window's session (engine tests never do)."""
    session = sys.modules.get("gui.session")
    if session is not None and session.start_worker is not _take_worker() and not os.environ.get(
            "ENCODER_LAB_NO_SPARE"):
        session.start_worker = _take_worker()
        request.session.config.add_cleanup(_end_spare)
    yield


def _take_worker():
    from tests.engine_spare import take_worker

    return take_worker


def _end_spare() -> None:
    from tests.engine_spare import end

    end()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """Delete the widgets the test closed, once its fixtures are torn down.

    pytest-qt closes each widget a test added and calls deleteLater(), but outside a running event loop
    Qt never delivers that deletion: every test's windows, with their plots and menus, stayed alive (three
    MainWindows and 15,000 widgets after test_gui.py alone), and each later language change or style
    change walked all of them (the Chinese-interface tests took 15 s to set up and 15 s to tear down).
    Plots are taken apart first, as the app does before it deletes a view (gui/widgets/plot_teardown.py).
    """
    result = yield
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QEvent
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            from gui.widgets.plot_teardown import release_plots

            for widget in QApplication.topLevelWidgets():
                if not widget.isVisible() and type(widget).__name__ == "MainWindow":
                    release_plots(widget)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return result


@pytest.fixture(autouse=True)
def no_dialog_left_open():
    """Close the dialogs a test left open: a stray modal message box takes every key of the next test's
    window (engine tests never import Qt, so for them this does nothing)."""
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication, QDialog

    if QApplication.instance() is None:
        return
    # Only the active modal dialog: walking every top-level widget touched half-deleted ones and crashed.
    for _ in range(10):
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            return
        dialog.done(0)


@pytest.fixture(scope="session")
def trained_vae(tmp_path_factory):
    """A checkpoint of a VAE (latent_dim 3) trained 12 steps on the embedded digits, shared by the
    checkpoint tests: read it, copy it, spoil the copy, never write to it."""
    from engine.training.config import RunConfig
    from tests.helpers import QUIET, run_to_end

    path = tmp_path_factory.mktemp("ckpt") / "vae.safetensors"
    snaps = run_to_end(RunConfig(method="vae", dataset="digits", steps=12, save_on_end=str(path),
                                 method_params={"latent_dim": 3}, cadence=QUIET))
    assert snaps[-1].saved_to == str(path)
    return path


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """An empty download cache, so a test never sees a user's cached data sets."""
    monkeypatch.setenv("ENCODER_LAB_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def gui_settings(tmp_path, monkeypatch):
    """A settings file of the test's own, so no test sees a user's layout or recent files."""
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("ENCODER_LAB_SETTINGS", str(path))
    return path


@pytest.fixture
def chinese(qapp):
    """The interface in Simplified Chinese for one test, then English again (the other tests read the
    source text). Yields the Chinese of both catalogues: the window's keyed by (context, English) and the
    engine's words keyed by their English alone (gui/i18n_catalog.py, gui/i18n_engine.py)."""
    from gui import i18n_catalog, i18n_engine
    from gui.i18n import install_translator, remove_translator

    assert install_translator(qapp, "zh_CN") is not None
    yield {**i18n_catalog.read_ts(), **i18n_engine.read_ts()}
    remove_translator(qapp)


@pytest.fixture
def window(qtbot, gui_settings, request):
    """The main window with the engine loaded and its first (paused) run on `digits` started.

    Without the analysis process (maps and probes) unless the test is marked ``@pytest.mark.analysis``.
    """
    from engine.training.config import RunConfig
    from gui.app import create_app
    from gui.window.main_window import MainWindow
    from tests.gui_helpers import wait_until

    create_app([])
    analysis = request.node.get_closest_marker("analysis") is not None
    w = MainWindow(analysis=analysis)
    qtbot.addWidget(w)
    w.ask_before_discard = False
    w.show()
    w.load_engine(config=RunConfig(method="vae", dataset="digits", method_params={"latent_dim": 2},
                                   cadence=MainWindow.cadence()))
    wait_until(lambda: w.run_info is not None, what="the first run to start")
    yield w
    w.ask_before_discard = False
    w.close()
    assert w.session.shutdown(10)


@pytest.fixture(scope="module")
def one_torch_thread():
    """One torch thread for a module's tests: their networks are small, and on a 2-core machine that is busy
    elsewhere two threads wait on each other (a critic update took 1.1 s with two, 24 ms with one)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)

"""Shared test set-up: headless Qt, and no network for anything."""

import os
import socket

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """An empty download cache, so a test never sees a user's cached data sets."""
    monkeypatch.setenv("ENCODER_LAB_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"

"""Canary for the Qt binding: a release that leaks references on Signal.emit must fail CI, not a lecture.

PySide6-Essentials 6.12.0 on CPython 3.11 lowers True's reference count on every emit of a connected
signal until CPython frees True and aborts. pyproject.toml excludes that release; this test fails on the
next one that does the same.
"""

import sys

import pytest

from gui import qt_binding


def test_emitting_a_connected_signal_keeps_singleton_refcounts(qapp):
    drift = qt_binding.refcount_drift(emits=64)
    # Other threads (pytest-qt, Qt's own) may take or drop a stray reference meanwhile; a leak per emit
    # moves a count by -64, so a margin of a few tells the two apart.
    assert all(d > -8 for d in drift.values()), f"reference counts fell on emit: {drift}"


def test_the_start_up_check_passes_on_this_binding(qapp):
    assert qt_binding.binding_problem() is None


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True and None are immortal from Python 3.12")
def test_the_start_up_check_names_a_leaking_binding(monkeypatch):
    monkeypatch.setattr(qt_binding, "refcount_drift", lambda emits: {"True": -emits, "False": 0, "None": 0})
    message = qt_binding.binding_problem()
    assert message is not None and "True" in message and "PySide6" in message


def test_pyproject_keeps_installs_off_the_leaking_release():
    import tomllib
    from pathlib import Path

    from packaging.requirements import Requirement

    deps = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]["dependencies"]
    pyside = [Requirement(d) for d in deps if d.lower().startswith("pyside6")]
    on_311 = [r for r in pyside if r.marker is None or r.marker.evaluate({"python_version": "3.11"})]
    assert on_311 and all(not r.specifier.contains("6.12.0") for r in on_311)

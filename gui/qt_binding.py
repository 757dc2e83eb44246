"""A start-up check of the Qt binding against a known fault that aborts the app after minutes.

PySide6-Essentials 6.12.0 on CPython 3.11 (and older) lowers the reference count of ``True`` by one on
every ``Signal.emit()`` of a connected signal. A live app emits thousands of signals a minute, so after
a while CPython frees ``True`` (or ``None``) and aborts with "Fatal Python error: bool_dealloc" —
mid-lecture. Python 3.12 made these objects immortal, so it does not show there. pyproject.toml keeps
installs off that release; this check catches a binding that got in anyway (or the next bad release)
before the window opens, with a message instead of a crash later.
"""

from __future__ import annotations

import sys

PROBE_EMITS = 16  # enough to see a steady leak, too few to endanger the process that runs the probe


def refcount_drift(emits: int = PROBE_EMITS) -> dict[str, int]:
    """Emit a connected signal ``emits`` times; return how far the reference counts of True, False and
    None moved (0 on a sound binding, -emits on the broken one). Needs no QApplication."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        fired = Signal(object)

    probe = _Probe()
    received: list[object] = []
    probe.fired.connect(received.append)
    singletons = {"True": True, "False": False, "None": None}
    before = {name: sys.getrefcount(obj) for name, obj in singletons.items()}
    for i in range(emits):
        probe.fired.emit(i)
    after = {name: sys.getrefcount(obj) for name, obj in singletons.items()}
    probe.fired.disconnect()
    del received
    return {name: after[name] - before[name] for name in singletons}


def binding_problem(emits: int = PROBE_EMITS) -> str | None:
    """A message for the user when this Qt binding leaks references on emit, else None."""
    if sys.version_info >= (3, 12):
        return None  # True, False and None are immortal there: the leak cannot free them
    drift = refcount_drift(emits)
    leaking = [name for name, d in drift.items() if d <= -emits // 2]
    if not leaking:
        return None
    import PySide6

    return (f"This PySide6 ({PySide6.__version__}) loses a reference to {' and '.join(leaking)} on every Qt "
            f"signal, and on Python {sys.version_info.major}.{sys.version_info.minor} the app would abort "
            "after a few minutes (\"Fatal Python error: bool_dealloc\"). Install another release, e.g. "
            "pip install 'PySide6-Essentials!=6.12.0', or use Python 3.12 or later.")

"""Take widgets out of the window now and delete them on the next turn of the event loop, while Python
still holds their wrappers.

``deleteLater()`` was the house's way, and the soak crashed on it (issue 19): a core dump of a SIGSEGV
after a method switch showed Qt delivering the DeferredDelete of the Experiment panel's "stop gradient"
label (the parameter form, rebuilt for the new method), the label's C++ destructor asking Shiboken for its
Python wrapper, and the wrapper already freed (reference count 0, still in Shiboken's map):
Shiboken::BindingManager::releaseWrapper on freed memory. Between deleteLater() and the event, nothing
kept the wrapper alive but Shiboken's own bookkeeping.

So a retired widget is hidden at once, its wrapper (and its children's) is kept here, and on the next
turn of the event loop ``shiboken6.delete`` destroys the C++ object through that live wrapper: the
destructor finds a valid wrapper and invalidates it; only then does Python let go. A widget retired from
inside one of its own signals is not destroyed under the caller.
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

_retired: list[QObject] = []  # the widgets to delete, their wrappers held until then
_held: list[QObject] = []  # their children's wrappers, held until their parents' destructors have run
_scheduled = False
TURN_BUDGET_S = 0.015  # deleting per turn of the event loop; what is left waits for the next turn


def retire(*objects: QObject | None) -> None:
    """Hide each widget now; delete it (and its children) on the next turn of the event loop."""
    for obj in objects:
        if obj is None or not shiboken6.isValid(obj):
            continue
        if isinstance(obj, QWidget):
            obj.hide()
            # Not deleted one by one (a spin box's own line edit must go with the spin box), only held:
            # the parent's destructor deletes each, and each then finds its wrapper alive.
            _held.extend(obj.findChildren(QWidget))
        _retired.append(obj)
    _schedule()


def _schedule() -> None:
    global _scheduled
    if _retired and not _scheduled:
        _scheduled = True
        QTimer.singleShot(0, _delete_some)


def _delete_some() -> None:
    """The timer's turn: delete for TURN_BUDGET_S at most, the rest on the next turns (a lesson's start
    retired a whole run's plots and figures at once: one 240 ms pass of the event loop)."""
    global _scheduled
    _scheduled = False
    delete_retired(TURN_BUDGET_S)
    _schedule()


def delete_retired(budget_s: float | None = None) -> int:
    """Delete what was retired, all of it or, with ``budget_s``, until that much time is spent (at least
    one); how many were deleted. Tests call it to be sure."""
    global _held
    deadline = None if budget_s is None else time.perf_counter() + budget_s
    deleted = 0
    while _retired and (deadline is None or deleted == 0 or time.perf_counter() < deadline):
        obj = _retired.pop(0)
        if shiboken6.isValid(obj):  # not when it went with a parent retired before it
            shiboken6.delete(obj)
            deleted += 1
    if not _retired:
        # The children's wrappers, invalid by now, go after every destructor has run.
        children, _held = _held, []
        del children
    return deleted


def pending() -> int:
    return len(_retired)

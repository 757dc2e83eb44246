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

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

_retired: list[QObject] = []  # the widgets to delete, their wrappers held until then
_held: list[QObject] = []  # their children's wrappers, held until their parents' destructors have run
_scheduled = False


def retire(*objects: QObject | None) -> None:
    """Hide each widget now; delete it (and its children) on the next turn of the event loop."""
    global _scheduled
    for obj in objects:
        if obj is None or not shiboken6.isValid(obj):
            continue
        if isinstance(obj, QWidget):
            obj.hide()
            # Not deleted one by one (a spin box's own line edit must go with the spin box), only held:
            # the parent's destructor deletes each, and each then finds its wrapper alive.
            _held.extend(obj.findChildren(QWidget))
        _retired.append(obj)
    if _retired and not _scheduled:
        _scheduled = True
        QTimer.singleShot(0, delete_retired)


def delete_retired() -> int:
    """Delete what was retired (called by the timer; tests call it to be sure); how many were deleted."""
    global _scheduled
    _scheduled = False
    roots, children = list(_retired), list(_held)
    _retired.clear()
    _held.clear()
    deleted = 0
    for obj in roots:
        if shiboken6.isValid(obj):  # not when it went with a parent retired before it
            shiboken6.delete(obj)
            deleted += 1
    del children  # the wrappers, invalid by now, go after every destructor has run
    return deleted


def pending() -> int:
    return len(_retired)

"""The window's keys are filtered where key events go, not on every event of the application
(gui/window/focus_filters.py): an application-wide Python filter crossed into Python for each paint,
timer and queued call of the window."""

from PySide6.QtCore import Qt

from gui.window.presentation_keys import PresentationKeys
from gui.window.transport import TransportKeys
from tests.gui_helpers import settle, wait_until


def test_the_key_filters_see_key_events_not_every_event(window, qtbot, monkeypatch):
    calls = []
    for cls in (TransportKeys, PresentationKeys):
        real = cls.eventFilter
        monkeypatch.setattr(cls, "eventFilter", lambda self, obj, event, real=real: calls.append(1) or real(self, obj, event))
    window.resize(1000, 700)
    for _ in range(5):  # paints, resizes, layout requests and timers: none of them is a key
        window.loss_view.update()
        window.resize(window.width() + 7, window.height())
        settle(0.05)
    assert len(calls) < 20, f"{len(calls)} events went through the key filters"

    window.activateWindow()
    window.panel.dataset.setFocus()
    wait_until(lambda: window.panel.dataset.hasFocus(), what="the combo box's focus")
    qtbot.keyClick(window.panel.dataset, Qt.Key.Key_Space)  # the focused widget's key: the filter takes it
    wait_until(lambda: window.running, what="Space to start training")
    window.loss_view.setFocus()  # the filter moves with the focus
    wait_until(lambda: window.key_filters.on is window.loss_view, what="the filters to follow the focus")
    qtbot.keyClick(window.loss_view, Qt.Key.Key_Space)
    wait_until(lambda: not window.running, what="Space to pause")

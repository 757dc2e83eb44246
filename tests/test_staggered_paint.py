"""A change to every view repaints them one per turn of the event loop (gui/widgets/staggered_paint.py):
painting is held, then given back widget by widget, and none is left held."""

import shiboken6
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.widgets.staggered_paint import StaggeredPaint


def _labels(qtbot, n=3):
    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    labels = [QLabel(f"view {i}") for i in range(n)]
    for label in labels:
        layout.addWidget(label)
    top.show()
    qtbot.waitExposed(top)
    return top, labels


def test_painting_comes_back_one_widget_per_turn_and_none_stays_held(qtbot, qapp):
    top, labels = _labels(qtbot)
    hidden = QLabel("not shown")  # a hidden widget is left alone: it paints when it is shown
    stagger = StaggeredPaint(top)
    stagger.hold([*labels, hidden, labels[0]])  # twice the same: held once
    assert stagger.held() == 3 and not any(w.updatesEnabled() for w in labels) and hidden.updatesEnabled()
    seen = [0]
    for _ in range(50):
        qapp.processEvents()  # one pass of the event loop: at most one widget gets its painting back
        seen.append(sum(w.updatesEnabled() for w in labels))
        if seen[-1] == 3:
            break
    steps = [b - a for a, b in zip(seen, seen[1:])]
    assert seen[-1] == 3 and stagger.held() == 0 and max(steps) == 1 and min(steps) >= 0


def test_a_widget_deleted_while_held_is_skipped(qtbot, qapp):
    top, labels = _labels(qtbot, 2)
    stagger = StaggeredPaint(top)
    stagger.hold(labels)
    shiboken6.delete(labels[0])
    qtbot.waitUntil(lambda: stagger.held() == 0, timeout=2000)
    assert labels[1].updatesEnabled()


def test_release_all_gives_every_widget_its_painting_back_at_once(qtbot, qapp):
    top, labels = _labels(qtbot)
    stagger = StaggeredPaint(top)
    stagger.hold(labels)
    stagger.release_all()
    assert stagger.held() == 0 and all(w.updatesEnabled() for w in labels)


def test_calls_come_one_per_turn_before_any_widget_paints_again(qtbot, qapp):
    top, labels = _labels(qtbot, 2)
    stagger = StaggeredPaint(top)
    stagger.hold(labels)
    order = []
    for name in ("first", "second"):
        stagger.later(lambda name=name: order.append((name, sum(w.updatesEnabled() for w in labels))))
    qapp.processEvents()
    assert len(order) <= 1  # one per turn
    qtbot.waitUntil(lambda: stagger.held() == 0, timeout=2000)
    assert order == [("first", 0), ("second", 0)]  # in order, while both labels were still held
    stagger.later(lambda: order.append("after"))
    stagger.release_all()
    assert order[-1] == "after"

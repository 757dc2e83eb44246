"""Widgets taken out of the window are deleted through wrappers Python still holds (gui/widgets/retire.py):
a soak crashed in the DeferredDelete of a parameter form's label whose wrapper was already freed."""

import gc

import shiboken6
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QWidget

from gui.widgets import retire as retire_module
from gui.widgets.retire import delete_retired, retire


def test_retired_widget_is_hidden_now_and_deleted_on_the_next_turn(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    label = QLabel("stop gradient", host)
    host.show()
    retire(label)
    assert not label.isVisible() and shiboken6.isValid(label)  # not deleted under a caller on the stack
    qtbot.waitUntil(lambda: not shiboken6.isValid(label), timeout=2000)
    assert retire_module.pending() == 0


def test_wrappers_stay_alive_until_their_widgets_are_deleted(qtbot):
    """The wrappers are held even when nothing else refers to them (the crash: a freed wrapper)."""
    host = QWidget()
    qtbot.addWidget(host)
    form = QFormLayout(host)
    spin = QSpinBox()
    form.addRow(QLabel("lr"), spin)
    row = form.takeRow(0)
    widgets = [item.widget() for item in (row.labelItem, row.fieldItem)]
    ids = {id(w) for w in widgets}
    retire(*widgets)
    del widgets, row, spin
    gc.collect()
    assert {id(w) for w in retire_module._retired} == ids
    assert delete_retired() == 2
    assert retire_module.pending() == 0 and not retire_module._held


def test_a_budget_deletes_some_now_and_leaves_the_rest_for_later_turns(qtbot, monkeypatch):
    """Many widgets retired at once (a lesson's start) are deleted over several turns, the children's
    wrappers held until the last of their parents is gone."""
    labels = []
    for _ in range(5):
        host = QWidget()
        QLabel("child", host)
        labels.append(host)
    retire(*labels)
    ticks = iter(range(1000))
    monkeypatch.setattr(retire_module.time, "perf_counter", lambda: next(ticks) * 1.0)  # each delete: 1 s
    assert delete_retired(budget_s=1.5) == 2  # at least one, then while the budget lasts
    assert retire_module.pending() == 3 and retire_module._held  # the children's wrappers still held
    monkeypatch.undo()
    qtbot.waitUntil(lambda: retire_module.pending() == 0, timeout=2000)
    assert not retire_module._held and not any(shiboken6.isValid(w) for w in labels)


def test_a_form_rebuilt_from_its_own_signal_keeps_working(qtbot):
    """A rebuild reached from a signal of a widget it retires: nothing is deleted under that signal."""
    from engine.methods import get_method
    from engine.params import specs
    from gui.panels.param_form import ParamForm

    form = ParamForm()
    qtbot.addWidget(form)
    byol, simsiam = get_method("byol"), get_method("simsiam")
    form.build(byol.Params)
    form.changed.connect(lambda *_: form.build(simsiam.Params))
    old = list(form._widgets.values())
    spin = next(w for w in old if isinstance(w, (QSpinBox, QDoubleSpinBox)))
    spin.setValue(spin.value() + spin.singleStep())  # its valueChanged rebuilds the form
    assert set(form.values()) == {s.name for s in specs(simsiam.Params)}
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(w) for w in old), timeout=2000)


def test_retire_ignores_none_and_deleted_objects(qtbot):
    label = QLabel("gone")
    shiboken6.delete(label)
    retire(None, label)
    assert retire_module.pending() == 0

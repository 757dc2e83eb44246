"""A settings form rebuilt from inside a signal of one of its own widgets neither crashes nor keeps the old
rows (gui/panels/param_form.py: rows are taken out and deleted later, not deleted under the caller)."""

from dataclasses import dataclass

from engine.params import param


@dataclass
class _Params:
    width: int = param(32, low=1, high=512, help="w")
    kind: str = param("a", choices=("a", "b"), help="k")
    on: bool = param(True, help="o")


def test_a_rebuild_from_a_widgets_own_signal_leaves_one_set_of_rows(qapp):
    from gui.panels.param_form import ParamForm

    form = ParamForm()
    form.build(_Params)
    form.show()
    rebuilt = []

    def rebuild(name, _value):
        rebuilt.append(name)
        form.build(_Params)  # as a panel does when a change asks for a new form

    form.changed.connect(rebuild)
    for _ in range(20):
        form._widgets["kind"].setCurrentIndex(1)  # the combo's own signal, while it is being handled
        qapp.processEvents()
    assert len(rebuilt) == 20 and form._layout.rowCount() == 3

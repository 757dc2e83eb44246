"""The augmentation panel is built from the engine's augmentation metadata (engine.data.augment.op_specs):
every operation, range, default and help there is a control here, and nothing else."""

from dataclasses import dataclass

from engine.data.augment import AugmentConfig, Op, op_field, op_specs
from gui.panels.augment_panel import AugmentPanel
from tests.gui_helpers import settle


@dataclass(frozen=True)
class WithSharpen(AugmentConfig):
    """The engine's recipe with a narrower rotation and one more operation, as a new op would arrive."""

    rotate: Op = op_field(Op(True, 30.0, 0.25), help="rotate about the centre", strength="degrees", high=90.0)
    sharpen: Op = op_field(Op(True, 2.5, 0.3), help="unsharp masking", strength="amount of sharpening", high=4.0)


def _panel(qtbot, config=None) -> AugmentPanel:
    panel = AugmentPanel()
    qtbot.addWidget(panel)
    panel.populate(config)
    return panel


def test_every_control_follows_the_metadata(qtbot):
    panel = _panel(qtbot)
    specs = op_specs()
    assert list(panel.rows) == [s.name for s in specs] == list(AugmentConfig().as_ops())
    for s in specs:
        on, strength, p = panel.rows[s.name]
        assert on.text() == s.name and on.isChecked() == s.default.enabled and on.toolTip() == s.help
        assert (strength.minimum(), strength.maximum()) == (s.strength.low, s.strength.high)
        assert strength.value() == s.default.strength and strength.toolTip() == s.strength.help
        assert (p.minimum(), p.maximum()) == (0.0, 1.0) and p.value() == s.default.p
    assert panel.rows["rotate"][1].maximum() == 180.0 and panel.rows["rotate"][1].singleStep() == 1.0
    assert panel.rows["noise"][1].singleStep() == 0.05


def test_a_new_operation_and_a_new_range_appear_without_gui_code(qtbot):
    panel = _panel(qtbot, WithSharpen)
    assert list(panel.rows)[-1] == "sharpen"
    on, strength, p = panel.rows["sharpen"]
    assert on.isChecked() and on.toolTip() == "unsharp masking"
    assert strength.maximum() == 4.0 and strength.value() == 2.5 and p.value() == 0.3
    rotate = panel.rows["rotate"][1]
    assert rotate.maximum() == 90.0 and rotate.value() == 30.0
    rotate.setValue(120.0)  # the spin box holds the metadata's range
    assert rotate.value() == 90.0
    panel.set_ops({"sharpen": (False, 1.0, 0.9)})
    assert panel.ops()["sharpen"] == (False, 1.0, 0.9)


def test_settings_shown_before_the_engine_loads_appear_with_the_rows(qtbot):
    panel = AugmentPanel()
    qtbot.addWidget(panel)
    seen = []
    panel.changed.connect(seen.append)
    panel.set_ops({"noise": (True, 0.3, 0.7)})  # a run started before the panel could be built
    assert panel.ops() == {}
    panel.populate()
    settle(0.3)
    assert panel.ops()["noise"] == (True, 0.3, 0.7) and not seen
    panel.populate()  # once only
    assert len(panel.rows) == len(op_specs())

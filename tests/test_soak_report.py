"""The soak's memory verdict (gui/tools/soak_report.py): a process that swings with each method switch and
a timed lesson's two runs at the end are flat; one that keeps climbing is not."""

from gui.tools.soak_report import _memory


def _minutes(engine_mb, phase="actions", start_at=0):
    return [{"at": start_at + 60 * i, "phase": phase, "rss": {"gui": 700, "engine": mb, "analysis": 400}}
            for i, mb in enumerate(engine_mb)]


def test_swings_and_the_lesson_at_the_end_are_flat():
    swings = [820, 1110, 900, 1050, 830, 1000, 940, 1100, 850, 1020, 880, 1090]
    minutes = _minutes(swings) + _minutes([1200, 1230], phase="lesson", start_at=60 * len(swings))
    memory = _memory(minutes, {"rss": {"engine": 600}})
    assert memory["engine"]["flat"] and memory["gui"]["flat"]
    assert memory["engine"]["last_third_max_mb"] == 1090  # the lesson's minutes are not in it


def test_a_climb_is_not_flat():
    memory = _memory(_minutes([800 + 40 * i for i in range(12)]), None)
    assert not memory["engine"]["flat"] and memory["engine"]["last_third_growth_mb"] > 100

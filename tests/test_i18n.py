"""The interface in Simplified Chinese (issue 13 §8): the .ts covers every wrapped string, the shipped .qm
is compiled from it, and with the Chinese translator installed the widgets show the .ts's Chinese."""

import re

import pytest

from gui.i18n_catalog import QM_PATH, TS_PATH, all_wrapped_strings, compile_qm, lrelease, read_ts

CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{\d+\}")


@pytest.fixture
def chinese(qapp):
    from gui.i18n import install_translator, remove_translator

    assert install_translator(qapp, "zh_CN") is not None
    yield read_ts()
    remove_translator(qapp)  # the other tests read the English source text


def test_every_wrapped_string_has_a_chinese_entry():
    wrapped = all_wrapped_strings()
    assert len(wrapped) >= 40  # the transport, the Experiment panel, the status bar, View ▸ Language
    translations = read_ts()
    missing = [key for key in wrapped if key not in translations]
    assert not missing, f"no Chinese in {TS_PATH.name} for {missing}"
    for (ctx, source), text in translations.items():
        assert CJK.search(text), f"[{ctx}] {source!r} -> {text!r} has no Chinese"
        # .format() fills {0}, {1}: a translation that drops one would lose the number it shows
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (source, text)


def test_the_extractor_finds_literal_and_constant_strings(tmp_path):
    from gui.i18n_catalog import wrapped_strings

    source = tmp_path / "m.py"
    source.write_text('from PySide6.QtCore import QCoreApplication\nLABEL = "Folder"\n'
                      'def _tr(t):\n    return QCoreApplication.translate("Ctx", t)\n'
                      'a = _tr("Play")\nb = _tr(LABEL)\n')
    assert wrapped_strings(source) == [("Ctx", "Play"), ("Ctx", "Folder")]


@pytest.mark.skipif(lrelease() is None, reason="pyside6-lrelease is not installed")
def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"
    compile_qm(qm=fresh)
    assert fresh.read_bytes() == QM_PATH.read_bytes(), "run: python -m gui.i18n_catalog"


def test_the_transport_speaks_chinese(chinese, qtbot):
    from PySide6.QtWidgets import QLabel, QMainWindow

    from gui.window.transport import Transport

    class Bare(QMainWindow, Transport):
        running = False
        engine_loaded = False

    w = Bare()
    qtbot.addWidget(w)
    w.banner = QLabel()
    w._build_transport()
    assert w.play_action.text() == chinese[("Transport", "Play")] == "播放"
    assert w.step_action.text() == chinese[("Transport", "Step")]
    assert w.reset_action.text() == chinese[("Transport", "Reset")]
    assert w.play_action.toolTip() == chinese[("Transport", "Play / pause training (Space)")]
    w._set_running(True)
    assert w.play_action.text() == chinese[("Transport", "Pause")]


def test_the_experiment_panel_speaks_chinese(chinese, qtbot):
    from PySide6.QtWidgets import QGroupBox

    from gui.panels.experiment_panel import ExperimentPanel

    panel = ExperimentPanel()
    qtbot.addWidget(panel)
    titles = [box.title() for box in panel.findChildren(QGroupBox)]
    assert titles == [chinese[("ExperimentPanel", t)] for t in ("Data", "Method", "Run")]
    assert titles[0] == "数据"
    assert panel.run_toggle.text() == chinese[("ExperimentPanel", "hide")]
    panel.set_run_collapsed(True)
    assert panel.run_toggle.text() == chinese[("ExperimentPanel", "show")]


def test_english_is_the_source_text_without_a_translator(qapp, qtbot):
    from gui.panels.experiment_panel import ExperimentPanel

    panel = ExperimentPanel()
    qtbot.addWidget(panel)
    assert panel.run_toggle.text() == "hide"


def test_the_language_is_the_saved_choice_else_the_system_locale(gui_settings):
    from PySide6.QtCore import QLocale

    from gui.i18n import chosen_language, system_language
    from gui.window.settings import app_settings

    assert system_language(QLocale("zh_CN")) == "zh_CN"
    assert system_language(QLocale("zh_TW")) == "zh_CN"
    assert system_language(QLocale("de_DE")) == "en"
    settings = app_settings()
    settings.setValue("language", "zh_CN")
    assert chosen_language(settings) == "zh_CN"
    settings.setValue("language", "en")
    assert chosen_language(settings) == "en"
    settings.setValue("language", "klingon")  # a value this version does not ship: the system's
    assert chosen_language(settings) == system_language()


def test_view_language_saves_the_choice_for_the_next_start(qapp, qtbot, gui_settings):
    from PySide6.QtWidgets import QMainWindow

    from gui.i18n import build_language_menu
    from gui.window.settings import app_settings

    app_settings().setValue("language", "en")
    w = QMainWindow()
    qtbot.addWidget(w)
    menu = build_language_menu(w, w.menuBar().addMenu("View"))
    actions = {a.text(): a for a in menu.actions()}
    assert set(actions) == {"English", "简体中文"} and actions["English"].isChecked()
    actions["简体中文"].trigger()
    assert app_settings().value("language") == "zh_CN"
    assert actions["简体中文"].isChecked() and not actions["English"].isChecked()
    assert w.statusBar().currentMessage()


def test_a_font_that_draws_chinese_is_chosen_when_there_is_one(qapp):
    from PySide6.QtGui import QFontDatabase, QFontMetrics

    from gui.i18n import cjk_families, ensure_cjk_font

    if not cjk_families():
        pytest.skip("no CJK font on this machine")
    old = qapp.font()
    try:
        family = ensure_cjk_font(qapp)
        assert family in cjk_families()
        assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
        assert QFontMetrics(qapp.font()).inFontUcs4(ord("数")) or family in qapp.font().families()
    finally:
        qapp.setFont(old)

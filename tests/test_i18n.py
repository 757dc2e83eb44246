"""The interface in Simplified Chinese (issue 13 §8): the .ts covers every wrapped string, the shipped .qm
is compiled from it, and with the Chinese translator installed the widgets show the .ts's Chinese."""

import re

import pytest

from gui.i18n_catalog import QM_PATH, TS_PATH, all_wrapped_strings, compile_qm, lrelease, read_ts

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # Chinese, or its full-width punctuation
# Names and symbols that read the same in the Chinese interface (the glossary keeps method and metric names).
KEPT_AS_IS = {"Encoder Lab", "Encoder Lab — {0}", "PNG…", "SVG…", "k-means NMI", "k-means ARI", "kNN {0:.1%}",
              "NMI {0:.2f}"}
PLACEHOLDER = re.compile(r"\{\d+(?::[^{}]*)?\}")  # {0}, and {0:.1%} whose format must stay too


def test_every_wrapped_string_has_a_chinese_entry():
    wrapped = all_wrapped_strings()
    assert len(wrapped) >= 200  # every view, panel, menu, dialog and status text of the window
    translations = read_ts()
    missing = [key for key in wrapped if key not in translations]
    assert not missing, f"no Chinese in {TS_PATH.name} for {missing}"
    for (ctx, source), text in translations.items():
        assert CJK.search(text) or (source in KEPT_AS_IS and text == source), \
            f"[{ctx}] {source!r} -> {text!r} has no Chinese"
        # .format() fills {0}, {1}: a translation that drops one would lose the number it shows
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (source, text)


def test_no_string_the_window_shows_is_left_unwrapped():
    from gui.i18n_check import all_unwrapped_strings

    found = all_unwrapped_strings()
    assert not found, ("shown in English whatever the language; wrap each in _tr(...) and run "
                       "python -m gui.i18n_catalog:\n" + "\n".join(found))


OFFENDERS = """\
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox


def _tr(t):
    return t


def build(self, plot, combo, menu, legend, n, path):
    label = QLabel(f"Step {n}")                                # 9: an f-string
    label.setText("Loading")                                   # 10
    QMessageBox.warning(self, "Oops", "It broke: " + path)      # 11: title and message
    plot.setLabel("left", "loss")                              # 12: the axis name is not shown, the label is
    combo.addItem("nearest neighbours", "knn")                 # 13: the text, not the key
    menu.addAction("&Quit")                                    # 14
    QFileDialog.getSaveFileName(self, "Save it", "map.png")     # 15: the caption, not the file name
    label.setToolTip("step {0}".format(n) if n else "")         # 16: "a".format() and a conditional
    legend.addItem(plot, "raw pixels")                          # 17: a legend entry's name
    label.setText("")                                          # fine: empty
    label.setText("{0:.3f}".format(n))                         # fine: only a number
    label.setText("× " + str(n))                               # fine: symbols
    label.setText(_tr("Loading"))                              # fine: wrapped
    plot.setLabel("bottom", _tr("step"))                       # fine: wrapped
    combo.addItem(_tr("label"), "label")                       # fine: the key is not shown
    label.setObjectName("loss_label")                          # fine: not shown
"""


def test_the_check_finds_each_kind_of_unwrapped_string(tmp_path):
    from gui.i18n_check import reads_as_words, unwrapped_strings

    source = tmp_path / "offender.py"
    source.write_text(OFFENDERS)
    found = unwrapped_strings(source)
    assert [line for line, _ in found] == [9, 10, 11, 11, 12, 13, 14, 15, 16, 17], found
    assert ("Oops" in dict((t, l) for l, t in found)) and (11, "It broke: ") in found
    assert not reads_as_words("KL {}") and not reads_as_words("z") and reads_as_words("Export")


def test_every_gui_file_is_scanned_but_the_tools(tmp_path):
    from gui.i18n_catalog import ROOT, gui_sources

    scanned = {p.relative_to(ROOT).as_posix() for p in gui_sources()}
    every = {p.relative_to(ROOT).as_posix() for p in (ROOT / "gui").rglob("*.py")}
    assert "gui/window/window_menus.py" in scanned and "gui/views/map/map_controls.py" in scanned
    assert every - scanned == {p for p in every if p.startswith("gui/tools/")} | {"gui/i18n_catalog.py"}


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


def test_the_menus_and_dock_titles_speak_chinese(chinese, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMainWindow, QWidget

    import gui.window.compare
    import gui.window.lesson_menu
    from gui.window.window_docks import WindowDocks
    from gui.window.window_menus import WindowMenus

    monkeypatch.setattr(gui.window.compare, "build_run_menu", lambda window: None)  # their owners test them
    monkeypatch.setattr(gui.window.lesson_menu, "build_lesson_menu", lambda window: None)

    class Bare(QMainWindow, WindowMenus, WindowDocks):
        def open_dialog(self): ...
        def save(self): ...
        def save_as(self): ...
        def reset_layout(self): ...
        def rebuild_recent_menu(self): ...

    w = Bare()
    qtbot.addWidget(w)
    w.docks = {}
    w._dock("Latent explorer", QWidget(), Qt.DockWidgetArea.RightDockWidgetArea)
    w._build_menus()
    titles = [a.text() for a in w.menuBar().actions()]
    assert titles[:2] == [chinese[("WindowMenus", "&File")], chinese[("WindowMenus", "&View")]] == ["文件(&F)", "视图(&V)"]
    assert w.save_action.text() == chinese[("WindowMenus", "&Save checkpoint")]
    # what the dock shows is Chinese; the key that code, lessons and the saved layout use stays English
    dock = w.docks["Latent explorer"]
    assert dock.windowTitle() == chinese[("WindowDocks", "Latent explorer")] == "潜在空间探索"
    assert dock.objectName() == "Latent_explorer"


def test_the_views_labels_speak_chinese(chinese, qtbot):
    from gui.views.loss_view import LossView
    from gui.views.metrics_view import WAITING, MetricsView

    loss = LossView()
    qtbot.addWidget(loss)
    assert loss.log_y.text() == chinese[("LossView", "log y")]
    assert loss.plot.getAxis("bottom").labelText == chinese[("LossView", "step")] == "步"
    metrics = MetricsView()
    qtbot.addWidget(metrics)
    assert metrics.summary.text() == chinese[("MetricsView", WAITING)]


def test_a_dialog_speaks_chinese(chinese, monkeypatch):
    from types import SimpleNamespace

    import gui.window.main_window as main_window

    asked = []
    monkeypatch.setattr(main_window.QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append((title, text)) or 0)
    window = SimpleNamespace(ask_before_discard=True, has_unsaved_training=lambda: True, step=120)
    main_window.MainWindow.confirm_discard(window, "start again")
    title, text = asked[0]
    assert title == chinese[("MainWindow", "Discard the current run?")] == "放弃当前训练？"
    assert "120" in text and CJK.search(text)


def test_qts_own_buttons_speak_chinese_too(chinese):
    """A message box's OK / Cancel / Discard come from Qt's own catalogue (qtbase_zh_CN.qm, shipped with
    Qt), not ours: without it every question in the Chinese window had English buttons."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel)
    texts = {box.button(b).text() for b in (QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Cancel)}
    assert texts == {"丢弃", "取消"}


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

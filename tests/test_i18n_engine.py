"""The engine's words in Simplified Chinese (issue 13 §8): every hyper-parameter label, help and choice,
augmentation and figure title the window shows has a finished entry in the engine's .ts, the shipped .qm
is compiled from it, and with the Chinese translator installed the forms, the augmentation panel and the
Method view show it while the settings keep the engine's English values."""

import re
from dataclasses import dataclass

import numpy as np
import pytest

from engine.params import param
from gui.i18n_catalog import lrelease
from gui.i18n_engine import (QM_PATH, TS_PATH, compile_qm, engine_strings, engine_tr, figure_strings,
                             figures_in_source, read_ts)

CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{\d+\}")


def test_every_engine_string_has_a_finished_chinese_entry():
    collected = [text for text, _ in engine_strings()]
    assert len(collected) >= 150  # every method's settings, the run's, the augmentations, the figures
    translations = read_ts()
    missing = [text for text in collected if text not in translations]
    assert not missing, f"no Chinese in {TS_PATH.name} for {missing}: run python -m gui.i18n_engine"
    for source in collected:
        text = translations[source]
        assert CJK.search(text), f"{source!r} -> {text!r} has no Chinese"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (source, text)


def test_every_figure_title_is_known_before_the_run():
    unresolved: list[str] = []
    list(figure_strings(unresolved))
    assert not unresolved, f"titles the Method view cannot translate (make them literals): {unresolved}"


def test_the_collector_finds_params_augmentations_figures_and_data_sets():
    found = dict(engine_strings())
    assert found["mask ratio"] == "mae.Params.mask_ratio: label"
    assert found["share of patches hidden from the encoder"] == "mae.Params.mask_ratio: help"
    assert found["learning rate"] == "RunParams.lr: help"
    assert "salt_pepper" in found and "auto" in found  # choices shown in combo boxes
    assert "adam" not in found and "cuda" not in found  # names, the same in every language
    assert found["crop"] == "augmentation crop: name"
    assert "random resized crop, stretched back to the full size" in found
    assert found["queue fill"] == "moco: Value title"
    assert "code usage on these images (click a bar)" in found  # a module constant (vqvae.USAGE)
    assert "dimensions in use (KL > 0.1 nats)" in found  # an f-string of a constant (vae.ACTIVE_KL)
    assert "variance (off)" in found  # VICReg's bar names, a local dict's keys
    assert "contrastive" in found  # a method family: a heading of the method list
    assert "5,000 MNIST digits, 28x28 grey (bundled)" in found


def test_the_figure_collector_reads_literals_constants_and_flags_run_time_titles():
    source = ('def diagnostics(self, x):\n'
              '    terms = {"a": 1, "b" if x else "c": 2}\n'
              '    return [Heatmap("map", x, help="what it shows"), Value(TITLE, 1), Value(f"over {LIMIT}", 2),\n'
              '            Bars("terms", x, names=tuple(terms)), Value(f"step {x}", 3)]\n')
    unresolved: list[str] = []
    found = [text for text, _ in figures_in_source(source, {"TITLE": "fill", "LIMIT": 0.5}, "toy", unresolved)]
    assert found == ["map", "what it shows", "fill", "over 0.5", "terms", "a", "b", "c"]
    assert unresolved == ["toy:4: Value title"]


def test_a_new_methods_settings_without_chinese_are_caught(monkeypatch):
    from engine.methods import base

    @dataclass(frozen=True)
    class ToyParams:
        sharpness: float = param(1.0, low=0.0, high=2.0, help="how sharp the toy is")
        shape: str = param("round", choices=("round", "square"), help="the toy's shape")

    class Toy(base.Method):  # no name: it registers only through the monkeypatch, and leaves with it
        family = "contrastive"
        Params = ToyParams

    monkeypatch.setitem(base._REGISTRY, "toy", Toy)
    translations = read_ts()
    missing = [text for text, _ in engine_strings() if text not in translations]
    assert missing == ["sharpness", "how sharp the toy is", "shape", "the toy's shape", "round", "square"]


@pytest.mark.skipif(lrelease() is None, reason="pyside6-lrelease is not installed")
def test_the_shipped_engine_qm_is_compiled_from_its_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"
    compile_qm(qm=fresh)
    assert fresh.read_bytes() == QM_PATH.read_bytes(), "run: python -m gui.i18n_engine"


def test_english_is_shown_without_a_translator(qapp):
    assert engine_tr("mask ratio") == "mask ratio" and engine_tr("") == ""


def test_the_parameter_form_speaks_chinese_and_keeps_english_values(chinese, qtbot):
    from PySide6.QtWidgets import QComboBox, QLabel

    from engine.methods import get_method
    from engine.training.config import RunParams
    from gui.panels.param_form import ParamForm

    form = ParamForm()
    qtbot.addWidget(form)
    form.build(RunParams)
    labels = [w.text() for w in form.findChildren(QLabel)]
    assert "● " + chinese["lr"] in labels and chinese["batch size"] == "批大小" and "批大小" in labels
    tip = form.widget("lr").toolTip()
    assert chinese["learning rate"] in tip and "[lr]" in tip  # the name --set and lesson files use
    device = form.widget("device")
    assert device.itemText(device.findData("auto")) == chinese["auto"] == "自动"

    form.build(get_method("autoencoder").Params)
    norm: QComboBox = form.widget("norm")
    assert [norm.itemText(i) for i in range(norm.count())] == [chinese[c] for c in ("group", "batch", "none")]
    changes = []
    form.changed.connect(lambda name, value: changes.append((name, value)))
    norm.setCurrentIndex(norm.findText(chinese["batch"]))  # the user picks 批归一化 (batch)
    assert changes == [("norm", "batch")] and form.values()["norm"] == "batch"
    form.set_values({"norm": "none"})
    assert norm.currentText() == chinese["none"] and form.values()["norm"] == "none"


def test_the_augmentation_panel_speaks_chinese(chinese, qtbot):
    from gui.panels.augment_panel import AugmentPanel

    panel = AugmentPanel()
    qtbot.addWidget(panel)
    panel.populate()
    on, strength, p = panel.rows["crop"]  # the rows keep the engine's names
    assert on.text() == chinese["crop"] == "裁剪"
    assert on.toolTip() == chinese["random resized crop, stretched back to the full size"]
    assert p.toolTip() == chinese["share of the images it is applied to"]
    assert set(panel.ops()) == {"crop", "flip", "rotate", "jitter", "blur", "noise", "erase"}


def test_the_method_views_figures_speak_chinese(chinese, qtbot):
    from engine import figures as fig
    from gui.views.method.method_view import MethodView

    view = MethodView()
    qtbot.addWidget(view)
    similarity = "similarity of view 1 (rows) and view 2 (columns)"
    terms = ("invariance", "variance (off)", "covariance")
    view.show_figures(3, (fig.Heatmap(similarity, np.eye(4), help="cosine similarity of the projections; "
                                      "the diagonal pairs two views of one image"),
                          fig.Bars("loss terms on these images, weighted", np.ones(3), names=terms),
                          fig.Value("queue fill", "10 of 20 keys")))
    qtbot.waitUntil(lambda: len(view.widgets) == 3)  # widgets past the build budget come a turn later
    heatmap = view.widgets[("Heatmap", similarity)]  # the key stays the engine's title
    assert heatmap.title.text() == chinese[similarity] and CJK.search(heatmap.toolTip())
    bars = view.widgets[("Bars", "loss terms on these images, weighted")]
    ticks = bars.plot.getAxis("left")._tickLevels[0]
    assert [text for _, text in ticks] == [chinese[t] for t in terms]
    assert view.widgets[("Value", "queue fill")].text() == f"<b>{chinese['queue fill']}</b>: 10 of 20 keys"

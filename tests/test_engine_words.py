"""The engine's composed messages in the user's language (issue 13 §8): a Words is the English text and
keeps its template and args (engine/words.py), survives the pipes between the app's processes, and the
GUI shows it translated with the same numbers (gui/i18n_engine.py: engine_text), falling back to the
English where a translation lost a placeholder. (The chinese fixture is tests/conftest.py's.)"""

import json
import multiprocessing
import pickle
import re

import numpy as np
import pytest

from engine.words import Words, message_of
from gui.i18n_engine import engine_strings, engine_text, read_ts, words_in_source, words_strings

CJK = re.compile(r"[\u4e00-\u9fff]")


# -- Words --------------------------------------------------------------------------------------------
def test_words_are_the_english_text_and_keep_template_and_args():
    w = Words("effective rank {rank:.1f} of {dim}", rank=3.24, dim=128)
    assert w == "effective rank 3.2 of 128" and isinstance(w, str)
    assert w.template == "effective rank {rank:.1f} of {dim}" and w.args == {"rank": 3.24, "dim": 128}
    nested = Words("Collapsing: {rank}.", rank=w)
    assert nested == "Collapsing: effective rank 3.2 of 128." and nested.args["rank"] is w
    assert Words("{path}: {e}", path="a{b}.pt", e="bad {x}") == "a{b}.pt: bad {x}"  # args are never templates
    assert {w: 1}["effective rank 3.2 of 128"] == 1  # hashed and compared as its text


def test_words_pickle_with_their_parts_as_snapshots_cross_the_pipes():
    from engine.training.snapshots import RunEvent

    inner = Words("spread {spread:.0%} of {what}", spread=0.071, what="{not a field}")
    event = RunEvent(3, 40, "warning", Words("Collapsed: {spread}.", spread=inner))
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(event, protocol=protocol))
        assert type(back.message) is Words and back.message == "Collapsed: spread 7% of {not a field}."
        assert back.message.template == "Collapsed: {spread}." and type(back.message.args["spread"]) is Words
        assert back.message.args["spread"].args == {"spread": 0.071, "what": "{not a field}"}
    reading, writing = multiprocessing.Pipe(duplex=False)  # the way engine_process sends it
    writing.send(event)
    assert reading.recv().message.args["spread"].template == inner.template


def test_words_write_as_their_english_text_in_json():
    w = Words("{n:,} of {size:,} keys", n=4096, size=65536)
    assert json.dumps({"message": w}) == '{"message": "4,096 of 65,536 keys"}'
    assert json.loads(json.dumps([w])) == ["4,096 of 65,536 keys"]


def test_words_cross_a_remote_frame_as_their_english_text():
    from engine.processes.frames import decode_frame, encode_frame
    from engine.processes.protocol import message
    from engine.training.snapshots import RunEvent

    event = RunEvent("r1", 3, "warning", Words("{n:,} of {size:,} keys", n=4096, size=65536))
    back = decode_frame(encode_frame(message("snapshot", snapshot=event)))["snapshot"]
    assert back.message == "4,096 of 65,536 keys" and type(back.message) is str


def test_an_errors_message_keeps_its_words():
    from engine.errors import ParamError

    words = Words("{name} cannot change while training", name="batch_size")
    assert message_of(ParamError(words)) is words
    assert message_of(ValueError("plain")) == "plain" and message_of(KeyError("k")) == "'k'"


# -- the engine's messages are Words ------------------------------------------------------------------
def test_the_engines_messages_are_words_with_unchanged_english():
    from engine.analysis.evaluate import CollapseWatch, collapse_stats
    from engine.training.guard import diverged_message, out_of_memory_message

    rng = np.random.default_rng(0)
    line = np.outer(rng.normal(size=500), rng.normal(size=64))  # rank 1
    warning = collapse_stats(line).warning
    assert isinstance(warning, Words) and warning.startswith("Collapsed: effective rank 1.0 of 64, spread ")
    watch = CollapseWatch()
    assert isinstance(watch.warning(collapse_stats(line)), Words)  # never spread: "Not spread out yet"
    message = diverged_message(12, None, 10, 0.5, interactive=True, saving=False)
    assert message == ("The loss became NaN or infinite at step 12. Training is paused and the weights are back "
                       "at step 10, the last good ones. Lower the learning rate (now 0.5) and press Play to go on.")
    ended = diverged_message(None, Words("the weights became NaN or infinite"), 7, 0.1, False, True)
    assert ended == ("Training is diverging: the weights became NaN or infinite. The run ends here with the "
                     "weights of step 7, the last good ones, and saves them. Lower the learning rate (now 0.1) "
                     "and start again.")
    assert out_of_memory_message("cpu", 64, False) == (
        "Out of memory on cpu at batch size 64. The run ends here with the last good weights kept; start again "
        "with a smaller batch size or on another device.")


# -- the catalogue ------------------------------------------------------------------------------------
def test_the_collector_finds_every_words_template_in_the_engine():
    unresolved: list[str] = []
    found = dict(words_strings(unresolved))
    assert not unresolved, f"Words whose template the catalogue cannot know (make them literals): {unresolved}"
    assert found["effective rank {rank:.1f} of {dim}"] == "engine/analysis/evaluate.py"
    assert found["{n} of {p}x{p} pixels, {hidden} hidden"] == "engine/methods/masked/mae.py"
    assert found["UMAP ready (compiled in {seconds:.1f} s)"] == "engine/processes/analysis_jobs.py"
    assert "Lower the learning rate (now {lr:g})" in found and "saved step {step} to {path}" in found
    assert set(found) <= set(dict(engine_strings()))  # and they are in the .ts


def test_the_words_collector_reads_literals_and_flags_the_rest():
    source = ('from engine import words\n'
              'def f(x, template):\n'
              '    return [Words("one {x}", x=x), words.Words("two " "parts"), Words(template), Words(f"{x}"),\n'
              '            Words("{x}; {y}", x=x, y=x)]\n')
    unresolved: list[str] = []
    found = list(words_in_source(source, "toy.py", unresolved))
    assert found == [("one {x}", "toy.py"), ("two parts", "toy.py")]  # "{x}; {y}": no words to translate
    assert unresolved == ["toy.py:3: Words template is not a literal", "toy.py:3: Words template is not a literal"]


def test_every_template_has_chinese_with_the_same_placeholders():
    from gui.i18n_engine import _placeholders

    translations = read_ts()
    for template, _ in words_strings():
        text = translations.get(template)
        assert text is not None, f"no Chinese for {template!r}: run python -m gui.i18n_engine"
        assert CJK.search(text), f"{template!r} -> {text!r} has no Chinese"
        fields = re.findall(r"\{[^}]*\}", template)  # the spec too: {rank:.1f} stays {rank:.1f}
        assert sorted(set(re.findall(r"\{[^}]*\}", text))) == sorted(set(fields)), (template, text)
        assert _placeholders(text) == _placeholders(template)


# -- engine_text --------------------------------------------------------------------------------------
def test_english_is_shown_without_a_translator(qapp):
    w = Words("Collapsing: {rank}.", rank=Words("effective rank {rank:.1f} of {dim}", rank=2.04, dim=64))
    assert engine_text(w) == "Collapsing: effective rank 2.0 of 64." and engine_text("mask ratio") == "mask ratio"


def test_a_real_collapse_warning_in_chinese_keeps_its_numbers(chinese):
    from engine.analysis.evaluate import collapse_stats

    rng = np.random.default_rng(0)
    x = rng.normal(size=(500, 2)) @ rng.normal(size=(2, 64))  # 64 dimensions, rank 2
    warning = collapse_stats(x).warning
    assert warning.startswith("Collapsing: effective rank 2.0 of 64")
    shown = engine_text(warning)
    assert shown.startswith("正在坍塌 (Collapse)：有效秩 2.0（共 64 维）"), shown
    assert "Collapsing" not in shown and "effective rank" not in shown  # the nested phrase too


def test_a_diverged_message_in_chinese(chinese):
    from engine.training.guard import diverged_message

    why = Words("the gradient norm jumped to {peak:.3g}, {times:.3g} times its recent median", peak=12345.0,
                times=2000.0)
    shown = engine_text(diverged_message(None, why, 40, 0.25, interactive=True, saving=False))
    assert shown.startswith("训练正在发散：梯度范数跃升到 1.23e+04，是近期中位数的 2e+03 倍。"), shown
    assert "第 40 步" in shown and "0.25" in shown and "播放" in shown


def test_a_translation_that_lost_a_placeholder_shows_the_english(monkeypatch, qapp):
    import gui.i18n_engine as i18n

    fake = {"{filled:,} of {size:,} keys": "{filled:,} 个键",  # the size is gone
            "{n} of {p}x{p} pixels, {hidden} hidden": "{n} 个，遮住 {hiden} 个",  # misspelt: cannot be filled
            "queue {q:.1f}": "队列 {q:,x}",  # a spec that cannot format a float
            "effective rank {rank:.1f} of {dim}": "有效秩 {rank:.1f}（共 {dim} 维）",
            "Collapsing: {rank}.": "正在坍塌：{rank}。"}
    monkeypatch.setattr(i18n, "engine_tr", lambda text: fake.get(text, text))
    assert engine_text(Words("{filled:,} of {size:,} keys", filled=10, size=4096)) == "10 of 4,096 keys"
    assert engine_text(Words("{n} of {p}x{p} pixels, {hidden} hidden", n=49, p=4, hidden=37)) == \
        "49 of 4x4 pixels, 37 hidden"
    assert engine_text(Words("queue {q:.1f}", q=0.5)) == "queue 0.5"
    rank = Words("effective rank {rank:.1f} of {dim}", rank=2.0, dim=64)
    assert engine_text(Words("Collapsing: {rank}.", rank=rank)) == "正在坍塌：有效秩 2.0（共 64 维）。"
    # a phrase inside English: the outer template has no entry, the nested one is still translated
    assert engine_text(Words("B: {rank}", rank=rank)) == "B: 有效秩 2.0（共 64 维）"


# -- where the window shows them ----------------------------------------------------------------------
def test_the_metrics_views_warning_and_maes_patches_speak_chinese(chinese, qtbot):
    from engine import figures as fig
    from engine.analysis.evaluate import collapse_stats
    from gui.views.method.figure_text import ValueWidget
    from gui.views.metrics_view import MetricsView

    view = MetricsView()
    qtbot.addWidget(view)
    rng = np.random.default_rng(0)
    view.runs["A"].warning = collapse_stats(np.outer(rng.normal(size=500), rng.normal(size=64))).warning
    view._refresh_text()
    assert view.warning.text().startswith("⚠ 已坍塌 (Collapse)：有效秩 1.0（共 64 维），分散程度为随机方向的 ")
    patches = ValueWidget(fig.Value("patches", Words("{n} of {p}x{p} pixels, {hidden} hidden", n=49, p=4, hidden=37)))
    qtbot.addWidget(patches)
    assert patches.text() == f"<b>{chinese['patches']}</b>: 49 个，每个 4x4 像素，遮住 37 个"


def test_a_run_that_cannot_start_and_a_foreign_file_say_why_in_chinese(chinese, tmp_path):
    from engine.errors import CheckpointError
    from engine.training.checkpoint import read_checkpoint
    from engine.training.config import RunConfig
    from engine.training.trainer import train

    (ended,) = list(train(RunConfig(method="autoencoder", run_params={"batch_size": 1})))
    assert ended.kind == "failed" and ended.message == "run setting batch_size: 1 is outside 2 .. 8192"
    assert engine_text(ended.message) == "训练设置 batch_size：1 超出范围 2 .. 8192"  # both layers translated
    foreign = tmp_path / "notes.safetensors"
    foreign.write_bytes(b"abc")
    with pytest.raises(CheckpointError) as caught:
        read_checkpoint(foreign)
    error = caught.value
    assert str(error) == "notes.safetensors is not an Encoder Lab checkpoint (not a safetensors file): it is only 3 " \
                         "bytes long"
    assert engine_text(message_of(error)) == "notes.safetensors 不是 Encoder Lab 检查点（不是 safetensors 文件）：它只有 3 字节"


# -- the errors a user meets: lesson files, folders, data sets, settings ------------------------------
def _broken_lesson(folder, name="bad", old='method = "simsiam"', new='method = "nope"'):
    from engine.lessons.loader import BUNDLED

    text = (BUNDLED / "simsiam_stop_gradient.toml").read_text(encoding="utf-8")
    assert old in text
    path = folder / f"{name}.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_broken_lesson_says_what_is_wrong_in_chinese_naming_the_file_and_field(chinese, tmp_path):
    from engine.lessons import LessonError
    from engine.lessons.loader import load_lesson

    with pytest.raises(LessonError) as caught:
        load_lesson(_broken_lesson(tmp_path))
    assert str(caught.value).startswith("bad.toml: A.method: unknown method 'nope'; valid: autoencoder, ")  # the CLI's
    shown = engine_text(message_of(caught.value))
    assert shown.startswith("bad.toml: A.method: 未知的方法 'nope'；可选：autoencoder, "), shown
    assert "simsiam" in shown and "unknown" not in shown and "valid" not in shown
    # a setting out of range: the lesson's sentence and the hyper-parameter's, both in Chinese
    with pytest.raises(LessonError) as caught:
        load_lesson(_broken_lesson(tmp_path, "steep", "lr = 1e-3", "lr = 5.0"))
    assert str(caught.value) == "steep.toml: A.run.lr: lr: 5.0 is outside 1e-06 .. 1"
    assert engine_text(message_of(caught.value)) == "steep.toml: A.run.lr: lr：5.0 超出范围 1e-06 .. 1"
    with pytest.raises(LessonError) as caught:
        load_lesson(_broken_lesson(tmp_path, "ragged", "steps = 300", "steps = [300"))
    assert engine_text(message_of(caught.value)).startswith("ragged.toml: file: 不是有效的 TOML：")


def test_the_lesson_list_and_open_lesson_show_a_broken_lesson_in_chinese(chinese, tmp_path, monkeypatch):
    from gui.window import lesson_menu, lesson_player

    _broken_lesson(tmp_path)
    monkeypatch.setattr(lesson_menu, "lesson_folders", lambda: [str(tmp_path), str(tmp_path / "gone")])
    problems = {name: problem for name, lesson, problem in lesson_menu.all_lessons() if lesson is None}
    assert problems["bad"].startswith("bad.toml: A.method: 未知的方法 'nope'；可选："), problems
    assert problems[str(tmp_path / "gone")] == f"gone: --lessons: 没有这个文件夹：{tmp_path / 'gone'}"
    shown = []

    class Window:
        def show_error(self, title, message):
            shown.append(message)

    assert not lesson_player.open_lesson(Window(), str(tmp_path / "bad.toml"), folders=[])
    assert shown == [problems["bad"]]


def test_an_unusable_folder_and_a_folders_report_in_chinese(chinese, tmp_path):
    from PIL import Image

    from engine.data import load_dataset
    from engine.errors import DatasetError

    (tmp_path / "notes.txt").write_text("not a picture", encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        load_dataset(f"folder:{tmp_path}", size=8)
    assert str(caught.value) == f"no readable images in {tmp_path} (0 images loaded; skipped 1 not an image)"
    assert engine_text(message_of(caught.value)) == f"{tmp_path} 中没有可读取的图像（已加载 0 张图像; 跳过 1 个非图像文件）"
    with pytest.raises(DatasetError) as caught:
        load_dataset(f"folder:{tmp_path / 'nowhere'}")
    assert engine_text(message_of(caught.value)) == f"{tmp_path / 'nowhere'} 不是文件夹"
    for i in range(4):
        Image.new("RGBA", (12, 10), (40 * i, 0, 0, 128)).save(tmp_path / f"{i}.png")
    ds = load_dataset(f"folder:{tmp_path}", size=8)
    note = ds.notes["folder_report"].summary()  # one of a started run's notes
    assert note == "4 images loaded; skipped 1 not an image; converted 4 with transparency (composited on black)"
    assert engine_text(note) == "已加载 4 张图像; 跳过 1 个非图像文件; 转换了 4 张带透明度的图像（已合成到黑色背景上）"
    assert engine_text(ds.description) == f"{tmp_path.name}: {engine_text(note)}"


def test_the_data_panel_shows_a_data_sets_made_up_description_in_chinese(chinese, qtbot):
    from engine.data import load_dataset
    from gui.panels.experiment_panel import ExperimentPanel

    panel = ExperimentPanel()
    qtbot.addWidget(panel)
    panel.set_dataset_info(load_dataset("sprites").description)
    assert panel.dataset_info.text() == "10,240 张生成的 sprites，32x32 灰度，带 5 个已知生成因子"
    panel.set_dataset_info(load_dataset("digits").description)  # a literal, translated as before
    assert CJK.search(panel.dataset_info.text()) and "digits" not in panel.dataset_info.text()


def test_an_offline_download_and_bad_settings_say_why_in_chinese(chinese, cache_dir, monkeypatch):
    import torchvision.datasets as tvd

    from engine.data import load_dataset
    from engine.data.augment import AugmentConfig
    from engine.errors import DatasetError, ParamError
    from engine.methods import create_method, get_method
    from engine.nn.networks import check_image_shape

    class Offline:  # no test touches the network: the download fails as urllib does offline
        def __init__(self, *args, download=False, **kwargs):
            raise OSError("<urlopen error [Errno -3] Temporary failure in name resolution>") if download \
                else RuntimeError("Dataset not found")

    monkeypatch.setattr(tvd, "MNIST", Offline)
    with pytest.raises(DatasetError) as caught:
        load_dataset("mnist")
    assert str(caught.value).startswith(f"MNIST is not in the cache ({cache_dir / 'torchvision'}) and could not be "
                                        "downloaded (is this machine offline?): <urlopen error")
    shown = engine_text(message_of(caught.value))
    assert shown.startswith(f"MNIST 不在缓存（{cache_dir / 'torchvision'}）中，也无法下载") and "内置数据集" in shown
    cases = [(lambda: load_dataset("nope"), DatasetError, "未知的数据集“nope”"),
             (lambda: load_dataset("sprites", size=48), DatasetError, "sprites 的尺寸必须是 32 或 64 像素，而不是 48"),
             (lambda: get_method("nope"), ParamError, "未知的方法“nope”。请从以下选择："),
             (lambda: create_method("vae", {"betta": 2}, (1, 28, 28)), ParamError, "未知的超参数“betta”"),
             (lambda: AugmentConfig().updated({"swirl": (True, 1.0, 1.0)}), ParamError, "没有名为 'swirl' 的数据增强"),
             (lambda: check_image_shape((1, 28, 20)), ParamError, "图像必须是正方形；这些是 28x20"),
             (lambda: check_image_shape((1, 128, 128)), ParamError, "图像边长必须是 8-64 像素，而不是 128")]
    for make, error, chinese_start in cases:
        with pytest.raises(error) as caught:
            make()
        assert isinstance(message_of(caught.value), Words), caught.value
        assert engine_text(message_of(caught.value)).startswith(chinese_start), engine_text(message_of(caught.value))

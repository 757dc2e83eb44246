"""Lesson files are a stranger's data: whatever a file holds (another encoding, values of the wrong kind,
nesting without end, a FIFO, 50 MB), reading it ends in a Lesson or a LessonError naming the file and
the field, never a traceback or a hang, and one bad file never hides the other lessons of a list. A
data set folder that is not there and options the data set does not take are refused when the file is
read, not when its run starts; `--steps-scale` must keep a run finite and within the step cap."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from engine.lessons import LessonError
from engine.lessons.lesson_file import MAX_FILE_BYTES
from engine.lessons.loader import MAX_STEPS, load_lesson
from main import main
from tests.test_lessons import VALID, write, write_broken_lessons


@pytest.fixture(autouse=True)
def _own_cache(cache_dir):
    return cache_dir


def _refusal(path) -> LessonError:
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    assert str(caught.value).startswith(f"{path.name}: "), caught.value
    return caught.value


# -- encodings --------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_named_as_such(tmp_path, encoding):
    path = tmp_path / "wide.toml"
    path.write_bytes(VALID.encode(encoding))
    error = _refusal(path)
    assert error.where == "file" and "UTF-16" in str(error) and "save it as UTF-8" in str(error)


def test_text_that_is_not_utf8_names_the_byte_and_line(tmp_path):
    path = tmp_path / "gbk.toml"  # what a Chinese Windows editor may save
    path.write_bytes(VALID.encode("gbk"))
    error = _refusal(path)
    lines = VALID.split("\n")
    line = lines.index(next(text for text in lines if "标题" in text)) + 1
    assert f"is not UTF-8 text (byte 0x{'标'.encode('gbk')[0]:02x} on line {line})" in str(error)


def test_a_utf8_byte_order_mark_is_read_past(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    assert load_lesson(path).steps == 20


# -- values of the wrong kind -----------------------------------------------------------------------
@pytest.mark.parametrize("old, new, field", [
    ('views = ["loss", "metrics"]', 'views = [["loss"]]', "views"),
    ('views = ["loss", "metrics"]', "views = [{a=1}]", "views"),
    ('views = ["loss", "metrics"]', "views = [1, 2.5, true]", "views"),
    ('views = ["loss", "metrics"]', 'views = "loss"', "views"),
    ('steps = 20', "steps = [20]", "steps"),
    ('steps = 20', "steps = inf", "steps"),
    ('method = "simsiam"', 'method = ["simsiam"]', "A.method"),
    ('method = "simsiam"', "method = {a = 1}", "A.method"),
    ('dataset = "digits"', 'dataset = ["digits"]', "A.dataset"),
    ("batch_size = 16", "batch_size = [16]", "A.run.batch_size"),
    ("batch_size = 16", 'batch_size = "1e999"', "A.run.batch_size"),
    ("batch_size = 16", "batch_size = {a = 1}", "A.run.batch_size"),
    ('metric = "effective_rank"', 'metric = ["knn"]', "check.metric"),
    ('compare = "B < 0.5 * A"', "compare = [1]", "check.compare"),
    ('label = "stop-gradient on"', 'label = "on"\nmap = { method = ["tsne"] }', "A.map.method"),
    ('label = "stop-gradient on"', 'label = "on"\nmap = { method = { a = 1 } }', "A.map.method"),
    ('label = "stop-gradient on"', 'label = "on"\naugment = [1]', "augment"),
    ('label = "stop-gradient on"', 'label = "on"\naugment = { crop = [1] }', "A.augment.crop"),
    ('label = "stop-gradient on"', 'label = "on"\ndataset_options = [1]', "dataset_options"),
    ("step = 10", "step = [10]", "captions[0].step"),
    ('title = { en = "T", zh = "标题" }', 'title = [["T"]]', "title"),
    ('title = { en = "T", zh = "标题" }', 'title = { en = ["T"], zh = "标题" }', "title.en"),
])
def test_values_of_the_wrong_kind_are_refused_naming_the_field(tmp_path, old, new, field):
    assert old in VALID
    error = _refusal(write(tmp_path, VALID.replace(old, new, 1), "odd"))
    assert error.where == field and f": {field}: " in str(error)


@pytest.mark.parametrize("nested", ["[" * 5000 + "]" * 5000, "{a = " * 3000 + "1" + "}" * 3000,
                                    "[" * 8 + "1" + "]" * 8, "{ a = { b = { c = { d = { e = { f = 1 } } } } } }"])
def test_arrays_and_tables_nested_without_end_are_refused(tmp_path, nested):
    error = _refusal(write(tmp_path, VALID.replace("views = [\"loss\", \"metrics\"]", f"views = {nested}"), "deep"))
    assert "nested more than" in str(error) and (error.where == "file" or error.where.startswith("views"))


# -- what is not a small regular file ---------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_named_toml_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    result = {}

    def read():
        try:
            load_lesson(fifo)
        except LessonError as e:
            result["error"] = e

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(30)  # the bug is a hang: a reader blocks until a writer opens the pipe, i.e. forever
    if reader.is_alive():  # let the blocked reader go, so the test process can end
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO named .toml hangs")
    assert "not a regular file" in str(result["error"]) and result["error"].where == "file"


def test_a_file_past_the_size_cap_is_refused_without_being_read(tmp_path, monkeypatch):
    path = write(tmp_path, VALID + "#" * MAX_FILE_BYTES, "huge")
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    error = _refusal(path)
    assert "KB a lesson file may be; not read" in str(error) and reads == []


def test_a_folder_named_toml_is_named_as_a_folder(tmp_path):
    (tmp_path / "dir.toml").mkdir()
    assert "is a folder" in str(_refusal(tmp_path / "dir.toml"))


# -- data sets ---------------------------------------------------------------------------------------
def test_a_missing_data_set_folder_is_refused_when_read(tmp_path):
    text = VALID.replace('dataset = "digits"', f'dataset = "folder:{tmp_path / "nowhere"}"')
    error = _refusal(write(tmp_path, text, "folderless"))
    assert error.where == "A.dataset" and "no such folder" in str(error)


def test_options_the_data_set_does_not_take_are_refused_when_read(tmp_path):
    text = VALID.replace("run = { batch_size", "dataset_options = { colour = 3 }\nrun = { batch_size")
    error = _refusal(write(tmp_path, text, "optioned"))
    assert error.where == "A.dataset_options.colour" and "not an option of digits" in str(error)
    (tmp_path / "pics").mkdir()
    text = VALID.replace('dataset = "digits"', f'dataset = "folder:{tmp_path / "pics"}"')
    good = text.replace("run = { batch_size", "dataset_options = { size = 16, channels = \"rgb\" }\nrun = { batch_size")
    assert load_lesson(write(tmp_path, good, "folder_ok")).runs[0].dataset_options == {"size": 16, "channels": "rgb"}
    bad = text.replace("run = { batch_size", "dataset_options = { root = \"/\" }\nrun = { batch_size")
    assert "not an option of folder:" in str(_refusal(write(tmp_path, bad, "folder_root")))


# -- the list and the command line -------------------------------------------------------------------
def test_lesson_list_shows_every_good_lesson_beside_broken_files(tmp_path, capsys):
    broken = write_broken_lessons(tmp_path, '[["loss"]]', "nested_view")
    assert main(["lesson", "list", "--lessons", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "good" in out and "T  [20 steps x 2 runs]" in out
    for name in broken:
        assert f"{name:<28} cannot be used: {name}.toml: " in out
    from engine.lessons.loader import BUNDLED

    for bundled in BUNDLED.glob("*.toml"):
        assert bundled.stem in out  # the shipped lessons are all still listed


@pytest.mark.parametrize("scale", ["inf", "nan", "0", "-1", "1e12", "10000"])
def test_lesson_run_refuses_a_steps_scale_that_is_not_finite_positive_or_past_the_cap(tmp_path, capsys, scale):
    write(tmp_path, VALID, "tiny")  # 20 steps: x10000 is 200,000, past the cap
    assert main(["lesson", "run", "tiny", "--lessons", str(tmp_path), "--steps-scale", scale]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --steps-scale") and "Traceback" not in err
    if 1 < float(scale) < float("inf"):
        assert f"past the cap of {MAX_STEPS:,}" in err


def test_bench_lessons_refuses_a_steps_scale_that_is_not_finite(capsys):
    assert main(["bench", "lessons", "--steps-scale", "inf"]) == 2
    assert "--steps-scale must be a finite number above 0, not inf" in capsys.readouterr().err


def test_lesson_run_of_a_broken_file_path_is_a_message(tmp_path, capsys):
    path = tmp_path / "wide.toml"
    path.write_bytes(VALID.encode("utf-16"))
    assert main(["lesson", "run", str(path)]) == 2
    err = capsys.readouterr().err
    assert "wide.toml: file: is UTF-16 text" in err and "Traceback" not in err


if sys.platform == "win32":  # pragma: no cover
    pytestmark = pytest.mark.skip("FIFOs and file modes are tested on POSIX")

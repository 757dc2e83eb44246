"""Command-line values that cannot work are refused with a message before anything runs: `evaluate --k`
below 1 (or past the images the probe is fit on), and `record --size` outside 320x240 .. 7680x4320
(100000x100000 segfaulted Qt; 0x0 recorded nothing)."""

import pytest

from main import main


@pytest.mark.parametrize("k", ["-5", "0"])
def test_evaluate_refuses_a_k_below_one_before_reading_anything(tmp_path, capsys, k):
    missing = tmp_path / "never_read.safetensors"  # refused before the file is even looked at
    assert main(["evaluate", str(missing), "--k", k]) == 2
    err = capsys.readouterr().err
    assert err == f"error: --k must be a whole number of neighbours, 1 or more, not {k}\n"


def test_evaluate_refuses_a_k_past_the_probes_training_images(tmp_path, capsys, cache_dir):
    from engine.training.config import RunConfig
    from tests.helpers import QUIET, run_to_end

    path = tmp_path / "ae.safetensors"
    run_to_end(RunConfig(dataset="digits", steps=1, save_on_end=str(path), cadence=QUIET))
    assert main(["evaluate", str(path), "--k", "100000"]) == 1
    err = capsys.readouterr().err
    assert "--k 100000 is more than the" in err and "training images the kNN probe is fit on" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("size", ["100000x100000", "0x0", "1280x0", "100x100", "7681x4320", "-1280x720"])
def test_record_refuses_a_window_size_out_of_range_before_a_window_opens(tmp_path, capsys, size, monkeypatch):
    from gui.tools import record

    monkeypatch.setattr(record, "_window", lambda *a, **k: pytest.fail("a window was opened"))
    assert main(["record", "--method", "vae", "--out", str(tmp_path / "clip.gif"), f"--size={size}"]) == 1
    assert capsys.readouterr().err == (f"error: --size {size}: the window can be from 320x240 to 7680x4320 "
                                       "pixels\n")


@pytest.mark.parametrize("size, expected", [("1280x720", (1280, 720)), ("320X240", (320, 240)),
                                            ("7680x4320", (7680, 4320))])
def test_window_sizes_in_range_are_taken(size, expected):
    from gui.tools.record import window_size

    assert window_size(size) == expected


@pytest.mark.parametrize("size", ["big", "1280", "1280x720x3", "x"])
def test_a_size_that_is_not_width_x_height_says_how_to_write_it(size):
    from gui.tools.record import window_size

    with pytest.raises(ValueError, match="give it as WIDTHxHEIGHT"):
        window_size(size)

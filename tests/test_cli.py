import os
import stat

import pytest

from engine.training.checkpoint import read_checkpoint
from main import main


@pytest.fixture(autouse=True)
def _own_cache(cache_dir):
    """train stages its checkpoint in the cache's runs folder: keep that inside the test."""
    return cache_dir


def test_help_lists_every_sub_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    for command in ("train", "info", "list", "bench"):
        assert command in text


@pytest.mark.parametrize("method", ["autoencoder", "denoising_autoencoder", "vae"])
def test_train_writes_a_checkpoint(method, tmp_path, capsys):
    out = tmp_path / f"{method}.safetensors"
    code = main(["train", "--method", method, "--dataset", "digits", "--steps", "8", "--out", str(out),
                 "--set", "latent_dim=3", "--set", "lr=2e-3"])
    assert code == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(out)
    assert "8/8" in captured.err and "img/s" in captured.err
    ckpt = read_checkpoint(out)
    assert ckpt.step == 8 and ckpt.meta["params"]["latent_dim"] == 3 and ckpt.meta["run"]["lr"] == 2e-3


def test_resume_continues_the_checkpoint(tmp_path, capsys):
    out = tmp_path / "vae.safetensors"
    assert main(["train", "--method", "vae", "--dataset", "digits", "--steps", "4", "--out", str(out)]) == 0
    assert main(["train", "--resume", str(out), "--steps", "3", "--out", str(out), "--set", "beta=2"]) == 0
    ckpt = read_checkpoint(out)
    assert ckpt.step == 7 and ckpt.meta["params"]["beta"] == 2.0 and ckpt.meta["dataset"] == "digits"


def test_bad_settings_list_what_is_valid(capsys):
    assert main(["train", "--method", "vae", "--set", "betta=2"]) == 2
    err = capsys.readouterr().err
    assert "unknown setting 'betta'" in err and "beta = 1.0" in err and "lr = 0.001" in err
    assert main(["train", "--set", "lr=fast"]) == 2
    assert "'fast' is not a valid float" in capsys.readouterr().err
    assert main(["train", "--set", "noequals"]) == 2
    assert "name=value" in capsys.readouterr().err


def test_bad_checkpoint_is_one_line_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.safetensors"
    bad.write_text("nope")
    assert main(["info", str(bad)]) == 1
    assert main(["train", "--resume", str(bad), "--steps", "1"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("not an Encoder Lab checkpoint") == 2


def test_info_and_list(tmp_path, capsys):
    out = tmp_path / "ae.safetensors"
    main(["train", "--dataset", "digits", "--steps", "2", "--out", str(out)])
    capsys.readouterr()
    assert main(["info", str(out)]) == 0
    assert "autoencoder at step 2, trained on digits" in capsys.readouterr().out
    assert main(["list"]) == 0
    text = capsys.readouterr().out
    assert "vae" in text and "sprites" in text and "reconstruction:" in text


def test_train_without_method_or_out_writes_the_default_checkpoint(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["train", "--dataset", "digits", "--steps", "1"]) == 0
    written = tmp_path / "runs" / "autoencoder-digits.safetensors"
    assert capsys.readouterr().out.strip() == os.path.join("runs", "autoencoder-digits.safetensors")
    ckpt = read_checkpoint(written)
    assert ckpt.method == "autoencoder" and ckpt.step == 1


@pytest.mark.parametrize("steps", ["-5", "many"])
def test_steps_must_be_a_count(steps, tmp_path, capsys):
    out = tmp_path / "x.safetensors"
    with pytest.raises(SystemExit) as e:
        main(["train", "--dataset", "digits", "--steps", steps, "--out", str(out)])
    assert e.value.code == 2
    assert "argument --steps: must be" in capsys.readouterr().err
    assert not out.exists()


def _refused_before_training(argv, capsys) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert "img/s" not in captured.err and captured.out == ""  # no training, nothing claimed as saved
    return captured.err


def test_unwritable_destination_is_refused_before_training(tmp_path, capsys, monkeypatch):
    train = ["train", "--dataset", "digits", "--steps", "2", "--out"]
    err = _refused_before_training(train + [str(tmp_path)], capsys)
    assert f"{tmp_path} is a folder" in err
    err = _refused_before_training(train + ["/dev/full/x.safetensors"], capsys)
    assert "/dev/full is not a folder" in err and "File exists" not in err
    err = _refused_before_training(train + ["/dev/full"], capsys)
    assert "not a regular file" in err

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("engine.cli.commands.tempfile.mkstemp", read_only)
    err = _refused_before_training(train + [str(tmp_path / "locked" / "x.safetensors")], capsys)
    assert "cannot write in the folder" in err and "Permission denied" in err


def test_a_failed_final_save_keeps_the_training_and_fails(tmp_path, capsys, monkeypatch, cache_dir):
    out = tmp_path / "out.safetensors"
    from engine.cli import commands as cli

    real_drive = cli._drive

    def drive_then_block(*args):
        end = real_drive(*args)
        out.mkdir()  # while the run trained, something took the checkpoint's name
        return end

    monkeypatch.setattr(cli, "_drive", drive_then_block)
    assert main(["train", "--dataset", "digits", "--steps", "3", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    kept = captured.out.strip()
    assert f"could not save to {out}: {out} is a folder" in captured.err
    assert f"The checkpoint is kept at {kept}" in captured.err
    assert os.path.dirname(kept) == str(cache_dir / "runs")
    assert read_checkpoint(kept).step == 3


def test_saved_checkpoint_has_the_users_file_mode(tmp_path, capsys):
    out = tmp_path / "ae.safetensors"
    old = os.umask(0o002)
    try:
        assert main(["train", "--dataset", "digits", "--steps", "1", "--out", str(out)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o664
    out.chmod(0o640)  # a mode the user chose is kept when the checkpoint is overwritten
    assert main(["train", "--resume", str(out), "--steps", "1", "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_resume_with_bad_optimiser_state_saves_nothing(tmp_path, capsys):
    from tests.test_checkpoint import _rewrite_meta

    good = tmp_path / "ae.safetensors"
    assert main(["train", "--dataset", "digits", "--steps", "2", "--out", str(good)]) == 0
    meta = read_checkpoint(good).meta
    groups = meta["optimizer"]["param_groups"]
    bad = tmp_path / "bad.safetensors"
    _rewrite_meta(good, bad, optimizer={**meta["optimizer"], "param_groups": groups + groups})
    capsys.readouterr()
    new = tmp_path / "new.safetensors"
    assert main(["train", "--resume", str(bad), "--steps", "2", "--out", str(new)]) == 1
    err = capsys.readouterr().err
    assert "the optimiser state in bad.safetensors does not match the model" in err
    assert "Traceback" not in err and not new.exists()


def test_evaluate_prints_probes_beside_baselines(tmp_path, capsys):
    import json

    out = tmp_path / "ae.safetensors"
    main(["train", "--dataset", "digits", "--steps", "30", "--out", str(out), "--set", "latent_dim=6"])
    capsys.readouterr()
    assert main(["evaluate", str(out)]) == 0
    text = capsys.readouterr().out
    for row in ("checkpoint", "random encoder", "raw pixels", "kNN", "linear", "NMI", "eff. rank"):
        assert row in text
    assert "a low spread there is not collapse" in text  # the random encoder's spread is explained
    assert main(["evaluate", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert f"mean cosine to it {result['scores']['random encoder']['mean_cosine']:.2f}" in text
    assert set(result["scores"]) == {"checkpoint", "random encoder", "raw pixels"}
    assert result["probe"] == {"fit_on": 1438, "scored_on": 359, "k": 20}
    pixels = result["scores"]["raw pixels"]
    assert pixels["knn"] > 0.9  # the 8x8 digits are easy in pixel space
    assert main(["evaluate", str(out), "--dataset", "mnist5k"]) == 1
    assert "8x8 grey images, but this data is 28x28" in capsys.readouterr().err


def test_mean_cosine_tells_a_shared_direction_from_spread_out_embeddings():
    import numpy as np

    from engine.cli.evaluate import mean_cosine

    rng = np.random.default_rng(0)
    spread_out = rng.normal(size=(500, 32))
    assert mean_cosine(spread_out) < 0.1
    assert mean_cosine(spread_out + 5.0) > 0.95  # one shared offset: every vector leans the same way
    assert mean_cosine(np.abs(spread_out)) > 0.7  # all-positive features already share a direction


def test_the_clock_reads_minutes_and_seconds_then_hours():
    from engine.cli.progress import clock

    assert [clock(t) for t in (0, 59.9, 61, 3599, 3725, -3)] == ["00:00", "00:59", "01:01", "59:59", "1:02:05", "00:00"]

import pytest

from engine.checkpoint import read_checkpoint
from main import build_parser, main


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


def test_parser_defaults():
    args = build_parser().parse_args(["train"])
    assert args.steps == 1000 and args.method is None and args.set is None


def test_evaluate_prints_probes_beside_baselines(tmp_path, capsys):
    import json

    out = tmp_path / "ae.safetensors"
    main(["train", "--dataset", "digits", "--steps", "30", "--out", str(out), "--set", "latent_dim=6"])
    capsys.readouterr()
    assert main(["evaluate", str(out)]) == 0
    text = capsys.readouterr().out
    for row in ("checkpoint", "random encoder", "raw pixels", "kNN", "linear", "NMI", "eff. rank"):
        assert row in text
    assert main(["evaluate", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result["scores"]) == {"checkpoint", "random encoder", "raw pixels"}
    assert result["probe"] == {"fit_on": 1438, "scored_on": 359, "k": 20}
    pixels = result["scores"]["raw pixels"]
    assert pixels["knn"] > 0.9  # the 8x8 digits are easy in pixel space
    assert main(["evaluate", str(out), "--dataset", "mnist5k"]) == 1
    assert "8x8 grey images, but this data is 28x28" in capsys.readouterr().err

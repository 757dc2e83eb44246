"""Checkpoints whose bytes are intact but whose weights cannot be used: NaN or infinite weights (a
diverged run saved with a valid checksum) are refused when read, before they replace anything, on the
command line and in the app; weights of the wrong shape are refused naming the tensors, not with torch's
"size mismatch for ..."."""

import json
import struct

import pytest
import torch

from engine.errors import CheckpointError
from engine.training.checkpoint import read_checkpoint, restore_method, save_checkpoint
from engine.training.config import RunConfig
from tests.helpers import QUIET, run_to_end


@pytest.fixture
def trained(trained_vae):
    return trained_vae  # tests/conftest.py: a VAE's checkpoint shared by the checkpoint tests


def _spoilt(trained, path, values: dict[str, tuple[int, float]]):
    """``trained``'s model and optimiser state saved again (a valid checksum) with some weights set to
    ``values``: {parameter name: (how many of its values, the value)}."""
    ckpt = read_checkpoint(trained)
    model = restore_method(ckpt)
    optimizer = torch.optim.Adam(model.parameters())
    optimizer.load_state_dict(ckpt.optimizer_state)
    with torch.no_grad():
        params = dict(model.named_parameters())
        for name, (n, value) in values.items():
            params[name].view(-1)[:n] = value
    meta = {k: v for k, v in ckpt.meta.items() if k not in ("checksum", "format", "format_version", "optimizer")}
    save_checkpoint(path, model, optimizer, meta)
    return path


def _weight_names(trained) -> list[str]:
    """The model's parameters, matrices first."""
    ckpt = read_checkpoint(trained)
    names = [name for name, _ in restore_method(ckpt).named_parameters()]
    return sorted(names, key=lambda k: -ckpt.model_state[k].dim())


def test_nan_or_infinite_weights_are_refused_naming_how_many_in_which_tensor(trained, tmp_path):
    first, second = _weight_names(trained)[:2]
    path = _spoilt(trained, tmp_path / "diverged.safetensors", {first: (5, float("nan")), second: (1, float("inf"))})
    with pytest.raises(CheckpointError) as caught:
        read_checkpoint(path)
    message = str(caught.value)
    total = read_checkpoint(trained).model_state[first].numel()
    assert message.startswith("diverged.safetensors holds NaN or infinite weights")
    assert f"5 of {total} values in {first}" in message and "1 of " in message and second in message
    assert "had diverged" in message


def test_many_spoilt_tensors_are_listed_a_few_then_counted(trained, tmp_path):
    names = _weight_names(trained)
    assert len(names) >= 5
    path = _spoilt(trained, tmp_path / "all_nan.safetensors", {n: (1, float("nan")) for n in names[:5]})
    with pytest.raises(CheckpointError, match=r"and 2 more tensors"):
        read_checkpoint(path)


def test_resume_and_info_refuse_nan_weights_with_a_message_not_a_traceback(trained, tmp_path, capsys):
    from main import main

    path = _spoilt(trained, tmp_path / "nan.safetensors", {_weight_names(trained)[0]: (2, float("nan"))})
    snaps = run_to_end(RunConfig(resume=str(path), steps=2, cadence=QUIET))
    assert snaps[0].kind == "failed" and "NaN or infinite weights" in snaps[0].message
    assert main(["info", str(path)]) == 1
    err = capsys.readouterr().err
    assert "nan.safetensors holds NaN or infinite weights" in err and "Traceback" not in err
    out = tmp_path / "out.safetensors"
    assert main(["train", "--resume", str(path), "--steps", "1", "--out", str(out)]) != 0
    assert "NaN or infinite weights" in capsys.readouterr().err and not out.exists()


def test_the_app_refuses_nan_weights_before_it_asks_to_discard_the_run(trained, tmp_path):
    """Window ▸ Open: a dialog, and the run the user has open is neither asked about nor replaced."""
    from gui.window.checkpoint_actions import CheckpointActions

    path = _spoilt(trained, tmp_path / "nan.safetensors", {_weight_names(trained)[0]: (1, float("-inf"))})
    calls = []

    class Window(CheckpointActions):
        def show_error(self, title, message):
            calls.append(("error", message))

        def confirm_discard(self, what):
            calls.append(("discard?", what))
            return True

        def start_run(self, config, paused=False):
            calls.append(("start", config))

    assert Window().open_checkpoint(str(path)) is False
    assert [kind for kind, _ in calls] == ["error"] and "NaN or infinite weights" in calls[0][1]


def _rewrite_params(src, dst, **changes):
    data = src.read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    meta = json.loads(header["__metadata__"]["encoder_lab"])
    meta["params"].update(changes)
    header["__metadata__"]["encoder_lab"] = json.dumps(meta)
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    dst.write_bytes(struct.pack("<Q", len(raw)) + raw + data[8 + n:])
    return dst


def test_weights_of_another_shape_are_named_with_expected_and_found_shapes(trained, tmp_path):
    path = _rewrite_params(trained, tmp_path / "resized.safetensors", latent_dim=5)
    with pytest.raises(CheckpointError) as caught:
        restore_method(read_checkpoint(path))
    message = str(caught.value)
    assert "size mismatch" not in message and "Error(s) in loading" not in message
    assert message.startswith("resized.safetensors: its weights do not fit the vae model its settings describe")
    assert "should be 10 x" in message and "but is 6 x" in message  # the encoder's head: 2 x latent_dim rows
    assert "latent_dim" in message
    assert message.count(" should be ") <= 3  # a few named, the rest counted


def test_evaluate_names_the_wrong_shapes_without_a_traceback(trained, tmp_path, capsys):
    from main import main

    path = _rewrite_params(trained, tmp_path / "resized.safetensors", latent_dim=5)
    assert main(["evaluate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "do not fit the vae model" in err and "size mismatch" not in err and "Traceback" not in err

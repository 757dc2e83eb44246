import json
import pickle
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


def test_round_trip_is_bit_identical(trained, tmp_path):
    ckpt = read_checkpoint(trained)
    assert ckpt.method == "vae" and ckpt.step == 12 and ckpt.image_shape == (1, 8, 8)
    assert ckpt.meta["params"]["latent_dim"] == 3
    assert ckpt.meta["dataset"] == "digits"
    assert {"torch", "safetensors", "encoder_lab", "python"} <= set(ckpt.meta["versions"])
    assert "loss" in ckpt.meta["metrics"]
    model = restore_method(ckpt)
    for k, v in model.state_dict().items():
        assert torch.equal(v, ckpt.model_state[k])
    # Saving what was loaded, with the same metadata, writes the very same bytes.
    opt = torch.optim.Adam(model.parameters())
    opt.load_state_dict(ckpt.optimizer_state)
    again = tmp_path / "again.safetensors"
    meta = {k: v for k, v in ckpt.meta.items() if k not in ("checksum", "format", "format_version", "optimizer")}
    save_checkpoint(again, model, opt, meta)
    assert again.read_bytes() == trained.read_bytes()


def test_optimizer_state_survives(trained):
    ckpt = read_checkpoint(trained)
    state = ckpt.optimizer_state
    assert state["param_groups"][0]["lr"] == pytest.approx(1e-3)
    first = state["state"][0]
    assert float(first["step"]) == 12
    assert first["exp_avg"].shape == next(iter(restore_method(ckpt).parameters())).shape


def test_writes_are_atomic(trained, tmp_path, monkeypatch):
    target = tmp_path / "keep.safetensors"
    target.write_bytes(trained.read_bytes())
    model = restore_method(read_checkpoint(trained))

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", broken_fsync)
    with pytest.raises(OSError):
        save_checkpoint(target, model, None, {"method": "vae", "params": {}, "image_shape": [1, 8, 8], "step": 0})
    assert target.read_bytes() == trained.read_bytes()  # the old checkpoint is whole
    assert [p.name for p in tmp_path.iterdir()] == ["keep.safetensors"]  # no temp file left behind


def _error(path, **kw) -> str:
    with pytest.raises(CheckpointError) as e:
        read_checkpoint(path, **kw)
    return str(e.value)


def test_not_a_checkpoint(tmp_path):
    p = tmp_path / "notes.safetensors"
    p.write_text("hello, this is text")
    assert "not an Encoder Lab checkpoint" in _error(p)
    p.write_bytes(b"")
    assert "not an Encoder Lab checkpoint" in _error(p)
    assert "does not exist" in _error(tmp_path / "missing.safetensors")
    assert "is a folder" in _error(tmp_path)


def test_foreign_safetensors_file(tmp_path):
    from safetensors.torch import save_file

    p = tmp_path / "other.safetensors"
    save_file({"w": torch.zeros(3)}, p)
    assert "no Encoder Lab metadata" in _error(p)


def test_truncated_file(trained, tmp_path):
    data = trained.read_bytes()
    p = tmp_path / "cut.safetensors"
    p.write_bytes(data[: len(data) - 100])
    assert "truncated" in _error(p)
    p.write_bytes(data[:50])
    assert "truncated" in _error(p)


def test_flipped_byte_is_caught(trained, tmp_path):
    data = bytearray(trained.read_bytes())
    data[-10] ^= 0xFF
    p = tmp_path / "flipped.safetensors"
    p.write_bytes(bytes(data))
    assert "corrupt" in _error(p) and "checksum" in _error(p)


def test_other_method_and_other_shape(trained):
    assert "of the method 'vae', not 'autoencoder'" in _error(trained, expect_method="autoencoder")
    assert "8x8 grey images, but this data is 28x28 grey" in _error(trained, expect_image_shape=(1, 28, 28))


@pytest.fixture
def reads_of(monkeypatch):
    """How often each file was read whole (a checkpoint read is one read_bytes and one hash of it)."""
    from pathlib import Path

    counts, real = {}, Path.read_bytes

    def counted(self):
        counts[str(self)] = counts.get(str(self), 0) + 1
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    return counts


def test_another_data_shape_is_told_after_one_read_when_resuming(trained, reads_of):
    snaps = run_to_end(RunConfig(resume=str(trained), dataset="mnist5k", steps=1, cadence=QUIET))
    assert snaps[0].kind == "failed" and "8x8 grey images, but this data is 28x28 grey" in snaps[0].message
    assert reads_of[str(trained)] == 1


def test_another_data_shape_is_told_after_one_read_when_evaluating(trained, reads_of):
    from engine.cli.evaluate import evaluate_checkpoint

    with pytest.raises(CheckpointError, match="8x8 grey images, but this data is 28x28 grey"):
        evaluate_checkpoint(str(trained), dataset="mnist5k")
    assert reads_of[str(trained)] == 1


def _rewrite_meta(src, dst, **changes):
    data = src.read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    meta = json.loads(header["__metadata__"]["encoder_lab"])
    meta.update(changes)
    header["__metadata__"]["encoder_lab"] = json.dumps(meta)
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    dst.write_bytes(struct.pack("<Q", len(raw)) + raw + data[8 + n:])


def test_newer_format_is_refused_with_a_hint(trained, tmp_path):
    p = tmp_path / "future.safetensors"
    _rewrite_meta(trained, p, format_version=99)
    assert "format 99" in _error(p) and "update Encoder Lab" in _error(p)


class _Payload:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))  # unpickling would create the marker file


def test_pickles_are_refused_and_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    raw = tmp_path / "evil.pkl"
    raw.write_bytes(pickle.dumps(_Payload(str(marker))))
    assert "pickle" in _error(raw)
    pt = tmp_path / "evil.pt"
    torch.save({"x": _Payload(str(marker))}, pt)  # torch.save pickles without running __reduce__'s call
    assert not marker.exists()
    message = _error(pt)
    assert "PyTorch .pt" in message and "never opens pickles" in message
    assert not marker.exists()


@pytest.mark.parametrize("field, value", [
    ("step", "twelve"), ("step", -1), ("step", 1.5), ("image_shape", [1, 8]), ("image_shape", "8x8"),
    ("image_shape", [1, 0, 8]), ("method", 7), ("params", [1, 2]), ("run", "fast"), ("dataset_options", 3),
    ("optimizer", {"param_groups": "many"}),
])
def test_every_metadata_field_is_checked_when_read(trained, tmp_path, field, value):
    p = tmp_path / "odd.safetensors"
    _rewrite_meta(trained, p, **{field: value})
    message = _error(p)
    assert f"metadata field '{field}' should be" in message and "odd.safetensors is corrupt" in message


def test_a_malformed_run_seed_is_named(trained, tmp_path):
    p = tmp_path / "seed.safetensors"
    run = read_checkpoint(trained).meta["run"]
    _rewrite_meta(trained, p, run={**run, "seed": "abc"})
    assert "metadata field 'run.seed' should be a whole number" in _error(p)


@pytest.mark.parametrize("command", ["info", "evaluate"])
def test_info_and_evaluate_name_the_bad_field_without_a_traceback(trained, tmp_path, capsys, command):
    from main import main

    p = tmp_path / "odd.safetensors"
    _rewrite_meta(trained, p, step="soon")
    assert main([command, str(p)]) == 1
    err = capsys.readouterr().err
    assert "metadata field 'step' should be a whole number" in err and "Traceback" not in err


def _optimizer_state_error(trained, tmp_path, change) -> str:
    """The message of resuming from a copy of ``trained`` whose optimiser metadata ``change`` edits."""
    meta = read_checkpoint(trained).meta
    info = json.loads(json.dumps(meta["optimizer"]))
    change(info)
    p = tmp_path / "garbage.safetensors"
    _rewrite_meta(trained, p, optimizer=info)
    snaps = run_to_end(RunConfig(resume=str(p), steps=2, cadence=QUIET))
    assert len(snaps) == 1, "the run must not start"  # no RunStarted: nothing was replaced
    assert snaps[0].kind == "failed"
    return snaps[0].message


def test_garbage_optimizer_state_fails_before_the_run_starts(trained, tmp_path):
    def two_groups(info):
        info["param_groups"] = info["param_groups"] * 2

    def odd_betas(info):
        info["param_groups"][0]["betas"] = ["a", "b"]

    for change in (two_groups, odd_betas):
        message = _optimizer_state_error(trained, tmp_path, change)
        assert message.startswith("the optimiser state in garbage.safetensors does not match the model")
    assert "betas" in _optimizer_state_error(trained, tmp_path, odd_betas)


def test_optimizer_tensors_of_the_wrong_shape_are_caught(trained, tmp_path):
    from engine.training.checkpoint_checks import check_optimizer_state

    ckpt = read_checkpoint(trained)
    model = restore_method(ckpt)
    ckpt.optimizer_state["state"][0]["exp_avg"] = torch.zeros(3, 3, 3)
    with pytest.raises(CheckpointError, match="'exp_avg' has shape \\(3, 3, 3\\)"):
        check_optimizer_state(ckpt, torch.optim.Adam(model.parameters()))


def test_saves_take_the_users_file_mode(trained, tmp_path):
    import os
    import stat

    model = restore_method(read_checkpoint(trained))
    meta = {"method": "vae", "params": {}, "image_shape": [1, 8, 8], "step": 0}
    old = os.umask(0o027)
    try:
        path = save_checkpoint(tmp_path / "m.safetensors", model, None, meta)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_file_in_the_way_is_named_as_the_cause(trained, tmp_path):
    model = restore_method(read_checkpoint(trained))
    (tmp_path / "plain").write_text("a file, not a folder")
    with pytest.raises(NotADirectoryError, match="plain is not a folder"):
        save_checkpoint(tmp_path / "plain" / "sub" / "m.safetensors", model, None, {})

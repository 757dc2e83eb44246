"""Checkpoints: safetensors weights with JSON metadata in one file. Loading never unpickles.

A checkpoint from a stranger is data, not code: ``torch.load`` of a pickle can run anything, so it is
never called. The file is a safetensors file (an 8-byte header length, a JSON header, raw tensor
bytes); the JSON header's ``__metadata__["encoder_lab"]`` holds our metadata: method, hyper-parameters,
data set, image shape, step, metrics, optimiser settings, format and library versions, and a SHA-256
of the tensor bytes so that a flipped byte is caught, not trained on.

Writes are atomic: the file is written beside the target under a temporary name, flushed to disk and
renamed over the target, so a crash mid-save leaves the previous checkpoint whole.

What the content must be (metadata fields, method, image shape, optimiser state) is judged in
engine/training/checkpoint_checks.py, on what was read here once.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import platform
import stat
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from engine.errors import CheckpointError
from engine.training.checkpoint_checks import (check_finite, check_image_shape, check_metadata, check_method,
                                               check_weights_fit)
from engine.words import Words

FORMAT = "encoder-lab-checkpoint"
FORMAT_VERSION = 1
MAX_BYTES = 4 << 30  # nothing this app trains comes near; a bigger file is not ours

_MODEL = "model/"
_OPTIM = "optimizer/"


@dataclass(frozen=True)
class Checkpoint:
    path: str
    meta: dict[str, Any]
    model_state: dict[str, torch.Tensor]
    optimizer_state: dict[str, Any] | None  # in torch.optim's state_dict() form

    @property
    def method(self) -> str:
        return self.meta["method"]

    @property
    def step(self) -> int:
        return int(self.meta["step"])

    @property
    def image_shape(self) -> tuple[int, int, int]:
        return tuple(self.meta["image_shape"])  # type: ignore[return-value]


def library_versions() -> dict[str, str]:
    import safetensors

    from engine import __version__

    return {"encoder_lab": __version__, "torch": torch.__version__, "safetensors": safetensors.__version__,
            "python": platform.python_version()}


def _flatten_optimizer(state: dict[str, Any]) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """torch.optim state_dict -> (tensors, JSON-able rest)."""
    tensors, scalars = {}, {}
    for idx, entry in state["state"].items():
        for key, value in entry.items():
            if isinstance(value, torch.Tensor):
                tensors[f"{_OPTIM}{idx}/{key}"] = value
            else:
                scalars.setdefault(str(idx), {})[key] = value
    return tensors, {"param_groups": state["param_groups"], "scalars": scalars}


def _unflatten_optimizer(tensors: dict[str, torch.Tensor], info: dict[str, Any]) -> dict[str, Any]:
    state: dict[int, dict[str, Any]] = {}
    for name, value in tensors.items():
        idx, key = name[len(_OPTIM):].split("/", 1)
        state.setdefault(int(idx), {})[key] = value
    for idx, entry in info.get("scalars", {}).items():
        state.setdefault(int(idx), {}).update(entry)
    return {"state": state, "param_groups": info["param_groups"]}


def _serialise(tensors: dict[str, torch.Tensor], meta: dict[str, Any]) -> bytes:
    from safetensors.torch import save

    # Cloning breaks shared storage (safetensors refuses aliased tensors) and moves data to the CPU.
    tensors = {k: v.detach().to("cpu").contiguous().clone() for k, v in tensors.items()}
    bare = save(tensors)
    (n,) = struct.unpack("<Q", bare[:8])
    meta = {**meta, "checksum": "sha256:" + hashlib.sha256(bare[8 + n:]).hexdigest()}
    return save(tensors, metadata={"encoder_lab": json.dumps(meta, sort_keys=True)})


def save_checkpoint(path: str | os.PathLike, model: torch.nn.Module, optimizer: torch.optim.Optimizer | None,
                    meta: dict[str, Any]) -> Path:
    """Write ``model`` (and the optimiser's state, for resuming) with ``meta`` to ``path`` atomically."""
    path = Path(path)
    tensors = {_MODEL + k: v for k, v in model.state_dict().items()}
    meta = {**meta, "format": FORMAT, "format_version": FORMAT_VERSION}
    if optimizer is not None:
        opt_tensors, info = _flatten_optimizer(optimizer.state_dict())
        tensors.update(opt_tensors)
        meta["optimizer"] = info
    write_atomically(path, _serialise(tensors, meta))
    return path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` under a temporary name, flush it to disk and rename it over ``path``.

    The file gets the mode a plain ``open()`` would give it (0666 less the umask), or the mode of the
    file it replaces: ``mkstemp`` creates its file 0600, which would hide a checkpoint from its group.
    """
    _make_parent(path)
    mode = _file_mode(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _make_parent(path: Path) -> None:
    """Create ``path``'s folder; a file in the way is named as the cause (mkdir would say "File exists")."""
    for ancestor in path.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, f"{ancestor} is not a folder")
            break
    path.parent.mkdir(parents=True, exist_ok=True)


def _file_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)  # keep the mode of the checkpoint being replaced
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere the only way to read it is to set it, and set it back at once
    os.umask(mask)
    return mask


def _refuse_pickle(path: Path, head: bytes) -> None:
    if head.startswith(b"PK\x03\x04"):
        raise CheckpointError(Words(
            "{file} is a PyTorch .pt/.pth file (a zip holding a pickle). Encoder Lab never opens "
            "pickles, because loading one can run any code hidden in it. Open a .safetensors checkpoint "
            "saved by Encoder Lab instead.", file=path.name))
    if head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        raise CheckpointError(Words(
            "{file} is a Python pickle. Encoder Lab never opens pickles, because loading one can "
            "run any code hidden in it.", file=path.name))


def read_checkpoint(path: str | os.PathLike, expect_method: str | None = None,
                    expect_image_shape: tuple[int, int, int] | None = None) -> Checkpoint:
    """Read and check a checkpoint; every problem is a :class:`CheckpointError` that names it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CheckpointError(Words("{file} is {gib:.1f} GiB, far larger than any Encoder Lab checkpoint",
                                        file=path.name, gib=size / 2**30))
        data = path.read_bytes()
    except FileNotFoundError:
        raise CheckpointError(Words("{path} does not exist", path=str(path))) from None
    except IsADirectoryError:
        raise CheckpointError(Words("{path} is a folder, not a checkpoint file", path=str(path))) from None
    except OSError as e:
        raise CheckpointError(Words("{path} cannot be read: {why}", path=str(path), why=str(e.strerror or e))) from None

    _refuse_pickle(path, data[:8])
    not_ours = Words("{file} is not an Encoder Lab checkpoint (not a safetensors file)", file=path.name)
    if len(data) < 8:
        raise CheckpointError(Words("{not_ours}: it is only {n} bytes long", not_ours=not_ours, n=len(data)))
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        if data[8:9] == b"{":
            raise CheckpointError(Words("{file} is truncated: its header promises more bytes than the file has",
                                        file=path.name))
        raise CheckpointError(not_ours)
    try:
        header = json.loads(data[8:8 + n])
    except (UnicodeDecodeError, json.JSONDecodeError):
        if data[8:9] == b"{":
            raise CheckpointError(Words("{file} is corrupt: its header is not valid JSON", file=path.name)) from None
        raise CheckpointError(not_ours) from None
    if not isinstance(header, dict):
        raise CheckpointError(not_ours)
    raw_meta = (header.get("__metadata__") or {}).get("encoder_lab")
    if raw_meta is None:
        raise CheckpointError(Words("{file} is a safetensors file, but not an Encoder Lab checkpoint (it has no "
                                    "Encoder Lab metadata)", file=path.name))
    try:
        meta = json.loads(raw_meta)
    except json.JSONDecodeError:
        raise CheckpointError(Words("{file} is corrupt: its metadata is not valid JSON", file=path.name)) from None
    if meta.get("format") != FORMAT:
        raise CheckpointError(Words("{file} is not an Encoder Lab checkpoint (format {format})", file=path.name,
                                    format=repr(meta.get("format"))))
    version = meta.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise CheckpointError(Words(
            "{file} was written in checkpoint format {version}, newer than this Encoder Lab reads (up to "
            "{newest}); update Encoder Lab to open it", file=path.name, version=str(version), newest=FORMAT_VERSION))

    ends = [e["data_offsets"][1] for k, e in header.items() if k != "__metadata__"]
    if max(ends, default=0) != len(data) - 8 - n:
        raise CheckpointError(Words("{file} is truncated or has trailing garbage: expected {expected} bytes of "
                                    "weights, found {found}", file=path.name, expected=max(ends, default=0),
                                    found=len(data) - 8 - n))
    digest = "sha256:" + hashlib.sha256(data[8 + n:]).hexdigest()
    if meta.get("checksum") != digest:
        raise CheckpointError(Words("{file} is corrupt: its weights do not match their checksum", file=path.name))

    from safetensors.torch import load

    try:
        tensors = load(data)
    except Exception as e:  # safetensors raises its own SafetensorError for any malformed entry
        raise CheckpointError(Words("{file} is corrupt: {e}", file=path.name, e=str(e))) from None
    check_metadata(path.name, meta)
    check_finite(path.name, tensors)  # a diverged run's weights would replace the user's run, and be its "last good"

    model_state = {k[len(_MODEL):]: v for k, v in tensors.items() if k.startswith(_MODEL)}
    opt_tensors = {k: v for k, v in tensors.items() if k.startswith(_OPTIM)}
    try:
        opt_state = _unflatten_optimizer(opt_tensors, meta["optimizer"]) if "optimizer" in meta else None
    except (KeyError, ValueError, TypeError, AttributeError) as e:
        raise CheckpointError(Words("{file} is corrupt: its optimiser state is malformed ({error}: {e})",
                                    file=path.name, error=type(e).__name__, e=str(e))) from None
    ckpt = Checkpoint(str(path), meta, model_state, opt_state)

    if expect_method is not None:
        check_method(ckpt, expect_method)
    if expect_image_shape is not None:
        check_image_shape(ckpt, expect_image_shape)
    return ckpt


def restore_method(ckpt: Checkpoint):
    """A method rebuilt from a checkpoint's hyper-parameters, with its weights loaded."""
    from engine.errors import ParamError
    from engine.methods import create_method

    try:
        model = create_method(ckpt.method, ckpt.meta["params"], ckpt.image_shape)
    except ParamError as e:
        raise CheckpointError(Words("{file} cannot be rebuilt by this version: {e}", file=Path(ckpt.path).name,
                                    e=str(e))) from None
    check_weights_fit(ckpt, model.state_dict())  # which tensors, in words, not torch's "size mismatch for ..."
    try:
        model.load_state_dict(ckpt.model_state, strict=True)
    except RuntimeError as e:
        raise CheckpointError(Words("{file}: its weights do not fit the model they claim: {e}",
                                    file=Path(ckpt.path).name, e=str(e))) from None
    return model



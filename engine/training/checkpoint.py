"""Checkpoints: safetensors weights with JSON metadata in one file. Loading never unpickles.

A checkpoint from a stranger is data, not code: ``torch.load`` of a pickle can run anything, so it is
never called. The file is a safetensors file (an 8-byte header length, a JSON header, raw tensor
bytes); the JSON header's ``__metadata__["encoder_lab"]`` holds our metadata: method, hyper-parameters,
data set, image shape, step, metrics, optimiser settings, format and library versions, and a SHA-256
of the tensor bytes so that a flipped byte is caught, not trained on.

Writes are atomic: the file is written beside the target under a temporary name, flushed to disk and
renamed over the target, so a crash mid-save leaves the previous checkpoint whole.
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
        raise CheckpointError(
            f"{path.name} is a PyTorch .pt/.pth file (a zip holding a pickle). Encoder Lab never opens "
            "pickles, because loading one can run any code hidden in it. Open a .safetensors checkpoint "
            "saved by Encoder Lab instead.")
    if head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        raise CheckpointError(
            f"{path.name} is a Python pickle. Encoder Lab never opens pickles, because loading one can "
            "run any code hidden in it.")


def read_checkpoint(path: str | os.PathLike, expect_method: str | None = None,
                    expect_image_shape: tuple[int, int, int] | None = None) -> Checkpoint:
    """Read and check a checkpoint; every problem is a :class:`CheckpointError` that names it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CheckpointError(f"{path.name} is {size / 2**30:.1f} GiB, far larger than any Encoder Lab checkpoint")
        data = path.read_bytes()
    except FileNotFoundError:
        raise CheckpointError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise CheckpointError(f"{path} is a folder, not a checkpoint file") from None
    except OSError as e:
        raise CheckpointError(f"{path} cannot be read: {e.strerror or e}") from None

    _refuse_pickle(path, data[:8])
    not_ours = f"{path.name} is not an Encoder Lab checkpoint (not a safetensors file)"
    if len(data) < 8:
        raise CheckpointError(f"{not_ours}: it is only {len(data)} bytes long")
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        if data[8:9] == b"{":
            raise CheckpointError(f"{path.name} is truncated: its header promises more bytes than the file has")
        raise CheckpointError(not_ours)
    try:
        header = json.loads(data[8:8 + n])
    except (UnicodeDecodeError, json.JSONDecodeError):
        if data[8:9] == b"{":
            raise CheckpointError(f"{path.name} is corrupt: its header is not valid JSON") from None
        raise CheckpointError(not_ours) from None
    if not isinstance(header, dict):
        raise CheckpointError(not_ours)
    raw_meta = (header.get("__metadata__") or {}).get("encoder_lab")
    if raw_meta is None:
        raise CheckpointError(f"{path.name} is a safetensors file, but not an Encoder Lab checkpoint "
                              "(it has no Encoder Lab metadata)")
    try:
        meta = json.loads(raw_meta)
    except json.JSONDecodeError:
        raise CheckpointError(f"{path.name} is corrupt: its metadata is not valid JSON") from None
    if meta.get("format") != FORMAT:
        raise CheckpointError(f"{path.name} is not an Encoder Lab checkpoint (format {meta.get('format')!r})")
    version = meta.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise CheckpointError(
            f"{path.name} was written in checkpoint format {version}, newer than this Encoder Lab reads "
            f"(up to {FORMAT_VERSION}); update Encoder Lab to open it")

    ends = [e["data_offsets"][1] for k, e in header.items() if k != "__metadata__"]
    if max(ends, default=0) != len(data) - 8 - n:
        raise CheckpointError(f"{path.name} is truncated or has trailing garbage: "
                              f"expected {max(ends, default=0)} bytes of weights, found {len(data) - 8 - n}")
    digest = "sha256:" + hashlib.sha256(data[8 + n:]).hexdigest()
    if meta.get("checksum") != digest:
        raise CheckpointError(f"{path.name} is corrupt: its weights do not match their checksum")

    from safetensors.torch import load

    try:
        tensors = load(data)
    except Exception as e:  # safetensors raises its own SafetensorError for any malformed entry
        raise CheckpointError(f"{path.name} is corrupt: {e}") from None
    _check_metadata(path, meta)

    model_state = {k[len(_MODEL):]: v for k, v in tensors.items() if k.startswith(_MODEL)}
    opt_tensors = {k: v for k, v in tensors.items() if k.startswith(_OPTIM)}
    try:
        opt_state = _unflatten_optimizer(opt_tensors, meta["optimizer"]) if "optimizer" in meta else None
    except (KeyError, ValueError, TypeError, AttributeError) as e:
        raise CheckpointError(f"{path.name} is corrupt: its optimiser state is malformed "
                              f"({type(e).__name__}: {e})") from None
    ckpt = Checkpoint(str(path), meta, model_state, opt_state)

    if expect_method is not None and ckpt.method != expect_method:
        raise CheckpointError(f"{path.name} is a checkpoint of the method '{ckpt.method}', not '{expect_method}'")
    if expect_image_shape is not None and tuple(expect_image_shape) != ckpt.image_shape:
        raise CheckpointError(
            f"{path.name} was trained on {_shape(ckpt.image_shape)} images, but this data is "
            f"{_shape(expect_image_shape)}; choose a data set of the same size and channels")
    return ckpt


def _is_count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _is_image_shape(v: Any) -> bool:
    return (isinstance(v, list) and len(v) == 3 and all(_is_count(n) and n > 0 for n in v)
            and v[0] <= 16 and max(v[1:]) <= 4096)  # no data set here has more channels or pixels


def _is_name(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


# Every field read anywhere (info, evaluate, resume, the app): what it must be, and in words.
_REQUIRED = {
    "method": (_is_name, "a method name"),
    "params": (lambda v: isinstance(v, dict), "a table of hyper-parameters"),
    "image_shape": (_is_image_shape, "[channels, height, width] in whole numbers (up to 16 and 4096)"),
    "step": (_is_count, "a whole number of steps, 0 or more"),
}
_OPTIONAL = {
    "run": (lambda v: isinstance(v, dict), "a table of run settings"),
    "dataset": (_is_name, "a data set name"),
    "dataset_options": (lambda v: isinstance(v, dict), "a table of data set options"),
    "metrics": (lambda v: isinstance(v, dict), "a table of metrics"),
    "versions": (lambda v: isinstance(v, dict), "a table of library versions"),
    "created": (lambda v: isinstance(v, str), "a date"),
    "optimizer": (lambda v: isinstance(v, dict) and isinstance(v.get("param_groups"), list)
                  and isinstance(v.get("scalars", {}), dict), "the optimiser's settings and state"),
}


def _check_metadata(path: Path, meta: dict[str, Any]) -> None:
    """Every metadata field has the type its readers expect, so none of them can fail with a traceback."""
    for key in _REQUIRED:
        if key not in meta:
            raise CheckpointError(f"{path.name} is incomplete: its metadata has no '{key}'")
    for key, (valid, what) in (_REQUIRED | _OPTIONAL).items():
        if key in meta and not valid(meta[key]):
            raise CheckpointError(f"{path.name} is corrupt: its metadata field '{key}' should be {what}, "
                                  f"not {_brief(meta[key])}")
    seed = meta.get("run", {}).get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise CheckpointError(f"{path.name} is corrupt: its metadata field 'run.seed' should be a whole number, "
                              f"not {_brief(seed)}")


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _shape(s) -> str:
    c, h, w = s
    return f"{h}x{w} {'grey' if c == 1 else 'RGB' if c == 3 else f'{c}-channel'}"


def restore_method(ckpt: Checkpoint):
    """A method rebuilt from a checkpoint's hyper-parameters, with its weights loaded."""
    from engine.errors import ParamError
    from engine.methods import create_method

    try:
        model = create_method(ckpt.method, ckpt.meta["params"], ckpt.image_shape)
    except ParamError as e:
        raise CheckpointError(f"{Path(ckpt.path).name} cannot be rebuilt by this version: {e}") from None
    try:
        model.load_state_dict(ckpt.model_state, strict=True)
    except RuntimeError as e:
        raise CheckpointError(f"{Path(ckpt.path).name}: its weights do not fit the model they claim: {e}") from None
    return model


def check_optimizer_state(ckpt: Checkpoint, optimizer: torch.optim.Optimizer) -> None:
    """Load ``ckpt``'s optimiser state into ``optimizer``, a throwaway one of the run's kind over the
    restored model, so that a state that does not fit fails here, before it replaces the user's run.

    torch's ``load_state_dict`` checks only the number and sizes of the parameter groups; a state tensor
    of the wrong shape or a setting of the wrong type would fail at the first step, so both are checked.
    """
    fresh_groups = [dict(g) for g in optimizer.param_groups]
    try:
        optimizer.load_state_dict(ckpt.optimizer_state)
        for group, fresh in zip(optimizer.param_groups, fresh_groups):
            _check_group(group, fresh)
            for p in group["params"]:
                _check_param_state(optimizer.state.get(p, {}), p)
    except (ValueError, KeyError, TypeError, IndexError, RuntimeError) as e:
        raise CheckpointError(f"the optimiser state in {Path(ckpt.path).name} does not match the model: {e}") from None


def _check_group(group: dict[str, Any], fresh: dict[str, Any]) -> None:
    for key, default in fresh.items():
        # A key missing from an older torch's state is filled in by the optimiser's own __setstate__.
        if key != "params" and key in group and not _same_kind(group[key], default):
            raise ValueError(f"its setting '{key}' is {_brief(group[key])}, where {_brief(default)} belongs")


def _check_param_state(state: dict[str, Any], param: torch.Tensor) -> None:
    for key, value in state.items():
        if isinstance(value, torch.Tensor):
            if value.dim() > 0 and value.shape != param.shape:
                raise ValueError(f"its '{key}' has shape {tuple(value.shape)}, but the parameter has "
                                 f"{tuple(param.shape)}")
        elif not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ValueError(f"its '{key}' is {_brief(value)}, not a number")


def _same_kind(value: Any, default: Any) -> bool:
    number = (int, float, torch.Tensor)
    if isinstance(default, bool) or default is None:
        return value is None or isinstance(value, bool)
    if isinstance(default, number):
        return isinstance(value, number) and not isinstance(value, bool)
    if isinstance(default, (tuple, list)):
        return (isinstance(value, (tuple, list)) and len(value) == len(default)
                and all(_same_kind(v, d) for v, d in zip(value, default)))
    return isinstance(value, type(default))


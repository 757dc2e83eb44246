"""What a checkpoint's content must be before it replaces anything: metadata fields of the types their
readers expect, the method and image shape the caller needs, an optimiser state that fits the model.

engine/training/checkpoint.py reads and writes the file (format, checksum, atomic writes); this module
judges what was read, without touching the file again. Every problem is a :class:`CheckpointError`
whose message names the file and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from engine.errors import CheckpointError
from engine.words import Words

# ``ckpt`` below is an engine.training.checkpoint.Checkpoint; that module imports this one, so the type
# is not imported back (not even for type checking: tests/test_architecture.py counts that as a cycle).
Checkpoint = Any


def _is_count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _is_image_shape(v: Any) -> bool:
    return (isinstance(v, list) and len(v) == 3 and all(_is_count(n) and n > 0 for n in v)
            and v[0] <= 16 and max(v[1:]) <= 4096)  # no data set here has more channels or pixels


def _is_name(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


# Every field read anywhere (info, evaluate, resume, the app): what it must be, and in words.
_REQUIRED = {
    "method": (_is_name, Words("a method name")),
    "params": (lambda v: isinstance(v, dict), Words("a table of hyper-parameters")),
    "image_shape": (_is_image_shape, Words("[channels, height, width] in whole numbers (up to 16 and 4096)")),
    "step": (_is_count, Words("a whole number of steps, 0 or more")),
}
_OPTIONAL = {
    "run": (lambda v: isinstance(v, dict), Words("a table of run settings")),
    "dataset": (_is_name, Words("a data set name")),
    "dataset_options": (lambda v: isinstance(v, dict), Words("a table of data set options")),
    "metrics": (lambda v: isinstance(v, dict), Words("a table of metrics")),
    "versions": (lambda v: isinstance(v, dict), Words("a table of library versions")),
    "created": (lambda v: isinstance(v, str), Words("a date")),
    "optimizer": (lambda v: isinstance(v, dict) and isinstance(v.get("param_groups"), list)
                  and isinstance(v.get("scalars", {}), dict), Words("the optimiser's settings and state")),
}


def check_metadata(name: str, meta: dict[str, Any]) -> None:
    """Every metadata field has the type its readers expect, so none of them can fail with a traceback."""
    for key in _REQUIRED:
        if key not in meta:
            raise CheckpointError(Words("{file} is incomplete: its metadata has no '{key}'", file=name, key=key))
    for key, (valid, what) in (_REQUIRED | _OPTIONAL).items():
        if key in meta and not valid(meta[key]):
            raise CheckpointError(Words("{file} is corrupt: its metadata field '{key}' should be {what}, not "
                                        "{value}", file=name, key=key, what=what, value=_brief(meta[key])))
    seed = meta.get("run", {}).get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise CheckpointError(Words("{file} is corrupt: its metadata field 'run.seed' should be a whole number, "
                                    "not {value}", file=name, value=_brief(seed)))


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _shape(s) -> Words:
    c, h, w = s
    if c == 1:
        return Words("{h}x{w} grey", h=h, w=w)
    if c == 3:
        return Words("{h}x{w} RGB", h=h, w=w)
    return Words("{h}x{w} {c}-channel", h=h, w=w, c=c)


def check_method(ckpt: Checkpoint, method: str) -> None:
    """Refuse a checkpoint of another method than ``method``."""
    if ckpt.method != method:
        raise CheckpointError(Words("{file} is a checkpoint of the method '{method}', not '{expected}'",
                                    file=Path(ckpt.path).name, method=ckpt.method, expected=method))


def check_image_shape(ckpt: Checkpoint, image_shape: tuple[int, int, int]) -> None:
    """Refuse a checkpoint trained on images of another size or number of channels than ``image_shape``."""
    if tuple(image_shape) != ckpt.image_shape:
        raise CheckpointError(Words(
            "{file} was trained on {shape} images, but this data is {data_shape}; choose a data set of the same "
            "size and channels", file=Path(ckpt.path).name, shape=_shape(ckpt.image_shape),
            data_shape=_shape(image_shape)))


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
        raise CheckpointError(Words("the optimiser state in {file} does not match the model: {e}",
                                    file=Path(ckpt.path).name, e=str(e))) from None


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


# -- the weights themselves ------------------------------------------------------------------------
LISTED = 3  # tensors named in a message; the rest are counted


def _tensor_name(key: str) -> str | Words:
    """A stored tensor's name as the user knows it: the model's own ("encoder.head.weight"), or the
    optimiser's state ("optimiser state 3/exp_avg")."""
    if key.startswith("model/"):
        return key[len("model/"):]
    if key.startswith("optimizer/"):
        return Words("optimiser state {key}", key=key[len("optimizer/"):])
    return key


def _and_more(parts: list, total: int) -> Words:
    """The first LISTED parts, then how many more: a Words of Words, so each part is translated too."""
    listed = parts[0]
    for part in parts[1:LISTED]:
        listed = Words("{items}, {item}", items=listed, item=part)
    if total <= LISTED:
        return listed if isinstance(listed, Words) else Words("{item}", item=listed)
    return Words("{listed} and {n} more tensors", listed=listed, n=total - LISTED)


def check_finite(name: str, tensors: dict[str, torch.Tensor]) -> None:
    """Refuse NaN or infinite weights (or optimiser state). A checksum only says that the bytes are
    those that were saved; a run saved after it diverged has a valid one. Loaded, such weights replace
    the user's run, and the guard would then "go back" to them as the last good ones."""
    bad = []
    for key, value in tensors.items():
        if value.is_floating_point() or value.is_complex():
            n = int((~torch.isfinite(value)).sum())
            if n:
                bad.append((key, n, value.numel()))
    if not bad:
        return
    parts = [Words("{n} of {total} values in {tensor}", n=n, total=total, tensor=_tensor_name(key))
             for key, n, total in bad]
    raise CheckpointError(Words(
        "{file} holds NaN or infinite weights ({where}): the run it was saved from had diverged. Open a checkpoint "
        "saved before that, or train again with a lower learning rate.", file=name, where=_and_more(parts, len(bad))))


def check_weights_fit(ckpt: Checkpoint, expected: dict[str, torch.Tensor]) -> None:
    """Refuse weights that do not fit the model the checkpoint's own settings build, naming the tensors
    (expected against found shape) instead of torch's "size mismatch for ...": such a file was saved with
    other settings (latent_dim, width...) than its metadata says, by an edit or another version."""
    found = ckpt.model_state
    file = Path(ckpt.path).name
    wrong = [Words("{tensor} should be {expected} but is {found}", tensor=k, expected=_dims(v.shape),
                   found=_dims(found[k].shape))
             for k, v in expected.items() if k in found and found[k].shape != v.shape]
    if wrong:
        raise CheckpointError(Words(
            "{file}: its weights do not fit the {method} model its settings describe: {tensors}. It was probably "
            "saved with other settings (such as latent_dim or width) than its metadata says, or by another version "
            "of Encoder Lab.", file=file, method=ckpt.method, tensors=_and_more(wrong, len(wrong))))
    missing = [k for k in expected if k not in found]
    extra = [k for k in found if k not in expected]
    if missing or extra:
        problems = [Words("missing {tensors}", tensors=_and_more(missing, len(missing))) if missing else None,
                    Words("unexpected {tensors}", tensors=_and_more(extra, len(extra))) if extra else None]
        problems = [p for p in problems if p is not None]
        raise CheckpointError(Words(
            "{file}: its weights do not fit the {method} model its settings describe ({problems}). It was "
            "probably saved by another version of Encoder Lab, or its metadata was edited.", file=file,
            method=ckpt.method, problems=problems[0] if len(problems) == 1 else
            Words("{missing}; {unexpected}", missing=problems[0], unexpected=problems[1])))


def _dims(shape) -> str:
    return " x ".join(str(n) for n in shape) if len(shape) else Words("a single number")

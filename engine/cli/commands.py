"""The headless sub-commands: train, info (a checkpoint's summary) and list.

They drive the same ``train()`` generator as the GUI. Every user error is printed as one clear message
and a non-zero exit status, never as a traceback.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from engine import params as hp
from engine.training.config import Cadence, RunConfig, RunParams
from engine.training.control import RunControl
from engine.errors import EncoderLabError, ParamError
from engine.training.snapshots import LossUpdate, RunEnded, RunEvent, RunStarted

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def parse_assignments(items: list[str] | None) -> dict[str, str]:
    """["a=1", "b=x"] -> {"a": "1", "b": "x"}; a malformed item is a ParamError."""
    out: dict[str, str] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ParamError(f"--set takes name=value, not {item!r}")
        out[name.strip()] = value.strip()
    return out


def split_settings(method_params_cls: type, settings: dict[str, str]) -> tuple[dict, dict]:
    """Sort ``--set`` values into the method's hyper-parameters and the run's, validating each."""
    method_names = {s.name for s in hp.specs(method_params_cls)}
    run_names = {s.name for s in hp.specs(RunParams)}
    method, run = {}, {}
    for name, value in settings.items():
        if name in method_names:
            method[name] = hp.coerce(hp.spec(method_params_cls, name), value)
        elif name in run_names:
            run[name] = hp.coerce(hp.spec(RunParams, name), value)
        else:
            raise ParamError(
                f"unknown setting '{name}'. Valid names:\n  method:\n  " + hp.valid_list(method_params_cls)
                + "\n  run:\n  " + hp.valid_list(RunParams))
    return method, run


def _method_for(args: Any) -> str:
    if args.method:
        return args.method
    if args.resume:
        from engine.training.checkpoint import read_checkpoint

        return read_checkpoint(args.resume).method
    return "autoencoder"


def cmd_train(args: Any) -> int:
    from engine.methods import get_method

    try:
        method = _method_for(args)
        method_params, run_params = split_settings(get_method(method).Params, parse_assignments(args.set))
        options = {k: _literal(v) for k, v in parse_assignments(args.dataset_option).items()}
    except EncoderLabError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out or f"runs/{method}-{args.dataset or 'resumed'}.safetensors").expanduser()
    problem = destination_problem(out)
    if problem:  # found now, not after a whole run's training
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    # The run saves to a staging file first and it is moved to --out afterwards: when that move fails
    # (the folder vanished, the disk filled), the training is not lost but kept at the staging path.
    staged = fallback_path(out)
    config = RunConfig(
        method=args.method if args.method or not args.resume else None,
        dataset=args.dataset if args.dataset or args.resume else "mnist5k",
        method_params=method_params, run_params=run_params, dataset_options=options,
        steps=args.steps, resume=args.resume, save_on_end=str(staged),
        cadence=Cadence(images_interval_s=None, latents_interval_s=None, loss_interval_s=0.1),
    )
    end = _drive(config, args.steps)
    return _finish(end, staged, out)


def _drive(config: RunConfig, steps: int) -> RunEnded:
    """Run ``config`` to its end with a progress bar and messages on stderr; returns the last snapshot."""
    from engine.cli.progress import ProgressBar
    from engine.training.trainer import train

    control = RunControl()
    bar = None
    end: RunEnded | None = None
    start_step = 0
    for snap in train(config, control):
        if isinstance(snap, RunStarted):
            print(f"{snap.method_label} on {snap.dataset} ({snap.dataset_description}), {snap.device}, "
                  f"from step {snap.step}", file=sys.stderr)
            bar = ProgressBar(steps, snap.method)
            start_step = snap.step
        elif isinstance(snap, LossUpdate) and bar is not None:
            bar.update(snap.step - start_step, float(snap.terms["loss"][-1]), snap.images_per_s)
        elif isinstance(snap, RunEvent):
            if bar is not None:
                bar.close()
            if snap.kind != "saved":  # the staging file is not news; where it lands is printed at the end
                print(f"{snap.kind.replace('_', ' ')}: {snap.message}", file=sys.stderr)
            if snap.kind in ("diverged", "out_of_memory"):
                control.stop()  # headless: nobody will press Play, so end and save the last good weights
        elif isinstance(snap, RunEnded):
            end = snap
    if bar is not None:
        bar.close()
    assert end is not None
    return end


def _finish(end: RunEnded, staged: Path, out: Path) -> int:
    """Report how the run ended and move its checkpoint to ``out``; the exit status says both."""
    if end.kind == "failed":
        print(f"error: {end.message}", file=sys.stderr)
    else:
        metrics = "  ".join(f"{k} {v:.4g}" for k, v in end.metrics.items())
        print(f"{end.kind} at step {end.step}  {metrics}", file=sys.stderr)
    if not end.saved_to:
        return EXIT_FAILED  # the save's own message was printed as it happened
    try:
        publish(staged, out)
    except OSError as e:
        cause = destination_problem(out) or e.strerror or str(e)
        print(f"error: could not save to {out}: {cause}. The checkpoint is kept at {staged}", file=sys.stderr)
        print(staged)
        return EXIT_FAILED
    print(f"saved step {end.step} to {out}", file=sys.stderr)
    print(out)
    if end.kind == "interrupted":
        return EXIT_INTERRUPTED
    return EXIT_OK if end.kind == "finished" else EXIT_FAILED


def destination_problem(out: Path) -> str | None:
    """Why a checkpoint cannot be written to ``out``, or None; creates its missing folders."""
    if out.is_dir():
        return f"{out} is a folder; name a file in it, e.g. {out / 'run.safetensors'}"
    if out.exists() and not out.is_file():
        return f"{out} is not a regular file (a device, pipe or socket); name a .safetensors file"
    for ancestor in out.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                return f"cannot write {out}: {ancestor} is not a folder"
            break
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".probe", dir=out.parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        return f"cannot write in the folder {out.parent}: {e.strerror or e}"
    return None


def fallback_path(out: Path) -> Path:
    """A fresh, writable path for ``out``'s checkpoint in the cache's runs folder (else here, else /tmp)."""
    from engine.data.downloads import cache_dir

    name = f"{out.stem}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.safetensors"
    for folder in (cache_dir() / "runs", Path.cwd(), Path(tempfile.gettempdir())):
        if destination_problem(folder / name) is None:
            return folder / name
    return out  # nowhere else can be written: save straight to the destination


def publish(staged: Path, out: Path) -> None:
    """Move the staged checkpoint to ``out`` atomically (``out``'s mode kept), across file systems too."""
    from engine.training.checkpoint import write_atomically

    if staged == out:
        return
    write_atomically(out, staged.read_bytes())
    staged.unlink()


def _literal(value: str) -> Any:
    """'64' -> 64, '0.5' -> 0.5, 'rgb' -> 'rgb': dataset options are small literals."""
    for cast in (int, float):
        try:
            return cast(value)
        except ValueError:
            pass
    return value


def cmd_info(path: str, as_json: bool = False) -> int:
    """Print what a checkpoint holds, without building its model."""
    from engine.training.checkpoint import read_checkpoint

    try:
        ckpt = read_checkpoint(path)
    except EncoderLabError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_FAILED
    meta = {k: v for k, v in ckpt.meta.items() if k != "optimizer"}
    if as_json:
        print(json.dumps(meta, indent=2, sort_keys=True))
        return EXIT_OK
    from engine.data.batch import POINTS_SHAPE  # torch is loaded by now: read_checkpoint needs it

    c, h, w = ckpt.image_shape
    shape = "2-D points" if ckpt.image_shape == POINTS_SHAPE else f"{h}x{w}, {c} channel{'s' if c > 1 else ''}"
    print(f"{Path(path).name}: {ckpt.method} at step {ckpt.step}, trained on {meta.get('dataset')} ({shape})")
    for title, section in (("method", meta.get("params", {})), ("run", meta.get("run", {})),
                           ("metrics", meta.get("metrics", {})), ("versions", meta.get("versions", {}))):
        print(f"  {title}: " + ", ".join(f"{k}={v}" for k, v in section.items()))
    print(f"  created: {meta.get('created', '?')}")
    return EXIT_OK


def cmd_list() -> int:
    from engine.data import dataset_names, embedded_names
    from engine.methods import get_method, methods_by_family

    print("Methods:")
    for family, classes in methods_by_family().items():
        print(f"  {family}:")
        for cls in classes:
            print(f"    {cls.name:<24} {cls.label}  ({cls.paper})")
            for s in hp.specs(get_method(cls.name).Params):
                print(f"        {s.describe()}")
    print("Run settings (--set):")
    for s in hp.specs(RunParams):
        print(f"    {s.describe()}")
    embedded = set(embedded_names())
    print("Data sets:")
    for n in dataset_names():
        print(f"    {n:<14} {'offline' if n in embedded else 'downloads once'}")
    print("    folder:PATH    a folder of images (options: size, channels=grey|rgb, limit)")
    print("    points:PATH    2-D points from a .csv (x,y[,label]) or .npy (N, 2) file (option: seed)")
    return EXIT_OK

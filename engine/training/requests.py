"""What the training loop answers between steps: a dispatch table from the request's type
(engine/training/control.py) to its handler, and the pure answers the handlers are made of.

A handler takes the run (engine/training/trainer.py's ``Run``) and the request and yields snapshots; the
answers themselves (:func:`decoded`, :func:`interaction`, :func:`checkpoint_meta`) need no run, so a
test calls them with a model alone.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Callable, Iterator

import numpy as np
import torch

from engine import params as hp
from engine.errors import ParamError
from engine.methods import Method
from engine.training.checkpoint import library_versions, save_checkpoint
from engine.training.config import RunParams
from engine.training.control import Decode, Interact, Refresh, Save, SetAugment, SetParam
from engine.training.snapshots import Decoded, Interaction, ParamChanged, RunEvent, Snapshot
from engine.training.util import evaluating, to_images
from engine.words import Words, message_of

# The run (engine/training/trainer.py's Run), named without importing it: the trainer imports this table.
Run = Any


def serve(run: Run, request: Any) -> Iterator[Snapshot]:
    """Answer one request; a request of a type nobody handles is ignored, as before."""
    handler = HANDLERS.get(type(request))
    if handler is not None:
        yield from handler(run, request)


# -- pure answers ---------------------------------------------------------------------------------
def decoded(run_id: int, step: int, model: Method, device: torch.device, request: Decode) -> Snapshot:
    """Images of the requested latent codes, or a warning when they do not fit the model."""
    dim, codes = model.latent_dim, request.codes
    if dim is None or codes.ndim != 2 or codes.shape[1] != dim:
        return RunEvent(run_id, step, "warning", Words("cannot decode codes of shape {shape} (latent size {dim})",
                                                       shape=codes.shape, dim=dim))
    if not np.isfinite(codes).all():  # the codes came from the model's own latents: the run has diverged
        return RunEvent(run_id, step, "warning", Words(
            "cannot decode: {n} of the {total} code values are NaN or infinite, so the run has diverged; lower "
            "the learning rate and press Reset", n=int((~np.isfinite(codes)).sum()), total=codes.size))
    with evaluating(model):
        images = model.decode(torch.as_tensor(codes, device=device))
    return Decoded(run_id, request.request_id, request.tag, codes, to_images(images))


def interaction(run_id: int, step: int, model: Method, x: torch.Tensor, request: Interact) -> Snapshot:
    """The method's answer to its view's request about the figure batch ``x``."""
    try:
        with evaluating(model):
            result = model.interact(x, request.payload)
    except (KeyError, IndexError, TypeError, ValueError, RuntimeError) as e:
        return RunEvent(run_id, step, "warning", Words("{method} could not answer that: {e}", method=model.label,
                                                       e=str(e)))
    if result is None:
        return RunEvent(run_id, step, "warning", Words("{method} takes no such requests", method=model.label))
    out = {k: to_images(v) if isinstance(v, torch.Tensor) and v.dim() == 4 else
           (v.cpu().numpy() if isinstance(v, torch.Tensor) else v) for k, v in result.items()}
    return Interaction(run_id, request.request_id, request.tag, request.payload, out)


def checkpoint_meta(model: Method, rp: RunParams, dataset_name: str, dataset_options: dict,
                    image_shape: tuple[int, int, int], step: int, last_terms: dict[str, float]) -> dict:
    return {
        "method": model.name, "params": hp.as_dict(model.params), "run": hp.as_dict(rp),
        "dataset": dataset_name, "dataset_options": dataset_options, "image_shape": list(image_shape),
        "step": step, "metrics": {k: v for k, v in last_terms.items() if math.isfinite(v)},
        "versions": library_versions(), "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def save(run: Run, path: str) -> RunEvent:
    """The model and every optimiser's state to ``path``; a failure is an event, not a crash."""
    meta = checkpoint_meta(run.model, run.rp, run.dataset_name, run.dataset_options, run.dataset.image_shape,
                           run.step, run.losses.last_terms)
    try:
        written = save_checkpoint(path, run.model, run.optimizers, meta)
    except OSError as e:
        return RunEvent(run.id, run.step, "save_failed", Words("could not save to {path}: {why}", path=path,
                                                               why=str(e.strerror or e)), path)
    return RunEvent(run.id, run.step, "saved", Words("saved step {step} to {path}", step=run.step, path=str(written)),
                    str(written))


# -- handlers -------------------------------------------------------------------------------------
def _decode(run: Run, request: Decode) -> Iterator[Snapshot]:
    yield decoded(run.id, run.step, run.model, run.device, request)


def _interact(run: Run, request: Interact) -> Iterator[Snapshot]:
    yield interaction(run.id, run.step, run.model, run.view_data.figure_batch.images, request)


def _set_param(run: Run, request: SetParam) -> Iterator[Snapshot]:
    name = request.name
    try:
        if name in RunParams.__dataclass_fields__:
            if not hp.spec(RunParams, name).live:
                raise ParamError(Words("{name} cannot change while training; restart the run to change it",
                                       name=name))
            run.rp = hp.replace(run.rp, name, request.value)
            run.optimizers.apply(run.rp)
            new = getattr(run.rp, name)
        else:
            new = run.model.set_param(name, request.value)
    except ParamError as e:
        yield RunEvent(run.id, run.step, "param_rejected", message_of(e))
        return
    yield ParamChanged(run.id, run.step, name, new)


def _save(run: Run, request: Save) -> Iterator[Snapshot]:
    yield from run.check(force_send=True)  # never save weights that were not checked
    event = save(run, request.path)
    if request.copy:  # not the run's save: the window must not take the file for the user's
        event = replace(event, kind={"saved": "copy_saved"}.get(event.kind, "copy_failed"))
    yield event


def _refresh(run: Run, request: Refresh) -> Iterator[Snapshot]:
    yield from run.reporter.all(run.model, run.step, run.augment)


def _set_augment(run: Run, request: SetAugment) -> Iterator[Snapshot]:
    try:
        cfg = run.augment.updated(request.ops)  # each value checked against its operation's range
    except (TypeError, ValueError) as e:
        yield RunEvent(run.id, run.step, "param_rejected", Words("augmentations not changed: {e}", e=str(e)))
        return
    run.augment = cfg
    if run.reporter.shows_images:  # the live preview: the probe images' views under the new settings
        yield run.reporter.images(run.model, run.step, cfg)


HANDLERS: dict[type, Callable[[Run, Any], Iterator[Snapshot]]] = {
    Decode: _decode, Interact: _interact, SetParam: _set_param, Save: _save, Refresh: _refresh,
    SetAugment: _set_augment,
}

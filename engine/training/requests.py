"""What the training loop answers between steps: decodes, live hyper-parameters and augmentations,
saves. A mixin of the trainer's run (engine/trainer.py)."""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import Any, Iterator

import numpy as np
import torch

from engine import params as hp
from engine.data.augment import Op
from engine.training.checkpoint import library_versions, save_checkpoint
from engine.training.config import RunParams
from engine.training.control import Decode, Interact, Refresh, Save, SetAugment, SetParam
from engine.errors import ParamError
from engine.training.snapshots import Decoded, Interaction, ParamChanged, RunEvent, Snapshot
from engine.training.util import evaluating, to_images


class RunRequests:
    # -- requests ---------------------------------------------------------------------------------
    def _serve(self, request: Any) -> Iterator[Snapshot]:
        if isinstance(request, Decode):
            yield self._decode(request)
        elif isinstance(request, SetParam):
            yield self._set_param(request.name, request.value)
        elif isinstance(request, Save):
            yield from self._check(force_send=True)  # never save weights that were not checked
            yield self._save(request.path)
        elif isinstance(request, Refresh):
            yield from self._views()
        elif isinstance(request, Interact):
            yield self._interact(request)
        elif isinstance(request, SetAugment):
            yield self._set_augment(request.ops)

    def _decode(self, request: Decode) -> Snapshot:
        dim = self.model.latent_dim
        codes = request.codes
        if dim is None or codes.ndim != 2 or codes.shape[1] != dim or not np.isfinite(codes).all():
            return RunEvent(self.id, self.step, "warning",
                            f"cannot decode codes of shape {codes.shape} (latent size {dim})")
        with evaluating(self.model):
            z = torch.as_tensor(codes, device=self.device)
            images = self.model.decode(z)
        return Decoded(self.id, request.request_id, request.tag, codes, to_images(images))

    def _interact(self, request: Interact) -> Snapshot:
        try:
            with evaluating(self.model):
                result = self.model.interact(self.figure_batch.images, request.payload)
        except (KeyError, IndexError, TypeError, ValueError, RuntimeError) as e:
            return RunEvent(self.id, self.step, "warning", f"{self.model.label} could not answer that: {e}")
        if result is None:
            return RunEvent(self.id, self.step, "warning", f"{self.model.label} takes no such requests")
        out = {k: to_images(v) if isinstance(v, torch.Tensor) and v.dim() == 4 else
               (v.cpu().numpy() if isinstance(v, torch.Tensor) else v) for k, v in result.items()}
        return Interaction(self.id, request.request_id, request.tag, request.payload, out)

    def _set_param(self, name: str, value: Any) -> Snapshot:
        try:
            if name in RunParams.__dataclass_fields__:
                s = hp.spec(RunParams, name)
                if not s.live:
                    raise ParamError(f"{name} cannot change while training; restart the run to change it")
                self.rp = hp.replace(self.rp, name, value)
                self._apply_run_params()
                new = getattr(self.rp, name)
            else:
                new = self.model.set_param(name, value)
        except ParamError as e:
            return RunEvent(self.id, self.step, "param_rejected", str(e))
        return ParamChanged(self.id, self.step, name, new)

    def _set_augment(self, ops: dict) -> Snapshot:
        cfg = self.aug_cfg
        try:
            for name, (on, strength, p) in ops.items():
                if name not in cfg.as_ops():
                    raise ValueError(f"no augmentation called {name!r}")
                if not (0 <= float(p) <= 1 and float(strength) >= 0):
                    raise ValueError(f"{name}: strength must be >= 0 and probability within 0..1")
                cfg = cfg.with_op(name, Op(bool(on), float(strength), float(p)))
        except (TypeError, ValueError) as e:
            return RunEvent(self.id, self.step, "param_rejected", f"augmentations not changed: {e}")
        self.aug_cfg = cfg
        return self._images()  # the live preview: the probe images' two views under the new settings

    def _save(self, path: str) -> RunEvent:
        meta = {
            "method": self.model.name, "params": hp.as_dict(self.model.params), "run": hp.as_dict(self.rp),
            "dataset": self.dataset_name, "dataset_options": self.dataset_options,
            "image_shape": list(self.dataset.image_shape), "step": self.step,
            "metrics": {k: v for k, v in self.last_terms.items() if math.isfinite(v)},
            "versions": library_versions(), "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        try:
            written = save_checkpoint(path, self.model, self.optimizer, meta)
        except OSError as e:
            return RunEvent(self.id, self.step, "save_failed", f"could not save to {path}: {e.strerror or e}", path)
        return RunEvent(self.id, self.step, "saved", f"saved step {self.step} to {written}", str(written))

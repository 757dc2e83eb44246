"""Which compute device a run uses: auto picks CUDA, then Apple's MPS, then the CPU."""

from __future__ import annotations

import torch

from engine.errors import DeviceError
from engine.words import Words


def available_devices() -> dict[str, bool]:
    mps = getattr(torch.backends, "mps", None)
    return {
        "cpu": True,
        "cuda": torch.cuda.is_available(),
        "mps": bool(mps and mps.is_available()),
    }


def resolve_device(name: str = "auto") -> torch.device:
    avail = available_devices()
    if name == "auto":
        for candidate in ("cuda", "mps", "cpu"):
            if avail[candidate]:
                return torch.device(candidate)
    if name not in avail:
        raise DeviceError(Words("unknown device '{name}'; choose auto, cpu, cuda or mps", name=name))
    if not avail[name]:
        have = ", ".join(k for k, v in avail.items() if v)
        raise DeviceError(Words("{device} was asked for but is not available on this machine (available: {have})",
                                device=name.upper(), have=have))
    return torch.device(name)


def describe(device: torch.device) -> str:
    if device.type == "cuda":
        return f"CUDA ({torch.cuda.get_device_name(device)})"
    return device.type.upper()

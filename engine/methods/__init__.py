"""The methods, one file each, in a folder per family (reconstruction/, masked/, contrastive/,
bootstrapping/, redundancy/, pretext/, ...). Importing this package imports every module under it, and
each Method subclass with a ``name`` registers itself, so a new method is added by adding its file."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from engine import params as hp
from engine.errors import ParamError
from engine.methods.base import FAMILIES, Batch, Method, Reconstruction, registry
from engine.words import Words

__all__ = ["Batch", "Method", "Reconstruction", "FAMILIES", "method_names", "get_method", "create_method",
           "methods_by_family"]

for _mod in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
    importlib.import_module(_mod.name)  # a family's folder, then its methods


def method_names() -> list[str]:
    """Every registered method, grouped by family in the order of FAMILIES."""
    reg = registry()
    return sorted(reg, key=lambda n: (FAMILIES.index(reg[n].family), n))


def methods_by_family() -> dict[str, list[type[Method]]]:
    out: dict[str, list[type[Method]]] = {}
    for n in method_names():
        cls = registry()[n]
        out.setdefault(cls.family, []).append(cls)
    return out


def get_method(name: str) -> type[Method]:
    reg = registry()
    if name not in reg:
        raise ParamError(Words("unknown method '{name}'. Choose one of: {names}", name=name,
                               names=", ".join(method_names())))
    return reg[name]


def create_method(name: str, params: dict[str, Any] | Any, image_shape: tuple[int, int, int]) -> Method:
    """A fresh method with its hyper-parameters validated (``params`` a dict of overrides or a Params)."""
    cls = get_method(name)
    p = params if isinstance(params, cls.Params) else hp.build(cls.Params, params)
    return cls(p, tuple(image_shape))

"""Hyper-parameters as dataclasses that describe themselves.

A method (or the run) declares its hyper-parameters once, as a dataclass whose fields are made with
:func:`param`. That one declaration gives the defaults, the valid ranges, the one-line help, which
values may change while training ("live"), the CLI's ``--set name=value`` validation and the GUI's
form, so a new method needs no GUI code.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import typing
from dataclasses import dataclass
from typing import Any

from engine.errors import ParamError
from engine.words import Words


def param(
    default: Any,
    *,
    help: str,
    low: float | None = None,
    high: float | None = None,
    choices: tuple[Any, ...] | None = None,
    live: bool = False,
    log: bool = False,
) -> Any:
    """A dataclass field with the metadata the CLI and the GUI read.

    ``low``/``high`` are inclusive bounds; ``log`` says the value spans decades (a learning rate) so
    a form should step it multiplicatively; ``live`` says it may change between training steps.
    """
    meta = {"help": help, "low": low, "high": high, "choices": choices, "live": live, "log": log}
    return dataclasses.field(default=default, metadata=meta)


@dataclass(frozen=True)
class ParamSpec:
    """Everything a form or a CLI needs to know about one hyper-parameter."""

    name: str
    type: type
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple[Any, ...] | None = None
    live: bool = False
    log: bool = False

    def describe(self) -> str:
        """One line for messages and ``--help``: name, type, range or choices, help."""
        if self.choices:
            allowed = " | ".join(str(c) for c in self.choices)
        elif self.type is bool:
            allowed = "true | false"
        elif self.low is not None or self.high is not None:
            allowed = f"{_fmt(self.low)} .. {_fmt(self.high)}"
        else:
            allowed = self.type.__name__
        live = ", live" if self.live else ""
        return f"{self.name} = {self.default!r}  [{allowed}{live}]  {self.help}"


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def specs(cls: type) -> list[ParamSpec]:
    """The :class:`ParamSpec` of every field of a hyper-parameter dataclass, in declaration order."""
    return list(_specs(cls))


@functools.cache
def _specs(cls: type) -> tuple[ParamSpec, ...]:
    # Cached: typing.get_type_hints evaluates every annotation anew, and the parameter form asks on every
    # run's start (part of a lesson's first turn in the window).
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        m = f.metadata
        out.append(
            ParamSpec(
                name=f.name,
                type=hints[f.name],
                default=f.default,
                help=m.get("help", ""),
                low=m.get("low"),
                high=m.get("high"),
                choices=m.get("choices"),
                live=m.get("live", False),
                log=m.get("log", False),
            )
        )
    return tuple(out)


def spec(cls: type, name: str) -> ParamSpec:
    for s in specs(cls):
        if s.name == name:
            return s
    raise ParamError(Words("unknown hyper-parameter '{name}'. Valid names:\n  {valid}", name=name,
                           valid=valid_list(cls)))


def valid_list(cls: type) -> str:
    return "\n  ".join(s.describe() for s in specs(cls))


def coerce(s: ParamSpec, value: Any) -> Any:
    """``value`` (a string from the CLI, or a number from the GUI) as a valid value of ``s``.

    Raises :class:`ParamError` naming the parameter and what it accepts.
    """
    try:
        if s.type is bool:
            if isinstance(value, str):
                low = value.strip().lower()
                if low not in ("true", "false", "1", "0", "yes", "no", "on", "off"):
                    raise ValueError(value)
                v: Any = low in ("true", "1", "yes", "on")
            else:
                v = bool(value)
        elif s.type is int:
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)
            v = int(float(value)) if isinstance(value, str) and "e" in value.lower() else int(value)
        elif s.type is float:
            v = float(value)
            if not math.isfinite(v):
                raise ValueError(value)
        else:
            v = s.type(value)
    except (TypeError, ValueError, OverflowError):  # int("1e999") overflows
        raise ParamError(Words("{name}: {value} is not a valid {type}. {spec}", name=s.name, value=repr(value),
                               type=s.type.__name__, spec=s.describe())) from None
    if s.choices is not None and v not in s.choices:
        raise ParamError(Words("{name}: {value} is not one of {choices}", name=s.name, value=repr(v),
                               choices=", ".join(map(str, s.choices))))
    if s.low is not None and v < s.low or s.high is not None and v > s.high:
        raise ParamError(Words("{name}: {value} is outside {low} .. {high}", name=s.name, value=repr(v),
                               low=_fmt(s.low), high=_fmt(s.high)))
    return v


def build(cls: type, overrides: dict[str, Any] | None = None) -> Any:
    """An instance of ``cls`` with ``overrides`` validated; unknown names are an error."""
    values = {}
    for name, value in (overrides or {}).items():
        values[name] = coerce(spec(cls, name), value)
    return cls(**values)


def replace(instance: Any, name: str, value: Any) -> Any:
    """A copy of ``instance`` with one field changed, validated."""
    return dataclasses.replace(instance, **{name: coerce(spec(type(instance), name), value)})


def as_dict(instance: Any) -> dict[str, Any]:
    return dataclasses.asdict(instance)

"""The comparison language of a lesson's check, kept small on purpose.

A comparison is ``SIDE OP SIDE`` with OP one of ``<  >  <=  >=``, and each SIDE a subject (run ``A``,
run ``B`` or a baseline such as ``raw_pixels``), a number, or a number times a subject:

    B < 0.3 * A          B's effective rank under 30% of A's
    A > raw_pixels       A's kNN accuracy above the raw pixels'
    A < pca              A's reconstruction error under PCA's
    A > 0.9              an absolute threshold

Nothing else (no sums, no parentheses, no functions): a lesson's claim should read as one inequality.
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass

from engine.words import Words

OPERATORS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}
_NUMBER = r"[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?"
_SIDE = re.compile(rf"^\s*(?:(?P<k>{_NUMBER})\s*\*\s*)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*$"
                   rf"|^\s*(?P<const>{_NUMBER})\s*$")
_SPLIT = re.compile(r"(<=|>=|<|>)")
FORM = Words("SIDE OP SIDE, OP one of < > <= >=, SIDE a subject, a number or NUMBER * subject (e.g. {example})",
             example='"B < 0.3 * A"')


class CompareError(ValueError):
    """A comparison that does not parse, or names a subject the lesson has not got."""


@dataclass(frozen=True)
class Side:
    factor: float  # the number itself when ``subject`` is None
    subject: str | None

    def value(self, values: dict[str, float]) -> float:
        return self.factor if self.subject is None else self.factor * values[self.subject]

    def __str__(self) -> str:
        if self.subject is None:
            return f"{self.factor:g}"
        return self.subject if self.factor == 1 else f"{self.factor:g} * {self.subject}"


@dataclass(frozen=True)
class Comparison:
    left: Side
    op: str
    right: Side

    @property
    def subjects(self) -> tuple[str, ...]:
        """The subjects named, in order, without repeats."""
        named = [s.subject for s in (self.left, self.right) if s.subject is not None]
        return tuple(dict.fromkeys(named))

    def holds(self, values: dict[str, float]) -> bool:
        """Whether the comparison holds for ``values`` (subject -> metric). NaN never holds."""
        left, right = self.left.value(values), self.right.value(values)
        if math.isnan(left) or math.isnan(right):
            return False
        return bool(OPERATORS[self.op](left, right))

    def __str__(self) -> str:
        return f"{self.left} {self.op} {self.right}"


def _side(text: str, whole: str) -> Side:
    m = _SIDE.match(text)
    if m is None:
        raise CompareError(Words("cannot read {part} in {whole}; write {form}", part=repr(text.strip()), whole=repr(whole),
                                 form=FORM))
    if m.group("const") is not None:
        return Side(float(m.group("const")), None)
    return Side(float(m.group("k")) if m.group("k") else 1.0, m.group("name"))


def parse(text: str, subjects: tuple[str, ...] | list[str]) -> Comparison:
    """``text`` as a :class:`Comparison` whose subjects are all among ``subjects``; else CompareError."""
    parts = _SPLIT.split(text)
    if len(parts) != 3:
        raise CompareError(Words("{text} is not one comparison; write {form}", text=repr(text), form=FORM))
    comparison = Comparison(_side(parts[0], text), parts[1], _side(parts[2], text))
    if not comparison.subjects:
        raise CompareError(Words("{text} compares two numbers; name a subject: {subjects}", text=repr(text),
                                 subjects=", ".join(subjects)))
    for name in comparison.subjects:
        if name not in subjects:
            raise CompareError(Words("unknown subject {name} in {text}; valid: {subjects}", name=repr(name), text=repr(text),
                                     subjects=", ".join(subjects)))
    return comparison

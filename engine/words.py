"""Words: a message of the engine that is English text and still knows how it was composed.

The engine speaks English and never imports Qt, yet the window shows its composed messages (a collapse
warning, why a run diverged, MAE's "49 of 4x4 pixels, 37 hidden") in the user's language. A ``Words`` is
the English text itself (a ``str``: the CLI prints it, the tests compare it, json writes it), and it
remembers its ``template`` and ``args``, so the GUI can translate the template and fill in the same
numbers (gui/i18n_engine.py: ``engine_text``)::

    Words("effective rank {rank:.1f} of {dim}", rank=3.2, dim=128) == "effective rank 3.2 of 128"

Rules that keep it translatable:
- the template is a literal, the first argument of the call: gui/i18n_engine.py finds every
  ``Words("...", ...)`` in engine/ by ast and puts the template in the Chinese catalogue;
- the args are named (a translation may put them in another order) and are the data: numbers, paths,
  an exception's text. A phrase of its own is a Words too (nested), so it is translated as well.
"""

from __future__ import annotations

from typing import Any


class Words(str):
    """English text formatted from ``template`` with ``args``, which it keeps (see the module doc)."""

    template: str
    args: dict[str, Any]

    def __new__(cls, template: str, /, **args: Any) -> "Words":
        self = super().__new__(cls, template.format(**args))
        self.template, self.args = template, args
        return self

    def __reduce__(self):
        # Snapshots cross process pipes by pickle. str's own way would rebuild a Words from the English
        # text alone, formatting it again as a template (and losing the args): rebuild from the parts.
        return _rebuilt, (type(self), self.template, self.args)


def _rebuilt(cls: type[Words], template: str, args: dict[str, Any]) -> Words:
    return cls(template, **args)


def message_of(error: BaseException) -> str:
    """What an error says: the Words it was raised with, kept translatable (``str(error)`` would give
    their English only), else ``str(error)``."""
    if len(error.args) == 1 and isinstance(error.args[0], Words):
        return error.args[0]
    return str(error)

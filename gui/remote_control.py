"""The GUI's handle on one run in the engine process, generated from the protocol's verb table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.processes import protocol
from engine.processes.protocol import Verb


class RemoteControl:
    """The GUI's handle on one run in the engine process: a proxy whose methods are generated from
    engine.processes.protocol.RUN_VERBS, each sending a "call" message. It keeps only what the window
    reads: what the user last asked (``paused``; the engine's own reports may trail it by a step or two)
    and run_until's target (``pause_at``: the engine pauses itself there)."""

    def __init__(self, send: Callable[[dict], None], run_id: int, paused: bool):
        self._send, self.run_id = send, run_id
        self.paused = paused
        self.pause_at: int | None = None

    def _call(self, verb: Verb, args: tuple, kwargs: dict) -> None:
        sent = protocol.call(self.run_id, verb.name, *args, **kwargs)
        if verb.leaves_paused is not None:
            self.paused = verb.leaves_paused
        if verb.name == "run_until":
            self.pause_at = sent["args"]["step"]
        self._send(sent)


def _proxy_method(verb: Verb) -> Callable[..., None]:
    def method(self: RemoteControl, *args: Any, **kwargs: Any) -> None:
        self._call(verb, args, kwargs)

    method.__name__ = method.__qualname__ = verb.name
    method.__doc__ = verb.doc
    method.__signature__ = verb.signature()
    return method


for _verb in protocol.RUN_VERBS.values():
    setattr(RemoteControl, _verb.name, _proxy_method(_verb))

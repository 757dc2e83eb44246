"""The one protocol between the GUI, the engine process and the analysis process (and remote viewers later).

Verbs are what a caller may ask: RUN_VERBS of one run (the caller side of
engine.training.control.RunControl, which tests/test_protocol.py holds to this table) and PROCESS_VERBS
of the engine process. Messages are plain dicts, ``{"version": VERSION, "kind": KIND, <KIND's fields>}``;
MESSAGES names each kind's fields (and those it may leave out: "map_method" and "map_settings" name a
run or, without one, are for every run) and CHANNELS says which kinds each pipe carries. ``message`` and
``call`` build them, ``check`` refuses anything else with a ProtocolError that says what is wrong.

Between the app's own processes the dicts travel through multiprocessing's pipes (pickle between
processes the app started itself is safe, and fast for megabytes of embeddings). Over a socket they
travel as frames (engine.processes.frames: a JSON header and raw array bytes, never pickle), so a
remote viewer speaks the same schema.
"""

from __future__ import annotations

import inspect
import numbers
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

VERSION = 4  # raise it when a verb or a message changes shape; a peer of another version is refused
# 2: "map_method" and "map_settings" may name a run ("run_id"); "fresh_map"
# 3: the run verbs "pause_at_step" (a lesson's budget) and "save_copy" (what a lesson's check measures)
# 4: "step" takes a player (a GAN's discriminator or generator stepped alone)

REQUIRED = inspect.Parameter.empty  # an Arg without a default


class ProtocolError(ValueError):
    """A message or a frame that does not follow this protocol (another version, an unknown kind...)."""


@dataclass(frozen=True)
class Arg:
    name: str
    type: type  # str, int, float, bool, dict or np.ndarray (converted to it); object: any plain value
    default: Any = REQUIRED

    def convert(self, verb: str, value: Any) -> Any:
        """The value as the protocol sends it, or a ProtocolError naming the verb and the argument."""
        accepted = {str: (str, os.PathLike), int: (numbers.Integral,), float: (numbers.Real,),
                    bool: (bool, np.bool_), dict: (Mapping,), np.ndarray: (object,), object: (object,)}[self.type]
        if not isinstance(value, accepted) or (self.type is int and isinstance(value, (bool, np.bool_))):
            raise ProtocolError(f"{verb}: {self.name} must be {self.type.__name__}, not {type(value).__name__}")
        if self.type is np.ndarray:
            return np.asarray(value)
        if self.type is str:
            return os.fspath(value)
        return value if self.type is object else self.type(value)


@dataclass(frozen=True)
class Verb:
    name: str
    args: tuple[Arg, ...]
    doc: str
    leaves_paused: bool | None = None  # whether the run is paused after this verb; None: as before

    @property
    def arg_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.args)

    def signature(self) -> inspect.Signature:
        """The caller's signature, ``self`` first (RunControl's methods and the GUI's proxy have it)."""
        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        return inspect.Signature([inspect.Parameter("self", kind)]
                                 + [inspect.Parameter(a.name, kind, default=a.default) for a in self.args])

    def bind(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The call's arguments by name, defaults filled in and converted to the declared types."""
        try:
            bound = self.signature().bind(None, *args, **kwargs)
        except TypeError as e:
            raise ProtocolError(f"{self.name}: {e}") from None
        bound.apply_defaults()
        values = dict(bound.arguments)
        values.pop("self")
        return {a.name: a.convert(self.name, values[a.name]) for a in self.args}


def _table(*verbs: Verb) -> dict[str, Verb]:
    return {v.name: v for v in verbs}


RUN_VERBS = _table(
    Verb("pause", (), "Stop stepping after the current step.", leaves_paused=True),
    Verb("resume", (), "Step again until paused or stopped.", leaves_paused=False),
    Verb("step", (Arg("n", int, 1), Arg("player", str, "")),
         "Run exactly n more steps, then stay paused; player (discriminator or generator): only that side "
         "of a GAN updates in them.", leaves_paused=True),
    Verb("run_until", (Arg("step", int),), "Train until the run reaches this step, then pause.", leaves_paused=False),
    Verb("pause_at_step", (Arg("step", int),),
         "Pause when the run reaches this step, playing or paused as it is until then; 0 or less: no such pause."),
    Verb("stop", (), "End the run at its next check; its last snapshot is RunEnded."),
    Verb("set_param", (Arg("name", str), Arg("value", object)),
         "Change a live hyper-parameter; answered by ParamChanged, or a RunEvent that says why not."),
    Verb("save", (Arg("path", str),), "Write a checkpoint there; answered by a saved or save_failed RunEvent."),
    Verb("save_copy", (Arg("path", str),),
         "Write a checkpoint there for another reader (a lesson's check), not as the run's save; answered by a "
         "copy_saved or copy_failed RunEvent."),
    Verb("refresh", (), "Send images, latents and the rest now rather than at the next timer tick."),
    Verb("decode", (Arg("codes", np.ndarray), Arg("tag", str, "decode")),
         "Images of latent codes (K, D); answered by Decoded. Only the newest per tag is served."),
    Verb("set_augment", (Arg("ops", dict),),
         "Change the augmentations live: {op name: (enabled, strength, probability)}."),
    Verb("interact", (Arg("payload", dict), Arg("tag", str, "interact")),
         "Ask the method about its figure batch; answered by Interaction. Only the newest per tag is served."),
)

PROCESS_VERBS = _table(
    Verb("start", (Arg("run_id", int), Arg("config", object), Arg("paused", bool)),
         "Start a run of this RunConfig under this id, beside any run that is still going."),
    Verb("shutdown", (), "Stop every run and end the process."),
)


@dataclass(frozen=True)
class Kind:
    fields: tuple[str, ...]
    doc: str
    optional: tuple[str, ...] = ()  # fields a message of this kind may leave out


MESSAGES: dict[str, Kind] = {
    **{v.name: Kind(v.arg_names, v.doc) for v in PROCESS_VERBS.values()},
    "call": Kind(("run_id", "verb", "args"), "Ask a run one of RUN_VERBS; args by name."),
    "snapshot": Kind(("snapshot",), "A snapshot (engine.training.snapshots) for the GUI."),
    "thread_ended": Kind(("run_id",), "The run's thread has ended; nothing more comes from it."),
    "embeddings": Kind(("snapshot",), "An EmbeddingUpdate or ProbeSet for the probes and the map."),
    "map_method": Kind(("method",), "Draw maps with this projection from now on: pca, tsne or umap. With a "
                       "run_id, that run's maps only; without, every run's (dropping the runs' own methods).",
                       optional=("run_id",)),
    "map_settings": Kind(("perplexity", "n_neighbors", "min_dist"),
                         "Make t-SNE and UMAP maps with these settings from now on (engine.analysis.map_settings). "
                         "With a run_id, that run's maps only; without, every run's (dropping the runs' own "
                         "settings).", optional=("run_id",)),
    "fresh_map": Kind(("run_id",), "Redraw this run's map now, afresh rather than warm-started from its last one."),
    "forget": Kind(("run_id",), "Drop everything kept for this run."),
    "layout": Kind(("run_id", "method", "coords"),
                   "The map on screen (P, 2), after a restart: the next map warm-starts from it."),
}

CHANNELS: dict[str, frozenset[str]] = {
    "engine_in": frozenset({"start", "call", "shutdown"}),
    "engine_out": frozenset({"snapshot", "thread_ended"}),
    "analysis_in": frozenset({"embeddings", "map_method", "map_settings", "fresh_map", "forget", "layout",
                                  "shutdown"}),
    "analysis_out": frozenset({"snapshot"}),
}


def message(kind: str, **fields: Any) -> dict[str, Any]:
    """A message of ``kind`` with exactly that kind's fields; an optional field given as None is left out."""
    optional = MESSAGES[kind].optional if kind in MESSAGES else ()
    fields = {name: value for name, value in fields.items() if not (name in optional and value is None)}
    return check({"version": VERSION, "kind": kind, **fields})


def call(run_id: int, verb: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """A "call" message: ask run ``run_id`` the verb of RUN_VERBS with these arguments."""
    if verb not in RUN_VERBS:
        raise ProtocolError(f"unknown verb {verb!r}; the verbs are {', '.join(RUN_VERBS)}")
    return message("call", run_id=run_id, verb=verb, args=RUN_VERBS[verb].bind(*args, **kwargs))


def check(msg: Any, channel: str | None = None) -> dict[str, Any]:
    """``msg`` itself when it is a message of this protocol (and of ``channel``), else a ProtocolError."""
    if not isinstance(msg, dict):
        raise ProtocolError(f"a message is a dict, not {type(msg).__name__}")
    version = msg.get("version")
    if version != VERSION:
        raise ProtocolError(f"protocol version {version!r} is not supported; this side speaks version {VERSION}")
    kind = msg.get("kind")
    if kind not in MESSAGES:
        raise ProtocolError(f"unknown message kind {kind!r}")
    if channel is not None and kind not in CHANNELS[channel]:
        raise ProtocolError(f"a {kind!r} message does not belong on {channel}")
    fields, spec = set(msg) - {"version", "kind"}, MESSAGES[kind]
    if not set(spec.fields) <= fields <= set(spec.fields) | set(spec.optional):
        optional = f" (and optionally {', '.join(spec.optional)})" if spec.optional else ""
        raise ProtocolError(f"a {kind!r} message has the fields {', '.join(spec.fields) or 'none'}{optional}, "
                            f"not {', '.join(sorted(fields)) or 'none'}")
    run_id = msg.get("run_id", 0) if "run_id" in spec.optional else 0  # absent: every run
    if not isinstance(run_id, numbers.Integral) or isinstance(run_id, bool):
        raise ProtocolError(f"a {kind!r} message's run_id must be int, not {type(msg['run_id']).__name__}")
    if kind == "call":
        verb = RUN_VERBS.get(msg["verb"])
        if verb is None:
            raise ProtocolError(f"unknown verb {msg['verb']!r}")
        args = msg["args"]
        required = {a.name for a in verb.args if a.default is REQUIRED}
        if not isinstance(args, dict) or not required <= set(args) <= set(verb.arg_names):
            raise ProtocolError(f"{verb.name} takes ({', '.join(verb.arg_names)}), not {args!r}")
    return msg

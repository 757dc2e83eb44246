"""The one control protocol (engine/processes/protocol.py, frames.py): the verb table is RunControl's
caller side, the GUI's proxy sends a schema message for every verb, and frames carry every schema type
and refuse what they do not know."""

from __future__ import annotations

import dataclasses
import inspect
import json
import struct
import threading
import types
import typing
from multiprocessing import Pipe

import numpy as np
import pytest

import engine.processes.lifeline
from engine.processes import protocol
from engine.processes.frames import MAGIC, decode_frame, encode_frame, schema_types
from engine.processes.protocol import PROCESS_VERBS, RUN_VERBS, VERSION, ProtocolError, call, check, message
from engine.training.control import RunControl
from engine.training.snapshots import MapUpdate, Snapshot

SAMPLE_ARGS = {int: 5, str: "a.safetensors", bool: True, dict: {"hflip": (True, 0.5, 0.5)}, object: 0.25}


def sample_args(verb) -> list:
    return [np.ones((2, 3), np.float32) if a.type is np.ndarray else SAMPLE_ARGS[a.type] for a in verb.args]


# -- the verb table -------------------------------------------------------------------------------

def test_run_control_caller_methods_are_the_verb_table():
    public = {name for name, f in inspect.getmembers(RunControl, inspect.isfunction) if not name.startswith("_")}
    assert public - RunControl.ENGINE_SIDE == set(RUN_VERBS), "RunControl and protocol.RUN_VERBS drifted"
    for name, verb in RUN_VERBS.items():
        ours = inspect.signature(getattr(RunControl, name)).parameters.values()
        table = verb.signature().parameters.values()
        assert [(p.name, p.default) for p in ours] == [(p.name, p.default) for p in table], name


@pytest.mark.parametrize("name", list(RUN_VERBS))
def test_leaves_paused_says_what_run_control_does(name):
    verb = RUN_VERBS[name]
    for start_paused in (True, False):
        control = RunControl(start_paused=start_paused)
        getattr(control, name)(*sample_args(verb))
        assert control.paused == (start_paused if verb.leaves_paused is None else verb.leaves_paused)


def test_process_verbs_are_the_engine_processs_messages():
    assert protocol.MESSAGES["start"].fields == ("run_id", "config", "paused")
    assert protocol.MESSAGES["shutdown"].fields == ()
    assert set(PROCESS_VERBS) | {"call"} == protocol.CHANNELS["engine_in"]


def test_call_binds_arguments_by_name_with_defaults_and_types():
    m = call(4, "step")
    assert m == {"version": VERSION, "kind": "call", "run_id": 4, "verb": "step", "args": {"n": 1, "player": ""}}
    assert call(4, "decode", [[0.5, 1.0]])["args"]["tag"] == "decode"
    assert isinstance(call(4, "decode", [[0.5, 1.0]])["args"]["codes"], np.ndarray)
    assert call(4, "run_until", step=np.int64(30))["args"] == {"step": 30}
    with pytest.raises(ProtocolError, match="unknown verb 'take_requests'"):
        call(4, "take_requests")
    with pytest.raises(ProtocolError, match="step: n must be int, not str"):
        call(4, "step", "3")
    with pytest.raises(ProtocolError, match="save: missing a required argument: 'path'"):
        call(4, "save")
    with pytest.raises(ProtocolError, match="unexpected keyword argument 'speed'"):
        call(4, "resume", speed=2)


@pytest.mark.parametrize("bad, says", [
    (("call", 1, "stop", ()), "a message is a dict, not tuple"),
    ({"kind": "shutdown"}, "protocol version None is not supported"),
    ({"version": VERSION + 1, "kind": "shutdown"}, f"version {VERSION + 1} is not supported"),
    ({"version": VERSION, "kind": "launch"}, "unknown message kind 'launch'"),
    ({"version": VERSION, "kind": "forget"}, "'forget' message has the fields run_id, not none"),
    ({"version": VERSION, "kind": "call", "run_id": 1, "verb": "wait", "args": {}}, "unknown verb 'wait'"),
    ({"version": VERSION, "kind": "call", "run_id": 1, "verb": "step", "args": {"m": 1}}, r"step takes \(n, player\)"),
])
def test_check_refuses_what_is_not_a_message(bad, says):
    with pytest.raises(ProtocolError, match=says):
        check(bad)


def test_a_message_on_the_wrong_pipe_is_refused():
    assert check(message("forget", run_id=2), "analysis_in")["run_id"] == 2
    with pytest.raises(ProtocolError, match="does not belong on engine_in"):
        check(message("forget", run_id=2), "engine_in")


# -- the GUI's proxy ------------------------------------------------------------------------------

def test_the_gui_proxy_sends_a_schema_message_for_every_verb_and_mirrors_the_pause():
    from gui.remote_control import RemoteControl

    sent: list = []
    proxy, engine_side = RemoteControl(sent.append, 7, paused=True), RunControl(start_paused=True, run_id=7)
    public = {n for n in dir(proxy) if not n.startswith("_")}
    assert public == set(RUN_VERBS) | {"run_id", "paused", "pause_at"}  # nothing it only writes
    for name, verb in RUN_VERBS.items():
        getattr(proxy, name)(*sample_args(verb))
        m = check(sent[-1], "engine_in")
        assert (m["kind"], m["run_id"], m["verb"], list(m["args"])) == ("call", 7, name, list(verb.arg_names))
        assert decode_frame(encode_frame(m))["args"].keys() == m["args"].keys()  # a socket could carry it
        getattr(engine_side, m["verb"])(**m["args"])  # as engine_process.serve applies it
        assert proxy.paused == engine_side.paused, f"after {name}"
    assert len(sent) == len(RUN_VERBS) and proxy.pause_at == SAMPLE_ARGS[int]  # run_until's target
    assert inspect.signature(RemoteControl.decode) == RUN_VERBS["decode"].signature()
    with pytest.raises(AttributeError):
        proxy.take_requests  # noqa: B018 -- the engine side is not a verb


def test_the_engine_process_skips_a_message_that_breaks_the_protocol(monkeypatch, capsys):
    from engine.processes.engine_process import serve

    monkeypatch.setattr(engine.processes.lifeline, "watch_parent", lambda *a, **k: None)
    gui_end, engine_end = Pipe()
    thread = threading.Thread(target=serve, args=(engine_end,), daemon=True)
    thread.start()
    gui_end.send(("shutdown",))  # the old tuple form: refused, so the process goes on
    gui_end.send({**message("shutdown"), "version": VERSION + 1})
    gui_end.send(message("shutdown"))
    thread.join(20)
    assert not thread.is_alive()
    err = capsys.readouterr().err
    assert "a message is a dict, not tuple" in err and f"protocol version {VERSION + 1} is not supported" in err


def test_a_request_the_run_cannot_take_is_reported_and_the_engine_goes_on(monkeypatch):
    """decode() with codes that are not numbers raises inside RunControl: the engine process says so as
    a warning of that run and keeps serving (before, the exception ended the process and every run)."""
    import engine.training.trainer
    from engine.processes.engine_process import serve

    def idle_train(config, control, turns=None):  # a run that only waits to be stopped
        while not control.stopped:
            control.wait(0.05)
        return
        yield

    monkeypatch.setattr(engine.processes.lifeline, "watch_parent", lambda *a, **k: None)
    monkeypatch.setattr(engine.training.trainer, "train", idle_train)
    gui_end, engine_end = Pipe()
    thread = threading.Thread(target=serve, args=(engine_end,), daemon=True)
    thread.start()
    gui_end.send(message("start", run_id=7, config=None, paused=True))
    gui_end.send(message("call", run_id=7, verb="decode", args={"codes": np.array(["a", "b"]), "tag": "decode"}))
    assert gui_end.poll(20)
    answer = gui_end.recv()
    assert answer["kind"] == "snapshot" and answer["snapshot"].kind == "warning"
    assert answer["snapshot"].run_id == 7 and "'decode' was not taken" in answer["snapshot"].message
    gui_end.send(message("call", run_id=7, verb="pause", args={}))  # still serving
    gui_end.send(message("shutdown"))
    thread.join(20)
    assert not thread.is_alive()
    assert gui_end.recv()["kind"] == "thread_ended"


# -- frames ---------------------------------------------------------------------------------------

def _field_type(cls, f: dataclasses.Field):
    """The field's annotation as a type, or None where it names a type only imported for checking."""
    module = __import__(cls.__module__, fromlist=["_"])
    try:
        return eval(f.type, vars(module), {}) if isinstance(f.type, str) else f.type  # noqa: S307 (our source)
    except NameError:
        return None


def sample(tp, rng):
    """A value of type ``tp`` with arrays wherever the type allows them."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is typing.Any:  # what a figure dict or a live parameter may hold
        return {"map": rng.normal(size=(3, 2)).astype(np.float32), "n": 2, "ok": False,
                "pair": ("a", float("nan")), "none": None, "list": [np.int64(4), 1.5]}
    if origin in (typing.Union, types.UnionType):
        return sample(next(a for a in args if a is not type(None)), rng)
    if tp is np.ndarray:
        return rng.normal(size=(4, 3)).astype(np.float32)
    if tp in (int, float, str, bool):
        return {int: 3, float: 0.25, str: "text", bool: True}[tp]
    if origin is tuple:
        if args[1:] == (...,):  # one of each kind (a figure of each type), else two
            return tuple(build(c, rng) for c in kinds(args[0])) or tuple(sample(args[0], rng) for _ in range(2))
        return tuple(sample(a, rng) for a in args)
    if origin is list:
        return [sample(args[0], rng)]
    if origin is dict:
        if kinds(args[1]):
            return {c.__name__: build(c, rng) for c in kinds(args[1])}
        return {sample(args[0], rng): sample(args[1], rng)}
    if tp is dict:
        return {"arr": rng.integers(0, 9, size=(2, 2)), 5: "int key"}
    if dataclasses.is_dataclass(tp):
        return build(kinds(tp)[0], rng)
    raise AssertionError(f"no sample for {tp!r}")


def kinds(tp) -> list[type]:
    """The schema types a field of type ``tp`` may hold (Figure: each figure type); [] for a plain type."""
    if not dataclasses.is_dataclass(tp):
        return []
    return sorted((c for c in schema_types().values() if issubclass(c, tp) and c is not tp),
                  key=lambda c: c.__name__) or [tp]


def build(cls, rng):
    values = {}
    for f in dataclasses.fields(cls):
        tp = _field_type(cls, f)
        if tp is not None:
            values[f.name] = sample(tp, rng)
    return cls(**values)


def same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
    if isinstance(a, float):
        return a == b or (a != a and b != b)
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return bool(a == b)


def test_schema_types_hold_every_snapshot_and_figure_class():
    from engine import figures
    from engine.training import snapshots

    classes = {c for c in vars(snapshots).values() if isinstance(c, type) and issubclass(c, Snapshot)}
    assert classes <= set(schema_types().values()) and len(classes) >= 17
    assert set(figures.FIGURE_TYPES.values()) <= set(schema_types().values())


@pytest.mark.parametrize("name", sorted(schema_types()))
def test_every_schema_type_round_trips_through_a_frame(name):
    original = build(schema_types()[name], np.random.default_rng(0))
    back = decode_frame(encode_frame(message("snapshot", snapshot=original)))
    assert back["kind"] == "snapshot" and same(back["snapshot"], original), f"{back['snapshot']!r}\n{original!r}"


def test_a_frame_is_a_json_header_and_raw_array_bytes_never_pickle():
    coords = np.arange(6, dtype=np.float32).reshape(3, 2).T  # not contiguous: sent in C order all the same
    frame = encode_frame(message("snapshot", snapshot=MapUpdate(3, 9, "pca", coords, 0.5)))
    (length,) = struct.unpack(">I", frame[4:8])
    header = json.loads(frame[8:8 + length])
    assert frame[:4] == MAGIC and header["version"] == VERSION and b"pickle" not in frame
    (spec,) = header["arrays"]
    assert spec == {"dtype": "<f4", "shape": [2, 3], "offset": 0, "nbytes": 24}
    start = -(-(8 + length) // 8) * 8
    assert np.array_equal(np.frombuffer(frame[start:start + 24], "<f4").reshape(2, 3), coords)


def _with_header(frame: bytes, change) -> bytes:
    (length,) = struct.unpack(">I", frame[4:8])
    header = json.loads(frame[8:8 + length])
    change(header)
    new = json.dumps(header).encode()
    rest = frame[-(-(8 + length) // 8) * 8:]
    head = MAGIC + struct.pack(">I", len(new)) + new
    return head + bytes(-len(head) % 8) + rest


def test_a_frame_of_another_version_is_refused():
    frame = encode_frame(message("forget", run_id=1))
    newer = _with_header(frame, lambda h: h.update(version=VERSION + 1))
    with pytest.raises(ProtocolError, match=f"protocol version {VERSION + 1} is not supported; this side speaks "
                                            f"version {VERSION}"):
        decode_frame(newer)
    inner = _with_header(frame, lambda h: h["message"].update(version=VERSION + 1))
    with pytest.raises(ProtocolError, match="not supported"):
        decode_frame(inner)


@pytest.mark.parametrize("change, says", [
    (lambda h: h["message"]["snapshot"].update(type="Exploit"), "unknown snapshot type 'Exploit'"),
    (lambda h: h["message"].update(kind="exec"), "unknown message kind 'exec'"),
    (lambda h: h["message"]["snapshot"]["fields"].update(extra=1), "MapUpdate has no field extra"),
    (lambda h: h["message"]["snapshot"]["fields"].pop("step"), "MapUpdate: .*step"),
    (lambda h: h["message"]["snapshot"].update({"$": "pickle"}), "unknown tag 'pickle'"),
    (lambda h: h["arrays"][0].update(dtype="|O"), "dtype object are not carried"),
    (lambda h: h["arrays"][0].update(nbytes=10**6, shape=[250000]), "does not fit the frame"),
])
def test_a_frame_with_an_unknown_type_or_a_bad_entry_is_refused(change, says):
    frame = encode_frame(message("snapshot", snapshot=MapUpdate(1, 2, "pca", np.zeros((3, 2), np.float32), 0.1)))
    with pytest.raises(ProtocolError, match=says):
        decode_frame(_with_header(frame, change))


def test_what_a_frame_cannot_carry_is_refused_when_encoding():
    with pytest.raises(ProtocolError, match="not a type of the protocol"):
        encode_frame(message("layout", run_id=1, method="pca", coords=object()))
    with pytest.raises(ProtocolError, match="dtype object"):
        encode_frame(message("layout", run_id=1, method="pca", coords=np.array([None])))
    with pytest.raises(ProtocolError, match="does not start with ELAB"):
        decode_frame(b"\x80\x04pickle")

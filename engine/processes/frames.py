"""Messages of engine.processes.protocol as bytes, for a socket (a remote viewer): never pickle.

A frame is::

    b"ELAB" | header length (4 bytes, big-endian) | header (JSON, UTF-8) | padding | array bytes

The header is ``{"version": VERSION, "message": <tree>, "arrays": [{"dtype", "shape", "offset",
"nbytes"}, ...]}``; each array's raw bytes (C order, in the byte order its dtype string says) lie at
``offset`` from the start of the array section, aligned to 8 bytes. In the tree, JSON's own values
stand for themselves, and an object with the key "$" stands for what JSON lacks:

    {"$": "array", "index": i}                 a numpy array (numbers, booleans or fixed-width strings)
    {"$": "scalar", "index": i}                a numpy scalar, kept as a 0-d array
    {"$": "tuple", "items": [...]}             a tuple (a list stays a list)
    {"$": "dict", "items": [[key, value]...]}  a dict whose keys are not all strings, or that holds "$"
    {"$": "float", "value": "nan"}             NaN, inf or -inf (JSON has none)
    {"$": "object", "type": NAME, "fields": {...}}  a dataclass of SCHEMA_MODULES (a snapshot, a figure)

Decoding builds only those: an unknown version, message kind, tag, type, field or dtype is refused with
a ProtocolError, and no code is ever run from the bytes.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import math
import struct
from functools import lru_cache
from typing import Any

import numpy as np

from engine.processes.protocol import VERSION, ProtocolError, check
from engine.words import Words

MAGIC = b"ELAB"
ALIGN = 8
# The dataclasses a frame may carry, by class name: snapshots, the typed figures inside them, and run
# configs (a "start" message). A module that defines more joins by being named here.
SCHEMA_MODULES = ("engine.training.snapshots", "engine.figures", "engine.training.config")
DTYPE_KINDS = "biufcSU"  # numbers, booleans, fixed-width bytes and text; never objects or records


@lru_cache(maxsize=1)
def schema_types() -> dict[str, type]:
    """Class name -> dataclass, for every dataclass defined in SCHEMA_MODULES (names must not clash)."""
    types: dict[str, type] = {}
    for module_name in SCHEMA_MODULES:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module_name:
                if name in types:
                    raise ProtocolError(f"two schema types are called {name}: frames name types by class name")
                types[name] = value
    return types


def encode_frame(message: dict) -> bytes:
    """The message as one frame (see the module's docstring)."""
    check(message)
    arrays: list[np.ndarray] = []
    tree = _encode(message, arrays)
    specs, offset = [], 0
    for a in arrays:
        offset = _aligned(offset)
        specs.append({"dtype": a.dtype.str, "shape": list(a.shape), "offset": offset, "nbytes": a.nbytes})
        offset += a.nbytes
    header = json.dumps({"version": VERSION, "message": tree, "arrays": specs}, allow_nan=False).encode()
    start = _aligned(len(MAGIC) + 4 + len(header))
    out = bytearray(start + offset)
    out[:8] = MAGIC + struct.pack(">I", len(header))
    out[8:8 + len(header)] = header
    for a, spec in zip(arrays, specs):
        out[start + spec["offset"]:start + spec["offset"] + a.nbytes] = a.tobytes()
    return bytes(out)


def decode_frame(frame: bytes) -> dict:
    """The message of a frame, arrays and dataclasses rebuilt; a ProtocolError for anything else."""
    if len(frame) < 8 or frame[:4] != MAGIC:
        raise ProtocolError("not a frame of this protocol (it does not start with ELAB)")
    (length,) = struct.unpack(">I", frame[4:8])
    try:
        header = json.loads(bytes(frame[8:8 + length]).decode())
    except (UnicodeDecodeError, ValueError) as e:
        raise ProtocolError(f"the frame's header is not JSON: {e}") from None
    if not isinstance(header, dict) or header.get("version") != VERSION:
        version = header.get("version") if isinstance(header, dict) else None
        raise ProtocolError(f"protocol version {version!r} is not supported; this side speaks version {VERSION}")
    data = memoryview(bytearray(frame[_aligned(8 + length):]))  # one copy: the arrays are writable views
    arrays = [_array(spec, data) for spec in header.get("arrays", [])]
    return check(_decode(header.get("message"), arrays))


def _aligned(n: int) -> int:
    return -(-n // ALIGN) * ALIGN


def _array(spec: Any, data: memoryview) -> np.ndarray:
    try:
        dtype, shape, offset, nbytes = (np.dtype(spec["dtype"]), tuple(int(n) for n in spec["shape"]),
                                        int(spec["offset"]), int(spec["nbytes"]))
    except (KeyError, TypeError, ValueError) as e:
        raise ProtocolError(f"a malformed array entry {spec!r}: {e}") from None
    if dtype.kind not in DTYPE_KINDS or dtype.fields is not None:
        raise ProtocolError(f"arrays of dtype {dtype} are not carried (numbers, booleans and strings only)")
    if min(shape, default=0) < 0 or nbytes != math.prod(shape) * dtype.itemsize or offset < 0 \
            or offset + nbytes > len(data):
        raise ProtocolError(f"an array entry does not fit the frame: {spec!r}")
    if nbytes == 0:
        return np.empty(shape, dtype)  # frombuffer refuses an empty buffer
    return np.frombuffer(data, dtype, math.prod(shape), offset).reshape(shape)


def _encode(value: Any, arrays: list[np.ndarray]) -> Any:
    if value is None or type(value) in (bool, int, str):  # exactly: numpy's scalars subclass some of them
        return value
    if isinstance(value, Words):  # a remote viewer gets the engine's English (its template stays here)
        return str(value)
    if type(value) is float:
        return value if math.isfinite(value) else {"$": "float", "value": repr(value)}
    if isinstance(value, (np.ndarray, np.generic)):
        a = np.asarray(value)
        if a.dtype.kind not in DTYPE_KINDS or a.dtype.fields is not None:
            raise ProtocolError(f"cannot send an array of dtype {a.dtype}")
        arrays.append(a)  # tobytes() writes C order whatever the strides
        return {"$": "array" if isinstance(value, np.ndarray) else "scalar", "index": len(arrays) - 1}
    if type(value) in (list, tuple):
        items = [_encode(v, arrays) for v in value]
        return items if type(value) is list else {"$": "tuple", "items": items}
    if type(value) is dict:
        if all(type(k) is str for k in value) and "$" not in value:
            return {k: _encode(v, arrays) for k, v in value.items()}
        return {"$": "dict", "items": [[_encode(k, arrays), _encode(v, arrays)] for k, v in value.items()]}
    name = type(value).__name__
    if dataclasses.is_dataclass(value) and schema_types().get(name) is type(value):
        fields = {f.name: _encode(getattr(value, f.name), arrays) for f in dataclasses.fields(value) if f.init}
        return {"$": "object", "type": name, "fields": fields}
    raise ProtocolError(f"cannot send a {type(value).__module__}.{name}: not a type of the protocol")


def _decode(tree: Any, arrays: list[np.ndarray]) -> Any:
    if isinstance(tree, list):
        return [_decode(v, arrays) for v in tree]
    if not isinstance(tree, dict):
        return tree
    if "$" not in tree:
        return {k: _decode(v, arrays) for k, v in tree.items()}
    tag = tree["$"]
    try:
        if tag in ("array", "scalar"):
            a = arrays[tree["index"]]
            return a if tag == "array" else a[()]
        if tag == "tuple":
            return tuple(_decode(v, arrays) for v in tree["items"])
        if tag == "dict":
            return {_hashable(_decode(k, arrays)): _decode(v, arrays) for k, v in tree["items"]}
        if tag == "float":
            return float({"nan": "nan", "inf": "inf", "-inf": "-inf"}[tree["value"]])
        if tag == "object":
            return _object(tree["type"], tree["fields"], arrays)
    except (KeyError, IndexError, TypeError, ValueError) as e:
        raise ProtocolError(f"a malformed {tag!r} entry: {type(e).__name__}: {e}") from None
    raise ProtocolError(f"unknown tag {tag!r} in a frame")


def _object(name: str, fields: dict, arrays: list[np.ndarray]) -> Any:
    cls = schema_types().get(name)
    if cls is None:
        raise ProtocolError(f"unknown snapshot type {name!r}: this side knows {', '.join(sorted(schema_types()))}")
    known = {f.name for f in dataclasses.fields(cls) if f.init}
    if not set(fields) <= known:
        raise ProtocolError(f"{name} has no field {', '.join(sorted(set(fields) - known))}")
    try:
        return cls(**{k: _decode(v, arrays) for k, v in fields.items()})
    except TypeError as e:  # a required field is missing
        raise ProtocolError(f"{name}: {e}") from None


def _hashable(key: Any) -> Any:
    if isinstance(key, np.ndarray):
        raise ProtocolError("an array cannot be a dict key")
    return key

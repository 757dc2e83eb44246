"""The bytes of a lesson file, before TOML sees them: a small regular file of UTF-8 text.

A lesson file is a stranger's data. It is opened without blocking and refused unless it is a regular
file (a FIFO named ``x.toml`` blocked ``lesson list`` forever) of at most MAX_FILE_BYTES (a bigger one is
refused before a byte is read: a 50 MB file held the window 106 s); it must be UTF-8 text (UTF-16 is
named as such, another encoding by its first byte that is not UTF-8); and once parsed, its arrays and
tables may nest only a little deeper than a lesson needs (tomllib recurses on nesting). Every refusal is
a LessonError naming the file and the field.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from engine.lessons.schema import LessonError
from engine.words import Words

MAX_FILE_BYTES = 256 * 1024  # the longest shipped lesson is a few KB; a bigger file is not a lesson
MAX_DEPTH = 6  # tables and arrays within each other; a lesson needs 4 (the file, [A], augment, <op> = { ... })


def read_lesson_bytes(path: Path) -> bytes:
    """The file's bytes, if it is a regular file of at most MAX_FILE_BYTES. Opened without blocking and
    checked on the open descriptor, so a FIFO or device is refused, not waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as e:
        raise LessonError(path, "file", Words("cannot be read: {e}", e=str(e.strerror or e))) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LessonError(path, "file", Words("is a folder, not a lesson file"))
        if not stat.S_ISREG(info.st_mode):
            raise LessonError(path, "file", Words("is not a regular file (a pipe, device or socket); skipped"))
        if info.st_size > MAX_FILE_BYTES:
            raise LessonError(path, "file", Words(
                "is {size:,} KB, more than the {cap:,} KB a lesson file may be; not read",
                size=-(-info.st_size // 1024), cap=MAX_FILE_BYTES // 1024))
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:  # a file that grows while it is read is cut off at the cap too
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as e:
        raise LessonError(path, "file", Words("cannot be read: {e}", e=str(e.strerror or e))) from None
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        raise LessonError(path, "file", Words("is more than the {cap:,} KB a lesson file may be; not read",
                                              cap=MAX_FILE_BYTES // 1024))
    return b"".join(chunks)


def decoded(path: Path, raw: bytes) -> str:
    """UTF-8 text (a UTF-8 byte-order mark, which some editors write, is dropped); anything else is
    refused naming the encoding it seems to be in, or the first byte that is not UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LessonError(path, "file", Words("is UTF-16 text; save it as UTF-8"))
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in raw:
        raise LessonError(path, "file", Words("holds NUL bytes: it is UTF-16 text or not text at all; save it as "
                                              "UTF-8"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise LessonError(path, "file", Words("is not UTF-8 text (byte 0x{byte:02x} on line {line}); save it as UTF-8",
                                              byte=raw[e.start], line=line)) from None


def too_deep() -> Words:
    return Words("arrays or tables are nested more than {depth} deep; a lesson needs no more", depth=MAX_DEPTH)


def deeper_than(value: Any, depth: int, where: str = "") -> str | None:
    """The field (as a message names it) where ``value`` nests tables and arrays deeper than ``depth``."""
    if isinstance(value, dict):
        items = ((f"{where}.{k}" if where else str(k), v) for k, v in value.items())
    elif isinstance(value, list):
        items = ((f"{where}[{i}]", v) for i, v in enumerate(value))
    else:
        return None
    if depth == 0:
        return where or "file"
    for field_name, item in items:
        found = deeper_than(item, depth - 1, field_name)
        if found is not None:
            return found
    return None

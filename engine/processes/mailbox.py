"""Messages between the app's processes go through a mailbox that never blocks its writer.

A pipe blocks its writer once the reader stops reading (a child busy in a t-SNE, starved by a loaded
machine, or stopped): whoever called ``conn.send`` then waits, and with it everything that waits on that
caller. Before this module, the GUI thread waited up to 221 s that way. Here each direction of each pipe
has one :class:`PipeSender`: a thread of its own that does the blocking ``send``, fed by a
:class:`Mailbox`, a queue that

- keeps at most one message per *key*: a newer message of the same key replaces the older one still
  waiting (only the newest embeddings, images or figures of a run matter), or is merged into it (loss
  points are appended, never lost);
- never drops a message without a key: the control verbs (start, pause, stop, shutdown...) all arrive,
  in order.

So what waits is bounded by the number of keys (a few per run), however long the reader lags, and the
writer (the GUI thread, a training thread) never waits. The receiving side uses a Mailbox too, between
the thread that reads the pipe and the one that works (the analysis process, the GUI's pacer), so
embeddings that arrive during a long job are coalesced as well.

Qt-free: the engine and analysis processes use it as the GUI does.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np

# A message's key, or None for one that must arrive; and how to merge a newer message into an older one
# of the same key (None: the newer replaces the older).
KeyOf = Callable[[Any], Hashable | None]
Merge = Callable[[Any, Any], Any]


class Mailbox:
    """A thread-safe FIFO that coalesces keyed items (see the module's docstring).

    A keyed item that is replaced or merged moves to the back: it is delivered where the newest of its
    kind was put, so it never overtakes a control message sent after an older one of its kind.
    """

    def __init__(self, key_of: KeyOf, merge: Callable[[Any, Any], Any | None] | None = None):
        self._key_of, self._merge = key_of, merge
        self._items: OrderedDict[Hashable, Any] = OrderedDict()  # key (or a unique token) -> item
        self._tokens = 0
        self._ready = threading.Condition()
        self.coalesced = 0  # how many items were replaced or merged (for tests and benchmarks)

    def put(self, item: Any) -> None:
        """Never blocks (but for the lock, held for microseconds)."""
        key = self._key_of(item)
        with self._ready:
            if key is None:
                self._tokens += 1
                self._items[("#", self._tokens)] = item
            else:
                key = ("k", key)
                older = self._items.pop(key, None)
                if older is not None:
                    self.coalesced += 1
                    merged = self._merge(older, item) if self._merge is not None else None
                    item = merged if merged is not None else item
                self._items[key] = item
            self._ready.notify()

    def get(self, timeout: float | None = None) -> Any:
        """The oldest item; raises TimeoutError when none came within ``timeout`` seconds (None: wait)."""
        with self._ready:
            if not self._ready.wait_for(lambda: self._items, timeout):
                raise TimeoutError
            return self._items.popitem(last=False)[1]

    def get_nowait(self) -> Any | None:
        """The oldest item, or None when the mailbox is empty."""
        with self._ready:
            return self._items.popitem(last=False)[1] if self._items else None

    def __len__(self) -> int:
        return len(self._items)


_CLOSE = object()  # unkeyed: it ends a sender once everything queued before it went out


class PipeSender:
    """The one writer of a pipe: ``send`` puts into a :class:`Mailbox`, a daemon thread does the blocking
    ``conn.send``. When the pipe breaks (the reader died) the thread ends and later messages are dropped:
    whoever reads the other direction notices the death and says so."""

    def __init__(self, conn: Any, name: str, key_of: KeyOf, merge: Merge | None = None):
        self.conn = conn
        self.mailbox = Mailbox(key_of, merge)
        self.broken = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def send(self, message: Any) -> None:
        """Queue a message for the pipe; never waits on the reader."""
        if not self.broken:
            self.mailbox.put(message)

    def _run(self) -> None:
        while True:
            message = self.mailbox.get()
            if message is _CLOSE:
                return
            try:
                self.conn.send(message)
            except (BrokenPipeError, EOFError, OSError, ValueError):  # ValueError: the connection was closed
                self.broken = True
                return

    def close(self, timeout: float = 0.0) -> bool:
        """Let what is queued go out (for at most ``timeout`` seconds), then stop; True when all went out."""
        self.mailbox.put(_CLOSE)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def pending(self) -> int:
        return len(self.mailbox)

    def alive(self) -> bool:
        return self._thread.is_alive()


# -- what supersedes what -----------------------------------------------------------------------------
def snapshot_of(message: Any) -> Any | None:
    """The snapshot a protocol message carries ("snapshot" or "embeddings"), else None."""
    if isinstance(message, dict) and message.get("kind") in ("snapshot", "embeddings"):
        return message.get("snapshot")
    return None


def snapshot_key(snap: Any) -> Hashable | None:
    """What a newer snapshot of the same run makes stale, or None for one that must arrive.

    Pictures of the run's state (images, latent codes, the method's figures, embeddings, maps) are
    superseded by the next one; the loss is merged (see merge_snapshots); events, run starts and ends,
    state changes and answers to requests always arrive.
    """
    from engine.training import snapshots as s

    if isinstance(snap, s.EmbeddingUpdate):
        # Embeddings with a training set feed the probes; ones without feed only the map: a map-only
        # update must not replace one the probes still wait for.
        return ("embeddings", snap.run_id, snap.kind, snap.train is not None)
    if isinstance(snap, s.LossUpdate):
        return ("loss", snap.run_id, tuple(sorted(snap.terms)))
    if isinstance(snap, (s.ImagesUpdate, s.LatentUpdate, s.MethodUpdate, s.MapUpdate)):
        return (type(snap).__name__, snap.run_id)
    return None


def merge_snapshots(older: Any, newer: Any) -> Any | None:
    """Loss points are appended (the curve loses nothing); None for the rest: the newer replaces."""
    from engine.training.snapshots import LossUpdate

    if isinstance(older, LossUpdate) and isinstance(newer, LossUpdate):
        return dataclasses.replace(newer, steps=np.concatenate([older.steps, newer.steps]),
                                   terms={k: np.concatenate([older.terms[k], newer.terms[k]]) for k in newer.terms})
    return None


def message_key(message: Any) -> Hashable | None:
    """snapshot_key of the snapshot a protocol message carries; None (must arrive) for every verb."""
    snap = snapshot_of(message)
    return None if snap is None else snapshot_key(snap)


def merge_messages(older: Any, newer: Any) -> Any | None:
    merged = merge_snapshots(snapshot_of(older), snapshot_of(newer))
    return None if merged is None else {**newer, "snapshot": merged}


def snapshot_sender(conn: Any, name: str) -> PipeSender:
    """A PipeSender for protocol messages that coalesces superseded snapshots and merges the loss."""
    return PipeSender(conn, name, message_key, merge_messages)

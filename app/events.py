"""One typed, timestamped record for everything that happens to a socket.

The log, the signal trace and the timeline are all views of the same records, so each
socket signal and each method call we make becomes exactly one `SessionEvent`.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

# Records are immutable, extras included: the one shared empty default cannot be changed.
NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


class EventKind(enum.Enum):
    # A method we called on the socket: connectToHost(), write(), disconnectFromHost() ...
    CALL = "call"
    HOST_FOUND = "hostFound"
    STATE = "stateChanged"
    CONNECTED = "connected"
    BYTES_WRITTEN = "bytesWritten"
    READY_READ = "readyRead"
    READ_CHANNEL_FINISHED = "readChannelFinished"
    DISCONNECTED = "disconnected"
    ERROR = "errorOccurred"
    ENCRYPTED = "encrypted"
    SSL_ERRORS = "sslErrors"
    # Not a Qt signal: something the session itself noticed (a timeout, a drained queue).
    NOTE = "note"


class Direction(enum.Enum):
    NONE = ""
    OUT = "out"
    IN = "in"


class SessionEvent(NamedTuple):
    """One thing that happened, immutable. A NamedTuple rather than a dataclass: the window's
    first frame needs this module, and importing dataclasses and building the class cost
    ~2 ms of start-up (README, Performance); making one is also cheaper, once per chunk."""

    kind: EventKind
    elapsed_ns: int
    """Nanoseconds since the current connect began (monotonic clock)."""
    wall_time: float
    """Seconds since the epoch, for wall-clock timestamps and captures."""
    detail: str = ""
    data: bytes = b""
    """The bytes written (CALL write()) or read (READY_READ); empty for other events."""
    count: int = 0
    """A byte count: bytes written, bytes available, bytes read."""
    direction: Direction = Direction.NONE
    thread: str = ""
    peer: str = ""
    """host:port of the remote end, where the event concerns one (server mode has many)."""
    extra: Mapping[str, Any] = NO_EXTRA

    @property
    def elapsed_ms(self) -> float:
        return self.elapsed_ns / 1e6


class EventClock:
    """Timestamps relative to the start of the current connection."""

    __slots__ = ("_origin_ns",)

    def __init__(self) -> None:
        self._origin_ns = time.perf_counter_ns()

    def restart(self) -> None:
        self._origin_ns = time.perf_counter_ns()

    def elapsed_ns(self) -> int:
        return time.perf_counter_ns() - self._origin_ns

    def make(self, kind: EventKind, detail: str = "", **fields) -> SessionEvent:
        return SessionEvent(
            kind,
            time.perf_counter_ns() - self._origin_ns,
            time.time(),
            detail,
            thread=threading.current_thread().name,
            **fields,
        )


class EventSource:
    """For the QObjects that report records (sessions, servers): one way to make a record.

    The class provides `clock` (EventClock) and the signals `event_recorded(object)` and
    `error_occurred(str, str)`.
    """

    def _record(self, kind: EventKind, detail: str = "", **fields) -> SessionEvent:
        event = self.clock.make(kind, detail, **fields)
        self.event_recorded.emit(event)
        return event

    def _report_error(self, name: str, message: str) -> None:
        self._record(EventKind.ERROR, f"{name} — {message}", extra={"name": name, "message": message})
        self.error_occurred.emit(name, message)

"""Record: every byte sent and received, with direction and timestamp, saved to a file.

The on-screen log may drop old entries; a capture never does. `CaptureWriter.record` is
connected to `ClientSession.event_recorded` and streams each event to disk as it happens.

File format ("socket-tester-capture", version 1): JSON Lines, UTF-8, one JSON object a line.

The first line is a header::

    {"format": "socket-tester-capture", "version": 1,
     "started": "2024-05-01T12:00:00.000+02:00", "peer": "127.0.0.1:7"}

``started`` is the local wall time (ISO-8601 with UTC offset) when recording began;
``peer`` is host:port of the remote end ("" if not known yet).

Every further line is one record::

    {"t": 1714557600.123456, "us": 1520, "dir": "out", "kind": "call",
     "detail": "write(): 5 bytes", "data": "aGVsbG8="}

- ``t``      wall time, seconds since the epoch (float)
- ``us``     microseconds since the current connect began (int, monotonic clock)
- ``dir``    ``"out"``: bytes handed to the socket by a write() call;
             ``"in"``: bytes read from the socket (a readyRead);
             ``"event"``: anything else (state changes, errors, bytesWritten ...), kept so a
             capture can be replayed as a log
- ``kind``   the `EventKind` value ("call", "readyRead", "stateChanged", ...)
- ``detail`` the log text (may be "")
- ``data``   standard base64 of the bytes; present only when there are bytes

Optional keys, written only when they carry something: ``count`` (a byte count, int),
``peer`` (host:port the event concerns), ``extra`` (a JSON object of details).
Readers ignore keys they do not know.

Concatenating the ``data`` of all "out" lines gives the sent stream byte-exact, of all
"in" lines the received stream. Blank lines are ignored.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from .atomic import AtomicFile
from .events import Direction, EventKind, SessionEvent

FORMAT_NAME = "socket-tester-capture"
FORMAT_VERSION = 1

DIR_OUT = "out"
DIR_IN = "in"
DIR_EVENT = "event"
_DIRECTIONS = frozenset({DIR_OUT, DIR_IN, DIR_EVENT})
_KINDS = {kind.value: kind for kind in EventKind}

# Large buffered writes go straight through to the temp file; small event lines are
# batched, and handed to the OS at least this often so a crash loses little.
_WRITE_BUFFER = 256 * 1024
_FLUSH_INTERVAL_S = 1.0


class CaptureFormatError(ValueError):
    """A capture file that is not valid; `line` is the 1-based line number of the problem."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class CaptureRecord:
    t: float
    us: int
    direction: str
    """"out", "in" or "event" (DIR_OUT, DIR_IN, DIR_EVENT)."""
    kind: EventKind
    detail: str = ""
    data: bytes = b""
    count: int = 0
    peer: str = ""
    extra: dict = field(default_factory=dict)


@dataclass(slots=True)
class Capture:
    header: dict
    records: list[CaptureRecord]

    def sent_bytes(self) -> bytes:
        return b"".join(r.data for r in self.records if r.direction == DIR_OUT)

    def received_bytes(self) -> bytes:
        return b"".join(r.data for r in self.records if r.direction == DIR_IN)


# --------------------------------------------------------------------- writing
def _direction_of(event: SessionEvent) -> str:
    if event.data and event.direction is Direction.OUT:
        return DIR_OUT
    if event.data and event.direction is Direction.IN:
        return DIR_IN
    return DIR_EVENT


class CaptureWriter:
    """Streams SessionEvents to a capture file; the file appears (complete) at close().

    Until then everything goes to a temp file beside `path`, so memory use stays flat
    however long the recording. `raw_in_path`, if given, receives the received stream
    only, byte-exact, also committed at close().

    A write error (disk full ...) stops the recording, removes the temp files and is kept
    in `error`; close() then raises it, so whoever stops recording hears about it.
    """

    def __init__(self, path: str | os.PathLike[str], raw_in_path: str | os.PathLike[str] | None = None,
                 *, peer: str = "") -> None:
        self.path = os.fspath(path)
        self.raw_in_path = os.fspath(raw_in_path) if raw_in_path is not None else None
        self.peer = peer
        self.started = _dt.datetime.now().astimezone().isoformat(timespec="milliseconds")
        self.bytes_in = 0
        self.bytes_out = 0
        self.records = 0
        self.error: OSError | None = None
        self._header_written = False
        self._closed = False
        self._last_flush = time.monotonic()
        self._file = AtomicFile(self.path, "wb", buffering=_WRITE_BUFFER)
        self._raw_in: AtomicFile | None = None
        if self.raw_in_path is not None:
            try:
                self._raw_in = AtomicFile(self.raw_in_path, "wb", buffering=_WRITE_BUFFER)
            except BaseException:
                self._file.discard()
                raise

    @property
    def closed(self) -> bool:
        return self._closed

    def record(self, event: SessionEvent) -> None:
        """Append one event (a slot for ClientSession.event_recorded). Ignored once closed."""
        if self._closed:
            return
        try:
            self._write_record(event)
        except OSError as exc:
            # Raising here would only reach Qt's slot dispatcher; keep it for close().
            self.error = exc
            self._closed = True
            self._discard_files()

    def flush(self) -> None:
        """Hand everything recorded so far to the OS (still in the temp file)."""
        if self._closed:
            return
        self._file.flush()
        if self._raw_in is not None:
            self._raw_in.flush()
        self._last_flush = time.monotonic()

    def close(self) -> None:
        """Finish the recording: the capture (and raw file) appear under their names."""
        if self._closed:
            if self.error is not None:
                error, self.error = self.error, None
                raise error
            return
        self._closed = True
        try:
            if not self._header_written:
                self._write_header()
            self._file.close()
            if self._raw_in is not None:
                self._raw_in.close()
        except BaseException:
            self._discard_files()
            raise

    def discard(self) -> None:
        """Stop recording and keep nothing."""
        if not self._closed:
            self._closed = True
            self._discard_files()

    # ----------------------------------------------------------------- internals
    def _write_header(self) -> None:
        header = {"format": FORMAT_NAME, "version": FORMAT_VERSION,
                  "started": self.started, "peer": self.peer}
        self._file.write(json.dumps(header).encode("ascii") + b"\n")
        self._header_written = True

    def _write_record(self, event: SessionEvent) -> None:
        if not self._header_written:
            # The header is written lazily so it can name the peer of the first event.
            self.peer = self.peer or event.peer
            self._write_header()
        direction = _direction_of(event)
        line: dict = {"t": event.wall_time, "us": event.elapsed_ns // 1000, "dir": direction,
                      "kind": event.kind.value, "detail": event.detail}
        if event.count:
            line["count"] = event.count
        if event.peer:
            line["peer"] = event.peer
        if event.extra:
            line["extra"] = event.extra
        # ensure_ascii keeps every line valid UTF-8 whatever strings an event carries.
        text = json.dumps(line, ensure_ascii=True, default=str)
        data = event.data
        if data:
            # Base64 needs no JSON escaping, so splice it in rather than pass a chunk
            # of several MB through json.dumps again.
            self._file.write(text[:-1].encode("ascii") + b', "data": "')
            self._file.write(base64.b64encode(data))
            self._file.write(b'"}\n')
        else:
            self._file.write(text.encode("ascii") + b"\n")
        self.records += 1
        if direction == DIR_OUT:
            self.bytes_out += len(data)
        elif direction == DIR_IN:
            self.bytes_in += len(data)
            if self._raw_in is not None:
                self._raw_in.write(data)
        if time.monotonic() - self._last_flush >= _FLUSH_INTERVAL_S:
            self.flush()

    def _discard_files(self) -> None:
        self._file.discard()
        if self._raw_in is not None:
            self._raw_in.discard()


# --------------------------------------------------------------------- reading
def iter_capture(path: str | os.PathLike[str]) -> Iterator[dict | CaptureRecord]:
    """Yield the header dict, then each CaptureRecord, reading one line at a time."""
    with open(path, "rb") as f:
        header_seen = False
        for number, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            obj = _parse_line(number, raw)
            if not header_seen:
                _check_header(number, obj)
                header_seen = True
                yield obj
            else:
                yield _record_from(number, obj)
        if not header_seen:
            raise CaptureFormatError(1, "missing header: the file is empty")


def read_capture(path: str | os.PathLike[str]) -> Capture:
    items = iter_capture(path)
    header = next(items)
    return Capture(header=header, records=list(items))  # type: ignore[arg-type]


def _parse_line(number: int, raw: bytes) -> dict:
    try:
        obj = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise CaptureFormatError(number, f"not valid JSON ({exc})") from None
    if not isinstance(obj, dict):
        raise CaptureFormatError(number, "expected a JSON object")
    return obj


def _check_header(number: int, obj: dict) -> None:
    if obj.get("format") != FORMAT_NAME:
        raise CaptureFormatError(number, f"missing header: not a {FORMAT_NAME} file")
    version = obj.get("version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise CaptureFormatError(number, f"unknown capture version {version!r} (this app reads {FORMAT_VERSION})")


def _record_from(number: int, obj: dict) -> CaptureRecord:
    def fail(message: str) -> CaptureFormatError:
        return CaptureFormatError(number, message)

    t = obj.get("t")
    if not isinstance(t, (int, float)) or isinstance(t, bool):
        raise fail("'t' must be a number")
    us = obj.get("us")
    if not isinstance(us, int) or isinstance(us, bool):
        raise fail("'us' must be an integer")
    direction = obj.get("dir")
    if direction not in _DIRECTIONS:
        raise fail(f"'dir' must be one of out, in, event, not {direction!r}")
    kind = _KINDS.get(obj.get("kind"))  # type: ignore[arg-type]
    if kind is None:
        raise fail(f"unknown event kind {obj.get('kind')!r}")
    detail = obj.get("detail", "")
    if not isinstance(detail, str):
        raise fail("'detail' must be a string")
    encoded = obj.get("data", "")
    if not isinstance(encoded, str):
        raise fail("'data' must be a base64 string")
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise fail(f"'data' is not valid base64 ({exc})") from None
    count = obj.get("count", 0)
    if not isinstance(count, int) or isinstance(count, bool):
        raise fail("'count' must be an integer")
    peer = obj.get("peer", "")
    if not isinstance(peer, str):
        raise fail("'peer' must be a string")
    extra = obj.get("extra", {})
    if not isinstance(extra, dict):
        raise fail("'extra' must be an object")
    return CaptureRecord(float(t), us, direction, kind, detail, data, count, peer, extra)


# --------------------------------------------------------------------- replay
_EVENT_DIRECTION = {DIR_OUT: Direction.OUT, DIR_IN: Direction.IN, DIR_EVENT: Direction.NONE}


def events_from_capture(capture: Capture) -> list[SessionEvent]:
    """The recorded events again, for showing a saved capture in the log."""
    return [
        SessionEvent(
            r.kind,
            r.us * 1000,
            r.t,
            r.detail,
            data=r.data,
            count=r.count,
            direction=_EVENT_DIRECTION[r.direction],
            peer=r.peer,
            extra=dict(r.extra),
        )
        for r in capture.records
    ]

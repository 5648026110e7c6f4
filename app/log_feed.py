"""Between the sockets and the log: applies the framing rule to received bytes.

Every read callback is reported; the user decides where a message ends (per read, a
delimiter, a length prefix, an idle gap, or the peer closing). Each stream has its own
framer — the client connection, and in server or UDP mode each peer — so bytes from two
peers never join into one message. Data still incomplete when a stream ends is logged and
flagged, never dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from .events import Direction, EventKind, SessionEvent
from .framing import Frame, Framer, FramingMode, FramingSpec, make_framer
from .log_model import MAX_ENTRY_BYTES, LogEntry, LogModel

CLIENT_STREAM = ""  # the client session's records carry no peer on their data events


class LogFeed(QObject):
    def __init__(self, model: LogModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.spec = FramingSpec(FramingMode.RAW)
        self._framers: dict[str, Framer] = {}  # stream (peer) -> its framer
        self._last_event: dict[str, SessionEvent] = {}
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._flush_idle)

    def set_framing(self, spec: FramingSpec) -> None:
        """A new rule starts with empty buffers; what the old one held is logged first."""
        for stream in list(self._framers):
            self._finish(stream, "framing changed")
        self.spec = spec

    @property
    def pending_bytes(self) -> int:
        return sum(framer.pending_bytes for framer in self._framers.values())

    def on_event(self, event: SessionEvent) -> None:
        kind = event.kind
        if kind is EventKind.READY_READ and event.data and event.direction is Direction.IN:
            if self.spec.mode is FramingMode.RAW:
                self.model.append_event(event)
                return
            stream = event.peer
            framer = self._framers.get(stream)
            if framer is None:
                framer = self._framers[stream] = make_framer(self.spec)
            self._last_event[stream] = event
            frames = framer.feed(event.data)
            if not self.model.paused:  # paused: the framer keeps up, the log shows nothing
                waiting = framer.pending_bytes
                self.model.append_entry(LogEntry(
                    kind, event.elapsed_ns, event.wall_time,
                    f"readyRead: {len(event.data)} bytes"
                    + (f" — {waiting} bytes wait for {self.spec.describe()}" if waiting else ""),
                    peer=event.peer, event=event if self.model.trace else None))
            self._log_frames(stream, frames)
            if self.spec.mode is FramingMode.IDLE_GAP:
                self._idle_timer.start(self.spec.idle_ms)
            return
        if kind is EventKind.CALL and event.detail.startswith("connectToHost"):
            self._framers.pop(CLIENT_STREAM, None)
        if kind is EventKind.DISCONNECTED:
            self._finish(event.peer if event.extra.get("client") is not None else CLIENT_STREAM)
            if not self._framers:
                self._idle_timer.stop()
        self.model.append_event(event)

    def _finish(self, stream: str, why: str = "") -> None:
        framer = self._framers.pop(stream, None)
        if framer is not None:
            self._log_frames(stream, framer.finish(), why)
        self._last_event.pop(stream, None)

    def _flush_idle(self) -> None:
        for stream, framer in self._framers.items():
            self._log_frames(stream, framer.flush_idle())

    def _log_frames(self, stream: str, frames: list[Frame], why: str = "") -> None:
        if self.model.paused:
            return
        source = self._last_event.get(stream)
        for frame in frames:
            data = frame.data
            reads = f" in {frame.reads} read{'s' if frame.reads != 1 else ''}"
            flag = "" if frame.complete else f"incomplete: {why or frame.note or 'cut'}"
            self.model.append_entry(LogEntry(
                EventKind.READY_READ,
                source.elapsed_ns if source else 0,
                source.wall_time if source else 0.0,
                f"message: {len(data)} bytes{reads}",
                Direction.IN,
                data[:MAX_ENTRY_BYTES],
                len(data),
                flagged=flag,
                peer=stream,
            ))

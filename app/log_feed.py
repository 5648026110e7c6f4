"""Between a session and its log: applies the framing rule to received bytes.

The session reports every read callback; the user decides where a message ends (per read,
a delimiter, a length prefix, an idle gap, or the peer closing). Data that is still incomplete
when the connection ends is logged and flagged, never dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from .events import Direction, EventKind, SessionEvent
from .framing import Frame, FramingMode, FramingSpec, make_framer
from .log_model import MAX_ENTRY_BYTES, LogEntry, LogModel


class LogFeed(QObject):
    def __init__(self, model: LogModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.spec = FramingSpec(FramingMode.RAW)
        self._framer = make_framer(self.spec)
        self._last_event: SessionEvent | None = None
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._flush_idle)

    def set_framing(self, spec: FramingSpec) -> None:
        """A new rule starts with an empty buffer; what the old one held is logged first."""
        self._log_frames(self._framer.finish(), "framing changed")
        self.spec = spec
        self._framer = make_framer(spec)

    @property
    def pending_bytes(self) -> int:
        return self._framer.pending_bytes

    def on_event(self, event: SessionEvent) -> None:
        kind = event.kind
        if kind is EventKind.READY_READ and event.data and event.direction is Direction.IN:
            if self.spec.mode is FramingMode.RAW:
                self.model.append_event(event)
                return
            self._last_event = event
            frames = self._framer.feed(event.data)
            waiting = self._framer.pending_bytes
            self.model.append_entry(LogEntry(
                kind, event.elapsed_ns, event.wall_time,
                f"readyRead: {len(event.data)} bytes"
                + (f" — {waiting} bytes wait for {self.spec.describe()}" if waiting else ""),
                peer=event.peer, event=event if self.model.trace else None))
            self._log_frames(frames)
            if self.spec.mode is FramingMode.IDLE_GAP:
                self._idle_timer.start(self.spec.idle_ms)
            return
        if kind is EventKind.CALL and event.detail.startswith("connectToHost"):
            self._framer.reset()
        if kind is EventKind.DISCONNECTED:
            self._idle_timer.stop()
            self._log_frames(self._framer.finish())
        self.model.append_event(event)

    def _flush_idle(self) -> None:
        self._log_frames(self._framer.flush_idle())

    def _log_frames(self, frames: list[Frame], why: str = "") -> None:
        source = self._last_event
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
                peer=source.peer if source else "",
            ))

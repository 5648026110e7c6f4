"""ClientSession: the asynchronous client socket, with every callback turned into a record.

This is the Qt counterpart of the classic BeginConnect/BeginSend/BeginReceive pattern: each
method starts an operation and returns at once; the socket's signals are the callbacks. The
session owns its QTcpSocket (or QSslSocket); widgets and tests see only the signals below
and the `SessionEvent` records, never the socket.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QObject, QSocketNotifier, Qt, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QTcpSocket

from .address import EndpointError, format_endpoint, parse_host, parse_port
from .sockopts import (
    TCP_CLOSE,
    can_read_tcp_state,
    set_linger_zero,
    set_receive_low_water,
    shutdown_write,
    tcp_state_of_descriptor,
)
from .events import Direction, EventClock, EventKind, EventSource, SessionEvent
from .file_source import FileSource

SocketState = QAbstractSocket.SocketState

# Back-pressure: Qt's write buffer holds at most this much, so that sending 1 GiB (or
# pasting 50 MB for a peer that never reads) queues in our own outbox, not in Qt's.
WRITE_HIGH_WATER = 4 * 1024 * 1024
WRITE_LOW_WATER = WRITE_HIGH_WATER // 2  # Qt is topped up once it holds no more
# A file being sent is read this much at a time, as the socket drains.
FILE_PIECE = 1024 * 1024
# How much Qt may read ahead from the OS when no read limit is set. Unlimited, a receiver that
# falls behind gets multi-megabyte chunks, each in fresh memory the kernel must fault in, and
# falls further behind (measured: 1 GiB took 0.15 s or 0.6 s depending on luck); a bound keeps
# the buffers hot and reused, and leaves the rest in the OS, where TCP flow control holds it.
READ_AHEAD = 1024 * 1024
# Streaming: a read this big means the peer sends faster than we wake up. The kernel is then
# asked to report the socket readable only once BULK_LOW_WATER bytes wait (SO_RCVLOWAT), so
# a GiB takes ~1 000 wake-ups instead of ~4 000-8 000; BULK_IDLE_MS after the last read the
# mark drops back to one byte, so a tail smaller than the mark is not held back.
BULK_TRIGGER = 128 * 1024
BULK_LOW_WATER = 1024 * 1024
BULK_IDLE_MS = 2


class NotConnectedError(RuntimeError):
    """send() was called while no connection is open."""


def state_name(state: SocketState) -> str:
    """`HostLookupState` -> `HostLookup`, as people say it."""
    name = state.name
    return name[: -len("State")] if name.endswith("State") else name


@dataclass
class PhaseTimings:
    """Milliseconds for each phase of the current connection; None until it happened."""

    lookup_ms: float | None = None
    connect_ms: float | None = None
    first_byte_ms: float | None = None
    last_round_trip_ms: float | None = None


class ClientSession(EventSource, QObject):
    # Every socket signal and every call we make, in order: the single source of truth.
    event_recorded = Signal(object)  # SessionEvent
    state_changed = Signal(object)  # QAbstractSocket.SocketState
    connected = Signal(str, int)  # peer address, peer port
    bytes_written = Signal(int)
    data_sent = Signal(bytes)  # handed to write(); bytes_written confirms it later
    data_received = Signal(bytes)
    peer_closed = Signal()  # the peer finished sending (readChannelFinished)
    disconnected = Signal()
    error_occurred = Signal(str, str)  # Qt's error enum name, human message
    queues_changed = Signal()  # pending_out / pending_in changed
    timings_changed = Signal()
    sending_shut_changed = Signal()  # half_close() took effect

    def __init__(self, parent: QObject | None = None, *, connect_timeout_ms: int = 10_000,
                 receive_timeout_ms: int = 0) -> None:
        super().__init__(parent)
        self.connect_timeout_ms = connect_timeout_ms
        # A send with no reply within this long is reported (0 = never); the connection stays.
        self.receive_timeout_ms = receive_timeout_ms
        self.clock = EventClock()
        self.timings = PhaseTimings()
        self.peer = ""
        self.bytes_sent = 0  # confirmed by bytesWritten
        self.bytes_handed = 0  # given to write()
        self.bytes_received = 0
        self.reads = 0  # receive callbacks that delivered data
        self.sends = 0  # send() calls
        self.read_chunk_limit = 0  # 0 = read all that is there
        # Set by an owner that will not look at received bytes (a paused log, no capture):
        # they are counted and skipped, not copied into Python.
        self.discard_received = False
        self.step_mode = False
        self.waiting_callbacks = 0  # readyRead callbacks held back in step mode
        self.peer_has_closed = False
        self.sending_shut = False  # after half_close(): we only read
        self._closing_by_us = False
        self._unsent_noted = 0  # bytes abort() already reported as dropped
        self._outbox: deque[memoryview | FileSource] = deque()
        self._outbox_bytes = 0
        self._gathering_sends = False  # inside bytes_written's emit: sends wait for the pump
        self._pump_soon_due = False
        self._pump_soon = QTimer(self, singleShot=True, interval=0)
        self._pump_soon.timeout.connect(self._pump_when_due)
        self._after_drain: str | None = None  # "disconnect" or "half-close", once the queue is sent
        self._awaiting_reply_since_ns: int | None = None
        self._previous_state = SocketState.UnconnectedState

        self._connect_timer = QTimer(self)
        self._connect_timer.setSingleShot(True)
        self._connect_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._connect_timer.timeout.connect(self._give_up_connecting)
        self._reply_timer = QTimer(self)
        self._reply_timer.setSingleShot(True)
        self._reply_timer.timeout.connect(self._report_missing_reply)
        self.bulk_reading = False  # the kernel holds reads back until BULK_LOW_WATER bytes wait
        self._bulk_noted = False
        self._bulk_timer = QTimer(self)
        self._bulk_timer.setSingleShot(True)
        self._bulk_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._bulk_timer.setInterval(BULK_IDLE_MS)
        self._bulk_timer.timeout.connect(self._end_bulk_reading)

        self._reset_watch = _ResetWatch(self)
        self._socket: QTcpSocket = self._create_socket()

    # ----------------------------------------------------------------- socket set-up
    def _create_socket(self) -> QTcpSocket:
        sock = QTcpSocket(self)
        self._wire(sock)
        return sock

    def _wire(self, sock: QTcpSocket) -> None:
        sock.hostFound.connect(self._on_host_found)
        sock.stateChanged.connect(self._on_state_changed)
        sock.connected.connect(self._on_connected)
        sock.bytesWritten.connect(self._on_bytes_written)
        sock.readyRead.connect(self._on_ready_read)
        sock.readChannelFinished.connect(self._on_read_channel_finished)
        sock.disconnected.connect(self._on_disconnected)
        sock.errorOccurred.connect(self._on_error)

    # ----------------------------------------------------------------- public state
    @property
    def state(self) -> SocketState:
        return self._socket.state()

    @property
    def is_connected(self) -> bool:
        return self._socket.state() == SocketState.ConnectedState

    @property
    def is_idle(self) -> bool:
        return self._socket.state() == SocketState.UnconnectedState

    @property
    def pending_out(self) -> int:
        """Bytes handed to send() that the OS has not yet accepted."""
        return self._outbox_bytes + self._socket.bytesToWrite()

    @property
    def pending_in(self) -> int:
        """Bytes that arrived but have not been read (step mode or a read-buffer limit)."""
        return self._socket.bytesAvailable()

    # ----------------------------------------------------------------- operations
    def connect_to_host(self, host: str, port: int | str) -> bool:
        """Begin connecting (BeginConnect). Returns False, with an error event, for bad input."""
        try:
            host = parse_host(host)
            port = parse_port(port)
        except EndpointError as exc:
            self._report_error("InvalidEndpoint", str(exc))
            return False
        if not self.is_idle:
            self.abort()  # as Qt's fortune client does before every connectToHost()
        self._reset_connection_state()
        self.peer = format_endpoint(host, port)
        self._connect_timer.start(self.connect_timeout_ms)
        if not self._begin_connect(host, port):
            self._connect_timer.stop()
            return False
        return True

    def _begin_connect(self, host: str, port: int) -> bool:
        """The one step a TLS session does differently (connectToHostEncrypted)."""
        self._record(EventKind.CALL, f"connectToHost({host!r}, {port})", peer=self.peer)
        self._socket.connectToHost(host, port)
        return True

    def send(self, data: bytes) -> None:
        """Begin sending (BeginSend); bytes_written is the send callback."""
        self._check_can_send()
        if not data:
            return
        data = bytes(data)
        size = len(data)
        self.bytes_handed += size
        self.sends += 1
        self._record_traffic(EventKind.CALL, f"write(): {size} bytes", data, size, Direction.OUT)
        self.data_sent.emit(data)
        self._awaiting_reply_since_ns = self.clock.elapsed_ns()
        if self.receive_timeout_ms > 0:
            self._reply_timer.start(self.receive_timeout_ms)
        sock = self._socket
        qt_idle = not self._qt_holds() and not self._gathering_sends
        if qt_idle and not self._outbox and size <= WRITE_HIGH_WATER:
            sock.write(data)  # the usual case: Qt is idle and nothing waits before it
            return
        self._outbox.append(memoryview(data))
        self._outbox_bytes += size
        if qt_idle:
            self._pump_outbox()
        elif self._gathering_sends and not self._pump_soon_due:
            # Normally the pump after the listener returns; this is for a listener that
            # waits (a nested event loop) before it returns, while Qt may sit idle.
            self._pump_soon_due = True
            self._pump_soon.start()
        # Otherwise Qt is still writing, or a bytes_written listener is sending: a pump after
        # a later bytesWritten hands Qt what has queued by then, joined into big pieces (Qt
        # writes one piece per system call, so 1 MiB sends would each cost one).

    def send_file(self, source: FileSource) -> int:
        """Begin sending a file's bytes, behind whatever is queued. They are read a piece at a
        time as the socket drains, each piece one write() (and one record, bytes included).
        Takes `source` (an app.file_source.FileSource) over and closes it when it is sent or
        dropped, or at once if this raises NotConnectedError. Returns the file's size."""
        try:
            self._check_can_send()
        except NotConnectedError:
            source.close()
            raise
        size, name = source.left, source.name
        if not size:
            source.close()
            return 0
        self.bytes_handed += size
        self.sends += 1
        self._record(EventKind.NOTE, f"sending file {name}: {size} bytes, read {FILE_PIECE // 1024} KiB at a "
                     "time as the socket drains")
        self._awaiting_reply_since_ns = self.clock.elapsed_ns()
        if self.receive_timeout_ms > 0:
            self._reply_timer.start(self.receive_timeout_ms)
        self._outbox.append(source)
        self._outbox_bytes += size
        self._pump_outbox()
        return size

    def _check_can_send(self) -> None:
        if not self.is_connected:
            raise NotConnectedError("Not connected: connect to a server before sending.")
        if self.sending_shut:
            raise NotConnectedError("Our sending side is closed (half-close): we can only read now.")

    def disconnect_from_host(self) -> None:
        """Graceful close: whatever is queued is sent first, then FIN."""
        if self.is_idle:
            return
        if self.state != SocketState.ConnectedState:
            self.abort()
            return
        if self._outbox_bytes:
            self._after_drain = "disconnect"
            self._record(EventKind.NOTE, f"closing after {self.pending_out} queued bytes are sent")
            return
        self._closing_by_us = True
        self._record(EventKind.CALL, "disconnectFromHost()")
        self._socket.disconnectFromHost()

    def half_close(self) -> None:
        """Shut down our sending side (FIN) and keep reading, as the seed's server expects."""
        if not self.is_connected:
            return
        if self._after_drain == "disconnect":
            return  # already closing both ways once the queue is sent
        if self.pending_out:
            self._after_drain = "half-close"
            self._record(EventKind.NOTE, f"half-closing after {self.pending_out} queued bytes are sent")
            return
        self._shutdown_write()

    def abort(self) -> None:
        """Reset the connection at once (RST), dropping whatever is queued."""
        if self.is_idle:
            return
        self._closing_by_us = True
        self._record(EventKind.CALL, "abort()")
        dropped = self.pending_out
        self._unsent_noted = dropped
        self._clear_outbox()
        if self.is_connected:
            self._set_linger_zero()  # so the peer sees a reset, not an orderly close
        self._socket.abort()
        if dropped:
            self._record(EventKind.NOTE, f"abort dropped {dropped} unsent bytes")
        self.queues_changed.emit()

    def set_read_chunk_limit(self, limit: int) -> None:
        """Read at most `limit` bytes per readyRead callback (0 = all), like a 256-byte buffer."""
        self.read_chunk_limit = max(0, int(limit))
        self._end_bulk_reading()  # each readyRead must come as soon as one byte waits
        self._apply_read_buffer()
        self._reset_watch.watch_writes(self._reads_may_wait)

    @property
    def _reads_may_wait(self) -> bool:
        """Bytes may stay in Qt's buffer, so Qt may switch its read notifier off."""
        return self.step_mode or self.read_chunk_limit > 0

    def _apply_read_buffer(self) -> None:
        # Qt stops reading from the OS once its own buffer holds this much, so each
        # readyRead then carries at most `limit` bytes.
        self._socket.setReadBufferSize(self.read_chunk_limit or READ_AHEAD)

    def set_step_mode(self, enabled: bool) -> None:
        self.step_mode = bool(enabled)
        self._end_bulk_reading()
        self._reset_watch.watch_writes(self._reads_may_wait)
        if not enabled:
            self.waiting_callbacks = 0
            if self._socket.bytesAvailable():
                self._read_once("delivered: step mode turned off")
        self.queues_changed.emit()

    def deliver_next(self) -> int:
        """In step mode, run the next held-back receive callback. Returns the bytes read."""
        if not self._socket.bytesAvailable():
            self.waiting_callbacks = 0
            self.queues_changed.emit()
            return 0
        self.waiting_callbacks = max(0, self.waiting_callbacks - 1)
        n = self._read_once("delivered by Next")
        if self._socket.bytesAvailable() and not self.waiting_callbacks:
            self.waiting_callbacks = 1
        self.queues_changed.emit()
        return n

    # ----------------------------------------------------------------- slots: the callbacks
    def _on_host_found(self) -> None:
        self.timings.lookup_ms = self.clock.elapsed_ns() / 1e6
        self._record(EventKind.HOST_FOUND, "host name resolved")
        self.timings_changed.emit()

    def _on_state_changed(self, state: SocketState) -> None:
        old = self._previous_state
        self._previous_state = state
        self._record(EventKind.STATE, f"{state_name(old)} → {state_name(state)}",
                     extra={"old": state_name(old), "new": state_name(state)})
        self.state_changed.emit(state)

    def _on_connected(self) -> None:
        self._connect_timer.stop()
        self._reset_watch.watch(self._socket, writes=self._reads_may_wait)
        sock = self._socket
        address = sock.peerAddress().toString()
        port = sock.peerPort()
        self.peer = format_endpoint(address, port)
        self.timings.connect_ms = self.clock.elapsed_ns() / 1e6
        local = format_endpoint(sock.localAddress().toString(), sock.localPort())
        self._record(EventKind.CONNECTED, f"connected to {self.peer} (from {local})", peer=self.peer)
        self.connected.emit(address, port)
        self.timings_changed.emit()

    def _on_bytes_written(self, count: int) -> None:
        self.bytes_sent += count
        self._record_traffic(EventKind.BYTES_WRITTEN, f"{count} bytes", b"", count, Direction.NONE)
        self._gathering_sends = True  # what its listeners send joins the outbox, pumped below
        try:
            self.bytes_written.emit(count)
        finally:
            self._gathering_sends = False
        if self._pump_soon_due:  # the listener has returned: the pump below is soon enough
            self._pump_soon_due = False
            self._pump_soon.stop()
        if self._outbox or self._after_drain:
            self._pump_outbox()
        self.queues_changed.emit()

    def _on_ready_read(self) -> None:
        if self.step_mode:
            available = self._socket.bytesAvailable()
            self.waiting_callbacks += 1
            self._record(EventKind.READY_READ, f"bytesAvailable={available}, waiting for Next",
                         count=available)
            self.queues_changed.emit()
            return
        self._read_once()

    def _read_once(self, why: str = "") -> int:
        sock = self._socket
        available = sock.bytesAvailable()
        limit = self.read_chunk_limit
        if self.discard_received:
            # Nobody will look at the bytes: count them without copying them into Python.
            data = b""
            n = sock.skip(limit or available)
            if n <= 0:
                return 0
        else:
            data = (sock.read(limit) if limit else sock.readAll()).data()
            if not data:
                return 0
            n = len(data)
        if not self.bytes_received:
            self.timings.first_byte_ms = self.clock.elapsed_ns() / 1e6
            self.timings_changed.emit()
        if self._awaiting_reply_since_ns is not None:
            self._reply_timer.stop()
            self.timings.last_round_trip_ms = (self.clock.elapsed_ns() - self._awaiting_reply_since_ns) / 1e6
            self._awaiting_reply_since_ns = None
            self.timings_changed.emit()
        self.bytes_received += n
        self.reads += 1
        self._record_traffic(EventKind.READY_READ, why or ("" if data else "not kept"), data,
                             available if data else n, Direction.IN)
        if self.bulk_reading:
            self._bulk_timer.start()  # the stream goes on: keep the mark up
        elif available >= BULK_TRIGGER and not limit and not self.step_mode:
            self._begin_bulk_reading()
        if data:
            self.data_received.emit(data)
        return n

    def _begin_bulk_reading(self) -> None:
        if not set_receive_low_water(self._socket, BULK_LOW_WATER):
            return
        self.bulk_reading = True
        self._bulk_timer.start()
        if not self._bulk_noted:  # once per connection: a slow stream may come and go often
            self._bulk_noted = True
            self._record(EventKind.NOTE, f"data streams in: the OS now wakes us once {BULK_LOW_WATER // 1024} KiB "
                         f"wait (SO_RCVLOWAT), or {BULK_IDLE_MS} ms after a read")

    def _end_bulk_reading(self) -> None:
        self._bulk_timer.stop()
        if self.bulk_reading:
            self.bulk_reading = False
            set_receive_low_water(self._socket, 1)

    def _on_read_channel_finished(self) -> None:
        # Qt also finishes the read channel when we close; only an unasked-for end is the peer's.
        if self._closing_by_us:
            self._record(EventKind.READ_CHANNEL_FINISHED, "read channel closed (we closed)")
            return
        self.peer_has_closed = True
        self._record(EventKind.READ_CHANNEL_FINISHED, "peer reset the connection (RST)" if self._reset_watch.saw_reset
                     else "peer closed its sending side (FIN)")
        self.peer_closed.emit()

    def _on_disconnected(self) -> None:
        self._connect_timer.stop()
        self._reply_timer.stop()
        self._bulk_timer.stop()
        self.bulk_reading = False
        # Every byte that arrived is delivered before `disconnected`, whatever the read
        # limit; in step mode it stays in the socket's buffer for Next.
        if not self.step_mode:
            while self._socket.bytesAvailable():
                if not self._read_once("drained at close"):
                    break
        # What the OS never confirmed: when a connection fails, Qt empties its own write
        # buffer before `disconnected`, so pending_out alone would miss up to WRITE_HIGH_WATER.
        unsent = self.bytes_handed - self.bytes_sent - self._unsent_noted
        self._clear_outbox()
        if unsent:
            self._record(EventKind.NOTE, f"{unsent} bytes were never sent")
        self._record(EventKind.DISCONNECTED, "")
        self.disconnected.emit()
        self.queues_changed.emit()

    def _on_error(self, error: QAbstractSocket.SocketError) -> None:
        self._connect_timer.stop()
        if error == QAbstractSocket.SocketError.RemoteHostClosedError:
            self.peer_has_closed = True
            if self._reset_watch.saw_reset:
                self._report_error("ConnectionResetError", "The peer reset the connection (RST).")
                return
        self._report_error(error.name, self._socket.errorString())

    def _report_missing_reply(self) -> None:
        if self.is_connected:
            self._report_error("ReceiveTimeoutError",
                               f"No reply from {self.peer} within {self.receive_timeout_ms / 1000:g} s of the "
                               "last send; still connected.")

    def _give_up_connecting(self) -> None:
        if self.is_connected or self.is_idle:
            return
        seconds = self.connect_timeout_ms / 1000
        self._report_error("SocketTimeoutError",
                           f"No connection to {self.peer} after {seconds:g} s: gave up (abort()).")
        self.abort()

    # ----------------------------------------------------------------- helpers
    def _record_traffic(self, kind: EventKind, detail: str, data: bytes, count: int,
                        direction: Direction) -> None:
        """_record() for the per-chunk and per-write records: built positionally, without
        keyword packing, since it runs thousands of times a second."""
        self.event_recorded.emit(SessionEvent(kind, self.clock.elapsed_ns(), time.time(), detail, data, count,
                                              direction, threading.current_thread().name))

    def _reset_connection_state(self) -> None:
        self.clock.restart()
        self._reply_timer.stop()
        self.timings = PhaseTimings()
        self.bytes_sent = self.bytes_handed = self.bytes_received = 0
        self.reads = self.sends = 0
        self.peer_has_closed = False
        self._closing_by_us = False
        self._unsent_noted = 0
        self.sending_shut = False
        self._reset_watch.saw_reset = False
        self.waiting_callbacks = 0
        self._awaiting_reply_since_ns = None
        self._after_drain = None
        self._bulk_timer.stop()
        self.bulk_reading = self._bulk_noted = False
        self._clear_outbox()
        self._apply_read_buffer()
        self.timings_changed.emit()

    def _clear_outbox(self) -> None:
        for item in self._outbox:
            if type(item) is not memoryview:  # a FileSource
                item.close()
        self._outbox.clear()
        self._outbox_bytes = 0
        self._after_drain = None

    def _pump_when_due(self) -> None:
        self._pump_soon_due = False
        if self._outbox and self.is_connected:
            self._pump_outbox()
            self.queues_changed.emit()

    def _qt_holds(self) -> int:
        """What Qt has taken from us and the OS has not: the water marks' measure."""
        return self._socket.bytesToWrite()

    def _pump_outbox(self) -> None:
        sock = self._socket
        # Qt writes one buffered piece per system call, and a system call costs about as much
        # as 2 MiB of copying: Qt is topped up only once it is down to the low-water mark, so
        # that what it holds comes in big pieces (a GiB in ~270 writes instead of ~650-1 000).
        if self._qt_holds() <= WRITE_LOW_WATER:
            while self._outbox and (room := WRITE_HIGH_WATER - self._qt_holds()) > 0:
                head = self._outbox[0]
                if type(head) is not memoryview:  # a FileSource: read its next piece now
                    if not self._write_file_piece(head, min(FILE_PIECE, room)):
                        break
                    continue
                written = sock.write(self._next_piece(room))
                if written <= 0:
                    break
                self._drop_from_outbox(written)
        if self._after_drain and not self._outbox:
            if self._after_drain == "disconnect":
                self._after_drain = None
                self._closing_by_us = True
                self._record(EventKind.CALL, "disconnectFromHost()")
                sock.disconnectFromHost()  # Qt itself flushes what it still holds
            elif not self._qt_holds():  # a FIN must wait until Qt has written everything
                self._after_drain = None
                self._shutdown_write()

    def _next_piece(self, room: int) -> bytes | QByteArray:
        """The queued messages at the outbox's head, up to `room` bytes, as one write()'s
        worth. A whole message goes as it is; several, or part of one, are copied straight into
        one QByteArray: one copy either way, as write() copies a bytes object once itself."""
        views, size = [], 0
        for item in self._outbox:
            if type(item) is not memoryview or size == room:
                break  # a file waiting in the queue is read in its own turn
            view = item[:room - size]
            views.append(view)
            size += len(view)
        if len(views) == 1 and len(views[0]) == len(views[0].obj):
            return views[0].obj
        joined = QByteArray()
        joined.resize(size)  # uninitialised: every byte is filled below
        with memoryview(joined) as target:
            filled = 0
            for view in views:
                target[filled:filled + len(view)] = view
                filled += len(view)
        return joined

    def _drop_from_outbox(self, count: int) -> None:
        """Forget the first `count` queued bytes: Qt has them now."""
        self._outbox_bytes -= count
        outbox = self._outbox
        while count:
            head = outbox[0]
            if count < len(head):
                outbox[0] = head[count:]
                return
            outbox.popleft()
            count -= len(head)

    def _write_file_piece(self, head: FileSource, limit: int) -> bool:
        """Read the next piece of the file at the outbox's head and write() it."""
        try:
            piece = head.read(limit)
        except OSError as exc:
            piece, why = b"", f"could not be read: {exc.strerror}"
        else:
            why = "ended early (it shrank while being sent)"
        if not piece:  # the rest will never come: it no longer counts as handed to us
            self._record(EventKind.NOTE, f"file {head.name} {why}; {head.left} bytes not sent")
            self._outbox_bytes -= head.left
            self.bytes_handed -= head.left
            head.close()
            self._outbox.popleft()
            return True
        size = len(piece)
        self._record_traffic(EventKind.CALL, f"write(): {size} bytes", piece, size, Direction.OUT)
        self.data_sent.emit(piece)
        self._outbox_bytes -= size
        if not head.left:
            head.close()
            self._outbox.popleft()
        return self._socket.write(piece) > 0

    def _shutdown_write(self) -> None:
        self._record(EventKind.CALL, "shutdown(SHUT_WR)")
        try:
            shutdown_write(self._socket)
        except OSError as exc:
            self._report_error("HalfCloseError", f"Could not shut down sending: {exc.strerror}")
            return
        self.sending_shut = True
        self.sending_shut_changed.emit()
        self._record(EventKind.NOTE, "our sending side is closed; still reading until the peer closes")

    def _set_linger_zero(self) -> None:
        set_linger_zero(self._socket)


class _ResetWatch(QObject):
    """Tells a reset (RST) from an orderly close (FIN), which Qt reports alike.

    Qt's read sees 0 bytes either way and says RemoteHostClosedError. When a socket notifier
    fires, before Qt reads or writes, the kernel still knows: TCP_CLOSE after a reset, CLOSE_WAIT after
    a FIN (Linux). Elsewhere a reset stays reported as Qt reports it.

    The read notifier is always watched. The write notifier only while reads may be held back
    (step mode, a read limit): otherwise Qt keeps the read notifier on, and it comes first in
    the poll round that brings a reset. Watching writes as well cost ~5 µs a round trip.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.saw_reset = False
        self._socket: QTcpSocket | None = None

    def watch(self, sock: QTcpSocket, *, writes: bool) -> None:
        if not can_read_tcp_state():
            return
        for notifier in sock.findChildren(QSocketNotifier):
            kind = notifier.type()
            notifier.removeEventFilter(self)
            if kind == QSocketNotifier.Type.Read or (writes and kind == QSocketNotifier.Type.Write):
                notifier.installEventFilter(self)
        self._socket = sock
        self._fd = int(sock.socketDescriptor())  # the same for the whole connection

    def watch_writes(self, writes: bool) -> None:
        """Follow a change of step mode or read limit during a connection."""
        if self._socket is not None and self._socket.state() == QAbstractSocket.SocketState.ConnectedState:
            self.watch(self._socket, writes=writes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.SockAct and not self.saw_reset:
            # Runs for every watched notification; the notifier firing means Qt still holds
            # this descriptor open.
            self.saw_reset = tcp_state_of_descriptor(self._fd) == TCP_CLOSE
        return False

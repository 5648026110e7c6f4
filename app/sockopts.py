"""What Qt's sockets cannot do themselves: shutdown(SHUT_WR), SO_LINGER, the kernel's TCP state.

Each borrows the descriptor as a Python socket for one call and detaches it again, so Qt
keeps owning (and closing) it. Python's socket and ctypes modules load on first use, not
with the window (a few milliseconds of start-up, see README "Performance").
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    import socket as pysocket

# Linux's tcpi_state values (include/net/tcp_states.h).
TCP_CLOSE = 7  # after a reset (RST), or once fully closed
TCP_CLOSE_WAIT = 8  # the peer sent FIN; we have not closed yet


class borrowed_socket:  # noqa: N801 - used like the function-style context managers it resembles
    """`with borrowed_socket(qsocket) as raw:`; raw is None when there is no descriptor."""

    def __init__(self, qsocket: QObject) -> None:
        self._fd = int(qsocket.socketDescriptor())
        self._raw: pysocket.socket | None = None

    def __enter__(self) -> pysocket.socket | None:
        if self._fd < 0:
            return None
        import socket as pysocket

        self._raw = pysocket.socket(fileno=self._fd)
        return self._raw

    def __exit__(self, *exc) -> None:
        if self._raw is not None:
            self._raw.detach()


def can_read_tcp_state() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import socket as pysocket

    return hasattr(pysocket, "TCP_INFO")


def tcp_state(qsocket: QObject) -> int | None:
    """The kernel's TCP state of the socket (Linux), or None when it cannot be read."""
    return tcp_state_of_descriptor(int(qsocket.socketDescriptor()))


class _TcpInfoReader:
    """libc's getsockopt(2), called directly: ~1 µs, where borrowing the descriptor as a Python
    socket costs ~3 µs (it asks the kernel for family, type and protocol first). The session
    asks on every socket notification, so this is on the receive path. Loaded on first use."""

    def __init__(self) -> None:
        import socket as pysocket

        self.function = None
        try:
            import ctypes
        except ImportError:  # a Python built without ctypes: the state stays unknown
            return
        if can_read_tcp_state():
            try:
                function = ctypes.CDLL(None, use_errno=True).getsockopt
            except (OSError, AttributeError):
                function = None
            if function is not None:
                function.argtypes = (ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_void_p,
                                     ctypes.POINTER(ctypes.c_uint32))
                function.restype = ctypes.c_int
                self.function = function
        self.level, self.option = pysocket.IPPROTO_TCP, getattr(pysocket, "TCP_INFO", 0)
        self.info = ctypes.create_string_buffer(8)  # struct tcp_info starts with the one byte we need
        self.size = ctypes.c_uint32(8)

    def state(self, fd: int) -> int | None:
        if self.function is None:
            return None
        self.size.value = 8
        if self.function(fd, self.level, self.option, self.info, self.size) != 0:
            return None
        return self.info.raw[0]


_reader: _TcpInfoReader | None = None


def tcp_state_of_descriptor(fd: int) -> int | None:
    """Linux's tcpi_state for a socket descriptor, or None when it cannot be read."""
    global _reader
    if fd < 0:
        return None
    if _reader is None:
        _reader = _TcpInfoReader()
    return _reader.state(fd)


def set_linger_zero(qsocket: QObject) -> None:
    """Make the next close send RST instead of FIN (an abortive close)."""
    import socket as pysocket
    import struct

    with borrowed_socket(qsocket) as raw:
        if raw is not None:
            try:
                raw.setsockopt(pysocket.SOL_SOCKET, pysocket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass


def shutdown_write(qsocket: QObject) -> None:
    """Send FIN but keep reading (half-close). Raises OSError."""
    import socket as pysocket

    with borrowed_socket(qsocket) as raw:
        if raw is not None:
            raw.shutdown(pysocket.SHUT_WR)


def set_receive_low_water(qsocket: QObject, nbytes: int) -> bool:
    """Ask the kernel to report the socket readable only once `nbytes` wait (SO_RCVLOWAT),
    or the peer closed. Linux only: there poll() honours it for TCP and the kernel still
    wakes the reader when its receive memory runs short. Returns False where it is not set."""
    if not sys.platform.startswith("linux"):
        return False
    import socket as pysocket

    with borrowed_socket(qsocket) as raw:
        if raw is None:
            return False
        try:
            raw.setsockopt(pysocket.SOL_SOCKET, pysocket.SO_RCVLOWAT, max(1, int(nbytes)))
        except OSError:
            return False
    return True


def receive_low_water(qsocket: QObject) -> int | None:
    """The socket's SO_RCVLOWAT, or None when there is no descriptor (for tests and the bench)."""
    import socket as pysocket

    with borrowed_socket(qsocket) as raw:
        if raw is None:
            return None
        return raw.getsockopt(pysocket.SOL_SOCKET, pysocket.SO_RCVLOWAT)

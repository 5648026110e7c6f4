"""What Qt's sockets cannot do themselves: shutdown(SHUT_WR), SO_LINGER, the kernel's TCP state.

Each borrows the descriptor as a Python socket for one call and detaches it again, so Qt
keeps owning (and closing) it.
"""

from __future__ import annotations

import ctypes
import socket as pysocket
import struct
import sys

from PySide6.QtCore import QObject

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
        self._raw = pysocket.socket(fileno=self._fd)
        return self._raw

    def __exit__(self, *exc) -> None:
        if self._raw is not None:
            self._raw.detach()


def can_read_tcp_state() -> bool:
    return sys.platform.startswith("linux") and hasattr(pysocket, "TCP_INFO")


def tcp_state(qsocket: QObject) -> int | None:
    """The kernel's TCP state of the socket (Linux), or None when it cannot be read."""
    return tcp_state_of_descriptor(int(qsocket.socketDescriptor()))


def _load_getsockopt():
    """libc's getsockopt(2), called directly: ~1 µs, where borrowing the descriptor as a Python
    socket costs ~3 µs (it asks the kernel for family, type and protocol first). The session
    asks on every socket notification, so this is on the receive path."""
    if not can_read_tcp_state():
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).getsockopt
    except (OSError, AttributeError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32))
    function.restype = ctypes.c_int
    return function


_getsockopt = _load_getsockopt()
_tcp_info = ctypes.create_string_buffer(8)  # struct tcp_info starts with the one byte we need
_tcp_info_size = ctypes.c_uint32(8)


def tcp_state_of_descriptor(fd: int) -> int | None:
    """Linux's tcpi_state for a socket descriptor, or None when it cannot be read."""
    if fd < 0 or _getsockopt is None:
        return None
    _tcp_info_size.value = 8
    if _getsockopt(fd, pysocket.IPPROTO_TCP, pysocket.TCP_INFO, _tcp_info, _tcp_info_size) != 0:
        return None
    return _tcp_info.raw[0]


def set_linger_zero(qsocket: QObject) -> None:
    """Make the next close send RST instead of FIN (an abortive close)."""
    with borrowed_socket(qsocket) as raw:
        if raw is not None:
            try:
                raw.setsockopt(pysocket.SOL_SOCKET, pysocket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass


def shutdown_write(qsocket: QObject) -> None:
    """Send FIN but keep reading (half-close). Raises OSError."""
    with borrowed_socket(qsocket) as raw:
        if raw is not None:
            raw.shutdown(pysocket.SHUT_WR)

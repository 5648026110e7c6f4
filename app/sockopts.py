"""What Qt's sockets cannot do themselves: shutdown(SHUT_WR), SO_LINGER, the kernel's TCP state.

Each borrows the descriptor as a Python socket for one call and detaches it again, so Qt
keeps owning (and closing) it.
"""

from __future__ import annotations

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
    if not can_read_tcp_state():
        return None
    with borrowed_socket(qsocket) as raw:
        if raw is None:
            return None
        try:
            return raw.getsockopt(pysocket.IPPROTO_TCP, pysocket.TCP_INFO, 8)[0]
        except OSError:
            return None


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

"""Checking what the user typed as host and port, with messages a person can act on."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtNetwork import QHostAddress

_LABEL = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")


class EndpointError(ValueError):
    """The host or port cannot be used; str(error) is the message for the user."""


def parse_host(text: str) -> str:
    """Return the host as QTcpSocket wants it: a name, an IPv4 or a bare IPv6 literal."""
    # QtNetwork on first use: the port check (settings, the window's first frame) needs none of it.
    from PySide6.QtNetwork import QAbstractSocket, QHostAddress

    host = text.strip()
    if not host:
        raise EndpointError("Host is empty: type a name (localhost) or an address (127.0.0.1, ::1).")
    if host.startswith("[") or host.endswith("]"):
        inner = host[1:-1] if host.startswith("[") and host.endswith("]") else ""
        if inner and QHostAddress(inner).protocol() == QAbstractSocket.NetworkLayerProtocol.IPv6Protocol:
            return inner
        raise EndpointError(f"Host {text.strip()!r}: brackets must hold an IPv6 address, like [::1].")
    if QHostAddress(host).protocol() != QAbstractSocket.NetworkLayerProtocol.UnknownNetworkLayerProtocol:
        return host
    if re.fullmatch(r"[0-9.]+", host):
        raise EndpointError(f"Host {host!r} is not a valid IPv4 address (four numbers 0-255, like 127.0.0.1).")
    if host.count(":") == 1 and host.rsplit(":", 1)[1].isdigit():
        raise EndpointError(f"Host {host!r} contains a port: put {host.rsplit(':', 1)[1]} in the port field.")
    if ":" in host:
        raise EndpointError(f"Host {host!r} is not a valid IPv6 address.")
    name = host[:-1] if host.endswith(".") else host
    if len(name) > 253:
        raise EndpointError(f"Host name is {len(name)} characters long; at most 253 are allowed.")
    for label in name.split("."):
        if not _LABEL.match(label):
            bad = next((i for i, ch in enumerate(host) if not (ch.isalnum() or ch in "-_.")), None)
            where = f" (character {bad + 1}: {host[bad]!r})" if bad is not None else ""
            raise EndpointError(f"Host {host!r} is not a valid host name{where}.")
    return host


def parse_port(text: str | int) -> int:
    raw = str(text).strip()
    if not raw:
        raise EndpointError("Port is empty: type a number from 1 to 65535.")
    if not raw.isdigit():
        raise EndpointError(f"Port {raw!r} is not a number: type a number from 1 to 65535.")
    port = int(raw)
    if not 1 <= port <= 65535:
        raise EndpointError(f"Port {port} is out of range: use 1 to 65535.")
    return port


def format_endpoint(host: str, port: int) -> str:
    """`127.0.0.1:7000`, `[::1]:7000`: the way people write an address with a port."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def plain_address(address: QHostAddress) -> str:
    """`::ffff:127.0.0.1` (an IPv4 peer seen by a dual-stack socket) -> `127.0.0.1`."""
    text = address.toString()
    if text.lower().startswith("::ffff:") and "." in text:
        return text[7:]
    return text

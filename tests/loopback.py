"""Peers for tests on 127.0.0.1, each recording what it saw: plain sockets in a thread, and a
TLS echo server in the Qt event loop."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

import trustme
from PySide6.QtCore import QObject
from PySide6.QtNetwork import (
    QHostAddress,
    QSslCertificate,
    QSslConfiguration,
    QSslServer,
    QSslSocket,
)

from app.tls import load_private_key

CLIENT_TIMEOUT_S = 5.0


class ThreadClient:
    """A blocking client that connects and reads until EOF in its own thread."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock: socket.socket | None = None
        self.received = bytearray()
        self.connected = threading.Event()
        self.closed_by_server = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=CLIENT_TIMEOUT_S)
            self.connected.set()
            while chunk := self.sock.recv(65536):
                self.received += chunk
            self.closed_by_server.set()
        except OSError:
            pass

    @property
    def peer(self) -> str:
        return "127.0.0.1:%d" % self.sock.getsockname()[1]

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)  # a few bytes: the kernel takes them at once

    def close(self) -> None:
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)  # wakes the reading thread
            except OSError:
                pass
            self.sock.close()
        self.thread.join(CLIENT_TIMEOUT_S)


class ThreadedPeer:
    """Accepts one connection and runs `script(conn)` on it in a thread."""

    def __init__(self, script: Callable[[socket.socket], None], host: str = "127.0.0.1") -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.listener = socket.socket(family, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((host, 0))
        self.listener.listen(8)
        self.listener.settimeout(10)
        self.port = self.listener.getsockname()[1]
        self.received = bytearray()
        self.error: BaseException | None = None
        self.done = threading.Event()
        self._script = script
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn, _ = self.listener.accept()
            with conn:
                conn.settimeout(10)
                self._script(conn)
        except BaseException as exc:  # reported to the test through .error
            self.error = exc
        finally:
            self.listener.close()
            self.done.set()

    def recv_until_eof(self, conn: socket.socket) -> bytes:
        while chunk := conn.recv(65536):
            self.received += chunk
        return bytes(self.received)


def wait_until_sending_stalls(qtbot, signal, quiet_ms: int = 300) -> None:
    """Wait until `signal` (a bytes-written signal) stays quiet for `quiet_ms`: the peer's
    window and our kernel buffer are full. Fails if sending never stalls."""
    for _ in range(100):
        with qtbot.waitSignal(signal, timeout=quiet_ms, raising=False) as blocker:
            pass
        if not blocker.signal_triggered:
            return
    raise AssertionError("sending never stalled: is the peer reading after all?")


def free_port() -> int:
    """A port nobody listens on (connecting to it is refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


# ----------------------------------------------------------------------------- the window
LOOPBACK = "127.0.0.1"


def log_lines(window) -> list[str]:
    """Every row of the window's log as the view shows it."""
    model = window.log_model
    model.flush()
    return [model.row_text(i) for i in range(model.rowCount())]


def connect_window(qtbot, window, port: int, host: str = LOOPBACK) -> None:
    """Type host and port, click Connect, wait for `connected`."""
    window.hostEdit.setText(host)
    window.portEdit.setText(str(port))
    with qtbot.waitSignal(window.session.connected, timeout=3000):
        window.connectButton.click()


def activate(qtbot, window) -> None:
    """Shortcuts with a window context need the window to be the active one."""
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


class TlsEchoServer(QObject):
    """A QSslServer on 127.0.0.1 presenting `leaf`; echoes every byte and keeps what it received.
    With `client_ca`, it demands a client certificate issued by that CA."""

    def __init__(self, leaf: trustme.LeafCert, key_path: str, client_ca: trustme.CA | None = None) -> None:
        super().__init__()
        self.leaf, self.key_path = leaf, key_path
        configuration = QSslConfiguration.defaultConfiguration()
        configuration.setLocalCertificateChain([QSslCertificate(b.bytes()) for b in leaf.cert_chain_pems])
        configuration.setPrivateKey(load_private_key(key_path, "server key"))
        if client_ca is None:
            configuration.setPeerVerifyMode(QSslSocket.PeerVerifyMode.VerifyNone)
        else:
            configuration.setPeerVerifyMode(QSslSocket.PeerVerifyMode.VerifyPeer)
            configuration.setCaCertificates([QSslCertificate(client_ca.cert_pem.bytes())])
        self.server = QSslServer(self)
        self.server.setSslConfiguration(configuration)
        self.server.pendingConnectionAvailable.connect(self._accept)
        self.sockets: list[QSslSocket] = []
        self.received = bytearray()
        self.client_subjects: list[str] = []
        assert self.server.listen(QHostAddress(QHostAddress.SpecialAddress.LocalHost), 0)
        self.port = self.server.serverPort()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self.sockets.append(sock)
            peer_cert = sock.peerCertificate()
            if not peer_cert.isNull():
                self.client_subjects.append(peer_cert.subjectDisplayName())
            sock.readyRead.connect(self._echo)

    def _echo(self) -> None:
        sock = self.sender()
        data = sock.readAll().data()
        self.received += data
        sock.write(data)

    def close(self) -> None:
        for sock in self.sockets:
            sock.abort()
        self.server.close()

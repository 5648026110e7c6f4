"""TlsClientSession: ClientSession over QSslSocket, with verification on and no silent bypass.

A certificate the system (or the configured CA file) does not vouch for stops the
connection. The user can then trust that exact certificate for one more connection to the
same host:port; the trust is recorded as a visible event and forgotten after that attempt.
Widgets get plain-string summaries (`CertificateProblem`), never Qt SSL types.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from PySide6 import QtNetwork
from PySide6.QtCore import QCryptographicHash, QObject, Qt, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QSsl, QSslCertificate, QSslConfiguration, QSslError, QSslKey, QSslSocket, QTcpSocket

from .address import format_endpoint
from .events import EventKind
from .session import ClientSession


class TlsSetupError(ValueError):
    """A CA, certificate or key file cannot be used; str(error) is the message for the user."""


@dataclass
class TlsOptions:
    verify_name: str = ""
    """The name the server certificate must carry; "" = the host we connect to."""
    ca_file: str = ""
    """Extra CA certificates (PEM), trusted on top of the system ones."""
    client_cert_file: str = ""
    """Our certificate (PEM, optionally followed by its chain), for servers that ask for one."""
    client_key_file: str = ""
    """The private key (PEM, unencrypted) that belongs to client_cert_file."""


@dataclass(frozen=True)
class CertificateSummary:
    subject: str
    issuer: str
    not_before: str
    not_after: str
    sha256: str
    """Upper-case hex pairs separated by colons, as browsers show it."""


@dataclass(frozen=True)
class CertificateProblem:
    error: str
    subject: str = ""
    issuer: str = ""
    not_before: str = ""
    not_after: str = ""
    sha256: str = ""


# ----------------------------------------------------------------------------- helpers
# Qt's SSL classes are looked up in QtNetwork when first used: a plain TCP session never
# loads their Python types (start-up time, see README "Performance").
_PROTOCOL_NAMES = {"TlsV1_0": "TLS 1.0", "TlsV1_1": "TLS 1.1", "TlsV1_2": "TLS 1.2", "TlsV1_3": "TLS 1.3"}


def protocol_name(protocol: QSsl.SslProtocol) -> str:
    return _PROTOCOL_NAMES.get(protocol.name, protocol.name)


def _distinguished_name(cert: QSslCertificate, *, issuer: bool) -> str:
    attributes = cert.issuerInfoAttributes() if issuer else cert.subjectInfoAttributes()
    lookup = cert.issuerInfo if issuer else cert.subjectInfo
    parts = [
        f"{bytes(attribute.data()).decode('ascii', 'replace')}={value}"
        for attribute in attributes
        for value in lookup(attribute)
    ]
    if parts:
        return ", ".join(parts)
    return cert.issuerDisplayName() if issuer else cert.subjectDisplayName()


def certificate_sha256(cert: QSslCertificate) -> str:
    digest = cert.digest(QCryptographicHash.Algorithm.Sha256).data()
    return ":".join(f"{byte:02X}" for byte in digest)


def normalize_fingerprint(text: str) -> str:
    """Accept `ab:cd…`, `ABCD…` or `ab cd …`; return the canonical `AB:CD:…` form."""
    hex_digits = "".join(ch for ch in text if ch not in ": ").upper()
    return ":".join(hex_digits[i:i + 2] for i in range(0, len(hex_digits), 2))


def describe_certificate(cert: QSslCertificate) -> CertificateSummary:
    if cert.isNull():
        return CertificateSummary("", "", "", "", "")
    return CertificateSummary(
        subject=_distinguished_name(cert, issuer=False),
        issuer=_distinguished_name(cert, issuer=True),
        not_before=cert.effectiveDate().toUTC().toString(Qt.DateFormat.ISODate),
        not_after=cert.expiryDate().toUTC().toString(Qt.DateFormat.ISODate),
        sha256=certificate_sha256(cert),
    )


def describe_problem(error: QSslError) -> CertificateProblem:
    cert = error.certificate()
    summary = describe_certificate(cert) if not cert.isNull() else None
    if summary is None:
        return CertificateProblem(error.errorString())
    return CertificateProblem(error.errorString(), **asdict(summary))


def _read_file(path: str, what: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise TlsSetupError(f"{what} {path!r} cannot be read: {exc.strerror or exc}.") from exc


def load_certificates(path: str, what: str) -> list[QSslCertificate]:
    data = _read_file(path, what)
    certificates = [c for c in QtNetwork.QSslCertificate.fromData(data, QtNetwork.QSsl.EncodingFormat.Pem) if not c.isNull()]
    if not certificates:
        raise TlsSetupError(f"{what} {path!r} contains no PEM certificate (-----BEGIN CERTIFICATE-----).")
    return certificates


def load_private_key(path: str, what: str = "Client key file") -> QSslKey:
    data = _read_file(path, what)
    # QSslKey must be told the algorithm; a PEM file does not always say it, so try each.
    ssl = QtNetwork.QSsl
    for algorithm in (ssl.KeyAlgorithm.Rsa, ssl.KeyAlgorithm.Ec, ssl.KeyAlgorithm.Dsa):
        key = QtNetwork.QSslKey(data, algorithm, ssl.EncodingFormat.Pem, ssl.KeyType.PrivateKey)
        if not key.isNull():
            return key
    raise TlsSetupError(
        f"{what} {path!r} holds no usable private key: expected an unencrypted PEM RSA, EC or DSA key."
    )


def build_client_configuration(options: TlsOptions) -> QSslConfiguration:
    """The socket configuration for `options`; raises TlsSetupError with a message to show."""
    configuration = QtNetwork.QSslConfiguration.defaultConfiguration()
    configuration.setPeerVerifyMode(QtNetwork.QSslSocket.PeerVerifyMode.VerifyPeer)
    if options.ca_file:
        configuration.addCaCertificates(load_certificates(options.ca_file, "CA file"))
    if bool(options.client_cert_file) != bool(options.client_key_file):
        raise TlsSetupError("A client certificate needs both files: the certificate and its private key.")
    if options.client_cert_file:
        chain = load_certificates(options.client_cert_file, "Client certificate file")
        key = load_private_key(options.client_key_file)
        configuration.setLocalCertificateChain(chain)
        configuration.setPrivateKey(key)
    return configuration


@dataclass
class _PendingTrust:
    """Certificate errors the user accepted for exactly one more attempt at one endpoint."""

    endpoint: str
    errors: list[QSslError] = field(default_factory=list)
    fingerprints: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- the session
class TlsClientSession(ClientSession):
    certificate_rejected = Signal(list)  # list[CertificateProblem]
    encrypted = Signal(str, str)  # protocol ("TLS 1.3"), cipher name

    def __init__(self, parent: QObject | None = None, *, options: TlsOptions | None = None,
                 connect_timeout_ms: int = 10_000, tls_enabled: bool = True) -> None:
        # Read by _create_socket during the base class's __init__.
        self._tls_enabled = tls_enabled
        super().__init__(parent, connect_timeout_ms=connect_timeout_ms)
        self.options = options or TlsOptions()
        self.is_encrypted = False
        self.last_problems: list[CertificateProblem] = []
        self._target: tuple[str, int] | None = None
        self._rejected_target: tuple[str, int] | None = None
        self._rejected_errors: list[QSslError] = []
        self._pending_trust: _PendingTrust | None = None
        self._trusted_errors: list[QSslError] = []  # accepted for the current connection
        # The base class's connect timeout ends at the TCP connect; a port that accepts but
        # never speaks TLS would otherwise leave the handshake hanging for ever.
        self._handshake_timer = QTimer(self)
        self._handshake_timer.setSingleShot(True)
        self._handshake_timer.timeout.connect(self._give_up_handshake)
        if self._tls_enabled:  # _create_socket made a QSslSocket
            self._wire_tls(self._socket)

    # ----------------------------------------------------------------- socket set-up
    @property
    def tls_enabled(self) -> bool:
        return self._tls_enabled

    @tls_enabled.setter
    def tls_enabled(self, enabled: bool) -> None:
        """Plain TCP uses a QTcpSocket: the TLS backend (tens of ms to load) is only loaded,
        and QSslSocket's extra buffer only paid for, once TLS is switched on."""
        self._tls_enabled = bool(enabled)
        if self._tls_enabled and not isinstance(self._socket, QtNetwork.QSslSocket):
            self.abort()  # the window only switches while idle; anything else is reset, visibly
            old, self._socket = self._socket, self._create_socket()
            old.deleteLater()
            self._wire_tls(self._socket)

    def _create_socket(self) -> QTcpSocket:
        if not self._tls_enabled:
            return super()._create_socket()
        sock = QtNetwork.QSslSocket(self)
        self._wire(sock)
        sock.encrypted.connect(self._on_encrypted)
        sock.encryptedBytesWritten.connect(self._on_encrypted_bytes_written)
        sock.sslErrors.connect(self._on_ssl_errors)
        sock.peerVerifyError.connect(self._on_peer_verify_error)
        return sock

    def _wire_tls(self, sock: QSslSocket) -> None:
        sock.connected.connect(self._start_handshake_timer)
        sock.disconnected.connect(self._handshake_timer.stop)

    def _qt_holds(self) -> int:
        # QSslSocket's bytesToWrite() counts only what it has not encrypted yet, and it emits
        # bytesWritten once it has: the ciphertext still waiting for the OS counts too, or
        # the water marks would let a peer that never reads fill memory with it.
        sock = self._socket
        if isinstance(sock, QtNetwork.QSslSocket):
            return sock.bytesToWrite() + sock.encryptedBytesToWrite()
        return sock.bytesToWrite()

    def _on_encrypted_bytes_written(self, _count: int) -> None:
        # Ciphertext drains after bytesWritten has fired: the outbox is topped up from here too.
        if self._outbox or self._after_drain:
            self._pump_outbox()
            self.queues_changed.emit()

    # ----------------------------------------------------------------- operations
    def _begin_connect(self, host: str, port: int) -> bool:
        if not self.tls_enabled:  # TLS switched off: a QSslSocket, if one was made, speaks plain TCP
            self.is_encrypted = False
            return super()._begin_connect(host, port)
        try:
            configuration = build_client_configuration(self.options)
        except TlsSetupError as exc:
            self._report_error("TlsSetupError", str(exc))
            return False
        sock: QSslSocket = self._socket
        self.is_encrypted = False
        self.last_problems = []
        self._target = (host, port)
        sock.setSslConfiguration(configuration)
        # Always set the list: QSslSocket keeps it across connections, and an empty list
        # is how an earlier one-time trust is forgotten.
        self._trusted_errors = self._take_trust_for(host, port)
        sock.ignoreSslErrors(self._trusted_errors)
        peer_name = self.options.verify_name.strip() or host
        self._record(EventKind.CALL, f"connectToHostEncrypted({host!r}, {port}, {peer_name!r})",
                     peer=self.peer, extra={"verify_name": peer_name})
        sock.connectToHostEncrypted(host, port, peer_name)
        return True

    def half_close(self) -> None:
        if not self.is_encrypted:
            super().half_close()
            return
        # A bare FIN under TLS looks like a truncation attack to the peer, and QSslSocket
        # has no way to send close_notify alone.
        if self.is_connected:
            self._report_error("HalfCloseError",
                               "Half-close is not available over TLS: use Disconnect to close both ways.")

    def trust_certificate_for_next_connect(self, sha256: str) -> bool:
        """Accept the errors of the last rejection that concern certificate `sha256`, for the
        next connection to that same host:port only. Returns False if no such certificate."""
        wanted = normalize_fingerprint(sha256)
        errors = [e for e in self._rejected_errors
                  if not e.certificate().isNull() and certificate_sha256(e.certificate()) == wanted]
        return self._set_trust(errors)

    def trust_once_and_reconnect(self) -> bool:
        """Accept every certificate the last rejection showed, then connect again to the same
        host:port. Returns False (nothing trusted) if there was no rejection to act on."""
        errors = [e for e in self._rejected_errors if not e.certificate().isNull()]
        if not self._set_trust(errors):
            return False
        host, port = self._rejected_target
        return self.connect_to_host(host, port)

    def _set_trust(self, errors: list[QSslError]) -> bool:
        if not errors or self._rejected_target is None:
            return False
        endpoint = format_endpoint(*self._rejected_target)
        fingerprints = sorted({certificate_sha256(e.certificate()) for e in errors})
        self._pending_trust = _PendingTrust(endpoint, errors, fingerprints)
        self._record(EventKind.NOTE,
                     f"user chose to trust certificate SHA-256 {', '.join(fingerprints)} "
                     f"for the next connection to {endpoint} only", peer=endpoint)
        return True

    def _take_trust_for(self, host: str, port: int) -> list[QSslError]:
        trust, self._pending_trust = self._pending_trust, None
        if trust is None:
            return []
        endpoint = format_endpoint(host, port)
        if trust.endpoint != endpoint:
            self._record(EventKind.NOTE, f"trust for {trust.endpoint} discarded: connecting to {endpoint}",
                         peer=endpoint)
            return []
        self._record(EventKind.NOTE,
                     f"trusting certificate SHA-256 {', '.join(trust.fingerprints)} for this connection only",
                     peer=endpoint, extra={"sha256": trust.fingerprints,
                                           "errors": [e.errorString() for e in trust.errors]})
        return list(trust.errors)

    # ----------------------------------------------------------------- slots
    def _start_handshake_timer(self) -> None:
        if self._tls_enabled:  # the QSslSocket stays after TLS is switched off, speaking plain TCP
            self._handshake_timer.start(self.connect_timeout_ms)

    def _give_up_handshake(self) -> None:
        if self.is_encrypted or self.is_idle or not self._tls_enabled:
            return
        seconds = self.connect_timeout_ms / 1000
        self._report_error("SslHandshakeTimeoutError",
                           f"{self.peer} accepted the connection but sent no TLS handshake within "
                           f"{seconds:g} s: is this a TLS port? Gave up (abort()).")
        self.abort()

    def _on_encrypted(self) -> None:
        self._handshake_timer.stop()
        sock: QSslSocket = self._socket
        self.is_encrypted = True
        protocol = protocol_name(sock.sessionProtocol())
        cipher = sock.sessionCipher()
        chain = [describe_certificate(c) for c in sock.peerCertificateChain()]
        chain_text = "; ".join(f"[{i}] {c.subject} (issued by {c.issuer})" for i, c in enumerate(chain))
        self._record(EventKind.ENCRYPTED,
                     f"{protocol}, cipher {cipher.name()} ({cipher.usedBits()} bits); chain: {chain_text}",
                     peer=self.peer,
                     extra={"protocol": protocol, "cipher": cipher.name(), "bits": cipher.usedBits(),
                            "chain": [{"subject": c.subject, "issuer": c.issuer, "sha256": c.sha256}
                                      for c in chain]})
        self.encrypted.emit(protocol, cipher.name())

    def _on_peer_verify_error(self, error: QSslError) -> None:
        self._record(EventKind.NOTE, f"peer verification: {error.errorString()}", peer=self.peer)

    def _on_ssl_errors(self, errors: list[QSslError]) -> None:
        # QSslSocket reports the errors even when all of them were accepted beforehand with
        # ignoreSslErrors(list); then the handshake goes on and this is no rejection.
        problems = [describe_problem(e) for e in errors]
        if self._trusted_errors and all(e in self._trusted_errors for e in errors):
            self._record(EventKind.SSL_ERRORS,
                         "accepted for this connection by the user: " + "; ".join(p.error for p in problems),
                         peer=self.peer, extra={"problems": [asdict(p) for p in problems], "trusted": True})
            return
        # Deliberately no ignoreSslErrors() here: QSslSocket then aborts the handshake.
        self._rejected_errors = list(errors)
        self._rejected_target = self._target
        self.last_problems = problems
        self._record(EventKind.SSL_ERRORS,
                     "certificate rejected: " + "; ".join(p.error for p in problems),
                     peer=self.peer, extra={"problems": [asdict(p) for p in problems]})
        self.certificate_rejected.emit(problems)

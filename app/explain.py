"""Words and code for one socket event, for teaching.

Each `SessionEvent` gets three explanations:

* `dotnet_equivalent` — the matching step of the classic .NET asynchronous client socket
  (BeginConnect/ConnectCallback, BeginSend/SendCallback, BeginReceive/ReceiveCallback), which
  many courses still teach, so students can map what they know onto Qt's signals;
* `plain_explanation` — one sentence in plain language about what just happened on the wire;
* `code_for` — the ClientSession method that produced the event, read from the running code
  with `inspect`, so the code on the projector can never drift from the code that ran.

Some events mean different things depending on what came before: Qt emits
readChannelFinished both when the peer closes and when we close ourselves. `ExplainContext`
carries that history; `Explainer` keeps it up to date for a stream of events.
"""

from __future__ import annotations

import functools
import inspect
import textwrap
from dataclasses import dataclass, replace

from .events import Direction, EventKind, SessionEvent
from .session import ClientSession


@dataclass(frozen=True, slots=True)
class ExplainContext:
    """What happened earlier on the same connection."""

    peer_closed: bool = False
    """The peer ended the connection (its FIN or reset reached us)."""
    we_closed: bool = False
    """We called disconnectFromHost() or abort() ourselves."""


NO_CONTEXT = ExplainContext()


# ===================================================================== helpers
def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _call_name(event: SessionEvent) -> str:
    """`connectToHost('x', 1)` -> `connectToHost`; `write(): 5 bytes` -> `write`."""
    if event.kind is EventKind.CALL and event.direction is Direction.OUT:
        return "write"
    return event.detail.split("(", 1)[0].strip()


def _error_name(event: SessionEvent) -> str:
    return event.extra.get("name") or event.detail.split(" — ", 1)[0].strip()


def _error_message(event: SessionEvent) -> str:
    return event.extra.get("message") or event.detail.split(" — ", 1)[-1].strip()


def _bytes_read(event: SessionEvent) -> int:
    return len(event.data)


def _new_state(event: SessionEvent) -> str:
    return event.extra.get("new") or event.detail.rsplit("→", 1)[-1].strip()


def _we_closed(event: SessionEvent, context: ExplainContext) -> bool:
    """For readChannelFinished: Qt emits it for our own close too; the session marks that case."""
    return "we closed" in event.detail or (context.we_closed and not context.peer_closed)


# ===================================================================== .NET counterpart
# Qt's error names against the SocketError a .NET SocketException would carry.
_SOCKET_ERRORS = {
    "ConnectionRefusedError": "SocketException (ConnectionRefused)",
    "HostNotFoundError": "SocketException (HostNotFound)",
    "SocketTimeoutError": "SocketException (TimedOut)",
    "NetworkError": "SocketException (NetworkUnreachable)",
    "SocketAccessError": "SocketException (AccessDenied)",
    "SocketResourceError": "SocketException (NoBufferSpaceAvailable)",
    "AddressInUseError": "SocketException (AddressAlreadyInUse)",
    "SocketAddressNotAvailableError": "SocketException (AddressNotAvailable)",
    "UnsupportedSocketOperationError": "SocketException (OperationNotSupported)",
    "HalfCloseError": "SocketException from Shutdown(SocketShutdown.Send)",
    "InvalidEndpoint": "ArgumentException (before BeginConnect() is even called)",
    "SslHandshakeFailedError": "AuthenticationException from EndAuthenticateAsClient()",
    "SslHandshakeTimeoutError": "no EndAuthenticateAsClient() in time: give up with Close()",
    "TlsSetupError": "ArgumentException or CryptographicException loading the certificate, before BeginConnect()",
}

_CALLS = {
    "connectToHost": "BeginConnect()",
    "connectToHostEncrypted": "BeginConnect(), then SslStream.BeginAuthenticateAsClient()",
    "write": "BeginSend()",
    "disconnectFromHost": "Shutdown(Both) + Close()",
    "shutdown": "Shutdown(SocketShutdown.Send)",
    "abort": "Close() with LingerState(true, 0)",
}

_STATES = {
    "HostLookup": "Dns.BeginGetHostEntry()",
    "Connecting": "BeginConnect() in progress: ConnectCallback has not run yet",
}

SERVER_CLOSED = "EndReceive() = 0: the server closed"


def dotnet_equivalent(event: SessionEvent, context: ExplainContext = NO_CONTEXT) -> str:
    """The classic .NET APM step (Begin…/…Callback/End…) for this event; "" if there is none."""
    kind = event.kind
    if kind is EventKind.CALL:
        return _CALLS.get(_call_name(event), "")
    if kind is EventKind.HOST_FOUND:
        return "Dns.BeginGetHostEntry() completed → EndGetHostEntry()"
    if kind is EventKind.STATE:
        return _STATES.get(_new_state(event), "")
    if kind is EventKind.CONNECTED:
        return "ConnectCallback → EndConnect()"
    if kind is EventKind.BYTES_WRITTEN:
        return f"SendCallback → EndSend(): Sent {event.count} bytes"
    if kind is EventKind.READY_READ:
        if event.data:
            return f"ReceiveCallback → EndReceive() = {_bytes_read(event)}, then BeginReceive() again"
        # Step mode: in .NET this is the time before anyone calls BeginReceive().
        return "no BeginReceive() pending yet: nothing runs, the data waits"
    if kind is EventKind.READ_CHANNEL_FINISHED:
        if _we_closed(event, context):
            return "our own Close(): no more receives (no EndReceive() = 0 here)"
        return SERVER_CLOSED
    if kind is EventKind.DISCONNECTED:
        if context.peer_closed:
            return SERVER_CLOSED
        return "Close() has returned (.NET has no callback for it)"
    if kind is EventKind.ERROR:
        name = _error_name(event)
        if name == "RemoteHostClosedError":
            # Qt reports an orderly close and a reset with the same error.
            return "EndReceive() = 0 — or SocketException (ConnectionReset) if the peer reset"
        return _SOCKET_ERRORS.get(name, f"SocketException ({name})")
    if kind is EventKind.ENCRYPTED:
        return "SslStream.EndAuthenticateAsClient()"
    if kind is EventKind.SSL_ERRORS:
        return "RemoteCertificateValidationCallback returned false"
    return ""


# ===================================================================== plain language
_STATE_WORDS = {
    "HostLookup": "looking up the host name; connectToHost() has already returned",
    "Connecting": "the SYN is on its way; the event loop keeps running",
    "Connected": "the three-way handshake is done (SYN, SYN-ACK, ACK)",
    "Closing": "we are closing: bytes still queued go out before our FIN",
    "Unconnected": "the socket is closed and could connect again",
    "Bound": "the socket has a local address but no peer",
    "Listening": "the socket waits for incoming connections",
}

_ERROR_WORDS = {
    "ConnectionRefusedError": "nothing listens on that port: the peer answered our SYN with a reset (RST)",
    "RemoteHostClosedError": "the peer closed the connection",
    "HostNotFoundError": "the host name could not be resolved to an address",
    "SocketTimeoutError": "no answer in time, so we gave up",
    "InvalidEndpoint": "the host or port is not valid, so nothing was sent",
    "NetworkError": "the network failed underneath the connection",
    "HalfCloseError": "our sending side could not be shut down on its own",
    "SslHandshakeTimeoutError": "the server accepted the connection but never answered the TLS handshake",
    "TlsSetupError": "the TLS settings (certificate or key files) could not be used, so nothing was sent",
}


def plain_explanation(event: SessionEvent, context: ExplainContext = NO_CONTEXT) -> str:
    """One short sentence, without jargon where possible, about what this event means."""
    kind = event.kind
    if kind is EventKind.CALL:
        name = _call_name(event)
        if name == "write":
            return (f"{_plural(len(event.data), 'byte')} handed to write(); it returns at once "
                    "and bytesWritten reports later when the OS took them")
        if name == "connectToHost":
            return "connecting begins; connectToHost() returns at once and the outcome arrives as signals"
        if name == "connectToHostEncrypted":
            return "connecting begins, then the TLS handshake; the call returns at once"
        if name == "disconnectFromHost":
            return "we close gracefully: queued bytes are sent first, then our FIN"
        if name == "shutdown":
            return "we send FIN but keep reading: the peer sees end-of-stream and can still answer"
        if name == "abort":
            return "we reset the connection at once (RST); anything still queued is dropped"
        return f"we called {event.detail}"
    if kind is EventKind.HOST_FOUND:
        return "the host name was resolved to an address; next comes the TCP handshake"
    if kind is EventKind.STATE:
        return _STATE_WORDS.get(_new_state(event), f"the socket is now {_new_state(event)}")
    if kind is EventKind.CONNECTED:
        return "the connection is open: from now on we can send and receive"
    if kind is EventKind.BYTES_WRITTEN:
        return (f"the OS accepted {_plural(event.count, 'byte')} for sending; "
                "the peer has not necessarily read them yet")
    if kind is EventKind.READY_READ:
        if not event.data:
            return (f"{_plural(event.count, 'byte')} arrived; the data waits in the socket's buffer "
                    "until we read it")
        n = _bytes_read(event)
        if event.count > n:
            return (f"{_plural(n, 'byte')} read of {event.count} waiting (the read buffer is limited); "
                    "the rest comes in the next callback")
        return (f"{_plural(n, 'byte')} arrived and were read; more may follow — "
                "TCP has no message boundaries")
    if kind is EventKind.READ_CHANNEL_FINISHED:
        if _we_closed(event, context):
            return "we closed, so nothing more will be read"
        return "the peer sent FIN: no more data will come from it (a read now returns 0 bytes)"
    if kind is EventKind.DISCONNECTED:
        if context.peer_closed:
            return "the connection is fully closed; the peer closed first"
        return "the connection is fully closed"
    if kind is EventKind.ERROR:
        name = _error_name(event)
        return _ERROR_WORDS.get(name, f"the operation failed: {_error_message(event)}")
    if kind is EventKind.ENCRYPTED:
        return "the TLS handshake finished; from now on everything on the wire is encrypted"
    if kind is EventKind.SSL_ERRORS:
        return "the server's certificate could not be verified, so the handshake stops"
    if kind is EventKind.NOTE:
        return "a remark from Socket Tester itself, not a socket callback"
    return ""


def explain(event: SessionEvent, context: ExplainContext = NO_CONTEXT) -> str:
    """Both explanations in one line: "BeginSend() · 5 bytes handed to write(); …"."""
    parts = [dotnet_equivalent(event, context), plain_explanation(event, context)]
    return " · ".join(part for part in parts if part)


_CONTEXT_KINDS = frozenset({EventKind.CALL, EventKind.READ_CHANNEL_FINISHED, EventKind.ERROR})


class Explainer:
    """Explains a stream of events from one session, remembering who closed first."""

    def __init__(self) -> None:
        self.context = NO_CONTEXT

    def observe(self, event: SessionEvent) -> ExplainContext:
        """Take `event` into account; returns the context that applies to `event` itself."""
        # Only calls on the socket (not the write() that carries data) and the ends of a
        # connection change what is remembered; the rest, thousands a second, pass at once.
        if event.kind not in _CONTEXT_KINDS or event.direction is Direction.OUT:
            return self.context
        self._before(event)
        context = self.context
        self._after(event)
        return context

    def explain(self, event: SessionEvent) -> str:
        return explain(event, self.observe(event))

    def _before(self, event: SessionEvent) -> None:
        if event.kind is EventKind.CALL:
            name = _call_name(event)
            if name.startswith("connectToHost"):
                self.context = NO_CONTEXT
            elif name in ("disconnectFromHost", "abort"):
                self.context = replace(self.context, we_closed=True)

    def _after(self, event: SessionEvent) -> None:
        peer_ended = (
            (event.kind is EventKind.READ_CHANNEL_FINISHED and not _we_closed(event, self.context))
            or (event.kind is EventKind.ERROR and _error_name(event) == "RemoteHostClosedError")
        )
        if peer_ended:
            self.context = replace(self.context, peer_closed=True)


# ===================================================================== the code that ran
@dataclass(frozen=True, slots=True)
class _CodeRef:
    methods: tuple[str, ...]
    role: str


def _code_ref(event: SessionEvent) -> _CodeRef:
    kind = event.kind
    if kind is EventKind.CALL:
        name = _call_name(event)
        calls = {
            "connectToHost": _CodeRef(("connect_to_host", "_begin_connect"), "calls QTcpSocket.connectToHost()"),
            "connectToHostEncrypted": _CodeRef(("connect_to_host", "_begin_connect"),
                                               "calls QSslSocket.connectToHostEncrypted()"),
            "write": _CodeRef(("send", "_pump_outbox", "_next_piece"), "calls QTcpSocket.write()"),
            "disconnectFromHost": _CodeRef(("disconnect_from_host", "_pump_outbox"),
                                           "calls QTcpSocket.disconnectFromHost()"),
            "shutdown": _CodeRef(("half_close", "_shutdown_write"), "calls shutdown(SHUT_WR)"),
            "abort": _CodeRef(("abort", "_set_linger_zero"), "calls QTcpSocket.abort()"),
        }
        return calls.get(name, _CodeRef(("_record",), "records every call and callback"))
    if kind is EventKind.READY_READ:
        if not event.data:
            return _CodeRef(("_on_ready_read",), "slot for QTcpSocket.readyRead")
        if event.detail == "delivered by Next":
            return _CodeRef(("deliver_next", "_read_once"), "run by the Next callback button")
        if event.detail.startswith("delivered: step mode"):
            return _CodeRef(("set_step_mode", "_read_once"), "run when step mode is turned off")
        if event.detail == "drained at close":
            return _CodeRef(("_on_disconnected", "_read_once"), "slot for QTcpSocket.disconnected")
        return _CodeRef(("_on_ready_read", "_read_once"), "slot for QTcpSocket.readyRead")
    if kind is EventKind.ERROR:
        name = _error_name(event)
        if name == "SocketTimeoutError":
            return _CodeRef(("_give_up_connecting", "_report_error"), "run by the connect timer")
        if name in ("InvalidEndpoint", "TlsSetupError"):
            return _CodeRef(("connect_to_host", "_report_error"), "checks the address before connecting")
        if name == "HalfCloseError":
            return _CodeRef(("half_close", "_shutdown_write", "_report_error"), "half-closes the connection")
        if name == "SslHandshakeTimeoutError":
            return _CodeRef(("_give_up_handshake", "_report_error"), "run by the handshake timer")
        return _CodeRef(("_on_error", "_report_error"), "slot for QTcpSocket.errorOccurred")
    slots = {
        EventKind.HOST_FOUND: _CodeRef(("_on_host_found",), "slot for QTcpSocket.hostFound"),
        EventKind.STATE: _CodeRef(("_on_state_changed",), "slot for QTcpSocket.stateChanged"),
        EventKind.CONNECTED: _CodeRef(("_on_connected",), "slot for QTcpSocket.connected"),
        EventKind.BYTES_WRITTEN: _CodeRef(("_on_bytes_written",), "slot for QTcpSocket.bytesWritten"),
        EventKind.READ_CHANNEL_FINISHED: _CodeRef(("_on_read_channel_finished",),
                                                  "slot for QTcpSocket.readChannelFinished"),
        EventKind.DISCONNECTED: _CodeRef(("_on_disconnected",), "slot for QTcpSocket.disconnected"),
        EventKind.ENCRYPTED: _CodeRef(("_on_encrypted",), "slot for QSslSocket.encrypted"),
        EventKind.SSL_ERRORS: _CodeRef(("_on_ssl_errors",), "slot for QSslSocket.sslErrors"),
    }
    return slots.get(kind, _CodeRef(("_record",), "records every call and callback"))


@functools.lru_cache(maxsize=128)
def _source_of(function) -> str:
    # The cache key is the function object itself: a reloaded or overridden method is a
    # different object, so what is shown is still what runs.
    try:
        return textwrap.dedent(inspect.getsource(function)).rstrip() + "\n"
    except (OSError, TypeError):
        # A frozen build may ship without .py files.
        return f"# The source of {function.__qualname__} is not available in this build.\n"


def code_for(event: SessionEvent, session_type: type = ClientSession) -> tuple[str, str]:
    """(title, source) of the session code that produced `event`, read from the live class.

    Pass the session's own type (e.g. a TLS subclass) so that overridden methods show
    the override.
    """
    ref = _code_ref(event)
    functions = [f for f in (getattr(session_type, name, None) for name in ref.methods) if callable(f)]
    if not functions:
        return (f"{session_type.__name__} — no code for {event.kind.value}", "")
    first, *helpers = functions
    title = first.__qualname__
    if helpers:
        title += " → " + ", ".join(f.__name__ for f in helpers)
    title += f" — {ref.role}"
    source = "\n".join(_source_of(f) for f in functions)
    return title, source

"""Random use of the window's public controls (hypothesis state machine) against a real
echo server that keeps every byte it received.

After every step: no Python exception escaped into Qt, the buttons match the socket state,
the log shows no raw control characters, and everything sent has come back. At the end of
each run: the bytes the session sent, in order, are exactly the bytes the server received.
"""

from __future__ import annotations

import hashlib
import unicodedata
from types import SimpleNamespace

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from loopback import free_port
from pytestqt.exceptions import format_captured_exceptions
from PySide6.QtCore import QSettings, Qt

from app.codecs import CodecError, encode_text, parse_hex
from ui.composer import LINE_ENDING_BYTES

# Set by the test function for the machine: hypothesis builds machines without arguments.
CONTEXT = SimpleNamespace(qtbot=None, exceptions=None, server=None)

# Only literals, localhost and strings the address check rejects: nothing here may send a
# DNS query or a packet beyond this machine.
HOSTS = ["127.0.0.1", "localhost", "[127.0.0.1]", "::1", "", "no host", "300.1.1.1", "127.0.0.1:80", "[::1"]
BAD_PORTS = ["", "0", "65536", "abc", "-1", "7x", "99999999999999999999"]
ESCAPED_TEXT = ["hello\\r\\n", "\\x00\\xff\\x1b[31m", "bad \\q escape", "tab\\there", "\\", "<b>html</b>"]
BAD_HEX = ["zz", "0", "48 6", "0x", "4g", "48 65 6c 6c 6f 2"]
SETTLE_MS = 3000


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def settled(session) -> bool:
    return session.is_idle or session.is_connected


def expected_bytes(composer) -> bytes | None:
    """What Send would send, worked out independently of the composer's own state; None if invalid."""
    text = composer.messageEdit.message_text()
    try:
        if composer.formatCombo.currentData() == "hex":
            content = parse_hex(text)
        else:
            content = encode_text(text, composer.encodingCombo.currentData(), escapes=composer.escapesCheck.isChecked())
    except CodecError:
        return None
    return content + LINE_ENDING_BYTES[composer.lineEndingCombo.currentData()]


class RandomUse(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        from ui.main_window import MainWindow

        self.qtbot = CONTEXT.qtbot
        self.server = CONTEXT.server
        self.exceptions = CONTEXT.exceptions
        self.exceptions.clear()
        self.qtbot.waitUntil(self.server.all_finished, timeout=SETTLE_MS)  # the previous run is over
        self.first_connection = len(self.server.connections)
        self.refused_port = free_port()
        qsettings = QSettings()  # each run starts from defaults, not from the last run's window
        qsettings.clear()
        qsettings.sync()
        self.window = MainWindow()
        self.qtbot.addWidget(self.window)
        self.window.show()
        self.session = self.window.session
        self.session.connect_timeout_ms = 2000
        self.sent = bytearray()
        self.got = bytearray()
        self.session.data_sent.connect(self.sent.extend)
        self.session.data_received.connect(self.got.extend)

    # ------------------------------------------------------------------ the user's controls
    @initialize(connect=st.booleans())
    def point_at_the_echo_server(self, connect: bool) -> None:
        # Most runs should get connected and have something to send: random typing alone
        # rarely finds a working endpoint and a valid message at the same time.
        self.window.hostEdit.setText("127.0.0.1")
        self.window.portEdit.setText(str(self.server.port))
        self.window.composer.load_message("text", "hello", line_ending="lf")
        if connect:
            self.click_connect()

    @rule(host=st.one_of(st.just("127.0.0.1"), st.sampled_from(HOSTS)))
    def type_host(self, host: str) -> None:
        edit = self.window.hostEdit
        if not edit.isReadOnly():  # a user cannot type into a read-only field
            edit.setText(host)

    @rule(port=st.one_of(st.just("echo"), st.just("refused"), st.sampled_from(BAD_PORTS)))
    def type_port(self, port: str) -> None:
        edit = self.window.portEdit
        if edit.isReadOnly():
            return
        text = {"echo": str(self.server.port), "refused": str(self.refused_port)}.get(port, port)
        edit.setText(text)

    @rule()
    def click_connect(self) -> None:
        self.window.connectButton.click()
        self.qtbot.waitUntil(lambda: settled(self.session), timeout=SETTLE_MS)

    @rule()
    def click_disconnect(self) -> None:
        self.window.disconnectButton.click()
        self.qtbot.waitUntil(lambda: self.session.is_idle, timeout=SETTLE_MS)

    @rule(fmt=st.sampled_from(["text", "hex"]))
    def choose_format(self, fmt: str) -> None:
        combo = self.window.composer.formatCombo
        combo.setCurrentIndex(combo.findData(fmt))

    @rule(text=st.one_of(
        st.text(max_size=30),
        st.sampled_from(ESCAPED_TEXT),
        st.binary(max_size=24).map(lambda b: b.hex(" ")),
        st.sampled_from(BAD_HEX),
    ))
    def type_message(self, text: str) -> None:
        self.window.composer.messageEdit.setPlainText(text)

    @rule(ending=st.sampled_from(["none", "lf", "crlf"]))
    def choose_line_ending(self, ending: str) -> None:
        combo = self.window.composer.lineEndingCombo
        combo.setCurrentIndex(combo.findData(ending))

    @rule(by_key=st.booleans())
    def send(self, by_key: bool) -> None:
        if by_key:
            self.qtbot.keyClick(self.window.composer.messageEdit, Qt.Key.Key_Return)
        else:
            self.window.composer.sendButton.click()
        self.qtbot.waitUntil(self.echo_is_complete, timeout=SETTLE_MS)

    @rule(text=st.text(max_size=40))
    def type_and_press_enter(self, text: str) -> None:
        self.type_message(text)
        self.send(by_key=True)

    @rule(index=st.integers(0, 2))
    def choose_display(self, index: int) -> None:
        self.window.log_panel.displayCombo.setCurrentIndex(index)

    @rule()
    def click_clear(self) -> None:
        self.window.log_panel.clearButton.click()
        assert self.window.log_model.rowCount() <= 1

    # ------------------------------------------------------------------ what must always hold
    def echo_is_complete(self) -> bool:
        s = self.session
        return s.pending_out == 0 and s.bytes_received == s.bytes_handed

    @invariant()
    def no_exception_escaped_into_qt(self) -> None:
        assert not self.exceptions, format_captured_exceptions(self.exceptions)

    @invariant()
    def buttons_follow_the_socket_state(self) -> None:
        window, session = self.window, self.session
        idle = session.is_idle
        assert window.connectButton.isEnabled() == idle
        assert window.disconnectButton.isEnabled() == (not idle)
        assert window.hostEdit.isReadOnly() == (not idle)

        def send_button_matches() -> None:
            wanted = expected_bytes(window.composer)
            should = session.is_connected and bool(wanted)
            assert window.composer.sendButton.isEnabled() == should, (
                f"send enabled={window.composer.sendButton.isEnabled()}, connected={session.is_connected}, "
                f"message={window.composer.messageEdit.message_text()!r} -> {wanted!r}")

        # The preview (and with it the button) follows an edit after a short timer.
        self.qtbot.waitUntil(send_button_matches, timeout=1000)

    @invariant()
    def everything_sent_came_back(self) -> None:
        if self.session.is_connected:
            assert self.echo_is_complete()

    @invariant()
    def log_rows_are_plain_visible_text(self) -> None:
        model = self.window.log_model
        model.flush()
        for i in range(model.rowCount()):
            row = model.data(model.index(i))
            if not row.isprintable():
                bad = {f"U+{ord(c):04X}" for c in row if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")}
                assert not bad, (bad, row)

    def teardown(self) -> None:
        try:
            if not self.session.is_idle:
                self.window.disconnectButton.click()
                self.qtbot.waitUntil(lambda: self.session.is_idle, timeout=SETTLE_MS)
            self.qtbot.waitUntil(self.server.all_finished, timeout=SETTLE_MS)
            received = b"".join(self.server.received_since(self.first_connection))
            assert len(received) == len(self.sent)
            assert sha(received) == sha(bytes(self.sent))
            assert sha(bytes(self.got)) == sha(bytes(self.sent))  # the echo, byte for byte
            assert not self.server.errors
            self.no_exception_escaped_into_qt()
        finally:
            self.window.close()


def test_random_use_of_the_window(qtbot, echo_server):
    with qtbot.captureExceptions() as exceptions:
        CONTEXT.qtbot, CONTEXT.exceptions, CONTEXT.server = qtbot, exceptions, echo_server
        try:
            run_state_machine_as_test(RandomUse, settings=settings(
                max_examples=30, stateful_step_count=15, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow]))
        finally:
            CONTEXT.qtbot = CONTEXT.exceptions = CONTEXT.server = None
    assert not exceptions, format_captured_exceptions(exceptions)

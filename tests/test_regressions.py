"""Defects found in review, each with the test that would have caught it."""

from __future__ import annotations

import shutil
import threading

import pytest
from loopback import ThreadedPeer
from PySide6.QtWidgets import QPlainTextEdit

from app.demo_servers import DemoServer
from app.events import Direction, EventClock, EventKind
from app.framing import FramingMode, FramingSpec
from app.log_feed import LogFeed
from app.log_model import DisplayMode, LogModel
from app.saved_messages import SavedMessage
from app.session import NotConnectedError
from app.tls import TlsClientSession

clock = EventClock()


@pytest.fixture
def echo(qtbot):
    server = DemoServer()
    server.start("echo")
    yield server
    server.stop()



def incoming(data: bytes, peer: str = ""):
    return clock.make(EventKind.READY_READ, data=data, count=len(data), direction=Direction.IN, peer=peer)


def test_plain_tcp_after_tls_was_switched_off_is_not_timed_out_as_a_handshake(qtbot, echo):
    session = TlsClientSession(connect_timeout_ms=300, tls_enabled=False)
    session.tls_enabled = True  # makes the QSslSocket, which then stays
    session.tls_enabled = False
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", echo.port)
    with qtbot.assertNotEmitted(session.error_occurred, wait=700):
        pass
    assert session.is_connected
    session.abort()


def test_tls_toggle_is_locked_while_connected(qtbot, window, echo):
    window.hostEdit.setText("127.0.0.1")
    window.portEdit.setText(str(echo.port))
    with qtbot.waitSignal(window.session.connected, timeout=3000):
        window.connectButton.click()
    assert not window.tlsCheck.isEnabled() and not window.protocolCombo.isEnabled()


def test_a_capture_that_cannot_be_saved_says_so_and_closing_still_cleans_up(qtbot, window, echo, tmp_path):
    folder = tmp_path / "captures"
    folder.mkdir()
    window.choose_save_path = lambda *args: str(folder / "c.jsonl")
    window.hostEdit.setText("127.0.0.1")
    window.portEdit.setText(str(echo.port))
    with qtbot.waitSignal(window.session.connected, timeout=3000):
        window.connectButton.click()
    window.log_panel.recordButton.setChecked(True)
    window.session.send(b"x")
    qtbot.waitUntil(lambda: window.session.bytes_received == 1, timeout=3000)
    shutil.rmtree(folder)
    window.log_panel.recordButton.setChecked(False)  # must not raise out of the slot
    window.log_model.flush()
    assert any("capture NOT saved" in window.log_model.row_text(i) for i in range(window.log_model.rowCount()))
    assert not window.log_panel.recordButton.isChecked() and window.capture is None
    window.close()
    assert not window.demo_panel.server.is_running and window.session.is_idle


def test_after_half_close_sending_is_refused_and_the_reply_still_arrives(qtbot, window):
    release = threading.Event()

    def reply_after_eof(conn):
        data = peer.recv_until_eof(conn)
        conn.sendall(b"got " + str(len(data)).encode())
        release.wait(5)  # keep the connection open while the test tries to send

    peer = ThreadedPeer(reply_after_eof)
    window.hostEdit.setText("127.0.0.1")
    window.portEdit.setText(str(peer.port))
    window.findChild(QPlainTextEdit, "messageEdit").setPlainText("hello")
    with qtbot.waitSignal(window.session.connected, timeout=3000):
        window.connectButton.click()
    window.session.send(b"hello")
    window.halfCloseButton.click()
    qtbot.waitUntil(lambda: window.session.sending_shut, timeout=3000)
    assert not window.composer.sendButton.isEnabled() and not window.halfCloseButton.isEnabled()
    qtbot.waitUntil(lambda: window.session.bytes_received == len(b"got 5"), timeout=3000)
    assert window.session.is_connected  # still reading: only our side is closed
    with pytest.raises(NotConnectedError, match="half-close"):
        window.session.send(b"more")
    release.set()
    qtbot.waitUntil(lambda: window.session.is_idle, timeout=5000)


def test_a_flush_that_fills_the_cap_keeps_its_entries_for_re_rendering(qtbot):
    model = LogModel(max_rows=1000)
    for i in range(500):
        model.append_event(clock.make(EventKind.NOTE, f"old {i}"))
    model.flush()
    for i in range(1200):
        model.append_event(incoming(b"new %d" % i))
    model.flush()
    assert model.rowCount() == 1000 and len(model.entries()) == 1000
    model.set_display_mode(DisplayMode.HEX)
    assert model.rowCount() == 1000


def test_pause_holds_under_every_framing_rule(qtbot):
    model = LogModel()
    feed = LogFeed(model)
    feed.set_framing(FramingSpec(FramingMode.DELIMITER, delimiter=b"\n"))
    model.paused = True
    feed.on_event(incoming(b"secret\n"))
    model.flush()
    assert model.rowCount() == 0


def test_bytes_from_two_peers_never_join_into_one_message(qtbot):
    model = LogModel()
    feed = LogFeed(model)
    feed.set_framing(FramingSpec(FramingMode.DELIMITER, delimiter=b"\n"))
    feed.on_event(incoming(b"HEL", peer="127.0.0.1:7"))
    feed.on_event(incoming(b"evil\n", peer="127.0.0.1:5555"))
    feed.on_event(incoming(b"LO\n", peer="127.0.0.1:7"))
    model.flush()
    messages = [model.row_text(i) for i in range(model.rowCount()) if "message:" in model.row_text(i)]
    assert len(messages) == 2
    assert messages[0].endswith("evil\\n") and messages[1].endswith("HELLO\\n")


def test_saved_messages_keep_the_escapes_choice(qtbot, window):
    window.composer.load_message("text", "C:\\temp\\new", escapes=False)
    window.ask_message_name = lambda suggested: "path"
    window.save_current_message()
    saved = window.saved_store.get("path")
    assert saved is not None and saved.escapes is False
    window.composer.load_message("text", "other")
    window.load_saved_message(saved)
    assert window.composer.current_bytes() == b"C:\\temp\\new"
    assert SavedMessage.from_dict(saved.to_dict()).escapes is False

"""The user at their most impatient: double clicks, cancels, sends at the wrong moment,
closes mid-transfer, pastes 50 MB. Driven through the window's public controls only."""

from __future__ import annotations

import base64
import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.capture import read_capture
from app.demo_servers import FLOOD_LINE
from app.events import EventKind
from app.session import NotConnectedError

MiB = 1024 * 1024


def count_connect_calls(window) -> list:
    """A list that grows by one for every connectToHost() the session makes from now on."""
    calls: list = []
    window.session.event_recorded.connect(
        lambda e: calls.append(e) if e.kind is EventKind.CALL and e.detail.startswith("connectToHost") else None)
    return calls


def point_at(window, port: int, host: str = "127.0.0.1") -> None:
    window.hostEdit.setText(host)
    window.portEdit.setText(str(port))


def type_message(window, text: str, line_ending: str = "lf") -> None:
    composer = window.composer
    composer.formatCombo.setCurrentIndex(composer.formatCombo.findData("text"))
    composer.lineEndingCombo.setCurrentIndex(composer.lineEndingCombo.findData(line_ending))
    composer.messageEdit.setPlainText(text)


def send_and_wait_for_echo(qtbot, window, text: str) -> None:
    session = window.session
    expected = session.bytes_received + len(text.encode()) + 1
    type_message(window, text)
    qtbot.waitUntil(window.composer.sendButton.isEnabled, timeout=1000)
    window.composer.sendButton.click()
    qtbot.waitUntil(lambda: session.bytes_received == expected, timeout=3000)


def test_double_click_on_connect_makes_one_connection(qtbot, window, echo_server, kit):
    calls = count_connect_calls(window)
    point_at(window, echo_server.port)
    qtbot.mouseDClick(window.connectButton, Qt.MouseButton.LeftButton)
    window.connectButton.click()
    qtbot.keyClick(window.portEdit, Qt.Key.Key_Return)  # Enter in the port field connects too
    qtbot.waitUntil(lambda: window.session.is_connected, timeout=3000)
    got = bytearray()
    window.session.data_received.connect(got.extend)
    send_and_wait_for_echo(qtbot, window, "once")
    assert len(calls) == 1
    assert len(echo_server.connections) == 1
    assert kit.sha(got) == kit.sha(b"once\n") == kit.sha(echo_server.connections[0].received)


def test_pressing_enter_again_once_connected_keeps_the_connection_and_its_data(qtbot, window, echo_server, kit):
    """Enter in the host or port field connects; pressed again a moment later (the fields are
    read-only then, but still take the key) it must not reset the live connection."""
    calls = count_connect_calls(window)
    point_at(window, echo_server.port)
    qtbot.keyClick(window.portEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.is_connected, timeout=3000)
    payload = os.urandom(2 * MiB)
    got = bytearray()
    window.session.data_received.connect(got.extend)
    window.session.send(payload)  # still on its way when the impatient second Enter comes
    qtbot.keyClick(window.portEdit, Qt.Key.Key_Return)
    qtbot.keyClick(window.hostEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(got) >= len(payload) or len(calls) > 1, timeout=5000)
    assert len(calls) == 1, "a second connection replaced the first (and dropped its data)"
    assert window.session.is_connected
    assert len(echo_server.connections) == 1
    assert kit.sha(got) == kit.sha(payload) == kit.sha(echo_server.connections[0].received)


def test_disconnect_while_connecting_cancels_cleanly(qtbot, window, demo, echo_server, kit, log_rows):
    slow = demo("slow-accept")
    window.session.connect_timeout_ms = 300
    point_at(window, slow.port)
    window.connectButton.click()
    assert not window.session.is_idle and not window.session.is_connected
    assert window.disconnectButton.isEnabled()
    window.disconnectButton.click()
    qtbot.waitUntil(lambda: window.session.is_idle and window.connectButton.isEnabled(), timeout=1000)
    # The cancelled attempt's connect timer must not fire later with a stale timeout.
    with qtbot.waitSignal(window.session.error_occurred, timeout=600, raising=False) as late:
        pass
    assert not late.signal_triggered, late.args
    assert not any("SocketTimeoutError" in row for row in log_rows(window))
    # And the window is as good as new.
    point_at(window, echo_server.port)
    with qtbot.waitSignal(window.session.connected, timeout=3000):
        window.connectButton.click()
    got = bytearray()
    window.session.data_received.connect(got.extend)
    send_and_wait_for_echo(qtbot, window, "after cancel")
    assert kit.sha(got) == kit.sha(b"after cancel\n")


def test_sending_during_a_reconnect_is_impossible(qtbot, window, demo, echo_server, kit):
    slow = demo("slow-accept")
    session = window.session
    point_at(window, echo_server.port)
    with qtbot.waitSignal(session.connected, timeout=3000):
        window.connectButton.click()
    send_and_wait_for_echo(qtbot, window, "one")
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        window.disconnectButton.click()

    point_at(window, slow.port)  # reconnecting, to a server that takes its time
    window.connectButton.click()
    assert not session.is_idle and not session.is_connected
    type_message(window, "never")
    qtbot.waitUntil(lambda: window.composer.previewLabel.text().startswith("6 bytes"), timeout=1000)
    assert not window.composer.sendButton.isEnabled()
    window.composer.sendButton.click()  # disabled: nothing happens
    window.connection_send.trigger()  # Ctrl+Return
    qtbot.keyClick(window.composer.messageEdit, Qt.Key.Key_Return)  # Enter in the editor
    with pytest.raises(NotConnectedError):
        session.send(b"never\n")
    assert session.bytes_handed == 0 and session.pending_out == 0

    window.disconnectButton.click()  # give up on the slow one
    qtbot.waitUntil(lambda: session.is_idle, timeout=1000)
    point_at(window, echo_server.port)
    with qtbot.waitSignal(session.connected, timeout=3000):
        window.connectButton.click()
    send_and_wait_for_echo(qtbot, window, "two")
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        window.disconnectButton.click()
    qtbot.waitUntil(echo_server.all_finished, timeout=3000)
    everything = b"".join(echo_server.received_since(0))
    assert kit.sha(everything) == kit.sha(b"one\ntwo\n")


def test_closing_the_window_mid_transfer_loses_nothing_and_does_not_hang(qtbot, window, kit, tmp_path,
                                                                        monkeypatch):
    capture_path = tmp_path / "mid-transfer.jsonl"
    monkeypatch.setattr(window, "choose_save_path", lambda *args: str(capture_path))
    window.demo_panel.start("flood")
    got = bytearray()
    window.session.data_received.connect(got.extend)
    window.log_panel.recordButton.click()  # record every byte
    assert window.capture is not None
    with qtbot.waitSignal(window.session.connected, timeout=3000):
        window.connectButton.click()
    qtbot.waitUntil(lambda: len(got) > 2 * MiB, timeout=5000)
    assert not capture_path.exists()  # a capture appears only when it is complete

    started = time.perf_counter()
    window.close()
    assert time.perf_counter() - started < 5  # returned: no hang (generous for a loaded machine)
    assert window.session.is_idle and window.session.pending_out == 0
    assert not window.demo_panel.server.is_running
    assert window.capture is None
    # Let the loop run once more: no timer or late signal may trip over the closed window.
    with qtbot.waitSignal(window.log_model.flushed, timeout=500, raising=False):
        pass

    pattern = (FLOOD_LINE * (len(got) // len(FLOOD_LINE) + 1))[: len(got)]
    assert kit.sha(got) == kit.sha(pattern)
    capture = read_capture(capture_path)
    assert kit.sha(capture.received_bytes()) == kit.sha(got)
    raw = Path(capture_path).with_suffix(".in.bin").read_bytes()
    assert kit.sha(raw) == kit.sha(got)


def test_pasting_50_mb_keeps_the_window_running_and_sends_every_byte(qtbot, window, sink, kit, ticker):
    # A realistic large paste: 50 000 000 characters of base64 in 76-character lines.
    text = base64.encodebytes(os.urandom(37 * MiB)).decode("ascii")[:50_000_000]
    assert len(text) == 50_000_000
    peer = sink()
    point_at(window, peer.port)
    with qtbot.waitSignal(window.session.connected, timeout=3000):
        window.connectButton.click()

    type_message(window, text, line_ending="lf")
    pasted = time.perf_counter_ns()
    preview = window.composer.previewLabel
    qtbot.waitUntil(lambda: "characters" in preview.text(), timeout=5000)
    qtbot.waitUntil(window.composer.sendButton.isEnabled, timeout=1000)
    qtbot.waitUntil(lambda: ticker.between(pasted, time.perf_counter_ns()) >= 5, timeout=3000)

    sending = time.perf_counter_ns()
    window.composer.sendButton.click()
    window.disconnectButton.click()  # graceful: the queue goes out first, then FIN
    qtbot.waitUntil(lambda: peer.done.is_set() and window.session.is_idle, timeout=20000)
    done = time.perf_counter_ns()
    expected = text.encode("ascii") + b"\n"
    assert peer.error is None and peer.ended_by == "eof"
    assert peer.count == len(expected) == 50_000_001
    assert peer.digest == kit.sha(expected)
    assert window.session.bytes_sent == len(expected)
    # The transfer ran in the event loop, a chunk at a time: the loop kept turning.
    assert ticker.between(sending, done) >= 5
    sent_rows = [row for row in window.log_model.all_text().splitlines() if "sent 50000001 bytes" in row]
    assert sent_rows, "the log names the whole message"
    assert not [row for row in window.log_model.all_text().splitlines() if "error:" in row]


@pytest.mark.parametrize("port_text", ["99999999999999999999", "-99999999999999999999", "70000", "x", ""])
def test_closing_the_window_with_any_port_text_still_shuts_everything_down(qtbot, window, log_rows, port_text):
    """The user starts a demo server, types nonsense into the port field, tries to connect
    (a clear error) and closes the window: no exception, and the server still stops."""
    window.demo_panel.start("echo")
    window.portEdit.setText(port_text)
    window.connectButton.click()
    qtbot.waitUntil(lambda: any("InvalidEndpoint" in row for row in log_rows(window)), timeout=1000)
    assert window.session.is_idle
    with qtbot.captureExceptions() as exceptions:
        window.close()
    assert not exceptions, [f"{e[0].__name__}: {e[1]}" for e in exceptions]
    assert not window.demo_panel.server.is_running

"""The window as a user drives it: type, click, read the log — against real loopback servers."""

from __future__ import annotations

import pytest
from loopback import ThreadedPeer, free_port
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QPlainTextEdit, QPushButton


PUBLIC_NAMES = ["hostEdit", "portEdit", "connectButton", "disconnectButton", "messageEdit", "sendButton",
                "logView", "formatCombo", "lineEndingCombo", "displayCombo", "framingCombo", "traceCheck",
                "readBufferSpin", "stepCheck", "timelineView", "demoServerPanel"]



def log_lines(window) -> list[str]:
    model = window.log_model
    model.flush()
    return [model.data(model.index(i)) for i in range(model.rowCount())]


def wait_for_line(qtbot, window, text: str, timeout: int = 3000) -> str:
    def matches() -> list[str]:
        return [line for line in log_lines(window) if text in line]

    def found() -> None:
        assert matches(), f"no log line contains {text!r}; log: {log_lines(window)[-8:]}"

    qtbot.waitUntil(found, timeout=timeout)
    return matches()[0]


def connect_to(qtbot, window, host: str, port: int) -> None:
    window.hostEdit.setText(host)
    window.portEdit.setText(str(port))
    with qtbot.waitSignal(window.session.connected, timeout=3000):
        window.connectButton.click()


def test_public_object_names_exist(window):
    for name in PUBLIC_NAMES:
        assert window.findChild(object, name) is not None, name
    assert isinstance(window.findChild(QLineEdit, "hostEdit"), QLineEdit)
    assert isinstance(window.findChild(QPushButton, "sendButton"), QPushButton)
    assert isinstance(window.findChild(QAbstractItemView, "logView"), QAbstractItemView)
    assert isinstance(window.findChild(QPlainTextEdit, "messageEdit"), QPlainTextEdit)


def test_round_trip_through_the_window(qtbot, window):
    server = window.demo_panel.start("echo")
    assert window.portEdit.text() == str(server.port)
    send = window.findChild(QPushButton, "sendButton")
    assert not send.isEnabled()
    editor = window.findChild(QPlainTextEdit, "messageEdit")
    editor.setPlainText("hello")
    with qtbot.waitSignal(window.session.connected, timeout=3000):
        qtbot.mouseClick(window.connectButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: send.isEnabled(), timeout=1000)
    send.click()
    line = wait_for_line(qtbot, window, "readyRead: 5 bytes")
    assert line.endswith("hello")
    sent = wait_for_line(qtbot, window, "sent 5 bytes")
    assert "→" in sent
    wait_for_line(qtbot, window, "bytesWritten: 5 bytes")
    wait_for_line(qtbot, window, "connected to 127.0.0.1:")


def test_buttons_follow_the_socket_state(qtbot, window):
    send = window.findChild(QPushButton, "sendButton")
    assert window.connectButton.isEnabled()
    assert not window.disconnectButton.isEnabled() and not send.isEnabled()
    server = window.demo_panel.start("echo")
    connect_to(qtbot, window, "127.0.0.1", server.port)
    assert not window.connectButton.isEnabled()
    assert window.disconnectButton.isEnabled()
    window.findChild(QPlainTextEdit, "messageEdit").setPlainText("x")
    qtbot.waitUntil(send.isEnabled, timeout=1000)
    with qtbot.waitSignal(window.session.disconnected, timeout=3000):
        window.disconnectButton.click()
    assert window.connectButton.isEnabled()
    assert not window.disconnectButton.isEnabled() and not send.isEnabled()
    assert "Unconnected" in window.stateLabel.text()


@pytest.mark.parametrize(("host", "port", "words"), [
    ("", "7", "Host is empty"),
    ("127.0.0.1", "99999", "Port 99999 is out of range"),
    ("127.0.0.1", "abc", "is not a number"),
    ("no host", "7", "not a valid host name"),
])
def test_bad_input_gets_a_clear_line_and_the_window_stays_usable(qtbot, window, host, port, words):
    window.hostEdit.setText(host)
    window.portEdit.setText(port)
    window.connectButton.click()
    line = wait_for_line(qtbot, window, words)
    assert "InvalidEndpoint" in line
    assert window.connectButton.isEnabled() and window.session.is_idle


def test_refused_connection_is_logged(qtbot, window):
    window.hostEdit.setText("127.0.0.1")
    window.portEdit.setText(str(free_port()))
    window.connectButton.click()
    wait_for_line(qtbot, window, "error: ConnectionRefusedError")
    qtbot.waitUntil(window.connectButton.isEnabled, timeout=2000)


def test_received_html_is_shown_literally(qtbot, window):
    peer = ThreadedPeer(lambda conn: conn.sendall(b"<b>not bold</b><script>x</script>"))
    window.hostEdit.setText("127.0.0.1")
    window.portEdit.setText(str(peer.port))
    window.connectButton.click()
    line = wait_for_line(qtbot, window, "readyRead:")
    assert "<b>not bold</b><script>x</script>" in line


def test_peer_closing_is_logged_and_buttons_reset(qtbot, window):
    peer = ThreadedPeer(lambda conn: conn.sendall(b"bye"))
    connect_to(qtbot, window, "127.0.0.1", peer.port)
    wait_for_line(qtbot, window, "disconnected")
    wait_for_line(qtbot, window, "RemoteHostClosedError")
    qtbot.waitUntil(window.connectButton.isEnabled, timeout=2000)


def test_display_mode_changes_rerender_the_log(qtbot, window):
    server = window.demo_panel.start("echo")
    connect_to(qtbot, window, "127.0.0.1", server.port)
    window.session.send(b"ABC")
    wait_for_line(qtbot, window, "readyRead: 3 bytes")
    combo = window.log_panel.displayCombo
    combo.setCurrentIndex(combo.findText("Hex"))
    wait_for_line(qtbot, window, "00000000  41 42 43")


def test_closing_the_window_mid_transfer_does_not_hang(qtbot, window):
    server = window.demo_panel.start("flood")
    connect_to(qtbot, window, "127.0.0.1", server.port)
    qtbot.waitUntil(lambda: window.session.bytes_received > 1_000_000, timeout=5000)
    window.close()
    qtbot.waitUntil(lambda: window.session.is_idle, timeout=2000)
    assert not window.demo_panel.server.is_running


def test_pausing_the_log_skips_received_bytes_unless_recording(qtbot, window, tmp_path):
    window.log_panel.pauseCheck.setChecked(True)
    assert window.session.discard_received
    window.choose_save_path = lambda *args: str(tmp_path / "capture.jsonl")
    window.log_panel.recordButton.setChecked(True)
    assert not window.session.discard_received  # a capture needs every byte
    window.log_panel.recordButton.setChecked(False)
    assert window.session.discard_received
    window.log_panel.pauseCheck.setChecked(False)
    assert not window.session.discard_received


def test_recording_writes_the_raw_stream_only_when_asked(qtbot, window, tmp_path):
    server = window.demo_panel.start("echo")
    connect_to(qtbot, window, "127.0.0.1", server.port)
    for raw_wanted, name in ((True, "with"), (False, "without")):
        window.log_panel.rawStreamCheck.setChecked(raw_wanted)
        window.choose_save_path = lambda *args, name=name: str(tmp_path / f"{name}.jsonl")
        window.log_panel.recordButton.setChecked(True)
        received = window.session.bytes_received
        window.session.send(b"payload")
        qtbot.waitUntil(lambda: window.session.bytes_received == received + 7, timeout=3000)
        window.log_panel.recordButton.setChecked(False)
        assert (tmp_path / f"{name}.jsonl").exists()
    assert (tmp_path / "with.in.bin").read_bytes() == b"payload"
    assert not (tmp_path / "without.in.bin").exists()


def test_several_demo_servers_run_at_once_each_with_its_own_log(qtbot, window):
    panel = window.demo_panel
    echo = panel.start("echo")
    reset = panel.start("reset")
    assert echo.is_running and reset.is_running and echo.port != reset.port
    assert panel.serverList.count() == 2 and panel.server is reset
    assert window.portEdit.text() == str(reset.port)  # an idle client points at the newest
    panel.serverList.setCurrentRow(0)
    assert panel.server is echo
    assert "echo server listening" in panel.activityView.toPlainText()
    assert "reset server listening" not in panel.activityView.toPlainText()
    panel.stopButton.click()
    assert not echo.is_running and reset.is_running and panel.serverList.count() == 1
    panel.stopAllButton.click()
    assert not reset.is_running and panel.serverList.count() == 0
    assert not panel.stopAllButton.isEnabled()

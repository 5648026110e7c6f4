"""TLS, UDP and the listening server, driven through the window's own controls."""

from __future__ import annotations

import socket
import threading

import pytest
import trustme
from loopback import TlsEchoServer
from PySide6.QtWidgets import QPlainTextEdit
from test_main_window import log_lines, wait_for_line


@pytest.fixture
def tls_server(tmp_path):
    ca = trustme.CA()
    leaf = ca.issue_cert("127.0.0.1", "localhost")
    key_path = tmp_path / "key.pem"
    leaf.private_key_pem.write_to_path(str(key_path))
    ca_path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_path))
    server = TlsEchoServer(leaf, str(key_path))
    server.ca_path = str(ca_path)
    yield server
    server.close()


def type_message(window, text: str) -> None:
    window.findChild(QPlainTextEdit, "messageEdit").setPlainText(text)


def test_tls_checkbox_selects_the_protocol(window):
    window.tlsCheck.setChecked(True)
    assert window.protocolCombo.currentText() == "TLS"
    assert window.tls_row.isVisibleTo(window)
    window.protocolCombo.setCurrentText("TCP")
    assert not window.tlsCheck.isChecked()


def test_untrusted_certificate_is_refused_then_trusted_once_explicitly(qtbot, window, tls_server):
    window.protocolCombo.setCurrentText("TLS")
    window.hostEdit.setText("127.0.0.1")
    window.portEdit.setText(str(tls_server.port))
    window.connectButton.click()
    qtbot.waitUntil(lambda: window.certificateBar.isVisible(), timeout=5000)
    text = window.certificateLabel.text()
    assert "SHA-256" in text and "issuer" in text
    assert not window.session.is_encrypted
    assert tls_server.received == b""
    with qtbot.waitSignal(window.session.encrypted, timeout=5000):
        window.trustOnceButton.click()
    wait_for_line(qtbot, window, "trusting certificate")
    type_message(window, "secret")
    qtbot.waitUntil(window.composer.sendButton.isEnabled, timeout=2000)
    window.composer.sendButton.click()
    wait_for_line(qtbot, window, "readyRead: 6 bytes")
    assert tls_server.received == b"secret"


def test_tls_with_the_ca_file_connects_without_questions(qtbot, window, tls_server):
    window.protocolCombo.setCurrentText("TLS")
    window.caFileEdit.setText(tls_server.ca_path)
    window.hostEdit.setText("127.0.0.1")
    window.portEdit.setText(str(tls_server.port))
    with qtbot.waitSignal(window.session.encrypted, timeout=5000):
        window.connectButton.click()
    assert not window.certificateBar.isVisible()


def test_udp_round_trip_through_the_window(qtbot, window):
    peer = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    peer.bind(("127.0.0.1", 0))
    peer.settimeout(5)

    def answer() -> None:
        data, address = peer.recvfrom(65535)
        peer.sendto(data.upper(), address)

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    window.protocolCombo.setCurrentText("UDP")
    window.hostEdit.setText("127.0.0.1")
    window.portEdit.setText(str(peer.getsockname()[1]))
    window.connectButton.click()
    qtbot.waitUntil(lambda: window.udp.is_bound, timeout=2000)
    type_message(window, "ping")
    qtbot.waitUntil(window.composer.sendButton.isEnabled, timeout=2000)
    window.composer.sendButton.click()
    line = wait_for_line(qtbot, window, "readyRead: 4 bytes")
    assert line.endswith("PING") or "PING" in line
    assert f"127.0.0.1:{peer.getsockname()[1]}" in line  # each datagram names its sender
    thread.join(5)
    peer.close()


def test_listen_panel_logs_each_client_with_its_address(qtbot, window):
    server = window.server_panel.server
    port = server.start("127.0.0.1", 0)
    server.echo = True
    client = socket.create_connection(("127.0.0.1", port), timeout=5)
    result = {}

    def talk() -> None:
        client.sendall(b"hi server")
        result["reply"] = client.recv(100)

    thread = threading.Thread(target=talk, daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: "reply" in result, timeout=5000)
    assert result["reply"] == b"hi server"
    local = client.getsockname()
    line = wait_for_line(qtbot, window, "readyRead: 9 bytes")
    assert f"127.0.0.1:{local[1]}" in line
    client.close()
    server.stop()
    assert any("listen(" in line for line in log_lines(window))

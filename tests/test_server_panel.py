"""ServerPanel widget driven by clicks, with a real plain-socket client on 127.0.0.1."""

from __future__ import annotations

import socket

import pytest
from loopback import ThreadClient
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)

from ui.server_panel import ServerPanel

TIMEOUT_MS = 5000


@pytest.fixture
def panel(qtbot):
    panel = ServerPanel()
    qtbot.addWidget(panel)
    panel.show()
    yield panel
    panel.server.stop()


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_every_interactive_widget_is_named(panel):
    interactive = (QComboBox, QLineEdit, QAbstractButton, QAbstractItemView, QAbstractSpinBox)

    def inside_other_control(widget: QWidget) -> bool:
        # Qt's own parts of a combo box or spin box are announced through that control.
        parent = widget.parentWidget()
        while parent is not None and parent is not panel:
            if isinstance(parent, (QComboBox, QAbstractSpinBox)) and parent is not widget:
                return True
            parent = parent.parentWidget()
        return False

    checked = 0
    for child in panel.findChildren(QWidget):
        if isinstance(child, interactive) and not inside_other_control(child):
            assert child.objectName() and child.accessibleName(), child
            checked += 1
    assert checked >= 15


def test_wide_bind_addresses_show_a_warning(panel):
    assert panel.bind_combo.currentText() == "127.0.0.1"
    assert not panel.warning_label.isVisibleTo(panel)
    for host in ("0.0.0.0", "::"):
        panel.bind_combo.setCurrentText(host)
        assert panel.warning_label.isVisibleTo(panel)
        assert "other machines can reach this port" in panel.warning_label.text()
    panel.bind_combo.setCurrentText("::1")
    assert not panel.warning_label.isVisibleTo(panel)


def test_start_and_stop(qtbot, panel):
    click(qtbot, panel.start_button)
    assert panel.server.is_listening
    port = panel.server.port
    assert f"127.0.0.1:{port}" in panel.status_label.text()
    assert not panel.start_button.isEnabled() and not panel.bind_combo.isEnabled()

    click(qtbot, panel.stop_button)
    assert not panel.server.is_listening
    assert panel.start_button.isEnabled()
    assert panel.status_label.text() == "Not listening."


def test_busy_port_is_reported_in_the_status(qtbot, panel):
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    try:
        panel.port_spin.setValue(busy.getsockname()[1])
        click(qtbot, panel.start_button)
        assert not panel.server.is_listening
        assert "Cannot listen on 127.0.0.1:" in panel.status_label.text()
    finally:
        busy.close()


def test_client_appears_receives_and_is_disconnected(qtbot, panel):
    click(qtbot, panel.start_button)
    client = ThreadClient(panel.server.port)
    try:
        qtbot.waitUntil(lambda: panel.client_list.topLevelItemCount() == 1, timeout=TIMEOUT_MS)
        item = panel.client_list.topLevelItem(0)
        assert item.text(0) == "127.0.0.1:%d" % client.sock.getsockname()[1]
        assert (item.text(1), item.text(2)) == ("0", "0")
        assert not panel.send_selected_button.isEnabled()

        item.setSelected(True)
        panel.send_edit.setText(r"hi\n")
        click(qtbot, panel.send_selected_button)
        qtbot.waitUntil(lambda: client.received == b"hi\n", timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: item.text(2) == "3", timeout=TIMEOUT_MS)

        click(qtbot, panel.send_all_button)
        qtbot.waitUntil(lambda: client.received == b"hi\nhi\n", timeout=TIMEOUT_MS)

        click(qtbot, panel.disconnect_button)
        qtbot.waitUntil(client.closed_by_server.is_set, timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: panel.client_list.topLevelItemCount() == 0, timeout=TIMEOUT_MS)
    finally:
        client.close()


def test_echo_checkbox_turns_on_echo(qtbot, panel):
    panel.echo_check.setChecked(True)
    assert panel.server.echo
    panel.echo_check.setChecked(False)
    assert not panel.server.echo


def test_rule_editor_refuses_a_bad_regex_and_adds_good_rules(qtbot, panel):
    panel.rule_kind_combo.setCurrentText("regex")
    panel.rule_pattern_edit.setText("(unclosed")
    panel.rule_reply_edit.setText("x")
    click(qtbot, panel.add_rule_button)
    assert "missing ), unterminated subpattern" in panel.rule_error_label.text()
    assert panel.rule_list.count() == 0 and len(panel.server.auto_replies) == 0

    panel.rule_pattern_edit.setText(r"^PING\b")
    panel.rule_reply_edit.setText(r"PONG\r\n")
    click(qtbot, panel.add_rule_button)
    assert panel.rule_error_label.text() == ""
    assert panel.rule_list.count() == 1
    assert panel.server.auto_replies.match(b"PING 1") == b"PONG\r\n"

    panel.rule_list.setCurrentRow(0)
    click(qtbot, panel.remove_rule_button)
    assert panel.rule_list.count() == 0 and len(panel.server.auto_replies) == 0


def test_payload_provider_replaces_the_line_edit(qtbot):
    panel = ServerPanel(payload_provider=lambda: b"from main window")
    qtbot.addWidget(panel)
    assert not panel.send_edit.isVisibleTo(panel)
    assert panel._payload() == b"from main window"

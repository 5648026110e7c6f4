"""ServerPanel: the controls for server mode (listen, client list, send, echo, auto-replies).

The panel only drives a ListenServer and shows its table; the main window gets the
server's `event_recorded` records for its log through `panel.server`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtNetwork import QHostAddress
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.auto_reply import MATCH_KINDS, AutoReplyRule, RuleError, hex_to_bytes, text_to_bytes
from app.listen_server import ListenError, ListenServer, is_wide_bind

BIND_CHOICES = ("127.0.0.1", "::1", "0.0.0.0", "::")
ID_ROLE = Qt.ItemDataRole.UserRole
# What the rule-kind combo shows; the kind id (app.auto_reply.MATCH_KINDS) is the item's data.
MATCH_KIND_LABELS = {
    "exact": QT_TRANSLATE_NOOP("ServerPanel", "exact"),
    "contains": QT_TRANSLATE_NOOP("ServerPanel", "contains"),
    "regex": QT_TRANSLATE_NOOP("ServerPanel", "regex"),
}


def _tr(text: str) -> str:
    """Translate a string marked with QT_TRANSLATE_NOOP("ServerPanel", …); lupdate only sees literals."""
    return QCoreApplication.translate("ServerPanel", text)


def match_kind_label(kind: str) -> str:
    return _tr(MATCH_KIND_LABELS.get(kind, kind))


def reachability_warning(host: str) -> str:
    """Why listening on `host` exposes the port to other machines; "" for loopback."""
    text = host.strip().strip("[]")
    if is_wide_bind(text):
        shown = text or QCoreApplication.translate("ServerPanel", "every address")
        return QCoreApplication.translate(
            "ServerPanel", "Listening on {address} accepts connections on every network interface: "
                           "other machines can reach this port.").format(address=shown)
    address = QHostAddress(text)
    if not address.isNull() and not address.isLoopback():
        return QCoreApplication.translate(
            "ServerPanel", "{address} is a network address: other machines on that network can reach this port."
        ).format(address=text)
    return ""


def _plain_label(object_name: str, text: str = "") -> QLabel:
    # Messages may quote what the user typed or what a peer sent: never render it as rich text.
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _named(widget: QWidget, object_name: str, accessible_name: str) -> QWidget:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    return widget


class ServerPanel(QWidget):
    def __init__(self, server: ListenServer | None = None, parent: QWidget | None = None, *,
                 payload_provider: Callable[[], bytes] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverPanel")
        self.setAccessibleName(self.tr("Server mode"))
        self.server = server if server is not None else ListenServer(self)
        self._payload_provider = payload_provider
        self._items: dict[int, QTreeWidgetItem] = {}
        self._build()
        self._connect()
        self._update_warning()
        self._update_buttons()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.bind_combo = _named(QComboBox(), "bindAddressCombo", self.tr("Bind address"))
        self.bind_combo.setEditable(True)
        _named(self.bind_combo.lineEdit(), "bindAddressEdit", self.tr("Bind address"))
        self.bind_combo.addItems(BIND_CHOICES)
        self.bind_combo.setToolTip(self.tr("127.0.0.1 / ::1 accept only connections from this machine."))
        self.port_spin = _named(QSpinBox(), "portSpin", self.tr("Listen port"))
        self.port_spin.setRange(0, 65535)
        self.port_spin.setSpecialValueText(self.tr("any free port"))
        self.start_button = _named(QPushButton(self.tr("Start")), "startButton", self.tr("Start listening"))
        self.stop_button = _named(QPushButton(self.tr("Stop")), "stopButton", self.tr("Stop listening"))
        self.warning_label = _plain_label("wideBindWarning")
        self.warning_label.setAccessibleName(self.tr("Network exposure warning"))
        self.warning_label.setStyleSheet("color: #a15c00; font-weight: bold;")
        self.status_label = _plain_label("serverStatusLabel", self.tr("Not listening."))
        self.status_label.setAccessibleName(self.tr("Server status"))

        self.client_list = _named(QTreeWidget(), "clientList", self.tr("Connected clients"))
        self.client_list.setColumnCount(4)
        self.client_list.setHeaderLabels([self.tr("Client"), self.tr("Bytes in"), self.tr("Bytes out"),
                                          self.tr("Connected since")])
        self.client_list.setRootIsDecorated(False)
        _named(self.client_list.header(), "clientListHeader", self.tr("Client list columns"))
        self.client_list.setUniformRowHeights(True)  # fast with a thousand rows
        self.client_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

        self.send_edit = _named(QLineEdit(), "serverSendEdit", self.tr("Data to send to clients"))
        self.send_edit.setPlaceholderText(self.tr(r"text to send (\r \n \t \xHH escapes)"))
        self.send_edit.setVisible(self._payload_provider is None)
        self.send_selected_button = _named(QPushButton(self.tr("Send to selected")), "sendSelectedButton",
                                           self.tr("Send to selected clients"))
        self.send_all_button = _named(QPushButton(self.tr("Send to all")), "sendAllButton",
                                      self.tr("Send to all clients"))
        self.disconnect_button = _named(QPushButton(self.tr("Disconnect client")), "disconnectClientButton",
                                        self.tr("Disconnect selected clients"))
        self.echo_check = _named(QCheckBox(self.tr("Echo everything back")), "echoCheck", self.tr("Echo mode"))

        self.rule_kind_combo = _named(QComboBox(), "ruleKindCombo", self.tr("Rule match kind"))
        for kind in MATCH_KINDS:
            self.rule_kind_combo.addItem(match_kind_label(kind), kind)
        self.rule_pattern_edit = _named(QLineEdit(), "rulePatternEdit", self.tr("Rule pattern"))
        self.rule_pattern_edit.setPlaceholderText(self.tr("when a client sends…"))
        self.rule_pattern_hex_check = _named(QCheckBox(self.tr("hex")), "rulePatternHexCheck",
                                             self.tr("Pattern is hex"))
        self.rule_reply_edit = _named(QLineEdit(), "ruleReplyEdit", self.tr("Rule reply"))
        self.rule_reply_edit.setPlaceholderText(self.tr(r"…reply with (\r \n escapes)"))
        self.rule_reply_hex_check = _named(QCheckBox(self.tr("hex")), "ruleReplyHexCheck", self.tr("Reply is hex"))
        self.add_rule_button = _named(QPushButton(self.tr("Add rule")), "addRuleButton",
                                      self.tr("Add auto-reply rule"))
        self.rule_error_label = _plain_label("ruleErrorLabel")
        self.rule_error_label.setAccessibleName(self.tr("Rule error"))
        self.rule_error_label.setStyleSheet("color: #b00020;")
        self.rule_list = _named(QListWidget(), "ruleList", self.tr("Auto-reply rules"))
        self.remove_rule_button = _named(QPushButton(self.tr("Remove rule")), "removeRuleButton",
                                         self.tr("Remove selected auto-reply rule"))

        listen_row = QHBoxLayout()
        listen_row.addWidget(QLabel(self.tr("Bind address")))
        listen_row.addWidget(self.bind_combo, 1)
        listen_row.addWidget(QLabel(self.tr("Port")))
        listen_row.addWidget(self.port_spin)
        listen_row.addWidget(self.start_button)
        listen_row.addWidget(self.stop_button)

        send_row = QHBoxLayout()
        send_row.addWidget(self.send_edit, 1)
        send_row.addWidget(self.send_selected_button)
        send_row.addWidget(self.send_all_button)
        send_row.addWidget(self.disconnect_button)

        rules_box = QGroupBox(self.tr("Auto-reply (first matching rule answers; off while echo is on)"))
        rules_box.setObjectName("autoReplyGroup")
        rules_grid = QGridLayout(rules_box)
        rules_grid.addWidget(self.rule_kind_combo, 0, 0)
        rules_grid.addWidget(self.rule_pattern_edit, 0, 1)
        rules_grid.addWidget(self.rule_pattern_hex_check, 0, 2)
        rules_grid.addWidget(self.rule_reply_edit, 1, 1)
        rules_grid.addWidget(self.rule_reply_hex_check, 1, 2)
        rules_grid.addWidget(self.add_rule_button, 1, 3)
        rules_grid.addWidget(self.rule_error_label, 2, 0, 1, 4)
        rules_grid.addWidget(self.rule_list, 3, 0, 1, 3)
        rules_grid.addWidget(self.remove_rule_button, 3, 3, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.addLayout(listen_row)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.client_list, 1)
        layout.addLayout(send_row)
        layout.addWidget(self.echo_check)
        layout.addWidget(rules_box)

    def _connect(self) -> None:
        self.bind_combo.currentTextChanged.connect(self._update_warning)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.send_selected_button.clicked.connect(self.send_to_selected)
        self.send_all_button.clicked.connect(self.send_to_all)
        self.disconnect_button.clicked.connect(self.disconnect_selected)
        self.echo_check.toggled.connect(self._set_echo)
        self.add_rule_button.clicked.connect(self.add_rule)
        self.remove_rule_button.clicked.connect(self.remove_selected_rule)
        self.client_list.itemSelectionChanged.connect(self._update_buttons)
        self.rule_list.itemSelectionChanged.connect(self._update_buttons)
        self.server.clients_changed.connect(self._refresh_clients)
        self.server.listening_changed.connect(self._on_listening_changed)

    # ----------------------------------------------------------------- actions
    def start(self) -> bool:
        host = self.bind_combo.currentText().strip()
        try:
            port = self.server.start(host, self.port_spin.value())
        except ListenError as exc:
            self.status_label.setText(str(exc))
            return False
        self.status_label.setText(self.tr("Listening on {endpoint} (port {port}).").format(
            endpoint=self.server.local_endpoint, port=port))
        return True

    def stop(self) -> None:
        self.server.stop()
        self.status_label.setText(self.tr("Not listening."))

    def selected_client_ids(self) -> list[int]:
        return [item.data(0, ID_ROLE) for item in self.client_list.selectedItems()]

    def send_to_selected(self) -> int:
        data = self._payload()
        ids = self.selected_client_ids()
        return sum(1 for client_id in ids if data and self.server.send_to(client_id, data))

    def send_to_all(self) -> int:
        data = self._payload()
        return self.server.send_to_all(data) if data else 0

    def disconnect_selected(self) -> None:
        for client_id in self.selected_client_ids():
            self.server.disconnect_client(client_id)

    def add_rule(self) -> bool:
        """Add the rule typed in the editor; a bad one is refused with the reason shown."""
        try:
            reply_text = self.rule_reply_edit.text()
            reply = hex_to_bytes(reply_text) if self.rule_reply_hex_check.isChecked() else text_to_bytes(reply_text)
            rule = AutoReplyRule(self.rule_kind_combo.currentData(), self.rule_pattern_edit.text(),
                                 self.rule_pattern_hex_check.isChecked(), reply)
            self.server.auto_replies.add(rule)
        except RuleError as exc:
            self.rule_error_label.setText(str(exc))
            return False
        self.rule_error_label.clear()
        self.rule_list.addItem(QListWidgetItem(self._describe_rule(rule)))
        self.rule_pattern_edit.clear()
        self.rule_reply_edit.clear()
        self._update_buttons()
        return True

    def remove_selected_rule(self) -> None:
        row = self.rule_list.currentRow()
        if row < 0:
            return
        self.server.auto_replies.remove(row)
        self.rule_list.takeItem(row)
        self._update_buttons()

    # ----------------------------------------------------------------- updates
    def _payload(self) -> bytes:
        if self._payload_provider is not None:
            return bytes(self._payload_provider())
        return text_to_bytes(self.send_edit.text())

    def _set_echo(self, enabled: bool) -> None:
        self.server.echo = enabled

    def _update_warning(self) -> None:
        warning = reachability_warning(self.bind_combo.currentText())
        self.warning_label.setText(warning)
        self.warning_label.setVisible(bool(warning))

    def _on_listening_changed(self, listening: bool) -> None:
        if not listening:
            self.status_label.setText(self.tr("Not listening."))
        self._update_buttons()

    def _refresh_clients(self) -> None:
        clients = self.server.clients()
        alive = {info.id for info in clients}
        for client_id in [i for i in self._items if i not in alive]:
            item = self._items.pop(client_id)
            self.client_list.takeTopLevelItem(self.client_list.indexOfTopLevelItem(item))
        for info in clients:
            item = self._items.get(info.id)
            if item is None:
                item = QTreeWidgetItem()
                item.setData(0, ID_ROLE, info.id)
                item.setText(0, info.peer)
                item.setText(3, datetime.fromtimestamp(info.connected_since).strftime("%H:%M:%S"))
                for column in (1, 2):
                    item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self._items[info.id] = item
                self.client_list.addTopLevelItem(item)
            item.setText(1, str(info.bytes_in))
            item.setText(2, str(info.bytes_out))
        if self.server.is_listening:
            self.status_label.setText(self.tr("Listening on {endpoint}: {count} client(s).").format(
                endpoint=self.server.local_endpoint, count=len(clients)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        listening = self.server.is_listening
        has_clients = bool(self._items)
        selected = bool(self.client_list.selectedItems())
        self.start_button.setEnabled(not listening)
        self.stop_button.setEnabled(listening or has_clients)
        self.bind_combo.setEnabled(not listening)
        self.port_spin.setEnabled(not listening)
        self.send_selected_button.setEnabled(selected)
        self.disconnect_button.setEnabled(selected)
        self.send_all_button.setEnabled(has_clients)
        self.remove_rule_button.setEnabled(self.rule_list.currentRow() >= 0)

    @staticmethod
    def _describe_rule(rule: AutoReplyRule) -> str:
        if rule.pattern_is_hex:
            pattern = QCoreApplication.translate("ServerPanel", "hex {pattern}").format(pattern=rule.pattern)
        else:
            pattern = repr(rule.pattern)
        return f"{match_kind_label(rule.match_kind)} {pattern} → {rule.reply!r}"

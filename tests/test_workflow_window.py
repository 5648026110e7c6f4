"""Everyday workflow through the real window: saved messages, history, repeat, settings,
shortcuts, accessibility and statistics — against real loopback peers."""

from __future__ import annotations

from pathlib import Path

import pytest
from loopback import ThreadedPeer, activate, connect_window, log_lines
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTableView,
    QWidget,
)

from app.demo_servers import DemoServer
from ui.main_window import MainWindow

LOOPBACK = "127.0.0.1"


# ============================================================================ helpers
def new_window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.side_pages_built, timeout=5000)  # built right after the first frame
    return w


@pytest.fixture
def window(qtbot):
    w = new_window(qtbot)
    yield w
    w.close()





def counting_peer() -> ThreadedPeer:
    """A plain-socket server that reads everything until we close."""
    holder: list[ThreadedPeer] = []
    peer = ThreadedPeer(lambda conn: holder[0].recv_until_eof(conn))
    holder.append(peer)
    return peer


def received_now(peer: ThreadedPeer) -> int:
    return len(peer.received)


# ============================================================================ saved messages
def test_saved_message_survives_a_restart_and_loads_back(qtbot):
    first = new_window(qtbot)
    first.composer.load_message("hex", "48 45 4C 4C 4F", encoding="utf-8", line_ending="crlf")
    asked = []
    first.ask_message_name = lambda suggested: (asked.append(suggested), "greeting")[1]
    first.saved_panel.save_button.click()
    assert asked == ["48 45 4C 4C 4F"]
    assert first.saved_panel.visible_names() == ["greeting"]
    first.close()  # writes the settings

    second = new_window(qtbot)
    try:
        assert second.saved_panel.visible_names() == ["greeting"]
        second.composer.load_message("text", "something else")  # so loading has to change it
        second.side_tabs.setCurrentWidget(second.saved_panel)
        item_list = second.saved_panel.list
        item = item_list.item(0)
        centre = item_list.visualItemRect(item).center()
        # A real double-click: the first press selects, the second one opens.
        qtbot.mouseClick(item_list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(item_list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        spec = second.composer.message_spec()
        assert (spec["format"], spec["content"], spec["line_ending"]) == ("hex", "48 45 4C 4C 4F", "crlf")
        assert second.composer.current_bytes() == b"HELLO\r\n"

        second.composer.load_message("text", "something else")
        assert second.saved_panel.selected_name() == "greeting"
        second.saved_panel.load_button.click()
        assert second.composer.current_bytes() == b"HELLO\r\n"
    finally:
        second.close()


# ============================================================================ history
def test_up_and_down_recall_sent_messages_and_give_the_draft_back(qtbot, window):
    server = window.demo_panel.start("echo")
    connect_window(qtbot, window, server.port)
    edit = window.composer.messageEdit
    sent: list[bytes] = []
    window.session.data_sent.connect(sent.append)

    for text in ("first", "second"):
        edit.setPlainText(text)
        qtbot.waitUntil(window.composer.sendButton.isEnabled, timeout=1000)
        qtbot.keyClick(edit, Qt.Key.Key_Return)  # Enter sends in single-line mode
    qtbot.waitUntil(lambda: window.session.bytes_received == len("firstsecond"), timeout=3000)
    assert sent == [b"first", b"second"]

    edit.setPlainText("draft in progress")
    steps = []
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Down):
        qtbot.keyClick(edit, key)
        steps.append(edit.toPlainText())
    assert steps == ["second", "first", "second", "draft in progress"]


# ============================================================================ repeat
def test_repeat_n_times_delivers_exactly_n_messages(qtbot, window):
    peer = counting_peer()
    connect_window(qtbot, window, peer.port)
    window.composer.load_message("text", "tick", line_ending="crlf")
    message = window.composer.current_bytes()
    assert message == b"tick\r\n"
    window.repeatSpin.setValue(25)
    window.repeatIntervalSpin.setValue(0)

    with qtbot.waitSignal(window.repeater.finished, timeout=3000):
        window.repeatButton.click()
    qtbot.waitUntil(lambda: received_now(peer) >= 25 * len(message), timeout=3000)
    assert not window.repeatButton.isChecked()
    assert window.repeater.count == 25
    assert window.repeatCountLabel.text() == "25 sent"

    # "No more": close gracefully and let the peer read to the end of the stream.
    with qtbot.waitSignal(window.session.disconnected, timeout=3000):
        window.disconnectButton.click()
    qtbot.waitUntil(peer.done.is_set, timeout=3000)
    assert peer.error is None
    assert bytes(peer.received) == message * 25


def test_repeat_stops_when_we_disconnect(qtbot, window):
    peer = counting_peer()
    connect_window(qtbot, window, peer.port)
    window.composer.load_message("text", "beat", line_ending="lf")
    window.repeatSpin.setValue(0)  # until stopped
    window.repeatIntervalSpin.setValue(5)
    window.repeatButton.click()
    assert window.repeater.is_running
    # Pressed between two sends, with nothing queued (the queued case has its own test).
    qtbot.waitUntil(lambda: window.repeater.count >= 5 and window.session.pending_out == 0, timeout=3000)

    with qtbot.waitSignal(window.session.disconnected, timeout=3000):
        window.disconnectButton.click()
    assert not window.repeater.is_running
    assert not window.repeatButton.isChecked()
    qtbot.waitUntil(peer.done.is_set, timeout=3000)
    sent = window.repeater.count
    assert bytes(peer.received) == b"beat\n" * sent  # every counted send arrived, whole
    # Nothing tried to send into the closing connection.
    failures = [line for line in log_lines(window) if "not sent" in line]
    assert failures == [], f"{len(failures)} sends after Disconnect: {failures[:2]}"


def test_repeat_stops_when_disconnect_is_pressed_with_data_still_queued(qtbot, window):
    # A peer that does not keep up: Disconnect (graceful) must first send what is queued,
    # so the session stays Connected for a while — the repeat must not go on filling the queue.
    server = window.demo_panel.start("never-read")
    connect_window(qtbot, window, server.port)
    window.composer.load_message("text", "x" * 4096)
    window.repeatSpin.setValue(0)
    window.repeatIntervalSpin.setValue(0)
    window.repeatButton.click()
    qtbot.waitUntil(lambda: window.session.pending_out > 1024 * 1024, timeout=3000)

    window.disconnectButton.click()
    handed_at_click = window.session.bytes_handed

    def repeat_stopped() -> None:
        failures = sum("not sent" in line for line in log_lines(window))
        assert not window.repeater.is_running, (
            f"still repeating after Disconnect (state {window.session.state.name}); "
            f"{failures} 'not sent' lines so far, {window.log_model.skipped_entries} records skipped by the log")

    qtbot.waitUntil(repeat_stopped, timeout=1000)
    assert not window.repeatButton.isChecked()
    assert window.session.bytes_handed == handed_at_click
    with qtbot.waitSignal(window.session.disconnected, timeout=3000):
        window.abortButton.click()


def test_repeat_stops_when_the_peer_closes(qtbot, window):
    server = window.demo_panel.start("close-after-reply")
    connect_window(qtbot, window, server.port)
    window.composer.load_message("text", "knock")
    window.repeatSpin.setValue(0)
    window.repeatIntervalSpin.setValue(20)
    with qtbot.waitSignal(window.session.disconnected, timeout=3000):
        window.repeatButton.click()
    assert not window.repeater.is_running
    assert not window.repeatButton.isChecked()
    assert [line for line in log_lines(window) if "bye" in line]
    assert not [line for line in log_lines(window) if "not sent" in line]


# ============================================================================ settings
GARBAGE = {
    "binary noise": bytes(range(256)) * 8,
    "wrong types": (b"[General]\nwindow\\geometry=@ByteArray(\\0\\xff)\n[connection]\nhost=@Variant(\\0\\0)\n"
                    b"port=not-a-port\nrecentHosts={[}\n[repeat]\ntimes=-7\nintervalMs=1e99\n"
                    b"[composer]\nmessage=[1,2,3]\n[savedMessages]\njson={\"messages\": 5}\n"
                    b"[log]\ndisplay=99\nframing=-1\nwallClock=maybe\nmaxRows=0\n"),
    "truncated": b"[connection]\nhost=::1\nport=43",
}


@pytest.mark.parametrize("garbage", list(GARBAGE), ids=list(GARBAGE))
def test_a_corrupted_settings_file_gives_a_working_window_with_defaults(qtbot, garbage):
    first = new_window(qtbot)
    first.hostEdit.setText("::1")
    first.portEdit.setText("4321")
    first.repeatSpin.setValue(77)
    first.close()
    path = Path(QSettings().fileName())
    assert path.is_file(), path
    assert "4321" in path.read_text(encoding="utf-8", errors="replace")
    path.write_bytes(GARBAGE[garbage])

    second = new_window(qtbot)
    try:
        assert second.portEdit.text() in {"7", "43"}  # "43" is a valid port the truncated file still holds
        if garbage != "truncated":
            assert second.hostEdit.text() == "127.0.0.1"
            assert second.portEdit.text() == "7"
        assert second.repeatSpin.value() == 10
        assert second.repeatIntervalSpin.value() == 1000
        assert second.saved_panel.visible_names() == []
        assert second.log_panel.displayCombo.currentIndex() == 0
        assert second.log_panel.framingCombo.currentIndex() == 0
        assert not second.log_panel.wallClockCheck.isChecked()
        assert second.log_model.max_rows >= 100
        assert second.connectButton.isEnabled()
    finally:
        second.close()


# ============================================================================ shortcuts
def test_shortcuts_trigger_their_actions(qtbot, window, tmp_path):
    server = window.demo_panel.start("echo")  # points host and port at it
    window.composer.load_message("text", "via shortcut")
    saved_to = tmp_path / "log.txt"
    window.choose_save_path = lambda title, suggested, filters: str(saved_to)
    activate(qtbot, window)
    ctrl = Qt.KeyboardModifier.ControlModifier

    with qtbot.waitSignal(window.session.connected, timeout=3000):
        qtbot.keyClick(window, Qt.Key.Key_K, ctrl)
    assert window.session.peer == f"127.0.0.1:{server.port}"

    window.composer.messageEdit.setFocus()
    qtbot.waitUntil(window.composer.sendButton.isEnabled, timeout=1000)
    qtbot.keyClick(window, Qt.Key.Key_Return, ctrl)
    qtbot.waitUntil(lambda: window.session.bytes_received == 12, timeout=3000)
    assert window.session.bytes_handed == 12  # sent once, not twice

    qtbot.keyClick(window, Qt.Key.Key_S, ctrl)
    text = saved_to.read_text(encoding="utf-8")
    assert "readyRead: 12 bytes" in text and "via shortcut" in text
    assert text.endswith("\n")

    assert log_lines(window)
    qtbot.keyClick(window, Qt.Key.Key_L, ctrl)
    assert log_lines(window) == []

    window.composer.messageEdit.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, ctrl)
    assert QApplication.focusWidget() is window.log_panel.findEdit

    with qtbot.waitSignal(window.session.disconnected, timeout=3000):
        qtbot.keyClick(window, Qt.Key.Key_K, ctrl)
    assert window.session.is_idle


# ============================================================================ accessibility
_INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QSpinBox, QAbstractItemView, QPlainTextEdit)
# Parts Qt builds inside composite widgets: their owner carries the name (a table view's
# headers and corner button: the log is a one-column table with both headers hidden).
_COMPOSITES = (QComboBox, QAbstractSpinBox, QTabBar, QLineEdit, QMenuBar, QTableView)


def _is_internal_part(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, _COMPOSITES):
            return True
        parent = parent.parentWidget()
    return False


def test_every_interactive_widget_has_an_accessible_name_or_a_buddy_label(window):
    buddies = {id(label.buddy()) for label in window.findChildren(QLabel)
               if label.buddy() is not None and label.text().replace("&", "").strip()}
    widgets = [w for kind in _INTERACTIVE for w in window.findChildren(kind) if not _is_internal_part(w)]
    assert len(widgets) > 40  # the whole window was searched, panels included
    nameless = sorted(f"{type(w).__name__} {w.objectName() or '(no objectName)'}"
                      for w in widgets if not w.accessibleName().strip() and id(w) not in buddies)
    assert nameless == [], "no accessibleName and no buddy label:\n  " + "\n  ".join(nameless)


# ============================================================================ statistics
def test_statistics_tab_shows_bytes_in_and_out_after_an_echo(qtbot, window):
    server = window.demo_panel.start("echo")
    connect_window(qtbot, window, server.port)
    window.composer.load_message("text", "count these bytes")  # 17 bytes
    qtbot.waitUntil(window.composer.sendButton.isEnabled, timeout=1000)
    window.composer.sendButton.click()
    qtbot.waitUntil(lambda: window.session.bytes_received == 17, timeout=3000)

    window.side_tabs.setCurrentWidget(window.stats_panel)

    def shows_both() -> None:
        text = window.statsLabel.text()
        assert "in:  17 B in 1 reads" in text, text
        assert "out: 17 B in 1 sends" in text, text

    qtbot.waitUntil(shows_both, timeout=2000)
    last_line = window.statsLabel.text().splitlines()[-1]
    assert "last round trip" in last_line and last_line.endswith(" ms"), last_line


def test_timeline_exports_from_its_buttons(qtbot, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    server = window.demo_panel.start("echo")
    with qtbot.waitSignal(window.session.connected, timeout=3000):
        window.connect_to_host()
    window.side_tabs.setCurrentWidget(window.timeline_panel)
    qtbot.waitUntil(lambda: window.timeline.arrow_count > 0, timeout=2000)
    for kind, button in (("png", window.timelinePngButton), ("svg", window.timelineSvgButton)):
        target = tmp_path / f"timeline.{kind}"
        window.choose_save_path = lambda *args, target=target: str(target)
        button.click()
        assert target.stat().st_size > 0
    assert (tmp_path / "timeline.svg").read_text().lstrip().startswith("<?xml")
    assert server.is_running
    window.close()


def test_protocol_history_and_log_cap_survive_a_restart(qtbot):
    first = MainWindow()
    qtbot.addWidget(first)
    first.protocolCombo.setCurrentIndex(first.protocolCombo.findData("UDP"))
    first.composer.history.add("remember me")
    first.log_panel.maxRowsSpin.setValue(5_000)
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.protocol == "UDP"
    assert "remember me" in second.composer.history.entries()
    assert second.log_model.max_rows == 5_000
    second.close()


def test_recent_hosts_and_ports_complete_after_a_restart(qtbot):
    server = DemoServer()
    server.start("echo")
    first = MainWindow()
    qtbot.addWidget(first)
    first.hostEdit.setText("127.0.0.1")
    first.portEdit.setText(str(server.port))
    with qtbot.waitSignal(first.session.connected, timeout=3000):
        first.connectButton.click()
    port = server.port
    first.close()
    server.stop()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.hostEdit.completer().model().stringList()[0] == "127.0.0.1"
    assert second.portEdit.completer().model().stringList()[0] == str(port)
    second.close()

"""The window's settings: what a user expects to find again after a restart.

Every value read falls back to its default when it is missing, foreign or corrupted
(app.settings does the type checks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from app.address import EndpointError, parse_port
from app.settings import Settings

if TYPE_CHECKING:
    from .main_window import MainWindow


def restore_window(window: MainWindow, s: Settings) -> None:
    """Put back what save_window stored."""
    geometry = s.read_bytes("window/geometry", b"")
    if geometry:
        window.restoreGeometry(QByteArray(geometry))
    for key, splitter in (("window/mainSplitter", window.main_splitter), ("window/logSplitter", window.log_splitter)):
        state = s.read_bytes(key, b"")
        if state:
            splitter.restoreState(QByteArray(state))
    window.hostEdit.setText(s.read_str("connection/host", window.hostEdit.text()))
    window.portEdit.setText(str(s.read_int("connection/port", int(window.portEdit.text()), 1, 65535)))
    protocol_index = window.protocolCombo.findData(s.read_str("connection/protocol", "TCP"))
    window.protocolCombo.setCurrentIndex(max(0, protocol_index))
    for text in s.read_json("composer/history", []):
        if isinstance(text, str):
            window.composer.history.add(text)
    for key, recent in (("connection/recentHosts", window.recent_hosts), ("connection/recentPorts", window.recent_ports)):
        for item in reversed([i for i in s.read_json(key, []) if isinstance(i, str)]):
            recent.add(item)
    window.show_recent()
    panel = window.log_panel
    for key, combo in (("log/display", panel.displayCombo), ("log/framing", panel.framingCombo)):
        index = s.read_int(key, combo.currentIndex(), 0, combo.count() - 1)
        combo.setCurrentIndex(index)
    panel.wallClockCheck.setChecked(s.read_bool("log/wallClock", False))
    window.log_panel.maxRowsSpin.setValue(s.read_int("log/maxRows", window.log_model.max_rows, 1_000, 5_000_000))
    spec = s.read_json("composer/message", {})
    if isinstance(spec, dict) and spec:
        try:
            window.composer.load_message(
                str(spec.get("format", "text")), str(spec.get("content", "")),
                str(spec.get("encoding", "utf-8")), str(spec.get("line_ending", "none")),
                spec.get("escapes", True) is not False)
        except (ValueError, KeyError, TypeError):
            pass  # a foreign value: keep the defaults
    window.repeatSpin.setValue(s.read_int("repeat/times", window.repeatSpin.value(), 0, 10_000_000))
    window.repeatIntervalSpin.setValue(s.read_int("repeat/intervalMs", window.repeatIntervalSpin.value(), 0, 3_600_000))
    # Saved messages are read when their tab is built (MainWindow.side_pages).


def save_window(window: MainWindow, s: Settings) -> None:
    s.write("window/geometry", bytes(window.saveGeometry().data()))
    s.write("window/mainSplitter", bytes(window.main_splitter.saveState().data()))
    s.write("window/logSplitter", bytes(window.log_splitter.saveState().data()))
    s.write("connection/host", window.hostEdit.text().strip())
    try:
        s.write("connection/port", parse_port(window.portEdit.text()))
    except EndpointError:
        pass  # whatever was typed is no port worth remembering
    s.write("connection/recentHosts", window.recent_hosts.items())
    s.write("connection/recentPorts", window.recent_ports.items())
    s.write("connection/protocol", window.protocol)
    s.write("composer/history", window.composer.history.entries()[-50:])
    s.write("log/display", window.log_panel.displayCombo.currentIndex())
    s.write("log/framing", window.log_panel.framingCombo.currentIndex())
    s.write("log/wallClock", window.log_panel.wallClockCheck.isChecked())
    s.write("log/maxRows", window.log_model.max_rows)
    spec = window.composer.message_spec()
    if len(spec.get("content", "")) > 100_000:  # a pasted 50 MB message is not a setting
        spec = dict(spec, content="")
    s.write("composer/message", spec)
    s.write("repeat/times", window.repeatSpin.value())
    s.write("repeat/intervalMs", window.repeatIntervalSpin.value())
    if window.side_pages_built:  # never built: nothing was read, nothing changed
        window.saved_store.save(s)
    s.sync()

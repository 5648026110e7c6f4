"""The main window: host, port, message and log panes around one ClientSession."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.atomic import atomic_write_text
from app.capture import CaptureFormatError, CaptureWriter, events_from_capture, read_capture
from app.demo_servers import DemoServer
from app.events import EventKind
from app.heartbeat import Heartbeat
from app.log_feed import LogFeed
from app.log_model import LogModel
from app.session import ClientSession, NotConnectedError, SocketState, state_name
from app.explain import explain

from .composer import Composer
from .demo_panel import DemoPanel
from .log_panel import LogPanel
from .teaching_panel import TeachingPanel
from .timeline_view import TimelineView


def human_bytes(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:,} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024
    return str(n)


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("Socket Tester")
        self.session = ClientSession(self)
        self.log_model = LogModel(self)
        self.log_feed = LogFeed(self.log_model, self)
        self.heartbeat = Heartbeat(self)
        self.capture: CaptureWriter | None = None
        self._font_delta = 0

        self._build_connection_bar()
        self.log_panel = LogPanel(self.log_model)
        self.composer = Composer()
        self.teaching_panel = TeachingPanel(self.session)
        self.timeline = TimelineView()
        self.demo_panel = DemoPanel()
        self.side_tabs = QTabWidget(objectName="sideTabs")
        self.side_tabs.addTab(self.teaching_panel, "&Teaching")
        self.side_tabs.addTab(self.timeline, "Time&line")
        self.side_tabs.addTab(self.demo_panel, "&Demo servers")

        self.log_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="logSplitter")
        self.log_splitter.addWidget(self.log_panel)
        self.log_splitter.addWidget(self.side_tabs)
        self.log_splitter.setStretchFactor(0, 3)
        self.log_splitter.setStretchFactor(1, 2)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical, objectName="mainSplitter")
        self.main_splitter.addWidget(self.log_splitter)
        self.main_splitter.addWidget(self.composer)
        self.main_splitter.setStretchFactor(0, 4)
        self.main_splitter.setStretchFactor(1, 1)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(self.connection_bar)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self._build_menus()
        self._connect_signals()
        self._update_actions()
        self.heartbeat.start()
        self.resize(1180, 760)

    # ------------------------------------------------------------------ building
    def _build_connection_bar(self) -> None:
        self.hostEdit = QLineEdit("127.0.0.1", objectName="hostEdit")
        self.hostEdit.setAccessibleName("Host")
        self.hostEdit.setPlaceholderText("host name, IPv4 or IPv6 address")
        self.portEdit = QLineEdit("7", objectName="portEdit")
        self.portEdit.setAccessibleName("Port")
        self.portEdit.setPlaceholderText("1–65535")
        self.portEdit.setMaximumWidth(90)
        self.connectButton = QPushButton("&Connect", objectName="connectButton")
        self.disconnectButton = QPushButton("Dis&connect", objectName="disconnectButton")
        self.disconnectButton.setToolTip("Graceful close: queued data is sent first, then FIN")
        self.halfCloseButton = QPushButton("&Half-close", objectName="halfCloseButton")
        self.halfCloseButton.setToolTip("Stop sending (FIN) but keep reading until the peer closes")
        self.abortButton = QPushButton("&Abort", objectName="abortButton")
        self.abortButton.setToolTip("Reset the connection now (RST); queued data is dropped")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("&Host:", buddy=self.hostEdit))
        bar.addWidget(self.hostEdit, 3)
        bar.addWidget(QLabel("&Port:", buddy=self.portEdit))
        bar.addWidget(self.portEdit, 1)
        for button in (self.connectButton, self.disconnectButton, self.halfCloseButton, self.abortButton):
            bar.addWidget(button)
        self.connection_bar = bar

    def _build_status_bar(self) -> None:
        self.stateLabel = QLabel(objectName="stateLabel")
        self.countersLabel = QLabel(objectName="countersLabel")
        self.heartbeatLabel = QLabel(objectName="heartbeatLabel")
        self.heartbeatLabel.setToolTip("The event loop's heartbeat: it keeps beating while a connection hangs")
        status = self.statusBar()
        status.addWidget(self.stateLabel)
        status.addWidget(self.countersLabel, 1)
        status.addPermanentWidget(self.heartbeatLabel)
        self._status_timer = QTimer(self)  # counters at a readable rate, not once per chunk
        self._status_timer.setInterval(200)
        self._status_timer.timeout.connect(self._update_counters)
        self._status_timer.start()

    def _action(self, menu, text: str, slot, shortcut=None, *, name: str = "", checkable=False) -> QAction:
        action = QAction(text, self)
        if name:
            action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.file_open_capture = self._action(file_menu, "&Open capture…", self.open_capture, name="fileOpenCapture")
        self.file_save_log = self._action(file_menu, "&Save log…", self.save_log, QKeySequence.StandardKey.Save,
                                          name="fileSaveLog")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit, name="fileQuit")

        connection = bar.addMenu("&Connection")
        self.connection_toggle = self._action(connection, "Connect / &Disconnect", self.toggle_connection,
                                              "Ctrl+K", name="connectionToggle")
        self.connection_half_close = self._action(connection, "&Half-close", self.session.half_close,
                                                  name="connectionHalfClose")
        self.connection_abort = self._action(connection, "&Abort (reset)", self.session.abort,
                                             name="connectionAbort")
        connection.addSeparator()
        self.connection_send = self._action(connection, "&Send message", self.composer.request_send,
                                            "Ctrl+Return", name="connectionSend")

        view = bar.addMenu("&View")
        self.view_find = self._action(view, "&Find in log", self.focus_find, QKeySequence.StandardKey.Find,
                                      name="viewFind")
        self.view_clear = self._action(view, "C&lear log", self.log_model.clear, "Ctrl+L", name="viewClear")
        view.addSeparator()
        self.view_larger = self._action(view, "&Larger font (projector)", lambda: self.change_font_size(+2),
                                        QKeySequence.StandardKey.ZoomIn, name="viewLarger")
        self.view_larger.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.view_smaller = self._action(view, "&Smaller font", lambda: self.change_font_size(-2),
                                         "Ctrl+-", name="viewSmaller")

        teaching = bar.addMenu("&Teaching")
        teaching.addAction(self.teaching_panel.next_action)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About Socket Tester", self.show_about, name="helpAbout")

    def _connect_signals(self) -> None:
        session = self.session
        session.event_recorded.connect(self.log_feed.on_event)
        session.event_recorded.connect(self._on_event)
        session.state_changed.connect(self._update_actions)
        session.peer_closed.connect(self._update_actions)
        self.connectButton.clicked.connect(self.connect_to_host)
        self.hostEdit.returnPressed.connect(self.connect_to_host)
        self.portEdit.returnPressed.connect(self.connect_to_host)
        self.disconnectButton.clicked.connect(session.disconnect_from_host)
        self.halfCloseButton.clicked.connect(session.half_close)
        self.abortButton.clicked.connect(session.abort)
        self.composer.send_requested.connect(self.send_bytes)
        self.composer.send_file_requested.connect(self.send_file)
        self.log_panel.framing_changed.connect(self.log_feed.set_framing)
        self.log_panel.trace_toggled.connect(self._set_trace)
        self.teaching_panel.explain_toggled.connect(self._set_trace)
        self.log_panel.record_toggled.connect(self.set_recording)
        self.log_panel.save_log_requested.connect(self.save_log)
        self.log_panel.open_capture_requested.connect(self.open_capture)
        self.log_panel.logView.clicked.connect(self._show_code_for_row)
        self.demo_panel.server_started.connect(self._point_at_demo)
        self.heartbeat.beat.connect(self._update_heartbeat)

    # ------------------------------------------------------------------ actions
    def connect_to_host(self) -> None:
        if self.session.state not in (SocketState.UnconnectedState, SocketState.ConnectedState):
            return  # a connect is already under way: one click, one attempt
        self.session.connect_to_host(self.hostEdit.text(), self.portEdit.text())
        self._update_actions()

    def toggle_connection(self) -> None:
        if self.session.is_idle:
            self.connect_to_host()
        else:
            self.session.disconnect_from_host()

    def send_bytes(self, data: bytes) -> None:
        try:
            self.session.send(data)
        except NotConnectedError as exc:
            self.log_model.note(f"not sent: {exc}", colour_kind=EventKind.ERROR)

    def send_file(self, path: str) -> None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.log_model.note(f"cannot read {path}: {exc.strerror}", colour_kind=EventKind.ERROR)
            return
        self.log_model.note(f"sending file {Path(path).name}: {len(data):,} bytes")
        self.send_bytes(data)

    def start_demo(self, kind: str = "echo", *, connect: bool = True) -> DemoServer:
        """Start a built-in demo server and point the client at it (the --demo option)."""
        server = self.demo_panel.start(kind)
        if connect:
            self.connect_to_host()
        return server

    def _point_at_demo(self, host: str, port: int) -> None:
        if self.session.is_idle:
            self.hostEdit.setText(host)
            self.portEdit.setText(str(port))

    def focus_find(self) -> None:
        self.log_panel.findEdit.setFocus()
        self.log_panel.findEdit.selectAll()

    def change_font_size(self, delta: int) -> None:
        self._font_delta = max(-4, min(24, self._font_delta + delta))
        base = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for font in (base, fixed):
            font.setPointSize(max(6, font.pointSize() + self._font_delta))
        self.centralWidget().setFont(base)
        self.log_panel.logView.setFont(fixed)
        self.timeline.set_font_point_size(base.pointSize())

    def _set_trace(self, _on: bool = False) -> None:
        trace = self.log_panel.traceCheck.isChecked()
        explain_on = self.teaching_panel.explainCheck.isChecked()
        self.log_model.set_trace(trace or explain_on, explain if explain_on else None)

    def _show_code_for_row(self, index) -> None:
        entry = self.log_model.entry_at(index.row())
        if entry is not None and entry.event is not None:
            self.teaching_panel.show_code_for(entry.event)

    # ------------------------------------------------------------------ capture and log files
    def choose_save_path(self, title: str, suggested: str, filters: str) -> str | None:
        """The one place a save dialog opens (tests replace it)."""
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, filters)
        return path or None

    def choose_open_path(self, title: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, title, "", filters)
        return path or None

    def set_recording(self, on: bool) -> None:
        if on and self.capture is None:
            path = self.choose_save_path("Record to capture file", "capture.jsonl",
                                         "Socket Tester capture (*.jsonl);;All files (*)")
            if not path:
                self.log_panel.recordButton.setChecked(False)
                return
            raw = str(Path(path).with_suffix(".in.bin")) if self.record_raw_stream else None
            self.capture = CaptureWriter(path, raw_in_path=raw, peer=self.session.peer)
            self.session.event_recorded.connect(self.capture.record)
            self.log_model.note(f"recording every byte to {path}" + (f" (received stream: {raw})" if raw else ""))
        elif not on and self.capture is not None:
            capture, self.capture = self.capture, None
            self.session.event_recorded.disconnect(capture.record)
            capture.close()
            self.log_model.note(f"capture saved: {capture.path} ({capture.records:,} records, "
                                f"{capture.bytes_out:,} bytes out, {capture.bytes_in:,} bytes in)")

    record_raw_stream = True

    def save_log(self) -> None:
        path = self.choose_save_path("Save log", "socket-tester-log.txt", "Text (*.txt);;All files (*)")
        if not path:
            return
        try:
            atomic_write_text(path, self.log_model.all_text() + "\n")
        except OSError as exc:
            self.log_model.note(f"log not saved: {exc.strerror}", colour_kind=EventKind.ERROR)
            return
        self.log_model.note(f"log saved to {path}")

    def open_capture(self) -> None:
        path = self.choose_open_path("Open capture", "Socket Tester capture (*.jsonl);;All files (*)")
        if path:
            self.load_capture(path)

    def load_capture(self, path: str) -> bool:
        try:
            events = events_from_capture(read_capture(path))
        except (OSError, CaptureFormatError) as exc:
            self.log_model.note(f"cannot open capture {path}: {exc}", colour_kind=EventKind.ERROR)
            return False
        self.log_model.clear()
        self.timeline.clear()
        self.log_model.note(f"viewing capture {path}: {len(events):,} records")
        for event in events:
            self.log_feed.on_event(event)
        self.timeline.add_events(events)
        return True

    # ------------------------------------------------------------------ state
    def _on_event(self, event) -> None:
        self.timeline.add_event(event)
        if event.kind is EventKind.CALL and event.detail.startswith("connectToHost"):
            self.heartbeat.reset()

    def _update_actions(self, *_args) -> None:
        """The one place that decides what is enabled: everything follows the socket state."""
        state = self.session.state
        idle = state == SocketState.UnconnectedState
        connected = state == SocketState.ConnectedState
        self.connectButton.setEnabled(idle)
        self.hostEdit.setReadOnly(not idle)
        self.portEdit.setReadOnly(not idle)
        self.disconnectButton.setEnabled(not idle)
        self.halfCloseButton.setEnabled(connected)
        self.abortButton.setEnabled(not idle)
        self.composer.set_connected(connected)
        self.connection_half_close.setEnabled(connected)
        self.connection_abort.setEnabled(not idle)
        text = state_name(state)
        if self.session.peer_has_closed and not idle:
            text += " · peer closed, we have not"
        if self.session.peer and not idle:
            text += f" · {self.session.peer}"
        self.stateLabel.setText(text)

    def _update_counters(self) -> None:
        s = self.session
        parts = [f"sent {human_bytes(s.bytes_sent)}", f"received {human_bytes(s.bytes_received)}"]
        if s.pending_out:
            parts.append(f"queued {human_bytes(s.pending_out)}")
        if self.log_feed.pending_bytes:
            parts.append(f"{human_bytes(self.log_feed.pending_bytes)} wait for a message end")
        self.countersLabel.setText("  ·  ".join(parts))

    def _update_heartbeat(self, ticks: int) -> None:
        glyph = "♥" if (ticks // self.heartbeat.report_every) % 2 else "♡"
        self.heartbeatLabel.setText(f"{glyph} event loop: longest stall {self.heartbeat.longest_stall_ms:.0f} ms")

    def show_about(self) -> None:
        self.log_model.note(f"Socket Tester {__version__} — Qt's asynchronous sockets, callback by callback")

    # ------------------------------------------------------------------ settings and closing
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Closing mid-transfer: reset the connection, finish the capture, stop servers; no hang.
        self.session.abort()
        if self.capture is not None:
            self.set_recording(False)
        self.demo_panel.stop_all()
        self.heartbeat.stop()
        super().closeEvent(event)

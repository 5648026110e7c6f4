"""The main window: host, port, message and log panes around one ClientSession.

What the first frame shows is built before the window is shown. Two parts are built on the
event loop's next turn after that frame is painted, or earlier when something asks for them:
the network part (the TCP/TLS session, the UDP session and QtNetwork itself) and the side
tabs not seen yet (timeline, demo servers, listen server, saved messages, statistics).
Their modules are not imported before then: start-up time, see README "Performance".
"""

from __future__ import annotations

import sys
from collections import deque
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.codecs import CodecError, visible_text
from app.events import Direction, EventKind, SessionEvent
from app.heartbeat import Heartbeat
from app.history import RecentList
from app.repeater import Repeater
from app.settings import Settings
from app.stats import TrafficStats, format_bytes, format_rate
from app.log_feed import LogFeed
from app.log_model import LogModel

from .composer import Composer
from .log_panel import LogPanel
from .window_settings import restore_window, save_window
from .teaching_panel import TeachingPanel

if TYPE_CHECKING:
    from app.capture import CaptureWriter
    from app.demo_servers import DemoServer
    from app.saved_messages import SavedMessage
    from app.tls import TlsClientSession, TlsOptions
    from app.udp_session import UdpSession

# Payloads larger than this reach the timeline as byte counts only.
TIMELINE_KEEPS_BYTES = 4096
# Repeat sends wait while this much is still queued, so a peer that never reads cannot
# make the queue grow without bound.
REPEAT_QUEUE_LIMIT = 4 * 1024 * 1024
PROTOCOLS = ("TCP", "TLS", "UDP")
# Room the side tabs keep from the first frame on, in average character widths and line
# heights: at least what the largest page built after it (Listen) needs in every language we
# ship, so that building it moves neither the splitter nor the window's edge
# (tests/test_start_up.py checks both).
SIDE_PAGE_ROOM = (84, 31)
# The state label before the network part exists: state_name(UnconnectedState), which needs
# QtNetwork (tests/test_start_up.py holds the two equal).
UNCONNECTED = "Unconnected"


def shown(text: str) -> str:
    """A peer's text with control and direction-changing characters made visible."""
    return visible_text(text.encode("utf-8", "surrogatepass"))


def human_bytes(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:,} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024
    return str(n)


class _AfterFirstPaint(QObject):
    """Calls `then` on the event loop's next turn after `window` paints its first frame.

    A zero timer started before show() would run before that paint: Qt handles timers ahead
    of the expose and update events that paint a new window."""

    def __init__(self, window: QWidget, then) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # after the rest of this frame
            self.deleteLater()
        return False


def _focus_chain_block(page: QWidget) -> list[QWidget]:
    """`page` and its descendants, in the Tab order they have among themselves."""
    block, widget = [], page
    while True:
        block.append(widget)
        widget = widget.nextInFocusChain()
        if widget is page or not page.isAncestorOf(widget):
            return block


def _tab_after(previous: QWidget, page: QWidget) -> QWidget:
    """Put the widgets of `page` right after `previous` in Tab order; returns the last one.

    A page that joins the window late lands at the end of its focus chain: Tab from the side
    tab bar would skip it and reach it only after the message editor."""
    for widget in _focus_chain_block(page):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.focusProxy() is None:
            QWidget.setTabOrder(previous, widget)
            previous = widget
    return previous


class _Late:
    """A main-window attribute of a part built after the first frame: reading it builds the part
    first if needed. `part` names the MainWindow method that builds it (once) and returns it."""

    def __init__(self, part: str) -> None:
        self.part = part

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, window, owner=None):
        if window is None:
            return self
        return getattr(getattr(window, self.part)(), self.name)


class MainWindow(QMainWindow):
    # The first frame is painted and the parts built after it are ready.
    start_up_finished = Signal()

    # Built by network(), after the first paint unless asked for sooner. A QSslSocket speaks
    # plain TCP until TLS is switched on, so one session serves both and every panel stays
    # wired to the same object.
    session: TlsClientSession = _Late("network")
    udp: UdpSession = _Late("network")
    # Built by tls_part(), after the first paint unless TLS is chosen sooner: hidden until then.
    tls_row = _Late("tls_part")
    verifyNameEdit = _Late("tls_part")
    caFileEdit = _Late("tls_part")
    clientCertEdit = _Late("tls_part")
    clientKeyEdit = _Late("tls_part")
    certificateBar = _Late("tls_part")
    certificateLabel = _Late("tls_part")
    trustOnceButton = _Late("tls_part")
    dismissCertificateButton = _Late("tls_part")
    # Built by side_pages(), after the first paint unless asked for sooner.
    timeline = _Late("side_pages")
    timeline_panel = _Late("side_pages")
    timelineFitButton = _Late("side_pages")
    timelinePngButton = _Late("side_pages")
    timelineSvgButton = _Late("side_pages")
    demo_panel = _Late("side_pages")
    server_panel = _Late("side_pages")
    saved_store = _Late("side_pages")
    saved_panel = _Late("side_pages")
    stats_panel = _Late("side_pages")
    throughputGraph = _Late("side_pages")
    statsLabel = _Late("side_pages")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Socket Tester"))
        self.log_model = LogModel(self)
        self.log_feed = LogFeed(self.log_model, self)
        self.heartbeat = Heartbeat(self)
        self.capture: CaptureWriter | None = None
        self.settings = Settings()
        self.recent_hosts = RecentList(limit=20)
        self.recent_ports = RecentList(limit=20)
        self.repeater = Repeater(self)
        self.stats = TrafficStats()
        self._timeline_queue: deque = deque(maxlen=2000)
        self._stats_seen = (0, 0, 0, 0)
        self._timeline_timer = QTimer(self, singleShot=True, interval=100)
        self._timeline_timer.timeout.connect(self._flush_timeline)
        self._timeline_due = False
        self._font_delta = 0
        self._network: SimpleNamespace | None = None
        self._tls: SimpleNamespace | None = None
        self._pages: SimpleNamespace | None = None

        self._build_connection_bar()
        self.log_panel = LogPanel(self.log_model)
        self.composer = Composer()
        self.teaching_panel = TeachingPanel(observe_session_events=False)  # attached in network()
        self.side_tabs = QTabWidget(objectName="sideTabs")
        self.side_tabs.addTab(self.teaching_panel, self.tr("&Teaching"))
        # Until side_pages() puts the real pages in, each tab holds an empty page.
        for title in (self.tr("Time&line"), self.tr("&Demo servers"), self.tr("Liste&n"), self.tr("Sa&ved"),
                      self.tr("Stat&istics")):
            self.side_tabs.addTab(QWidget(), title)
        self._keep_room_for_side_pages()

        self.log_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="logSplitter")
        self.log_splitter.addWidget(self.log_panel)
        self.log_splitter.addWidget(self.side_tabs)
        self.log_splitter.setStretchFactor(0, 3)
        self.log_splitter.setStretchFactor(1, 2)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical, objectName="mainSplitter")
        self.main_splitter.addWidget(self.log_splitter)
        self.main_splitter.addWidget(self._with_repeat_row(self.composer))
        self.main_splitter.setStretchFactor(0, 4)
        self.main_splitter.setStretchFactor(1, 1)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(self.connection_bar)
        layout.addWidget(self.main_splitter, 1)  # tls_part() puts its rows above it
        self._central_layout = layout
        self.setCentralWidget(central)
        self._build_status_bar()
        self._build_menus()
        self._connect_signals()
        self._update_actions()
        self.heartbeat.start()
        self.resize(1180, 760)
        self.read_settings()
        # Right after the first frame, before a click could reach a tab.
        _AfterFirstPaint(self, self._finish_start_up)

    def _keep_room_for_side_pages(self) -> None:
        # On the page that is always there: a tab widget's minimum is the largest of its pages'.
        # (An explicit minimum replaces the panel's own, so it never goes below that either.)
        metrics = self.teaching_panel.fontMetrics()
        room = QSize(SIDE_PAGE_ROOM[0] * metrics.averageCharWidth(), SIDE_PAGE_ROOM[1] * metrics.height())
        self.teaching_panel.setMinimumSize(room.expandedTo(self.teaching_panel.minimumSizeHint()))

    def _finish_start_up(self) -> None:
        if self.isVisible():  # closed in the meantime: nothing to build them for
            self.tls_part()
            self.network()
            self.side_pages()
            # Start-up is over: the heartbeat shows how the window keeps up in use, and the
            # first paint and this build are no stall a user waited through.
            self.heartbeat.reset()
            self.start_up_finished.emit()

    def network(self) -> SimpleNamespace:
        """The sessions (TCP/TLS and UDP), built and wired (once) on first call."""
        if self._network is None:
            from app.tls import TlsClientSession
            from app.udp_session import UdpSession

            self._network = SimpleNamespace(session=TlsClientSession(self, tls_enabled=self.protocol == "TLS"),
                                            udp=UdpSession(self))
            self._connect_network(self._network.session, self._network.udp)
            self.teaching_panel.attach(self._network.session)
            self._update_discard()
            self._update_actions()
        return self._network

    @property
    def network_built(self) -> bool:
        return self._network is not None

    def tls_part(self) -> SimpleNamespace:
        """The TLS options row and the certificate warning, built (once) on first call."""
        if self._tls is None:
            self._tls = self._build_tls_rows()
            # Between the connection bar and the splitter, and next in Tab order after the
            # bar's last button, as if built with it.
            for index, row in enumerate((self._tls.tls_row, self._tls.certificateBar), start=1):
                self._central_layout.insertWidget(index, row)
            _tab_after(_tab_after(self.abortButton, self._tls.tls_row), self._tls.certificateBar)
            self._tls.trustOnceButton.clicked.connect(self._trust_once)
            self._tls.dismissCertificateButton.clicked.connect(self._tls.certificateBar.hide)
            self._tls.tls_row.setVisible(self.protocol == "TLS")
        return self._tls

    @property
    def tls_part_built(self) -> bool:
        return self._tls is not None

    def side_pages(self) -> SimpleNamespace:
        """The side tabs not seen at start, built (once) on first call."""
        if self._pages is None:
            self._pages = self._build_side_pages()
        return self._pages

    @property
    def side_pages_built(self) -> bool:
        return self._pages is not None

    def _build_side_pages(self) -> SimpleNamespace:
        from app.saved_messages import SavedMessageStore

        from .demo_panel import DemoPanel
        from .saved_panel import SavedPanel
        from .server_panel import ServerPanel
        from .timeline_view import TimelineView

        pages = SimpleNamespace()
        pages.timeline = TimelineView()
        pages.timeline_panel = self._with_timeline_tools(pages, pages.timeline)
        pages.demo_panel = DemoPanel()
        pages.server_panel = ServerPanel(payload_provider=self._payload_for_server)
        pages.saved_store = SavedMessageStore(self)
        pages.saved_store.load(self.settings)
        pages.saved_panel = SavedPanel(pages.saved_store)
        pages.stats_panel = self._build_stats_panel(pages)
        if self._font_delta:
            pages.timeline.set_font_point_size(self.centralWidget().font().pointSize())

        current = self.side_tabs.currentIndex()
        self.side_tabs.blockSignals(True)
        try:
            previous = [w for w in _focus_chain_block(self.teaching_panel) if w.focusPolicy() & Qt.FocusPolicy.TabFocus][-1]
            for index, page in enumerate((pages.timeline_panel, pages.demo_panel, pages.server_panel,
                                          pages.saved_panel, pages.stats_panel), start=1):
                placeholder = self.side_tabs.widget(index)
                title = self.side_tabs.tabText(index)
                self.side_tabs.removeTab(index)
                self.side_tabs.insertTab(index, page, title)
                placeholder.deleteLater()
                previous = _tab_after(previous, page)
            self.side_tabs.setCurrentIndex(current)
        finally:
            self.side_tabs.blockSignals(False)

        pages.demo_panel.server_started.connect(self._point_at_demo)
        server = pages.server_panel.server
        server.event_recorded.connect(self._dispatch_other_event)
        server.listening_changed.connect(lambda on: self.log_model.set_show_peers(on or self.protocol == "UDP"))
        pages.saved_panel.load_requested.connect(self.load_saved_message)
        pages.saved_panel.send_requested.connect(self.send_saved_message)
        pages.saved_panel.save_current_requested.connect(self.save_current_message)
        pages.saved_store.changed.connect(lambda: pages.saved_store.save(self.settings))
        return pages

    # ------------------------------------------------------------------ building
    def _build_connection_bar(self) -> None:
        self.protocolCombo = QComboBox(objectName="protocolCombo")
        # Protocol names are the same in every language; the logic reads the item data, so a
        # translated label could never change which protocol is meant.
        for protocol in PROTOCOLS:
            self.protocolCombo.addItem(protocol, protocol)
        self.protocolCombo.setAccessibleName(self.tr("Protocol"))
        self.tlsCheck = QCheckBox(self.tr("TL&S"), objectName="tlsCheck")
        self.tlsCheck.setToolTip(self.tr("Encrypt with TLS; the server's certificate is verified"))
        self.tlsCheck.setAccessibleName(self.tr("Use TLS"))
        self.hostEdit = QLineEdit("127.0.0.1", objectName="hostEdit")
        self.hostEdit.setAccessibleName(self.tr("Host"))
        self.hostEdit.setPlaceholderText(self.tr("host name, IPv4 or IPv6 address"))
        self.portEdit = QLineEdit("7", objectName="portEdit")
        self.portEdit.setAccessibleName(self.tr("Port"))
        self.portEdit.setPlaceholderText("1–65535")
        self.portEdit.setMaximumWidth(90)
        self.connectButton = QPushButton(self.tr("&Connect"), objectName="connectButton")
        self.disconnectButton = QPushButton(self.tr("Dis&connect"), objectName="disconnectButton")
        self.disconnectButton.setToolTip(self.tr("Graceful close: queued data is sent first, then FIN"))
        self.halfCloseButton = QPushButton(self.tr("&Half-close"), objectName="halfCloseButton")
        self.halfCloseButton.setToolTip(self.tr("Stop sending (FIN) but keep reading until the peer closes"))
        self.abortButton = QPushButton(self.tr("&Abort"), objectName="abortButton")
        self.abortButton.setToolTip(self.tr("Reset the connection now (RST); queued data is dropped"))
        self._name_connection_buttons("TCP")
        self.halfCloseButton.setAccessibleName(self.tr("Half-close"))
        self.abortButton.setAccessibleName(self.tr("Abort"))
        bar = QHBoxLayout()
        bar.addWidget(self.protocolCombo)
        bar.addWidget(self.tlsCheck)
        bar.addWidget(QLabel(self.tr("&Host:"), buddy=self.hostEdit))
        bar.addWidget(self.hostEdit, 3)
        bar.addWidget(QLabel(self.tr("&Port:"), buddy=self.portEdit))
        bar.addWidget(self.portEdit, 1)
        for button in (self.connectButton, self.disconnectButton, self.halfCloseButton, self.abortButton):
            bar.addWidget(button)
        self.connection_bar = bar

    def _build_tls_rows(self) -> SimpleNamespace:
        tls = SimpleNamespace()
        tls.tls_row = QWidget(objectName="tlsOptions")
        tls.tls_row.hide()
        tls.verifyNameEdit = QLineEdit(objectName="verifyNameEdit", placeholderText=self.tr("the host"))
        tls.verifyNameEdit.setAccessibleName(self.tr("Server name to verify"))
        tls.caFileEdit = QLineEdit(objectName="caFileEdit", placeholderText=self.tr("system CAs"))
        tls.caFileEdit.setAccessibleName(self.tr("CA file (PEM)"))
        tls.clientCertEdit = QLineEdit(objectName="clientCertEdit", placeholderText=self.tr("none"))
        tls.clientCertEdit.setAccessibleName(self.tr("Client certificate (PEM)"))
        tls.clientKeyEdit = QLineEdit(objectName="clientKeyEdit", placeholderText=self.tr("none"))
        tls.clientKeyEdit.setAccessibleName(self.tr("Client key (PEM)"))
        row = QHBoxLayout(tls.tls_row)
        row.setContentsMargins(0, 0, 0, 0)
        for label, edit in ((self.tr("Verify name:"), tls.verifyNameEdit), (self.tr("CA file:"), tls.caFileEdit),
                            (self.tr("Client cert:"), tls.clientCertEdit), (self.tr("Key:"), tls.clientKeyEdit)):
            row.addWidget(QLabel(label, buddy=edit))
            row.addWidget(edit, 1)
        # Shown when a certificate fails verification: the user may trust it, once, explicitly.
        tls.certificateBar = QWidget(objectName="certificateBar")
        tls.certificateBar.hide()
        tls.certificateLabel = QLabel(objectName="certificateLabel", wordWrap=True)
        tls.certificateLabel.setTextFormat(Qt.TextFormat.PlainText)
        tls.certificateLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tls.trustOnceButton = QPushButton(self.tr("&Trust this certificate once and reconnect"),
                                          objectName="trustOnceButton")
        tls.dismissCertificateButton = QPushButton(self.tr("Dismiss"), objectName="dismissCertificateButton")
        tls.trustOnceButton.setAccessibleName(self.tr("Trust this certificate once and reconnect"))
        tls.dismissCertificateButton.setAccessibleName(self.tr("Dismiss the certificate warning"))
        bar = QHBoxLayout(tls.certificateBar)
        bar.addWidget(tls.certificateLabel, 1)
        bar.addWidget(tls.trustOnceButton)
        bar.addWidget(tls.dismissCertificateButton)
        tls.certificateBar.setStyleSheet("#certificateBar { border: 2px solid #c62828; }")
        return tls

    def _with_repeat_row(self, composer: QWidget) -> QWidget:
        self.repeatSpin = QSpinBox(objectName="repeatSpin", minimum=0, maximum=10_000_000, value=10)
        self.repeatSpin.setSpecialValueText(self.tr("until stopped"))
        self.repeatSpin.setAccessibleName(self.tr("Repeat count"))
        self.repeatSpin.setSuffix(self.tr(" times"))
        self.repeatIntervalSpin = QSpinBox(objectName="repeatIntervalSpin", minimum=0, maximum=3_600_000,
                                           value=1000, suffix=" ms")
        self.repeatIntervalSpin.setAccessibleName(self.tr("Repeat interval"))
        self.repeatIntervalSpin.setToolTip(self.tr("Time between sends; 0 = as fast as the connection takes them"))
        self.repeatButton = QPushButton(self.tr("&Repeat"), objectName="repeatButton", checkable=True)
        self.repeatButton.setAccessibleName(self.tr("Repeat sending"))
        self.repeatCountLabel = QLabel(objectName="repeatCountLabel")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Send:"), buddy=self.repeatSpin))
        row.addWidget(self.repeatSpin)
        row.addWidget(QLabel(self.tr("every"), buddy=self.repeatIntervalSpin))
        row.addWidget(self.repeatIntervalSpin)
        row.addWidget(self.repeatButton)
        row.addWidget(self.repeatCountLabel, 1)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(composer, 1)
        layout.addLayout(row)
        return box

    def _with_timeline_tools(self, pages: SimpleNamespace, timeline: QWidget) -> QWidget:
        pages.timelineFitButton = QPushButton(self.tr("Zoom to &fit"), objectName="timelineFitButton")
        pages.timelinePngButton = QPushButton(self.tr("Export &PNG…"), objectName="timelinePngButton")
        pages.timelineSvgButton = QPushButton(self.tr("Export S&VG…"), objectName="timelineSvgButton")
        pages.timelineFitButton.clicked.connect(timeline.zoom_to_fit)
        pages.timelinePngButton.clicked.connect(lambda: self.export_timeline("png"))
        pages.timelineSvgButton.clicked.connect(lambda: self.export_timeline("svg"))
        tools = QHBoxLayout()
        for button in (pages.timelineFitButton, pages.timelinePngButton, pages.timelineSvgButton):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            tools.addWidget(button)
        tools.addStretch(1)
        box = QWidget(objectName="timelinePanel")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(timeline, 1)
        return box

    def export_timeline(self, kind: str) -> None:
        self._flush_timeline()
        path = self.choose_save_path(self.tr("Export timeline"), f"timeline.{kind}",
                                     self.tr("PNG image (*.png)") if kind == "png" else self.tr("SVG drawing (*.svg)"))
        if not path:
            return
        try:
            (self.timeline.export_png if kind == "png" else self.timeline.export_svg)(path)
        except OSError as exc:
            self.log_model.note(self.tr("timeline not exported: {error}").format(error=exc),
                                colour_kind=EventKind.ERROR)
            return
        self.log_model.note(self.tr("timeline exported to {path}").format(path=path))

    def _build_stats_panel(self, pages: SimpleNamespace) -> QWidget:
        from .throughput_graph import ThroughputGraph

        panel = QWidget(objectName="statsPanel")
        pages.throughputGraph = ThroughputGraph()
        pages.statsLabel = QLabel(objectName="statsLabel")
        pages.statsLabel.setTextFormat(Qt.TextFormat.PlainText)
        pages.statsLabel.setAccessibleName(self.tr("Traffic statistics"))
        layout = QVBoxLayout(panel)
        layout.addWidget(pages.throughputGraph, 1)
        layout.addWidget(pages.statsLabel)
        layout.addStretch(0)
        return panel

    def _build_status_bar(self) -> None:
        self.stateLabel = QLabel(objectName="stateLabel", textFormat=Qt.TextFormat.PlainText)
        self.countersLabel = QLabel(objectName="countersLabel")
        self.heartbeatLabel = QLabel(objectName="heartbeatLabel")
        self.heartbeatLabel.setToolTip(self.tr("The event loop's heartbeat: it keeps beating while a connection hangs"))
        status = self.statusBar()
        status.addWidget(self.stateLabel)
        status.addWidget(self.countersLabel, 1)
        status.addPermanentWidget(self.heartbeatLabel)
        self._status_timer = QTimer(self)  # counters at a readable rate, not once per chunk
        self._status_timer.setInterval(200)
        self._status_timer.timeout.connect(self._update_counters)
        self._status_timer.start()

    def _action(self, menu, text: str, slot, shortcut=None, *, name: str = "", checkable=False) -> QAction:
        action = QAction(text, parent=self)  # by keyword: see ui/composer.py sendButton
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
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        self.file_open_capture = self._action(file_menu, self.tr("&Open capture…"), self.open_capture,
                                              name="fileOpenCapture")
        self.file_save_log = self._action(file_menu, self.tr("&Save log…"), self.save_log,
                                          QKeySequence.StandardKey.Save, name="fileSaveLog")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, name="fileQuit")

        connection = bar.addMenu(self.tr("&Connection"))
        connection.setObjectName("connectionMenu")
        self.connection_toggle = self._action(connection, self.tr("Connect / &Disconnect"), self.toggle_connection,
                                              "Ctrl+K", name="connectionToggle")
        self.connection_half_close = self._action(connection, self.tr("&Half-close"), self.half_close,
                                                  name="connectionHalfClose")
        self.connection_abort = self._action(connection, self.tr("&Abort (reset)"), self.abort_connection,
                                             name="connectionAbort")
        connection.addSeparator()
        self.connection_send = self._action(connection, self.tr("&Send message"), self.composer.request_send,
                                            "Ctrl+Return", name="connectionSend")

        view = bar.addMenu(self.tr("&View"))
        view.setObjectName("viewMenu")
        self.view_find = self._action(view, self.tr("&Find in log"), self.focus_find, QKeySequence.StandardKey.Find,
                                      name="viewFind")
        self.view_clear = self._action(view, self.tr("C&lear log"), self.log_model.clear, "Ctrl+L", name="viewClear")
        view.addSeparator()
        self.view_larger = self._action(view, self.tr("&Larger font (projector)"), lambda: self.change_font_size(+2),
                                        QKeySequence.StandardKey.ZoomIn, name="viewLarger")
        self.view_larger.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.view_smaller = self._action(view, self.tr("&Smaller font"), lambda: self.change_font_size(-2),
                                         "Ctrl+-", name="viewSmaller")

        teaching = bar.addMenu(self.tr("&Teaching"))
        teaching.setObjectName("teachingMenu")
        teaching.addAction(self.teaching_panel.next_action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        self._action(help_menu, self.tr("&About Socket Tester"), self.show_about, name="helpAbout")

    def _connect_network(self, session: TlsClientSession, udp: UdpSession) -> None:
        # One slot for every record: each further Qt connection would cost a slot call per
        # chunk on the receive path (see README, Performance).
        session.event_recorded.connect(self._dispatch_event)
        session.state_changed.connect(self._update_actions)
        session.peer_closed.connect(self._update_actions)
        session.sending_shut_changed.connect(self._update_actions)
        session.connected.connect(self._on_connected)
        session.disconnected.connect(self._on_disconnected)
        session.certificate_rejected.connect(self._show_certificate_problems)
        udp.event_recorded.connect(self._dispatch_other_event)
        udp.bound.connect(self._update_actions)

    def _connect_signals(self) -> None:
        self.connectButton.clicked.connect(self.connect_to_host)
        self.hostEdit.returnPressed.connect(self.connect_to_host)
        self.portEdit.returnPressed.connect(self.connect_to_host)
        self.disconnectButton.clicked.connect(self.disconnect_from_host)
        self.halfCloseButton.clicked.connect(self.half_close)
        self.abortButton.clicked.connect(self.abort_connection)
        self.composer.send_requested.connect(self.send_bytes)
        self.composer.send_file_requested.connect(self.send_file)
        self.log_panel.framing_changed.connect(self.log_feed.set_framing)
        self.log_panel.trace_toggled.connect(self._set_trace)
        self.teaching_panel.explain_toggled.connect(self._set_trace)
        self.log_panel.record_toggled.connect(self.set_recording)
        self.log_panel.save_log_requested.connect(self.save_log)
        self.log_panel.open_capture_requested.connect(self.open_capture)
        self.log_panel.logView.clicked.connect(self._show_code_for_row)
        self.heartbeat.beat.connect(self._update_heartbeat)
        self.side_tabs.currentChanged.connect(self._side_tab_changed)
        self.protocolCombo.currentIndexChanged.connect(lambda _i: self._set_protocol(self.protocol))
        self.tlsCheck.toggled.connect(
            lambda on: self.protocolCombo.setCurrentIndex(self.protocolCombo.findData(
                "TLS" if on else ("TCP" if self.protocol == "TLS" else self.protocol))))
        self.log_panel.pauseCheck.toggled.connect(self._update_discard)
        self.repeatButton.toggled.connect(self._toggle_repeat)
        self.repeater.sent.connect(lambda n: self.repeatCountLabel.setText(self.tr("{n:,} sent").format(n=n)))
        self.repeater.finished.connect(lambda: self.repeatButton.setChecked(False))
        self.repeater.failed.connect(
            lambda why: self.log_model.note(self.tr("repeat stopped: {why}").format(why=why),
                                            colour_kind=EventKind.ERROR))
        self._host_completer = QCompleter(QStringListModel(self), self.hostEdit)
        self.hostEdit.setCompleter(self._host_completer)
        self._port_completer = QCompleter(QStringListModel(self), self.portEdit)
        self.portEdit.setCompleter(self._port_completer)

    # ------------------------------------------------------------------ actions
    def connect_to_host(self) -> None:
        if self.protocol == "UDP":
            if not self.udp.is_bound:
                host = "::1" if ":" in self.hostEdit.text() else "127.0.0.1"
                self.udp.bind(0, host)
            self._update_actions()
            return
        if not self.session.is_idle:
            return  # connecting or connected: one click (or Enter), one connection
        self.certificateBar.hide()
        self.session.options = self._tls_options()
        self.session.connect_to_host(self.hostEdit.text(), self.portEdit.text())
        self._update_actions()

    def disconnect_from_host(self) -> None:
        # A graceful close first sends what is queued; the repeat must not keep filling that queue.
        self.repeater.stop()
        if self.protocol == "UDP":
            self.udp.close()
            self._update_actions()
        else:
            self.session.disconnect_from_host()

    def half_close(self) -> None:
        self.session.half_close()

    def abort_connection(self) -> None:
        self.session.abort()

    def toggle_connection(self) -> None:
        busy = self.udp.is_bound if self.protocol == "UDP" else not self.session.is_idle
        if busy:
            self.disconnect_from_host()
        else:
            self.connect_to_host()

    def send_bytes(self, data: bytes) -> None:
        from app.session import NotConnectedError

        if self.protocol == "UDP":
            self.udp.send_to(data, self.hostEdit.text().strip().strip("[]"), self.portEdit.text())
            return
        try:
            self.session.send(data)
        except NotConnectedError as exc:
            self.log_model.note(self.tr("not sent: {error}").format(error=exc), colour_kind=EventKind.ERROR)

    def send_file(self, path: str) -> None:
        from app.session import NotConnectedError

        try:
            if self.protocol != "UDP":
                from app.file_source import FileSource

                # Streamed: read a piece at a time as the socket drains (the session logs it).
                self.session.send_file(FileSource(path))
                return
            if not self.udp.fits_in_a_datagram(Path(path).stat().st_size):
                return  # said in the log; a huge file is not read for nothing
            data = Path(path).read_bytes()
        except NotConnectedError as exc:
            self.log_model.note(self.tr("not sent: {error}").format(error=exc), colour_kind=EventKind.ERROR)
            return
        except OSError as exc:
            self.log_model.note(self.tr("cannot read {path}: {error}").format(path=path, error=exc.strerror),
                                colour_kind=EventKind.ERROR)
            return
        self.log_model.note(self.tr("sending file {name}: {count:,} bytes").format(name=Path(path).name,
                                                                                   count=len(data)))
        self.send_bytes(data)

    # ------------------------------------------------------------------ protocols
    @property
    def protocol(self) -> str:
        """"TCP", "TLS" or "UDP": the item's data, never its (translatable) label."""
        return self.protocolCombo.currentData() or "TCP"

    def _set_protocol(self, protocol: str) -> None:
        if self.network_built:  # otherwise network() makes the session for this protocol
            if not self.session.is_idle:
                self.session.disconnect_from_host()
            if protocol != "UDP" and self.udp.is_bound:
                self.udp.close()
            self.session.tls_enabled = protocol == "TLS"
        self.tlsCheck.blockSignals(True)
        self.tlsCheck.setChecked(protocol == "TLS")
        self.tlsCheck.blockSignals(False)
        if protocol == "TLS" or self.tls_part_built:  # hidden until built: build it only to show it
            self.tls_row.setVisible(protocol == "TLS")
        self._name_connection_buttons(protocol)
        self.log_model.set_show_peers(protocol == "UDP" or self._listening())
        self._update_actions()

    def _name_connection_buttons(self, protocol: str) -> None:
        udp = protocol == "UDP"
        self.connectButton.setText(self.tr("&Bind") if udp else self.tr("&Connect"))
        self.connectButton.setAccessibleName(self.tr("Bind") if udp else self.tr("Connect"))
        self.disconnectButton.setText(self.tr("&Close") if udp else self.tr("Dis&connect"))
        self.disconnectButton.setAccessibleName(self.tr("Close") if udp else self.tr("Disconnect"))

    def _tls_options(self) -> TlsOptions:
        from app.tls import TlsOptions

        return TlsOptions(verify_name=self.verifyNameEdit.text().strip(), ca_file=self.caFileEdit.text().strip(),
                          client_cert_file=self.clientCertEdit.text().strip(),
                          client_key_file=self.clientKeyEdit.text().strip())

    def _show_certificate_problems(self, problems: list) -> None:
        lines = [self.tr("The server's certificate was rejected; the connection was stopped.")]
        seen = set()
        for p in problems:
            # Certificate fields are the peer's words: shown with control characters escaped.
            lines.append(f"• {shown(p.error)}")
            if p.sha256 not in seen:
                seen.add(p.sha256)
                lines.append(self.tr("   subject: {subject}   issuer: {issuer}\n"
                                     "   valid {not_before} → {not_after}\n   SHA-256 {sha256}").format(
                    subject=shown(p.subject), issuer=shown(p.issuer), not_before=p.not_before,
                    not_after=p.not_after, sha256=p.sha256))
        text = "\n".join(lines)
        self.certificateLabel.setText(text)
        self.certificateBar.show()
        for line in text.splitlines()[1:]:  # one log row per line
            self.log_model.note(line.strip(), colour_kind=EventKind.ERROR)

    def _trust_once(self) -> None:
        self.certificateBar.hide()
        self.session.trust_once_and_reconnect()

    def _listening(self) -> bool:
        return self.side_pages_built and self.server_panel.server.is_listening

    def _side_tab_changed(self, _index: int) -> None:
        self.side_pages()  # a tab chosen before the first turn of the event loop
        self._flush_timeline()

    def _payload_for_server(self) -> bytes:
        return self.composer.current_bytes()

    # ------------------------------------------------------------------ saved messages and repeat
    def load_saved_message(self, message: SavedMessage) -> None:
        self.composer.load_message(message.format, message.content, message.encoding, message.line_ending,
                                   message.escapes)
        if self.session.is_idle:
            self.hostEdit.setText(message.host)
            self.portEdit.setText(str(message.port))

    def send_saved_message(self, message: SavedMessage) -> None:
        self.load_saved_message(message)
        if self.session.is_connected:
            self.composer.request_send()
        else:
            self.log_model.note(self.tr("saved message {name!r} loaded; connect to send it").format(
                name=message.name))

    def ask_message_name(self, suggested: str) -> str | None:
        """The one place the name dialog opens (tests replace it)."""
        from PySide6.QtWidgets import QInputDialog  # the dialogs load when first opened

        name, ok = QInputDialog.getText(self, self.tr("Save message"), self.tr("Name:"), text=suggested)
        return name.strip() if ok and name.strip() else None

    def save_current_message(self) -> None:
        from app.saved_messages import SavedMessage

        spec = self.composer.message_spec()
        name = self.ask_message_name(spec["content"][:30] or self.tr("message"))
        if not name:
            return
        try:
            port = int(self.portEdit.text())
        except ValueError:
            port = 7
        message = SavedMessage(name=name, host=self.hostEdit.text().strip() or "127.0.0.1", port=port,
                               format=spec["format"], content=spec["content"], encoding=spec["encoding"],
                               line_ending=spec["line_ending"], escapes=bool(spec.get("escapes", True)))
        try:
            saved_as = self.saved_store.add(message)
        except ValueError as exc:
            self.log_model.note(self.tr("message not saved: {error}").format(error=exc), colour_kind=EventKind.ERROR)
            return
        self.log_model.note(self.tr("saved message {name!r}").format(name=saved_as))

    def _toggle_repeat(self, on: bool) -> None:
        if not on:
            self.repeater.stop()
            return
        if not self.session.is_connected:
            self.repeatButton.setChecked(False)
            return
        try:
            data = self.composer.current_bytes()
        except CodecError as exc:
            self.log_model.note(self.tr("cannot repeat: {error}").format(error=exc), colour_kind=EventKind.ERROR)
            self.repeatButton.setChecked(False)
            return
        times = self.repeatSpin.value() or None
        self.repeater.start(lambda: self.send_bytes(data), times, self.repeatIntervalSpin.value(),
                            can_send=lambda: self.session.pending_out < REPEAT_QUEUE_LIMIT)

    # ------------------------------------------------------------------ statistics
    def _on_connected(self, *_args) -> None:
        self.stats.reset()
        self.stats.start()
        self.recent_hosts.add(self.hostEdit.text().strip())
        self.recent_ports.add(self.portEdit.text().strip())
        self.show_recent()

    def show_recent(self) -> None:
        """Completion in the host and port fields from the endpoints that connected."""
        self._host_completer.model().setStringList(self.recent_hosts.items())
        self._port_completer.model().setStringList(self.recent_ports.items())

    def _on_disconnected(self) -> None:
        self.stats.stop()
        self.repeater.stop()

    def _feed_stats(self) -> None:
        """Statistics from the session's counters, a few times a second, not per chunk."""
        s, seen = self.session, self._stats_seen
        counts = (s.bytes_received, s.reads, s.bytes_handed, s.sends)
        if counts[0] < seen[0] or counts[2] < seen[2]:  # a new connection started the counters afresh
            seen = (0, 0, 0, 0)
        if counts[0] > seen[0]:
            self.stats.add_in(counts[0] - seen[0])
            self.stats.count_message_in(counts[1] - seen[1])
        if counts[2] > seen[2]:
            self.stats.add_out(counts[2] - seen[2])
            self.stats.count_message_out(counts[3] - seen[3])
        self._stats_seen = counts

    def _update_stats(self) -> None:
        stats = self.stats
        stats.last_round_trip_ms = self.session.timings.last_round_trip_ms
        self.throughputGraph.set_samples(*stats.samples())
        rtt = stats.last_round_trip_ms
        self.statsLabel.setText(self.tr(
            "in:  {bytes_in} in {reads:,} reads · now {rate_in} · average {average_in}\n"
            "out: {bytes_out} in {sends:,} sends · now {rate_out} · average {average_out}\n"
            "connected for {seconds:.1f} s · last round trip {round_trip}").format(
            bytes_in=format_bytes(stats.bytes_in), reads=stats.messages_in, rate_in=format_rate(stats.rate_in()),
            average_in=format_rate(stats.average_rate_in()), bytes_out=format_bytes(stats.bytes_out),
            sends=stats.messages_out, rate_out=format_rate(stats.rate_out()),
            average_out=format_rate(stats.average_rate_out()), seconds=stats.duration(),
            round_trip=f"{rtt:.2f} ms" if rtt is not None else "—"))

    def start_demo(self, kind: str = "echo", *, connect: bool = True) -> DemoServer:
        """Start a built-in demo server and point the client at it (the --demo option)."""
        server = self.demo_panel.start(kind)
        if not self.composer.message_spec()["content"]:
            # Something to send at once: a newcomer presses Enter and sees the echo.
            self.composer.load_message("text", "Hello from Socket Tester!", line_ending="lf")
        self.composer.focus_editor()  # Enter sends
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
        self._keep_room_for_side_pages()
        if self.side_pages_built:  # otherwise the timeline takes the size when it is built
            self.timeline.set_font_point_size(base.pointSize())

    def _set_trace(self, _on: bool = False) -> None:
        from app.explain import explain

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
        from PySide6.QtWidgets import QFileDialog  # the dialogs load when first opened

        path, _ = QFileDialog.getSaveFileName(self, title, suggested, filters)
        return path or None

    def choose_open_path(self, title: str, filters: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, title, "", filters)
        return path or None

    def set_recording(self, on: bool) -> None:
        from app.capture import CaptureWriter

        if on and self.capture is None:
            path = self.choose_save_path(self.tr("Record to capture file"), "capture.jsonl",
                                         self.tr("Socket Tester capture (*.jsonl);;All files (*)"))
            if not path:
                self.log_panel.recordButton.setChecked(False)
                return
            raw = str(Path(path).with_suffix(".in.bin")) if self.log_panel.rawStreamCheck.isChecked() else None
            try:
                self.capture = CaptureWriter(path, raw_in_path=raw, peer=self.session.peer)
            except OSError as exc:
                self._capture_failed(exc)
                return
            self._update_discard()
            self.log_model.note(self.tr("recording every byte to {path}").format(path=path)
                                + (self.tr(" (received stream: {path})").format(path=raw) if raw else ""))
        elif not on and self.capture is not None:
            capture, self.capture = self.capture, None
            self._update_discard()
            try:
                capture.close()
            except OSError as exc:
                self._capture_failed(exc)
                return
            self.log_model.note(self.tr("capture saved: {path} ({records:,} records, "
                                        "{bytes_out:,} bytes out, {bytes_in:,} bytes in)").format(
                path=capture.path, records=capture.records, bytes_out=capture.bytes_out, bytes_in=capture.bytes_in))

    def _capture_failed(self, exc: OSError) -> None:
        self.capture = None
        self._update_discard()
        self.log_panel.recordButton.blockSignals(True)
        self.log_panel.recordButton.setChecked(False)
        self.log_panel.recordButton.blockSignals(False)
        self.log_model.note(self.tr("recording stopped, capture NOT saved: {error}").format(
            error=exc.strerror or exc), colour_kind=EventKind.ERROR)

    def save_log(self) -> None:
        from app.atomic import atomic_write_text

        path = self.choose_save_path(self.tr("Save log"), "socket-tester-log.txt",
                                     self.tr("Text (*.txt);;All files (*)"))
        if not path:
            return
        try:
            atomic_write_text(path, self.log_model.all_text() + "\n")
        except OSError as exc:
            self.log_model.note(self.tr("log not saved: {error}").format(error=exc.strerror),
                                colour_kind=EventKind.ERROR)
            return
        self.log_model.note(self.tr("log saved to {path}").format(path=path))

    def open_capture(self) -> None:
        path = self.choose_open_path(self.tr("Open capture"), self.tr("Socket Tester capture (*.jsonl);;All files (*)"))
        if path:
            self.load_capture(path)

    def load_capture(self, path: str) -> bool:
        from app.capture import CaptureFormatError, events_from_capture, read_capture

        try:
            events = events_from_capture(read_capture(path))
        except (OSError, CaptureFormatError) as exc:
            self.log_model.note(self.tr("cannot open capture {path}: {error}").format(path=path, error=exc),
                                colour_kind=EventKind.ERROR)
            return False
        self.log_model.clear()
        self.timeline.clear()
        self._timeline_queue.clear()
        self.log_model.note(self.tr("viewing capture {path}: {count:,} records").format(path=path, count=len(events)))
        for event in events:
            self.log_feed.on_event(event)
        self.timeline.add_events(events[-2000:])
        return True

    # ------------------------------------------------------------------ state
    def _update_discard(self, *_args) -> None:
        # With the log paused and nothing recording, no one reads the received bytes.
        if self._network is None:
            return  # network() asks again when it makes the session
        self.session.discard_received = self.log_model.paused and self.capture is None

    def _dispatch_event(self, event: SessionEvent) -> None:
        # Runs for every record (tens of thousands a second): _network, not the session descriptor.
        if event.direction is Direction.IN and self._network.session.discard_received:
            return  # the log is paused and nothing records: the session's counters are enough
        self.log_feed.on_event(event)
        self.teaching_panel.observe(event)
        self._on_event(event)
        if self.capture is not None:
            self.capture.record(event)

    def _dispatch_other_event(self, event: SessionEvent) -> None:
        """UDP and listen-server records: the log, the timeline and a running capture."""
        self.log_feed.on_event(event)
        self._on_event(event)
        if self.capture is not None:
            self.capture.record(event)

    def _on_event(self, event: SessionEvent) -> None:
        # The timeline draws in batches, and only while it can be seen: a flood of reads
        # must not become a flood of graphics items on the receive path. It needs byte
        # counts, not bytes: big payloads are not kept alive for it.
        if len(event.data) > TIMELINE_KEEPS_BYTES:
            event = SessionEvent(event.kind, event.elapsed_ns, event.wall_time, event.detail, b"",
                                 len(event.data), event.direction, event.thread, event.peer, event.extra)
        self._timeline_queue.append(event)
        if not self._timeline_due:  # a Python flag: cheaper than asking the timer every time
            self._timeline_due = True
            self._timeline_timer.start()
        if event.kind is EventKind.CALL and event.detail.startswith("connectToHost"):
            self.heartbeat.reset()
            if self.side_pages_built:
                self.timeline.clear()
            self._timeline_queue.clear()
            self._timeline_queue.append(event)

    def _flush_timeline(self) -> None:
        self._timeline_due = False
        if not self.side_pages_built or not self.timeline.isVisible() or not self._timeline_queue:
            return
        events = list(self._timeline_queue)
        self._timeline_queue.clear()
        self.timeline.add_events(events)

    def _update_actions(self, *_args) -> None:
        """The one place that decides what is enabled: everything follows the socket state."""
        udp = self.protocol == "UDP"
        net = self._network
        if net is None:  # no socket yet: what an unconnected one shows
            state_text, idle, connected, sending_shut, peer_closed, peer = UNCONNECTED, True, False, False, False, ""
        else:
            from app.session import SocketState, state_name

            session = net.session
            state_text, sending_shut, peer_closed, peer = (state_name(session.state), session.sending_shut,
                                                           session.peer_has_closed, session.peer)
            idle = session.state == SocketState.UnconnectedState
            connected = session.state == SocketState.ConnectedState
            if udp:
                idle, connected = not net.udp.is_bound, net.udp.is_bound
        self.connectButton.setEnabled(idle)
        self.hostEdit.setReadOnly(not idle)
        self.portEdit.setReadOnly(not idle)
        self.disconnectButton.setEnabled(not idle)
        self.halfCloseButton.setEnabled(connected and self.protocol == "TCP" and not sending_shut)
        self.abortButton.setEnabled(not idle and not udp)
        self.protocolCombo.setEnabled(idle)
        can_send = connected and (udp or not sending_shut)
        self.composer.set_connected(can_send)
        if not can_send:
            self.repeater.stop()
        self.tlsCheck.setEnabled(idle and not udp)
        self.connection_half_close.setEnabled(self.halfCloseButton.isEnabled())
        self.connection_abort.setEnabled(self.abortButton.isEnabled())
        text = state_text
        if udp:
            text = (self.tr("UDP bound to {endpoint}").format(endpoint=net.udp.local_endpoint) if not idle
                    else self.tr("UDP not bound"))
        elif peer_closed and not idle:
            text += self.tr(" · peer closed, we have not")
        if peer and not idle and not udp:
            text += f" · {peer}"
        self.stateLabel.setText(text)

    def _update_counters(self) -> None:
        if self._network is None:
            return  # no socket: nothing sent or received yet
        self._feed_stats()
        if self.side_pages_built and self.side_tabs.currentWidget() is self.stats_panel:
            self._update_stats()
        s = self.session
        parts = [self.tr("sent {size}").format(size=human_bytes(s.bytes_sent)),
                 self.tr("received {size}").format(size=human_bytes(s.bytes_received))]
        if s.pending_out:
            parts.append(self.tr("queued {size}").format(size=human_bytes(s.pending_out)))
        if self.log_feed.pending_bytes:
            parts.append(self.tr("{size} wait for a message end").format(size=human_bytes(self.log_feed.pending_bytes)))
        self.countersLabel.setText("  ·  ".join(parts))

    def _update_heartbeat(self, ticks: int) -> None:
        glyph = "♥" if (ticks // self.heartbeat.report_every) % 2 else "♡"
        self.heartbeatLabel.setText(self.tr("{glyph} event loop: longest stall {ms:.0f} ms").format(
            glyph=glyph, ms=self.heartbeat.longest_stall_ms))

    def show_about(self) -> None:
        about = self.tr("Socket Tester {version} — Qt's asynchronous sockets, callback by callback")
        self.log_model.note(about.format(version=__version__))

    # ------------------------------------------------------------------ settings and closing
    def read_settings(self) -> None:
        restore_window(self, self.settings)

    def write_settings(self) -> None:
        save_window(self, self.settings)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Closing mid-transfer: reset the connection, finish the capture, stop servers; no hang,
        # even if saving the settings fails.
        steps = [self.write_settings, self.repeater.stop, lambda: self.set_recording(False), self.heartbeat.stop]
        if self.network_built:  # never built: no socket to close, and none is made now
            steps[2:2] = [self.session.abort]
            steps[-1:-1] = [self.udp.close]
        if self.side_pages_built:
            steps[-1:-1] = [self.demo_panel.stop_all, self.server_panel.server.stop]
        for step in steps:
            try:
                step()
            except Exception as exc:  # noqa: BLE001 - one failed step must not skip the others
                print(f"socket-tester: while closing: {exc!r}", file=sys.stderr)
        super().closeEvent(event)

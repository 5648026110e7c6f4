"""The Demo Server panel: start the built-in servers and watch what each one did."""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.demo_servers import DEMO_KINDS, DemoServer, DemoServerError

MAX_ACTIVITY_LINES = 2000

# The descriptions live in app.demo_kinds (the command line shows them too); these copies only
# let lupdate find them. A description missing here is simply shown untranslated, and
# tests/test_translations.py notices when the two drift apart.
_DESCRIPTIONS_FOR_TRANSLATION = (
    QT_TRANSLATE_NOOP("DemoServerKinds", "Sends back every byte it receives."),
    QT_TRANSLATE_NOOP("DemoServerKinds", "Reads until it has seen <EOF>, sends everything up to and including it "
                                         "back, then closes (the server of the classic .NET asynchronous client "
                                         "example)."),
    QT_TRANSLATE_NOOP("DemoServerKinds", "Replies to each chunk with the same bytes in small pieces, with a pause "
                                         "between them, so the client gets several receive callbacks."),
    QT_TRANSLATE_NOOP("DemoServerKinds", "Streams a repeating line of text as fast as the client reads it (with "
                                         "back-pressure)."),
    QT_TRANSLATE_NOOP("DemoServerKinds", "Reads and throws away everything it receives (and counts it)."),
    QT_TRANSLATE_NOOP("DemoServerKinds", "Accepts and never reads, so whatever the client sends piles up: "
                                         "back-pressure."),
    QT_TRANSLATE_NOOP("DemoServerKinds", "Replies \"bye\" to the first chunk it receives, then closes the "
                                         "connection."),
    QT_TRANSLATE_NOOP("DemoServerKinds", "Resets the connection (RST) when data arrives: the client sees "
                                         "\"Connection reset by peer\"."),
    QT_TRANSLATE_NOOP("DemoServerKinds", "Accepts and reads, but never answers: a reply timeout (Teaching tab) fires."),
    QT_TRANSLATE_NOOP("DemoServerKinds", "Its accept queue is full, so connecting hangs (no SYN-ACK) until the "
                                         "client's connect timeout fires."),
)


def describe_kind(kind: str) -> str:
    """The demo server's description in the user's language (English when there is no translation)."""
    return QCoreApplication.translate("DemoServerKinds", DEMO_KINDS.get(kind, ""))


class DemoPanel(QWidget):
    """Several demo servers may run at once (say echo and reset, to compare); each keeps its
    own activity log, shown for the one selected in the list."""

    server_started = Signal(str, int)  # host, port the client should talk to
    server_stopped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoServerPanel")
        self.setAccessibleName(self.tr("Demo servers"))
        self.servers: list[DemoServer] = []  # running, oldest first
        self._activity: dict[int, deque[str]] = {}  # id(server) -> its lines
        self.server = DemoServer(self)  # the selected (or last started) server; stopped until one starts

        self.kindCombo = QComboBox(objectName="demoKindCombo")
        for kind in DEMO_KINDS:
            # The kind is shown as its command-line id (--demo KIND), the same in every language.
            self.kindCombo.addItem(kind, kind)
            self.kindCombo.setItemData(self.kindCombo.count() - 1, describe_kind(kind), 3)  # tooltip role
        self.kindCombo.setAccessibleName(self.tr("Demo server kind"))
        self.portSpin = QSpinBox(objectName="demoPortSpin", minimum=0, maximum=65535)
        self.portSpin.setSpecialValueText(self.tr("any free port"))
        self.portSpin.setAccessibleName(self.tr("Demo server port"))
        self.startButton = QPushButton(self.tr("&Start"), objectName="demoStartButton")
        self.startButton.setAccessibleName(self.tr("Start the demo server"))
        self.stopButton = QPushButton(self.tr("Sto&p"), objectName="demoStopButton")
        self.stopButton.setAccessibleName(self.tr("Stop the demo server"))
        self.stopAllButton = QPushButton(self.tr("Stop &all"), objectName="demoStopAllButton")
        self.stopAllButton.setAccessibleName(self.tr("Stop every demo server"))
        self.descriptionLabel = QLabel(objectName="demoDescriptionLabel", wordWrap=True)
        self.serverList = QListWidget(objectName="demoServerList")
        self.serverList.setAccessibleName(self.tr("Running demo servers"))
        self.serverList.setMaximumHeight(90)
        self.statusLabel = QLabel(self.tr("stopped"), objectName="demoStatusLabel")
        self.activityView = QPlainTextEdit(objectName="demoActivityView", readOnly=True)
        self.activityView.setAccessibleName(self.tr("Demo server activity"))
        self.activityView.setMaximumBlockCount(MAX_ACTIVITY_LINES)
        self.activityView.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("&Kind:"), buddy=self.kindCombo), 0, 0)
        grid.addWidget(self.kindCombo, 0, 1)
        grid.addWidget(QLabel(self.tr("P&ort:"), buddy=self.portSpin), 0, 2)
        grid.addWidget(self.portSpin, 0, 3)
        grid.addWidget(self.startButton, 0, 4)
        grid.addWidget(self.descriptionLabel, 1, 0, 1, 5)
        grid.addWidget(self.serverList, 2, 0, 1, 4)
        buttons = QVBoxLayout()
        buttons.addWidget(self.stopButton)
        buttons.addWidget(self.stopAllButton)
        buttons.addStretch(1)
        grid.addLayout(buttons, 2, 4)
        grid.addWidget(self.statusLabel, 3, 0, 1, 5)
        grid.addWidget(self.activityView, 4, 0, 1, 5)
        grid.setRowStretch(4, 1)

        self.kindCombo.currentIndexChanged.connect(self._describe)
        self.startButton.clicked.connect(self._start_chosen)
        self.stopButton.clicked.connect(self.stop_selected)
        self.stopAllButton.clicked.connect(self.stop_all)
        self.serverList.currentRowChanged.connect(self._select)
        self._describe()
        self._update_status()

    def start(self, kind: str = "echo", port: int = 0) -> DemoServer:
        """Start one more demo server; errors are shown in the panel and re-raised."""
        self.kindCombo.setCurrentIndex(max(0, self.kindCombo.findData(kind)))
        server = DemoServer(self)
        self._activity[id(server)] = deque(maxlen=MAX_ACTIVITY_LINES)
        server.activity.connect(self._on_activity)
        server.client_count_changed.connect(self._update_status)
        try:
            bound = server.start(kind, port)
        except (DemoServerError, ValueError) as exc:
            self.activityView.appendPlainText(self.tr("cannot start {kind}: {error}").format(kind=kind, error=exc))
            raise
        self.servers.append(server)
        self.server = server
        self.serverList.addItem("")
        self.serverList.setCurrentRow(len(self.servers) - 1)
        self._update_status()
        self.server_started.emit(server.host, bound)
        return server

    def _start_chosen(self) -> None:
        try:
            self.start(self.kindCombo.currentData(), self.portSpin.value())
        except (DemoServerError, ValueError):
            pass  # start() has shown why in the activity view

    def stop_selected(self) -> None:
        if self.server in self.servers:
            self._stop(self.server)

    def stop_all(self) -> None:
        for server in list(self.servers):
            self._stop(server)

    def _stop(self, server: DemoServer) -> None:
        row = self.servers.index(server)
        server.stop()  # logs "… server stopped"
        self.servers.pop(row)
        self.serverList.takeItem(row)
        self.server_stopped.emit()
        self._update_status()

    def _select(self, row: int) -> None:
        if 0 <= row < len(self.servers):
            self.server = self.servers[row]
            self.activityView.setPlainText("\n".join(self._activity.get(id(self.server), ())))
        self._update_status()

    def _describe(self) -> None:
        self.descriptionLabel.setText(describe_kind(self.kindCombo.currentData()))

    def _on_activity(self, line: str) -> None:
        server = self.sender()
        lines = self._activity.get(id(server))
        if lines is not None:
            lines.append(line)
        if server is self.server:
            self.activityView.appendPlainText(line)

    def _update_status(self, *_args) -> None:
        for row, server in enumerate(self.servers):
            self.serverList.item(row).setText(
                self.tr("{kind} on {address} · {count} client(s)").format(
                    kind=server.kind, address=server.address, count=server.client_count))
        running = self.server in self.servers
        self.stopButton.setEnabled(running)
        self.stopAllButton.setEnabled(bool(self.servers))
        self.statusLabel.setText(
            self.tr("{count} demo server(s) running").format(count=len(self.servers)) if self.servers
            else self.tr("stopped"))

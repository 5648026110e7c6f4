"""The Demo Server panel: start the built-in servers and watch what each one did."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.demo_servers import DEMO_KINDS, DemoServer, DemoServerError

MAX_ACTIVITY_LINES = 2000

# The descriptions live in app.demo_servers (the command line shows them too); these copies only
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
    server_started = Signal(str, int)  # host, port the client should talk to
    server_stopped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoServerPanel")
        self.setAccessibleName(self.tr("Demo servers"))
        self.server = DemoServer(self)

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
        self.stopButton = QPushButton(self.tr("Sto&p"), objectName="demoStopButton")
        self.stopButton.setAccessibleName(self.tr("Stop the demo server"))
        self.descriptionLabel = QLabel(objectName="demoDescriptionLabel", wordWrap=True)
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
        grid.addWidget(self.stopButton, 0, 5)
        grid.addWidget(self.descriptionLabel, 1, 0, 1, 6)
        grid.addWidget(self.statusLabel, 2, 0, 1, 6)
        grid.addWidget(self.activityView, 3, 0, 1, 6)
        grid.setRowStretch(3, 1)

        self.kindCombo.currentIndexChanged.connect(self._describe)
        self.startButton.clicked.connect(self._start_chosen)
        self.stopButton.clicked.connect(self.stop_all)
        self.server.activity.connect(self._log_activity)
        self.server.client_count_changed.connect(lambda _n: self._update_status())
        self._describe()
        self._update_status()

    def start(self, kind: str = "echo", port: int = 0) -> DemoServer:
        """(Re)start the server as `kind`; errors are shown in the panel and re-raised."""
        self.server.stop()
        self.kindCombo.setCurrentIndex(max(0, self.kindCombo.findData(kind)))
        try:
            bound = self.server.start(kind, port)
        except (DemoServerError, ValueError) as exc:
            self._log_activity(self.tr("cannot start {kind}: {error}").format(kind=kind, error=exc))
            self._update_status()
            raise
        self._update_status()  # the server itself logs "listening on …"
        self.server_started.emit(self.server.host, bound)
        return self.server

    def _start_chosen(self) -> None:
        try:
            self.start(self.kindCombo.currentData(), self.portSpin.value())
        except (DemoServerError, ValueError):
            pass  # start() has shown why in the activity view

    def stop_all(self) -> None:
        if self.server.is_running:
            self.server.stop()  # logs "… server stopped"
            self.server_stopped.emit()
        self._update_status()

    def _describe(self) -> None:
        self.descriptionLabel.setText(describe_kind(self.kindCombo.currentData()))

    def _log_activity(self, line: str) -> None:
        self.activityView.appendPlainText(line)

    def _update_status(self) -> None:
        running = self.server.is_running
        self.startButton.setText(self.tr("Re&start") if running else self.tr("&Start"))
        self.startButton.setAccessibleName(self.tr("Restart the demo server") if running
                                           else self.tr("Start the demo server"))
        self.stopButton.setEnabled(running)
        self.statusLabel.setText(
            self.tr("{kind} on {address} · {count} client(s)").format(
                kind=self.server.kind, address=self.server.address, count=self.server.client_count)
            if running else self.tr("stopped"))

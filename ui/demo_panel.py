"""The Demo Server panel: start the built-in servers and watch what each one did."""

from __future__ import annotations

from PySide6.QtCore import Signal
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


class DemoPanel(QWidget):
    server_started = Signal(str, int)  # host, port the client should talk to
    server_stopped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoServerPanel")
        self.setAccessibleName("Demo servers")
        self.server = DemoServer(self)

        self.kindCombo = QComboBox(objectName="demoKindCombo")
        for kind, text in DEMO_KINDS.items():
            self.kindCombo.addItem(kind, kind)
            self.kindCombo.setItemData(self.kindCombo.count() - 1, text, 3)  # tooltip role
        self.kindCombo.setAccessibleName("Demo server kind")
        self.portSpin = QSpinBox(objectName="demoPortSpin", minimum=0, maximum=65535)
        self.portSpin.setSpecialValueText("any free port")
        self.portSpin.setAccessibleName("Demo server port")
        self.startButton = QPushButton("&Start", objectName="demoStartButton")
        self.stopButton = QPushButton("Sto&p", objectName="demoStopButton")
        self.descriptionLabel = QLabel(objectName="demoDescriptionLabel", wordWrap=True)
        self.statusLabel = QLabel("stopped", objectName="demoStatusLabel")
        self.activityView = QPlainTextEdit(objectName="demoActivityView", readOnly=True)
        self.activityView.setAccessibleName("Demo server activity")
        self.activityView.setMaximumBlockCount(MAX_ACTIVITY_LINES)
        self.activityView.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        grid = QGridLayout(self)
        grid.addWidget(QLabel("&Kind:", buddy=self.kindCombo), 0, 0)
        grid.addWidget(self.kindCombo, 0, 1)
        grid.addWidget(QLabel("P&ort:", buddy=self.portSpin), 0, 2)
        grid.addWidget(self.portSpin, 0, 3)
        grid.addWidget(self.startButton, 0, 4)
        grid.addWidget(self.stopButton, 0, 5)
        grid.addWidget(self.descriptionLabel, 1, 0, 1, 6)
        grid.addWidget(self.statusLabel, 2, 0, 1, 6)
        grid.addWidget(self.activityView, 3, 0, 1, 6)
        grid.setRowStretch(3, 1)

        self.kindCombo.currentIndexChanged.connect(self._describe)
        self.startButton.clicked.connect(lambda: self.start(self.kindCombo.currentData(), self.portSpin.value()))
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
        except DemoServerError as exc:
            self._log_activity(f"cannot start {kind}: {exc}")
            self._update_status()
            raise
        self._log_activity(f"{kind} server listening on {self.server.address}")
        self._update_status()
        self.server_started.emit(self.server.host, bound)
        return self.server

    def stop_all(self) -> None:
        if self.server.is_running:
            self.server.stop()
            self._log_activity("stopped")
            self.server_stopped.emit()
        self._update_status()

    def _describe(self) -> None:
        self.descriptionLabel.setText(DEMO_KINDS.get(self.kindCombo.currentData(), ""))

    def _log_activity(self, line: str) -> None:
        self.activityView.appendPlainText(line)

    def _update_status(self) -> None:
        running = self.server.is_running
        self.startButton.setText("Re&start" if running else "&Start")
        self.stopButton.setEnabled(running)
        self.statusLabel.setText(
            f"{self.server.kind} on {self.server.address} · {self.server.client_count} client(s)"
            if running else "stopped")

"""Teaching mode: slow the asynchronous socket down until a class can follow it.

The panel drives a `ClientSession`'s teaching knobs (a small read buffer like the classic
256-byte StateObject, and step mode, where each receive callback waits for "Next callback")
and makes its hidden state visible: bytes waiting in the socket's buffer, the write queue,
per-phase timings, who has closed, and the code that produced the latest event.

The session may emit thousands of signals per second during a bulk transfer; the labels
are refreshed at most ~10 times a second so the GUI stays responsive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit,
                               QPushButton, QScrollArea, QSpinBox, QSplitter, QVBoxLayout, QWidget)

if TYPE_CHECKING:
    from app.events import SessionEvent
    from app.session import ClientSession, SocketState

MAX_READ_BUFFER = 1_048_576
DEFAULT_CONNECT_TIMEOUT_MS = 10_000
DEFAULT_RECEIVE_TIMEOUT_MS = 0
# Polled labels: often enough to watch, rare enough not to delay a round trip (each refresh
# re-lays out the panel; at 100 ms it doubled the latency bench's p99).
POLL_INTERVAL_MS = 250
REFRESH_INTERVAL_MS = 100  # at most ~10 label updates per second
NO_VALUE = "—"


# ===================================================================== pure formatting
def _tr(text: str) -> str:
    """Translate a string marked with QT_TRANSLATE_NOOP("TeachingPanel", …); lupdate only sees literals."""
    return QCoreApplication.translate("TeachingPanel", text)


def format_bytes(n: int) -> str:
    if n == 1:
        return QCoreApplication.translate("TeachingPanel", "{count:,} byte").format(count=n)
    return QCoreApplication.translate("TeachingPanel", "{count:,} bytes").format(count=n)


def format_ms(ms: float | None) -> str:
    if ms is None:
        return NO_VALUE
    return f"{ms:.2f} ms" if ms < 10 else f"{ms:.1f} ms"


# Whole sentences per singular/plural case, so each language can word them its own way.
_PENDING_IN = {
    (True, True): QT_TRANSLATE_NOOP("TeachingPanel", "{bytes} waits in the socket's buffer ({count} callback held)"),
    (True, False): QT_TRANSLATE_NOOP("TeachingPanel", "{bytes} waits in the socket's buffer ({count} callbacks held)"),
    (False, True): QT_TRANSLATE_NOOP("TeachingPanel", "{bytes} wait in the socket's buffer ({count} callback held)"),
    (False, False): QT_TRANSLATE_NOOP("TeachingPanel", "{bytes} wait in the socket's buffer ({count} callbacks held)"),
}


def describe_pending_in(waiting_bytes: int, held_callbacks: int) -> str:
    template = _PENDING_IN[(waiting_bytes == 1, held_callbacks == 1)]
    return _tr(template).format(bytes=format_bytes(waiting_bytes), count=held_callbacks)


def describe_timings(lookup_ms, connect_ms, first_byte_ms, last_round_trip_ms) -> str:
    return "\n".join([
        QCoreApplication.translate("TeachingPanel", "name lookup {ms}").format(ms=format_ms(lookup_ms)),
        QCoreApplication.translate("TeachingPanel", "connect {ms}").format(ms=format_ms(connect_ms)),
        QCoreApplication.translate("TeachingPanel", "time to first byte {ms}").format(ms=format_ms(first_byte_ms)),
        QCoreApplication.translate("TeachingPanel", "last round trip {ms}").format(
            ms=format_ms(last_round_trip_ms)),
    ])


def describe_peer_state(state: SocketState | None, peer_has_closed: bool) -> str:
    """Who has closed: the half-open moment (peer closed, we have not) is the one to see.
    `state` None: no socket yet (the panel before its session is attached)."""
    if state is None:
        return QCoreApplication.translate("TeachingPanel", "not connected")
    from app.session import SocketState, state_name

    if state == SocketState.UnconnectedState:
        if peer_has_closed:
            return QCoreApplication.translate("TeachingPanel", "closed (the peer closed first)")
        return QCoreApplication.translate("TeachingPanel", "not connected")
    if peer_has_closed:
        return QCoreApplication.translate("TeachingPanel", "peer closed, we have not")
    if state == SocketState.ConnectedState:
        return QCoreApplication.translate("TeachingPanel", "both sides open")
    if state == SocketState.ClosingState:
        return QCoreApplication.translate("TeachingPanel", "we are closing; the peer has not closed yet")
    return f"{state_name(state)}…"


# ===================================================================== the panel
class TeachingPanel(QWidget):
    explain_toggled = Signal(bool)  # the main window switches the log's explanations on or off

    def __init__(self, session: ClientSession | None = None, parent: QWidget | None = None, *,
                 observe_session_events: bool = True) -> None:
        """With observe_session_events=False the owner calls observe(event) itself and the
        labels are polled while the panel is visible: nothing runs per chunk or per write.

        Without a session the panel shows an idle connection until attach(session): the main
        window draws its first frame before the network stack is loaded (README, Performance)."""
        super().__init__(parent)
        self._observes_itself = observe_session_events
        self.setObjectName("teachingPanel")
        self.setAccessibleName(self.tr("Teaching mode"))
        self._session: ClientSession | None = None
        self._explainer = None  # app.explain's Explainer, made with the session
        self._latest_event: SessionEvent | None = None
        self._latest_context = None
        self._shown_event: SessionEvent | None = None
        self._refresh_pending = False
        self.refresh_count = 0  # how often the labels were actually updated

        self._build_receive_group()
        self._build_send_group()
        self._build_connection_group()
        self._build_code_group()
        # The controls scroll; the code pane below them keeps a readable height, and the
        # splitter lets a teacher give it the whole panel.
        controls = QWidget(self)
        controls_layout = QVBoxLayout(controls)
        controls_layout.setContentsMargins(0, 0, 0, 0)
        for group in (self.receiveGroup, self.sendGroup, self.connectionGroup):
            controls_layout.addWidget(group)
        controls_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("teachingControlsScroll")
        scroll.setWidget(controls)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("teachingSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.codeGroup)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.codeGroup.setMinimumHeight(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(REFRESH_INTERVAL_MS)
        self._throttle.timeout.connect(self._on_throttle_elapsed)

        if session is None:
            self._refresh()
        else:
            self.attach(session)

    def attach(self, session: ClientSession) -> None:
        """Drive `session` from now on: its knobs show in the controls, its state in the labels."""
        from app.explain import NO_CONTEXT, Explainer

        if self._session is not None:
            raise RuntimeError("the teaching panel already has a session")
        self._session = session
        self._explainer = Explainer()
        self._latest_context = NO_CONTEXT
        self._sync_controls_from_session()
        self._connect_session()
        self._refresh()

    # ----------------------------------------------------------------- building
    def _build_receive_group(self) -> None:
        self.receiveGroup = QGroupBox(self.tr("Receiving"), self)
        self.receiveGroup.setObjectName("receiveGroup")

        self.readBufferSpin = QSpinBox(self.receiveGroup)
        self.readBufferSpin.setObjectName("readBufferSpin")
        self.readBufferSpin.setRange(0, MAX_READ_BUFFER)
        self.readBufferSpin.setSpecialValueText(self.tr("unlimited"))
        self.readBufferSpin.setSuffix(self.tr(" bytes"))
        # Typing "256" must not apply 2 and 25 on the way.
        self.readBufferSpin.setKeyboardTracking(False)
        self.readBufferSpin.setToolTip(self.tr("Most bytes read per receive callback — try 256 like the original"))
        self.readBufferSpin.setAccessibleName(self.tr("Read buffer size"))
        self.readBufferSpin.setAccessibleDescription(
            self.tr("Most bytes read per receive callback; 0 means read everything that arrived"))
        readBufferLabel = QLabel(self.tr("&Read buffer:"), self.receiveGroup)
        readBufferLabel.setBuddy(self.readBufferSpin)

        self.stepCheck = QCheckBox(self.tr("&Step through callbacks"), self.receiveGroup)
        self.stepCheck.setObjectName("stepCheck")
        self.stepCheck.setAccessibleName(self.tr("Step through callbacks"))
        self.stepCheck.setToolTip(self.tr("Hold each receive callback until you press Next callback (F10)"))

        self.next_action = QAction(self.tr("Next callback"), parent=self)  # by keyword, as nextButton
        self.next_action.setObjectName("nextCallbackAction")
        self.next_action.setShortcut(QKeySequence(Qt.Key.Key_F10))
        # F10 works anywhere in the window, and the main window may also put it in a menu.
        self.next_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.next_action.setToolTip(self.tr("Run the next held receive callback (F10)"))
        self.next_action.triggered.connect(self._deliver_next)
        self.addAction(self.next_action)

        # The parent by keyword: passed by position, PySide also tries the (icon, text, parent)
        # overload and loads QIcon's enums, ~1 ms of start-up (README, Performance).
        self.nextButton = QPushButton(self.tr("Next callback"), parent=self.receiveGroup)
        self.nextButton.setObjectName("nextButton")
        self.nextButton.setAccessibleName(self.tr("Next callback"))
        self.nextButton.setToolTip(self.tr("Run the next held receive callback (F10)"))
        self.nextButton.clicked.connect(self._deliver_next)

        self.pendingInLabel = QLabel(self.receiveGroup)
        self.pendingInLabel.setObjectName("pendingInLabel")
        self.pendingInLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.pendingInLabel.setAccessibleName(self.tr("Bytes waiting to be read"))

        stepRow = QHBoxLayout()
        stepRow.addWidget(self.stepCheck)
        stepRow.addWidget(self.nextButton)
        stepRow.addStretch(1)

        form = QFormLayout(self.receiveGroup)
        form.addRow(readBufferLabel, self.readBufferSpin)
        form.addRow(stepRow)
        form.addRow(self.pendingInLabel)

        self.readBufferSpin.valueChanged.connect(self._on_read_buffer_changed)
        self.stepCheck.toggled.connect(self._on_step_toggled)

    def _value_label(self, parent: QWidget, name: str, accessible: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName(accessible)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build_send_group(self) -> None:
        self.sendGroup = QGroupBox(self.tr("Write queue"), self)
        self.sendGroup.setObjectName("sendGroup")
        self.handedLabel = self._value_label(self.sendGroup, "handedLabel", self.tr("Bytes handed to write()"))
        self.confirmedLabel = self._value_label(self.sendGroup, "confirmedLabel",
                                                self.tr("Bytes confirmed by bytesWritten"))
        self.queuedLabel = self._value_label(self.sendGroup, "queuedLabel", self.tr("Bytes still queued"))
        form = QFormLayout(self.sendGroup)
        form.addRow(self.tr("Handed to write():"), self.handedLabel)
        form.addRow(self.tr("Confirmed by bytesWritten:"), self.confirmedLabel)
        form.addRow(self.tr("Still queued:"), self.queuedLabel)

    def _build_connection_group(self) -> None:
        self.connectionGroup = QGroupBox(self.tr("Connection"), self)
        self.connectionGroup.setObjectName("connectionGroup")
        self.timingsLabel = self._value_label(self.connectionGroup, "timingsLabel", self.tr("Timings per phase"))
        self.peerStateLabel = self._value_label(self.connectionGroup, "peerStateLabel",
                                                self.tr("Who has closed the connection"))
        # The session's own defaults (tests/test_teaching_panel.py checks): shown before it exists.
        self.connectTimeoutSpin = self._timeout_spin("connectTimeoutSpin", self.tr("Connect timeout"),
                                                     DEFAULT_CONNECT_TIMEOUT_MS, minimum=100)
        self.connectTimeoutSpin.setToolTip(self.tr("A connect that hangs longer is aborted"))
        self.connectTimeoutSpin.valueChanged.connect(lambda ms: self._set_session_knob("connect_timeout_ms", ms))
        self.receiveTimeoutSpin = self._timeout_spin("receiveTimeoutSpin", self.tr("Reply timeout"),
                                                     DEFAULT_RECEIVE_TIMEOUT_MS, minimum=0)
        self.receiveTimeoutSpin.setSpecialValueText(self.tr("off"))
        self.receiveTimeoutSpin.setToolTip(self.tr("Report a send that gets no reply within this time "
                                                   "(the connection stays open)"))
        self.receiveTimeoutSpin.valueChanged.connect(lambda ms: self._set_session_knob("receive_timeout_ms", ms))
        form = QFormLayout(self.connectionGroup)
        form.addRow(self.tr("Timings:"), self.timingsLabel)
        form.addRow(self.tr("State:"), self.peerStateLabel)
        form.addRow(self.tr("Connect timeout:"), self.connectTimeoutSpin)
        form.addRow(self.tr("Reply timeout:"), self.receiveTimeoutSpin)

    def _timeout_spin(self, name: str, accessible: str, value: int, *, minimum: int) -> QSpinBox:
        spin = QSpinBox(self.connectionGroup)
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        spin.setRange(minimum, 600_000)
        spin.setSingleStep(500)
        spin.setSuffix(self.tr(" ms"))
        spin.setValue(value)
        return spin

    def _build_code_group(self) -> None:
        self.codeGroup = QGroupBox(self.tr("The code that ran"), self)
        self.codeGroup.setObjectName("codeGroup")

        self.codeTitleLabel = QLabel(self.tr("Select an event, or let the panel follow them"), self.codeGroup)
        self.codeTitleLabel.setObjectName("codeTitleLabel")
        self.codeTitleLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.codeTitleLabel.setWordWrap(True)
        self.codeTitleLabel.setAccessibleName(self.tr("Method shown"))

        self.explanationLabel = QLabel(self.codeGroup)
        self.explanationLabel.setObjectName("explanationLabel")
        self.explanationLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.explanationLabel.setWordWrap(True)
        self.explanationLabel.setAccessibleName(self.tr("What the event means"))

        self.codeView = QPlainTextEdit(self.codeGroup)
        self.codeView.setObjectName("codeView")
        self.codeView.setReadOnly(True)
        self.codeView.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        code_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        # Some platforms name a family without marking it fixed-pitch; the hint makes sure.
        code_font.setStyleHint(QFont.StyleHint.Monospace)
        code_font.setFixedPitch(True)
        self.codeView.setFont(code_font)
        self.codeView.setAccessibleName(self.tr("Source code of the method"))
        self.codeTitleLabel.setBuddy(self.codeView)

        self.followCheck = QCheckBox(self.tr("&Follow events"), self.codeGroup)
        self.followCheck.setObjectName("followCheck")
        self.followCheck.setChecked(True)
        self.followCheck.setAccessibleName(self.tr("Show the code of each new event"))
        self.followCheck.setToolTip(self.tr("Show the code of the latest event as it happens"))

        self.explainCheck = QCheckBox(self.tr("E&xplain each line"), self.codeGroup)
        self.explainCheck.setObjectName("explainCheck")
        self.explainCheck.setAccessibleName(self.tr("Explain each line of the log"))
        self.explainCheck.setToolTip(self.tr("Add the .NET equivalent and a plain explanation to each log line"))
        self.explainCheck.toggled.connect(self.explain_toggled)

        checks = QHBoxLayout()
        checks.addWidget(self.followCheck)
        checks.addWidget(self.explainCheck)
        checks.addStretch(1)

        layout = QVBoxLayout(self.codeGroup)
        layout.addWidget(self.codeTitleLabel)
        layout.addWidget(self.explanationLabel)
        layout.addWidget(self.codeView, 1)
        layout.addLayout(checks)

    # ----------------------------------------------------------------- wiring
    def _sync_controls_from_session(self) -> None:
        session = self._session
        for spin, value in ((self.readBufferSpin, min(session.read_chunk_limit, MAX_READ_BUFFER)),
                            (self.connectTimeoutSpin, session.connect_timeout_ms),
                            (self.receiveTimeoutSpin, session.receive_timeout_ms)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self.stepCheck.blockSignals(True)
        self.stepCheck.setChecked(session.step_mode)
        self.stepCheck.blockSignals(False)
        self._enable_next(session.step_mode)

    def _connect_session(self) -> None:
        session = self._session
        for signal in (session.state_changed, session.peer_closed, session.disconnected):
            signal.connect(self._schedule_refresh)
        if self._observes_itself:
            # timings_changed fires with every reply: per round trip, so only here; a polled
            # panel shows the timings at its next poll.
            session.timings_changed.connect(self._schedule_refresh)
            session.queues_changed.connect(self._schedule_refresh)
            session.bytes_written.connect(self._schedule_refresh)
            session.event_recorded.connect(self._on_event_recorded)
            return
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_INTERVAL_MS)
        self._poll.timeout.connect(self._poll_refresh)
        self._poll.start()

    def observe(self, event: SessionEvent) -> None:
        """Take note of an event (the owner's dispatcher calls this for every event)."""
        if self._explainer is None:
            return  # no session attached, so none of its events
        self._latest_context = self._explainer.observe(event)
        self._latest_event = event

    def _poll_refresh(self) -> None:
        if self.isVisible():
            self._refresh()

    # ----------------------------------------------------------------- slots
    # Before attach() the controls only hold their values; attach() shows the session's.
    def _on_read_buffer_changed(self, limit: int) -> None:
        if self._session is not None:
            self._session.set_read_chunk_limit(limit)

    def _set_session_knob(self, name: str, ms: int) -> None:
        if self._session is not None:
            setattr(self._session, name, ms)

    def _on_step_toggled(self, enabled: bool) -> None:
        if self._session is not None:
            self._session.set_step_mode(enabled)
        self._enable_next(enabled)

    def _enable_next(self, enabled: bool) -> None:
        self.nextButton.setEnabled(enabled)
        self.next_action.setEnabled(enabled)

    def _deliver_next(self) -> None:
        if self._session is None:
            return
        self._session.deliver_next()
        # The student pressed a key and expects to see the result at once.
        self._refresh()

    def _on_event_recorded(self, event: SessionEvent) -> None:
        # Every event goes through the explainer, so it knows who closed first.
        self._latest_context = self._explainer.observe(event)
        self._latest_event = event
        if self.followCheck.isChecked():
            self._schedule_refresh()

    def _schedule_refresh(self, *_args) -> None:
        # Leading edge at once, then at most one more per interval.
        if self._throttle.isActive():
            self._refresh_pending = True
            return
        self._refresh()
        self._throttle.start()

    def _on_throttle_elapsed(self) -> None:
        if self._refresh_pending:
            self._refresh_pending = False
            self._refresh()
            self._throttle.start()

    # ----------------------------------------------------------------- showing
    def _refresh(self) -> None:
        self.refresh_count += 1
        session = self._session
        if session is None:  # what a session that has done nothing yet would show
            self.pendingInLabel.setText(describe_pending_in(0, 0))
            for label in (self.handedLabel, self.confirmedLabel, self.queuedLabel):
                label.setText(format_bytes(0))
            self.timingsLabel.setText(describe_timings(None, None, None, None))
            self.peerStateLabel.setText(describe_peer_state(None, False))
            return
        self.pendingInLabel.setText(describe_pending_in(session.pending_in, session.waiting_callbacks))
        self.handedLabel.setText(format_bytes(session.bytes_handed))
        self.confirmedLabel.setText(format_bytes(session.bytes_sent))
        self.queuedLabel.setText(format_bytes(session.pending_out))
        t = session.timings
        self.timingsLabel.setText(describe_timings(t.lookup_ms, t.connect_ms, t.first_byte_ms,
                                                   t.last_round_trip_ms))
        self.peerStateLabel.setText(describe_peer_state(session.state, session.peer_has_closed))
        if self.followCheck.isChecked() and self._latest_event is not None:
            self.show_code_for(self._latest_event)

    def show_code_for(self, event: SessionEvent) -> None:
        """Show the session method behind `event` (the main window calls this for a selected log row)."""
        from app.explain import NO_CONTEXT, code_for, explain

        if event is self._shown_event or self._session is None:
            return
        self._shown_event = event
        title, source = code_for(event, type(self._session))
        self.codeTitleLabel.setText(title)
        context = self._latest_context if event is self._latest_event else NO_CONTEXT
        self.explanationLabel.setText(explain(event, context))
        if self.codeView.toPlainText() != source:
            self.codeView.setPlainText(source)

"""The log pane: a one-column table view over app.log_model.LogModel plus its display controls."""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.codecs import CodecError
from app.framing import FramingMode, FramingSpec, parse_delimiter
from app.log_model import DisplayMode, LogModel, TimeMode

# (label, spec factory) for the framing combo; "custom" reads the delimiter field.
FRAMING_CHOICES: list[tuple[str, FramingSpec | None]] = [
    (QT_TRANSLATE_NOOP("LogPanel", "Per read callback"), FramingSpec(FramingMode.RAW)),
    (QT_TRANSLATE_NOOP("LogPanel", "Until LF"), FramingSpec(FramingMode.DELIMITER, delimiter=b"\n")),
    (QT_TRANSLATE_NOOP("LogPanel", "Until CRLF"), FramingSpec(FramingMode.DELIMITER, delimiter=b"\r\n")),
    (QT_TRANSLATE_NOOP("LogPanel", "Until NUL"), FramingSpec(FramingMode.DELIMITER, delimiter=b"\0")),
    (QT_TRANSLATE_NOOP("LogPanel", "Until custom bytes…"), None),
    (QT_TRANSLATE_NOOP("LogPanel", "Length prefix: 1 byte"), FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=1)),
    (QT_TRANSLATE_NOOP("LogPanel", "Length prefix: 2 bytes, big-endian"),
     FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=2)),
    (QT_TRANSLATE_NOOP("LogPanel", "Length prefix: 2 bytes, little-endian"),
     FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=2, big_endian=False)),
    (QT_TRANSLATE_NOOP("LogPanel", "Length prefix: 4 bytes, big-endian"),
     FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=4)),
    (QT_TRANSLATE_NOOP("LogPanel", "Length prefix: 4 bytes, little-endian"),
     FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=4, big_endian=False)),
    (QT_TRANSLATE_NOOP("LogPanel", "Idle gap"), FramingSpec(FramingMode.IDLE_GAP)),
    (QT_TRANSLATE_NOOP("LogPanel", "Until the peer closes"), FramingSpec(FramingMode.UNTIL_CLOSE)),
]

# What the display combo shows for each mode; the mode itself is the item's data.
DISPLAY_MODE_LABELS: dict[DisplayMode, str] = {
    DisplayMode.TEXT: QT_TRANSLATE_NOOP("LogPanel", "Text"),
    DisplayMode.HEX: QT_TRANSLATE_NOOP("LogPanel", "Hex"),
    DisplayMode.TEXT_AND_HEX: QT_TRANSLATE_NOOP("LogPanel", "Text + Hex"),
}


# While rows stream in, the column is measured at most this often: measuring lays out the text
# of every row in view (~2 ms for a screen of escaped binary), and a flood flushes 5-10 times
# a second. A column that grows a quarter of a second late is not seen.
FIT_EVERY_MS = 250


class LogView(QTableView):
    """One column of uniform rows, painted lazily; Ctrl+C copies the selected rows as text.

    Why a table of one column and not a QListView: a QListView lays out every row again after
    each insert, even with uniform item sizes (it keeps a position per row), and scrolling to
    the bottom forces that layout at once. Measured with 150 rows added per flush: 0.5 ms at
    4 500 rows, 2.8 ms at 49 500, 5.5 ms at 100 000 (the default cap), so a full log made
    every round trip ~20 µs slower. A table's rows are sections of a header with one fixed
    height: the same flush took 0.23 ms at any length.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logView")
        self.setAccessibleName(self.tr("Log"))
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)  # Tab leaves the log, as it does every other field
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        columns = self.horizontalHeader()
        columns.hide()
        columns.setResizeContentsPrecision(0)  # sizeHintForColumn: the rows in view, not 1 000
        # The column is as wide as the widest row shown so far (wider rows scroll sideways),
        # at least the viewport; it narrows again when the log is cleared.
        self._widest_row = 0
        self._fitted_at = 0.0  # time.monotonic() of the last measuring
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self._fit_column)
        self.verticalScrollBar().valueChanged.connect(self._schedule_fit)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._fit_row_height()

    def setModel(self, model) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        # New rows are measured by fit_column(), which the panel calls right after it has
        # scrolled to them (in the flush's own event-loop turn, at most every FIT_EVERY_MS).
        model.dataChanged.connect(self._schedule_fit)
        model.modelReset.connect(self._start_narrow)
        model.layoutChanged.connect(self._start_narrow)
        self._start_narrow()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_row_height()
            self._start_narrow()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._schedule_fit()

    def _fit_row_height(self) -> None:
        # One line of text, as tall as a list row; follows the projector sizes (Ctrl+plus).
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height())

    def _schedule_fit(self, *_args) -> None:
        self._fit_timer.start(0)

    def _start_narrow(self, *_args) -> None:
        self._widest_row = 0
        self._fit_timer.start(0)

    def fit_column(self) -> None:
        """Widen the column for the rows in view: now, or when FIT_EVERY_MS have passed since
        the last measuring (a pending fit is then not needed)."""
        wait_ms = FIT_EVERY_MS - (time.monotonic() - self._fitted_at) * 1000
        if wait_ms > 0:  # (also replaces the zero-timer the scroll to the tail has just set)
            self._fit_timer.start(int(wait_ms) + 1)
            return
        self._fit_timer.stop()
        self._fit_column()

    def _fit_column(self) -> None:
        if self.model() is None:
            return
        # Only the rows in view are asked (precision 0): a few dozen, however long the log.
        self._fitted_at = time.monotonic()
        self._widest_row = max(self._widest_row, self.sizeHintForColumn(0))
        width = max(self._widest_row, self._viewport_width())
        if width != self.columnWidth(0):
            self.setColumnWidth(0, width)

    def _viewport_width(self) -> int:
        # Not viewport().width(): handing the viewport widget to Python the first time costs
        # ~8 ms (PySide builds enums it had not needed yet), and this runs in the first frame.
        width = self.contentsRect().width()
        bar = self.verticalScrollBar()
        return width - bar.width() if bar.isVisible() else width

    def selected_text(self) -> str:
        model = self.model()
        rows = sorted({index.row() for index in self.selectionModel().selectedIndexes()})
        return "\n".join(model.row_text(row) for row in rows)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.selected_text())
            return
        super().keyPressEvent(event)


class LogPanel(QWidget):
    framing_changed = Signal(object)  # FramingSpec
    trace_toggled = Signal(bool)
    record_toggled = Signal(bool)
    save_log_requested = Signal()
    open_capture_requested = Signal()

    def __init__(self, model: LogModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._follow = True

        self.displayCombo = QComboBox(objectName="displayCombo")
        for mode in DisplayMode:
            label = DISPLAY_MODE_LABELS.get(mode, mode.value)
            self.displayCombo.addItem(QCoreApplication.translate("LogPanel", label), mode)
        self.displayCombo.setAccessibleName(self.tr("Display mode"))
        self.framingCombo = QComboBox(objectName="framingCombo")
        for label, spec in FRAMING_CHOICES:
            self.framingCombo.addItem(QCoreApplication.translate("LogPanel", label), spec)
        self.framingCombo.setAccessibleName(self.tr("Where a received message ends"))
        self.framingCombo.setToolTip(self.tr("TCP is a stream: choose the rule that decides where a message ends"))
        self.delimiterEdit = QLineEdit(objectName="delimiterEdit", placeholderText=self.tr(r"e.g. \r\n or 0x0d0a"))
        self.delimiterEdit.setAccessibleName(self.tr("Custom delimiter"))
        self.delimiterEdit.setMaximumWidth(140)
        self.idleSpin = QSpinBox(objectName="idleSpin", minimum=1, maximum=60_000, value=100, suffix=" ms")
        self.idleSpin.setAccessibleName(self.tr("Idle gap"))
        self.framingError = QLabel(objectName="framingErrorLabel", textFormat=Qt.TextFormat.PlainText)
        self.traceCheck = QCheckBox(self.tr("&Signals"), objectName="traceCheck")
        self.traceCheck.setToolTip(self.tr("Show every QTcpSocket signal as it fires, with µs timing and thread"))
        self.traceCheck.setAccessibleName(self.tr("Show socket signals"))
        self.wallClockCheck = QCheckBox(self.tr("&Wall clock"), objectName="wallClockCheck")
        self.wallClockCheck.setToolTip(self.tr("Timestamps as time of day instead of time since the connect began"))
        self.wallClockCheck.setAccessibleName(self.tr("Wall clock timestamps"))
        self.pauseCheck = QCheckBox(self.tr("&Pause"), objectName="pauseCheck")
        self.pauseCheck.setToolTip(self.tr("Stop logging data (counters and Record keep counting)"))
        self.pauseCheck.setAccessibleName(self.tr("Pause the log"))
        self.findEdit = QLineEdit(objectName="findEdit", placeholderText=self.tr("Find in log (Enter: next)"))
        self.findEdit.setAccessibleName(self.tr("Find in log"))
        self.findEdit.setClearButtonEnabled(True)
        self.findEdit.setMinimumWidth(180)
        self.clearButton = QPushButton(self.tr("C&lear"), objectName="clearButton")
        self.clearButton.setAccessibleName(self.tr("Clear the log"))
        self.recordButton = QToolButton(objectName="recordButton", text=self.tr("● Record…"), checkable=True)
        self.rawStreamCheck = QCheckBox(self.tr("+ raw .bin"), objectName="rawStreamCheck", checked=True)
        self.rawStreamCheck.setAccessibleName(self.tr("Also save the received stream as a raw .bin file"))
        self.rawStreamCheck.setToolTip(self.tr("Recording also writes every received byte, and nothing else, "
                                               "to NAME.in.bin next to the capture"))
        self.recordButton.setToolTip(self.tr("Write every sent and received byte to a capture file"))
        self.recordButton.setAccessibleName(self.tr("Record to a capture file"))
        self.saveLogButton = QToolButton(objectName="saveLogButton", text=self.tr("Save log…"))
        self.saveLogButton.setAccessibleName(self.tr("Save log"))
        self.openCaptureButton = QToolButton(objectName="openCaptureButton", text=self.tr("Open capture…"))
        self.openCaptureButton.setAccessibleName(self.tr("Open capture"))
        self.droppedLabel = QLabel(objectName="droppedLabel")
        self.droppedLabel.hide()
        self.logView = LogView()
        self.logView.setModel(model)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show:"), buddy=self.displayCombo))
        top.addWidget(self.displayCombo)
        top.addWidget(QLabel(self.tr("Message ends:"), buddy=self.framingCombo))
        top.addWidget(self.framingCombo)
        top.addWidget(self.delimiterEdit)
        top.addWidget(self.idleSpin)
        top.addWidget(self.framingError)
        top.addStretch(1)
        top.addWidget(self.traceCheck)
        top.addWidget(self.wallClockCheck)
        top.addWidget(self.pauseCheck)
        self.maxRowsSpin = QSpinBox(objectName="maxRowsSpin", minimum=1_000, maximum=5_000_000,
                                    singleStep=10_000, value=model.max_rows)
        self.maxRowsSpin.setSuffix(self.tr(" lines"))
        self.maxRowsSpin.setGroupSeparatorShown(True)
        self.maxRowsSpin.setAccessibleName(self.tr("Lines the log keeps"))
        self.maxRowsSpin.setToolTip(self.tr("Older lines drop off beyond this; counters and Record keep everything"))
        self.maxRowsSpin.valueChanged.connect(model.set_max_rows)
        bottom = QHBoxLayout()
        bottom.addWidget(self.findEdit, 1)
        bottom.addWidget(QLabel(self.tr("Keep:"), buddy=self.maxRowsSpin))
        bottom.addWidget(self.maxRowsSpin)
        bottom.addWidget(self.clearButton)
        bottom.addWidget(self.recordButton)
        bottom.addWidget(self.rawStreamCheck)
        bottom.addWidget(self.saveLogButton)
        bottom.addWidget(self.openCaptureButton)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.droppedLabel)
        layout.addWidget(self.logView, 1)
        layout.addLayout(bottom)

        self.displayCombo.currentIndexChanged.connect(
            lambda: model.set_display_mode(self.displayCombo.currentData()))
        self.framingCombo.currentIndexChanged.connect(self._apply_framing)
        self.delimiterEdit.editingFinished.connect(self._apply_framing)
        self.idleSpin.valueChanged.connect(self._apply_framing)
        self.wallClockCheck.toggled.connect(
            lambda on: model.set_time_mode(TimeMode.WALL if on else TimeMode.RELATIVE))
        self.pauseCheck.toggled.connect(self._set_paused)
        self.traceCheck.toggled.connect(self.trace_toggled)
        self.clearButton.clicked.connect(model.clear)
        self.findEdit.returnPressed.connect(self.find_next)
        self.recordButton.toggled.connect(self.record_toggled)
        self.saveLogButton.clicked.connect(self.save_log_requested)
        self.openCaptureButton.clicked.connect(self.open_capture_requested)
        model.rows_dropped.connect(self._show_dropped)
        model.flushed.connect(self._follow_tail)
        scroll = self.logView.verticalScrollBar()
        scroll.valueChanged.connect(self._remember_follow)
        scroll.rangeChanged.connect(self._follow_tail)
        self._update_framing_fields()

    # ------------------------------------------------------------ framing
    def current_framing(self) -> FramingSpec:
        """The chosen rule; raises CodecError for a bad custom delimiter."""
        spec = self.framingCombo.currentData()
        if spec is None:
            return FramingSpec(FramingMode.DELIMITER, delimiter=parse_delimiter(self.delimiterEdit.text()))
        if spec.mode is FramingMode.IDLE_GAP:
            return FramingSpec(FramingMode.IDLE_GAP, idle_ms=self.idleSpin.value())
        return spec

    def _apply_framing(self) -> None:
        self._update_framing_fields()
        try:
            spec = self.current_framing()
        except CodecError as exc:
            self.framingError.setText(str(exc))
            return
        self.framingError.clear()
        self.framing_changed.emit(spec)

    def _update_framing_fields(self) -> None:
        spec = self.framingCombo.currentData()
        self.delimiterEdit.setVisible(spec is None)
        self.idleSpin.setVisible(spec is not None and spec.mode is FramingMode.IDLE_GAP)

    # ------------------------------------------------------------ view behaviour
    def _set_paused(self, paused: bool) -> None:
        self.model.paused = paused
        self.model.note(self.tr("log paused: data is counted (and recorded) but not shown") if paused
                        else self.tr("log resumed"))

    def _show_dropped(self, dropped: int) -> None:
        self.droppedLabel.setVisible(dropped > 0)
        self.droppedLabel.setText(self.tr(
            "⋯ {dropped:,} older lines dropped (the log keeps the newest {kept:,}; Record keeps everything)").format(
            dropped=dropped, kept=self.model.max_rows))

    def _remember_follow(self, value: int) -> None:
        # Auto-scroll pauses while the user looks further up and resumes at the bottom.
        self._follow = value >= self.logView.verticalScrollBar().maximum() - 2

    def _follow_tail(self, *args) -> None:
        if self._follow:
            self.logView.scrollToBottom()
            self.logView.fit_column()

    def find_next(self) -> bool:
        current = self.logView.currentIndex().row()
        row = self.model.find(self.findEdit.text(), current + 1)
        if row < 0:
            row = self.model.find(self.findEdit.text(), 0)  # wrap around
        if row < 0:
            self.findEdit.setStyleSheet("color: #c62828;")
            return False
        self.findEdit.setStyleSheet("")
        index = self.model.index(row)
        self.logView.setCurrentIndex(index)
        self.logView.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._follow = False
        return True

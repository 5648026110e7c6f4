"""The message composer: the lower pane where a tester types the bytes to send.

What is typed becomes bytes through `app.codecs` (text with escapes in one of three
encodings, or hex); a live preview under the editor shows the first bytes, or the
codec's error with its position, before anything is sent. The composer never touches a
socket: it emits `send_requested(bytes)` / `send_file_requested(path)` and the main
window decides what to do with them.

Large pastes: the preview runs from a short single-shot timer, and above
`LAZY_ENCODE_ABOVE` characters it only reports the length (read from the document in
O(1), never by copying the text out) and leaves encoding to the moment of sending.
"""

from __future__ import annotations

import codecs as pycodecs
import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QTextCursor, QTextOption
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from app.codecs import CodecError, encode_text, escape_bytes, format_hex, parse_hex
from app.history import MessageHistory

LAZY_ENCODE_ABOVE = 1_000_000  # characters; above this the preview does not encode
PREVIEW_DELAY_MS = 15  # coalesces the edits of one paste or one burst of typing
PREVIEW_BYTES = 16
# Qt wraps a long line with no spaces in it at a cost that grows with the square of its
# length (1 MB of base64: 16 s per keystroke, measured); wrapping anywhere is linear.
WRAP_ANYWHERE_ABOVE = 16_384
SINGLE_LINE_ROWS = 2
MULTI_LINE_ROWS = 8

# (label, data): labels are translated when shown (context "Composer"); the data is what the code reads.
FORMATS = ((QT_TRANSLATE_NOOP("Composer", "Text"), "text"), (QT_TRANSLATE_NOOP("Composer", "Hex"), "hex"))
ENCODINGS = (("UTF-8", "utf-8"), ("ASCII", "ascii"), ("Latin-1", "latin-1"))
LINE_ENDINGS = ((QT_TRANSLATE_NOOP("Composer", "None"), "none"), ("LF", "lf"), ("CR", "cr"), ("CRLF", "crlf"))
LINE_ENDING_BYTES = {"none": b"", "lf": b"\n", "cr": b"\r", "crlf": b"\r\n"}

_KEYS_SINGLE_LINE = QT_TRANSLATE_NOOP(
    "MessageEdit", "Enter or Ctrl+Enter sends, Shift+Enter starts a new line, Up and Down recall earlier messages.")
_KEYS_MULTI_LINE = QT_TRANSLATE_NOOP("MessageEdit", "Ctrl+Enter sends, Enter starts a new line.")


def _grouped(number: int) -> str:
    """50000000 -> '50 000 000', with narrow no-break spaces so it never wraps."""
    return f"{number:,}".replace(",", "\u202f")


def _count_text(number: int, one: str, many: str) -> str:
    """`one` or `many` (translated, context "Composer") with {count} filled in, grouped."""
    template = one if number == 1 else many
    return QCoreApplication.translate("Composer", template).format(count=_grouped(number))


def _characters(number: int) -> str:
    return _count_text(number, QT_TRANSLATE_NOOP("Composer", "{count} character"),
                       QT_TRANSLATE_NOOP("Composer", "{count} characters"))


def _bytes(number: int) -> str:
    return _count_text(number, QT_TRANSLATE_NOOP("Composer", "{count} byte"),
                       QT_TRANSLATE_NOOP("Composer", "{count} bytes"))


class MessageEdit(QPlainTextEdit):
    """The message editor: decides which keys send, which recall history, how tall it is."""

    send_keys_pressed = Signal()
    up_pressed_on_first_line = Signal()
    down_pressed_on_last_line = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._multi_line = False
        # Tab moves focus (keyboard users must be able to leave); a tab byte is \t.
        self.setTabChangesFocus(True)
        self.textChanged.connect(self._fit_wrap_mode)
        self.set_multi_line(False)

    # ----------------------------------------------------------------- public
    @property
    def multi_line(self) -> bool:
        return self._multi_line

    def set_multi_line(self, enabled: bool) -> None:
        self._multi_line = bool(enabled)
        self._apply_height()
        self.setAccessibleDescription(self.tr(_KEYS_MULTI_LINE) if enabled else self.tr(_KEYS_SINGLE_LINE))

    def message_text(self) -> str:
        """The text exactly as typed.

        toPlainText() would turn non-breaking spaces into plain spaces, silently changing
        the bytes; the raw text keeps them and only needs its block breaks made LF.
        """
        return self.document().toRawText().replace("\u2029", "\n")

    def message_length(self) -> int:
        """Length in UTF-16 units, without copying the text out of the document."""
        return self.document().characterCount() - 1

    def setPlainText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        # Choose the wrap mode before Qt lays the new text out, not after.
        self._fit_wrap_mode(len(text))
        super().setPlainText(text)

    # ----------------------------------------------------------------- Qt overrides
    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        if source.hasText():
            self._fit_wrap_mode(self.message_length() + len(source.text()))
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if ctrl or (not self._multi_line and not shift):
                event.accept()
                self.send_keys_pressed.emit()
                return
            # Qt inserts U+2028 for Shift+Enter, which would be sent as E2 80 A8 in
            # UTF-8; a line break in the editor must always mean LF.
            self.textCursor().insertText("\n")
            self.ensureCursorVisible()
            event.accept()
            return
        if not self._multi_line and modifiers == Qt.KeyboardModifier.NoModifier:
            if key == Qt.Key.Key_Up and self._caret_on_first_line():
                event.accept()
                self.up_pressed_on_first_line.emit()
                return
            if key == Qt.Key.Key_Down and self._caret_on_last_line():
                event.accept()
                self.down_pressed_on_last_line.emit()
                return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_height()

    # ----------------------------------------------------------------- helpers
    def _apply_height(self) -> None:
        rows = MULTI_LINE_ROWS if self._multi_line else SINGLE_LINE_ROWS
        height = math.ceil(self.fontMetrics().lineSpacing() * rows + 2 * self.document().documentMargin()
                           + 2 * self.frameWidth())
        if self._multi_line:
            self.setMinimumHeight(height)
            self.setMaximumHeight(16_777_215)  # QWIDGETSIZE_MAX: let the layout give it room
        else:
            self.setFixedHeight(height)

    def _fit_wrap_mode(self, length: int | None = None) -> None:
        if length is None:
            length = self.message_length()
        mode = (QTextOption.WrapMode.WrapAnywhere if length > WRAP_ANYWHERE_ABOVE
                else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        if self.wordWrapMode() != mode:
            self.setWordWrapMode(mode)

    def _caret_line(self) -> tuple[int, int]:
        """(visual line of the caret in its block, lines in that block); (0, 1) before layout."""
        cursor = self.textCursor()
        layout = cursor.block().layout()
        line = layout.lineForTextPosition(cursor.positionInBlock())
        if not line.isValid():
            return 0, 1
        return line.lineNumber(), layout.lineCount()

    def _caret_on_first_line(self) -> bool:
        return self.textCursor().blockNumber() == 0 and self._caret_line()[0] == 0

    def _caret_on_last_line(self) -> bool:
        if self.textCursor().blockNumber() != self.document().blockCount() - 1:
            return False
        line, count = self._caret_line()
        return line == count - 1


class Composer(QWidget):
    """The lower pane of the main window: compose a message, preview its bytes, send it."""

    send_requested = Signal(bytes)  # the encoded message, line ending included
    send_file_requested = Signal(str)  # path of the file the user chose

    def __init__(self, parent: QWidget | None = None, *, history: MessageHistory | None = None) -> None:
        super().__init__(parent)
        self._history = history if history is not None else MessageHistory()
        self._connected = False
        self._format = "text"
        self._message_ok = False
        # Bytes of the message without its line ending, or the CodecError they gave;
        # None until computed for the current text and options.
        self._content: bytes | CodecError | None = None
        self._last_directory = ""

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._refresh_preview)

        self._build_widgets()
        self._build_layout()
        self._wire()
        self._apply_format_options()
        self._refresh_preview()

    # ----------------------------------------------------------------- construction
    def _build_widgets(self) -> None:
        self.messageEdit = MessageEdit(self)
        self.messageEdit.setObjectName("messageEdit")
        self.messageEdit.setAccessibleName(self.tr("Message to send"))
        self.messageEdit.setPlaceholderText(self.tr("Type a message, e.g. HELLO\\r\\n"))
        self.messageLabel = QLabel(self.tr("&Message:"), self)
        self.messageLabel.setBuddy(self.messageEdit)

        self.previewLabel = QLabel(self)
        self.previewLabel.setObjectName("previewLabel")
        self.previewLabel.setAccessibleName(self.tr("Bytes to send"))
        # The preview quotes what the user typed: never let it be read as HTML.
        self.previewLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.previewLabel.setWordWrap(True)
        self.previewLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # The parent by keyword: passed by position, PySide also tries the (icon, text, parent)
        # overload and loads QIcon's enums, ~1 ms of start-up (README, Performance).
        self.sendButton = QPushButton(self.tr("&Send"), parent=self)
        self.sendButton.setObjectName("sendButton")
        self.sendButton.setAccessibleName(self.tr("Send message"))
        self.sendFileButton = QPushButton(self.tr("Send f&ile…"), parent=self)
        self.sendFileButton.setObjectName("sendFileButton")
        self.sendFileButton.setAccessibleName(self.tr("Send file"))
        self.sendFileButton.setToolTip(self.tr("Choose a file and send its contents as they are"))

        self.formatCombo = self._combo("formatCombo", self.tr("Message format"), FORMATS)
        self.formatLabel = self._label(self.tr("F&ormat:"), self.formatCombo)
        self.encodingCombo = self._combo("encodingCombo", self.tr("Text encoding"), ENCODINGS)
        self.encodingLabel = self._label(self.tr("E&ncoding:"), self.encodingCombo)
        self.lineEndingCombo = self._combo("lineEndingCombo", self.tr("Line ending added on send"), LINE_ENDINGS)
        self.lineEndingLabel = self._label(self.tr("Line en&ding:"), self.lineEndingCombo)
        self.lineEndingCombo.setToolTip(self.tr("Appended to every message when it is sent, in both formats"))

        self.escapesCheck = QCheckBox(self.tr("Esc&apes \\r \\n \\t \\0 \\xHH"), self)
        self.escapesCheck.setObjectName("escapesCheck")
        self.escapesCheck.setAccessibleName(self.tr("Understand escapes"))
        self.escapesCheck.setToolTip(self.tr("\\r \\n \\t \\0 \\\\ and \\xHH become the bytes they name"))
        self.escapesCheck.setChecked(True)

        self.multiLineCheck = QCheckBox(self.tr("M&ulti-line"), self)
        self.multiLineCheck.setObjectName("multiLineCheck")
        self.multiLineCheck.setAccessibleName(self.tr("Multi-line message"))
        self.multiLineCheck.setToolTip(self.tr("On: Enter starts a new line and Ctrl+Enter sends"))

    def _combo(self, name: str, accessible: str, items: tuple[tuple[str, str], ...]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for text, key in items:
            # Labels marked with QT_TRANSLATE_NOOP are looked up here; "UTF-8" and "LF" have no entry and stay.
            combo.addItem(QCoreApplication.translate("Composer", text), key)
        return combo

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _build_layout(self) -> None:
        buttons = QVBoxLayout()
        buttons.addWidget(self.sendButton)
        buttons.addWidget(self.sendFileButton)
        buttons.addStretch(1)

        options = QHBoxLayout()
        for widget in (self.formatLabel, self.formatCombo, self.encodingLabel, self.encodingCombo,
                       self.escapesCheck, self.lineEndingLabel, self.lineEndingCombo):
            options.addWidget(widget)
        options.addStretch(1)
        options.addWidget(self.multiLineCheck)

        grid = QGridLayout(self)
        grid.addWidget(self.messageLabel, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.messageEdit, 0, 1)
        grid.addLayout(buttons, 0, 2)
        grid.addWidget(self.previewLabel, 1, 1, 1, 2)
        grid.addLayout(options, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 1)

        # Reading order, which is also the order of work: type, send, then adjust.
        order = (self.messageEdit, self.sendButton, self.sendFileButton, self.formatCombo,
                 self.encodingCombo, self.escapesCheck, self.lineEndingCombo, self.multiLineCheck)
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    def _wire(self) -> None:
        self.messageEdit.textChanged.connect(self._on_text_changed)
        self.messageEdit.send_keys_pressed.connect(self.request_send)
        self.messageEdit.up_pressed_on_first_line.connect(self._recall_previous)
        self.messageEdit.down_pressed_on_last_line.connect(self._recall_next)
        self.sendButton.clicked.connect(self.request_send)
        self.sendFileButton.clicked.connect(self._on_send_file_clicked)
        self.formatCombo.currentIndexChanged.connect(self._on_format_chosen)
        self.encodingCombo.currentIndexChanged.connect(self._on_content_options_changed)
        self.escapesCheck.toggled.connect(self._on_content_options_changed)
        self.lineEndingCombo.currentIndexChanged.connect(self._schedule_preview)
        self.multiLineCheck.toggled.connect(self.messageEdit.set_multi_line)

    # ----------------------------------------------------------------- public API
    def current_bytes(self) -> bytes:
        """The bytes Send would send, line ending included. Raises CodecError."""
        return self._content_bytes() + LINE_ENDING_BYTES[self._line_ending()]

    def message_spec(self) -> dict:
        return {
            "format": self._format,
            "content": self.messageEdit.message_text(),
            "encoding": self.encodingCombo.currentData(),
            "line_ending": self._line_ending(),
            "escapes": self.escapesCheck.isChecked(),
        }

    def load_message(self, format: str, content: str, encoding: str = "utf-8",  # noqa: A002 (spec's name)
                     line_ending: str = "none", escapes: bool = True) -> None:
        """Show a saved message as it was saved. Raises ValueError for unknown options."""
        format_index = self.formatCombo.findData(str(format).lower())
        if format_index < 0:
            raise ValueError(f"Unknown message format {format!r}: use 'text' or 'hex'.")
        ending_index = self.lineEndingCombo.findData(str(line_ending).lower())
        if ending_index < 0:
            raise ValueError(f"Unknown line ending {line_ending!r}: use none, lf, cr or crlf.")
        encoding_index = self._encoding_index(encoding)
        # Set the options without their handlers: the content is given in the saved
        # format, so nothing must be converted.
        for widget, apply in ((self.formatCombo, lambda: self.formatCombo.setCurrentIndex(format_index)),
                              (self.encodingCombo, lambda: self.encodingCombo.setCurrentIndex(encoding_index)),
                              (self.lineEndingCombo, lambda: self.lineEndingCombo.setCurrentIndex(ending_index)),
                              (self.escapesCheck, lambda: self.escapesCheck.setChecked(bool(escapes)))):
            blocked = widget.blockSignals(True)
            apply()
            widget.blockSignals(blocked)
        self._format = self.formatCombo.currentData()
        self._apply_format_options()
        self.messageEdit.setPlainText(content)
        self._refresh_now()

    @property
    def history(self) -> MessageHistory:
        """The sent-message history behind Up/Down, for the main window to save and restore."""
        return self._history

    def set_connected(self, connected: bool) -> None:
        self._connected = bool(connected)
        self._update_buttons()

    def focus_editor(self) -> None:
        self.messageEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose_file(self) -> str | None:
        """Ask for the file to send; None when the user cancels. Tests replace this."""
        from PySide6.QtWidgets import QFileDialog  # loaded when first opened, not at start-up

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Send file"), self._last_directory,
                                              self.tr("All files (*)"))
        if not path:
            return None
        self._last_directory = path.rsplit("/", 1)[0]
        return path

    # ----------------------------------------------------------------- encoding
    def _line_ending(self) -> str:
        return self.lineEndingCombo.currentData()

    def _encoding_index(self, encoding: str) -> int:
        try:
            wanted = pycodecs.lookup(encoding).name
        except LookupError:
            wanted = None
        for index in range(self.encodingCombo.count()):
            if pycodecs.lookup(self.encodingCombo.itemData(index)).name == wanted:
                return index
        names = ", ".join(key for _, key in ENCODINGS)
        raise ValueError(f"Unsupported encoding {encoding!r}: use one of {names}.")

    def _content_bytes(self) -> bytes:
        if self._content is None:
            text = self.messageEdit.message_text()
            try:
                if self._format == "hex":
                    self._content = parse_hex(text)
                else:
                    self._content = encode_text(text, self.encodingCombo.currentData(),
                                                escapes=self.escapesCheck.isChecked())
            except CodecError as exc:
                self._content = exc
        if isinstance(self._content, CodecError):
            raise CodecError(self._content.message, self._content.position)
        return self._content

    # ----------------------------------------------------------------- preview
    def _on_text_changed(self) -> None:
        self._content = None
        self._schedule_preview()

    def _on_content_options_changed(self) -> None:
        self._content = None
        self._schedule_preview()

    def _schedule_preview(self) -> None:
        self._preview_timer.start()

    def _refresh_now(self) -> None:
        self._preview_timer.stop()
        self._refresh_preview()

    def _refresh_preview(self) -> None:
        length = self.messageEdit.message_length()
        if self._content is None and length > LAZY_ENCODE_ABOVE:
            # Only an estimate of validity: the encoding runs once, on send.
            self._show_preview(self.tr("{characters} — encoded on send").format(characters=_characters(length)),
                               error=False)
            self._message_ok = True
        else:
            try:
                content = self._content_bytes()
            except CodecError as exc:
                self._show_preview(exc.message, error=True)
                self._message_ok = False
            else:
                # Described without joining content and ending: that would copy a large message.
                ending = LINE_ENDING_BYTES[self._line_ending()]
                size = len(content) + len(ending)
                self._show_preview(self._describe(size, (content[:PREVIEW_BYTES] + ending)[:PREVIEW_BYTES]),
                                   error=False)
                self._message_ok = size > 0
        self._update_buttons()

    @staticmethod
    def _describe(size: int, head: bytes) -> str:
        if not size:
            return QCoreApplication.translate("Composer", "Nothing to send")
        more = " …" if size > len(head) else ""
        return f"{_bytes(size)} · {format_hex(head)}{more}"

    def _show_preview(self, text: str, *, error: bool) -> None:
        self.previewLabel.setText(text)
        self.previewLabel.setProperty("error", error)
        if error:
            palette = self.previewLabel.palette()
            palette.setColor(QPalette.ColorRole.WindowText, self.error_color())
            self.previewLabel.setPalette(palette)
        else:
            self.previewLabel.setPalette(QPalette())  # inherit the theme again

    def error_color(self) -> QColor:
        """A red that stays readable on the current window background, light or dark."""
        window = self.palette().color(QPalette.ColorRole.Window)
        return QColor("#ff7b72") if window.lightness() < 128 else QColor("#b3261e")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        palette_events = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in palette_events and self.previewLabel.property("error"):
            self._show_preview(self.previewLabel.text(), error=True)

    def _update_buttons(self) -> None:
        self.sendButton.setEnabled(self._connected and self._message_ok)
        self.sendFileButton.setEnabled(self._connected)
        if not self._connected:
            self.sendButton.setToolTip(self.tr("Connect first"))
        elif not self._message_ok:
            self.sendButton.setToolTip(self.tr("Fix the message first (see below it)"))
        else:
            self.sendButton.setToolTip(self.tr("Send the message (Ctrl+Enter)"))

    # ----------------------------------------------------------------- format switching
    def _on_format_chosen(self, index: int) -> None:
        new_format = self.formatCombo.itemData(index)
        if new_format == self._format:
            return
        try:
            data = self._content_bytes()
        except CodecError:
            # The bytes are unknown, so there is nothing faithful to convert to: stay in the
            # old format, where the preview already names the mistake.
            blocked = self.formatCombo.blockSignals(True)
            self.formatCombo.setCurrentIndex(self.formatCombo.findData(self._format))
            self.formatCombo.blockSignals(blocked)
            self._refresh_now()
            return
        self._format = new_format
        if new_format == "hex":
            text = format_hex(data)
        else:
            text = escape_bytes(data)
            if "\\" in text and not self.escapesCheck.isChecked():
                blocked = self.escapesCheck.blockSignals(True)
                self.escapesCheck.setChecked(True)  # the escaped text means these bytes only with escapes
                self.escapesCheck.blockSignals(blocked)
        self._apply_format_options()
        self.messageEdit.setPlainText(text)
        self._content = data  # known already: a large message is not encoded twice
        self._refresh_now()

    def _apply_format_options(self) -> None:
        is_text = self._format == "text"
        for widget in (self.encodingLabel, self.encodingCombo, self.escapesCheck):
            widget.setEnabled(is_text)

    # ----------------------------------------------------------------- actions
    def request_send(self) -> None:
        if self._preview_timer.isActive():
            self._refresh_now()  # the preview must describe what is about to go out
        if not self._connected or not self._message_ok:
            return
        try:
            data = self.current_bytes()
        except CodecError as exc:
            # Only a lazily encoded (large) message can fail here.
            self._show_preview(exc.message, error=True)
            self._message_ok = False
            self._update_buttons()
            self._move_caret_to(exc.position)
            return
        if not data:
            return
        self.send_requested.emit(data)
        self._remember_sent()
        self._refresh_now()  # a large message now has its real byte count

    def _remember_sent(self) -> None:
        # Recalling megabytes with Up is no use, and each entry would hold a copy.
        if self.messageEdit.message_length() > LAZY_ENCODE_ABOVE:
            return
        self._history.add(self.messageEdit.message_text())

    def _move_caret_to(self, position: int) -> None:
        text = self.messageEdit.message_text()
        # CodecError counts code points; QTextCursor counts UTF-16 units.
        utf16_position = len(text[:position].encode("utf-16-le")) // 2
        cursor = self.messageEdit.textCursor()
        cursor.setPosition(min(utf16_position, self.messageEdit.message_length()))
        self.messageEdit.setTextCursor(cursor)
        self.messageEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_send_file_clicked(self) -> None:
        path = self.choose_file()
        if path:
            self.send_file_requested.emit(path)

    # ----------------------------------------------------------------- history
    def _recall_previous(self) -> None:
        self._show_recalled(self._history.previous(self.messageEdit.message_text()))

    def _recall_next(self) -> None:
        # Passing the current text: when not navigating, Down must leave it alone.
        self._show_recalled(self._history.next(self.messageEdit.message_text()))

    def _show_recalled(self, text: str) -> None:
        if text == self.messageEdit.message_text():
            return
        # Through a cursor rather than setPlainText, so that Ctrl+Z brings the draft back.
        cursor = QTextCursor(self.messageEdit.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self.messageEdit.setTextCursor(cursor)

"""The message composer: what is typed becomes exactly the bytes on send_requested."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPlainTextEdit, QPushButton

from app.codecs import escape_bytes, format_hex
from ui.composer import LAZY_ENCODE_ABOVE, Composer

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def composer(qtbot):
    widget = Composer()
    qtbot.addWidget(widget)
    widget.resize(720, 220)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_connected(True)
    return widget


def choose(combo: QComboBox, key: str) -> None:
    index = combo.findData(key)
    assert index >= 0, key
    combo.setCurrentIndex(index)


def wait_preview(qtbot, composer: Composer, fragment: str) -> None:
    qtbot.waitUntil(lambda: fragment in composer.previewLabel.text(), timeout=2000)


def send_by_button(qtbot, composer: Composer) -> bytes:
    qtbot.waitUntil(composer.sendButton.isEnabled, timeout=2000)
    with qtbot.waitSignal(composer.send_requested, timeout=2000) as blocker:
        qtbot.mouseClick(composer.sendButton, Qt.MouseButton.LeftButton)
    return blocker.args[0]


# --------------------------------------------------------------------- bytes on send
def test_text_with_escapes_sends_exact_bytes(qtbot, composer):
    composer.messageEdit.setPlainText("GET / \\x00\\xff\\t\\\\é\\r\\n")
    wait_preview(qtbot, composer, "14 bytes")

    assert send_by_button(qtbot, composer) == b"GET / \x00\xff\t\\\xc3\xa9\r\n"
    # Testers resend: the message stays.
    assert composer.messageEdit.toPlainText() == "GET / \\x00\\xff\\t\\\\é\\r\\n"


def test_escapes_off_sends_backslashes_as_typed(qtbot, composer):
    composer.escapesCheck.setChecked(False)
    composer.messageEdit.setPlainText("a\\nb")
    wait_preview(qtbot, composer, "4 bytes")
    assert send_by_button(qtbot, composer) == b"a\\nb"


def test_non_breaking_space_is_sent_as_typed(qtbot, composer):
    # QPlainTextEdit.toPlainText() would turn U+00A0 into a plain space.
    composer.messageEdit.setPlainText("a\u00a0b")
    wait_preview(qtbot, composer, "4 bytes")
    assert send_by_button(qtbot, composer) == b"a\xc2\xa0b"


@pytest.mark.parametrize("fmt, content", [("text", "hi"), ("hex", "68 69")])
@pytest.mark.parametrize("ending, suffix", [("none", b""), ("lf", b"\n"), ("cr", b"\r"), ("crlf", b"\r\n")])
def test_line_ending_is_appended_in_both_formats(qtbot, composer, fmt, content, ending, suffix):
    composer.load_message(fmt, content)
    choose(composer.lineEndingCombo, ending)
    expected = b"hi" + suffix
    wait_preview(qtbot, composer, format_hex(expected))
    assert send_by_button(qtbot, composer) == expected
    assert composer.current_bytes() == expected


def test_hex_accepts_spaces_0x_prefixes_and_commas(qtbot, composer):
    choose(composer.formatCombo, "hex")
    assert not composer.encodingCombo.isEnabled() and not composer.escapesCheck.isEnabled()
    composer.messageEdit.setPlainText("0x48,0x65 6c\n6C:6f")
    wait_preview(qtbot, composer, "5 bytes · 48 65 6c 6c 6f")
    assert send_by_button(qtbot, composer) == b"Hello"


def test_preview_shows_sixteen_bytes_then_ellipsis(qtbot, composer):
    composer.messageEdit.setPlainText("0123456789abcdefXYZ")
    wait_preview(qtbot, composer, "19 bytes")
    assert composer.previewLabel.text() == "19 bytes · " + format_hex(b"0123456789abcdef") + " …"


# --------------------------------------------------------------------- errors
def test_odd_hex_disables_send_and_names_the_position(qtbot, composer):
    choose(composer.formatCombo, "hex")
    composer.messageEdit.setPlainText("48 65 6")
    wait_preview(qtbot, composer, "position 7")
    assert not composer.sendButton.isEnabled()
    assert composer.previewLabel.palette().color(QPalette.ColorRole.WindowText) == composer.error_color()
    with qtbot.assertNotEmitted(composer.send_requested):
        qtbot.keyClick(composer.messageEdit, Qt.Key.Key_Return)

    composer.messageEdit.setPlainText("48 65 06")
    wait_preview(qtbot, composer, "3 bytes")
    assert composer.sendButton.isEnabled()
    assert composer.previewLabel.palette().color(QPalette.ColorRole.WindowText) != composer.error_color()


def test_ascii_names_the_character_it_cannot_encode(qtbot, composer):
    choose(composer.encodingCombo, "ascii")
    composer.messageEdit.setPlainText("café")
    wait_preview(qtbot, composer, "'é'")
    assert "position 4" in composer.previewLabel.text()
    assert not composer.sendButton.isEnabled()

    choose(composer.encodingCombo, "latin-1")
    wait_preview(qtbot, composer, "4 bytes · 63 61 66 e9")
    assert composer.sendButton.isEnabled()


def test_error_colour_follows_a_dark_palette(qtbot, composer):
    light = composer.error_color()
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    composer.setPalette(dark)
    assert composer.error_color() != light
    assert composer.error_color().lightness() > light.lightness()


def test_empty_message_or_no_connection_disables_send(qtbot, composer):
    assert not composer.sendButton.isEnabled()  # empty
    composer.messageEdit.setPlainText("x")
    qtbot.waitUntil(composer.sendButton.isEnabled, timeout=2000)
    composer.set_connected(False)
    assert not composer.sendButton.isEnabled() and not composer.sendFileButton.isEnabled()
    with qtbot.assertNotEmitted(composer.send_requested):
        qtbot.keyClick(composer.messageEdit, Qt.Key.Key_Return)
    assert composer.messageEdit.toPlainText() == "x"  # Enter did not insert a line either


def test_only_a_line_ending_can_be_sent(qtbot, composer):
    choose(composer.lineEndingCombo, "crlf")
    wait_preview(qtbot, composer, "2 bytes · 0d 0a")
    assert send_by_button(qtbot, composer) == b"\r\n"


# --------------------------------------------------------------------- keys
def test_enter_sends_in_single_line_mode_and_shift_enter_breaks_the_line(qtbot, composer):
    edit = composer.messageEdit
    assert not composer.multiLineCheck.isChecked()
    qtbot.keyClicks(edit, "ab")
    with qtbot.assertNotEmitted(composer.send_requested):
        qtbot.keyClick(edit, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(edit, "c")
    with qtbot.waitSignal(composer.send_requested, timeout=2000) as blocker:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    # A line break in the editor is LF (Qt's own Shift+Enter would insert U+2028).
    assert blocker.args == [b"ab\nc"]
    with qtbot.waitSignal(composer.send_requested, timeout=2000) as blocker:
        qtbot.keyClick(edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert blocker.args == [b"ab\nc"]


def test_multi_line_mode_enter_breaks_the_line_and_ctrl_return_sends(qtbot, composer):
    edit = composer.messageEdit
    compact = edit.height()
    composer.multiLineCheck.setChecked(True)
    qtbot.waitUntil(lambda: edit.height() > compact, timeout=2000)

    qtbot.keyClicks(edit, "one")
    with qtbot.assertNotEmitted(composer.send_requested):
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit, "two")
    assert edit.toPlainText() == "one\ntwo"
    with qtbot.waitSignal(composer.send_requested, timeout=2000) as blocker:
        qtbot.keyClick(edit, Qt.Key.Key_Return, CTRL)
    assert blocker.args == [b"one\ntwo"]


def test_ctrl_return_sends_in_single_line_mode_too(qtbot, composer):
    qtbot.keyClicks(composer.messageEdit, "ping")
    with qtbot.waitSignal(composer.send_requested, timeout=2000) as blocker:
        qtbot.keyClick(composer.messageEdit, Qt.Key.Key_Return, CTRL)
    assert blocker.args == [b"ping"]


def test_up_and_down_walk_the_history_like_a_shell(qtbot, composer):
    edit = composer.messageEdit
    for message in ("first", "second"):
        edit.setPlainText(message)
        with qtbot.waitSignal(composer.send_requested, timeout=2000):
            qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert composer.history.entries() == ["first", "second"]

    edit.setPlainText("draft")
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.toPlainText() == "second"
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.toPlainText() == "first"
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    assert edit.toPlainText() == "second"
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    assert edit.toPlainText() == "draft"
    qtbot.keyClick(edit, Qt.Key.Key_Down)  # not navigating: the text stays
    assert edit.toPlainText() == "draft"


def test_up_inside_a_multi_line_text_moves_the_caret_not_the_history(qtbot, composer):
    composer.history.add("old")
    edit = composer.messageEdit
    qtbot.keyClicks(edit, "top")
    qtbot.keyClick(edit, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(edit, "bottom")
    qtbot.keyClick(edit, Qt.Key.Key_Up)  # caret on the second line: moves up
    assert edit.toPlainText() == "top\nbottom"
    assert edit.textCursor().blockNumber() == 0
    qtbot.keyClick(edit, Qt.Key.Key_Up)  # now on the first line: history
    assert edit.toPlainText() == "old"


# --------------------------------------------------------------------- format switching
def test_switching_text_hex_text_keeps_the_bytes(qtbot, composer):
    composer.messageEdit.setPlainText("hi\\r\\n\\xff é\\\\")
    expected = b"hi\r\n\xff \xc3\xa9\\"
    wait_preview(qtbot, composer, "9 bytes")

    choose(composer.formatCombo, "hex")
    assert composer.messageEdit.toPlainText() == format_hex(expected)
    assert composer.current_bytes() == expected

    choose(composer.formatCombo, "text")
    assert composer.messageEdit.toPlainText() == escape_bytes(expected)
    assert composer.current_bytes() == expected
    assert send_by_button(qtbot, composer) == expected


def test_hex_to_text_turns_escapes_on_when_the_text_needs_them(qtbot, composer):
    composer.escapesCheck.setChecked(False)
    composer.messageEdit.setPlainText("a\\b")
    choose(composer.formatCombo, "hex")
    assert composer.messageEdit.toPlainText() == "61 5c 62"
    choose(composer.formatCombo, "text")
    assert composer.escapesCheck.isChecked()
    assert composer.messageEdit.toPlainText() == "a\\\\b"
    assert composer.current_bytes() == b"a\\b"


def test_a_message_with_an_error_is_not_converted(qtbot, composer):
    choose(composer.formatCombo, "hex")
    composer.messageEdit.setPlainText("4")
    choose(composer.formatCombo, "text")
    assert composer.formatCombo.currentData() == "hex"
    assert composer.messageEdit.toPlainText() == "4"
    assert "position 1" in composer.previewLabel.text()


# --------------------------------------------------------------------- saved messages
def test_message_spec_round_trips_through_load_message(qtbot, composer):
    composer.load_message("text", "héllo\\r", encoding="Latin-1", line_ending="lf", escapes=False)
    spec = composer.message_spec()
    assert spec == {"format": "text", "content": "héllo\\r", "encoding": "latin-1",
                    "line_ending": "lf", "escapes": False}
    assert composer.current_bytes() == b"h\xe9llo\\r\n"
    assert "8 bytes" in composer.previewLabel.text()  # loading refreshes the preview at once

    composer.load_message("hex", "de ad", line_ending="crlf")
    assert composer.formatCombo.currentData() == "hex"
    assert composer.messageEdit.toPlainText() == "de ad"  # loaded as saved, not converted
    assert composer.current_bytes() == b"\xde\xad\r\n"

    other = Composer()
    qtbot.addWidget(other)
    other.load_message(**spec)
    assert other.message_spec() == spec
    with pytest.raises(ValueError):
        other.load_message("text", "x", encoding="utf-16")
    with pytest.raises(ValueError):
        other.load_message("base64", "x")


# --------------------------------------------------------------------- large pastes
def test_a_5_mb_paste_is_not_encoded_until_sent(qtbot, composer):
    line = "0123456789" * 6 + "abc\n"  # 64 characters
    big = line * (5_000_000 // len(line)) + "é"  # the only character ASCII cannot encode
    assert len(big) > LAZY_ENCODE_ABOVE
    choose(composer.encodingCombo, "ascii")

    composer.messageEdit.setPlainText(big)
    wait_preview(qtbot, composer, "encoded on send")
    # The error is only found by encoding, so Send being enabled shows the preview did not encode.
    assert composer.sendButton.isEnabled()

    composer.messageEdit.moveCursor(composer.messageEdit.textCursor().MoveOperation.End)
    qtbot.keyClick(composer.messageEdit, Qt.Key.Key_X)
    wait_preview(qtbot, composer, f"{len(big) + 1:,}".replace(",", "\u202f"))

    with qtbot.assertNotEmitted(composer.send_requested):
        qtbot.mouseClick(composer.sendButton, Qt.MouseButton.LeftButton)
    assert f"position {len(big)}" in composer.previewLabel.text()
    assert not composer.sendButton.isEnabled()
    assert composer.messageEdit.textCursor().position() == len(big) - 1  # the caret is on the culprit

    composer.messageEdit.setPlainText(big[:-1])
    data = send_by_button(qtbot, composer)
    assert data == big[:-1].encode("ascii")
    assert composer.previewLabel.text().startswith(f"{len(data):,}".replace(",", "\u202f") + " bytes")


# --------------------------------------------------------------------- files, a11y
def test_send_file_uses_the_chosen_path(qtbot, composer, tmp_path):
    chosen = tmp_path / "payload.bin"
    composer.choose_file = lambda: str(chosen)
    with qtbot.waitSignal(composer.send_file_requested, timeout=2000) as blocker:
        qtbot.mouseClick(composer.sendFileButton, Qt.MouseButton.LeftButton)
    assert blocker.args == [str(chosen)]

    composer.choose_file = lambda: None  # cancelled
    with qtbot.assertNotEmitted(composer.send_file_requested):
        qtbot.mouseClick(composer.sendFileButton, Qt.MouseButton.LeftButton)


def test_controls_have_names_buddies_and_tab_order(composer):
    controls = composer.findChildren(QComboBox) + composer.findChildren(QCheckBox) + \
        composer.findChildren(QPushButton) + composer.findChildren(QPlainTextEdit)
    assert len(controls) == 8
    for control in controls:
        assert control.objectName() and control.accessibleName(), control
    buddies = {label.buddy() for label in composer.findChildren(QLabel) if label.buddy()}
    for name in ("messageEdit", "formatCombo", "encodingCombo", "lineEndingCombo"):
        assert getattr(composer, name) in buddies
    assert composer.escapesCheck.isChecked() and not composer.multiLineCheck.isChecked()

    order = [composer.messageEdit]
    widget = composer.messageEdit.nextInFocusChain()
    while widget is not composer.messageEdit and len(order) < 8:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert [w.objectName() for w in order] == [
        "messageEdit", "sendButton", "sendFileButton", "formatCombo", "encodingCombo",
        "escapesCheck", "lineEndingCombo", "multiLineCheck"]

    composer.focus_editor()
    assert composer.messageEdit.hasFocus() or composer.focusWidget() is composer.messageEdit

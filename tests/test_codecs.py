"""Typed text and hex -> bytes, and received bytes -> safe display text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.codecs import (
    ENCODINGS,
    CodecError,
    encode_text,
    escape_bytes,
    format_hex,
    hex_dump,
    hex_dump_row,
    parse_hex,
    split_text_lines,
    visible_text,
)

# Modest example counts keep the whole file within a few seconds on a shared machine.
quick = settings(max_examples=150, deadline=None, database=None)

# ---------------------------------------------------------------------------------------
# encode_text / escape_bytes
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("hello", "utf-8", b"hello"),
        (r"GET / HTTP/1.0\r\n\r\n", "ascii", b"GET / HTTP/1.0\r\n\r\n"),
        (r"a\tb\0c\\d", "utf-8", b"a\tb\x00c\\d"),
        (r"\0" + "12", "utf-8", b"\x0012"),  # \0 is one NUL, never an octal escape
        (r"\\0", "utf-8", b"\\0"),  # an escaped backslash, then a literal 0
        (r"\x41\x7a\xFF\x00", "ascii", b"Az\xff\x00"),  # \xHH is the raw byte in any encoding
        (r"é\xe9", "utf-8", b"\xc3\xa9\xe9"),
        (r"é\xe9", "latin-1", b"\xe9\xe9"),
        ("€", "utf-8", b"\xe2\x82\xac"),
        ("ÿ", "latin1", b"\xff"),  # Python's aliases are accepted
        ("", "utf-8", b""),
    ],
)
def test_encode_text_examples(text, encoding, expected):
    assert encode_text(text, encoding) == expected


def test_escapes_off_sends_backslashes_as_typed():
    assert encode_text(r"a\r\n\q\\", "ascii", escapes=False) == b"a\\r\\n\\q\\\\"


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        (r"ab\q", 2, r"Unknown escape '\q' at position 3"),
        ("abc\\", 3, "lone backslash ends the text at position 4"),
        (r"x\x4", 1, r"Escape '\x4' at position 2 needs exactly two hex digits"),
        (r"\x4g", 0, r"Escape '\x4' at position 1"),
        (r"\xg1", 0, r"Escape '\x' at position 1"),
        (r"\\\q", 2, r"Unknown escape '\q' at position 3"),  # \\ then \q
        ("\\\n", 0, "'\\n' (U+000A) at position 1"),
    ],
)
def test_bad_escapes_report_their_position(text, position, fragment):
    with pytest.raises(CodecError) as caught:
        encode_text(text, "utf-8")
    assert caught.value.position == position
    assert fragment in str(caught.value)
    assert caught.value.message == str(caught.value)


def test_first_mistake_wins_between_encoding_and_escape_errors():
    with pytest.raises(CodecError) as caught:
        encode_text(r"aé\q", "ascii")
    assert caught.value.position == 1
    with pytest.raises(CodecError) as caught:
        encode_text(r"a\qé", "ascii")
    assert caught.value.position == 1 and r"'\q'" in str(caught.value)


def test_ascii_rejects_non_ascii_instead_of_writing_a_question_mark():
    with pytest.raises(CodecError) as caught:
        encode_text("café", "ascii")
    assert caught.value.position == 3
    assert str(caught.value).startswith("'é' (U+00E9) at position 4 is not in ASCII")


def test_latin1_rejects_characters_above_ff():
    with pytest.raises(CodecError) as caught:
        encode_text(r"price: \x20€", "latin-1")
    assert caught.value.position == 11
    assert "'€' (U+20AC) at position 12 is not in Latin-1" in str(caught.value)


def test_unknown_encoding_is_a_programming_error():
    with pytest.raises(ValueError, match="Unsupported encoding"):
        encode_text("x", "utf-16")


@quick
@given(
    st.text(alphabet=st.characters(max_codepoint=0x7F, exclude_characters="\\"), max_size=30),
    st.characters(min_codepoint=0x80, exclude_categories=("Cs",)),
    st.data(),
)
def test_ascii_error_names_character_code_and_position(prefix_text, culprit, data):
    cut = data.draw(st.integers(0, len(prefix_text)))
    text = prefix_text[:cut] + culprit + prefix_text[cut:] + "\\r\\n"
    with pytest.raises(CodecError) as caught:
        encode_text(text, "ascii")
    assert caught.value.position == cut
    message = str(caught.value)
    assert repr(culprit) in message
    assert f"U+{ord(culprit):04X}" in message
    assert f"position {cut + 1}" in message


@quick
@given(st.binary(max_size=300))
def test_escape_bytes_round_trips_in_every_encoding(data):
    escaped = escape_bytes(data)
    assert escaped.isascii() and escaped.isprintable()
    for encoding in ENCODINGS:
        assert encode_text(escaped, encoding) == data


def test_escape_bytes_output():
    assert escape_bytes(b"a\\b\r\n\t\x00\x7f\xff~ ") == r"a\\b\r\n\t\0\x7f\xff~ "


_ESCAPES = {"\\r": b"\r", "\\n": b"\n", "\\t": b"\t", "\\0": b"\0", "\\\\": b"\\"}
_LITERAL = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\\"), max_size=8)


@st.composite
def escaped_text(draw):
    """(text, expected utf-8 bytes) built from literal pieces and escapes."""
    text, expected = [], []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["literal", "simple", "hex"]))
        if kind == "literal":
            piece = draw(_LITERAL)
            text.append(piece)
            expected.append(piece.encode("utf-8"))
        elif kind == "simple":
            escape = draw(st.sampled_from(sorted(_ESCAPES)))
            text.append(escape)
            expected.append(_ESCAPES[escape])
        else:
            byte = draw(st.integers(0, 255))
            digits = f"{byte:02x}"
            text.append("\\x" + draw(st.sampled_from([digits, digits.upper()])))
            expected.append(bytes([byte]))
    return "".join(text), b"".join(expected)


@quick
@given(escaped_text())
def test_escaped_text_gives_the_expected_bytes(case):
    text, expected = case
    assert encode_text(text, "utf-8") == expected


@quick
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40))
def test_without_escapes_text_is_just_encoded(text):
    assert encode_text(text, "utf-8", escapes=False) == text.encode("utf-8")


# ---------------------------------------------------------------------------------------
# parse_hex / format_hex
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("48 65 6c", b"Hel"),
        ("48656C", b"Hel"),
        ("0x48,0x65", b"He"),
        ("0X48, 0x65", b"He"),
        ("48:65", b"He"),
        ("48-65", b"He"),
        ("48;65", b"He"),
        ("  48\t65\n6c\r\n", b"Hel"),
        ("48\u00a065", b"He"),  # any whitespace, a no-break space too
        ("0x4865", b"He"),  # a prefix starts a group of pairs
        ("", b""),
        (" \n", b""),
    ],
)
def test_parse_hex_examples(text, expected):
    assert parse_hex(text) == expected


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("486", 0, "'486' at position 1 has an odd number of digits (3)"),
        ("48 6 5", 3, "'6' at position 4 is a single digit"),
        ("48 65 4", 6, "position 7 is a single digit"),
        ("48 6g", 4, "Hex: 'g' at position 5 is not a hex digit"),
        ("0x", 0, "'0x' at position 1 has no digits"),
        ("48 0x0x65", 6, "'x' at position 7 is not a hex digit"),
        ("4٣", 1, "'٣' at position 2 is not a hex digit"),
    ],
)
def test_parse_hex_errors(text, position, fragment):
    with pytest.raises(CodecError) as caught:
        parse_hex(text)
    assert caught.value.position == position
    assert fragment in str(caught.value)


def test_format_hex():
    assert format_hex(b"Hel\x00\xff") == "48 65 6c 00 ff"
    assert format_hex(b"He", "") == "4865"
    assert format_hex(b"He", ", 0x") == "48, 0x65"
    assert format_hex(b"") == ""


_SEPARATORS = st.sampled_from([" ", "", ":", "-", ",", ", ", ";", "\n", "\t", "  ", " 0x", ",0X"])


@quick
@given(st.binary(max_size=64), _SEPARATORS, st.booleans())
def test_format_then_parse_round_trips(data, sep, upper):
    text = format_hex(data, sep)
    assert parse_hex(text.upper() if upper else text) == data


@st.composite
def hex_groups(draw):
    """A valid hex text with random groups, prefixes and separators."""
    pieces = []
    for index in range(draw(st.integers(0, 8))):
        if index:
            pieces.append(draw(st.sampled_from([" ", ":", "-", ",", ", ", "\n", "\t"])))
        group = draw(st.binary(min_size=1, max_size=4)).hex()
        prefix = draw(st.sampled_from(["", "0x", "0X"]))
        pieces.append(prefix + draw(st.sampled_from([group, group.upper()])))
    return "".join(pieces)


@quick
@given(hex_groups(), st.sampled_from(list("gGhzZ!#*/.?@_+=~<>é٣")), st.data())
def test_one_bad_character_is_reported_where_it_was_inserted(valid, bad, data):
    position = data.draw(st.integers(0, len(valid)))
    text = valid[:position] + bad + valid[position:]
    with pytest.raises(CodecError) as caught:
        parse_hex(text)
    assert caught.value.position == position
    assert f"{bad!r} at position {position + 1} is not a hex digit" in str(caught.value)


def test_parse_hex_is_quick_on_megabytes():
    text = "48 65 6c 6c 6f " * 200_000  # 3 MB
    assert parse_hex(text) == b"Hello" * 200_000
    with pytest.raises(CodecError) as caught:
        parse_hex(text + "4g")
    assert caught.value.position == len(text) + 1


# ---------------------------------------------------------------------------------------
# visible_text
# ---------------------------------------------------------------------------------------

def _hidden(text: str) -> list[str]:
    """Characters a text widget would not show as themselves."""
    return [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a\r\nb", "a\\r\\nb"),
        (b"\t\x00\x1b\x7f\x01", "\\t\\0\\x1b\\x7f\\x01"),
        (b"C:\\dir \\xff", "C:\\\\dir \\\\xff"),  # a real backslash shows doubled
        ("caf\u00e9 \\ \xff".encode("utf-8") + b"\xff", "caf\u00e9 \\\\ \u00ff\\xff"),
        (b"<b>bold</b> &amp;", "<b>bold</b> &amp;"),
        ("h\u00e9llo \u20ac".encode(), "h\u00e9llo \u20ac"),
        (b"ok\xff\xfe", "ok\\xff\\xfe"),
        ("\u0085".encode(), "\\u0085"),  # C1 control
        ("a\u202eevil".encode(), "a\\u202eevil"),  # right-to-left override
        ("\u200b\u2066\ufeff".encode(), "\\u200b\\u2066\\ufeff"),
        ("\u2028".encode(), "\\u2028"),  # line separator would break the row
        ("\U000e0041".encode(), "\\U000e0041"),  # tag character
        (b"", ""),
    ],
)
def test_visible_text_examples(data, expected):
    assert visible_text(data) == expected


@quick
@given(st.one_of(st.binary(max_size=200), st.text(max_size=100).map(lambda text: text.encode("utf-8"))))
def test_visible_text_never_contains_invisible_or_control_characters(data):
    assert _hidden(visible_text(data)) == []


@quick
@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cf", "Zl", "Zp", "Cs")), max_size=60))
def test_visible_text_keeps_ordinary_text_as_is(text):
    assert visible_text(text.encode("utf-8")) == text.replace("\\", "\\\\")


@quick
@given(st.binary(max_size=120), st.integers(0, 40))
def test_limit_cuts_the_full_text_and_marks_the_cut(data, limit):
    full = visible_text(data)
    shown = visible_text(data, limit)
    if len(full) <= limit:
        assert shown == full
    else:
        assert shown == full[:limit] + "\u2026"


def test_visible_text_of_megabytes_is_quick():
    data = b"GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n" * 50_000  # 2.2 MB
    text = visible_text(data)
    assert text.count("\\r\\n") == 150_000
    assert visible_text(b"x" * 10_000_000, 100) == "x" * 100 + "\u2026"


# ---------------------------------------------------------------------------------------
# split_text_lines
# ---------------------------------------------------------------------------------------


def _assert_rows_cover(data: bytes, rows: list[tuple[int, int]], width: int) -> None:
    assert rows[0][0] == 0 and rows[-1][1] == len(data)
    for (_, end), (start, _) in zip(rows, rows[1:]):
        assert end == start
    for start, end in rows:
        assert end - start <= width
        assert data.find(b"\n", start, end) in (-1, end - 1)  # an LF only ever ends a row
        if data:
            assert end > start
    line_ends = {index + 1 for index, byte in enumerate(data) if byte == 0x0A}
    assert line_ends <= {end for _, end in rows}


def test_split_text_lines_examples():
    assert split_text_lines(b"") == [(0, 0)]
    assert split_text_lines(b"ab\ncd") == [(0, 3), (3, 5)]
    assert split_text_lines(b"ab\n") == [(0, 3)]
    assert split_text_lines(b"\n\n") == [(0, 1), (1, 2)]
    assert split_text_lines(b"abcdefg", width=3) == [(0, 3), (3, 6), (6, 7)]
    # "é" is two bytes: the cut moves back rather than splitting it.
    assert split_text_lines("aaé".encode(), width=3) == [(0, 2), (2, 4)]


@quick
@given(st.binary(max_size=200).map(lambda data: data.replace(b"\x01", b"\n")), st.integers(1, 40))
def test_rows_cover_binary_data_exactly(data, width):
    _assert_rows_cover(data, split_text_lines(data, width), width)


@quick
@given(st.text(max_size=120), st.integers(4, 40))
def test_rows_never_split_a_utf8_character(text, width):
    data = text.encode("utf-8")
    rows = split_text_lines(data, width)
    _assert_rows_cover(data, rows, width)
    assert "".join(data[start:end].decode("utf-8") for start, end in rows) == text


def test_a_ten_megabyte_line_is_split_quickly():
    rows = split_text_lines(b"x" * 10_000_000, 160)
    utf8_rows = split_text_lines("\u00e9".encode() * 5_000_000, 160)
    assert len(rows) == 62_500 and rows[-1] == (9_999_840, 10_000_000)
    assert len(utf8_rows) == 62_500 and all(end - start == 160 for start, end in utf8_rows)


# ---------------------------------------------------------------------------------------
# hex dump
# ---------------------------------------------------------------------------------------


def test_hex_dump_row_layout():
    row = hex_dump_row(b"hello world\n\x00\xffAB", 0x10)
    assert row == "00000010  68 65 6c 6c 6f 20 77 6f  72 6c 64 0a 00 ff 41 42  |hello world...AB|"


def test_short_rows_keep_the_ascii_column_aligned():
    rows = hex_dump(bytes(range(0x20, 0x20 + 37)), start_offset=0x100)
    assert [row[:8] for row in rows] == ["00000100", "00000110", "00000120"]
    assert len({row.index("|") for row in rows}) == 1
    assert rows[2].endswith("  |@ABCD|")
    assert hex_dump_row(b"", 0) == "00000000" + " " * 52 + "||"
    assert hex_dump(b"") == []


@quick
@given(st.binary(max_size=100))
def test_hex_dump_shows_every_byte(data):
    rows = hex_dump(data)
    assert len(rows) == (len(data) + 15) // 16
    assert parse_hex(" ".join(row[10:58] for row in rows)) == data
    assert all("\n" not in row and len(row) <= 78 for row in rows)


def test_hex_dump_row_rejects_more_than_16_bytes():
    with pytest.raises(ValueError):
        hex_dump_row(bytes(17), 0)

"""Turning what people type into bytes, and received bytes into something safe to show.

Two directions, both pure functions:

* Input: `encode_text` (text with escapes such as ``\\r\\n`` or ``\\x00``) and `parse_hex`
  ("48 65 6c", "0x48,0x65", "48:65" ...). Mistakes raise `CodecError`, which knows the
  0-based position of the culprit so a field can put the cursor there, and whose text
  names it 1-based for the person reading it.
* Output: `visible_text`, `split_text_lines`, `hex_dump_row` / `hex_dump`. These run for
  every received chunk that scrolls past, so they are built on str.translate,
  bytes.translate, bytes.hex and bytes.find rather than loops over characters.
"""

from __future__ import annotations

import codecs as _pycodecs
import functools
import re
import unicodedata

__all__ = [
    "CodecError",
    "ENCODINGS",
    "encode_text",
    "escape_bytes",
    "parse_hex",
    "format_hex",
    "visible_text",
    "split_text_lines",
    "hex_dump_row",
    "hex_dump",
]

ENCODINGS = ("utf-8", "ascii", "latin-1")
"""The encodings the send box offers, in the spelling `encode_text` accepts."""

# Python's own names for the encodings above, so "UTF8" or "iso-8859-1" work too.
_CANONICAL = {"utf-8": "utf-8", "ascii": "ascii", "iso8859-1": "latin-1"}
_LIMITS = {"ascii": 0x7F, "latin-1": 0xFF}


class CodecError(ValueError):
    """Input that cannot become bytes.

    `position` is the 0-based index of the offending character in the input;
    `message` (also ``str(error)``) is the sentence for the user, position 1-based.
    """

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return self.message


def _char_name(ch: str) -> str:
    """`'é' (U+00E9)`: the character and its code, which stays readable even when the glyph is not."""
    return f"{ch!r} (U+{ord(ch):04X})"


# ---------------------------------------------------------------------------------------
# Text with escapes -> bytes
# ---------------------------------------------------------------------------------------

_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_ESCAPE_HELP = r"use \r \n \t \0 \xHH, or \\ for a backslash"


def _normalise_encoding(encoding: str) -> str:
    try:
        name = _pycodecs.lookup(encoding).name
    except LookupError:
        name = ""
    if name not in _CANONICAL:
        raise ValueError(f"Unsupported encoding {encoding!r}: choose one of {', '.join(ENCODINGS)}.")
    return _CANONICAL[name]


def _encode_plain(text: str, encoding: str, offset: int) -> bytes:
    """Encode text without escapes; `offset` maps positions back into the user's input."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        ch = text[exc.start]
        position = offset + exc.start
        if encoding == "utf-8":
            # Only lone surrogates get here; they come from broken clipboard data.
            reason = "is a lone surrogate, which UTF-8 cannot encode"
            advice = "remove it"
        else:
            label = "ASCII" if encoding == "ascii" else "Latin-1"
            reason = f"is not in {label} (up to U+{_LIMITS[encoding]:04X})"
            advice = r"choose UTF-8, or type the bytes as \xHH"
        message = f"{_char_name(ch)} at position {position + 1} {reason}: {advice}."
        raise CodecError(message, position) from None


def encode_text(text: str, encoding: str = "utf-8", escapes: bool = True) -> bytes:
    r"""Bytes for what the user typed.

    With `escapes`, ``\r \n \t \0 \\`` and ``\xHH`` (exactly two hex digits) are
    understood; ``\xHH`` is the raw byte HH whatever the encoding, so any byte can be
    sent from a text field. Characters the encoding cannot hold are an error, never a '?'.
    """
    encoding = _normalise_encoding(encoding)
    if not escapes or "\\" not in text:
        return _encode_plain(text, encoding, 0)
    bad = _BAD_ESCAPE.search(text)
    # Encoding first (up to a bad escape) reports whichever mistake comes first in the text.
    encoded = _encode_plain(text[: bad.end() - 1] if bad else text, encoding, 0)
    if bad:
        raise _escape_error(text, bad.end() - 1)
    # Escapes are ASCII and survive encoding unchanged (no encoding here puts ASCII bytes
    # inside a multi-byte character), so the C-coded "unicode_escape" codec can expand them:
    # it reads other bytes as Latin-1 characters, and encoding to Latin-1 gives them back.
    # Our \0 is always one NUL, while Python's reads up to three octal digits ("\012").
    if b"\\0" in encoded:
        encoded = b"\\\\".join(part.replace(b"\\0", b"\\x00") for part in encoded.split(b"\\\\"))
    return _pycodecs.decode(encoded, "unicode_escape").encode("latin-1")


# A backslash that starts an escape (it follows an even run of backslashes) and is not
# followed by a valid escape. Starting the pattern with a literal backslash keeps the
# scan fast on text with few escapes.
_BAD_ESCAPE = re.compile(r"\\(?<!\\\\)(?:\\\\)*(?![rnt0\\]|x[0-9A-Fa-f]{2})")


def _escape_error(text: str, index: int) -> CodecError:
    if index + 1 >= len(text):
        return CodecError(
            f"A lone backslash ends the text at position {index + 1}: write \\\\ for a backslash.", index
        )
    code = text[index + 1]
    if code == "x":
        digits = text[index + 2 : index + 4]
        shown = text[index : index + 2] + (digits[0] if digits[:1] in _HEX_DIGITS else "")
        return CodecError(
            f"Escape '{shown}' at position {index + 1} needs exactly two hex digits, like \\x41.", index
        )
    shown = f"'\\{code}'" if code.isprintable() else f"\\ + {_char_name(code)}"
    return CodecError(f"Unknown escape {shown} at position {index + 1}: {_ESCAPE_HELP}.", index)


def _build_escape_table() -> dict[int, str]:
    table = {}
    for byte in range(256):
        if 0x20 <= byte <= 0x7E:
            continue  # printable ASCII stays as it is
        table[byte] = f"\\x{byte:02x}"
    table.update({ord("\\"): "\\\\", 0x0D: "\\r", 0x0A: "\\n", 0x09: "\\t", 0x00: "\\0"})
    return table


_ESCAPE_TABLE = _build_escape_table()


def escape_bytes(data: bytes) -> str:
    r"""Text that `encode_text(..., "latin-1")` turns back into exactly `data`.

    Printable ASCII is kept, a backslash is doubled, CR LF TAB NUL become \r \n \t \0 and
    every other byte becomes \xHH, so the result is plain ASCII and safe to edit.
    """
    return data.decode("latin-1").translate(_ESCAPE_TABLE)


# ---------------------------------------------------------------------------------------
# Hex
# ---------------------------------------------------------------------------------------

# Between byte groups: any whitespace, comma, colon, semicolon or hyphen.
_HEX_SEPARATOR = r"[\s,:;\-]"
_HEX_GROUP_CHARS = r"[^\s,:;\-]"
# The start of the first group that is not "optional 0x, then pairs of hex digits". One
# search does the whole check in C; regexes that match the entire input instead were ten
# times slower on megabytes of hex.
_BAD_HEX_GROUP = re.compile(
    rf"(?<!{_HEX_GROUP_CHARS})(?={_HEX_GROUP_CHARS})"  # a group starts here
    rf"(?!(?:0[xX])?(?:[0-9A-Fa-f]{{2}})+(?:{_HEX_SEPARATOR}|\Z))"  # and is not a valid one
)
_HEX_NOISE = re.compile(rf"{_HEX_SEPARATOR}|0[xX]")
_HEX_GROUP = re.compile(rf"{_HEX_GROUP_CHARS}+")
_NOT_HEX_DIGIT = re.compile(r"[^0-9A-Fa-f]")


def parse_hex(text: str) -> bytes:
    """Bytes from hex such as "48 65 6c", "48656C", "0x48,0x65", "48:65" or "48-65".

    The rule: separators (whitespace , : ; -) split the text into groups; each group is
    an optional 0x prefix followed by an even number of hex digits, read two at a time
    ("0x4865" is the two bytes 48 65). A group with an odd number of digits is an error,
    a lone digit included ("48 6" is rejected rather than guessed as 48 06).
    """
    bad_group = _BAD_HEX_GROUP.search(text)
    if bad_group is None:
        return bytes.fromhex(_HEX_NOISE.sub("", text))
    group = _HEX_GROUP.match(text, bad_group.start())
    start, token = group.start(), group.group()
    prefix = 2 if token[:2] in ("0x", "0X") else 0
    digits = token[prefix:]
    bad = _NOT_HEX_DIGIT.search(digits)
    if bad:
        position = start + prefix + bad.start()
        raise CodecError(f"Hex: {text[position]!r} at position {position + 1} is not a hex digit.", position)
    if not digits:
        raise CodecError(f"Hex: '{token}' at position {start + 1} has no digits after {token}.", start)
    position = start + prefix
    if len(digits) == 1:
        raise CodecError(
            f"Hex: '{digits}' at position {position + 1} is a single digit: "
            f"write each byte as two digits (0{digits}).",
            position,
        )
    raise CodecError(
        f"Hex: '{digits}' at position {position + 1} has an odd number of digits ({len(digits)}): "
        "each byte needs two.",
        position,
    )


def format_hex(data: bytes, sep: str = " ") -> str:
    """Lowercase hex, one separator between bytes: b"Hel" -> "48 65 6c"."""
    if len(sep) == 1:
        return data.hex(sep)
    if not sep:
        return data.hex()
    digits = data.hex()
    return sep.join(digits[i : i + 2] for i in range(0, len(digits), 2))


# ---------------------------------------------------------------------------------------
# Received bytes -> safe display text
# ---------------------------------------------------------------------------------------


def _invisible_code_points() -> list[int]:
    """Format characters and line/paragraph separators: invisible, or they move or break text.

    Taken from the running Python's Unicode tables rather than a hand-kept list, so a
    newer Unicode version cannot slip a new direction mark past us. Planes 0, 1 and 14
    are where all of them live; scanning them costs about 10 ms, once, when the first
    non-ASCII data is shown (not at start-up).
    """
    planes = (range(0x0000, 0x20000), range(0xE0000, 0xE1000))
    return [cp for plane in planes for cp in plane if unicodedata.category(chr(cp)) in ("Cf", "Zl", "Zp")]


_CONTROL_ESCAPES = {0x00: "\\0", 0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


# Escapes rather than Unicode Control Pictures (␍ ␊): those glyphs are missing from
# most monospace fonts and would show as empty boxes on a projector.
_ASCII_TABLE: dict[int, str] = {cp: _CONTROL_ESCAPES.get(cp, f"\\x{cp:02x}") for cp in range(0x20)}
_ASCII_TABLE[0x7F] = "\\x7f"


@functools.lru_cache(maxsize=1)
def _unicode_table() -> tuple[dict[int, str], re.Pattern]:
    """The full table (C1 controls, format characters) and a regex that finds any of them."""
    table = dict(_ASCII_TABLE)
    for cp in range(0x80, 0xA0):  # C1 controls
        table[cp] = f"\\u{cp:04x}"
    for cp in _invisible_code_points():
        table[cp] = f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"
    return table, re.compile(_character_class(list(table)))


def _character_class(code_points: list[int]) -> str:
    """A regex class with runs collapsed to ranges: far faster to match than 250 single characters."""
    parts = []
    run_start = previous = None
    for cp in sorted(code_points) + [-2]:
        if previous is not None and cp == previous + 1:
            previous = cp
            continue
        if run_start is not None:
            last = "-" + re.escape(chr(previous)) if previous > run_start else ""
            parts.append(re.escape(chr(run_start)) + last)
        run_start = previous = cp
    return "[" + "".join(parts) + "]"



_PRINTABLE_ASCII = bytes(c for c in range(0x20, 0x7F) if c != 0x5C)  # without the backslash
ELLIPSIS = "\u2026"


def _visible_ascii(data: bytes) -> str:
    if not data.translate(None, _PRINTABLE_ASCII):
        return data.decode("ascii")  # the common case: nothing to escape
    return data.replace(b"\\", b"\\\\").decode("ascii").translate(_ASCII_TABLE)


def visible_text(data: bytes, limit: int | None = None) -> str:
    """Received bytes as one line of plain text where every byte shows and nothing hides.

    UTF-8 is decoded; invalid bytes appear as \\xHH; C0 controls and DEL as escapes
    (\\r \\n \\t \\0, else \\xHH); C1 controls and invisible format or direction characters
    (zero-width space, RLO, BOM ...) as \\uXXXX, so a peer cannot reorder, hide or break what
    is displayed. A backslash in the data shows doubled, so every escape is unambiguous.
    With `limit`, at most that many characters are returned, then "…" if any were left out.
    """
    if limit is not None:
        if limit < 0:
            raise ValueError("limit must be >= 0")
        # Every output character consumes at most 4 input bytes; the +4 margin keeps a
        # UTF-8 sequence cut by this slice beyond the first `limit` characters.
        data = data[: limit * 4 + 4]
    if data.isascii():
        text = _visible_ascii(data)
    else:
        # A backslash byte never occurs inside a UTF-8 sequence, so doubling it first is safe.
        text = data.replace(b"\\", b"\\\\").decode("utf-8", errors="backslashreplace")
        table, needs_escaping = _unicode_table()
        if needs_escaping.search(text):  # one C-level scan; most chunks need nothing
            text = text.translate(table)
    if limit is not None and len(text) > limit:
        return text[:limit] + ELLIPSIS
    return text


def split_text_lines(data: bytes, width: int = 160) -> list[tuple[int, int]]:
    """Byte ranges (start, end) of display rows that cover `data` exactly, in order.

    A row ends after each LF (the LF belongs to the row); a longer stretch is wrapped
    every `width` bytes, moved back to the start of a UTF-8 character when the cut would
    fall inside one. No empty row follows a final LF; empty data is one empty row.
    """
    if width < 1:
        raise ValueError("width must be >= 1")
    size = len(data)
    if size == 0:
        return [(0, 0)]
    rows: list[tuple[int, int]] = []
    start = 0
    while start < size:
        newline = data.find(b"\n", start)
        end = size if newline < 0 else newline + 1
        if end - start <= width:
            rows.append((start, end))
        else:
            _wrap(data, start, end, width, rows)
        start = end
    return rows


def _wrap(data: bytes, start: int, end: int, width: int, rows: list[tuple[int, int]]) -> None:
    """Append rows of at most `width` bytes covering data[start:end]."""
    if data[start:end].isascii():
        # Every byte is a character: plain arithmetic, no per-row inspection.
        rows.extend((row, min(row + width, end)) for row in range(start, end, width))
        return
    row = start
    while end - row > width:
        cut = row + width
        back = cut
        # Step back over continuation bytes (10xxxxxx) to the lead byte of the character.
        while back > row and back > cut - 3 and data[back] & 0xC0 == 0x80:
            back -= 1
        if back > row and data[back] >= 0xC0:
            cut = back
        rows.append((row, cut))
        row = cut
    rows.append((row, end))


_DUMP_ASCII = bytes(b if 0x20 <= b <= 0x7E else 0x2E for b in range(256))
_DUMP_HEX_WIDTH = 16 * 3  # 16 "xx" with 15 single spaces, plus one extra between the halves


def hex_dump_row(data: bytes, offset: int) -> str:
    """One `hexdump -C` style row for up to 16 bytes:

    ``00000010  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a 00 ff 41 42  |hello world...AB|``

    A short row is padded so its ASCII column starts where the full rows' does.
    """
    if len(data) > 16:
        raise ValueError("a hex dump row holds at most 16 bytes")
    hex_part = data[:8].hex(" ")
    if len(data) > 8:
        hex_part += "  " + data[8:].hex(" ")
    ascii_part = data.translate(_DUMP_ASCII).decode("ascii")
    return f"{offset:08x}  {hex_part.ljust(_DUMP_HEX_WIDTH)}  |{ascii_part}|"


def hex_dump(data: bytes, start_offset: int = 0) -> list[str]:
    """All rows for `data`; offsets count from `start_offset`. Empty data gives no rows."""
    return [hex_dump_row(data[i : i + 16], start_offset + i) for i in range(0, len(data), 16)]

"""Where a received message ends.

TCP delivers a stream of bytes, not messages: one readyRead callback may carry half a
message or three of them, depending on timing, buffer sizes and the network. A `Framer`
turns the chunks of successive read callbacks back into messages (`Frame`s) by one of
the usual rules: a delimiter, a length prefix, a pause, or the end of the connection.
Because each frame records how many reads contributed to it, the UI can show how the
stream was cut up on the way.

Pure Python, no Qt: the caller feeds it from its readyRead handler, and for IDLE_GAP
runs a single-shot timer of `spec.idle_ms`, restarted on every feed, that calls
`flush_idle()` when it fires.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

from .codecs import CodecError, encode_text, parse_hex

__all__ = ["FramingMode", "FramingSpec", "Frame", "Framer", "make_framer", "parse_delimiter"]

MIB = 1024 * 1024


class FramingMode(enum.Enum):
    RAW = "raw"
    DELIMITER = "delimiter"
    LENGTH_PREFIX = "length"
    IDLE_GAP = "idle"
    UNTIL_CLOSE = "close"

    @property
    def label(self) -> str:
        return _MODE_LABELS[self]


_MODE_LABELS = {
    FramingMode.RAW: "Per read callback",
    FramingMode.DELIMITER: "Delimiter",
    FramingMode.LENGTH_PREFIX: "Length prefix",
    FramingMode.IDLE_GAP: "Idle gap",
    FramingMode.UNTIL_CLOSE: "Until the peer closes",
}

# Names people use for control bytes in protocols ("until CR LF").
_BYTE_NAMES = {0x00: "NUL", 0x03: "ETX", 0x04: "EOT", 0x09: "TAB", 0x0A: "LF", 0x0D: "CR", 0x1B: "ESC"}


def describe_delimiter(delimiter: bytes) -> str:
    """`CR LF`, `NUL`, `'END'` or `bytes ff 00`: the delimiter as a person would name it."""
    if delimiter and all(byte in _BYTE_NAMES for byte in delimiter):
        return " ".join(_BYTE_NAMES[byte] for byte in delimiter)
    if delimiter.isascii() and all(0x20 < byte < 0x7F for byte in delimiter):
        return f"'{delimiter.decode('ascii')}'"
    return "bytes " + delimiter.hex(" ")


# Immutable records as NamedTuples, not dataclasses: the log panel in the window's first
# frame needs this module, and dataclasses would add ~2 ms to start-up (README, Performance).
class _FramingFields(NamedTuple):
    mode: FramingMode = FramingMode.RAW
    delimiter: bytes = b"\n"
    # Bytes in a length prefix: 1, 2 or 4. The length counts the payload, not the prefix.
    prefix_size: int = 2
    big_endian: bool = True
    idle_ms: int = 100
    # No frame grows beyond this; longer ones are cut, so memory stays bounded.
    max_frame: int = 16 * MIB


class FramingSpec(_FramingFields):
    """A framing rule, checked when made: a FramingSpec that exists is one a Framer can follow."""

    __slots__ = ()

    def __new__(cls, *args, **kwargs) -> FramingSpec:
        spec = super().__new__(cls, *args, **kwargs)
        if spec.mode is FramingMode.DELIMITER and not spec.delimiter:
            raise ValueError("The delimiter is empty.")
        if spec.prefix_size not in (1, 2, 4):
            raise ValueError(f"A length prefix has 1, 2 or 4 bytes, not {spec.prefix_size}.")
        if spec.idle_ms < 1:
            raise ValueError("The idle gap must be at least 1 ms.")
        if spec.max_frame < 1:
            raise ValueError("The maximum frame size must be at least 1 byte.")
        return spec

    def describe(self) -> str:
        mode = self.mode
        if mode is FramingMode.DELIMITER:
            return f"until {describe_delimiter(self.delimiter)}"
        if mode is FramingMode.LENGTH_PREFIX:
            if self.prefix_size == 1:
                return "1-byte length prefix"
            order = "big" if self.big_endian else "little"
            return f"{self.prefix_size}-byte {order}-endian length prefix"
        if mode is FramingMode.IDLE_GAP:
            return f"idle gap {self.idle_ms} ms"
        if mode is FramingMode.UNTIL_CLOSE:
            return "until the peer closes"
        return "per read callback"


class Frame(NamedTuple):
    data: bytes
    # How many read callbacks contributed bytes (a length prefix counts) to this frame.
    reads: int
    # False: flushed unfinished at disconnect, or cut at max_frame.
    complete: bool = True
    # Why the frame is incomplete, for the user.
    note: str = ""


class Framer:
    """Cuts the chunks of successive read callbacks into frames, following a FramingSpec.

    Never holds more than `spec.max_frame` bytes (plus a length prefix): a longer frame
    is emitted in pieces flagged incomplete, and framing carries on after it. Use one
    Framer per connection; finish() at disconnect returns what is left and starts afresh.
    """

    def __init__(self, spec: FramingSpec) -> None:
        self.spec = spec
        self._buffer = bytearray()
        self._reads = 0  # read callbacks that contributed to the frame in progress
        self._searched = 0  # DELIMITER: no delimiter starts before this buffer index
        self._oversize_left = 0  # LENGTH_PREFIX: payload bytes still due of a frame over max_frame
        self._oversize_total = 0
        self._cut = False  # the frame in progress continues one that was cut at max_frame
        self._feed = {
            FramingMode.RAW: self._feed_raw,
            FramingMode.DELIMITER: self._feed_delimiter,
            FramingMode.LENGTH_PREFIX: self._feed_length_prefix,
            FramingMode.IDLE_GAP: self._feed_until_event,
            FramingMode.UNTIL_CLOSE: self._feed_until_event,
        }[spec.mode]

    @property
    def pending_bytes(self) -> int:
        """Bytes received but not yet part of an emitted frame."""
        return len(self._buffer)

    def reset(self) -> None:
        self._buffer = bytearray()
        self._reads = 0
        self._searched = 0
        self._oversize_left = 0
        self._oversize_total = 0
        self._cut = False

    def feed(self, data: bytes) -> list[Frame]:
        """The bytes of one read callback; returns the frames they complete, in order."""
        if not data:
            return []
        return self._feed(data)

    def flush_idle(self) -> list[Frame]:
        """The idle timer fired: in IDLE_GAP mode what is buffered is a frame."""
        if self.spec.mode is not FramingMode.IDLE_GAP or not self._buffer:
            return []
        frame = self._take(len(self._buffer), complete=not self._cut, note=self._tail_note())
        self._cut = False
        return [frame]

    def finish(self) -> list[Frame]:
        """The connection ended: return what is left, flagged incomplete where it is, never dropped.

        For UNTIL_CLOSE and IDLE_GAP, the end of the connection is what ends the frame,
        so the rest is a complete frame (unless it follows a cut at max_frame).
        """
        mode = self.spec.mode
        frames: list[Frame] = []
        if self._buffer or self._reads:
            if mode in (FramingMode.UNTIL_CLOSE, FramingMode.IDLE_GAP):
                frames.append(self._take(len(self._buffer), complete=not self._cut, note=self._tail_note()))
            else:
                note = self._leftover_note()
                size = self.spec.prefix_size
                whole_prefix = not self._oversize_left and len(self._buffer) >= size
                if mode is FramingMode.LENGTH_PREFIX and whole_prefix:
                    del self._buffer[:size]  # payload only, like the complete frames
                frames.append(self._take(len(self._buffer), complete=False, note=note))
        self.reset()
        return frames

    # -- helpers ------------------------------------------------------------------------

    def _take(self, size: int, complete: bool, note: str = "", reads: int | None = None) -> Frame:
        """Emit the first `size` buffered bytes as a frame; the rest starts the next one."""
        buffer = self._buffer
        frame = Frame(bytes(buffer[:size]), self._reads if reads is None else reads, complete, note)
        del buffer[:size]  # cheap: bytearray drops a prefix without moving the rest
        # Whatever remains came from the read being processed (see _feed_delimiter).
        self._reads = 1 if buffer else 0
        return frame

    def _cut_note(self) -> str:
        return f"cut at {self.spec.max_frame} bytes"

    def _tail_note(self) -> str:
        return f"end of a frame cut at {self.spec.max_frame} bytes" if self._cut else ""

    def _leftover_note(self) -> str:
        mode = self.spec.mode
        pending = len(self._buffer)
        if mode is FramingMode.DELIMITER:
            return f"connection ended before the delimiter ({pending} bytes without it)"
        if mode is FramingMode.LENGTH_PREFIX:
            if self._oversize_left:
                missing = self._oversize_left - pending
                return f"connection ended {missing} bytes short of a {self._oversize_total}-byte frame"
            size = self.spec.prefix_size
            if pending < size:
                return f"connection ended inside the {size}-byte length prefix ({pending} of {size} bytes)"
            length = int.from_bytes(self._buffer[:size], "big" if self.spec.big_endian else "little")
            return f"connection ended after {pending - size} of {length} payload bytes"
        return "connection ended"

    def _cut_oversize(self, fresh: int) -> list[Frame]:
        """Memory bound for the modes that buffer without a known end; this read's bytes start at `fresh`."""
        limit = self.spec.max_frame
        frames: list[Frame] = []
        while len(self._buffer) > limit:
            # Only the first cut can lack bytes of this read: when exactly max_frame were held.
            reads = self._reads - 1 if not frames and limit <= fresh else self._reads
            frames.append(self._take(limit, complete=False, note=self._cut_note(), reads=reads))
            self._cut = True
        return frames

    # -- modes --------------------------------------------------------------------------

    def _feed_raw(self, data: bytes) -> list[Frame]:
        return [Frame(bytes(data), 1, True)]

    def _feed_until_event(self, data: bytes) -> list[Frame]:
        """IDLE_GAP and UNTIL_CLOSE: buffer until the timer or the disconnect says the frame ended."""
        fresh = len(self._buffer)
        self._buffer += data
        self._reads += 1
        return self._cut_oversize(fresh)

    def _feed_delimiter(self, data: bytes) -> list[Frame]:
        buffer = self._buffer
        delimiter = self.spec.delimiter
        width = len(delimiter)
        limit = self.spec.max_frame
        fresh = len(buffer)  # where this read's bytes begin
        buffer += data
        self._reads += 1
        frames: list[Frame] = []
        start = 0  # where the frame in progress begins; the buffer is trimmed once, at the end
        # No delimiter starts before `search`: only the new bytes, and the tail of the old
        # ones that a delimiter split across reads could start in, are scanned, so many
        # small reads of one long line cost linear, not quadratic, time.
        search = self._searched
        # Bytes left after a frame is emitted came from this read (the buffer held no
        # whole delimiter and at most max_frame bytes before it), hence `reads` restarts at 1.
        with memoryview(buffer) as view:
            while True:
                found = buffer.find(delimiter, search)
                if found >= 0 and found + width - start <= limit:
                    end = found + width
                    note = self._tail_note()
                    frames.append(Frame(bytes(view[start:end]), self._reads, not self._cut, note))
                    self._cut = False
                    search = end
                elif found >= 0 or len(buffer) - start > limit:
                    # The frame in progress is longer than max_frame: emit its first
                    # max_frame bytes and go on with the rest.
                    end = start + limit
                    reads = self._reads if end > fresh else self._reads - 1  # held exactly max_frame before
                    frames.append(Frame(bytes(view[start:end]), reads, False, self._cut_note()))
                    self._cut = True
                    search = max(end, found if found >= 0 else len(buffer) - width + 1)
                else:
                    break
                start = end
                self._reads = 1 if start < len(buffer) else 0
        del buffer[:start]  # cheap: bytearray drops a prefix without moving the rest
        self._searched = max(0, search - start, len(buffer) - width + 1)
        return frames

    def _feed_length_prefix(self, data: bytes) -> list[Frame]:
        buffer = self._buffer
        size = self.spec.prefix_size
        order = "big" if self.spec.big_endian else "little"
        limit = self.spec.max_frame
        buffer += data
        self._reads += 1
        frames: list[Frame] = []
        start = 0
        with memoryview(buffer) as view:
            while True:
                available = len(buffer) - start
                if self._oversize_left:
                    # Inside a frame longer than max_frame: pass it on in max_frame pieces.
                    piece = min(self._oversize_left, limit)
                    if available < piece:
                        break
                    self._oversize_left -= piece
                    if self._oversize_left:
                        note = self._cut_note()
                    else:
                        note = f"end of a {self._oversize_total}-byte frame cut at {limit} bytes"
                    frames.append(Frame(bytes(view[start : start + piece]), self._reads, False, note))
                    start += piece
                elif available < size:
                    break
                else:
                    length = int.from_bytes(view[start : start + size], order)
                    if length > limit:
                        # Consume the prefix now; its read stays counted in self._reads.
                        start += size
                        self._oversize_left = self._oversize_total = length
                        continue
                    if available < size + length:
                        break
                    payload = start + size
                    start = payload + length
                    frames.append(Frame(bytes(view[payload:start]), self._reads, True))
                self._reads = 1 if start < len(buffer) else 0
        del buffer[:start]
        return frames


def make_framer(spec: FramingSpec) -> Framer:
    return Framer(spec)


def parse_delimiter(text: str) -> bytes:
    r"""The delimiter a user typed, as bytes.

    The rule: text that starts with 0x (after leading spaces) is hex and read by
    `parse_hex` ("0x0d 0a", "0x0d0a", "0x00"); anything else is text with escapes read
    by `encode_text` in UTF-8 ("\r\n", "\x00", "END"). So "0d 0a" is the five literal
    characters, never guessed to be hex: write "0x0d 0a" for CR LF as hex.
    """
    if text.lstrip().startswith(("0x", "0X")):
        delimiter = parse_hex(text)
    else:
        delimiter = encode_text(text, "utf-8", escapes=True)
    if not delimiter:
        raise CodecError("The delimiter is empty: type one, like \\n or \\r\\n or 0x00.", 0)
    return delimiter

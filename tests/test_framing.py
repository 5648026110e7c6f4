"""Cutting a TCP byte stream back into messages, however the reads happened to split it."""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.codecs import CodecError
from app.framing import Frame, Framer, FramingMode, FramingSpec, make_framer, parse_delimiter

quick = settings(max_examples=120, deadline=None, database=None)


def feed_all(framer: Framer, chunks: list[bytes]) -> list[Frame]:
    frames = []
    for chunk in chunks:
        frames += framer.feed(chunk)
    return frames


def split_at(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({0, len(data), *(cut % (len(data) + 1) for cut in cuts)})
    return [data[a:b] for a, b in zip(points, points[1:])]


def shape(frames: list[Frame]) -> list[tuple[bytes, bool, str]]:
    """What must not depend on how the stream was split (reads obviously does)."""
    return [(frame.data, frame.complete, frame.note) for frame in frames]


def delimiter_reference(data: bytes, delimiter: bytes) -> tuple[list[bytes], bytes]:
    """The frames a delimiter defines, by the obvious slow method."""
    frames, start = [], 0
    while (found := data.find(delimiter, start)) >= 0:
        frames.append(data[start : found + len(delimiter)])
        start = found + len(delimiter)
    return frames, data[start:]


def with_length_prefix(payloads: list[bytes], size: int, big_endian: bool) -> bytes:
    order = "big" if big_endian else "little"
    return b"".join(len(payload).to_bytes(size, order) + payload for payload in payloads)


# Small alphabets so that delimiters actually occur in random data.
stream_bytes = st.binary(max_size=300).map(lambda data: bytes(b % 4 + 0x61 for b in data))
delimiters = st.sampled_from([b"a", b"ab", b"aab", b"aa", b"abcd", b"\r\n"])
cut_lists = st.lists(st.integers(0, 10_000), max_size=30)

# ---------------------------------------------------------------------------------------
# Spec, modes and descriptions
# ---------------------------------------------------------------------------------------


def test_modes_have_short_ids_and_labels():
    assert [mode.value for mode in FramingMode] == ["raw", "delimiter", "length", "idle", "close"]
    assert FramingMode.RAW.label == "Per read callback"
    assert all(mode.label for mode in FramingMode)


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        (FramingSpec(FramingMode.DELIMITER), "until LF"),
        (FramingSpec(FramingMode.DELIMITER, delimiter=b"\r\n"), "until CR LF"),
        (FramingSpec(FramingMode.DELIMITER, delimiter=b"\x00"), "until NUL"),
        (FramingSpec(FramingMode.DELIMITER, delimiter=b"END"), "until 'END'"),
        (FramingSpec(FramingMode.DELIMITER, delimiter=b"\xff\x00"), "until bytes ff 00"),
        (FramingSpec(FramingMode.LENGTH_PREFIX), "2-byte big-endian length prefix"),
        (
            FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=4, big_endian=False),
            "4-byte little-endian length prefix",
        ),
        (FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=1), "1-byte length prefix"),
        (FramingSpec(FramingMode.IDLE_GAP), "idle gap 100 ms"),
        (FramingSpec(FramingMode.UNTIL_CLOSE), "until the peer closes"),
        (FramingSpec(FramingMode.RAW), "per read callback"),
    ],
)
def test_describe(spec, text):
    assert spec.describe() == text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"mode": FramingMode.DELIMITER, "delimiter": b""},
        {"mode": FramingMode.LENGTH_PREFIX, "prefix_size": 3},
        {"mode": FramingMode.IDLE_GAP, "idle_ms": 0},
        {"mode": FramingMode.RAW, "max_frame": 0},
    ],
)
def test_invalid_specs_are_refused(kwargs):
    with pytest.raises(ValueError):
        FramingSpec(**kwargs)


def test_spec_defaults():
    spec = FramingSpec(FramingMode.DELIMITER)
    assert (spec.delimiter, spec.prefix_size, spec.big_endian, spec.idle_ms, spec.max_frame) == (
        b"\n",
        2,
        True,
        100,
        16 * 1024 * 1024,
    )


# ---------------------------------------------------------------------------------------
# RAW
# ---------------------------------------------------------------------------------------


def test_raw_gives_one_frame_per_read():
    framer = make_framer(FramingSpec(FramingMode.RAW))
    assert framer.feed(b"abc") == [Frame(b"abc", 1, True)]
    assert framer.feed(b"") == []
    assert framer.feed(b"\n\n") == [Frame(b"\n\n", 1, True)]
    assert framer.pending_bytes == 0
    assert framer.finish() == []
    assert framer.flush_idle() == []


# ---------------------------------------------------------------------------------------
# DELIMITER
# ---------------------------------------------------------------------------------------


def test_delimiter_split_across_reads_is_found_and_reads_are_counted():
    framer = make_framer(FramingSpec(FramingMode.DELIMITER, delimiter=b"\r\n"))
    assert framer.feed(b"HELLO wor") == []
    assert framer.feed(b"ld\r") == []
    assert framer.pending_bytes == 12
    assert framer.feed(b"\nOK\r\nNEXT") == [Frame(b"HELLO world\r\n", 3, True), Frame(b"OK\r\n", 1, True)]
    assert framer.feed(b" one\r\n") == [Frame(b"NEXT one\r\n", 2, True)]
    assert framer.pending_bytes == 0
    assert framer.finish() == []


def test_one_read_can_hold_many_frames():
    framer = make_framer(FramingSpec(FramingMode.DELIMITER))
    frames = framer.feed(b"a\nbb\n\nccc\nrest")
    assert [frame.data for frame in frames] == [b"a\n", b"bb\n", b"\n", b"ccc\n"]
    assert all(frame.reads == 1 and frame.complete for frame in frames)
    assert framer.pending_bytes == 4


def test_finish_returns_the_leftover_flagged_incomplete():
    framer = make_framer(FramingSpec(FramingMode.DELIMITER))
    framer.feed(b"line\nhalf a ")
    framer.feed(b"line")
    (leftover,) = framer.finish()
    assert leftover.data == b"half a line"
    assert leftover.reads == 2
    assert not leftover.complete
    assert "before the delimiter" in leftover.note
    assert framer.pending_bytes == 0
    assert framer.finish() == []  # finish() starts afresh: nothing is reported twice
    assert framer.feed(b"next\n") == [Frame(b"next\n", 1, True)]


@quick
@given(stream_bytes, delimiters, cut_lists)
def test_delimiter_frames_do_not_depend_on_read_boundaries(data, delimiter, cuts):
    spec = FramingSpec(FramingMode.DELIMITER, delimiter=delimiter)
    whole = make_framer(spec)
    one_read = whole.feed(data) + whole.finish()
    split = make_framer(spec)
    many_reads = feed_all(split, split_at(data, cuts)) + split.finish()
    assert shape(many_reads) == shape(one_read)

    expected, rest = delimiter_reference(data, delimiter)
    complete = [frame.data for frame in one_read if frame.complete]
    assert complete == expected
    assert [frame.data for frame in one_read if not frame.complete] == ([rest] if rest else [])
    assert all(frame.reads >= 1 for frame in many_reads)


@quick
@given(stream_bytes, delimiters, st.integers(1, 12), cut_lists)
def test_frames_over_max_frame_are_cut_the_same_way_for_any_reads(data, delimiter, max_frame, cuts):
    spec = FramingSpec(FramingMode.DELIMITER, delimiter=delimiter, max_frame=max_frame)
    whole = make_framer(spec)
    one_read = whole.feed(data) + whole.finish()
    split = make_framer(spec)
    many_reads = []
    for chunk in split_at(data, cuts):
        many_reads += split.feed(chunk)
        assert split.pending_bytes <= max_frame
    many_reads += split.finish()
    assert shape(many_reads) == shape(one_read)
    assert b"".join(frame.data for frame in one_read) == data  # nothing lost, nothing doubled
    assert all(len(frame.data) <= max_frame for frame in one_read)
    for frame in one_read:
        if frame.complete:
            assert frame.data.endswith(delimiter)


def test_cut_frame_notes():
    framer = make_framer(FramingSpec(FramingMode.DELIMITER, max_frame=4))
    frames = framer.feed(b"0123456789\nok\n")
    assert shape(frames) == [
        (b"0123", False, "cut at 4 bytes"),
        (b"4567", False, "cut at 4 bytes"),
        (b"89\n", False, "end of a frame cut at 4 bytes"),
        (b"ok\n", True, ""),
    ]


def test_a_huge_stream_without_delimiter_stays_within_max_frame():
    max_frame = 1024 * 1024
    framer = make_framer(FramingSpec(FramingMode.DELIMITER, max_frame=max_frame))
    chunk = b"x" * 65536
    emitted = 0
    for _ in range(1024):  # 64 MiB
        for frame in framer.feed(chunk):
            assert len(frame.data) == max_frame and not frame.complete
            assert frame.note == f"cut at {max_frame} bytes"
            assert frame.reads == 16
            emitted += len(frame.data)
        assert framer.pending_bytes <= max_frame
    assert emitted + framer.pending_bytes == 64 * 1024 * 1024


def test_many_small_reads_of_one_long_line_take_linear_time():
    framer = make_framer(FramingSpec(FramingMode.DELIMITER, delimiter=b"\r\n"))
    for _ in range(100_000):
        assert framer.feed(b"0123456789") == []
    (frame,) = framer.feed(b"\r\n")
    assert len(frame.data) == 1_000_002 and frame.reads == 100_001


def test_one_big_read_with_many_frames_is_quick():
    framer = make_framer(FramingSpec(FramingMode.DELIMITER))
    frames = framer.feed(b"line of text\n" * 100_000)
    assert len(frames) == 100_000 and frames[-1] == Frame(b"line of text\n", 1, True)


# ---------------------------------------------------------------------------------------
# LENGTH_PREFIX
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "big_endian"), [(1, True), (2, True), (2, False), (4, True), (4, False)])
def test_length_prefix_with_header_split_across_reads(size, big_endian):
    spec = FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=size, big_endian=big_endian)
    stream = with_length_prefix([b"hello", b"", b"x" * 200], size, big_endian)
    framer = make_framer(spec)
    frames = feed_all(framer, [bytes([byte]) for byte in stream])  # one byte per read
    assert [frame.data for frame in frames] == [b"hello", b"", b"x" * 200]
    assert [frame.reads for frame in frames] == [size + 5, size, size + 200]
    assert all(frame.complete for frame in frames)
    assert framer.pending_bytes == 0


def test_length_prefix_byte_order_matters():
    little = FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=2, big_endian=False)
    assert make_framer(little).feed(b"\x03\x00abc") == [Frame(b"abc", 1, True)]
    big = make_framer(FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=2))
    assert big.feed(b"\x03\x00abc") == []
    assert big.pending_bytes == 5


@quick
@given(
    st.lists(st.binary(max_size=40), max_size=12),
    st.sampled_from([1, 2, 4]),
    st.booleans(),
    cut_lists,
)
def test_length_prefixed_messages_come_back_whatever_the_reads(payloads, size, big_endian, cuts):
    spec = FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=size, big_endian=big_endian)
    stream = with_length_prefix(payloads, size, big_endian)
    whole = make_framer(spec)
    one_read = whole.feed(stream)
    split = make_framer(spec)
    many_reads = feed_all(split, split_at(stream, cuts))
    assert [frame.data for frame in one_read] == payloads
    assert shape(many_reads) == shape(one_read)
    assert all(frame.complete and frame.reads >= 1 for frame in many_reads)
    assert whole.finish() == [] and split.finish() == []


@pytest.mark.parametrize(
    ("chunks", "data", "note"),
    [
        ([b"\x00"], b"\x00", "inside the 2-byte length prefix (1 of 2 bytes)"),
        ([b"\x00\x05", b"he"], b"he", "after 2 of 5 payload bytes"),
    ],
)
def test_length_prefix_leftover_at_disconnect(chunks, data, note):
    framer = make_framer(FramingSpec(FramingMode.LENGTH_PREFIX))
    assert feed_all(framer, chunks) == []
    (leftover,) = framer.finish()
    assert (leftover.data, leftover.reads, leftover.complete) == (data, len(chunks), False)
    assert note in leftover.note


@quick
@given(
    st.lists(st.binary(max_size=30), max_size=8),
    st.integers(1, 10),
    cut_lists,
)
def test_length_prefix_frames_over_max_frame_come_in_pieces(payloads, max_frame, cuts):
    spec = FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=1, max_frame=max_frame)
    stream = with_length_prefix(payloads, 1, True)
    whole = make_framer(spec)
    one_read = whole.feed(stream)
    split = make_framer(spec)
    many_reads = []
    for chunk in split_at(stream, cuts):
        many_reads += split.feed(chunk)
        assert split.pending_bytes <= max_frame + 1
    assert shape(many_reads) == shape(one_read)
    assert b"".join(frame.data for frame in one_read) == b"".join(payloads)
    assert all(len(frame.data) <= max_frame for frame in one_read)
    short_enough = [payload for payload in payloads if len(payload) <= max_frame]
    assert [frame.data for frame in one_read if frame.complete] == short_enough


def test_oversized_length_prefix_notes_and_leftover():
    framer = make_framer(FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=1, max_frame=4))
    frames = framer.feed(b"\x0a0123456789\x01z\x09ab")
    assert shape(frames) == [
        (b"0123", False, "cut at 4 bytes"),
        (b"4567", False, "cut at 4 bytes"),
        (b"89", False, "end of a 10-byte frame cut at 4 bytes"),
        (b"z", True, ""),
    ]
    (leftover,) = framer.finish()
    assert (leftover.data, leftover.complete) == (b"ab", False)
    assert "7 bytes short of a 9-byte frame" in leftover.note


# ---------------------------------------------------------------------------------------
# IDLE_GAP and UNTIL_CLOSE
# ---------------------------------------------------------------------------------------


def test_idle_gap_emits_on_flush():
    framer = make_framer(FramingSpec(FramingMode.IDLE_GAP, idle_ms=50))
    assert framer.feed(b"partial ") == []
    assert framer.feed(b"answer") == []
    assert framer.pending_bytes == 14
    assert framer.flush_idle() == [Frame(b"partial answer", 2, True)]
    assert framer.flush_idle() == []
    framer.feed(b"last")
    assert framer.finish() == [Frame(b"last", 1, True)]  # the close ends it like a gap


def test_flush_idle_does_nothing_in_other_modes():
    framer = make_framer(FramingSpec(FramingMode.DELIMITER))
    framer.feed(b"abc")
    assert framer.flush_idle() == []
    assert framer.pending_bytes == 3


def test_until_close_is_one_frame_of_the_whole_stream():
    framer = make_framer(FramingSpec(FramingMode.UNTIL_CLOSE))
    assert feed_all(framer, [b"HTTP/1.0 200 OK\r\n", b"\r\n", b"body"]) == []
    assert framer.finish() == [Frame(b"HTTP/1.0 200 OK\r\n\r\nbody", 3, True)]


@quick
@given(st.binary(max_size=100), st.integers(1, 16), cut_lists)
def test_until_close_is_bounded_by_max_frame(data, max_frame, cuts):
    framer = make_framer(FramingSpec(FramingMode.UNTIL_CLOSE, max_frame=max_frame))
    frames = []
    for chunk in split_at(data, cuts):
        frames += framer.feed(chunk)
        assert framer.pending_bytes <= max_frame
    frames += framer.finish()
    assert b"".join(frame.data for frame in frames) == data
    assert all(len(frame.data) <= max_frame for frame in frames)
    if len(data) > max_frame:
        assert not any(frame.complete for frame in frames)
    elif data:
        assert frames == [Frame(data, frames[0].reads, True)]


def test_reset_drops_the_frame_in_progress():
    framer = make_framer(FramingSpec(FramingMode.DELIMITER))
    framer.feed(b"stale")
    framer.reset()
    assert framer.pending_bytes == 0
    assert framer.feed(b"fresh\n") == [Frame(b"fresh\n", 1, True)]


# ---------------------------------------------------------------------------------------
# parse_delimiter
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"\n", b"\n"),
        (r"\r\n", b"\r\n"),
        (r"\x00", b"\x00"),
        ("END", b"END"),
        (" ", b" "),
        ("0x0d 0a", b"\r\n"),
        ("0X0D0A", b"\r\n"),
        (" 0x00", b"\x00"),
        ("0d 0a", b"0d 0a"),  # hex only with 0x: no guessing
    ],
)
def test_parse_delimiter(text, expected):
    assert parse_delimiter(text) == expected


@pytest.mark.parametrize(("text", "position"), [("", 0), (r"\q", 0), ("0x0d 0", 5), ("ab\\", 2)])
def test_parse_delimiter_errors(text, position):
    with pytest.raises(CodecError) as caught:
        parse_delimiter(text)
    assert caught.value.position == position

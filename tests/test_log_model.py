"""The log model: rendering of bytes, display modes, the row cap and the flood budget."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt

from app.events import Direction, EventClock, EventKind
from app.log_feed import LogFeed
from app.framing import FramingMode, FramingSpec
from app.log_model import ROW_BUDGET, TEXT_WIDTH, DisplayMode, LogModel

clock = EventClock()


def incoming(data: bytes):
    return clock.make(EventKind.READY_READ, data=data, count=len(data), direction=Direction.IN)


def outgoing(data: bytes):
    return clock.make(EventKind.CALL, f"write(): {len(data)} bytes", data=data, count=len(data),
                      direction=Direction.OUT)


def texts(model: LogModel) -> list[str]:
    model.flush()
    return [model.data(model.index(i), Qt.ItemDataRole.DisplayRole) for i in range(model.rowCount())]


@pytest.fixture
def model(qtbot):
    return LogModel()


def test_event_lines_read_like_the_issue_examples(model):
    model.append_event(clock.make(EventKind.STATE, "Unconnected → HostLookup",
                                  extra={"old": "Unconnected", "new": "HostLookup"}))
    model.append_event(clock.make(EventKind.BYTES_WRITTEN, count=5))
    model.append_event(incoming(b"hello"))
    model.append_event(clock.make(EventKind.ERROR, "ConnectionRefusedError — Connection refused"))
    lines = texts(model)
    assert lines[0].endswith("state: HostLookup") and " ms " in lines[0]
    assert lines[1].endswith("bytesWritten: 5 bytes")
    assert "←  readyRead: 5 bytes  hello" in lines[2]
    assert "error: ConnectionRefusedError — Connection refused" in lines[3]


def test_direction_is_visible_as_arrow_and_colour(model):
    model.append_event(outgoing(b"ping"))
    model.append_event(incoming(b"pong"))
    model.flush()
    out_row, in_row = model.index(0), model.index(1)
    assert "→" in model.data(out_row) and "←" in model.data(in_row)
    out_colour = model.data(out_row, Qt.ItemDataRole.ForegroundRole)
    in_colour = model.data(in_row, Qt.ItemDataRole.ForegroundRole)
    assert out_colour != in_colour


def test_html_and_control_bytes_are_shown_literally(model):
    model.append_event(incoming(b"<b>bold</b>\x00\x1b[31m\r\n\t\xff"))
    first, second = texts(model)  # a row ends after each LF
    line = first + second
    assert "<b>bold</b>" in line
    assert "\\0\\x1b[31m\\r\\n" in first and "\\t\\xff" in second
    assert not [ch for ch in line if unicodedata.category(ch) in ("Cc", "Cf")]


def test_a_1mb_line_without_newlines_becomes_bounded_rows(model):
    model.append_event(incoming(b"A" * 1_000_000))
    lines = texts(model)
    assert len(lines) == -(-1_000_000 // TEXT_WIDTH)
    assert max(len(line) for line in lines) < TEXT_WIDTH + 80


def test_display_mode_rerenders_stored_bytes(model):
    model.append_event(incoming(bytes(range(40))))
    assert len(texts(model)) == 2  # the LF (0x0a) ends the first text row
    model.set_display_mode(DisplayMode.HEX)
    hex_lines = texts(model)
    assert len(hex_lines) == 1 + 3  # header + 40 bytes in rows of 16
    assert "00000010  10 11 12 13" in hex_lines[2]
    model.set_display_mode(DisplayMode.TEXT_AND_HEX)
    assert len(texts(model)) == 2 + 3
    model.set_display_mode(DisplayMode.TEXT)
    assert len(texts(model)) == 2


def test_row_cap_drops_old_rows_and_counts_them(model):
    model.set_max_rows(100)
    for i in range(250):
        model.append_event(clock.make(EventKind.NOTE, f"line {i}"))
        if i % 50 == 49:
            model.flush()
    lines = texts(model)
    assert len(lines) == 100
    assert lines[-1].endswith("line 249") and lines[0].endswith("line 150")
    assert model.dropped_rows == 150


def test_a_flood_is_coalesced_within_the_row_budget(model):
    for i in range(ROW_BUDGET * 3):
        model.append_event(incoming(b"x%d" % i))
    lines = texts(model)
    assert len(lines) <= ROW_BUDGET + 1
    assert "arrived faster than the log can show" in lines[0]
    assert lines[-1].endswith(f"x{ROW_BUDGET * 3 - 1}")
    assert model.skipped_entries == ROW_BUDGET * 2


def test_hex_rows_are_bounded_for_a_huge_chunk(model):
    model.set_display_mode(DisplayMode.HEX)
    model.append_event(incoming(bytes(1024 * 1024)))
    lines = texts(model)
    assert len(lines) <= ROW_BUDGET
    assert all(len(line) < 100 for line in lines[1:])


def test_find_and_clear(model):
    for word in ("alpha", "beta", "gamma"):
        model.append_event(incoming(word.encode()))
    model.flush()
    assert model.find("GAMMA") == 2
    assert model.find("beta", 2, backwards=True) == 1
    assert model.find("delta") == -1
    model.clear()
    assert model.rowCount() == 0


@pytest.mark.parametrize(("spec", "chunks", "expected"), [
    (FramingSpec(FramingMode.DELIMITER, delimiter=b"\n"), [b"he", b"llo\nwor", b"ld\n"],
     ["message: 6 bytes in 2 reads", "message: 6 bytes in 2 reads"]),
    (FramingSpec(FramingMode.LENGTH_PREFIX, prefix_size=2), [b"\x00\x03a", b"bc"],
     ["message: 3 bytes in 2 reads"]),
])
def test_feed_reassembles_messages_with_read_counts(model, spec, chunks, expected):
    feed = LogFeed(model)
    feed.set_framing(spec)
    for chunk in chunks:
        feed.on_event(incoming(chunk))
    messages = [line for line in texts(model) if "message:" in line]
    assert [m.split("←  ")[1].split("  ")[0] for m in messages] == expected


def test_incomplete_data_at_disconnect_is_flagged_not_dropped(model):
    feed = LogFeed(model)
    feed.set_framing(FramingSpec(FramingMode.DELIMITER, delimiter=b"\n"))
    feed.on_event(incoming(b"partial"))
    feed.on_event(clock.make(EventKind.DISCONNECTED))
    lines = texts(model)
    flagged = [line for line in lines if "message: 7 bytes" in line]
    assert flagged and "[incomplete: connection ended" in flagged[0] and "partial" in flagged[0]


def test_a_busy_log_flushes_less_often_and_a_calm_one_at_once_again(model):
    from app.log_model import BUSY_FLUSH_MS, BUSY_ROWS, FLUSH_MS

    for i in range(BUSY_ROWS + 1):  # one-row records, more than a person reads per flush
        model.append_event(clock.make(EventKind.BYTES_WRITTEN, count=i))
    model.flush()
    assert model.rowCount() == BUSY_ROWS + 1  # nothing skipped: only the pace changes
    assert model._flush_timer.interval() == BUSY_FLUSH_MS > FLUSH_MS
    model.append_event(clock.make(EventKind.BYTES_WRITTEN, count=1))
    model.flush()
    assert model._flush_timer.interval() == FLUSH_MS


def test_a_flood_skips_traffic_but_lets_states_errors_and_notes_through(model):
    model.append_event(clock.make(EventKind.NOTE, "sending file big.bin: 3 bytes"))
    for i in range(ROW_BUDGET * 3):
        model.append_event(incoming(b"x%d" % i))
        if i == ROW_BUDGET // 2:
            model.append_event(clock.make(EventKind.ERROR, "SomeError — in the middle of it"))
    model.append_event(clock.make(EventKind.STATE, "Connected → Closing", extra={"old": "Connected", "new": "Closing"}))
    lines = texts(model)
    assert "sending file big.bin" in lines[0]
    assert "SomeError — in the middle of it" in lines[1]
    assert "arrived faster than the log can show" in lines[2]
    assert lines[-1].endswith("Closing") and lines[-2].endswith(f"x{ROW_BUDGET * 3 - 1}")
    # Only traffic is skipped: the newest row budget holds the state and ROW_BUDGET - 1 reads.
    assert model.skipped_entries == ROW_BUDGET * 3 - (ROW_BUDGET - 1)


def test_what_passes_a_flood_is_bounded_too(model):
    from app.log_model import KEPT_THROUGH_FLOOD

    for i in range(ROW_BUDGET * 3):
        model.append_event(incoming(b"x%d" % i))
        model.append_event(clock.make(EventKind.NOTE, f"note {i}"))
    lines = texts(model)
    assert len(lines) <= ROW_BUDGET + 1 + KEPT_THROUGH_FLOOD
    assert lines[0].endswith("note 0") and lines[KEPT_THROUGH_FLOOD - 1].endswith(f"note {KEPT_THROUGH_FLOOD - 1}")
    assert "arrived faster than the log can show" in lines[KEPT_THROUGH_FLOOD]

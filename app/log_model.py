"""The log: a bounded, coalesced, lazily rendered list model of session records.

Why it looks like this (measured, see README "Performance"): appending each chunk to a text
widget costs ~20 µs a line plus layout, and freezes the window at loopback rates. Here:

* `append()` only queues the record (O(1), no rendering) — it runs on the receive path;
* a timer flushes the queue at most every `FLUSH_MS`; a flush turns at most `ROW_BUDGET`
  rows' worth of the newest records into rows and counts the rest as skipped, so a flood
  can never make one repaint unbounded;
* a row is a small tuple pointing into its record's bytes; its text is rendered only when the
  view asks for it (only visible rows are painted, the view has uniform row heights);
* at most `max_rows` rows are kept; older ones drop off and are counted;
* the queue holds at most about twice what the next flush could show: older records are
  counted as skipped as they arrive, so memory does not grow with the data rate;
* while a flood lasts (the previous flush had to skip or cut), flushes come every
  `FLOOD_FLUSH_MS` and show the newest `FLOOD_ROW_BUDGET` rows, so the log costs a small,
  fixed share of the event loop however fast the data comes;
* the row count lives in C++ (see `LogModel`), because QListView asks for it once per row
  every time it lays out, which it does after every insert.

Byte counters live in the session and captures keep every byte: the log is a window, not a store.
"""

from __future__ import annotations

import enum
import time
from collections import deque
from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor

from .codecs import hex_dump_row, split_text_lines, visible_text
from .events import Direction, EventKind, SessionEvent

FLUSH_MS = 40
ROW_BUDGET = 20_000  # rows a single flush may add; past that the oldest queued records are skipped
# Past this many rows a flush, nobody reads them line by line (~12 000 a second): flush less
# often, so that a stream of small round trips meets fewer flush-and-repaint pauses.
BUSY_ROWS = 500
BUSY_FLUSH_MS = 100
# While records keep coming faster than the log can show them: a calmer pace, fewer rows.
FLOOD_FLUSH_MS = 200
FLOOD_ROW_BUDGET = 2_000
FLOOD_MEMORY_NS = 500_000_000  # a flush this long after the last cut one starts afresh
# Records that are not traffic (states, errors, notes, calls without data) pass through a flood
# instead of being skipped with the data around them: at most this many per flush.
KEPT_THROUGH_FLOOD = 200
MAX_ENTRY_BYTES = 1024 * 1024  # bytes of one message kept for display; the rest is counted
TEXT_WIDTH = 160  # bytes per text row: a 1 MB line becomes rows, never one unbounded line
HEX_WIDTH = 16

DirectionRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2


class DisplayMode(enum.Enum):
    TEXT = "Text"
    HEX = "Hex"
    TEXT_AND_HEX = "Text + Hex"


class TimeMode(enum.Enum):
    RELATIVE = "relative"
    WALL = "wall"


class LogEntry(NamedTuple):
    """One logged thing: an event line, or a message of data with its header. Immutable; a
    NamedTuple, not a dataclass, for start-up time (see app/events.py SessionEvent)."""

    kind: EventKind
    elapsed_ns: int
    wall_time: float
    text: str  # the header: "bytesWritten: 5 bytes"; "" = describe `event` when painted
    direction: Direction = Direction.NONE
    data: bytes = b""
    total_bytes: int = 0  # the whole message; data may hold only the first MAX_ENTRY_BYTES
    flagged: str = ""  # why a message is incomplete or cut
    peer: str = ""
    event: SessionEvent | None = None


# Row kinds: the header line of an entry, a text continuation line, a hex dump line.
_HEADER, _TEXT, _HEX = 0, 1, 2

_ARROWS = {Direction.OUT: "→", Direction.IN: "←", Direction.NONE: " "}


def describe_event(event: SessionEvent) -> str:
    """The log's words for one record, e.g. `state: HostLookup`, `connected to 127.0.0.1:7000`."""
    kind = event.kind
    if kind is EventKind.STATE:
        return f"state: {event.extra.get('new', event.detail)}"
    if kind is EventKind.CONNECTED:
        return event.detail or "connected"
    if kind is EventKind.BYTES_WRITTEN:
        return f"bytesWritten: {event.count} bytes"
    if kind is EventKind.READY_READ:
        if event.data:
            return f"readyRead: {len(event.data)} bytes"
        return f"readyRead: {event.count} bytes available — {event.detail}" if event.detail else "readyRead"
    if kind is EventKind.ERROR:
        return f"error: {event.detail}"
    if kind is EventKind.CALL:
        if event.direction is Direction.OUT:
            return f"sent {len(event.data)} bytes"
        return event.detail
    if kind is EventKind.DISCONNECTED:
        return "disconnected"
    if kind is EventKind.HOST_FOUND:
        return "hostFound"
    if kind is EventKind.READ_CHANNEL_FINISHED:
        return "readChannelFinished: the peer closed its side"
    if kind is EventKind.NOTE:
        return event.detail
    return f"{kind.value}: {event.detail}" if event.detail else kind.value


def trace_name(event: SessionEvent) -> str:
    """A record as the Qt signal or method that produced it: `stateChanged(Connecting → Connected)`."""
    kind = event.kind
    if kind is EventKind.CALL:
        name = event.detail.split(":")[0] if event.direction is Direction.OUT else event.detail
        return f"▶ {name}" + (f"  ({len(event.data)} bytes)" if event.data else "")
    if kind is EventKind.STATE:
        return f"stateChanged({event.detail})"
    if kind is EventKind.BYTES_WRITTEN:
        return f"bytesWritten({event.count})"
    if kind is EventKind.READY_READ:
        read = f", read {len(event.data)}" if event.data else f" — {event.detail}"
        return f"readyRead (bytesAvailable={event.count}{read})"
    if kind is EventKind.ERROR:
        return f"errorOccurred({event.extra.get('name', event.detail)})"
    if kind is EventKind.NOTE:
        return f"· {event.detail}"
    return f"{kind.value}" + (f"  {event.detail}" if event.detail else "")


def entry_from_event(event: SessionEvent) -> LogEntry:
    data = event.data
    return LogEntry(
        event.kind, event.elapsed_ns, event.wall_time, "", event.direction,
        data[:MAX_ENTRY_BYTES] if len(data) > MAX_ENTRY_BYTES else data, len(data),
        peer=event.peer, event=event,
    )


def format_elapsed(elapsed_ns: int) -> str:
    return f"+{elapsed_ns / 1e6:.3f} ms"


def format_wall(wall_time: float) -> str:
    seconds = int(wall_time)
    return time.strftime("%H:%M:%S", time.localtime(seconds)) + f".{int((wall_time - seconds) * 1000):03d}"


def _is_traffic(item: SessionEvent | LogEntry) -> bool:
    """Data and its callbacks (reads, writes, bytesWritten): what a flood is made of."""
    return bool(item.data) or item.kind is EventKind.BYTES_WRITTEN or item.kind is EventKind.READY_READ


def _least_rows(data: bytes) -> int:
    """The fewest rows a message of `data` can take in any display mode (text rows hold at most
    TEXT_WIDTH bytes, hex rows fewer): what the queue may safely count against the budget."""
    n = len(data)
    if n <= TEXT_WIDTH:
        return 1
    return (min(n, MAX_ENTRY_BYTES) + TEXT_WIDTH - 1) // TEXT_WIDTH


class LogModel(QStringListModel):
    """A list model whose rows are tuples in `_rows`, rendered in `data()`.

    Why a QStringListModel: views ask `rowCount()` and `index()` far more often than `data()`
    (a QListView's layout asked once or twice per row after every insert: ~1 µs a row in
    Python, 110 ms per flush at 100 000 rows). Here the C++ string list (kept as long as
    `_rows`, every string empty) answers those; only `data()` and `flags()` run in Python, for
    the rows on screen. The view (ui.log_panel.LogView) is a one-column table, which does not
    lay rows out at all.
    """

    rows_dropped = Signal(int)  # total rows dropped so far (cap or flood)
    flushed = Signal()  # rows were added: the view may scroll

    def __init__(self, parent: QObject | None = None, *, max_rows: int = 100_000) -> None:
        super().__init__(parent)
        self.max_rows = max_rows
        self.display_mode = DisplayMode.TEXT
        self.time_mode = TimeMode.RELATIVE
        self.paused = False
        self.show_peers = False
        self.trace = False
        self.explain_hook = None
        self.dropped_rows = 0
        self.skipped_entries = 0
        self.skipped_bytes = 0
        self._entries: deque[LogEntry] = deque()
        self._rows: list[tuple] = []
        self._queue: deque = deque()  # SessionEvents or LogEntries not yet turned into rows
        self._queued_rows = 0  # at least this many rows wait in the queue (see _least_rows)
        # Records that arrived while the queue already held more than a flush can show.
        self._early_skipped = 0
        self._early_skipped_bytes = 0
        self._early_skipped_ns = 0
        self._kept_through_flood: list = []  # older records a flood did not skip (_is_traffic)
        self._last_cut_flush_ns = -FLOOD_MEMORY_NS
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush_when_due)
        self._flush_due = False  # the timer runs: a Python flag, cheaper than isActive() per record
        # Connected before any view: our rows follow the C++ list before views hear of it.
        self.rowsRemoved.connect(self._forget_removed_rows)
        self.colours = {
            Direction.OUT: QColor("#1f6fd1"),
            Direction.IN: QColor("#1b8a3a"),
            "error": QColor("#c62828"),
            "note": QColor("#8a6d00"),
        }

    # ---------------------------------------------------------------- feeding
    def append_event(self, event: SessionEvent) -> None:
        """Queue a record; rows appear at the next flush. Cheap: runs on the receive path."""
        data = event.data
        if self.paused and event.direction is not Direction.NONE:
            return  # paused: data is counted elsewhere, not shown
        self._queue.append(event)
        self._queued_rows += 1 if len(data) <= TEXT_WIDTH else _least_rows(data)
        if self._queued_rows > 2 * ROW_BUDGET:  # trimmed now and then, not on every append
            self._skip_what_cannot_be_shown()
        if not self._flush_due:
            self._flush_due = True
            self._flush_timer.start()

    def append_entry(self, entry: LogEntry) -> None:
        self._queue.append(entry)
        self._queued_rows += _least_rows(entry.data)
        if self._queued_rows > 2 * ROW_BUDGET:  # trimmed now and then, not on every append
            self._skip_what_cannot_be_shown()
        if not self._flush_due:
            self._flush_due = True
            self._flush_timer.start()

    def _skip_what_cannot_be_shown(self) -> None:
        """Count as skipped the oldest queued records that no flush could reach: the newer
        ones already fill ROW_BUDGET. Exactly what flush() would skip, only earlier."""
        queue = self._queue
        while len(queue) > 1:
            oldest_rows = _least_rows(queue[0].data)
            if self._queued_rows - oldest_rows < ROW_BUDGET:
                break
            oldest = queue.popleft()
            self._queued_rows -= oldest_rows
            if self._let_through(oldest):
                continue
            if not self._early_skipped:
                self._early_skipped_ns = oldest.elapsed_ns
            self._early_skipped += 1
            self._early_skipped_bytes += len(oldest.data)

    def _let_through(self, item: SessionEvent | LogEntry) -> bool:
        """Keep a record the flood budget leaves out, if it is not traffic and there is room."""
        if _is_traffic(item) or len(self._kept_through_flood) >= KEPT_THROUGH_FLOOD:
            return False
        self._kept_through_flood.append(item)
        return True

    def note(self, text: str, *, elapsed_ns: int = 0, colour_kind: EventKind = EventKind.NOTE) -> None:
        self.append_entry(LogEntry(colour_kind, elapsed_ns, time.time(), text))

    def _flush_when_due(self) -> None:
        self._flush_due = False
        self.flush()

    def flush(self) -> None:
        """Turn queued records into rows, newest first within the row budget."""
        queue = self._queue
        if not queue:
            return
        self._queue = deque()
        self._queued_rows = 0
        now_ns = time.perf_counter_ns()
        flooding = now_ns - self._last_cut_flush_ns < FLOOD_MEMORY_NS
        budget = FLOOD_ROW_BUDGET if flooding else ROW_BUDGET
        kept: list[LogEntry] = []
        new_rows: list[list[tuple]] = []
        cut = False
        while queue and budget > 0:
            item = queue.pop()
            entry = item if isinstance(item, LogEntry) else entry_from_event(item)
            rows = self._rows_for(entry, budget)
            cut = cut or len(rows) >= budget  # this message filled (or overflowed) what was left
            budget -= len(rows)
            kept.append(entry)
            new_rows.append(rows)
        # What the budget left out: traffic is counted as skipped, other records pass.
        skipped_items = [item for item in queue if not self._let_through(item)]
        through = self._kept_through_flood
        self._kept_through_flood = []
        skipped = self._early_skipped + len(skipped_items)
        if skipped:
            skipped_bytes = self._early_skipped_bytes + sum(len(i.data) for i in skipped_items)
            first_ns = self._early_skipped_ns if self._early_skipped else skipped_items[0].elapsed_ns
            self._early_skipped = self._early_skipped_bytes = 0
            self.skipped_entries += skipped
            self.skipped_bytes += skipped_bytes
            note = LogEntry(EventKind.NOTE, first_ns, time.time(),
                            f"⋯ {skipped} records ({skipped_bytes} bytes) arrived faster than the log "
                            "can show; counters and Record keep every byte")
            kept.append(note)
            new_rows.append(self._rows_for(note))
        # Oldest first once reversed below: the records that passed, the note, the newest.
        for item in reversed(through):
            entry = item if isinstance(item, LogEntry) else entry_from_event(item)
            kept.append(entry)
            new_rows.append(self._rows_for(entry))
        kept.reverse()
        new_rows.reverse()
        flat = [row for rows in new_rows for row in rows]
        if skipped or cut:
            self._last_cut_flush_ns = now_ns
            self._flush_timer.setInterval(FLOOD_FLUSH_MS)
        else:
            self._flush_timer.setInterval(BUSY_FLUSH_MS if len(flat) > BUSY_ROWS else FLUSH_MS)
        self._entries.extend(kept)
        self._insert_rows(flat)
        self.flushed.emit()

    def _insert_rows(self, rows: list[tuple]) -> None:
        if len(rows) > self.max_rows:
            self.dropped_rows += len(rows) - self.max_rows
            rows = rows[-self.max_rows:]
        overflow = len(self._rows) + len(rows) - self.max_rows
        if overflow > 0:
            self.removeRows(0, overflow)  # _forget_removed_rows trims _rows
            self.dropped_rows += overflow
        if rows:
            start = len(self._rows)
            # Appended first: rows past the C++ count are never asked for.
            self._rows.extend(rows)
            self.insertRows(start, len(rows))
        if overflow > 0:
            # Only now: while the old rows were all gone, the new entries had no row yet.
            self._forget_unreferenced_entries()
            self.rows_dropped.emit(self.dropped_rows)

    def _forget_removed_rows(self, _parent: QModelIndex, first: int, last: int) -> None:
        del self._rows[first:last + 1]

    def _reset_rows(self, rows: list[tuple]) -> None:
        """Replace every row; views start over (a model reset)."""
        self._rows = rows
        self.setStringList([""] * len(rows))

    def _forget_unreferenced_entries(self) -> None:
        first = self._rows[0][0] if self._rows else None
        entries = self._entries
        while entries and entries[0] is not first:
            entries.popleft()

    # ---------------------------------------------------------------- rows
    def _rows_for(self, entry: LogEntry, budget: int | None = None) -> list[tuple]:
        """The rows for `entry`: its header, then text rows, then hex rows. With a `budget`
        smaller than that, the header and the newest `budget - 1` rows, built without
        making the others (a 1 MiB chunk is 65 536 hex rows)."""
        data = entry.data
        if not data:
            return [(entry, 0, 0, _HEADER)]
        size = len(data)
        mode = self.display_mode
        if mode is DisplayMode.TEXT and size <= TEXT_WIDTH and data.find(b"\n", 0, size - 1) < 0:
            return [(entry, 0, size, _HEADER)]  # the common short message: one row
        room = None if budget is None else max(0, budget - 1)  # rows after the header
        hex_rows: list[tuple] = []
        if mode is not DisplayMode.TEXT:
            count = (size + HEX_WIDTH - 1) // HEX_WIDTH
            first = 0 if room is None else max(0, count - room)
            full_end = size - size % HEX_WIDTH
            hex_rows = [(entry, offset, offset + HEX_WIDTH, _HEX)
                        for offset in range(first * HEX_WIDTH, full_end, HEX_WIDTH)]
            if full_end < size and (room is None or room > 0):
                hex_rows.append((entry, full_end, size, _HEX))
            if room is not None:
                room -= len(hex_rows)
        if mode is DisplayMode.HEX:
            return [(entry, 0, 0, _HEADER), *hex_rows]
        first_start, first_end, text_ranges = self._text_ranges(data, room)
        rows = [(entry, first_start, first_end, _HEADER)]
        rows.extend((entry, start, end, _TEXT) for start, end in text_ranges)
        rows.extend(hex_rows)
        return rows

    @staticmethod
    def _text_ranges(data: bytes, room: int | None) -> tuple[int, int, list[tuple[int, int]]]:
        """The first text row's range, and the ranges of the rows after it (the newest `room`)."""
        size = len(data)
        if room is None or size <= (room + 2) * TEXT_WIDTH:
            ranges = split_text_lines(data, TEXT_WIDTH)
            first_start, first_end = ranges[0]
            rest = ranges[1:]
            if room is not None:
                rest = rest[max(0, len(rest) - room):] if room else []
            return first_start, first_end, rest
        if room == 0:
            first_start, first_end = split_text_lines(data[:TEXT_WIDTH + 1], TEXT_WIDTH)[0]
            return first_start, first_end, []
        # The newest `room` rows start within the last room * TEXT_WIDTH bytes. A row always
        # starts after an LF, so splitting from the last LF before that point gives exactly
        # the rows a split of the whole message would give there.
        anchor = data.rfind(b"\n", 0, size - room * TEXT_WIDTH) + 1
        first_start, first_end = split_text_lines(data[:TEXT_WIDTH + 1], TEXT_WIDTH)[0]
        if anchor <= first_end:
            ranges = split_text_lines(data, TEXT_WIDTH)[1:]
        else:
            ranges = [(start + anchor, end + anchor)
                      for start, end in split_text_lines(data[anchor:], TEXT_WIDTH)]
        return first_start, first_end, ranges[max(0, len(ranges) - room):]

    def render_row(self, row: tuple) -> str:
        entry, start, end, row_kind = row
        if row_kind == _HEX:
            return "            " + hex_dump_row(entry.data[start:end], start)
        if row_kind == _TEXT:
            return "            │ " + visible_text(entry.data[start:end])
        if self.trace and entry.event is not None:
            return self.describe_trace(entry.event)
        stamp = (format_elapsed(entry.elapsed_ns) if self.time_mode is TimeMode.RELATIVE
                 else format_wall(entry.wall_time))
        text = entry.text or describe_event(entry.event)
        line = f"{stamp:>12}  {_ARROWS[entry.direction]}  {text}"
        if self.show_peers and entry.peer and entry.direction is not Direction.NONE:
            line += f" ({entry.peer})"
        if entry.total_bytes > len(entry.data):
            line += f" (showing the first {len(entry.data)} of {entry.total_bytes})"
        if entry.flagged:
            line += f"  [{entry.flagged}]"
        if entry.data and self.display_mode is not DisplayMode.HEX:
            line += "  " + visible_text(entry.data[start:end])
        return line

    def describe_trace(self, event: SessionEvent) -> str:
        """The Signals view: the raw callback, µs resolution, the thread it ran on."""
        stamp = f"+{event.elapsed_ns / 1e3:,.1f} µs".replace(",", " ")
        line = f"{stamp:>16}  [{event.thread}]  {trace_name(event)}"
        if self.explain_hook is not None:
            explanation = self.explain_hook(event)
            if explanation:
                line += f"   ⟶ {explanation}"
        return line

    def set_show_peers(self, show: bool) -> None:
        self.show_peers = show
        self._refresh_all()

    def set_trace(self, trace: bool, explain_hook=None) -> None:
        """Signals view: show every callback as Qt names it; `explain_hook(event) -> str` adds a gloss."""
        self.trace = trace
        self.explain_hook = explain_hook
        self._refresh_all()

    # ---------------------------------------------------------------- Qt model API
    # rowCount() is QStringListModel's, in C++: see the class docstring.

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        # A list model's flags: log rows are selectable but never edited or dragged.
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        return False

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row_number = index.row()
        if not 0 <= row_number < len(self._rows):
            return None
        row = self._rows[row_number]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return self.render_row(row)
        entry = row[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            if entry.kind is EventKind.ERROR:
                return self.colours["error"]
            if entry.direction is not Direction.NONE:
                return self.colours[entry.direction]
            if entry.kind is EventKind.NOTE or entry.flagged:
                return self.colours["note"]
            return None
        if role == DirectionRole:
            return entry.direction.value
        if role == KindRole:
            return entry.kind.value
        return None

    # ---------------------------------------------------------------- user actions
    def entry_at(self, row_number: int) -> LogEntry | None:
        return self._rows[row_number][0] if 0 <= row_number < len(self._rows) else None

    def row_text(self, row_number: int) -> str:
        return self.render_row(self._rows[row_number])

    def all_text(self) -> str:
        self.flush()
        return "\n".join(self.render_row(row) for row in self._rows)

    def find(self, needle: str, start_row: int = 0, *, backwards: bool = False) -> int:
        """Row number of the next row containing `needle` (case-insensitive), or -1."""
        needle = needle.casefold()
        if not needle or not self._rows:
            return -1
        n = len(self._rows)
        order = (range(start_row, -1, -1) if backwards else range(start_row, n))
        for i in order:
            if 0 <= i < n and needle in self.render_row(self._rows[i]).casefold():
                return i
        return -1

    def clear(self) -> None:
        self._queue.clear()
        self._queued_rows = 0
        self._early_skipped = self._early_skipped_bytes = 0
        self._kept_through_flood = []
        self._entries.clear()
        self.dropped_rows = 0
        self.skipped_entries = self.skipped_bytes = 0
        self._reset_rows([])
        self.rows_dropped.emit(0)

    def set_display_mode(self, mode: DisplayMode) -> None:
        """Re-render what is already logged from the stored bytes."""
        if mode is self.display_mode:
            return
        self.display_mode = mode
        self.flush()
        rows: list[tuple] = []
        budget = self.max_rows
        kept: list[LogEntry] = []
        for entry in reversed(self._entries):
            entry_rows = self._rows_for(entry)
            if len(entry_rows) > budget:
                entry_rows = entry_rows[len(entry_rows) - budget:]
            rows.append(entry_rows)
            kept.append(entry)
            budget -= len(entry_rows)
            if budget <= 0:
                break
        rows.reverse()
        kept.reverse()
        self._entries = deque(kept)
        self._reset_rows([row for group in rows for row in group])

    def set_time_mode(self, mode: TimeMode) -> None:
        self.time_mode = mode
        self._refresh_all()

    def set_max_rows(self, max_rows: int) -> None:
        self.max_rows = max(100, int(max_rows))
        self._insert_rows([])

    def _refresh_all(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    @property
    def entry_count(self) -> int:
        return len(self._entries)

    def entries(self) -> list[LogEntry]:
        self.flush()
        return list(self._entries)

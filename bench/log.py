"""log: ENTRIES records appended to the visible LogModel in bursts of BURST, one burst per
event-loop turn, as a flood of small reads would arrive.

No reference: the figures are records per second (appended, and through to the last flush),
the rows kept against the model's cap, RSS growth and the longest event-loop stall.

Then, in the same run, what one flush of FLUSH_RECORDS small records costs (rows made,
inserted, scrolled to and painted) when the log is nearly empty and when it is full at its
cap: a full log must not make every flush slower (a QListView laid out every row again on
each insert: 5.5 ms a flush at 100 000 rows against 0.5 ms at 4 500).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from app.events import Direction, EventClock, EventKind

from .common import Harness, Verdict, Waiter, load_note, say, settle
from .sizes import MIB, median

DEFAULT_ENTRIES = 1_000_000
DEFAULT_BURST = 5_000
RSS_TARGET = 150 * MIB
FLUSH_RECORDS = 150  # ~ what 40 ms of request/reply traffic leaves for one flush
FLUSH_SAMPLES = 31
FULL_OVER_EMPTY_TARGET = 2.0


def _records(count: int) -> list:
    """A pool of distinct records, reused: creating a million would measure the dataclass."""
    clock = EventClock()
    records = []
    for i in range(count):
        data = f"GET /status/{i} HTTP/1.1 200 OK {i * 7919 % 100000:05d}\r\n".encode()
        records.append(clock.make(EventKind.READY_READ, data=data, count=len(data), direction=Direction.IN))
    return records


class _Bursts:
    def __init__(self, model, records: list, total: int, burst: int, done) -> None:
        self.model = model
        self.records = records
        self.total = total
        self.burst = burst
        self.done = done
        self.appended = 0
        self.append_seconds = 0.0
        self.timer = QTimer()
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        append = self.model.append_event
        records = self.records
        pool = len(records)
        n = min(self.burst, self.total - self.appended)
        start = self.appended
        began = time.perf_counter()
        for i in range(start, start + n):
            append(records[i % pool])
        self.append_seconds += time.perf_counter() - began
        self.appended += n
        if self.appended >= self.total:
            self.timer.stop()
            self.done()


def flush_seconds(harness: Harness, records: list, rows: int) -> float:
    """Median seconds of one flush of FLUSH_RECORDS records into a log holding `rows` rows,
    the view following the tail and painting the result."""
    from PySide6.QtWidgets import QApplication

    model = harness.model
    model.clear()
    while model.rowCount() < rows:
        for record in records[:min(1000, rows - model.rowCount())]:
            model.append_event(record)
        model.flush()
    settle(100)
    app = QApplication.instance()
    times = []
    for sample in range(FLUSH_SAMPLES):
        for record in records[sample * FLUSH_RECORDS:(sample + 1) * FLUSH_RECORDS]:
            model.append_event(record)
        began = time.perf_counter()
        model.flush()
        app.processEvents()
        times.append(time.perf_counter() - began)
    return median(times)


def run(args) -> str:
    total = args.entries or DEFAULT_ENTRIES
    burst = args.burst or DEFAULT_BURST
    harness = Harness(args.window)
    harness.set_display(args.display)
    model = harness.model
    verdict = Verdict("log")
    say(f"log: {total:,} records appended in bursts of {burst:,} to the LogModel shown in {harness.description} "
        f"(display {args.display}, cap {model.max_rows:,} rows); {load_note()}")
    records = _records(min(total, 10_000))
    harness.begin_run()
    waiter = Waiter(60 + total / 10_000)
    bursts = _Bursts(model, records, total, burst, waiter.done)
    began = time.perf_counter()
    bursts.timer.start()
    finished = waiter.run()
    appended_at = time.perf_counter()
    model.flush()  # the last queued records become rows
    shown_at = time.perf_counter()
    stats = harness.end_run()
    if not finished:
        verdict.fail(f"only {bursts.appended:,} of {total:,} appended in time")
    elapsed = shown_at - began
    say(f"  {bursts.appended:,} records in {elapsed:.2f} s: {bursts.appended / elapsed:,.0f} records/s through the "
        f"last flush; the appends alone {bursts.appended / max(bursts.append_seconds, 1e-9):,.0f}/s "
        f"({bursts.append_seconds * 1e9 / max(bursts.appended, 1):.0f} ns each); "
        f"all appended after {appended_at - began:.2f} s")
    say(f"  rows kept {model.rowCount():,} of a cap of {model.max_rows:,}; {model.skipped_entries:,} records "
        f"counted as skipped, {model.dropped_rows:,} rows dropped off the top · {stats.describe()}")
    rows, cap = model.rowCount(), model.max_rows
    if rows > cap:
        verdict.fail(f"{rows} rows exceed the cap of {cap}")
    small_rows = min(cap, 1_000)
    flush_records = _records(FLUSH_SAMPLES * FLUSH_RECORDS)
    empty = flush_seconds(harness, flush_records, small_rows)
    full = flush_seconds(harness, flush_records, cap)
    growth = full / empty
    say(f"  one flush of {FLUSH_RECORDS} records, shown: {empty * 1e3:.2f} ms into {small_rows:,} rows, "
        f"{full * 1e3:.2f} ms into a full log ({cap:,} rows): {growth:.2f}x")
    say(f"  {load_note()}")
    harness.close()
    return verdict.line([
        f"{bursts.appended / elapsed:,.0f} records/s",
        f"rows {rows:,} (cap {cap:,})",
        verdict.at_most("RSS growth MiB", stats.rss_growth / MIB, RSS_TARGET / MIB, "{:.0f}"),
        f"longest stall {stats.longest_stall_ms:.0f} ms",
        verdict.at_most("full/empty flush", growth, FULL_OVER_EMPTY_TARGET),
    ])

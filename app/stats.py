"""Traffic counters for one connection: totals, throughput now and on average, and the
per-second samples the throughput graph draws.

Times are seconds on a monotonic clock (`time.monotonic()` unless the caller passes its
own), so tests can feed exact timestamps and the math is checked without waiting.
"""

from __future__ import annotations

import math
import time
from collections import deque


def format_bytes(n: float) -> str:
    """`0 B`, `999 B`, `1.0 kB`, `12.3 MB` (SI units, as network rates are usually quoted)."""
    return _format_si(n, "")


def format_rate(bytes_per_s: float) -> str:
    """`512 B/s`, `12.3 MB/s`."""
    return _format_si(bytes_per_s, "/s")


_UNITS = ("B", "kB", "MB", "GB", "TB", "PB")


def _format_si(value: float, suffix: str) -> str:
    if not math.isfinite(value) or value <= 0:
        return f"0 B{suffix}"
    if value < 999.5:
        return f"{round(value)} B{suffix}"
    scaled = float(value)
    for unit in _UNITS[1:]:
        scaled /= 1000
        # Move up a unit when rounding would print "1000.0".
        if round(scaled, 1) < 1000 or unit == _UNITS[-1]:
            return f"{scaled:.1f} {unit}{suffix}"
    raise AssertionError("unreachable")


class _Direction:
    """Bytes one way: the total, a sliding window for the current rate, and samples."""

    def __init__(self, max_samples: int) -> None:
        self.bytes = 0
        self.messages = 0
        self.recent: deque[tuple[float, int]] = deque()  # (time, bytes) inside the window
        self.recent_bytes = 0
        self.samples: deque[float] = deque(maxlen=max_samples)  # completed intervals, B/s
        self.bucket_index = 0  # the interval being filled
        self.bucket_bytes = 0

    def add(self, n: int, t: float, window_s: float) -> None:
        self.bytes += n
        self.recent.append((t, n))
        self.recent_bytes += n
        self.prune(t, window_s)
        self.bucket_bytes += n

    def prune(self, now: float, window_s: float) -> None:
        cutoff = now - window_s
        while self.recent and self.recent[0][0] <= cutoff:
            self.recent_bytes -= self.recent.popleft()[1]

    def advance(self, index: int, interval_s: float) -> None:
        """Close every interval before `index`; idle intervals count as 0 B/s."""
        if index <= self.bucket_index:
            return
        self.samples.append(self.bucket_bytes / interval_s)
        idle = min(index - self.bucket_index - 1, self.samples.maxlen or 0)
        self.samples.extend([0.0] * idle)
        self.bucket_index = index
        self.bucket_bytes = 0


class TrafficStats:
    """Counters for one connection; call `start()` when it opens and `stop()` when it closes."""

    def __init__(self, *, window_s: float = 1.0, sample_interval_s: float = 1.0,
                 max_samples: int = 120) -> None:
        if window_s <= 0 or sample_interval_s <= 0 or max_samples < 1:
            raise ValueError("window, sample interval and sample count must be positive")
        self.window_s = window_s
        self.sample_interval_s = sample_interval_s
        self.max_samples = max_samples
        self.last_round_trip_ms: float | None = None  # set by the caller from the session's timings
        self.reset()

    def reset(self) -> None:
        self._in = _Direction(self.max_samples)
        self._out = _Direction(self.max_samples)
        self.started_at: float | None = None
        self.stopped_at: float | None = None
        self._last_t: float | None = None
        self.last_round_trip_ms = None

    # ----------------------------------------------------------------- feeding
    def start(self, t: float | None = None) -> None:
        """A connection opened: clear everything and start the clock at `t`."""
        self.reset()
        self.started_at = self._time(t)

    def stop(self, t: float | None = None) -> None:
        """The connection closed: the duration and the average stop growing."""
        if self.started_at is not None and self.stopped_at is None:
            self.stopped_at = self._time(t)

    def add_in(self, n: int, t: float | None = None) -> None:
        self._add(self._in, n, t)

    def add_out(self, n: int, t: float | None = None) -> None:
        self._add(self._out, n, t)

    def count_message_in(self, k: int = 1) -> None:
        self._in.messages += k

    def count_message_out(self, k: int = 1) -> None:
        self._out.messages += k

    # ----------------------------------------------------------------- totals
    @property
    def bytes_in(self) -> int:
        return self._in.bytes

    @property
    def bytes_out(self) -> int:
        return self._out.bytes

    @property
    def messages_in(self) -> int:
        return self._in.messages

    @property
    def messages_out(self) -> int:
        return self._out.messages

    # ----------------------------------------------------------------- rates
    def rate_in(self, now: float | None = None) -> float:
        """Bytes per second received in the last `window_s` seconds."""
        return self._current_rate(self._in, now)

    def rate_out(self, now: float | None = None) -> float:
        return self._current_rate(self._out, now)

    def average_rate_in(self, now: float | None = None) -> float:
        """Bytes per second received since the connection opened."""
        return self._average(self._in.bytes, now)

    def average_rate_out(self, now: float | None = None) -> float:
        return self._average(self._out.bytes, now)

    def duration(self, now: float | None = None) -> float:
        """Seconds the connection has been (or was) open; 0 before start()."""
        if self.started_at is None:
            return 0.0
        end = self.stopped_at if self.stopped_at is not None else self._time(now)
        return max(0.0, end - self.started_at)

    def samples(self, now: float | None = None) -> tuple[list[float], list[float]]:
        """Throughput (B/s) of each completed interval, oldest first: (in, out).

        At most `max_samples` each; intervals without traffic are 0.
        """
        if self.started_at is None:
            return [], []
        end = self.stopped_at if self.stopped_at is not None else self._time(now)
        index = self._index(end)
        for direction in (self._in, self._out):
            direction.advance(index, self.sample_interval_s)
        return list(self._in.samples), list(self._out.samples)

    # ----------------------------------------------------------------- helpers
    def _add(self, direction: _Direction, n: int, t: float | None) -> None:
        if n <= 0:
            return
        t = self._time(t)
        if self.started_at is None:
            self.started_at = t  # traffic before start(): count from the first byte
        # A timestamp from before the last one (clock jitter between callers) is taken as
        # "now", so the window and the buckets only move forward.
        if self._last_t is not None and t < self._last_t:
            t = self._last_t
        self._last_t = t
        index = self._index(t)
        for each in (self._in, self._out):
            each.advance(index, self.sample_interval_s)
        direction.add(n, t, self.window_s)

    def _current_rate(self, direction: _Direction, now: float | None) -> float:
        now = self._time(now)
        direction.prune(now, self.window_s)
        return direction.recent_bytes / self.window_s

    def _average(self, total: int, now: float | None) -> float:
        seconds = self.duration(now)
        return total / seconds if seconds > 0 else 0.0

    def _index(self, t: float) -> int:
        assert self.started_at is not None
        return max(0, int((t - self.started_at) // self.sample_interval_s))

    def _time(self, t: float | None) -> float:
        return time.monotonic() if t is None else float(t)

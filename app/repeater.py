"""Send the same message again and again: N times, or every T ms until stopped.

Everything runs from a QTimer on the GUI thread, so the window keeps repainting and
the Stop button keeps working. With an interval of 0 the timer fires as often as the
event loop allows and each tick sends a batch, bounded by count and by time, so one tick
never holds the event loop for long.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

# At interval 0: at most this many sends, or this much time, per timer tick.
BATCH_SIZE = 200
BATCH_BUDGET_S = 0.010
# While can_send() says no at interval 0, look again this often instead of spinning.
BLOCKED_POLL_MS = 5


class Repeater(QObject):
    sent = Signal(int)  # sends so far in this run; once per tick (a tick may cover a batch)
    finished = Signal()  # the run ended: N reached, stop() called, or the send failed
    failed = Signal(str)  # the send function raised; the run stops with this message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        self.times: int | None = None
        self.interval_ms = 0
        self._send: Callable[[], None] | None = None
        self._can_send: Callable[[], bool] | None = None
        self._run = 0  # bumped by start()/stop(), so a tick notices send() ending its run
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    @property
    def is_running(self) -> bool:
        return self._send is not None

    def start(self, send: Callable[[], None], times: int | None, interval_ms: int, *,
              can_send: Callable[[], bool] | None = None) -> None:
        """Call `send()` `times` times (None: until stop()), `interval_ms` apart.

        The first send happens on the first timer tick, not inside start(). A run
        already going is stopped first (and reports finished). `can_send`, if given, is
        asked before each send; while it says False the run waits (ticks are skipped), so a
        peer that does not read cannot make the queue of unsent data grow without bound.
        """
        if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 1):
            raise ValueError(f"times must be a whole number of at least 1, or None (got {times!r})")
        if isinstance(interval_ms, bool) or not isinstance(interval_ms, int) or interval_ms < 0:
            raise ValueError(f"interval_ms must be a whole number of at least 0 (got {interval_ms!r})")
        self.stop()
        self.count = 0
        self.times = times
        self.interval_ms = interval_ms
        self._send = send
        self._can_send = can_send
        self._run += 1
        self._timer.start(0)  # the first send without waiting a whole interval

    def stop(self) -> None:
        if self._send is None:
            return
        self._timer.stop()
        self._send = None
        self._run += 1
        self.finished.emit()

    def _tick(self) -> None:
        if self._send is None:
            return
        run = self._run
        batch = 1 if self.interval_ms else BATCH_SIZE
        deadline = time.perf_counter() + BATCH_BUDGET_S
        sent_now = 0
        blocked = False
        for _ in range(batch):
            try:
                if self._can_send is not None and not self._can_send():
                    blocked = True
                    break
                self._send()
            except Exception as exc:  # noqa: BLE001 - any failure ends the run, visibly
                if self._run == run:
                    if sent_now:
                        self.sent.emit(self.count)
                    self.failed.emit(str(exc) or type(exc).__name__)
                    self.stop()
                return
            if self._run != run:
                # send() itself ended the run (say, the connection dropped): the call still
                # happened, so count it, unless a new run has already reset the count.
                if self._send is None:
                    self.count += 1
                return
            self.count += 1
            sent_now += 1
            if self._reached_end() or time.perf_counter() >= deadline:
                break
        if sent_now:
            self.sent.emit(self.count)
        if self._reached_end():
            self.stop()
            return
        wanted = self.interval_ms or (BLOCKED_POLL_MS if blocked else 0)
        if self._timer.interval() != wanted:
            self._timer.setInterval(wanted)

    def _reached_end(self) -> bool:
        return self.times is not None and self.count >= self.times

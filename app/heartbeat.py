"""An event-loop heartbeat: proof that the window keeps running, and the longest stall seen.

A precise timer asks for a tick every `interval_ms`; a tick that comes late means the event
loop was busy (or blocked) for that long. Teachers show it while a connection hangs; the
benchmarks use it to measure stalls.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal


class Heartbeat(QObject):
    beat = Signal(int)  # tick count, emitted about every `report_every` ticks

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 10, report_every: int = 25) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.report_every = report_every
        self.ticks = 0
        self.longest_stall_ms = 0.0
        self.recent_stall_ms = 0.0  # the longest since the last report
        self._last_ns = 0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last_ns = time.perf_counter_ns()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def reset(self) -> None:
        self.longest_stall_ms = self.recent_stall_ms = 0.0
        self._last_ns = time.perf_counter_ns()

    def _tick(self) -> None:
        now = time.perf_counter_ns()
        late_ms = (now - self._last_ns) / 1e6 - self.interval_ms
        self._last_ns = now
        self.ticks += 1
        if late_ms > self.recent_stall_ms:
            self.recent_stall_ms = late_ms
            self.longest_stall_ms = max(self.longest_stall_ms, late_ms)
        if self.ticks % self.report_every == 0:
            self.beat.emit(self.ticks)
            self.recent_stall_ms = 0.0

"""The repeater: exactly N sends, interval mode until stopped, failures, GUI stays live."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer

from app.repeater import Repeater


def test_sends_exactly_n_times_as_fast_as_possible(qtbot):
    repeater = Repeater()
    calls = []
    reported = []
    repeater.sent.connect(reported.append)
    with qtbot.waitSignal(repeater.finished, timeout=3000):
        repeater.start(lambda: calls.append(len(calls)), times=50, interval_ms=0)
        assert repeater.is_running
        assert calls == []  # the first send happens on the timer, not inside start()
    assert len(calls) == 50
    assert repeater.count == 50
    assert reported[-1] == 50 and reported == sorted(reported)
    assert not repeater.is_running
    # Nothing more arrives after finishing.
    qtbot.wait(30)
    assert len(calls) == 50


def test_a_big_fast_run_leaves_the_event_loop_running(qtbot, monkeypatch):
    monkeypatch.setattr("app.repeater.BATCH_SIZE", 10)
    repeater = Repeater()
    calls = []
    other_timer_ticks = []
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: other_timer_ticks.append(len(calls)))
    ticker.start()
    with qtbot.waitSignal(repeater.finished, timeout=5000):
        repeater.start(lambda: calls.append(1), times=2000, interval_ms=0)
    ticker.stop()
    assert len(calls) == 2000
    # Other timers ran between batches, i.e. while sending was still going on.
    assert any(0 < seen < 2000 for seen in other_timer_ticks)


def test_interval_mode_until_stopped(qtbot):
    repeater = Repeater()
    stamps = []
    repeater.start(lambda: stamps.append(time.monotonic()), times=None, interval_ms=20)
    qtbot.waitUntil(lambda: len(stamps) >= 4, timeout=3000)
    with qtbot.waitSignal(repeater.finished, timeout=1000):
        repeater.stop()
    sent = len(stamps)
    assert repeater.count == sent and not repeater.is_running
    gaps = [b - a for a, b in zip(stamps[1:], stamps[2:])]
    assert all(gap >= 0.015 for gap in gaps), gaps  # later sends wait the interval
    qtbot.wait(60)
    assert len(stamps) == sent  # stopped means stopped


def test_times_with_an_interval(qtbot):
    repeater = Repeater()
    calls = []
    with qtbot.waitSignal(repeater.finished, timeout=3000):
        repeater.start(lambda: calls.append(1), times=3, interval_ms=10)
    assert len(calls) == 3 and repeater.count == 3


def test_a_failing_send_stops_the_run(qtbot):
    repeater = Repeater()
    calls = []

    def send():
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("Not connected")

    failures = []
    repeater.failed.connect(failures.append)
    with qtbot.waitSignals([repeater.failed, repeater.finished], order="strict", timeout=3000):
        repeater.start(send, times=50, interval_ms=0)
    assert len(calls) == 5
    assert repeater.count == 4  # the failed call is not a send
    assert failures == ["Not connected"]
    assert not repeater.is_running


def test_send_that_stops_the_repeater_counts_once(qtbot):
    repeater = Repeater()
    calls = []

    def send():
        calls.append(1)
        if len(calls) == 3:
            repeater.stop()  # what the window does on disconnect

    with qtbot.waitSignal(repeater.finished, timeout=3000):
        repeater.start(send, times=None, interval_ms=0)
    qtbot.wait(20)
    assert len(calls) == 3 and repeater.count == 3


def test_restart_resets_the_count_and_reports_the_old_run_finished(qtbot):
    repeater = Repeater()
    finished = []
    repeater.finished.connect(lambda: finished.append(repeater.count))
    first, second = [], []
    repeater.start(lambda: first.append(1), times=None, interval_ms=5)
    qtbot.waitUntil(lambda: len(first) >= 2, timeout=2000)
    repeater.start(lambda: second.append(1), times=2, interval_ms=0)
    assert finished == [len(first)]  # the first run ended, with its own count
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=2000)
    assert finished[1] == 2 and len(second) == 2 and repeater.count == 2
    stopped_at = len(first)
    qtbot.wait(30)
    assert len(first) == stopped_at


@pytest.mark.parametrize(("times", "interval"), [(0, 0), (-1, 0), (1, -5), (True, 0), (1.5, 0), (1, 2.5)])
def test_bad_arguments_are_refused(times, interval):
    repeater = Repeater()
    with pytest.raises(ValueError):
        repeater.start(lambda: None, times=times, interval_ms=interval)
    assert not repeater.is_running


def test_can_send_holds_the_run_back_until_the_queue_drains(qtbot):
    repeater = Repeater()
    queue = []  # stands in for the session's unsent bytes
    repeater.start(lambda: queue.append(b"x" * 1000), times=30, interval_ms=0,
                   can_send=lambda: len(queue) < 5)
    qtbot.waitUntil(lambda: len(queue) == 5, timeout=2000)
    qtbot.wait(30)
    assert len(queue) == 5 and repeater.count == 5 and repeater.is_running  # waiting, not sending
    drained = 0
    with qtbot.waitSignal(repeater.finished, timeout=3000):
        while repeater.is_running:
            drained += len(queue)
            queue.clear()
            qtbot.waitUntil(lambda: len(queue) == 5 or not repeater.is_running, timeout=2000)
    assert drained + len(queue) == 30 and repeater.count == 30

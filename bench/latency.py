"""latency: COUNT request/reply round trips of MESSAGE bytes to an echo process on 127.0.0.1.

Ours: ClientSession.send, then wait (in the event loop) for the whole echo via data_received,
then the next request; the log shown (display --display). Reference, in the same run: a plain
blocking Python client (sendall, then recv until the echo is complete) to the same server.
Targets: our median <= 1.5x the reference's, our p99 <= 2x our median.
"""

from __future__ import annotations

import socket
import time

from .common import Harness, Peer, Verdict, Waiter, load_note, say
from .sizes import median, percentile

DEFAULT_COUNT = 10_000
DEFAULT_MESSAGE = 64
MEDIAN_RATIO_TARGET = 1.5
P99_TARGET = 2.0  # times our own median


def reference_round_trips(port: int, message: bytes, count: int) -> list[float]:
    times = []
    size = len(message)
    with socket.create_connection(("127.0.0.1", port)) as sock:
        for _ in range(count):
            began = time.perf_counter_ns()
            sock.sendall(message)
            got = 0
            while got < size:
                chunk = sock.recv(65536)
                if not chunk:
                    raise RuntimeError("the echo server closed")
                got += len(chunk)
            times.append((time.perf_counter_ns() - began) / 1e3)
    return times


class _PingPong:
    """Sends the next request as soon as the whole echo of the last one is in."""

    def __init__(self, session, message: bytes, count: int, finished) -> None:
        self.session = session
        self.message = message
        self.count = count
        self.finished = finished
        self.times: list[float] = []
        self._got = 0
        self._began = 0

    def start(self, *_args) -> None:
        self._send()

    def _send(self) -> None:
        self._got = 0
        self._began = time.perf_counter_ns()
        self.session.send(self.message)

    def on_data(self, data: bytes) -> None:
        self._got += len(data)
        if self._got < len(self.message):
            return
        self.times.append((time.perf_counter_ns() - self._began) / 1e3)
        if len(self.times) < self.count:
            self._send()
        else:
            self.finished()


def our_round_trips(harness: Harness, port: int, message: bytes, count: int, timeout_s: float) -> list[float]:
    session = harness.session
    waiter = Waiter(timeout_s)
    ping = _PingPong(session, message, count, waiter.done)
    session.connected.connect(ping.start)
    session.data_received.connect(ping.on_data)
    session.connect_to_host("127.0.0.1", port)
    waiter.run()
    session.connected.disconnect(ping.start)
    session.data_received.disconnect(ping.on_data)
    session.abort()
    return ping.times


def describe(times: list[float]) -> str:
    return (f"median {median(times):.1f} µs · p90 {percentile(times, 0.90):.1f} · "
            f"p99 {percentile(times, 0.99):.1f} · max {max(times):.0f} µs")


def run(args) -> str:
    count = args.count or DEFAULT_COUNT
    size = args.message or DEFAULT_MESSAGE
    message = (b"0123456789abcdef" * (size // 16 + 1))[:size]
    harness = Harness(args.window)
    harness.set_display(args.display)
    verdict = Verdict("latency")
    say(f"latency: {count:,} round trips of {size} bytes to an echo process on 127.0.0.1, "
        f"log in {args.display} shown in {harness.description}; {load_note()}")
    timeout_s = 30 + count / 500
    with Peer("echo") as echo:
        # Warm both paths (connect, first paints) before anything is measured.
        reference_round_trips(echo.port, message, min(count, 200))
        our_round_trips(harness, echo.port, message, min(count, 200), timeout_s)
        reference = reference_round_trips(echo.port, message, count)
        harness.begin_run()
        ours = our_round_trips(harness, echo.port, message, count, timeout_s)
        stats = harness.end_run()
    if len(ours) < count:
        verdict.fail(f"only {len(ours)} of {count} round trips finished")
        ours = ours or [float("inf")]
    say(f"  ours:     {describe(ours)} · {stats.describe()}")
    say(f"  blocking: {describe(reference)}")
    ratio = median(ours) / median(reference)
    p99_over_median = percentile(ours, 0.99) / median(ours)
    say(f"  {load_note()}")
    harness.close()
    return verdict.line([
        verdict.at_most("median ratio", ratio, MEDIAN_RATIO_TARGET),
        verdict.at_most("our p99/median", p99_over_median, P99_TARGET),
        f"medians {median(ours):.1f} vs {median(reference):.1f} µs",
    ])

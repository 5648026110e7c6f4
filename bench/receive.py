"""receive: a sender process streams SIZE bytes to us on 127.0.0.1.

Ours: ClientSession -> LogFeed -> LogModel shown in the log view, in Hex, then Text, then
with the log paused (no display). Reference, right before each of ours: plain Python
`recv_into` with a 256 KiB buffer on a blocking socket, the same bytes from the same
sender. Ratio = our throughput / the reference's (above 1: we are faster).

With the log paused, a bare QTcpSocket that skips whatever arrives (no session, no window,
woken for every byte that arrives) is timed as well, right after ours, for scale: the session
beats it by asking the kernel to wake it only once a MiB waits (app/session.py, bulk reads),
so each run also prints how many reads (wake-ups) ours took.
"""

from __future__ import annotations

import socket
import time

from .common import (
    Harness,
    Peer,
    Verdict,
    Waiter,
    load_note,
    peak_rss_bytes,
    rss_bytes,
    say,
)
from .sizes import GIB, MIB, human_size, rate

DEFAULT_SIZE = GIB
MODES = ("hex", "text", "paused")
# target ratio per mode (paused: the bare socket reached 1.35-1.5x the reference here)
RATIO_TARGETS = {"hex": 0.7, "text": 0.7, "text+hex": 0.7, "paused": 1.2}
STALL_TARGET_MS = 50
RSS_TARGET = 150 * MIB


def reference_receive(port: int, size: int) -> float:
    """Seconds to read everything the sender sends, until it closes."""
    buffer = memoryview(bytearray(256 * 1024))
    began = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        total = 0
        while n := sock.recv_into(buffer):
            total += n
    elapsed = time.perf_counter() - began
    if total != size:
        raise RuntimeError(f"reference received {total} of {size} bytes")
    return elapsed


def bare_qt_receive(port: int, size: int, timeout_s: float) -> float:
    """Seconds for a QTcpSocket alone to skip everything the sender sends, until it closes."""
    from PySide6.QtNetwork import QTcpSocket

    sock = QTcpSocket()
    sock.setReadBufferSize(1024 * 1024)  # as the session reads ahead
    waiter = Waiter(timeout_s)
    received = 0

    def skip_all() -> None:
        nonlocal received
        received += max(0, sock.skip(sock.bytesAvailable()))

    sock.readyRead.connect(skip_all)
    sock.disconnected.connect(waiter.done)
    began = time.perf_counter()
    sock.connectToHost("127.0.0.1", port)
    finished = waiter.run()
    elapsed = time.perf_counter() - began
    sock.abort()
    sock.deleteLater()
    if not finished or received != size:
        raise RuntimeError(f"the bare QTcpSocket received {received} of {size} bytes")
    return elapsed


def our_receive(harness: Harness, port: int, size: int, timeout_s: float) -> tuple[float, int, int]:
    """Seconds until the session reports `disconnected` (after the last byte), bytes received
    and the reads that took them."""
    session = harness.session
    waiter = Waiter(timeout_s)
    session.disconnected.connect(waiter.done)
    began = time.perf_counter()
    session.connect_to_host("127.0.0.1", port)
    finished = waiter.run()
    elapsed = time.perf_counter() - began
    session.disconnected.disconnect(waiter.done)
    if not finished:
        session.abort()
    return elapsed, session.bytes_received, session.reads


def run(args) -> str:
    size = args.size or DEFAULT_SIZE
    modes = args.modes or MODES
    timeout_s = 30 + size / (10 * MIB)
    harness = Harness(args.window)
    verdict = Verdict("receive")
    say(f"receive: {human_size(size)} from a sender process on 127.0.0.1 ({args.payload} bytes), "
        f"log shown in {harness.description}, best of {args.repeat}; {load_note()}")
    rss_before = rss_bytes()
    parts = []
    worst_stall = 0.0
    with Peer("sender", "--size", str(size), "--payload", args.payload) as sender:
        for mode in modes:
            harness.set_display(mode)
            # Unmeasured warm-up: the first time random bytes are painted as text, Qt looks up
            # fallback fonts for a dozen scripts (a one-off of 50-100 ms). Reported, not counted.
            harness.begin_run()
            our_receive(harness, sender.port, size, timeout_s)
            say(f"  {mode:>6}: warm-up run, longest stall {harness.end_run().longest_stall_ms:.0f} ms (not counted)")
            refs, ours, stalls, stats, bare, best_reads = [], [], [], None, [], 0
            for _ in range(args.repeat):
                refs.append(reference_receive(sender.port, size))
                harness.begin_run()
                elapsed, received, reads = our_receive(harness, sender.port, size, timeout_s)
                run_stats = harness.end_run()
                if received != size:
                    verdict.fail(f"{mode}: received {received} of {size} bytes")
                if not ours or elapsed < min(ours):
                    stats, best_reads = run_stats, reads
                ours.append(elapsed)
                stalls.append(run_stats.longest_stall_ms)
                if mode != "paused":
                    worst_stall = max(worst_stall, run_stats.longest_stall_ms)
                else:
                    bare.append(bare_qt_receive(sender.port, size, timeout_s))
            best_ref, best_ours = min(refs), min(ours)
            ratio = best_ref / best_ours
            say(f"  {mode:>6}: ours {best_ours:.2f} s ({rate(size, best_ours)}) · "
                f"recv_into {best_ref:.2f} s ({rate(size, best_ref)}) · ratio {ratio:.2f} · {best_reads:,} reads · "
                f"{stats.describe()}")
            if args.repeat > 1:
                say(f"          each run, ours: {' '.join(f'{t:.3f}' for t in ours)} s; "
                    f"recv_into: {' '.join(f'{t:.3f}' for t in refs)} s; "
                    f"stalls: {' '.join(f'{t:.0f}' for t in stalls)} ms")
            if bare:
                say(f"          for scale, a bare QTcpSocket skipping the bytes: {min(bare):.2f} s, ratio "
                    f"{best_ref / min(bare):.2f} (each: {' '.join(f'{t:.3f}' for t in bare)} s)")
            parts.append(verdict.at_least(f"ratio {mode}", ratio, RATIO_TARGETS[mode]))
    growth = peak_rss_bytes() - rss_before
    say(f"  peak RSS growth over all runs: +{growth / MIB:.0f} MiB; {load_note()}")
    parts.append(verdict.at_most("longest stall (shown) ms", worst_stall, STALL_TARGET_MS, "{:.0f}"))
    parts.append(verdict.at_most("peak RSS growth MiB", growth / MIB, RSS_TARGET / MIB, "{:.0f}"))
    harness.close()
    return verdict.line(parts)

"""send: SIZE bytes to a receiving process on 127.0.0.1, which reads them all and closes.

Ours: ClientSession.send with back-pressure, the log shown (display mode --display). With
`--feed chunks` (default) 1 MiB pieces are handed over whenever less than QUEUE_LIMIT waits
(bytes_written is the cue), so at most a few MiB are ever queued; `--feed one` hands the
whole SIZE to one send() and lets the session's outbox meter it out. Reference, right before:
plain Python `sendall` of the same pieces on a blocking socket. Both end when the receiver
closes (it has everything). Ratio = reference time / our time.
"""

from __future__ import annotations

import socket
import time

from .common import Harness, Peer, Verdict, Waiter, load_note, say
from .peers import BLOCK, payload_block
from .sizes import GIB, MIB, human_size, rate

DEFAULT_SIZE = GIB
QUEUE_LIMIT = 4 * MIB
RATIO_TARGET = 0.7
STALL_TARGET_MS = 20


def pieces(size: int, block: bytes) -> list[bytes]:
    """The payload as 1 MiB pieces (the same object repeated: no extra memory)."""
    whole, rest = divmod(size, len(block))
    return [block] * whole + ([block[:rest]] if rest else [])


def reference_send(port: int, parts: list[bytes]) -> float:
    began = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        for part in parts:
            sock.sendall(part)
        while sock.recv(4096):  # the receiver closes once it has read everything
            pass
    return time.perf_counter() - began


class _Feeder:
    """Hands the session the next piece while less than QUEUE_LIMIT is queued."""

    def __init__(self, session, parts: list[bytes]) -> None:
        self.session = session
        self.parts = parts
        self.next = 0
        self.most_queued = 0

    def pump(self, *_args) -> None:
        session = self.session
        parts = self.parts
        while self.next < len(parts) and session.pending_out < QUEUE_LIMIT and session.is_connected:
            session.send(parts[self.next])
            self.next += 1
        self.most_queued = max(self.most_queued, session.pending_out)


def our_send(harness: Harness, port: int, parts: list[bytes], feed: str, timeout_s: float) -> tuple[float, int, int]:
    """Seconds until the receiver has closed, bytes the OS accepted, most bytes ever queued."""
    session = harness.session
    waiter = Waiter(timeout_s)
    session.disconnected.connect(waiter.done)
    if feed == "one":
        payload = b"".join(parts)
        feeder = _Feeder(session, [payload])
    else:
        feeder = _Feeder(session, parts)
    session.connected.connect(feeder.pump)
    session.bytes_written.connect(feeder.pump)
    began = time.perf_counter()
    session.connect_to_host("127.0.0.1", port)
    finished = waiter.run()
    elapsed = time.perf_counter() - began
    for signal, slot in ((session.disconnected, waiter.done), (session.connected, feeder.pump),
                         (session.bytes_written, feeder.pump)):
        signal.disconnect(slot)
    if not finished:
        session.abort()
    most_queued = feeder.most_queued if feed == "chunks" else max(feeder.most_queued, session.bytes_handed)
    return elapsed, session.bytes_sent, most_queued


def run(args) -> str:
    size = args.size or DEFAULT_SIZE
    timeout_s = 30 + size / (10 * MIB)
    parts = pieces(size, payload_block(args.payload, BLOCK))
    harness = Harness(args.window)
    harness.set_display(args.display)
    verdict = Verdict("send")
    say(f"send: {human_size(size)} to a receiving process on 127.0.0.1 ({args.payload} bytes, feed: {args.feed}), "
        f"log in {args.display} shown in {harness.description}, best of {args.repeat}; {load_note()}")
    refs, ours, stalls, best = [], [], [], None
    with Peer("sink", "--size", str(size)) as sink:
        # Unmeasured warm-up (first paint of these bytes looks up fallback fonts): reported only.
        harness.begin_run()
        our_send(harness, sink.port, parts, args.feed, timeout_s)
        say(f"  warm-up run, longest stall {harness.end_run().longest_stall_ms:.0f} ms (not counted)")
        for _ in range(args.repeat):
            refs.append(reference_send(sink.port, parts))
            harness.begin_run()
            elapsed, sent, most_queued = our_send(harness, sink.port, parts, args.feed, timeout_s)
            stats = harness.end_run()
            if sent != size:
                verdict.fail(f"the OS accepted {sent} of {size} bytes")
            if best is None or elapsed < min(ours):
                best = (stats, most_queued)
            ours.append(elapsed)
            stalls.append(stats.longest_stall_ms)
    best_ref, best_ours = min(refs), min(ours)
    ratio = best_ref / best_ours
    stats, most_queued = best
    say(f"  ours {best_ours:.2f} s ({rate(size, best_ours)}) · sendall {best_ref:.2f} s ({rate(size, best_ref)}) · "
        f"ratio {ratio:.2f} · most queued {human_size(most_queued)} · {stats.describe()}")
    if args.repeat > 1:
        say(f"  each run, ours: {' '.join(f'{t:.3f}' for t in ours)} s; sendall: "
            f"{' '.join(f'{t:.3f}' for t in refs)} s; stalls: {' '.join(f'{t:.0f}' for t in stalls)} ms")
    say(f"  {load_note()}")
    harness.close()
    return verdict.line([
        verdict.at_least("ratio", ratio, RATIO_TARGET),
        verdict.at_most("longest stall ms", max(stalls), STALL_TARGET_MS, "{:.0f}"),
        f"most queued {human_size(most_queued)}",
    ])

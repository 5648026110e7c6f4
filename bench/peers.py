"""The other end of each benchmark, run as a separate process (`python -m bench.peers ROLE`).

A separate process, so that the peer gets its own core and its own interpreter lock and
the benchmark measures only our side. Listening roles print `PORT <n>` on stdout, then
serve connections one after another until they are terminated. Loopback only.

  sender --size N [--payload binary|text]  each connection: send N bytes, then close
  sink   --size N                          each connection: read N bytes, then close
  echo                                     each connection: send back what arrives until EOF
  clients --port P --count C --message M   C clients at once: connect, send M bytes, read the
                                           echo, close; prints one JSON line of results
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import socket
import sys
import time

HOST = "127.0.0.1"
BLOCK = 1024 * 1024


def payload_block(kind: str = "binary", size: int = BLOCK) -> bytes:
    """The same bytes on every run: random (all 256 values) or printable lines of text."""
    rng = random.Random(20240607)
    if kind == "text":
        line = b"".join(bytes([rng.randrange(0x20, 0x7F)]) for _ in range(99)) + b"\n"
        return (line * (size // len(line) + 1))[:size]
    return rng.randbytes(size)


def listen() -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((HOST, 0))
    listener.listen(16)
    print(f"PORT {listener.getsockname()[1]}", flush=True)
    return listener


def serve_sender(size: int, kind: str) -> None:
    block = memoryview(payload_block(kind))
    listener = listen()
    while True:
        conn, _ = listener.accept()
        try:
            with conn:
                left = size
                while left >= len(block):
                    conn.sendall(block)
                    left -= len(block)
                if left:
                    conn.sendall(block[:left])
        except OSError:
            pass  # the receiver gave up (a timed-out run): serve the next one


def serve_sink(size: int) -> None:
    buffer = memoryview(bytearray(256 * 1024))
    listener = listen()
    while True:
        conn, _ = listener.accept()
        try:
            with conn:
                left = size
                while left > 0:
                    n = conn.recv_into(buffer, min(left, len(buffer)))
                    if not n:
                        break
                    left -= n
        except OSError:
            pass


def serve_echo() -> None:
    """Blocking, one connection at a time. (An epoll loop wakes up differently: on this kind
    of VM its round trips measured 55 µs against 13 µs for a blocking recv.)"""
    buffer = bytearray(64 * 1024)
    view = memoryview(buffer)
    listener = listen()
    while True:
        conn, _ = listener.accept()
        try:
            with conn:
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                while n := conn.recv_into(buffer):
                    conn.sendall(view[:n])
        except OSError:
            pass


def raise_file_limit() -> None:
    """A thousand clients need a thousand descriptors; the soft limit is often 1024."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


async def _one_client(port: int, message: bytes, start_gate: asyncio.Event) -> tuple[bool, float, str]:
    await start_gate.wait()
    began = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 30)
        writer.write(message)
        echo = await asyncio.wait_for(reader.readexactly(len(message)), 30)
        writer.close()
        ok, why = echo == message, "" if echo == message else "echo differs"
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError) as exc:
        ok, why = False, f"{type(exc).__name__}: {exc}"
    return ok, time.perf_counter() - began, why


async def _run_clients(port: int, count: int, size: int) -> dict:
    message = payload_block("text", size)
    gate = asyncio.Event()
    tasks = [asyncio.create_task(_one_client(port, message, gate)) for _ in range(count)]
    await asyncio.sleep(0)  # every task is waiting at the gate: they start together
    began = time.perf_counter()
    gate.set()
    results = await asyncio.gather(*tasks)
    total = time.perf_counter() - began
    waits = sorted(r[1] for r in results)
    failures = [r[2] for r in results if not r[0]]
    return {
        "ok": count - len(failures), "failed": len(failures), "first_failure": failures[0] if failures else "",
        "total_s": total, "max_wait_s": waits[-1] if waits else 0.0,
        "median_wait_s": waits[len(waits) // 2] if waits else 0.0,
    }


def run_clients(port: int, count: int, size: int) -> None:
    raise_file_limit()
    print(json.dumps(asyncio.run(_run_clients(port, count, size))), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.peers")
    parser.add_argument("role", choices=["sender", "sink", "echo", "clients"])
    parser.add_argument("--size", type=int, default=BLOCK)
    parser.add_argument("--payload", choices=["binary", "text"], default="binary")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--count", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        if args.role == "sender":
            serve_sender(args.size, args.payload)
        elif args.role == "sink":
            serve_sink(args.size)
        elif args.role == "echo":
            serve_echo()
        else:
            run_clients(args.port, args.count, args.size)
    except (KeyboardInterrupt, BrokenPipeError):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m bench NAME|all [options]`: run benchmarks; each prints its figures, then, last,
a `summary: NAME: ...` line with its ratios and whether the targets are met.

Sizes come from the options, or from BENCH_SIZE / BENCH_COUNT / BENCH_CLIENTS / BENCH_RUNS /
BENCH_ENTRIES / BENCH_REPEAT in the environment. `all` runs each bench in its own process (so one bench's
memory does not count against the next) and repeats the summaries at the end.
Exit status: 0 when every target is met, 3 when a target is missed, 1 on an error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
from pathlib import Path

from .sizes import parse_size

ROOT = Path(__file__).resolve().parent.parent

BENCHES = {
    "receive": "1 GiB from a sender process through the session and the visible log (Hex, Text, paused)",
    "send": "1 GiB through ClientSession.send with back-pressure to a receiving process",
    "latency": "10 000 request/reply round trips of 64 bytes to an echo process",
    "server": "1 000 simultaneous clients against ListenServer(echo) vs an asyncio echo server",
    "startup": "process start to the first painted main window vs importing QtWidgets",
    "log": "1 000 000 records appended in bursts to the visible LogModel",
}


def _env_size(name: str) -> int | None:
    value = os.environ.get(name)
    return parse_size(value) if value else None


def _env_int(name: str) -> int | None:
    value = os.environ.get(name)
    return int(value) if value else None


def build_parser() -> argparse.ArgumentParser:
    names = "\n".join(f"  {name:<8} {text}" for name, text in BENCHES.items())
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.split("\n\n")[0],
        epilog=f"benchmarks:\n{names}", formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", choices=[*BENCHES, "all"])
    parser.add_argument("--size", type=parse_size, default=_env_size("BENCH_SIZE"),
                        help="bytes for receive/send, e.g. 64M or 1G (default 1G)")
    parser.add_argument("--count", type=int, default=_env_int("BENCH_COUNT"),
                        help="round trips for latency (default 10000)")
    parser.add_argument("--message", type=int, default=None,
                        help="message bytes for latency (64) and server (100)")
    parser.add_argument("--clients", type=int, default=_env_int("BENCH_CLIENTS"),
                        help="simultaneous clients for server (default 1000)")
    parser.add_argument("--runs", type=int, default=_env_int("BENCH_RUNS"),
                        help="process starts for startup, per side (default 7)")
    parser.add_argument("--entries", type=int, default=_env_int("BENCH_ENTRIES"),
                        help="records for log (default 1000000)")
    parser.add_argument("--burst", type=int, default=None, help="records per burst for log (default 5000)")
    parser.add_argument("--repeat", type=int, default=_env_int("BENCH_REPEAT") or 3,
                        help="receive/send/server: run each our/reference pair this many times, alternating, "
                             "and compare the best of each (default 3)")
    parser.add_argument("--modes", type=lambda text: tuple(text.split(",")), default=None,
                        help="receive display modes, comma-separated: hex,text,text+hex,paused")
    parser.add_argument("--display", default="text", choices=["hex", "text", "text+hex", "paused"],
                        help="log display mode for send/latency/server/log (default text)")
    parser.add_argument("--feed", default="chunks", choices=["chunks", "one"],
                        help="send: top up 1 MiB chunks as bytes are written, or one send() of it all")
    parser.add_argument("--payload", default="binary", choices=["binary", "text"],
                        help="bytes the sender sends: random binary or lines of text")
    parser.add_argument("--window", default="auto", choices=["auto", "main", "panel"],
                        help="show the log in the MainWindow, in a bare LogPanel, or auto (main if it builds)")
    return parser


def run_one(name: str, args) -> int:
    module = importlib.import_module(f"bench.{name}")
    line = module.run(args)
    print(line, flush=True)
    return 0 if "MISSES" not in line else 3


def run_all(argv: list[str]) -> int:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    summaries, worst = [], 0
    for name in BENCHES:
        rest = [arg for arg in argv if arg != "all"]
        result = subprocess.run([sys.executable, "-m", "bench", name, *rest], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, text=True, check=False)
        sys.stdout.write(result.stdout)
        sys.stdout.flush()
        lines = [line for line in result.stdout.splitlines() if line.startswith("summary:")]
        summaries.append(lines[-1] if lines else f"summary: {name}: failed (exit status {result.returncode})")
        worst = max(worst, result.returncode if result.returncode in (0, 3) else 1)
    print("\n" + "\n".join(summaries), flush=True)
    return worst


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    if args.name == "all":
        return run_all(argv)
    return run_one(args.name, args)


if __name__ == "__main__":
    sys.exit(main())

"""The benchmarks keep working: each runs on tiny sizes and ends with its summary line.

Timings are never asserted (the machine is shared); a missed target is exit status 3 and
still counts as working. Each bench runs in its own process, as `python -m bench NAME`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.sizes import GIB, KIB, MIB, parse_size

ROOT = Path(__file__).resolve().parent.parent

TINY = {
    "receive": ["--size", "1M", "--repeat", "1"],
    "send": ["--size", "1M", "--repeat", "1"],
    "latency": ["--count", "50"],
    "server": ["--clients", "20", "--repeat", "1"],
    "startup": ["--runs", "1"],
    "log": ["--entries", "20000", "--burst", "2000"],
}
# Words each summary must carry besides its name: the figure it exists to report.
SUMMARY_WORDS = {
    "receive": ["ratio hex", "ratio text", "ratio paused", "peak RSS growth"],
    "send": ["ratio", "longest stall"],
    "latency": ["median ratio", "p99/median"],
    "server": ["20/20 echoed", "time ratio"],
    "startup": ["ratio", "medians"],
    "log": ["records/s", "rows", "full/empty flush"],
}


def run_bench(name: str, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "bench", name, *TINY[name], *extra], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("name", list(TINY))
def test_bench_runs_and_ends_with_its_summary(name):
    result = run_bench(name)
    assert result.returncode in (0, 3), result.stderr[-2000:]
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) >= 2, result.stdout
    summary = lines[-1]
    assert summary.startswith(f"summary: {name}: "), summary
    assert summary.endswith("meets every target") or "-> MISSES: " in summary
    for word in SUMMARY_WORDS[name]:
        assert word in summary, summary
    assert (result.returncode == 3) == ("MISSES" in summary)


def test_sizes_read_like_people_write_them():
    assert parse_size("64M") == 64 * MIB
    assert parse_size("1G") == GIB
    assert parse_size("512k") == 512 * KIB
    assert parse_size("64MiB") == 64 * MIB
    assert parse_size("1000") == 1000
    with pytest.raises(ValueError):
        parse_size("lots")

"""Numbers for the benchmarks: sizes people type, and the figures they read. No Qt here."""

from __future__ import annotations

import statistics

KIB, MIB, GIB = 1024, 1024**2, 1024**3
_UNITS = {"": 1, "K": KIB, "M": MIB, "G": GIB}


def parse_size(text: str | int) -> int:
    """`64M`, `1G`, `512k`, `64MiB`, `1000` -> bytes (K/M/G are powers of 1024)."""
    if isinstance(text, int):
        return text
    value = text.strip().upper().removesuffix("B").removesuffix("I")
    unit = value[-1:] if value[-1:] and value[-1:] in "KMG" else ""
    number = value[: len(value) - len(unit)]
    try:
        return int(float(number) * _UNITS[unit])
    except ValueError:
        raise ValueError(f"not a size: {text!r} (use e.g. 64M, 1G, 512K)") from None


def human_size(n: float) -> str:
    for unit in ("B", "KiB", "MiB"):
        if abs(n) < 1024:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.2f} GiB"


def rate(size: int, seconds: float) -> str:
    return f"{size / seconds / 1e6:,.0f} MB/s" if seconds > 0 else "-"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0

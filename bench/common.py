"""What every benchmark shares: sizes, the Qt application with the log on screen, peer
processes, memory and stall readings, and the one-line summary with its targets."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Self

# Before Qt is imported: the figures are taken offscreen, as in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Random bytes shown as text reach scripts the offscreen fonts lack; Qt would say so per font.
os.environ.setdefault("QT_LOGGING_RULES", "qt.text.font.db=false")

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from .sizes import MIB

ROOT = Path(__file__).resolve().parent.parent


def load_note() -> str:
    """The machine is shared: every figure says how busy it was."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (5 min {five:.2f}) on {os.cpu_count()} cores"


def rss_bytes() -> int:
    """The current resident set size of this process."""
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss_bytes() -> int:
    """The highest resident set size this process ever had (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def raise_file_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# ------------------------------------------------------------------------- targets
class Verdict:
    """Collects the targets a bench checks; its `line()` is the bench's last output line."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.misses: list[str] = []

    def at_least(self, label: str, value: float, limit: float, fmt: str = "{:.2f}") -> str:
        text = f"{label} {fmt.format(value)} (target >= {fmt.format(limit)})"
        if not value >= limit:
            self.misses.append(f"{label} {fmt.format(value)} < {fmt.format(limit)}")
        return text

    def at_most(self, label: str, value: float, limit: float, fmt: str = "{:.2f}") -> str:
        text = f"{label} {fmt.format(value)} (target <= {fmt.format(limit)})"
        if not value <= limit:
            self.misses.append(f"{label} {fmt.format(value)} > {fmt.format(limit)}")
        return text

    def fail(self, why: str) -> None:
        self.misses.append(why)

    def line(self, parts: list[str]) -> str:
        outcome = "meets every target" if not self.misses else "MISSES: " + "; ".join(self.misses)
        return f"summary: {self.name}: " + "; ".join(parts) + f" -> {outcome}"


def say(text: str = "") -> None:
    print(text, flush=True)


# ------------------------------------------------------------------------- peer processes
class Peer:
    """A bench.peers process; listening roles tell their port on the first line."""

    def __init__(self, role: str, *args: str, listens: bool = True) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.peers", role, *args],
            stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env,
        )
        self.port = 0
        if listens:
            line = self.process.stdout.readline().split()
            if len(line) != 2 or line[0] != "PORT":
                self.close()
                raise RuntimeError(f"peer {role} did not start: {line!r}")
            self.port = int(line[1])

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(10)
        self.process.stdout.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# ------------------------------------------------------------------------- the event loop
def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        from ui.application import create_application, tune_for_a_long_run

        app = create_application(["socket-tester-bench"])
        tune_for_a_long_run()
    return app


class Waiter:
    """Run the event loop until `done()` is called (connect it to a signal) or time runs out."""

    def __init__(self, timeout_s: float) -> None:
        self.finished = False
        self._loop = QEventLoop()
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(timeout_s * 1000))
        self._timer.timeout.connect(self._loop.quit)

    def done(self, *_args) -> None:
        self.finished = True
        self._loop.quit()

    def run(self) -> bool:
        if not self.finished:
            self._timer.start()
            self._loop.exec()
            self._timer.stop()
        return self.finished


def settle(ms: int) -> None:
    """Let queued work (log flushes, repaints) happen for `ms` milliseconds."""
    waiter = Waiter(ms / 1000)
    waiter.run()


# ------------------------------------------------------------------------- the visible app
class _PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


class _RssSampler(QObject):
    """The peak RSS while the event loop runs (ru_maxrss would also count earlier runs)."""

    def __init__(self) -> None:
        super().__init__()
        self.baseline = self.peak = rss_bytes()
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self.sample)

    def start(self, interval_ms: int = 20) -> None:
        self.baseline = self.peak = rss_bytes()
        self._timer.start(interval_ms)

    def sample(self) -> None:
        self.peak = max(self.peak, rss_bytes())

    def stop(self) -> int:
        self.sample()
        self._timer.stop()
        return self.peak - self.baseline


def _usage() -> tuple[int, int]:
    """(involuntary context switches, minor page faults) so far. The first are stalls the
    process did not cause (the OS ran something else); the second show memory taken fresh
    from the OS instead of reused (each fault costs the kernel a zeroed page)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_nivcsw, usage.ru_minflt


@dataclass
class RunStats:
    longest_stall_ms: float
    paints: int
    rss_growth: int
    rows: int
    skipped_entries: int
    preempted: int  # involuntary context switches during the run
    page_faults: int  # minor page faults during the run

    def describe(self) -> str:
        skipped = f", {self.skipped_entries:,} records skipped by the flood budget" if self.skipped_entries else ""
        return (f"longest stall {self.longest_stall_ms:.0f} ms · {self.paints} log repaints · "
                f"RSS peak +{self.rss_growth / MIB:.0f} MiB · {self.rows:,} log rows{skipped} · "
                f"preempted {self.preempted:,} times · {self.page_faults:,} page faults")


class Harness:
    """The app on screen: a ClientSession feeding the log shown in a real LogPanel.

    `window="main"` uses the whole MainWindow (its own session, log and heartbeat);
    `"panel"` puts ui.log_panel.LogPanel in a plain QMainWindow; `"auto"` tries the main
    window first and says which one it got.
    """

    def __init__(self, window: str = "auto") -> None:
        from app.heartbeat import Heartbeat

        self.app = application()
        self.description = ""
        self.window = None
        self.is_main_window = False
        self.extra_widgets: list = []  # other windows a bench shows (a server panel)
        if window in ("auto", "main"):
            try:
                self._build_main_window()
            except Exception as exc:  # a half-built window is reported, not hidden
                if window == "main":
                    raise
                self.description = f"LogPanel (MainWindow unavailable: {type(exc).__name__}: {exc})"
        if self.window is None:
            self._build_log_panel(Heartbeat)
            self.description = self.description or "LogPanel"
        self.window.resize(1000, 700)
        self.window.show()
        self._paint_counter = _PaintCounter()
        self.panel.logView.viewport().installEventFilter(self._paint_counter)
        self._rss = _RssSampler()
        self._usage = (0, 0)
        settle(300)

    def _build_main_window(self) -> None:
        from ui.main_window import MainWindow

        window = MainWindow()
        self.window = window
        self.is_main_window = True
        self.session = window.session
        self.model = window.log_model
        self.feed = window.log_feed
        self.panel = window.log_panel
        self.heartbeat = window.heartbeat
        self.description = "MainWindow"

    def _build_log_panel(self, heartbeat_class) -> None:
        from app.log_feed import LogFeed
        from app.log_model import LogModel
        from app.session import ClientSession
        from ui.log_panel import LogPanel

        self.window = QMainWindow()
        self.session = ClientSession(self.window)
        self.model = LogModel(self.window)
        self.feed = LogFeed(self.model, self.window)
        self.session.event_recorded.connect(self.feed.on_event)
        self.panel = LogPanel(self.model)
        self.window.setCentralWidget(self.panel)
        self.heartbeat = heartbeat_class(self.window)
        self.heartbeat.start()

    def set_display(self, mode_name: str) -> None:
        """`hex`, `text`, `text+hex`, or `paused` (the log's Pause box: data is not shown)."""
        from app.log_model import DisplayMode

        self.panel.pauseCheck.setChecked(mode_name == "paused")
        if mode_name == "paused":
            return
        wanted = {"hex": DisplayMode.HEX, "text": DisplayMode.TEXT, "text+hex": DisplayMode.TEXT_AND_HEX}[mode_name]
        combo = self.panel.displayCombo
        combo.setCurrentIndex(combo.findData(wanted))

    def begin_run(self, rss_every_ms: int = 20) -> None:
        """`rss_every_ms`: how often the peak RSS is sampled (a /proc read in our event loop)."""
        self.model.clear()
        settle(100)
        self._paint_counter.paints = 0
        self._usage = _usage()
        self.heartbeat.reset()
        self._rss.start(rss_every_ms)

    def end_run(self) -> RunStats:
        stall = self.heartbeat.longest_stall_ms
        growth = self._rss.stop()
        settle(100)  # the last flush and repaint belong to the run
        stall = max(stall, self.heartbeat.longest_stall_ms)
        switches, faults = _usage()
        return RunStats(stall, self._paint_counter.paints, growth, self.model.rowCount(),
                        self.model.skipped_entries, switches - self._usage[0], faults - self._usage[1])

    def drop_extra_widgets(self) -> None:
        for widget in self.extra_widgets:
            widget.close()
            widget.deleteLater()
        self.extra_widgets.clear()

    def close(self) -> None:
        self.drop_extra_widgets()
        self.window.close()
        self.window.deleteLater()
        settle(50)

"""startup: process start to the first painted main window, against importing QtWidgets.

Ours: `python -m bench.first_paint`, which runs the app's own entry point (`python -m app`)
and prints "painted" once the main window's first frame is painted: timed from the outside,
spawn to that line. It then reports when the side tabs the window builds after its first
frame were ready. Reference: `python -c "import PySide6.QtWidgets"`, timed spawn to exit.
Alternating, RUNS times each; the medians are compared. Target: ratio <= 1.6.

Also timed, to show what any PySide window pays before our code does anything: a hello-world
QMainWindow, then the same with one menu action and shortcut (PySide then builds the Python
enums of the whole Qt namespace, ~10 ms), then with a QTcpSocket added.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

from .common import ROOT, Verdict, load_note, say
from .sizes import median

DEFAULT_RUNS = 7
RATIO_TARGET = 1.6
REFERENCE = [sys.executable, "-c", "import PySide6.QtWidgets"]
OURS = [sys.executable, "-m", "bench.first_paint"]


# What every PySide socket window pays: level 0 a hello-world QMainWindow, 1 with a menu
# action and its shortcut, 2 with a QTcpSocket as well. Exits once the window has painted.
FLOOR_WINDOW = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
level = int(sys.argv[1])
app = QApplication(["floor", "-style", "fusion"])
window = QMainWindow()
window.setCentralWidget(QLabel("hello"))
if level >= 1:
    from PySide6.QtGui import QAction, QKeySequence
    action = QAction("Connect", window)
    action.setShortcut(QKeySequence("Ctrl+K"))
    window.menuBar().addMenu("File").addAction(action)
if level >= 2:
    from PySide6.QtNetwork import QTcpSocket
    sock = QTcpSocket(window)
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: os._exit(0))
        return False
spy = Painted()
window.installEventFilter(spy)
window.show()
app.exec()
"""
FLOORS = {"hello-world window": "0", "+ menu action with shortcut": "1", "+ QTcpSocket": "2"}


def _timed(command: list[str], env: dict, until: str | None = None) -> tuple[float, str]:
    """Seconds from spawn to exit, or to the first stdout line equal to `until`."""
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    seen = None
    try:
        if until is not None:
            for line in process.stdout:
                if line.strip() == until:
                    seen = time.perf_counter() - began
                    break
        output, _ = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    exited = time.perf_counter() - began
    if process.returncode != 0 or (until is not None and seen is None):
        raise RuntimeError(f"{' '.join(command[1:])} exited with {process.returncode} "
                           f"{'before printing ' + repr(until) if seen is None and until else ''}: {output.strip()}")
    return (seen if until is not None else exited), output.strip()


def run(args) -> str:
    runs = args.runs or DEFAULT_RUNS
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed app starts from compiled bytecode; with PYTHONDONTWRITEBYTECODE (set in some
    # dev shells) every start would compile our modules again (~50 ms). The cache goes to a
    # temporary directory, never into the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "socket-tester-bench-pycache")
    verdict = Verdict("startup")
    say(f"startup: `python -m app` to its first painted main window vs `python -c \"import PySide6.QtWidgets\"`, "
        f"{runs} runs each, alternating; {load_note()}")
    floors = {name: [sys.executable, "-c", FLOOR_WINDOW, level] for name, level in FLOORS.items()}
    _timed(REFERENCE, env)  # one unmeasured start of each fills the OS file cache
    _timed(OURS, env, until="painted")
    for command in floors.values():
        _timed(command, env)
    ours, refs, marks = [], [], []
    floor_times: dict[str, list[float]] = {name: [] for name in floors}
    for _ in range(runs):
        refs.append(_timed(REFERENCE, env)[0])
        elapsed, output = _timed(OURS, env, until="painted")
        ours.append(elapsed)
        lines = [line for line in output.splitlines() if line.startswith("{")]
        marks.append(json.loads(lines[-1]) if lines else {})
        for name, command in floors.items():
            floor_times[name].append(_timed(command, env)[0])
    ours_ms, refs_ms = median(ours) * 1000, median(refs) * 1000
    inside = {key: median([m[key] for m in marks if key in m]) for key in
              ("imports_ms", "application_ms", "shown_ms", "first_frame_done_ms", "side_pages_built_ms")}
    say(f"  ours: median {ours_ms:.0f} ms to the first painted frame "
        f"(each: {' '.join(f'{t * 1000:.0f}' for t in ours)})")
    say(f"        inside the process (median, from its first line): Qt imports {inside['imports_ms']:.0f} ms, "
        f"QApplication {inside['application_ms']:.0f} ms, window shown at {inside['shown_ms']:.0f} ms, "
        f"first frame done at {inside['first_frame_done_ms']:.0f} ms, side tabs built at "
        f"{inside['side_pages_built_ms']:.0f} ms")
    say(f"  import PySide6.QtWidgets: median {refs_ms:.0f} ms (each: {' '.join(f'{t * 1000:.0f}' for t in refs)})")
    for name, times in floor_times.items():
        floor_ms = median(times) * 1000
        say(f"  for scale, {name}: median {floor_ms:.0f} ms, ratio {floor_ms / refs_ms:.2f}")
    say(f"  {load_note()}")
    ratio = ours_ms / refs_ms
    return verdict.line([verdict.at_most("ratio", ratio, RATIO_TARGET),
                         f"medians {ours_ms:.0f} vs {refs_ms:.0f} ms"])

"""startup: process start to the first painted main window, against importing QtWidgets.

Ours: `python -m bench.first_paint`, which runs the app's own entry point (`python -m app`)
and exits once the main window's first frame is painted. Reference: `python -c "import
PySide6.QtWidgets"`. Both timed from the outside (spawn to exit), alternating, RUNS times
each; the medians are compared. Target: ratio <= 1.6.
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


def _timed(command: list[str], env: dict) -> tuple[float, str]:
    began = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, timeout=120, check=False)
    elapsed = time.perf_counter() - began
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[1:])} exited with {result.returncode}: {result.stdout.strip()}")
    return elapsed, result.stdout.strip()


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
    _timed(REFERENCE, env)  # one unmeasured start of each fills the OS file cache
    _timed(OURS, env)
    ours, refs, marks = [], [], []
    for _ in range(runs):
        refs.append(_timed(REFERENCE, env)[0])
        elapsed, output = _timed(OURS, env)
        ours.append(elapsed)
        lines = [line for line in output.splitlines() if line.startswith("{")]
        marks.append(json.loads(lines[-1]) if lines else {})
    ours_ms, refs_ms = median(ours) * 1000, median(refs) * 1000
    inside = {key: median([m[key] for m in marks if key in m]) for key in
              ("imports_ms", "application_ms", "first_paint_ms", "first_frame_done_ms")}
    say(f"  ours: median {ours_ms:.0f} ms (each: {' '.join(f'{t * 1000:.0f}' for t in ours)})")
    say(f"        inside the process (median): Qt and ui imports {inside['imports_ms']:.0f} ms, "
        f"QApplication {inside['application_ms']:.0f} ms, first paint at {inside['first_paint_ms']:.0f} ms, "
        f"first frame done at {inside['first_frame_done_ms']:.0f} ms (after interpreter start-up)")
    say(f"  import PySide6.QtWidgets: median {refs_ms:.0f} ms (each: {' '.join(f'{t * 1000:.0f}' for t in refs)})")
    say(f"  {load_note()}")
    ratio = ours_ms / refs_ms
    return verdict.line([verdict.at_most("ratio", ratio, RATIO_TARGET),
                         f"medians {ours_ms:.0f} vs {refs_ms:.0f} ms"])

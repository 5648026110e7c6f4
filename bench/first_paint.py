"""`python -m bench.first_paint`: start the app as `python -m app` does, and exit as soon as
the main window's first frame is painted. Prints one JSON line of in-process timings.

Run by bench.startup, which times the whole process from the outside. The app itself is
untouched: an application-wide event filter sees the first Paint event of a QMainWindow (or
anything in it), lets that frame finish, then leaves with os._exit (no teardown is timed).
"""

from __future__ import annotations

import json
import os
import sys
import time

began = time.perf_counter()


def main() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QMainWindow

    from ui.application import create_application

    imported = time.perf_counter()
    app = create_application(sys.argv[:1])
    created = time.perf_counter()
    marks = {"imports_ms": (imported - began) * 1000, "application_ms": (created - imported) * 1000}

    def leave() -> None:
        marks["first_frame_done_ms"] = (time.perf_counter() - began) * 1000
        print(json.dumps(marks), flush=True)
        os._exit(0)

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if (event.type() == QEvent.Type.Paint and "first_paint_ms" not in marks
                    and watched.isWidgetType() and isinstance(watched.window(), QMainWindow)):
                marks["first_paint_ms"] = (time.perf_counter() - began) * 1000
                QTimer.singleShot(0, leave)  # after the rest of this frame is painted
            return False

    spy = FirstPaint()
    app.installEventFilter(spy)
    QTimer.singleShot(30_000, lambda: (print(json.dumps({"error": "no paint in 30 s"}), flush=True),
                                       os._exit(1)))
    from app.__main__ import main as app_main

    # The app's own entry point: it finds our QApplication and builds, shows and runs the window.
    sys.exit(app_main([]))


if __name__ == "__main__":
    main()

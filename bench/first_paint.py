"""`python -m bench.first_paint`: start the app as `python -m app` does, and exit as soon as
the main window's first frame is painted: it prints "painted" the moment that frame is done
(bench.startup times the process from its start to that line), then waits for the side tabs
the window builds after its first frame, prints one JSON line of in-process timings and
leaves with os._exit (no teardown).

The app itself is untouched: the main window's `show` is wrapped to put an event filter on
that one window, which sees its first Paint event and lets the rest of that frame paint.

The filter sits on the window, not on the QApplication: an application-wide Python filter
makes PySide wrap every object that gets an event (animations, internal helpers), and
wrapping a type it has not met yet builds that type's Python enums. Measured here, that alone
added ~19 ms to a hello-world window's first paint, a cost of the measuring, not of the app.
"""

from __future__ import annotations

import os
import sys
import time

began = time.perf_counter()


def main() -> None:
    from app.__main__ import begin_start_up

    begin_start_up()  # first, as `python -m app` does before it loads Qt
    from PySide6.QtCore import QEvent, QObject, QTimer

    from ui.application import create_application

    imported = time.perf_counter()
    app = create_application(sys.argv[:1])
    created = time.perf_counter()
    marks = {"imports_ms": (imported - began) * 1000, "application_ms": (created - imported) * 1000,
             "platform": app.platformName()}

    def leave() -> None:
        import json  # not before the first frame: the bench times the app, not itself

        print(json.dumps(marks), flush=True)
        os._exit(0)

    def frame_done() -> None:
        marks["first_frame_done_ms"] = (time.perf_counter() - began) * 1000
        print("painted", flush=True)
        if "side_pages_built_ms" in marks:
            leave()

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and "first_paint_ms" not in marks:
                marks["first_paint_ms"] = (time.perf_counter() - began) * 1000
                QTimer.singleShot(0, frame_done)  # after the rest of this frame is painted
            return False

    spy = FirstPaint()
    from ui import main_window

    window_show = main_window.MainWindow.show
    build_side_pages = main_window.MainWindow._build_side_pages

    def show_watched(window) -> None:
        marks["shown_ms"] = (time.perf_counter() - began) * 1000
        window.installEventFilter(spy)
        window_show(window)

    def side_pages_timed(window):
        pages = build_side_pages(window)
        marks["side_pages_built_ms"] = (time.perf_counter() - began) * 1000
        if "first_frame_done_ms" in marks:
            QTimer.singleShot(0, leave)
        return pages

    main_window.MainWindow.show = show_watched
    main_window.MainWindow._build_side_pages = side_pages_timed
    QTimer.singleShot(30_000, lambda: (print('{"error": "no paint in 30 s"}', flush=True), os._exit(1)))
    from app.__main__ import main as app_main

    # The app's own entry point: it finds our QApplication and builds, shows and runs the window.
    sys.exit(app_main([]))


if __name__ == "__main__":
    main()

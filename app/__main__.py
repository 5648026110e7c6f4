"""`python -m app` / `socket-tester`: parse the command line, then open the window."""

from __future__ import annotations

import gc
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    import argparse

# What the parser gives for an empty command line (tests/test_cli.py holds the two equal).
# Started with no arguments, as from a desktop menu, the app skips argparse: importing and
# building it is ~3 ms of a start-up measured in tens of milliseconds (README, Performance).
NO_ARGUMENTS = SimpleNamespace(host=None, port=None, demo=None, connect=False, lang=None, screenshot=None)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from .demo_kinds import DEMO_KINDS

    kinds = "\n".join(f"  {kind:<18} {text}" for kind, text in DEMO_KINDS.items())
    parser = argparse.ArgumentParser(
        prog="socket-tester",
        description="Talk to TCP services by hand and watch every asynchronous socket callback.",
        epilog=f"demo server kinds (--demo KIND):\n{kinds}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", help="host to connect to (name, IPv4, or IPv6 such as ::1)")
    parser.add_argument("--port", help="port to connect to (1-65535)")
    parser.add_argument("--demo", nargs="?", const="echo", metavar="KIND", choices=list(DEMO_KINDS),
                        help="start a built-in demo server on 127.0.0.1 (default kind: echo) and connect to it")
    parser.add_argument("--connect", action="store_true", help="connect at start to --host/--port")
    parser.add_argument("--lang", metavar="CODE", help="user interface language, e.g. en or ko (default: system)")
    parser.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"Socket Tester {__version__}")
    return parser


def parse_arguments(argv: list[str] | None = None) -> SimpleNamespace | argparse.Namespace:
    argv = sys.argv[1:] if argv is None else argv
    return build_parser().parse_args(argv) if argv else NO_ARGUMENTS


def begin_start_up() -> None:
    """Objects made from here to the first frame (Qt's modules, ours, the window) live as long
    as the window: the cyclic collector's passes over them are wasted work, ~4 ms of start-up
    measured. tune_for_a_long_run() turns it back on once start-up is over, and first freezes
    them out of its way for good."""
    gc.disable()


def main(argv: list[str] | None = None) -> int:
    begin_start_up()
    args = parse_arguments(argv)

    from .platform_check import no_display_problem, xcb_problem

    problem = no_display_problem() or xcb_problem()
    if problem:
        print(problem, file=sys.stderr)
        gc.enable()
        return 1

    from PySide6.QtWidgets import QApplication

    from ui.application import create_application, take_screenshot_later, tune_for_a_long_run
    from ui.main_window import MainWindow

    app = QApplication.instance() or create_application(sys.argv[:1], lang=args.lang)
    window = MainWindow()
    window.start_up_finished.connect(tune_for_a_long_run)
    if args.host:
        window.hostEdit.setText(args.host)
    if args.port:
        window.portEdit.setText(args.port)
    window.show()
    if args.demo:
        window.start_demo(args.demo)
    elif args.connect:
        window.connect_to_host()
    if args.screenshot:
        take_screenshot_later(window, args.screenshot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

"""The command line: --version, --help and the friendly message for missing X libraries."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app import __version__
from app.__main__ import NO_ARGUMENTS, build_parser, parse_arguments
from app.platform_check import XCB_LIBRARIES, loadable, xcb_problem


def run_app(*args: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env})


def test_version():
    result = run_app("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Socket Tester {__version__}"


def test_help_explains_every_option_and_demo_kind():
    text = build_parser().format_help()
    for option in ("--host", "--port", "--demo", "--version", "--lang", "--connect"):
        assert option in text
    for kind in ("echo", "eof", "drip", "flood", "never-read", "slow-accept"):
        assert kind in text


def test_an_empty_command_line_means_what_the_parser_says():
    # Without arguments the app skips argparse; what it uses instead must be the parser's defaults.
    assert vars(build_parser().parse_args([])) == vars(NO_ARGUMENTS)
    assert parse_arguments([]) is NO_ARGUMENTS
    assert parse_arguments(["--port", "8"]).port == "8"


def test_unknown_demo_kind_is_refused():
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--demo", "nope"])


def test_missing_xcb_libraries_are_named_with_their_packages(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr("app.platform_check.loadable", lambda soname: soname != "libxcb-cursor.so.0")
    message = xcb_problem()
    assert message is not None
    assert "apt-get install libxcb-cursor0" in message
    assert "libxcb-icccm4" not in message


def test_no_message_when_offscreen(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr("app.platform_check.loadable", lambda soname: False)
    assert xcb_problem() is None
    assert "libxcb-cursor.so.0" in XCB_LIBRARIES


def test_the_loader_is_asked_for_each_library():
    # On this machine the C library loads and a made-up one does not.
    assert loadable("libc.so.6")
    assert not loadable("libsocket-tester-no-such-library.so.9")


def test_no_display_gets_a_sentence_not_a_qt_abort():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "app"], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 1
    assert "No display found" in result.stderr and "xvfb-run" in result.stderr

"""Before Qt loads its xcb plugin: name the Debian/Ubuntu packages that are missing.

Qt's own message for a missing xcb library ("Could not load the Qt platform plugin xcb ...")
suggests one package even when another is missing; here we look each library up ourselves.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

# Shared library -> the Debian/Ubuntu package that ships it.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-shape": "libxcb-shape0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-image": "libxcb-image0",
    "xcb-randr": "libxcb-randr0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "X11-xcb": "libx11-xcb1",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
}


def missing_xcb_packages() -> list[str]:
    return [package for lib, package in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None]


def uses_xcb() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.startswith("xcb")
    return bool(os.environ.get("DISPLAY")) and not os.environ.get("WAYLAND_DISPLAY")


def no_display_problem() -> str | None:
    """On Linux with no display at all, say so instead of Qt's 'could not connect to display'."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("No display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Run Socket Tester on a "
            "desktop, or under a virtual screen: xvfb-run -a python3 dev.py demo")


def xcb_problem() -> str | None:
    """A message naming what to install, or None when the xcb plugin can load."""
    if not uses_xcb():
        return None
    missing = missing_xcb_packages()
    if not missing:
        return None
    return (
        "Socket Tester needs these X11 libraries, which Qt's xcb plugin loads:\n"
        f"    sudo apt-get install {' '.join(missing)}\n"
        "(or run without a screen: QT_QPA_PLATFORM=offscreen)"
    )

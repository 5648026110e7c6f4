"""Before Qt loads its xcb plugin: name the Debian/Ubuntu packages that are missing.

Qt's own message for a missing xcb library ("Could not load the Qt platform plugin xcb ...")
suggests one package even when another is missing; here we look each library up ourselves.
"""

from __future__ import annotations

import os
import sys

# Shared library (its soname, as the xcb plugin asks the loader for it) -> the Debian/Ubuntu
# package that ships it.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
}


def loadable(soname: str) -> bool:
    """Asks the dynamic loader itself, as Qt will a moment later. (ctypes.util.find_library
    would run `ldconfig -p` once per library: tens of milliseconds of every start on a
    desktop.) A library found here is one the xcb plugin loads anyway."""
    import ctypes

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_xcb_packages() -> list[str]:
    return [package for soname, package in XCB_LIBRARIES.items() if not loadable(soname)]


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

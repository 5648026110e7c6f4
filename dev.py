#!/usr/bin/env python3
"""Socket Tester's one entry point for people and CI: `python3 dev.py demo | test | bench | run`.

Needs only Python 3.10+. It makes `.venv/`, installs the project into it (again whenever
pyproject.toml changes) and, on Debian/Ubuntu, the system libraries Qt loads, then runs the
app, the tests or the benchmarks with that venv's Python.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

# Libraries Qt's QtGui/QtWidgets/QtNetwork load from the system even offscreen -> Debian package.
QT_BASE_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
    "libX11.so.6": "libx11-6",
}
# A font, so that offscreen rendering (screenshots, PNG export) has glyphs.
FONT_PACKAGE = "fonts-dejavu-core"


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 10):
        sys.exit(f"dev.py: Python 3.10 or newer is needed (this is {sys.version.split()[0]}).")
    stamp = VENV / f".installed-{extras or 'app'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        say(f"creating {VENV.name}/")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    target = f".[{extras}]" if extras else "."
    say(f"installing {target} into {VENV.name}/ (first run only)")
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True, cwd=ROOT)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", target], check=True, cwd=ROOT)
    stamp.write_text(wanted)


def missing_system_packages() -> list[str]:
    if not sys.platform.startswith("linux"):
        return []
    found = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout \
        if Path("/sbin/ldconfig").exists() else ""
    missing = [pkg for lib, pkg in QT_BASE_LIBRARIES.items() if lib not in found]
    fonts = Path("/usr/share/fonts")
    if not (fonts.is_dir() and any(fonts.rglob("*.[ot]tf"))):
        missing.append(FONT_PACKAGE)
    return missing


def ensure_system_packages(extra: list[str] = ()) -> None:
    missing = missing_system_packages() + list(extra)
    if not missing:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say(f"installing system libraries Qt needs: {' '.join(missing)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    else:
        say("Qt needs system libraries that are missing; install them with:\n    sudo " + " ".join(command))
        sys.exit(1)


def xcb_packages() -> list[str]:
    """The X11 libraries the on-screen (xcb) plugin needs, when a display is in use."""
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return []
    if os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        return []
    code = "from app.platform_check import missing_xcb_packages as m; print(' '.join(m()))"
    out = subprocess.run([str(PYTHON), "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    return out.split()


def run_python(args: list[str], env: dict | None = None) -> int:
    return subprocess.run([str(PYTHON), *args], cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if rest[:1] == ["--"]:  # `dev.py run -- --demo drip`: what follows is the app's
        rest = rest[1:]
    if command == "test":
        ensure_venv("test")
        ensure_system_packages()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
        return run_python(["-m", "pytest", *rest], env)
    if command in ("demo", "run"):
        ensure_venv("")
        ensure_system_packages()
        ensure_system_packages(xcb_packages())
        return run_python(["-m", "app", *(["--demo"] if command == "demo" else []), *rest])
    if command == "bench":
        ensure_venv("test")
        ensure_system_packages()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        return run_python(["-m", "bench", *(rest or ["all"])], env)
    print(__doc__.strip())
    print("\ncommands:\n  demo   run the app against its built-in echo server\n"
          "  test   install what the tests need and run them (pytest arguments may follow)\n"
          "  bench  run the benchmarks (python -m bench NAME|all)\n  run    run the app (app arguments follow)")
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

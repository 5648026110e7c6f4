"""The QApplication: names for QSettings, the user's language, light/dark from the system."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def install_translators(app: QApplication, lang: str | None = None) -> list[QTranslator]:
    """Load our .qm (and Qt's own, for standard dialogs) for `lang` or the system locale."""
    locale = QLocale(lang) if lang else QLocale.system()
    translators = []
    ours = QTranslator(app)
    if ours.load(locale, "socket_tester", "_", str(TRANSLATIONS)):
        app.installTranslator(ours)
        translators.append(ours)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    return translators


def create_application(argv: list[str], *, lang: str | None = None) -> QApplication:
    """The application, ready for a window. Call tune_for_a_long_run() once start-up is over."""
    QApplication.setOrganizationName("SocketTester")
    QApplication.setApplicationName("Socket Tester")
    # Light and dark follow the system through the platform palette; Fusion honours it everywhere.
    # Chosen on the command line Qt reads, not with app.setStyle("Fusion"): that returns the
    # QStyle, and wrapping it builds QStyle's Python enums (~4 ms of start-up).
    program = argv[0] if argv else "socket-tester"
    app = QApplication([program, "-style", "fusion", *argv[1:]])
    install_translators(app, lang)
    return app


def tune_for_a_long_run() -> None:
    """Memory settings for hours of traffic (app/allocator.py). Not part of start-up: ctypes
    alone costs ~2 ms, and objects made until now are best frozen out of the collector's way."""
    from app.allocator import collect_garbage_less_often, keep_freed_buffers

    keep_freed_buffers()
    collect_garbage_less_often()


def take_screenshot_later(window, path: str, delay_ms: int = 2500) -> None:
    """For the README: send the prepared message, grab the window once the reply is in, quit."""

    def send() -> None:
        window.composer.request_send()

    def grab() -> None:
        window.grab().save(path)
        QApplication.instance().quit()

    for delay, action in ((delay_ms // 3, send), (delay_ms, grab)):
        timer = QTimer(window)
        timer.setSingleShot(True)
        timer.timeout.connect(action)
        timer.start(delay)

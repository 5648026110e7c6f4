import os

# Before Qt is imported anywhere: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

QCoreApplication.setOrganizationName("SocketTester")
QCoreApplication.setApplicationName("Socket Tester")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory):
    """Each test gets its own empty settings folder: nothing leaks between tests or to the user's."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder / "system"))
    return folder


# Shared fixtures: a session that records its events, demo servers stopped after the test,
# and the whole window.
@pytest.fixture
def session(qtbot):
    from app.session import ClientSession

    s = ClientSession()
    s.recorded = []
    s.event_recorded.connect(s.recorded.append)
    yield s
    s.abort()


@pytest.fixture
def demo(qtbot):
    """`demo("echo")` starts a demo server (its activity lines in `.lines`); all stop after."""
    from app.demo_servers import DemoServer

    servers = []

    def start(kind: str, **options):
        server = DemoServer(**options)
        server.lines = []
        server.activity.connect(server.lines.append)
        server.start(kind)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def window(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    # Ready as a user finds it: the side tabs are built right after the first frame.
    qtbot.waitUntil(lambda: w.side_pages_built, timeout=5000)
    yield w
    w.close()


@pytest.fixture
def korean(qapp):
    """Korean installed on the running application for one test, English again afterwards."""
    from ui.application import install_translators

    translators = install_translators(qapp, "ko")
    assert [t.language() for t in translators][:1] == ["ko"], "socket_tester_ko.qm did not load"
    try:
        yield translators
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "&Connect") == "&Connect"

"""Start-up order: the first frame shows the window; the network part (sessions, QtNetwork),
the hidden TLS rows and the side tabs not seen yet are built on the event loop's next turn
after it, or at once when something asks for one of them."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from app.saved_messages import SavedMessage
from app.session import ClientSession, SocketState, state_name
from ui.main_window import SIDE_PAGE_ROOM, UNCONNECTED, MainWindow
from ui.teaching_panel import DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_RECEIVE_TIMEOUT_MS

SIDE_TAB_NAMES = ["statsLabel", "timelineFitButton", "timelinePngButton", "timelineSvgButton"]


def _new_window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_side_tabs_are_built_just_after_the_first_frame(qtbot):
    window = _new_window(qtbot)
    titles = [window.side_tabs.tabText(i) for i in range(window.side_tabs.count())]
    assert len(titles) == 6  # every tab is there from the first frame, pages empty until built
    window.show()
    assert not window.side_pages_built
    assert window.findChild(QLabel, "statsLabel") is None

    qtbot.waitUntil(lambda: window.side_pages_built, timeout=5000)
    assert window.findChild(QLabel, "statsLabel") is window.statsLabel
    for name in SIDE_TAB_NAMES[1:]:
        assert window.findChild(QPushButton, name) is not None, name
    assert [window.side_tabs.tabText(i) for i in range(window.side_tabs.count())] == titles
    assert window.side_tabs.currentWidget() is window.teaching_panel
    assert [window.side_tabs.widget(i) for i in range(1, 6)] == [
        window.timeline_panel, window.demo_panel, window.server_panel, window.saved_panel, window.stats_panel]


def test_asking_for_a_side_page_builds_them_without_showing_the_window(qtbot):
    window = _new_window(qtbot)
    assert not window.side_pages_built
    demo_panel = window.demo_panel  # an attribute read is enough
    assert window.side_pages_built
    assert window.side_tabs.widget(2) is demo_panel
    assert window.side_pages() is window.side_pages()  # built once


def test_choosing_a_tab_before_it_is_built_shows_the_real_page(qtbot):
    window = _new_window(qtbot)
    window.side_tabs.setCurrentIndex(3)  # Listen, still empty
    assert window.side_pages_built
    assert window.side_tabs.currentIndex() == 3
    assert window.side_tabs.currentWidget() is window.server_panel


def test_a_window_closed_before_its_side_tabs_keeps_the_saved_messages(qtbot):
    first = _new_window(qtbot)
    first.saved_store.add(SavedMessage(name="greeting", host="127.0.0.1", port=7, format="text",
                                       content="hello", encoding="utf-8", line_ending="lf"))
    first.close()

    never_built = _new_window(qtbot)
    never_built.close()  # nothing was read, so nothing may be overwritten
    assert not never_built.side_pages_built

    third = _new_window(qtbot)
    assert [m.name for m in third.saved_store.messages()] == ["greeting"]
    third.close()


def test_the_start_up_path_does_not_load_what_the_first_frame_does_not_show():
    # A fresh interpreter, as `python -m app` starts: build the window, check what got imported.
    code = (
        "import sys\n"
        "from ui.application import create_application\n"
        "app = create_application(['t'])\n"
        "from ui.main_window import MainWindow\n"
        "w = MainWindow()\n"
        "late = ['ui.timeline_view', 'ui.demo_panel', 'ui.server_panel', 'ui.saved_panel',\n"
        "        'ui.throughput_graph', 'app.capture', 'app.demo_servers', 'app.listen_server',\n"
        "        'PySide6.QtSvg', 'ctypes', 'ssl', 'PySide6.QtNetwork', 'app.session', 'app.tls',\n"
        "        'app.udp_session', 'app.explain', 'dataclasses', 'argparse', 'PySide6.QtWidgets.QFileDialog']\n"
        "print(sorted(m for m in late if m in sys.modules))\n"
        "w.side_pages()\n"
        "w.network()\n"
        "print(sorted(m for m in late if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    before, after = result.stdout.strip().splitlines()[-2:]
    # argparse and ctypes are PySide's own on some versions; then they are loaded before us.
    assert [m for m in eval(before) if m not in ("argparse", "ctypes")] == []
    assert "ui.timeline_view" in after and "app.listen_server" in after and "PySide6.QtNetwork" in after


def test_object_names_of_the_side_tabs_are_found_once_the_window_is_ready(window):
    # The `window` fixture waits as a user does: past the first frame.
    for name in SIDE_TAB_NAMES:
        assert window.findChild(QWidget, name) is not None, name


def _layout(window: MainWindow) -> tuple:
    return window.size().toTuple(), window.log_splitter.sizes(), window.side_tabs.minimumSizeHint().toTuple()


@pytest.mark.parametrize("language", ["en", "ko"])
def test_building_the_side_tabs_moves_nothing_on_screen(qtbot, request, language):
    if language == "ko":
        request.getfixturevalue("korean")
    window = _new_window(qtbot)
    window.show()
    qtbot.waitExposed(window)
    first_frame = _layout(window)
    qtbot.waitUntil(lambda: window.side_pages_built, timeout=5000)
    QApplication.processEvents()  # the layout requests the new pages posted
    assert _layout(window) == first_frame
    # The room kept is what rules: every page built later fits in it.
    room = window.teaching_panel.minimumSize()
    for page in (window.timeline_panel, window.demo_panel, window.server_panel, window.saved_panel,
                 window.stats_panel):
        hint = page.minimumSizeHint()
        assert hint.width() <= room.width() and hint.height() <= room.height(), (page.objectName(), hint, room)
    metrics = window.teaching_panel.fontMetrics()
    assert room.width() == SIDE_PAGE_ROOM[0] * metrics.averageCharWidth()


def _tab_stops_after_the_side_tab_bar(window: MainWindow, count: int) -> list[QWidget]:
    stops, widget = [], window.side_tabs.tabBar()
    while len(stops) < count:
        widget = widget.nextInFocusChain()
        if widget is window.side_tabs.tabBar():
            break
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
    return stops


def test_tab_goes_from_the_side_tab_bar_into_the_page_built_later(qtbot, window):
    for index in range(window.side_tabs.count()):
        window.side_tabs.setCurrentIndex(index)
        QApplication.processEvents()
        page = window.side_tabs.currentWidget()
        first = _tab_stops_after_the_side_tab_bar(window, 1)[0]
        takes_focus = [w for w in page.findChildren(QWidget)
                       if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        if takes_focus:
            assert page.isAncestorOf(first), (window.side_tabs.tabText(index), first.objectName())
        else:  # Statistics: a graph and a label, nothing to type into
            assert first.objectName() == "messageEdit"
    # And on, out of the page, to the message: the page's stops all come before it.
    window.side_tabs.setCurrentWidget(window.saved_panel)
    QApplication.processEvents()
    names = [w.objectName() for w in _tab_stops_after_the_side_tab_bar(window, 6)]
    assert names[:2] == ["savedSearch", "savedList"]
    assert "messageEdit" in names and names.index("messageEdit") > names.index("savedList")


def test_a_window_closed_right_after_its_first_frame_builds_nothing_more(qtbot):
    window = _new_window(qtbot)
    window.show()
    window.close()
    window._finish_start_up()  # the call the first frame scheduled, arriving after close
    assert not window.side_pages_built


def test_the_room_kept_follows_a_projector_sized_font(window):
    before = window.teaching_panel.minimumSize()
    window.change_font_size(+8)
    after = window.teaching_panel.minimumSize()
    metrics = window.teaching_panel.fontMetrics()
    assert after.width() > before.width() and after.height() > before.height()
    assert after.width() >= SIDE_PAGE_ROOM[0] * metrics.averageCharWidth()
    hint = window.teaching_panel.minimumSizeHint()
    assert after.width() >= hint.width() and after.height() >= hint.height()


def test_the_heartbeat_counts_from_the_end_of_start_up(qtbot):
    window = _new_window(qtbot)
    window.show()
    window.heartbeat.longest_stall_ms = 99.0  # as the first paint and the build would leave it
    window._finish_start_up()
    assert window.side_pages_built
    assert window.heartbeat.longest_stall_ms == 0.0


# ---------------------------------------------------------------- the network part and TLS rows
def test_the_network_part_is_built_just_after_the_first_frame(qtbot):
    window = _new_window(qtbot)
    finished = []
    window.start_up_finished.connect(lambda: finished.append(window.network_built))
    assert not window.network_built and not window.tls_part_built
    assert window.findChild(QWidget, "verifyNameEdit") is None
    window.show()
    assert not window.network_built
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert finished == [True]
    assert window.tls_part_built
    assert window.findChild(QWidget, "verifyNameEdit") is window.verifyNameEdit
    assert window.session.parent() is window


def test_the_first_frame_shows_what_an_unconnected_session_shows(qtbot):
    assert UNCONNECTED == state_name(SocketState.UnconnectedState)
    window = _new_window(qtbot)
    buttons = [window.connectButton, window.disconnectButton, window.halfCloseButton, window.abortButton,
               window.protocolCombo, window.tlsCheck, window.connection_half_close, window.connection_abort]
    before = ([b.isEnabled() for b in buttons], window.stateLabel.text(), window.composer.sendButton.isEnabled(),
              [label.text() for label in _teaching_labels(window)],
              [spin.value() for spin in _teaching_spins(window)])
    assert before[0] == [True, False, False, False, True, True, False, False]
    assert before[1] == "Unconnected"
    window.network()
    after = ([b.isEnabled() for b in buttons], window.stateLabel.text(), window.composer.sendButton.isEnabled(),
             [label.text() for label in _teaching_labels(window)],
             [spin.value() for spin in _teaching_spins(window)])
    assert after == before


def _teaching_labels(window):
    panel = window.teaching_panel
    return [panel.pendingInLabel, panel.handedLabel, panel.confirmedLabel, panel.queuedLabel, panel.timingsLabel,
            panel.peerStateLabel]


def _teaching_spins(window):
    panel = window.teaching_panel
    return [panel.readBufferSpin, panel.connectTimeoutSpin, panel.receiveTimeoutSpin]


def test_the_teaching_panel_shows_the_session_defaults_before_it_has_a_session(qtbot):
    fresh = ClientSession()
    assert (DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_RECEIVE_TIMEOUT_MS) == (fresh.connect_timeout_ms,
                                                                        fresh.receive_timeout_ms)
    window = _new_window(qtbot)
    assert [spin.value() for spin in _teaching_spins(window)] == [fresh.read_chunk_limit, fresh.connect_timeout_ms,
                                                                  fresh.receive_timeout_ms]


def test_clicks_before_the_network_part_build_it(qtbot, demo):
    server = demo("echo")
    window = _new_window(qtbot)
    window.portEdit.setText(str(server.port))
    window.connect_to_host()  # as a click arriving before the event loop's next turn would
    assert window.network_built
    qtbot.waitUntil(lambda: window.session.is_connected, timeout=5000)
    assert window.stateLabel.text().startswith("Connected")


def test_a_window_closed_before_the_network_part_makes_no_socket(qtbot):
    window = _new_window(qtbot)
    window.show()
    window.close()
    window._finish_start_up()  # the call the first frame scheduled, arriving after close
    assert not window.network_built and not window.tls_part_built


def test_choosing_tls_before_its_rows_are_built_shows_them(qtbot):
    window = _new_window(qtbot)
    window.show()
    qtbot.waitExposed(window)
    window.protocolCombo.setCurrentIndex(window.protocolCombo.findData("TLS"))
    assert window.tls_part_built
    assert window.tls_row.isVisible()
    assert window.session.tls_enabled


def test_tab_goes_from_the_connection_bar_into_the_tls_row(qtbot, window):
    window.protocolCombo.setCurrentIndex(window.protocolCombo.findData("TLS"))
    QApplication.processEvents()
    assert window.tls_row.isVisible()
    assert window.abortButton.nextInFocusChain() is window.verifyNameEdit
    chain, widget = [], window.verifyNameEdit
    for _ in range(4):
        chain.append(widget.objectName())
        widget = widget.nextInFocusChain()
    assert chain == ["verifyNameEdit", "caFileEdit", "clientCertEdit", "clientKeyEdit"]


def test_the_collector_is_off_during_start_up_and_on_after_it(tmp_path):
    # The app's own entry point in a fresh interpreter; the window closes once start-up is over.
    code = (
        "import gc, sys\n"
        "from PySide6.QtCore import QTimer\n"
        "import app.__main__ as entry\n"
        "from ui import main_window\n"
        "finish = main_window.MainWindow._finish_start_up\n"
        "def watched(window):\n"
        "    before = gc.isenabled()\n"
        "    finish(window)\n"
        "    print(before, gc.isenabled(), gc.get_threshold()[0], gc.get_freeze_count() > 0)\n"
        "    QTimer.singleShot(0, window.close)\n"
        "main_window.MainWindow._finish_start_up = watched\n"
        "sys.exit(entry.main([]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen",
                                 "XDG_CONFIG_HOME": str(tmp_path)})  # closing saves settings: not the user's
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "20000", "True"]

"""The session timeline: one arrow or marker per SessionEvent, drawn the right way round."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QWheelEvent
from PySide6.QtNetwork import QHostAddress, QTcpServer
from PySide6.QtWidgets import QApplication

from app.events import Direction, EventClock, EventKind, SessionEvent
from app.session import ClientSession
from ui.timeline_view import MIN_ROW_SPACING, Flow, Shape, TimelineView, Tone, describe_event

TIMEOUT_MS = 3000


# ----------------------------------------------------------------------------- helpers
class EchoServer:
    """A QTcpServer on 127.0.0.1 that sends back whatever it receives."""

    def __init__(self) -> None:
        self.server = QTcpServer()
        assert self.server.listen(QHostAddress(QHostAddress.SpecialAddress.LocalHost), 0)
        self.port = self.server.serverPort()
        self.peers = []
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            peer = self.server.nextPendingConnection()
            self.peers.append(peer)
            peer.readyRead.connect(lambda p=peer: p.write(p.readAll()))

    def close(self) -> None:
        for peer in self.peers:
            peer.abort()
        self.server.close()


@pytest.fixture
def echo_server():
    server = EchoServer()
    yield server
    server.close()


@pytest.fixture
def view(qtbot):
    timeline = TimelineView()
    qtbot.addWidget(timeline)
    timeline.resize(900, 600)
    return timeline


def run_echo_session(qtbot, port: int, payload: bytes, sink=None) -> list[SessionEvent]:
    """Connect, send, wait for the echo, close: every event of a real session, in order."""
    session = ClientSession()
    events: list[SessionEvent] = []
    session.event_recorded.connect(events.append)
    if sink is not None:
        session.event_recorded.connect(sink)
    received = bytearray()
    session.data_received.connect(received.extend)
    with qtbot.waitSignal(session.connected, timeout=TIMEOUT_MS):
        assert session.connect_to_host("127.0.0.1", port)
    session.send(payload)
    qtbot.waitUntil(lambda: bytes(received) == payload, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(session.disconnected, timeout=TIMEOUT_MS):
        session.disconnect_from_host()
    session.deleteLater()
    return events


def synthetic(kind: EventKind, detail: str = "", **fields) -> SessionEvent:
    return EventClock().make(kind, detail, **fields)


def sample_session() -> list[SessionEvent]:
    clock = EventClock()
    return [
        clock.make(EventKind.CALL, "connectToHost('127.0.0.1', 7000)", peer="127.0.0.1:7000"),
        clock.make(EventKind.STATE, "Unconnected → Connecting"),
        clock.make(EventKind.CONNECTED, "connected to 127.0.0.1:7000", peer="127.0.0.1:7000"),
        clock.make(EventKind.CALL, "write(): 5 bytes", data=b"hello", count=5, direction=Direction.OUT),
        clock.make(EventKind.BYTES_WRITTEN, "5 bytes", count=5),
        clock.make(EventKind.READY_READ, "", data=b"hello", count=5, direction=Direction.IN),
        clock.make(EventKind.READ_CHANNEL_FINISHED, "peer closed its sending side (FIN)"),
        clock.make(EventKind.CALL, "disconnectFromHost()"),
        clock.make(EventKind.DISCONNECTED, ""),
    ]


def colours_in(image: QImage, step: int = 3) -> set[int]:
    return {image.pixel(x, y) for y in range(0, image.height(), step) for x in range(0, image.width(), step)}


# ----------------------------------------------------------------------------- a real session
def test_live_echo_session_draws_one_row_per_event_in_order(qtbot, view, echo_server):
    payload = b"hello timeline"
    events = run_echo_session(qtbot, echo_server.port, payload, sink=view.add_event)

    assert view.arrow_count == len(events)
    rows = view.rows()
    assert [row.event for row in rows] == events
    assert view.server_title == f"Server (127.0.0.1:{echo_server.port})"

    # Time goes down, at least the minimum spacing per event, with the elapsed time on the left.
    tops = [row.top for row in rows]
    assert all(b - a >= MIN_ROW_SPACING for a, b in zip(tops, tops[1:]))
    for row, next_top in zip(rows, tops[1:]):
        assert row.top <= row.item.sceneBoundingRect().center().y() <= next_top
    assert [row.time_item.text() for row in rows] == [f"{e.elapsed_ms:.3f} ms" for e in events]

    by_kind = {}
    for row in rows:
        by_kind.setdefault((row.event.kind, row.event.detail.split("(")[0]), []).append(row)

    (connect,) = by_kind[(EventKind.CALL, "connectToHost")]
    assert connect.mark.shape is Shape.ARROW and connect.mark.flow is Flow.CLIENT_TO_SERVER
    assert connect.label_item.text() == "connectToHost() · SYN"
    assert connect.start_x < connect.end_x

    (connected,) = [row for row in rows if row.event.kind is EventKind.CONNECTED]
    assert connected.mark.flow is Flow.SERVER_TO_CLIENT and connected.start_x > connected.end_x
    assert connected.label_item.text() == "connected (SYN-ACK)"

    (write,) = by_kind[(EventKind.CALL, "write")]
    assert write.mark.shape is Shape.DATA_ARROW
    assert write.mark.flow is Flow.CLIENT_TO_SERVER and write.start_x < write.end_x
    assert write.label_item.text() == f"write() {len(payload)} bytes"

    reads = [row for row in rows if row.event.kind is EventKind.READY_READ]
    assert reads and sum(len(row.event.data) for row in reads) == len(payload)
    for row in reads:
        assert row.mark.shape is Shape.DATA_ARROW and row.mark.flow is Flow.SERVER_TO_CLIENT
        assert row.start_x > row.end_x
        assert row.label_item.text() == f"readyRead {len(row.event.data)} bytes"

    (close,) = by_kind[(EventKind.CALL, "disconnectFromHost")]
    assert close.label_item.text() == "disconnectFromHost() · FIN"

    # Everything else the session reported is a callback box on the client lane.
    written = [row for row in rows if row.event.kind is EventKind.BYTES_WRITTEN]
    assert sum(row.event.count for row in written) == len(payload)
    for row in written + [r for r in rows if r.event.kind in (EventKind.STATE, EventKind.DISCONNECTED)]:
        assert row.mark.shape is Shape.MARKER and row.mark.flow is Flow.CLIENT_LANE
        assert row.start_x == row.end_x == connect.start_x

    # Data arrows are drawn thicker than control arrows.
    assert write.item.boundingRect().height() > connect.item.boundingRect().height()


def test_refused_connection_is_a_red_rst_arrow_from_the_server(qtbot, view):
    # A port that was just free on loopback and has no listener: the kernel answers with RST.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    session = ClientSession()
    session.event_recorded.connect(view.add_event)
    with qtbot.waitSignal(session.error_occurred, timeout=TIMEOUT_MS) as blocker:
        session.connect_to_host("127.0.0.1", port)
    assert blocker.args[0] == "ConnectionRefusedError"

    (error,) = [row for row in view.rows() if row.event.kind is EventKind.ERROR]
    assert error.mark == describe_event(error.event)
    assert error.mark.tone is Tone.ERROR and error.mark.flow is Flow.SERVER_TO_CLIENT
    assert error.label_item.text() == "RST · errorOccurred ConnectionRefusedError"
    red = error.label_item.brush().color()
    assert red.red() > 150 and red.green() < 120 and red.blue() < 120
    session.deleteLater()


# ----------------------------------------------------------------------------- mapping
@pytest.mark.parametrize(
    ("event", "shape", "flow", "tone", "label"),
    [
        (synthetic(EventKind.CALL, "connectToHost('::1', 7)", peer="[::1]:7"),
         Shape.ARROW, Flow.CLIENT_TO_SERVER, Tone.OUT, "connectToHost() · SYN"),
        (synthetic(EventKind.CALL, "write(): 1048576 bytes", count=1048576, direction=Direction.OUT),
         Shape.DATA_ARROW, Flow.CLIENT_TO_SERVER, Tone.OUT, "write() 1048576 bytes"),
        (synthetic(EventKind.CALL, "disconnectFromHost()"),
         Shape.ARROW, Flow.CLIENT_TO_SERVER, Tone.OUT, "disconnectFromHost() · FIN"),
        (synthetic(EventKind.CALL, "shutdown(SHUT_WR)"),
         Shape.ARROW, Flow.CLIENT_TO_SERVER, Tone.OUT, "shutdown(SHUT_WR) · FIN"),
        (synthetic(EventKind.CALL, "abort()"),
         Shape.ARROW, Flow.CLIENT_TO_SERVER, Tone.OUT, "abort() · RST"),
        (synthetic(EventKind.CONNECTED, "connected to [::1]:7", peer="[::1]:7"),
         Shape.ARROW, Flow.SERVER_TO_CLIENT, Tone.IN, "connected (SYN-ACK)"),
        (synthetic(EventKind.READY_READ, "", data=b"abc", count=3, direction=Direction.IN),
         Shape.DATA_ARROW, Flow.SERVER_TO_CLIENT, Tone.IN, "readyRead 3 bytes"),
        (synthetic(EventKind.READY_READ, "bytesAvailable=9, waiting for Next", count=9),
         Shape.MARKER, Flow.CLIENT_LANE, Tone.IN, "readyRead · 9 bytes waiting for Next"),
        (synthetic(EventKind.READ_CHANNEL_FINISHED, "peer closed its sending side (FIN)"),
         Shape.ARROW, Flow.SERVER_TO_CLIENT, Tone.IN, "FIN · readChannelFinished"),
        (synthetic(EventKind.ERROR, "RemoteHostClosedError — closed",
                   extra={"name": "RemoteHostClosedError", "message": "closed"}),
         Shape.MARKER, Flow.CLIENT_LANE, Tone.ERROR, "errorOccurred RemoteHostClosedError"),
        (synthetic(EventKind.ERROR, "SocketTimeoutError — gave up"),
         Shape.MARKER, Flow.CLIENT_LANE, Tone.ERROR, "errorOccurred SocketTimeoutError"),
        (synthetic(EventKind.BYTES_WRITTEN, "5 bytes", count=5),
         Shape.MARKER, Flow.CLIENT_LANE, Tone.CALLBACK, "bytesWritten 5 bytes"),
        (synthetic(EventKind.STATE, "Connecting → Connected"),
         Shape.MARKER, Flow.CLIENT_LANE, Tone.CALLBACK, "stateChanged Connecting → Connected"),
        (synthetic(EventKind.HOST_FOUND, "host name resolved"),
         Shape.MARKER, Flow.CLIENT_LANE, Tone.CALLBACK, "hostFound"),
        (synthetic(EventKind.DISCONNECTED, ""),
         Shape.MARKER, Flow.CLIENT_LANE, Tone.CALLBACK, "disconnected"),
        (synthetic(EventKind.NOTE, "3 bytes were never sent"),
         Shape.MARKER, Flow.CLIENT_LANE, Tone.CALLBACK, "note: 3 bytes were never sent"),
        (synthetic(EventKind.ENCRYPTED, "TLSv1.3"),
         Shape.MARKER, Flow.CLIENT_LANE, Tone.CALLBACK, "encrypted TLSv1.3"),
        (synthetic(EventKind.SSL_ERRORS, "self-signed certificate"),
         Shape.MARKER, Flow.CLIENT_LANE, Tone.ERROR, "sslErrors self-signed certificate"),
    ],
    ids=lambda value: value.kind.value + ":" + value.detail[:12] if isinstance(value, SessionEvent) else None,
)
def test_each_event_kind_maps_to_its_shape_direction_and_label(view, event, shape, flow, tone, label):
    mark = describe_event(event)
    assert (mark.shape, mark.flow, mark.tone, mark.label) == (shape, flow, tone, label)

    view.add_event(event)
    (row,) = view.rows()
    assert view.arrow_count == 1
    assert row.label_item.text() == label
    assert row.item.scene() is view.scene()
    if flow is Flow.CLIENT_TO_SERVER:
        assert row.start_x < row.end_x
    elif flow is Flow.SERVER_TO_CLIENT:
        assert row.start_x > row.end_x
    else:
        assert row.start_x == row.end_x


def test_out_in_and_error_colours_are_distinct_and_follow_the_palette(view):
    events = sample_session() + [synthetic(EventKind.ERROR, "SocketTimeoutError — gave up")]
    view.add_events(events)

    def label_colour(rows, tone):
        return next(row.label_item.brush().color() for row in rows if row.mark.tone is tone)

    rows = view.rows()
    out, came_in, error = (label_colour(rows, tone) for tone in (Tone.OUT, Tone.IN, Tone.ERROR))
    assert len({out.name(), came_in.name(), error.name()}) == 3
    assert out.blue() > out.green() and came_in.green() > came_in.blue() and error.red() > error.green()
    callback = label_colour(rows, Tone.CALLBACK)
    assert callback == view.palette().color(QPalette.ColorRole.Text)

    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    view.setPalette(dark)

    rows = view.rows()
    assert view.arrow_count == len(events)
    assert label_colour(rows, Tone.CALLBACK) == QColor("#e6e6e6")
    for tone in (Tone.OUT, Tone.IN, Tone.ERROR):
        assert label_colour(rows, tone).lightness() > 128, tone  # readable on the dark background
    assert view.scene().backgroundBrush().color() == QColor("#1e1e1e")


# ----------------------------------------------------------------------------- bounded scene
def test_max_events_drops_the_oldest_rows_and_says_so(view):
    clock = EventClock()
    view.set_max_events(40)
    events = [clock.make(EventKind.BYTES_WRITTEN, f"{i} bytes", count=i) for i in range(100)]
    for event in events:
        view.add_event(event)

    assert view.arrow_count == 40
    assert view.dropped_count == 60
    assert view.note_text == "60 earlier events not shown"
    assert [row.event for row in view.rows()] == events[60:]
    # The scene holds only what is drawn: rows (a shape plus two texts) and the frame.
    assert len(view.scene().items()) <= 40 * 3 + 5
    rows = view.rows()
    assert view.sceneRect().top() < rows[0].item.sceneBoundingRect().top()
    assert view.sceneRect().height() < 41 * (rows[1].top - rows[0].top) + 200

    # A bulk load bigger than the limit draws only the newest ones.
    view.add_events(events)
    assert view.arrow_count == 40 and view.dropped_count == 160
    assert view.note_text == "160 earlier events not shown"
    assert [row.event for row in view.rows()] == events[60:]

    view.set_max_events(10)
    assert view.arrow_count == 10 and view.note_text == "190 earlier events not shown"

    view.clear()
    assert view.arrow_count == 0 and view.note_text == "" and view.server_title == "Server"
    view.add_events(sample_session())
    assert view.arrow_count == 9 and view.note_text == ""


def test_default_limit_is_2000(view):
    assert view.max_events == 2000


# ----------------------------------------------------------------------------- exports
def test_export_png_draws_the_diagram(view, tmp_path):
    view.add_events(sample_session())
    target = tmp_path / "timeline.png"
    view.export_png(str(target))

    image = QImage(str(target))
    assert not image.isNull()
    rect = view.sceneRect()
    assert (image.width(), image.height()) == (round(rect.width()), round(rect.height()))
    assert len(colours_in(image)) > 3

    # The thick write() arrow is really there, in the "out" colour, at its row.
    write = next(row for row in view.rows() if row.mark.shape is Shape.DATA_ARROW)
    x = round((write.start_x + write.end_x) / 2 - rect.left())
    y = round(write.y - rect.top())
    drawn = QColor(image.pixel(x, y))
    assert drawn == write.label_item.brush().color()


def test_export_svg_is_svg_with_the_labels(view, tmp_path):
    view.add_events(sample_session())
    target = tmp_path / "timeline.svg"
    view.export_svg(str(target))

    text = target.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml")
    assert "<svg" in text
    assert "write() 5 bytes" in text
    assert "readyRead 5 bytes" in text
    assert "Server (127.0.0.1:7000)" in text


# ----------------------------------------------------------------------------- presentation
def test_font_size_scales_the_layout(view):
    view.add_events(sample_session())
    before = view.rows()
    spacing = before[1].top - before[0].top
    width = view.sceneRect().width()

    view.set_font_point_size(view.font().pointSizeF() * 2)

    after = view.rows()
    assert view.arrow_count == len(before)
    assert [row.event for row in after] == [row.event for row in before]
    assert after[1].top - after[0].top > spacing * 1.5
    assert view.sceneRect().width() > width * 1.5
    assert after[0].label_item.font().pointSizeF() == pytest.approx(view.font().pointSizeF())


def test_ctrl_wheel_zooms_and_plain_wheel_scrolls(qtbot, view):
    clock = EventClock()
    view.add_events([clock.make(EventKind.BYTES_WRITTEN, "1 bytes", count=1) for _ in range(60)])
    view.show()
    qtbot.waitExposed(view)
    bar = view.verticalScrollBar()
    bar.setValue(0)

    def wheel(modifiers):
        centre = QPointF(view.viewport().rect().center())
        event = QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(), QPoint(0, 120),
                            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(view.viewport(), event)

    wheel(Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor == pytest.approx(1.25)
    wheel(Qt.KeyboardModifier.NoModifier)  # scrolling up from the top: no zoom, no move
    assert view.zoom_factor == pytest.approx(1.25)

    view.zoom_out()
    assert view.zoom_factor == pytest.approx(1.0)
    bar.setValue(bar.maximum())
    wheel(Qt.KeyboardModifier.NoModifier)
    assert bar.value() < bar.maximum()
    assert view.zoom_factor == pytest.approx(1.0)

    view.zoom_in()
    assert view.zoom_factor == pytest.approx(1.25)
    view.zoom_to_fit()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.sceneRect().adjusted(1, 1, -1, -1))


def test_keyboard_zoom(qtbot, view):
    view.add_events(sample_session())
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor == pytest.approx(1.25)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor == pytest.approx(0.8)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor == pytest.approx(1.0)


def test_names_for_accessibility_and_automation(view):
    assert view.objectName() == "timelineView"
    assert view.accessibleName() == "Session timeline"

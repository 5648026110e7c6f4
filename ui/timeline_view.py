"""The session timeline: a sequence diagram of one connection, for projecting in class.

Two lanes, our client and the peer, time going down; calls we make and callbacks we get are
arrows between the lanes or small boxes on the client lane. It is a view of the same
`SessionEvent` records as the log, so it never touches a socket.

Rows are spaced by event order, not by true time: a burst of callbacks within a millisecond
would otherwise collapse into one line. The elapsed time is written at the left of each row.
"""

from __future__ import annotations

import enum
import html
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QRectF, QSize, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QImage, QKeyEvent, QKeySequence, QPainter, QPainterPath,
                           QPalette, QPen, QWheelEvent)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (QGraphicsLineItem, QGraphicsPathItem, QGraphicsScene, QGraphicsSimpleTextItem,
                               QGraphicsView, QWidget)

from app.events import Direction, EventKind, SessionEvent

DEFAULT_MAX_EVENTS = 2000
MIN_ROW_SPACING = 28.0  # px at zoom 1: below this, labels of consecutive rows touch
ZOOM_STEP = 1.25
MIN_ZOOM = 0.02
MAX_ZOOM = 20.0
# A PNG of a long session would be a multi-hundred-megabyte bitmap at full size; scale it
# down so that its longer side stays within this many pixels.
MAX_PNG_SIDE = 16_000

# English source texts; the diagram shows them translated (context "TimelineView").
CLIENT_TITLE = QT_TRANSLATE_NOOP("TimelineView", "Client (Socket Tester)")
SERVER_TITLE = QT_TRANSLATE_NOOP("TimelineView", "Server")


def _tr(text: str) -> str:
    """Translate a string marked with QT_TRANSLATE_NOOP("TimelineView", …); lupdate only sees literals."""
    return QCoreApplication.translate("TimelineView", text)


class Shape(enum.Enum):
    ARROW = "arrow"  # a control segment or callback crossing the wire: SYN, FIN, RST ...
    DATA_ARROW = "data"  # bytes crossing the wire: drawn thick
    MARKER = "marker"  # a callback that stays on our side: a small labelled box


class Flow(enum.Enum):
    CLIENT_TO_SERVER = "client→server"
    SERVER_TO_CLIENT = "server→client"
    CLIENT_LANE = "client"


class Tone(enum.Enum):
    OUT = "out"
    IN = "in"
    ERROR = "error"
    CALLBACK = "callback"


@dataclass(frozen=True, slots=True)
class TimelineMark:
    """How one event is drawn: which shape, which way, what it says, in which colour."""

    shape: Shape
    flow: Flow
    label: str
    tone: Tone


@dataclass(slots=True)
class TimelineRow:
    """One drawn event: its record, how it was drawn and where (scene coordinates)."""

    index: int  # position since the last clear(), dropped rows included
    event: SessionEvent
    mark: TimelineMark
    item: QGraphicsPathItem  # the arrow or box; label and time are its children
    label_item: QGraphicsSimpleTextItem
    time_item: QGraphicsSimpleTextItem
    start_x: float  # where the arrow leaves (for a marker: the client lane)
    end_x: float  # where the arrow head points
    top: float  # the row's upper edge: rows are stacked at a fixed spacing
    y: float  # the arrow's (or box's centre) height


# Errors that are the peer's answer on the wire rather than something our side noticed.
_PEER_RESET_ERRORS = {"ConnectionRefusedError": "RST"}


def describe_event(event: SessionEvent) -> TimelineMark:
    """Map one record to its drawing: the teaching content of the diagram lives here."""
    kind = event.kind
    detail = event.detail
    if kind is EventKind.CALL:
        return _describe_call(event)
    if kind is EventKind.CONNECTED:
        return TimelineMark(Shape.ARROW, Flow.SERVER_TO_CLIENT, "connected (SYN-ACK)", Tone.IN)
    if kind is EventKind.READY_READ:
        # Step mode records readyRead with nothing read yet (direction NONE): the bytes wait.
        if event.data or (event.direction is Direction.IN and event.count):
            size = len(event.data) if event.data else event.count
            label = QCoreApplication.translate("TimelineView", "readyRead {count} bytes").format(count=size)
            return TimelineMark(Shape.DATA_ARROW, Flow.SERVER_TO_CLIENT, label, Tone.IN)
        waiting = "readyRead"
        if event.count:
            waiting = QCoreApplication.translate("TimelineView", "readyRead · {count} bytes waiting for Next").format(
                count=event.count)
        return TimelineMark(Shape.MARKER, Flow.CLIENT_LANE, waiting, Tone.IN)
    if kind is EventKind.READ_CHANNEL_FINISHED:
        return TimelineMark(Shape.ARROW, Flow.SERVER_TO_CLIENT, "FIN · readChannelFinished", Tone.IN)
    if kind is EventKind.ERROR:
        name = str(event.extra.get("name") or detail.split(" — ", 1)[0] or "error")
        segment = _PEER_RESET_ERRORS.get(name)
        if segment:
            return TimelineMark(Shape.ARROW, Flow.SERVER_TO_CLIENT, f"{segment} · errorOccurred {name}",
                                Tone.ERROR)
        return TimelineMark(Shape.MARKER, Flow.CLIENT_LANE, f"errorOccurred {name}", Tone.ERROR)
    if kind is EventKind.BYTES_WRITTEN:
        return _marker(QCoreApplication.translate("TimelineView", "bytesWritten {count} bytes").format(
            count=event.count))
    if kind is EventKind.STATE:
        return _marker(f"stateChanged {detail}".rstrip())
    if kind is EventKind.NOTE:
        return _marker(QCoreApplication.translate("TimelineView", "note: {detail}").format(detail=detail))
    if kind is EventKind.SSL_ERRORS:
        return TimelineMark(Shape.MARKER, Flow.CLIENT_LANE, f"sslErrors {detail}".rstrip(), Tone.ERROR)
    # HOST_FOUND, DISCONNECTED, ENCRYPTED and anything newer: the signal's name says it.
    return _marker(f"{kind.value} {detail}".rstrip() if kind is not EventKind.HOST_FOUND else kind.value)


def _describe_call(event: SessionEvent) -> TimelineMark:
    detail = event.detail
    if detail.startswith("connectToHost"):
        return TimelineMark(Shape.ARROW, Flow.CLIENT_TO_SERVER, "connectToHost() · SYN", Tone.OUT)
    if detail.startswith("write()"):
        size = event.count or len(event.data)
        label = QCoreApplication.translate("TimelineView", "write() {count} bytes").format(count=size)
        return TimelineMark(Shape.DATA_ARROW, Flow.CLIENT_TO_SERVER, label, Tone.OUT)
    if detail.startswith(("disconnectFromHost()", "shutdown(SHUT_WR)")):
        return TimelineMark(Shape.ARROW, Flow.CLIENT_TO_SERVER, f"{detail} · FIN", Tone.OUT)
    if detail.startswith("abort()"):
        return TimelineMark(Shape.ARROW, Flow.CLIENT_TO_SERVER, f"{detail} · RST", Tone.OUT)
    # A call that puts nothing on the wire (a setting, a local operation).
    return TimelineMark(Shape.MARKER, Flow.CLIENT_LANE, detail or QCoreApplication.translate("TimelineView", "call"),
                        Tone.OUT)


def _marker(label: str) -> TimelineMark:
    return TimelineMark(Shape.MARKER, Flow.CLIENT_LANE, label, Tone.CALLBACK)


@dataclass(frozen=True, slots=True)
class _Geometry:
    """Every length of the diagram, derived from the font so a bigger font scales it all."""

    font: QFont
    metrics: QFontMetricsF
    pad: float
    time_right: float  # right edge of the elapsed-time column
    client_x: float
    server_x: float
    width: float
    row_height: float
    header_height: float  # note line + lane titles
    thin_pen: float
    thick_pen: float
    head: float  # arrow head length

    @classmethod
    def for_font(cls, font: QFont) -> _Geometry:
        fm = QFontMetricsF(font)
        pad = fm.height() * 0.6
        time_right = fm.horizontalAdvance("0000000.000 ms") + pad  # room for hours-long sessions
        client_x = time_right + pad + fm.horizontalAdvance(_tr(CLIENT_TITLE)) / 2
        gap = max(fm.averageCharWidth() * 46, fm.horizontalAdvance("FIN · readChannelFinished") * 1.8)
        server_x = client_x + gap
        width = server_x + fm.horizontalAdvance(_server_title("[0000:0000::0000]:00000")) / 2 + pad
        row_height = max(MIN_ROW_SPACING, fm.lineSpacing() * 2.1)
        line = max(1.5, fm.height() / 11)
        return cls(font, fm, pad, time_right, client_x, server_x, width, row_height,
                   fm.lineSpacing() * 3.2, line, line * 4, fm.height() * 0.55)


@dataclass(frozen=True, slots=True)
class _Colours:
    text: QColor
    faint: QColor
    lane: QColor
    box_fill: QColor
    tones: dict[Tone, QColor]

    @classmethod
    def for_palette(cls, palette: QPalette) -> _Colours:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = base.lightness() < 128
        # Same idea as the log: blue is what we send, green what we receive, red what went wrong;
        # lighter shades on a dark background so the projector shows them.
        if dark:
            tones = {Tone.OUT: QColor("#64b5f6"), Tone.IN: QColor("#81c784"),
                     Tone.ERROR: QColor("#ef6f6f"), Tone.CALLBACK: text}
        else:
            tones = {Tone.OUT: QColor("#1565c0"), Tone.IN: QColor("#2e7d32"),
                     Tone.ERROR: QColor("#c62828"), Tone.CALLBACK: text}
        faint = QColor(text)
        faint.setAlphaF(0.65)
        lane = QColor(text)
        lane.setAlphaF(0.35)
        box_fill = palette.color(QPalette.ColorRole.AlternateBase)
        if box_fill == base:
            box_fill = base.darker(108) if not dark else base.lighter(140)
        return cls(text, faint, lane, box_fill, tones)


def _server_title(peer: str = "") -> str:
    return f"{_tr(SERVER_TITLE)} ({peer})" if peer else _tr(SERVER_TITLE)


class TimelineView(QGraphicsView):
    """Sequence diagram of one session, fed with `SessionEvent` records."""

    def __init__(self, parent: QWidget | None = None, *, max_events: int = DEFAULT_MAX_EVENTS) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setAccessibleName(self.tr("Session timeline"))
        self.setAccessibleDescription(self.tr("Sequence diagram: our client on the left, the server on the right, "
                                              "time going down."))
        self._max_events = max(1, int(max_events))
        self._rows: deque[TimelineRow] = deque()
        self._next_index = 0
        self._dropped = 0
        self._server_peer = ""
        self._styled_for: tuple[str, int] | None = None

        scene = QGraphicsScene(self)
        # Rows are added and dropped all the time and never move: no spatial index to keep up.
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)

        self._geometry = _Geometry.for_font(self.font())
        self._colours = _Colours.for_palette(self.palette())
        self._build_frame()
        self._styled_for = self._style_key()

    # ----------------------------------------------------------------- public API
    @property
    def arrow_count(self) -> int:
        """Events currently drawn: one arrow or marker each."""
        return len(self._rows)

    @property
    def dropped_count(self) -> int:
        """Earlier events removed to respect max_events."""
        return self._dropped

    @property
    def max_events(self) -> int:
        return self._max_events

    @property
    def zoom_factor(self) -> float:
        return self.transform().m11()

    @property
    def note_text(self) -> str:
        """The 'N earlier events not shown' line, or '' when nothing was dropped."""
        return self._note.text() if self._note.isVisible() else ""

    @property
    def server_title(self) -> str:
        return self._server_header.text()

    def rows(self) -> list[TimelineRow]:
        """The drawn rows, oldest first."""
        return list(self._rows)

    def set_max_events(self, count: int) -> None:
        self._max_events = max(1, int(count))
        self._drop_excess()
        self._update_frame()

    def add_event(self, event: SessionEvent) -> None:
        follow = self._is_at_bottom()
        self._append(event)
        self._drop_excess()
        self._update_frame()
        if follow:
            self._scroll_to_bottom()

    def add_events(self, events: Iterable[SessionEvent]) -> None:
        events = list(events)
        if not events:
            return
        follow = self._is_at_bottom()
        # Rows that would be dropped at once are only counted, never drawn.
        skip = max(0, len(events) - self._max_events)
        for event in events[:skip]:
            self._note_peer(event)
        self._next_index += skip
        self._dropped += skip
        for event in events[skip:]:
            self._append(event)
        self._drop_excess()
        self._update_frame()
        if follow:
            self._scroll_to_bottom()

    def clear(self) -> None:
        scene = self.scene()
        while self._rows:
            scene.removeItem(self._rows.popleft().item)
        self._next_index = 0
        self._dropped = 0
        self._server_peer = ""
        self._server_header.setText(_server_title())
        self._update_frame()

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def zoom_to_fit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def reset_zoom(self) -> None:
        self.resetTransform()

    def set_font_point_size(self, points: float) -> None:
        font = QFont(self.font())
        font.setPointSizeF(float(points))
        self.setFont(font)
        self._restyle_if_needed()

    def export_png(self, path: str) -> None:
        source = self.sceneRect()
        longest = max(source.width(), source.height(), 1.0)
        scale = min(1.0, MAX_PNG_SIDE / longest)
        size = QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(self._background())
        painter = QPainter(image)
        try:
            painter.setRenderHints(self.renderHints())
            self.scene().render(painter, QRectF(0, 0, size.width(), size.height()), source)
        finally:
            painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(self.tr("Could not write the PNG image to {path}.").format(path=path))

    def export_svg(self, path: str) -> None:
        source = self.sceneRect()
        size = QSize(max(1, round(source.width())), max(1, round(source.height())))
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(self.tr("Socket Tester session timeline"))
        generator.setDescription(self.tr("{count} events; {server}").format(count=self.arrow_count,
                                                                            server=self._server_header.text()))
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(self.tr("Could not write the SVG drawing to {path}.").format(path=path))
        try:
            self.scene().render(painter, QRectF(0, 0, size.width(), size.height()), source)
        finally:
            painter.end()

    # ----------------------------------------------------------------- Qt overrides
    def sizeHint(self) -> QSize:
        return QSize(round(self._geometry.width) + 24, 480)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self._zoom_by(ZOOM_STEP ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The keyboard way to zoom, for those who cannot use Ctrl+wheel.
        if event.matches(QKeySequence.StandardKey.ZoomIn):
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom_out()
        elif event.key() == Qt.Key.Key_0 and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.reset_zoom()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._restyle_if_needed()

    # ----------------------------------------------------------------- drawing rows
    def _append(self, event: SessionEvent) -> None:
        self._note_peer(event)
        index = self._next_index
        self._next_index += 1
        self._rows.append(self._draw_row(index, event))

    def _draw_row(self, index: int, event: SessionEvent) -> TimelineRow:
        g = self._geometry
        c = self._colours
        mark = describe_event(event)
        colour = c.tones[mark.tone]
        top = self._row_top(index)
        fm = g.metrics

        path = QPainterPath()
        if mark.shape is Shape.MARKER:
            y = top + g.row_height / 2
            # A box may run past the server lane: that lane has nothing at this row.
            text = fm.elidedText(mark.label, Qt.TextElideMode.ElideRight, g.width - g.client_x - g.pad * 2.5)
            box = QRectF(g.client_x - g.pad / 3, y - fm.height() * 0.65,
                         fm.horizontalAdvance(text) + g.pad * 1.2, fm.height() * 1.3)
            path.addRoundedRect(box, g.pad / 3, g.pad / 3)
            item = QGraphicsPathItem(path)
            item.setPen(QPen(colour, g.thin_pen))
            item.setBrush(c.box_fill)
            label = QGraphicsSimpleTextItem(text, item)
            label.setPos(box.left() + g.pad * 0.6, y - fm.height() / 2)
            start_x = end_x = g.client_x
        else:
            y = top + g.row_height * 0.7
            start_x, end_x = ((g.client_x, g.server_x) if mark.flow is Flow.CLIENT_TO_SERVER
                              else (g.server_x, g.client_x))
            pen_width = g.thick_pen if mark.shape is Shape.DATA_ARROW else g.thin_pen
            toward = 1.0 if end_x > start_x else -1.0
            head_base = end_x - toward * g.head * (1.6 if mark.shape is Shape.DATA_ARROW else 1.0)
            half = g.head * (0.7 if mark.shape is Shape.DATA_ARROW else 0.45)
            # Shaft and head are filled, not stroked, so the tip ends exactly on the lane
            # whatever the thickness (a wide pen's miter would poke through it).
            path.addRect(QRectF(min(start_x, head_base), y - pen_width / 2, abs(head_base - start_x), pen_width))
            path.moveTo(end_x, y)
            path.lineTo(head_base, y - half)
            path.lineTo(head_base, y + half)
            path.closeSubpath()
            item = QGraphicsPathItem(path)
            item.setPen(Qt.PenStyle.NoPen)
            item.setBrush(colour)
            text = fm.elidedText(mark.label, Qt.TextElideMode.ElideRight, g.server_x - g.client_x - g.pad)
            label = QGraphicsSimpleTextItem(text, item)
            label.setPos((g.client_x + g.server_x - fm.horizontalAdvance(text)) / 2,
                         y - pen_width / 2 - fm.height() - fm.height() * 0.1)
        label.setFont(g.font)
        label.setBrush(c.text if mark.tone is Tone.CALLBACK else colour)

        stamp = f"{event.elapsed_ms:.3f} ms"
        time_item = QGraphicsSimpleTextItem(stamp, item)
        time_item.setFont(g.font)
        time_item.setBrush(c.faint)
        time_item.setPos(g.time_right - fm.horizontalAdvance(stamp), y - fm.height() / 2)

        # The detail can hold peer-controlled text (certificate names, error strings): escape it,
        # since Qt would otherwise guess rich text for the tooltip.
        tip = f"{event.kind.value}: {event.detail}" if event.detail else event.kind.value
        item.setToolTip(f"<qt>{html.escape(tip)}</qt>")
        self.scene().addItem(item)
        return TimelineRow(index, event, mark, item, label, time_item, start_x, end_x, top, y)

    def _drop_excess(self) -> None:
        scene = self.scene()
        while len(self._rows) > self._max_events:
            scene.removeItem(self._rows.popleft().item)
            self._dropped += 1

    def _row_top(self, index: int) -> float:
        return self._geometry.header_height + index * self._geometry.row_height

    def _note_peer(self, event: SessionEvent) -> None:
        if event.peer and event.peer != self._server_peer:
            self._server_peer = event.peer
            self._server_header.setText(_server_title(event.peer))
            self._centre_header(self._server_header, self._geometry.server_x)

    # ----------------------------------------------------------------- frame: lanes, titles, note
    def _build_frame(self) -> None:
        scene = self.scene()
        scene.setBackgroundBrush(self._background())
        self._client_lane = QGraphicsLineItem()
        self._server_lane = QGraphicsLineItem()
        self._client_header = QGraphicsSimpleTextItem(_tr(CLIENT_TITLE))
        self._server_header = QGraphicsSimpleTextItem(_server_title(self._server_peer))
        self._note = QGraphicsSimpleTextItem("")
        for lane in (self._client_lane, self._server_lane):
            lane.setZValue(-1)
            scene.addItem(lane)
        for text in (self._client_header, self._server_header, self._note):
            scene.addItem(text)
        self._style_frame()
        self._update_frame()

    def _style_frame(self) -> None:
        g = self._geometry
        c = self._colours
        self.scene().setBackgroundBrush(self._background())
        lane_pen = QPen(c.lane, g.thin_pen, Qt.PenStyle.DashLine)
        self._client_lane.setPen(lane_pen)
        self._server_lane.setPen(lane_pen)
        bold = QFont(g.font)
        bold.setBold(True)
        for header in (self._client_header, self._server_header):
            header.setFont(bold)
            header.setBrush(c.text)
        self._note.setFont(g.font)
        self._note.setBrush(c.faint)

    def _update_frame(self) -> None:
        """Move the titles, lanes and scene rect to the rows kept: O(1), whatever the row count."""
        g = self._geometry
        first = self._rows[0].index if self._rows else self._next_index
        top = self._row_top(first) - g.header_height
        bottom = self._row_top(self._next_index) + g.pad
        title_y = top + g.metrics.lineSpacing() * 1.4
        self._client_header.setY(title_y)
        self._server_header.setY(title_y)
        self._centre_header(self._client_header, g.client_x)
        self._centre_header(self._server_header, g.server_x)
        lanes_top = title_y + g.metrics.lineSpacing() * 1.3
        self._client_lane.setLine(g.client_x, lanes_top, g.client_x, bottom)
        self._server_lane.setLine(g.server_x, lanes_top, g.server_x, bottom)
        if self._dropped:
            self._note.setText(self.tr("{count} earlier events not shown").format(count=self._dropped))
            self._note.setPos(g.pad, top + g.pad / 2)
            self._note.show()
        else:
            self._note.hide()
        self.scene().setSceneRect(QRectF(0, top, g.width, bottom - top))

    def _centre_header(self, header: QGraphicsSimpleTextItem, lane_x: float) -> None:
        header.setX(lane_x - header.boundingRect().width() / 2)

    # ----------------------------------------------------------------- restyling
    def _style_key(self) -> tuple[str, int]:
        return (self.font().key(), self.palette().cacheKey())

    def _restyle_if_needed(self) -> None:
        """Font or palette changed: re-lay out every kept row (rare, so a full pass is fine)."""
        # Qt may send a FontChange while the base class is still being constructed.
        styled_for = getattr(self, "_styled_for", None)
        if styled_for is None or styled_for == self._style_key():
            return
        self._styled_for = self._style_key()
        self._geometry = _Geometry.for_font(self.font())
        self._colours = _Colours.for_palette(self.palette())
        scene = self.scene()
        old = list(self._rows)
        self._rows.clear()
        for row in old:
            scene.removeItem(row.item)
        for row in old:
            self._rows.append(self._draw_row(row.index, row.event))
        self._style_frame()
        self._update_frame()

    def _background(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    # ----------------------------------------------------------------- zoom and scrolling
    def _zoom_by(self, factor: float) -> None:
        current = self.zoom_factor
        target = min(MAX_ZOOM, max(MIN_ZOOM, current * factor))
        if target != current:
            self.scale(target / current, target / current)

    def _is_at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 2

    def _scroll_to_bottom(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())


__all__ = ["DEFAULT_MAX_EVENTS", "Flow", "Shape", "TimelineMark", "TimelineRow", "TimelineView", "Tone",
           "describe_event"]

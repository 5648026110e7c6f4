"""A small sparkline of throughput: bytes in and bytes out per interval, as two lines."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.stats import format_rate


class ThroughputGraph(QWidget):
    """Call `set_samples(in_samples, out_samples)` (bytes per second, oldest first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("throughputGraph")
        self.setAccessibleName(self.tr("Throughput graph"))
        self.setAccessibleDescription(self.tr("No traffic yet."))
        self.setToolTip(self.tr("Throughput per second: received and sent"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._in: list[float] = []
        self._out: list[float] = []

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(240, 60)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(80, 40)

    # ----------------------------------------------------------------- data
    def set_samples(self, in_samples: Sequence[float], out_samples: Sequence[float]) -> None:
        self._in = [max(0.0, float(v)) for v in in_samples]
        self._out = [max(0.0, float(v)) for v in out_samples]
        latest_in = self._in[-1] if self._in else 0.0
        latest_out = self._out[-1] if self._out else 0.0
        # Screen readers cannot see lines: say the numbers instead.
        self.setAccessibleDescription(
            self.tr("Received {received}, sent {sent}; peak {peak} over the last {seconds} s.").format(
                received=format_rate(latest_in), sent=format_rate(latest_out), peak=format_rate(self.peak()),
                seconds=max(len(self._in), len(self._out)))
        )
        self.update()

    def samples(self) -> tuple[list[float], list[float]]:
        return list(self._in), list(self._out)

    def peak(self) -> float:
        return max(self._in + self._out, default=0.0)

    def colors(self) -> tuple[QColor, QColor]:
        """(in, out): the palette's highlight for received data and a contrasting hue for
        sent data, lightened on dark palettes so both stay visible."""
        palette = self.palette()
        incoming = QColor(palette.color(QPalette.ColorRole.Highlight))
        hue = incoming.hslHue() if incoming.hslHue() >= 0 else 210
        outgoing = QColor.fromHsl((hue + 150) % 360, max(120, incoming.hslSaturation()),
                                  incoming.lightness())
        if palette.color(QPalette.ColorRole.Base).lightness() < 128:
            incoming = incoming.lighter(140)
            outgoing = outgoing.lighter(140)
        return incoming, outgoing

    # ----------------------------------------------------------------- painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            palette = self.palette()
            rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
            painter.drawRect(rect)

            plot = rect.adjusted(3, 14, -3, -3)
            peak = self.peak()
            incoming, outgoing = self.colors()
            if peak > 0 and plot.width() > 0 and plot.height() > 0:
                slots = max(len(self._in), len(self._out), 2)
                for samples, color in ((self._out, outgoing), (self._in, incoming)):
                    self._draw_line(painter, plot, samples, slots, peak, color)

            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            font = painter.font()
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
            painter.setFont(font)
            label = self.tr("peak {rate}").format(rate=format_rate(peak)) if peak > 0 else self.tr("no traffic")
            painter.drawText(rect.adjusted(4, 1, -4, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             label)
            legend_rect = rect.adjusted(4, 1, -4, 0)
            out_text = self.tr("out", "graph legend: bytes sent")
            painter.setPen(outgoing)
            painter.drawText(legend_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, out_text)
            out_width = painter.fontMetrics().horizontalAdvance(" " + out_text)
            painter.setPen(incoming)
            painter.drawText(legend_rect.adjusted(0, 0, -out_width, 0), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignTop, self.tr("in", "graph legend: bytes received"))
        finally:
            painter.end()

    @staticmethod
    def _draw_line(painter: QPainter, plot: QRectF, samples: Sequence[float], slots: int,
                   peak: float, color: QColor) -> None:
        if not samples:
            return
        step = plot.width() / (slots - 1)
        # Right-aligned: the newest sample is always at the right edge.
        first_x = plot.right() - step * (len(samples) - 1)
        points = [QPointF(first_x + i * step, plot.bottom() - plot.height() * value / peak)
                  for i, value in enumerate(samples)]
        pen = QPen(color, 1.5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if len(points) == 1:
            painter.drawPoint(points[0])
        else:
            painter.drawPolyline(QPolygonF(points))

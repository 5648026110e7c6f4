"""Traffic statistics with explicit timestamps, and the number formatting."""

from __future__ import annotations

import pytest

from app.stats import TrafficStats, format_bytes, format_rate


def test_totals_and_message_counters():
    stats = TrafficStats()
    stats.start(100.0)
    stats.add_out(10, 100.1)
    stats.count_message_out()
    stats.add_in(25, 100.2)
    stats.add_in(5, 100.3)
    stats.count_message_in(2)
    stats.add_in(0, 100.4)  # nothing arrived: ignored
    assert (stats.bytes_in, stats.bytes_out) == (30, 10)
    assert (stats.messages_in, stats.messages_out) == (2, 1)


def test_current_rate_uses_the_last_second_only():
    stats = TrafficStats()
    stats.start(0.0)
    stats.add_in(1000, 0.2)
    stats.add_in(3000, 0.9)
    assert stats.rate_in(1.0) == pytest.approx(4000)
    assert stats.rate_in(1.25) == pytest.approx(3000)  # the 0.2 s chunk left the window
    assert stats.rate_in(1.95) == pytest.approx(0)
    stats.add_out(500, 2.0)
    assert stats.rate_out(2.5) == pytest.approx(500)
    assert stats.rate_in(2.5) == 0


def test_average_rate_and_duration():
    stats = TrafficStats()
    assert stats.duration(5.0) == 0 and stats.average_rate_in(5.0) == 0
    stats.start(10.0)
    stats.add_in(8000, 11.0)
    stats.add_out(2000, 12.0)
    assert stats.duration(14.0) == pytest.approx(4.0)
    assert stats.average_rate_in(14.0) == pytest.approx(2000)
    assert stats.average_rate_out(14.0) == pytest.approx(500)
    stats.stop(18.0)
    # After the close the numbers stand still.
    assert stats.duration(100.0) == pytest.approx(8.0)
    assert stats.average_rate_in(100.0) == pytest.approx(1000)


def test_samples_per_interval_with_idle_gaps():
    stats = TrafficStats(max_samples=5)
    stats.start(0.0)
    stats.add_in(100, 0.1)
    stats.add_in(100, 0.5)
    stats.add_out(40, 0.7)
    stats.add_in(300, 1.5)
    stats.add_out(10, 3.2)
    samples_in, samples_out = stats.samples(3.9)  # intervals 0, 1, 2 are complete
    assert samples_in == [200, 300, 0]
    assert samples_out == [40, 0, 0]
    samples_in, samples_out = stats.samples(4.0)
    assert samples_in == [200, 300, 0, 0] and samples_out == [40, 0, 0, 10]
    # Bounded: a long idle time keeps only the newest max_samples.
    samples_in, samples_out = stats.samples(1000.0)
    assert samples_in == [0] * 5 and samples_out == [0] * 5


def test_samples_with_a_shorter_interval_are_rates():
    stats = TrafficStats(sample_interval_s=0.5)
    stats.start(0.0)
    stats.add_out(100, 0.1)
    stats.add_out(100, 0.6)
    assert stats.samples(1.0) == ([0.0, 0.0], [200.0, 200.0])


def test_traffic_before_start_starts_the_clock_and_late_timestamps_move_forward():
    stats = TrafficStats()
    stats.add_in(10, 50.0)
    stats.add_in(10, 49.0)  # an older timestamp from another caller counts as "now"
    assert stats.duration(52.0) == pytest.approx(2.0)
    assert stats.samples(51.0) == ([20.0], [0.0])


def test_start_clears_the_previous_connection():
    stats = TrafficStats()
    stats.start(0.0)
    stats.add_in(5, 0.5)
    stats.count_message_in()
    stats.last_round_trip_ms = 12.5
    stats.stop(1.0)
    stats.start(10.0)
    assert stats.bytes_in == 0 and stats.messages_in == 0
    assert stats.last_round_trip_ms is None
    assert stats.duration(11.0) == pytest.approx(1.0)
    assert stats.samples(10.5) == ([], [])


@pytest.mark.parametrize(("value", "text"), [
    (0, "0 B"), (-5, "0 B"), (float("nan"), "0 B"), (1, "1 B"), (999, "999 B"),
    (999.6, "1.0 kB"), (1000, "1.0 kB"), (12_345, "12.3 kB"), (999_949, "999.9 kB"),
    (999_950, "1.0 MB"), (12_300_000, "12.3 MB"), (5 * 10**9, "5.0 GB"), (10**18, "1000.0 PB"),
])
def test_format_bytes(value, text):
    assert format_bytes(value) == text


def test_format_rate():
    assert format_rate(12_345_678) == "12.3 MB/s"
    assert format_rate(512) == "512 B/s"
    assert format_rate(0) == "0 B/s"


# --------------------------------------------------------------------- the graph widget
def _pixels_near(image, color, tolerance=40) -> list[tuple[int, int]]:
    """Pixels of about `color` in the plot area (below the label strip at the top)."""
    found = []
    for y in range(15, image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (abs(pixel.red() - color.red()) + abs(pixel.green() - color.green())
                    + abs(pixel.blue() - color.blue())) <= tolerance:
                found.append((x, y))
    return found


def test_graph_draws_both_lines_where_the_samples_say(qtbot):
    from ui.throughput_graph import ThroughputGraph

    graph = ThroughputGraph()
    qtbot.addWidget(graph)
    graph.resize(graph.sizeHint())
    assert graph.objectName() == "throughputGraph"
    assert (graph.sizeHint().width(), graph.sizeHint().height()) == (240, 60)
    incoming, outgoing = graph.colors()
    assert incoming != outgoing

    empty = graph.grab().toImage()
    assert not _pixels_near(empty, incoming) and not _pixels_near(empty, outgoing)

    # "in" climbs from 0 to the peak; "out" stays flat at half of it.
    stats = TrafficStats()
    stats.start(0.0)
    for second in range(10):
        stats.add_in(1000 * second + 1, second + 0.5)
        stats.add_out(4500, second + 0.5)
    samples_in, samples_out = stats.samples(10.0)
    graph.set_samples(samples_in, samples_out)
    assert graph.samples() == (samples_in, samples_out)
    assert graph.peak() == pytest.approx(9001)
    assert "peak 9.0 kB/s" in graph.accessibleDescription()

    image = graph.grab().toImage()
    in_pixels = _pixels_near(image, incoming)
    out_pixels = _pixels_near(image, outgoing)
    assert in_pixels and out_pixels
    # Rising line: high (small y) on the right, low on the left.
    right_in = [y for x, y in in_pixels if x > image.width() * 0.8]
    left_in = [y for x, y in in_pixels if x < image.width() * 0.2]
    assert right_in and left_in and min(right_in) < min(left_in)
    # Flat line: roughly the same height everywhere, about mid-way down the plot.
    out_heights = [y for x, y in out_pixels if image.width() * 0.2 < x < image.width() * 0.8]
    assert out_heights and max(out_heights) - min(out_heights) <= 4

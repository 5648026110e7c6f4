"""The log view: one column of one-line rows that follows the tail, scrolls sideways for long
rows, copies what is selected and lets Tab go on to the next field."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.events import Direction, EventKind, SessionEvent
from app.log_model import LogModel
from ui.log_panel import LogPanel


def event(kind: EventKind, detail: str = "", data: bytes = b"", direction: Direction = Direction.NONE):
    return SessionEvent(kind, 0, time.time(), detail, data, len(data), direction, "MainThread")


@pytest.fixture
def panel(qtbot):
    model = LogModel(max_rows=1_000)
    panel = LogPanel(model)
    qtbot.addWidget(panel)
    panel.resize(500, 300)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def add_notes(panel, count: int) -> None:
    for i in range(count):
        panel.model.append_event(event(EventKind.NOTE, f"note {i}"))
    panel.model.flush()


def test_rows_are_one_line_of_the_log_font_high_and_follow_its_size(qtbot, panel):
    view = panel.logView
    add_notes(panel, 3)
    assert view.rowHeight(0) == view.fontMetrics().height()
    font = view.font()
    font.setPointSize(font.pointSize() + 8)
    view.setFont(font)
    assert view.rowHeight(0) == view.fontMetrics().height() > 0
    assert view.rowHeight(2) == view.rowHeight(0)


def test_a_row_wider_than_the_view_scrolls_sideways_until_the_log_is_cleared(qtbot, panel):
    view = panel.logView
    add_notes(panel, 1)
    qtbot.waitUntil(lambda: view.columnWidth(0) == view.viewport().width(), timeout=2000)
    assert view.horizontalScrollBar().maximum() == 0

    panel.model.append_event(event(EventKind.READY_READ, data=b"x" * 150, direction=Direction.IN))
    panel.model.flush()
    long_row = panel.model.row_text(panel.model.rowCount() - 1)
    needed = view.fontMetrics().horizontalAdvance(long_row)
    qtbot.waitUntil(lambda: view.columnWidth(0) >= needed and view.horizontalScrollBar().maximum() > 0,
                    timeout=2000)

    panel.model.clear()
    qtbot.waitUntil(lambda: view.columnWidth(0) == view.viewport().width(), timeout=2000)


def test_the_view_follows_the_newest_row_of_a_full_log(qtbot, panel):
    view = panel.logView
    for _ in range(3):  # past the cap: the oldest rows go, the view stays at the bottom
        add_notes(panel, 600)
    model = panel.model
    assert model.rowCount() == model.max_rows
    last = model.rowCount() - 1
    qtbot.waitUntil(lambda: view.rowAt(view.viewport().height() - 1) in (last, -1)
                    and view.verticalScrollBar().value() == view.verticalScrollBar().maximum(), timeout=2000)
    assert model.row_text(last).endswith("note 599")
    assert view.visualRect(model.index(last)).bottom() <= view.viewport().height()


def test_ctrl_c_copies_the_selected_rows_as_text(qtbot, panel):
    view = panel.logView
    add_notes(panel, 4)
    selection = view.selectionModel()
    for row in (0, 2):
        selection.select(panel.model.index(row), QItemSelectionModel.SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "\n".join(panel.model.row_text(row) for row in (0, 2))
    assert "note 0" in QApplication.clipboard().text() and "note 2" in QApplication.clipboard().text()


def test_tab_leaves_the_log_for_the_next_field(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    panel = LogPanel(LogModel())
    after = QLineEdit(objectName="after")
    layout = QVBoxLayout(holder)
    layout.addWidget(panel)
    layout.addWidget(after)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    add_notes(panel, 3)
    view = panel.logView
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    view.setCurrentIndex(panel.model.index(0))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert not view.hasFocus()
    assert view.currentIndex().row() == 0  # Tab did not walk through the rows

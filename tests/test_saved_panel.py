"""The saved-messages panel driven like a user would: clicks, typing, and replaced dialogs."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QPushButton

from app.saved_messages import FILE_FORMAT, SavedMessage, SavedMessageStore
from ui.saved_panel import SavedPanel


@pytest.fixture
def store():
    store = SavedMessageStore()
    store.add(SavedMessage("HTTP GET", content="GET / HTTP/1.1\r\n\r\n"))
    store.add(SavedMessage("Redis ping", port=6379, content="PING\r\n"))
    store.add(SavedMessage("Binary", format="hex", content="de ad be ef"))
    return store


@pytest.fixture
def panel(qtbot, store):
    panel = SavedPanel(store)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _button(panel: SavedPanel, name: str) -> QPushButton:
    button = panel.findChild(QPushButton, name)
    assert button is not None, name
    return button


def _select(panel: SavedPanel, name: str) -> None:
    assert panel.select(name)
    assert panel.selected_name() == name


def test_lists_the_store_and_filters_by_search(qtbot, panel, store):
    assert panel.visible_names() == ["HTTP GET", "Redis ping", "Binary"]
    search = panel.findChild(QLineEdit, "savedSearch")
    qtbot.keyClicks(search, "PING")
    assert panel.visible_names() == ["Redis ping"]
    search.clear()
    qtbot.keyClicks(search, "http/1.1")  # content matches too
    assert panel.visible_names() == ["HTTP GET"]
    search.clear()
    store.add(SavedMessage("New one", content="x"))
    assert panel.visible_names()[-1] == "New one"


def test_buttons_follow_the_selection(panel):
    send = _button(panel, "sendSavedButton")
    assert not send.isEnabled()
    _select(panel, "Binary")
    assert send.isEnabled()
    assert _button(panel, "deleteSavedButton").isEnabled()
    assert _button(panel, "exportSavedButton").isEnabled()


def test_send_button_emits_the_selected_message(qtbot, panel):
    _select(panel, "Redis ping")
    with qtbot.waitSignal(panel.send_requested, timeout=1000) as blocker:
        qtbot.mouseClick(_button(panel, "sendSavedButton"), Qt.MouseButton.LeftButton)
    assert blocker.args == [SavedMessage("Redis ping", port=6379, content="PING\r\n")]


def test_double_click_loads_the_message(qtbot, panel):
    view = panel.findChild(QListWidget, "savedList")
    item = view.item(2)
    rect = view.visualItemRect(item)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.load_requested, timeout=1000) as blocker:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0].name == "Binary"
    assert blocker.args[0].content == "de ad be ef"


def test_save_current_only_asks_the_window(qtbot, panel, store):
    with qtbot.waitSignal(panel.save_current_requested, timeout=1000):
        qtbot.mouseClick(_button(panel, "saveMessageButton"), Qt.MouseButton.LeftButton)
    assert len(store) == 3


def test_rename_and_delete_through_replaced_questions(qtbot, panel, store):
    _select(panel, "Binary")
    panel.ask_new_name = lambda current: current + " data"
    qtbot.mouseClick(_button(panel, "renameSavedButton"), Qt.MouseButton.LeftButton)
    assert store.names() == ["HTTP GET", "Redis ping", "Binary data"]
    assert panel.selected_name() == "Binary data"

    panel.ask_new_name = lambda current: "HTTP GET"
    qtbot.mouseClick(_button(panel, "renameSavedButton"), Qt.MouseButton.LeftButton)
    assert "already exists" in panel.status_label.text()
    assert store.names() == ["HTTP GET", "Redis ping", "Binary data"]

    asked = []
    panel.confirm_delete = lambda name: asked.append(name) or False
    qtbot.mouseClick(_button(panel, "deleteSavedButton"), Qt.MouseButton.LeftButton)
    assert asked == ["Binary data"] and len(store) == 3
    panel.confirm_delete = lambda name: True
    qtbot.mouseClick(_button(panel, "deleteSavedButton"), Qt.MouseButton.LeftButton)
    assert store.names() == ["HTTP GET", "Redis ping"]
    assert panel.visible_names() == ["HTTP GET", "Redis ping"]


def test_export_then_import_through_replaced_file_dialog(qtbot, panel, store, tmp_path):
    path = tmp_path / "exported.json"
    panel.choose_file = lambda purpose: str(path) if purpose == "export" else None
    qtbot.mouseClick(_button(panel, "exportSavedButton"), Qt.MouseButton.LeftButton)
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == FILE_FORMAT
    assert "Exported 3 messages" in panel.status_label.text()

    store.clear()
    assert panel.visible_names() == []
    panel.choose_file = lambda purpose: str(path) if purpose == "import" else None
    qtbot.mouseClick(_button(panel, "importSavedButton"), Qt.MouseButton.LeftButton)
    assert panel.visible_names() == ["HTTP GET", "Redis ping", "Binary"]
    assert panel.status_label.text() == "Imported 3 messages."


def test_import_reports_bad_entries_and_bad_files(qtbot, panel, store, tmp_path):
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([{"name": "<b>fine</b>", "content": "ok"},
                                {"name": "<i>broken</i>", "content": "x", "port": -1}]), encoding="utf-8")
    panel.choose_file = lambda purpose: str(path)
    qtbot.mouseClick(_button(panel, "importSavedButton"), Qt.MouseButton.LeftButton)
    assert "<b>fine</b>" in store
    status = panel.status_label.text()
    assert status.startswith("Imported 1 message; skipped 1 invalid entry.")
    assert "port -1 is out of range" in status
    assert panel.status_label.textFormat() == Qt.TextFormat.PlainText
    assert "&lt;i&gt;broken" in panel.status_label.toolTip()  # escaped, never rendered

    path.write_bytes(b"\x00\x01 not json")
    qtbot.mouseClick(_button(panel, "importSavedButton"), Qt.MouseButton.LeftButton)
    assert panel.status_label.text().startswith("Import failed: The file is not valid JSON")
    assert len(store) == 4


def test_every_control_has_an_object_name_and_accessible_name(panel):
    controls = panel.findChildren(QPushButton) + [panel.findChild(QLineEdit, "savedSearch"),
                                                  panel.findChild(QListWidget, "savedList")]
    assert len(controls) == 9
    for control in controls:
        assert control.objectName(), control
        assert control.accessibleName(), control.objectName()

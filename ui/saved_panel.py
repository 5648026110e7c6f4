"""The saved-messages panel: search, pick, send, and manage named messages.

All questions to the user (file names, a new name, "really delete?") go through the small
`ask_*` / `choose_file` methods, which tests replace with plain functions; nothing else
opens a modal dialog. Results and errors show in a plain-text status line.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.address import format_endpoint
from app.saved_messages import SavedMessage, SavedMessageError, SavedMessageStore

_FILE_FILTER = QT_TRANSLATE_NOOP("SavedPanel", "Saved messages (*.json);;All files (*)")
_NAME_ROLE = Qt.ItemDataRole.UserRole


class SavedPanel(QWidget):
    load_requested = Signal(object)  # SavedMessage: put it into the editor
    send_requested = Signal(object)  # SavedMessage: send it now
    save_current_requested = Signal()  # the window should store what the editor holds

    def __init__(self, store: SavedMessageStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("savedPanel")
        self.setAccessibleName(self.tr("Saved messages"))

        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("savedSearch")
        self.search_field.setPlaceholderText(self.tr("Search saved messages"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Search saved messages"))
        self.search_field.setAccessibleDescription(self.tr("Filters the list by name and content, ignoring case."))

        self.list = QListWidget(self)
        self.list.setObjectName("savedList")
        self.list.setAccessibleName(self.tr("Saved messages list"))
        self.list.setAccessibleDescription(self.tr("Double-click a message to load it into the editor."))
        self.list.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)

        self.save_button = self._button("saveMessageButton", self.tr("Save current"),
                                        self.tr("Save the message in the editor under a name"))
        self.load_button = self._button("loadSavedButton", self.tr("Load"),
                                        self.tr("Load the selected message into the editor"))
        self.send_button = self._button("sendSavedButton", self.tr("Send"), self.tr("Send the selected message now"))
        self.rename_button = self._button("renameSavedButton", self.tr("Rename…"),
                                          self.tr("Rename the selected message"))
        self.delete_button = self._button("deleteSavedButton", self.tr("Delete"),
                                          self.tr("Delete the selected message"))
        self.import_button = self._button("importSavedButton", self.tr("Import…"),
                                          self.tr("Add saved messages from a JSON file"))
        self.export_button = self._button("exportSavedButton", self.tr("Export…"),
                                          self.tr("Write all saved messages to a JSON file"))

        self.status_label = QLabel(self)
        self.status_label.setObjectName("savedStatus")
        self.status_label.setAccessibleName(self.tr("Saved messages status"))
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # file names and errors are data
        self.status_label.setWordWrap(True)

        top_row = QHBoxLayout()
        for button in (self.save_button, self.load_button, self.send_button):
            top_row.addWidget(button)
        bottom_row = QHBoxLayout()
        for button in (self.rename_button, self.delete_button, self.import_button, self.export_button):
            bottom_row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_field)
        layout.addWidget(self.list, 1)
        layout.addLayout(top_row)
        layout.addLayout(bottom_row)
        layout.addWidget(self.status_label)

        self.search_field.textChanged.connect(self.refresh)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self._load_selected())
        self.save_button.clicked.connect(self.save_current_requested)
        self.load_button.clicked.connect(self._load_selected)
        self.send_button.clicked.connect(self._send_selected)
        self.rename_button.clicked.connect(self._rename_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        self.import_button.clicked.connect(self._import)
        self.export_button.clicked.connect(self._export)
        store.changed.connect(self.refresh)
        self.refresh()

    # ----------------------------------------------------------------- questions (replaceable)
    def choose_file(self, purpose: str) -> str | None:
        """Ask for a file: purpose "import" (an existing file) or "export" (a file to write)."""
        file_filter = self.tr(_FILE_FILTER)
        if purpose == "import":
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import saved messages"), "", file_filter)
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export saved messages"), "saved-messages.json",
                                                  file_filter)
        return path or None

    def ask_new_name(self, current: str) -> str | None:
        name, ok = QInputDialog.getText(self, self.tr("Rename saved message"), self.tr("New name:"),
                                        QLineEdit.EchoMode.Normal, current)
        return name if ok else None

    def confirm_delete(self, name: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete saved message"), "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("Delete the saved message {name!r}?").format(name=name))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    # ----------------------------------------------------------------- state
    def selected_name(self) -> str | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return item.data(_NAME_ROLE)

    def select(self, name: str) -> bool:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_NAME_ROLE) == name:
                self.list.setCurrentItem(item)
                return True
        return False

    def visible_names(self) -> list[str]:
        return [self.list.item(row).data(_NAME_ROLE) for row in range(self.list.count())]

    def set_status(self, text: str, details: str = "") -> None:
        self.status_label.setText(text)
        # Tooltips guess whether text is rich text; escaped and wrapped, file content stays literal.
        lines = "<br>".join(html.escape(line) for line in details.splitlines())
        self.status_label.setToolTip(f"<qt>{lines}</qt>" if lines else "")

    def refresh(self) -> None:
        """Rebuild the list from the store and the search text, keeping the selection."""
        keep = self.selected_name()
        self.list.clear()
        for name in self.store.search(self.search_field.text()):
            message = self.store.get(name)
            if message is None:
                continue
            item = QListWidgetItem(name)
            item.setData(_NAME_ROLE, name)
            # No names or content in the tooltip: tooltips may render rich text.
            item.setToolTip(self.tr("{protocol} {endpoint} · {format} · {count} characters").format(
                protocol=message.protocol, endpoint=format_endpoint(message.host, message.port),
                format=message.format, count=len(message.content)))
            self.list.addItem(item)
        if keep is not None:
            self.select(keep)
        self._update_buttons()

    # ----------------------------------------------------------------- actions
    def _selected_message(self) -> SavedMessage | None:
        name = self.selected_name()
        return None if name is None else self.store.get(name)

    def _load_selected(self) -> None:
        message = self._selected_message()
        if message is not None:
            self.load_requested.emit(message)

    def _send_selected(self) -> None:
        message = self._selected_message()
        if message is not None:
            self.send_requested.emit(message)

    def _rename_selected(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        new = self.ask_new_name(name)
        if new is None or new.strip() == name:
            return
        try:
            final = self.store.rename(name, new)
        except SavedMessageError as exc:
            self.set_status(self.tr("Not renamed: {error}").format(error=exc))
            return
        self.select(final)
        self.set_status(self.tr("Renamed to {name}.").format(name=final))

    def _delete_selected(self) -> None:
        name = self.selected_name()
        if name is None or not self.confirm_delete(name):
            return
        self.store.delete(name)
        self.set_status(self.tr("Deleted {name}.").format(name=name))

    def _import(self) -> None:
        path = self.choose_file("import")
        if not path:
            return
        try:
            result = self.store.import_file(path)
        except SavedMessageError as exc:
            self.set_status(self.tr("Import failed: {error}").format(error=exc))
            return
        details = "\n".join(result.errors)
        first_problem = self.tr(" First problem: {problem}").format(problem=result.errors[0]) if result.errors else ""
        self.set_status(result.summary() + first_problem, details)

    def _export(self) -> None:
        path = self.choose_file("export")
        if not path:
            return
        try:
            self.store.export_file(path)
        except SavedMessageError as exc:
            self.set_status(self.tr("Export failed: {error}").format(error=exc))
            return
        count = len(self.store)
        template = self.tr("Exported {count} message to {path}.") if count == 1 else self.tr(
            "Exported {count} messages to {path}.")
        self.set_status(template.format(count=count, path=path))

    # ----------------------------------------------------------------- helpers
    def _button(self, object_name: str, text: str, description: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(object_name)
        button.setAccessibleName(text.rstrip("…"))
        button.setAccessibleDescription(description)
        button.setToolTip(description)
        return button

    def _update_buttons(self) -> None:
        has_selection = self.selected_name() is not None
        for button in (self.load_button, self.send_button, self.rename_button, self.delete_button):
            button.setEnabled(has_selection)
        self.export_button.setEnabled(len(self.store) > 0)

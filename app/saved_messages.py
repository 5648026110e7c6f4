"""Named messages the user keeps for reuse: the store, its JSON form and its checks.

Names are unique. Adding a message under a name that is already taken keeps both: the
new one becomes "name (2)" (then "name (3)" ...), the way file managers do it, so an
import or a careless Save never silently overwrites something. Pass `replace=True` to
`add()` to overwrite on purpose.

JSON form (export files and the settings value):
    {"format": "socket-tester-saved-messages", "version": 1, "messages": [{...}, ...]}
A bare list of message objects is accepted on import too. Unknown keys in a message are
ignored, so files from newer versions still load.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from dataclasses import asdict, dataclass, fields
from typing import Any

from PySide6.QtCore import QObject, Signal

from .address import EndpointError, parse_host
from .atomic import atomic_write_text
from .settings import Settings

FILE_FORMAT = "socket-tester-saved-messages"
FILE_VERSION = 1
SETTINGS_KEY = "savedMessages/json"

PROTOCOLS = ("TCP", "TLS", "UDP")
FORMATS = ("text", "hex")
LINE_ENDINGS = ("none", "lf", "cr", "crlf")
MAX_NAME_LENGTH = 200
# An import larger than this is almost certainly the wrong file; refuse before reading it.
MAX_IMPORT_BYTES = 32 * 1024 * 1024

# Hex content as people type it: "48 65 6c", "48:65:6C", "48-65,6c", "0x48 0x65".
_HEX_CONTENT = re.compile(r"(?:\s|[,:;-]|0[xX](?=[0-9A-Fa-f])|[0-9A-Fa-f])*")
_NUMBERED_NAME = re.compile(r"^(.*) \((\d+)\)$")


class SavedMessageError(ValueError):
    """A saved message or a saved-messages file is not usable; str() says why, for the user."""


@dataclass
class SavedMessage:
    name: str
    protocol: str = "TCP"
    host: str = "127.0.0.1"
    port: int = 7
    format: str = "text"  # "text" | "hex"
    content: str = ""
    encoding: str = "utf-8"
    line_ending: str = "none"  # "none" | "lf" | "cr" | "crlf"
    escapes: bool = True  # text format: whether \r \n \t \0 \\ \xHH are escapes

    def validate(self) -> None:
        """Raise SavedMessageError naming the first field that is not acceptable."""
        if not isinstance(self.name, str):
            raise SavedMessageError("name is not text")
        if not self.name.strip():
            raise SavedMessageError("name is empty")
        if len(self.name) > MAX_NAME_LENGTH:
            raise SavedMessageError(f"name is {len(self.name)} characters long; at most {MAX_NAME_LENGTH}")
        if any(ch in self.name for ch in "\r\n\t\0"):
            raise SavedMessageError("name contains a line break, tab or NUL character")
        if self.protocol not in PROTOCOLS:
            raise SavedMessageError(f"protocol {self.protocol!r} is not one of {', '.join(PROTOCOLS)}")
        if not isinstance(self.host, str):
            raise SavedMessageError("host is not text")
        try:
            parse_host(self.host)
        except EndpointError as exc:
            raise SavedMessageError(str(exc)) from None
        if isinstance(self.port, bool) or not isinstance(self.port, int):
            raise SavedMessageError(f"port {self.port!r} is not a whole number")
        if not 1 <= self.port <= 65535:
            raise SavedMessageError(f"port {self.port} is out of range (1-65535)")
        if self.format not in FORMATS:
            raise SavedMessageError(f"format {self.format!r} is not one of {', '.join(FORMATS)}")
        if not isinstance(self.content, str):
            raise SavedMessageError("content is not text")
        if self.format == "hex" and not _HEX_CONTENT.fullmatch(self.content):
            raise SavedMessageError("hex content may hold only hex digits, spaces and , : ; - separators")
        if not isinstance(self.encoding, str) or not self.encoding:
            raise SavedMessageError("encoding is empty")
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            raise SavedMessageError(f"encoding {self.encoding!r} is not known") from None
        if self.line_ending not in LINE_ENDINGS:
            raise SavedMessageError(f"line ending {self.line_ending!r} is not one of {', '.join(LINE_ENDINGS)}")
        if not isinstance(self.escapes, bool):
            raise SavedMessageError("escapes is not true or false")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> SavedMessage:
        """Build and validate one message from its JSON object."""
        if not isinstance(data, dict):
            raise SavedMessageError(f"expected an object, found {type(data).__name__}")
        for required in ("name", "content"):
            if required not in data:
                raise SavedMessageError(f"{required!r} is missing")
        known = {f.name for f in fields(cls)}
        message = cls(**{key: value for key, value in data.items() if key in known})
        if isinstance(message.name, str):
            message.name = message.name.strip()
        message.validate()
        return message


@dataclass
class ImportResult:
    """What an import did: the names it added (after de-duplication) and the entries it skipped."""

    added: list[str]
    errors: list[str]

    def summary(self) -> str:
        text = f"Imported {len(self.added)} message{'s' if len(self.added) != 1 else ''}"
        if self.errors:
            text += f"; skipped {len(self.errors)} invalid entr{'ies' if len(self.errors) != 1 else 'y'}"
        return text + "."


def parse_messages(text: str) -> tuple[list[SavedMessage], list[str]]:
    """Messages from a JSON document, plus one error line per entry that was skipped.

    Raises SavedMessageError when the document as a whole is unusable.
    """
    try:
        document = json.loads(text)
    except RecursionError:
        raise SavedMessageError("The file is nested too deeply to be a saved-messages file.") from None
    except ValueError as exc:
        raise SavedMessageError(f"The file is not valid JSON: {exc}") from None
    if isinstance(document, dict):
        if document.get("format") != FILE_FORMAT:
            raise SavedMessageError("The file is JSON, but not a Socket Tester saved-messages file.")
        version = document.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise SavedMessageError(f"The file has no valid version number (found {version!r}).")
        if version > FILE_VERSION:
            raise SavedMessageError(f"The file is version {version}; this Socket Tester reads up to "
                                    f"version {FILE_VERSION}.")
        entries = document.get("messages")
    else:
        entries = document
    if not isinstance(entries, list):
        raise SavedMessageError("The file holds no list of messages.")
    messages: list[SavedMessage] = []
    errors: list[str] = []
    for number, entry in enumerate(entries, start=1):
        try:
            messages.append(SavedMessage.from_dict(entry))
        except SavedMessageError as exc:
            errors.append(f"entry {number}{_label(entry)}: {exc}")
    return messages, errors


def _label(entry: Any) -> str:
    name = entry.get("name") if isinstance(entry, dict) else None
    return f" ({name[:40]!r})" if isinstance(name, str) and name else ""


class SavedMessageStore(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._messages: dict[str, SavedMessage] = {}  # insertion order is display order

    # ----------------------------------------------------------------- queries
    def names(self) -> list[str]:
        return list(self._messages)

    def get(self, name: str) -> SavedMessage | None:
        message = self._messages.get(name)
        return None if message is None else SavedMessage(**asdict(message))  # callers get a copy

    def messages(self) -> list[SavedMessage]:
        return [SavedMessage(**asdict(m)) for m in self._messages.values()]

    def search(self, text: str) -> list[str]:
        """Names whose name or content contains `text`, ignoring case; all names for ''."""
        needle = text.strip().casefold()
        if not needle:
            return self.names()
        return [name for name, message in self._messages.items()
                if needle in name.casefold() or needle in message.content.casefold()]

    def __len__(self) -> int:
        return len(self._messages)

    def __contains__(self, name: object) -> bool:
        return name in self._messages

    # ----------------------------------------------------------------- changes
    def add(self, message: SavedMessage, *, replace: bool = False) -> str:
        """Add a copy of `message` and return the name it was stored under."""
        stored = self._checked_copy(message)
        if not replace:
            stored.name = self.unique_name(stored.name)
        self._messages[stored.name] = stored
        self.changed.emit()
        return stored.name

    def rename(self, old: str, new: str) -> str:
        """Rename in place (the message keeps its position); returns the cleaned-up new name."""
        if old not in self._messages:
            raise SavedMessageError(f"There is no saved message called {old!r}.")
        renamed = SavedMessage(**{**asdict(self._messages[old]), "name": new.strip()})
        renamed.validate()
        if renamed.name == old:
            return old
        if renamed.name in self._messages:
            raise SavedMessageError(f"A saved message called {renamed.name!r} already exists.")
        self._messages = {(renamed.name if name == old else name): (renamed if name == old else message)
                          for name, message in self._messages.items()}
        self.changed.emit()
        return renamed.name

    def delete(self, name: str) -> bool:
        if self._messages.pop(name, None) is None:
            return False
        self.changed.emit()
        return True

    def clear(self) -> None:
        if self._messages:
            self._messages.clear()
            self.changed.emit()

    def unique_name(self, name: str) -> str:
        """`name`, or "name (2)", "name (3)" ... whichever is free."""
        if name not in self._messages:
            return name
        match = _NUMBERED_NAME.match(name)
        base, number = (match.group(1), int(match.group(2))) if match else (name, 1)
        while True:
            number += 1
            candidate = f"{base} ({number})"
            if candidate not in self._messages:
                return candidate

    # ----------------------------------------------------------------- JSON
    def to_json(self) -> str:
        document = {
            "format": FILE_FORMAT,
            "version": FILE_VERSION,
            "messages": [message.to_dict() for message in self._messages.values()],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    def from_json(self, text: str) -> ImportResult:
        """Add every valid message in `text` (names de-duplicated); invalid entries are
        skipped and listed in the result. Raises SavedMessageError if the document is unusable."""
        messages, errors = parse_messages(text)
        added = self._merge(messages)
        if added:
            self.changed.emit()
        return ImportResult(added, errors)

    # ----------------------------------------------------------------- files
    def export_file(self, path: str | os.PathLike[str]) -> None:
        try:
            atomic_write_text(path, self.to_json())
        except OSError as exc:
            raise SavedMessageError(f"Could not write {os.fspath(path)}: {exc.strerror or exc}") from None

    def import_file(self, path: str | os.PathLike[str]) -> ImportResult:
        path = os.fspath(path)
        try:
            with open(path, "rb") as f:
                data = f.read(MAX_IMPORT_BYTES + 1)
        except OSError as exc:
            raise SavedMessageError(f"Could not read {path}: {exc.strerror or exc}") from None
        if len(data) > MAX_IMPORT_BYTES:
            raise SavedMessageError(f"{path} is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB; "
                                    "it is not a saved-messages file.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SavedMessageError(f"{path} is not UTF-8 text (byte {exc.start}).") from None
        return self.from_json(text)

    # ----------------------------------------------------------------- settings
    def save(self, settings: Settings) -> None:
        settings.write(SETTINGS_KEY, self.to_json())
        settings.sync()

    def load(self, settings: Settings) -> ImportResult:
        """Replace the contents with what `settings` holds. A damaged value gives an empty
        store (and the reason in the result), never an exception."""
        self._messages.clear()
        text = settings.read_str(SETTINGS_KEY, "")
        result = ImportResult([], [])
        if text:
            try:
                messages, errors = parse_messages(text)
            except SavedMessageError as exc:
                result.errors.append(str(exc))
            else:
                result.added = self._merge(messages)
                result.errors.extend(errors)
        self.changed.emit()
        return result

    # ----------------------------------------------------------------- helpers
    def _merge(self, messages: list[SavedMessage]) -> list[str]:
        """Add already-validated messages under free names, without emitting `changed`."""
        added = []
        for message in messages:
            message.name = self.unique_name(message.name)
            self._messages[message.name] = message
            added.append(message.name)
        return added

    @staticmethod
    def _checked_copy(message: SavedMessage) -> SavedMessage:
        copy = SavedMessage(**asdict(message))
        if isinstance(copy.name, str):
            copy.name = copy.name.strip()
        copy.validate()
        return copy

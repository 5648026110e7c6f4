"""Typed reads from QSettings that never raise.

QSettings hands back whatever the storage holds: from an INI file every int and bool
comes back as a string ("5", "true"), a hand-edited value can be anything, and a
list-looking string ("a, b") turns into a list. Each `read_*` method here accepts the
forms a well-behaved file can hold and falls back to the caller's default for
everything else, so a damaged settings file costs the user their settings, never the app.

The organisation and application names ("SocketTester", "Socket Tester") are set once
by the application; `Settings()` then opens the platform's usual place. Tests pass a
QSettings on an INI file of their own (see `Settings.at_path`).
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION_NAME = "SocketTester"
APPLICATION_NAME = "Socket Tester"

_INTEGER = re.compile(r"[+-]?\d{1,19}")
_TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
_FALSE_WORDS = frozenset({"false", "0", "no", "off"})


class Settings:
    """A thin typed wrapper around one QSettings object."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings()

    @classmethod
    def at_path(cls, path: str | os.PathLike[str]) -> Settings:
        """Settings kept in the INI file at `path` (tests, portable installs)."""
        return cls(QSettings(os.fspath(path), QSettings.Format.IniFormat))

    # ----------------------------------------------------------------- reads
    def read_str(self, key: str, default: str = "") -> str:
        value = self._raw(key)
        if isinstance(value, str):
            return value
        # Written as a number in this process: QSettings still holds the int itself.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return default

    def read_int(self, key: str, default: int, minimum: int | None = None,
                 maximum: int | None = None) -> int:
        value = self._raw(key)
        if isinstance(value, bool):
            return default
        if isinstance(value, str):
            text = value.strip()
            if not _INTEGER.fullmatch(text):
                return default
            value = int(text)
        if not isinstance(value, int):
            return default
        if minimum is not None and value < minimum:
            return default
        if maximum is not None and value > maximum:
            return default
        return value

    def read_bool(self, key: str, default: bool) -> bool:
        value = self._raw(key)
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return {0: False, 1: True}.get(value, default)
        if isinstance(value, str):
            word = value.strip().lower()
            if word in _TRUE_WORDS:
                return True
            if word in _FALSE_WORDS:
                return False
        return default

    def read_bytes(self, key: str, default: bytes = b"") -> bytes:
        value = self._raw(key)
        if isinstance(value, QByteArray):
            return value.data()
        if isinstance(value, (bytes, bytearray)):
            return bytes(value)
        return default

    def read_json(self, key: str, default: Any = None) -> Any:
        """The value stored by `write(key, dict_or_list)`; `default` if it is not valid JSON.

        When `default` is a dict or a list, a document of another shape counts as foreign
        and gives the default too, so callers can index the result without checking.
        """
        value = self._raw(key)
        if isinstance(value, (QByteArray, bytes, bytearray)):
            raw = value.data() if isinstance(value, QByteArray) else bytes(value)
            try:
                value = raw.decode("utf-8")
            except UnicodeDecodeError:
                return default
        if not isinstance(value, str):
            return default
        try:
            document = json.loads(value)
        except (ValueError, RecursionError):
            return default
        if isinstance(default, (dict, list)) and not isinstance(document, type(default)):
            return default
        return document

    # ----------------------------------------------------------------- writes
    def write(self, key: str, value: Any) -> None:
        """Store str, int, bool, float or bytes as themselves, dict/list/tuple as JSON text,
        and None by removing the key."""
        if value is None:
            self.qsettings.remove(key)
            return
        if isinstance(value, (bytes, bytearray, memoryview)):
            # PySide would otherwise pickle Python bytes into an opaque @Variant blob.
            value = QByteArray(bytes(value))
        elif isinstance(value, (dict, list, tuple)):
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        elif not isinstance(value, (str, int, float, bool)):
            raise TypeError(f"cannot store {type(value).__name__} in settings under {key!r}")
        self.qsettings.setValue(key, value)

    def remove(self, key: str) -> None:
        self.qsettings.remove(key)

    def contains(self, key: str) -> bool:
        return bool(key) and self.qsettings.contains(key)

    def sync(self) -> None:
        """Write pending changes to storage now (Qt also does it later on its own)."""
        self.qsettings.sync()

    # ----------------------------------------------------------------- helpers
    def _raw(self, key: str) -> Any:
        if not key:
            return None  # QSettings warns about empty keys; there is nothing to read anyway
        try:
            return self.qsettings.value(key)
        except Exception:  # noqa: BLE001 - a value PySide cannot convert is just a bad value
            return None

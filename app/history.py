"""What the user typed before: recent hosts and ports, and shell-like message history."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


class RecentList:
    """Most recent first, each entry once, at most `limit` entries (for host/port combo boxes)."""

    def __init__(self, items: Iterable[str] = (), limit: int = 20) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self._items: list[str] = []
        # Oldest first, so the first item given ends up on top.
        for item in reversed(list(items)):
            self.add(item)

    def add(self, item: str) -> None:
        """Put `item` on top (moving it there if it is already in the list)."""
        if not isinstance(item, str):
            item = str(item)
        item = item.strip()
        if not item:
            return
        if item in self._items:
            self._items.remove(item)
        self._items.insert(0, item)
        del self._items[self.limit:]

    def remove(self, item: str) -> None:
        if item in self._items:
            self._items.remove(item)

    def clear(self) -> None:
        self._items.clear()

    def items(self) -> list[str]:
        return list(self._items)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, item: object) -> bool:
        return item in self._items


class MessageHistory:
    """Up/Down through sent messages, like a shell.

    `previous(current_text)` steps back; the first step remembers `current_text` as the
    draft. `next()` steps forward, and stepping past the newest entry gives the draft back,
    so nothing the user was typing is lost. `add()` (on send) ends the navigation.
    Consecutive duplicates are stored once, as shells with ignoredups do.
    """

    def __init__(self, entries: Iterable[str] = (), limit: int = 100) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self._entries: list[str] = []  # oldest first
        self._position: int | None = None  # index into _entries while navigating
        self._draft = ""
        for entry in entries:
            self.add(entry)

    @property
    def is_navigating(self) -> bool:
        return self._position is not None

    def entries(self) -> list[str]:
        """Oldest first."""
        return list(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, text: str) -> None:
        self.reset()
        if not text:
            return
        if self._entries and self._entries[-1] == text:
            return
        self._entries.append(text)
        del self._entries[:-self.limit]

    def previous(self, current_text: str = "") -> str:
        """The entry before the one shown (the newest on the first step); at the oldest
        entry it stays there. With no history, `current_text` comes back unchanged."""
        if not self._entries:
            return current_text
        if self._position is None:
            self._draft = current_text
            self._position = len(self._entries) - 1
        elif self._position > 0:
            self._position -= 1
        return self._entries[self._position]

    def next(self, current_text: str | None = None) -> str:
        """The entry after the one shown; past the newest, the draft. When not navigating
        there is nothing newer: `current_text` (or the last draft) comes back."""
        if self._position is None:
            return self._draft if current_text is None else current_text
        if self._position < len(self._entries) - 1:
            self._position += 1
            return self._entries[self._position]
        self._position = None
        return self._draft

    def reset(self) -> None:
        """Stop navigating (the editor was cleared or sent)."""
        self._position = None
        self._draft = ""

    def clear(self) -> None:
        self._entries.clear()
        self.reset()

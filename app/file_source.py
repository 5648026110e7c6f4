"""A file to send, read a piece at a time: the session's outbox reads it as the socket drains,
so a file of any size costs at most the outbox's share of memory.

Opened here and not in app/session.py, which never touches files: the session is on the
receive path, where nothing a peer sends may lead to a file (tests/faults/test_security.py).
"""

from __future__ import annotations

import os


class FileSource:
    __slots__ = ("file", "name", "left")

    def __init__(self, path: str) -> None:
        """Raises OSError when the file cannot be opened or its size read."""
        self.file = open(path, "rb")  # noqa: SIM115 - closed by close(), when sent or dropped
        try:
            self.left = os.fstat(self.file.fileno()).st_size
        except OSError:
            self.file.close()
            raise
        self.name = os.path.basename(path)

    def read(self, limit: int) -> bytes:
        """Up to `limit` of the bytes not read yet; b"" once the file ends (early, if it shrank)."""
        piece = self.file.read(min(limit, self.left))
        self.left -= len(piece)
        return piece

    def close(self) -> None:
        self.file.close()

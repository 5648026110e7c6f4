"""Atomic file writes: the target holds either its old content or the complete new content.

Everything the app saves (captures, logs, settings exports) goes through `AtomicFile`: the
bytes go to a temporary file next to the target (`.name.XXXXXXXX.part`, same directory so
the final rename never crosses a file system), which is flushed, fsync'ed and then
`os.replace`d onto the target. A crash, an exception or `discard()` leaves the target as
it was; only a crash can leave a stray `.part` file behind, never a half-written target.
"""

from __future__ import annotations

import codecs
import os
import stat
from types import TracebackType

_TEXT_MODES = {"w", "wt"}
_BINARY_MODES = {"wb"}
# Keeps `.{name}.{token}.part` under the usual 255-byte file name limit.
_MAX_NAME_IN_TEMP = 200


class AtomicFile:
    """A file opened for writing whose content replaces `path` only on a successful close().

    Use as a context manager (commit on normal exit, discard on exception) or call
    `close()` / `discard()` yourself. `mode` is "wb" (bytes) or "w" (text).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        mode: str = "wb",
        *,
        encoding: str | None = None,
        errors: str | None = None,
        newline: str | None = None,
        buffering: int = -1,
    ) -> None:
        if mode in _TEXT_MODES:
            encoding = encoding or "utf-8"  # never the locale's: files move between machines
            codecs.lookup(encoding)  # fail before a temp file exists
        elif mode in _BINARY_MODES:
            if encoding is not None or errors is not None or newline is not None:
                raise ValueError("binary mode takes no encoding, errors or newline")
        else:
            raise ValueError(f"AtomicFile mode must be 'wb' or 'w', not {mode!r}")

        # Write through a symlink to the file it names, so the link itself survives.
        self.path = os.path.realpath(os.fspath(path))
        self.mode = mode
        self._finished = False
        fd, self.temp_path = _create_temp_beside(self.path)
        try:
            _copy_permissions(self.path, self.temp_path)
            if mode in _TEXT_MODES:
                self._file = os.fdopen(fd, "w", buffering=buffering, encoding=encoding,
                                       errors=errors, newline=newline)
            else:
                self._file = os.fdopen(fd, "wb", buffering=buffering)
        except BaseException:
            _close_quietly(fd)
            _remove_quietly(self.temp_path)
            raise

    # ----------------------------------------------------------------- file-like
    def write(self, data):  # bytes-like in "wb", str in "w"
        return self._file.write(data)

    def writelines(self, lines) -> None:
        self._file.writelines(lines)

    def flush(self) -> None:
        """Hand buffered data to the OS (into the temp file; the target is untouched)."""
        self._file.flush()

    def tell(self) -> int:
        return self._file.tell()

    @property
    def closed(self) -> bool:
        return self._finished

    # ----------------------------------------------------------------- finishing
    def close(self) -> None:
        """Commit: flush, fsync and rename the temp file onto the target."""
        if self._finished:
            return
        self._finished = True
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            os.replace(self.temp_path, self.path)
        except BaseException:
            self._abandon()
            raise
        _fsync_directory(os.path.dirname(self.path))

    def discard(self) -> None:
        """Throw away what was written; the target keeps its old content (or stays absent)."""
        if self._finished:
            return
        self._finished = True
        self._abandon()

    def _abandon(self) -> None:
        try:
            self._file.close()
        except OSError:
            pass  # e.g. a full disk while flushing: the data is being thrown away anyway
        _remove_quietly(self.temp_path)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.close()
        else:
            self.discard()

    def __repr__(self) -> str:
        state = "finished" if self._finished else "open"
        return f"<AtomicFile {self.path!r} mode={self.mode!r} {state}>"


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with AtomicFile(path, "wb") as f:
        f.write(data)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8",
                      *, newline: str | None = None) -> None:
    with AtomicFile(path, "w", encoding=encoding, newline=newline) as f:
        f.write(text)


# --------------------------------------------------------------------- helpers
def _create_temp_beside(path: str) -> tuple[int, str]:
    directory, name = os.path.split(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temp_path = os.path.join(directory, f".{name[:_MAX_NAME_IN_TEMP]}.{os.urandom(4).hex()}.part")
        try:
            # 0o666 filtered by the umask: the same permissions open(path, "w") would give.
            return os.open(temp_path, flags, 0o666), temp_path
        except FileExistsError:
            continue
    raise FileExistsError(f"could not create a temporary file next to {path!r}")


def _copy_permissions(target: str, temp_path: str) -> None:
    """Replacing a file should not change who may read it."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return
    os.chmod(temp_path, mode)


def _fsync_directory(directory: str) -> None:
    """Make the rename itself durable (POSIX only; Windows cannot open directories)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on directories; the data itself is safe
    finally:
        os.close(fd)


def _close_quietly(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass  # already closed by a half-built file object


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass

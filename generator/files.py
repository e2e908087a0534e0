"""File facts shared by the reader and the writer."""

from __future__ import annotations

from pathlib import Path


def stat_signature(path: Path) -> tuple[int, int, int] | None:
    """(inode, size, modification time in ns) of `path`, or None when it is missing.

    A long-running process (`mkdocs serve`) compares signatures to tell that a file is
    unchanged since it last read or wrote it, without reading it again.
    """
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)

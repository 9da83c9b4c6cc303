"""Write a file so that it is either complete or absent: temp file + rename."""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write data to path via a temp file in the same folder, then rename over it."""
    with temporary_beside(path) as temp:
        with open(temp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)


@contextmanager
def temporary_beside(path: Path) -> Iterator[Path]:
    """A new, empty temp file next to path (same file system, so a rename is atomic).

    Created with the usual permissions (the umask applies, unlike mkstemp's
    owner-only files); removed again unless the caller renamed it away.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield temp
    finally:
        temp.unlink(missing_ok=True)

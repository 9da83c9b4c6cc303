"""The processes a batch started, read from /proc (Linux): used to check that none outlives it."""
from __future__ import annotations

from pathlib import Path


def descendants(pid: int) -> set[int]:
    """Every live process below pid."""
    found, stack = set(), [pid]
    while stack:
        current = stack.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found.add(child)
            stack.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of pids still running (a zombie waiting for its parent to reap it has ended)."""

    def running(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    return {pid for pid in pids if running(pid)}

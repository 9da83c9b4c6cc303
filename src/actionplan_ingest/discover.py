"""Which files a batch converts, and where each one's output goes.

Folders are searched recursively, following links to folders once each: a
link back to a folder already being searched (a loop) or a broken link is
reported, never followed and never silently dropped.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import InputNotFound

INPUT_SUFFIXES = frozenset({".pdf", ".docx", ".txt"})


def display_name(path: PurePosixPath | Path | str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 shown as \\xNN."""
    text = path if isinstance(path, str) else path.as_posix()
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Input:
    path: Path
    relative: PurePosixPath  # path relative to the folder it was found in (or its name, for a file)

    @property
    def output_name(self) -> PurePosixPath:
        """plans/2021/em.pdf -> 2021/em.pdf.json, so em.pdf and em.txt never collide."""
        return self.relative.with_name(self.relative.name + ".json")

    @property
    def name(self) -> str:
        """The relative path as printable text (the ``file`` column of the CSV and database)."""
        return display_name(self.relative)


@dataclass(frozen=True)
class Skipped:
    """Something found while searching that is not searched: a link loop, a broken link."""

    path: Path
    relative: PurePosixPath
    reason: str


@dataclass
class Found:
    inputs: list[Input] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def find_inputs(paths: Iterable[Path], skip: Iterable[Path] = ()) -> list[Input]:
    """The inputs ``search`` finds, in order."""
    return search(paths, skip).inputs


def search(paths: Iterable[Path], skip: Iterable[Path] = ()) -> Found:
    """Every .pdf/.docx/.txt file found (recursively) under the folders named, plus the files named.

    A file named explicitly is an input whatever its suffix (readers go by
    content). ``skip`` names folders to leave out (an out folder inside an
    input folder). Hidden files (".name") are left out.
    """
    skipped = {_identity(s) for s in skip if s.exists()}
    found = Found()
    for path in paths:
        if not path.exists():
            raise InputNotFound(path, "no such file or folder" if not path.is_symlink() else "a broken link")
        if path.is_file():
            found.inputs.append(Input(path, PurePosixPath(path.name)))
        else:
            _search(path, PurePosixPath(), {_identity(path)}, skipped, found)
    return found


def _search(folder: Path, relative: PurePosixPath, open_folders: set[tuple[int, int]], skip: set, found: Found) -> None:
    """Depth first, names sorted: the order sorted(Path.rglob()) gives, links to folders followed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        found.skipped.append(Skipped(folder, relative, f"folder cannot be read ({exc.strerror or exc})"))
        return
    for entry in entries:
        path, rel = Path(entry.path), relative / entry.name
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            found.skipped.append(Skipped(path, rel, f"cannot be read ({exc.strerror or exc})"))
            continue
        if is_dir:
            identity = _identity(path)
            if identity in skip:
                continue
            if identity in open_folders:
                found.skipped.append(Skipped(path, rel, "link to a folder that contains it (a loop): not followed"))
                continue
            _search(path, rel, open_folders | {identity}, skip, found)
        elif is_file:
            if entry.name.lower().endswith(tuple(INPUT_SUFFIXES)) and not entry.name.startswith("."):
                found.inputs.append(Input(path, rel))
        elif entry.is_symlink():
            found.skipped.append(Skipped(path, rel, "broken link: its target does not exist"))


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino

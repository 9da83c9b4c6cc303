"""Which files a folder holds for conversion, and where each one's output goes."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputNotFound

INPUT_SUFFIXES = frozenset({".pdf", ".docx", ".txt"})


@dataclass(frozen=True)
class Input:
    path: Path
    relative: Path  # path relative to the folder it was found in (or its name, for a file)

    @property
    def output_name(self) -> Path:
        """plans/2021/em.pdf -> 2021/em.pdf.json, so em.pdf and em.txt never collide."""
        return self.relative.with_name(self.relative.name + ".json")


def find_inputs(paths: Iterable[Path], skip: Iterable[Path] = ()) -> list[Input]:
    """Every .pdf/.txt file named or found (recursively) under the folders named, sorted.

    ``skip`` names folders to leave out (the expected outputs inside a samples folder).
    """
    skipped = [s.resolve() for s in skip]
    found: list[Input] = []
    for path in paths:
        if not path.exists():
            raise InputNotFound(path, "no such file or folder")
        if path.is_file():
            found.append(Input(path, Path(path.name)))
            continue
        for candidate in sorted(path.rglob("*")):
            if (
                candidate.is_file()
                and candidate.suffix.lower() in INPUT_SUFFIXES
                and not candidate.name.startswith(".")
                and not any(candidate.resolve().is_relative_to(s) for s in skipped)
            ):
                found.append(Input(candidate, candidate.relative_to(path)))
    return found

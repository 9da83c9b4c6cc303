"""What every reader hands to the assembler: table rows with their provenance.

Both readers produce the same ``RawDocument``, so the PDF path and the text
path share every step after reading.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import NotAnActionPlan
from ..vocab import Column

Cells = tuple[str | None, ...]
"""One entry per ``Column``: ``None`` = no cell here (merged), ``""`` = an empty cell."""


@dataclass(frozen=True)
class RawRow:
    cells: Cells
    page: int | None
    line_start: int | None
    line_end: int | None
    page_top: bool = False  # first row on its page: a row broken over the page continues here
    span: tuple[str, ...] = ()  # a row spanning the table (addressee, section), as cut into pieces
    ruled: bool = False  # drawn rules bound the row (PDF): within a page it never continues the row above

    def cell(self, column: Column) -> str:
        """The cell's text, with merged and empty cells both as ""."""
        return self.cells[column] or ""


@dataclass(frozen=True)
class RawDocument:
    file: str
    sha256: str
    format: Literal["pdf", "text"]
    pages: int | None
    preamble: tuple[str, ...]  # text lines before the table: the header block
    rows: tuple[RawRow, ...]

    @classmethod
    def read_from(
        cls,
        path: Path,
        data: bytes,
        format: Literal["pdf", "text"],
        pages: int | None,
        preamble: Sequence[str],
        rows: Sequence[RawRow],
    ) -> RawDocument:
        """The document a reader found in path's bytes; a table without rows holds no plan."""
        if not rows:
            raise NotAnActionPlan(path, "the action-plan table has no rows")
        return cls(path.name, hashlib.sha256(data).hexdigest(), format, pages, tuple(preamble), tuple(rows))

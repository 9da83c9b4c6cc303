"""What every reader hands to the assembler: table rows with their provenance.

Every reader produces the same ``RawDocument``, so all input forms share
every step after reading, and the assembler never knows which form a row
came from.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Column(int, Enum):
    """The six logical columns of an action-plan table, in document order."""

    NUMBER = 0
    RECOMMENDATION = 1
    AGREEMENT = 2
    RESPONSE = 3
    OWNER = 4
    TARGET = 5


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
    ruled: bool = False  # drawn rules (or a reader that joined its pieces) bound the row: within a page it never continues the row above

    def cell(self, column: Column) -> str:
        """The cell's text, with merged and empty cells both as ""."""
        return self.cells[column] or ""

    @property
    def place(self) -> str:
        """Where the row is, for a message: its line in a text, else its page, else its position."""
        if self.line_start is not None:
            return f"line {self.line_start}"
        return f"page {self.page}" if self.page is not None else "a row"


@dataclass(frozen=True)
class ReadNote:
    """Something a reader had to skip or repair: the output must not pass for a clean read."""

    code: str  # a WarningCode value
    message: str
    page: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class TableRead:
    """What a reader found in one input: the header block, the table rows, and its notes."""

    preamble: tuple[str, ...]  # text lines before the table: the header block
    rows: tuple[RawRow, ...]
    pages: int | None = None
    notes: tuple[ReadNote, ...] = ()
    engine: str = ""  # the library that read a binary form (a PDF: pdfium, or pdfplumber and why)


@dataclass(frozen=True)
class RawDocument:
    """One input as rows: the reader's format name, the header block, the table rows."""

    file: str
    sha256: str
    format: str  # the reader's registry name: pdf, docx, text, layout_text, plain_text
    pages: int | None
    preamble: tuple[str, ...]  # text lines before the table: the header block
    rows: tuple[RawRow, ...]
    notes: tuple[ReadNote, ...] = ()
    engine: str = ""  # as in TableRead: provenance only, never part of the output

"""A row stream as text, to diagnose a bad read without writing Python (``actionplan-ingest rows``)."""
from __future__ import annotations

from collections.abc import Iterator

from .rows import Column, RawDocument, RawRow

CELL_WIDTH = 60  # characters of each cell shown; the rest is elided


def list_rows(document: RawDocument) -> Iterator[str]:
    """The document as its reader saw it: format, header block, then one block per row."""
    read_with = f", read with {document.engine}" if document.engine else ""
    yield f"{document.file}: format {document.format}{read_with}, pages {document.pages}, {len(document.rows)} rows"
    for note in document.notes:
        yield f"note {note.code}: {note.message}"
    for line in document.preamble:
        if line.strip():
            yield f"header | {line.strip()}"
    for index, row in enumerate(document.rows, start=1):
        yield f"row {index} {_place(row)}{_flags(row)}"
        if row.span:
            yield f"    span            | {' | '.join(_short(piece) for piece in row.span)}"
        for column in Column:
            cell = row.cells[column]
            if cell:
                yield f"    {column.value + 1} {column.name.lower():<14}| {_short(cell)}"
            elif cell is None:
                yield f"    {column.value + 1} {column.name.lower():<14}| (merged)"


def _place(row: RawRow) -> str:
    parts = []
    if row.page is not None:
        parts.append(f"page {row.page}")
    if row.line_start is not None:
        lines = row.line_start if row.line_end in (None, row.line_start) else f"{row.line_start}-{row.line_end}"
        parts.append(f"line {lines}")
    return ", ".join(parts) or "-"


def _flags(row: RawRow) -> str:
    flags = [name for name, on in (("page top", row.page_top), ("ruled", row.ruled)) if on]
    return f" [{', '.join(flags)}]" if flags else ""


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 3] + "..."

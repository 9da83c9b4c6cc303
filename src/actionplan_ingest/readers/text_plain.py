"""Plain ``pdftotext`` output, or text copied from a PDF viewer -> table rows.

The cells come one after another, each on lines of its own, in the order
``pdftotext`` reads the page's blocks (not the table's rows): the text is cut
into pieces of one cell (``plain_pieces``), each piece is judged by what it
holds and how wide its lines run (``plain_kinds``), and the rows are rebuilt
page by page (``plain_table``). Every guess that rebuilding needed is a note.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..table.rows import ReadNote, TableRead
from . import Content
from .plain_kinds import classify
from .plain_pieces import Piece, cut_text
from .plain_table import rebuild

CELLS_INTERWOVEN = "cells_interwoven"
COLUMN_BLOCKS = "columns_read_as_blocks"
_COLUMN_GAP = re.compile(r"\S {3,}\S")  # cells side by side, as ``pdftotext -layout`` keeps them
LAYOUT_SHARE_MAX = 0.2  # lines with a column gap a plain text may hold (its header block, a wide table)


def sniff(content: Content) -> bool:
    """No tabs, and lines that hold one cell each rather than columns side by side."""
    text = content.text
    if "\t" in text:
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    gapped = sum(1 for line in lines if _COLUMN_GAP.search(line.strip()))
    return bool(lines) and gapped <= LAYOUT_SHARE_MAX * len(lines)


def read(content: Content) -> TableRead | None:
    """The table of a plain extraction, or None when it holds no column titles."""
    plain = cut_text(content.text)
    if plain is None:
        return None
    pieces, kinds = classify(plain.pieces)
    rows, notes = rebuild(pieces, kinds, plain.pages_in_blocks)
    return TableRead(
        plain.preamble, tuple(rows), plain.pages, (*_in_blocks(plain.pages_in_blocks), *_interwoven(pieces), *notes)
    )


def _in_blocks(pages: Sequence[int]) -> list[ReadNote]:
    """A note for each page whose column titles came in pieces, cells between them."""
    return [
        ReadNote(
            COLUMN_BLOCKS,
            f"page {page}: the column titles came in pieces with cells between them (pdftotext read the page "
            "in column blocks, the left columns down the page, then the right ones); read as one title row",
            page,
        )
        for page in pages
    ]


def _interwoven(pieces: Sequence[Piece]) -> list[ReadNote]:
    """A note for each cell whose lines had another column's lines woven in (set apart by content)."""
    return [
        ReadNote(
            CELLS_INTERWOVEN,
            f"line{'s' if len(piece.woven) > 1 else ''} {', '.join(map(str, piece.woven))} of another column "
            f"ran into the cell at line {piece.line} ({piece.text[:40]!r}...); read as cells of their own",
            piece.page,
            piece.line,
        )
        for piece in pieces
        if piece.woven
    ]

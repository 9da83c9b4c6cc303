"""The table a plain extraction is rebuilt into, and the RawRows it gives the assembler.

A ``Row`` is one row of the response side of a page (a response with its
owner and target cells, or a phase row); a ``Rec`` is one recommendation
with its number, text and agreement cells and the rows it owns. Cells keep
the pieces they were built from, so every RawRow names the lines it came from.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..clean import ends_sentence
from ..table.rows import Column, RawRow
from .plain_kinds import Kind
from .plain_pieces import Piece


@dataclass(frozen=True)
class Typed:
    """A piece with its kind and its place in the reading order."""

    piece: Piece
    kind: Kind
    order: int


@dataclass
class Row:
    """One row on the response side of a page: its response pieces, owner and target cells."""

    pieces: list[Piece]  # the response (or a phase label), then later pieces of the same cell
    order: int  # the reading-order place of its first piece
    kind: Kind = Kind.RESPONSE  # RESPONSE, or PHASE for a phase row
    owners: list[Piece] = field(default_factory=list)
    targets: list[Piece] = field(default_factory=list)
    continues: bool = False  # the page-top rest of a row broken over the page before
    anchored: bool = True  # a phase row the text puts next to a response (glued to it, or after one)

    @property
    def page(self) -> int:
        return self.pieces[0].page if self.pieces else (self.owners or self.targets)[0].page

    @property
    def height(self) -> int:
        """Lines the row takes on its page: its tallest cell."""
        return max(sum(len(p.lines) for p in cell) for cell in (self.pieces, self.owners, self.targets))

    @property
    def text(self) -> str:
        return " ".join(piece.text for piece in self.pieces)

    @property
    def open(self) -> bool:
        """Its text does not end a sentence, or ends with a colon: the cell goes on."""
        return not ends_sentence(self.text) or self.text.rstrip().endswith(":")


@dataclass
class Rec:
    """One recommendation: its number, text and agreement cells, and its rows."""

    number: Piece
    order: int
    texts: list[Piece] = field(default_factory=list)
    agreements: list[Piece] = field(default_factory=list)
    span: Piece | None = None
    lead: Piece | None = None  # a phase label set at the top of its rows
    rows: list[Row] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(piece.text for piece in self.texts)

    @property
    def agreement(self) -> str:
        return " ".join(piece.text for piece in self.agreements)

    def height_on(self, page: int) -> int:
        """Lines its text takes on a page."""
        return sum(len(piece.lines) for piece in self.texts if piece.page == page)


def table_rows(lead: Sequence[Row], recs: Sequence[Rec]) -> Iterator[RawRow]:
    """RawRows in table order: rows before the first recommendation, then each recommendation's.

    The rebuilt rows are whole within their page (pieces of one cell are already
    joined), so they are flagged ``ruled``; the rest of a row broken over a page
    is flagged ``page_top`` for the assembler to join.
    """
    for row in lead:
        yield _raw({}, row, row.page, page_top=True)
    addressee = None
    for rec in recs:
        if rec.span is not None and rec.span.text != addressee:
            addressee = rec.span.text
            span = rec.span
            yield RawRow(("",) * len(Column), span.page, span.line, span.last_line, span=(span.text,), ruled=True)
        yield from _rec_rows(rec)


def _rec_rows(rec: Rec) -> Iterator[RawRow]:
    """The recommendation's first row carries its number, text and agreement; text it continues
    on a later page goes with that page's first row, flagged ``page_top``."""
    rows = list(rec.rows)
    if rec.lead is not None:
        rows.insert(0, Row([rec.lead], rec.lead.line, Kind.PHASE))
    later = [piece for piece in rec.texts if piece.page != rec.number.page]
    first = rows.pop(0) if rows and rows[0].page == rec.number.page and not rows[0].continues else None
    head = {
        Column.NUMBER: [rec.number],
        Column.RECOMMENDATION: [piece for piece in rec.texts if piece.page == rec.number.page],
        Column.AGREEMENT: rec.agreements,
    }
    yield _raw(head, first, rec.number.page, page_top=False)
    for row in rows:
        here = [piece for piece in later if piece.page == row.page]
        if here:
            later = [piece for piece in later if piece.page != row.page]
            if not row.continues:
                yield _raw({Column.RECOMMENDATION: here}, None, row.page, page_top=True)
                here = []
        yield _raw({Column.RECOMMENDATION: here}, row, row.page, page_top=row.continues)
    for piece in later:  # text continued on a page where the recommendation has no row
        yield _raw({Column.RECOMMENDATION: [piece]}, None, piece.page, page_top=True)


def _raw(cells: dict[Column, list[Piece]], row: Row | None, page: int, page_top: bool) -> RawRow:
    columns = dict(cells)
    if row is not None:
        columns.update({Column.RESPONSE: row.pieces, Column.OWNER: row.owners, Column.TARGET: row.targets})
    texts = tuple(
        ("\n" if column is Column.OWNER else " ").join(piece.text for piece in columns.get(column, []))
        for column in Column
    )
    every = [piece for pieces in columns.values() for piece in pieces]
    start = min((piece.line for piece in every), default=None)
    end = max((piece.last_line for piece in every), default=None)
    return RawRow(texts, page, start, end, page_top=page_top, ruled=not page_top)

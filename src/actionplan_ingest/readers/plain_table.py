"""Typed pieces of a plain extraction -> recommendations and rows, page by page.

For each page: list bullets rejoin their items, the page's number is set
aside, the pieces that continue a cell broken over the page before are
found, numbers open recommendations and take their texts, agreements and
addressees in column order, responses open rows that take the owner and
target cells near them (``plain_cells``), and the rows are split among the
recommendations (``plain_split``). Where a step could only guess, a note
says so.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from ..clean import ends_sentence, starts_mid_sentence, starts_with_bullet
from ..table.cells import is_page_number
from ..table.rows import RawRow, ReadNote
from ..vocab import PHASE_KEYWORDS
from .plain_cells import attach_cells
from .plain_kinds import Kind
from .plain_pieces import Piece
from .plain_rows import Rec, Row, Typed, table_rows
from .plain_split import Hints, Lexicon, split_rows

_LIST_LABEL = re.compile(r"^(?:\(?[a-z]\)|\(?[ivx]{1,4}[.)])\s")
_LEFT = (Kind.NUMBER, Kind.RECOMMENDATION, Kind.AGREEMENT, Kind.SPAN)


@dataclass
class _Page:
    """One page's typed pieces, with the pieces that continue cells from the page before."""

    number: int
    items: list[Typed]
    text_continues: Typed | None = None  # the rest of the recommendation text broken over the page
    row_continues: Typed | None = None  # the rest of the response broken over the page


def rebuild(pieces: Sequence[Piece], kinds: Sequence[Kind]) -> tuple[list[RawRow], list[ReadNote]]:
    """The table's rows, in table order, and notes on what had to be guessed."""
    typed = [Typed(piece, kind, order) for order, (piece, kind) in enumerate(zip(pieces, kinds))]
    pages = [_Page(number, _tidy(list(items), number)) for number, items in groupby(typed, key=lambda t: t.piece.page)]
    for previous, page in zip([None, *pages], pages):
        _find_continuations(page, previous)
    lexicon = Lexicon(t.piece.text for t in typed if t.kind is Kind.RECOMMENDATION)
    builder = _Builder(lexicon)
    for page, following in zip(pages, [*pages[1:], None]):
        builder.add_page(page, following)
    return list(table_rows(builder.lead, builder.recs)), builder.notes


def _tidy(items: list[Typed], page: int) -> list[Typed]:
    """Prose of unknown width right after a number is its recommendation; the page's own number is dropped."""
    tidy = list(items)
    for index, typed in enumerate(tidy):
        if typed.kind is Kind.PROSE and index and tidy[index - 1].kind is Kind.NUMBER:
            tidy[index] = replace(typed, kind=Kind.RECOMMENDATION)
    dropped = _page_numbers(tidy, page)
    return [typed for typed in tidy if typed.order not in dropped]


def _page_numbers(items: Sequence[Typed], page: int) -> set[int]:
    """Bare numbers equal to the page's own, where the page has more numbers than texts to go with them."""
    numbers = [t for t in items if t.kind is Kind.NUMBER]
    surplus = len(numbers) - sum(1 for t in items if t.kind is Kind.RECOMMENDATION)
    found: set[int] = set()
    for typed in reversed(numbers):
        wanted = surplus > len(found) or typed is items[-1]
        if wanted and is_page_number(typed.piece.text) and typed.piece.text.strip() == str(page):
            found.add(typed.order)
    return found


def _find_continuations(page: _Page, previous: _Page | None) -> None:
    """The pieces that open the page mid-sentence: the rest of cells broken over the page before."""
    if previous is None:
        return
    texts = [t for t in page.items if t.kind in (Kind.RECOMMENDATION, Kind.PROSE)]
    numbers = sum(1 for t in page.items if t.kind is Kind.NUMBER)
    last_text = next((t for t in reversed(previous.items) if t.kind is Kind.RECOMMENDATION), None)
    for typed in texts:
        narrow = typed.kind is Kind.RECOMMENDATION or last_text is not None and not ends_sentence(last_text.piece.text)
        if narrow and (starts_mid_sentence(typed.piece.text) or typed.kind is Kind.RECOMMENDATION and len(texts) > numbers):
            page.text_continues = replace(typed, kind=Kind.RECOMMENDATION)
            break
    responses = [t for t in page.items if t.kind in (Kind.RESPONSE, Kind.PROSE) and t is not page.text_continues]
    lowered = [t for t in responses if _continues(t.piece.text)]
    if lowered:
        page.row_continues = replace(lowered[0], kind=Kind.RESPONSE)
        return
    last_row = next((t for t in reversed(previous.items) if t.kind in (Kind.RESPONSE, Kind.PROSE)), None)
    first_number = next((t.order for t in page.items if t.kind is Kind.NUMBER), None)
    if last_row is not None and not ends_sentence(last_row.piece.text) and responses:
        if first_number is None or responses[0].order < first_number:
            page.row_continues = replace(responses[0], kind=Kind.RESPONSE)


def _continues(text: str) -> bool:
    """Opens mid-sentence, and not as a list item."""
    return starts_mid_sentence(text) and not starts_with_bullet(text) and not _LIST_LABEL.match(text)


def _is_open(text: str) -> bool:
    """Does not end a sentence, or ends with a colon: the cell goes on."""
    return not ends_sentence(text) or text.rstrip().endswith(":")


def _phase_kind(text: str) -> str:
    lowered = text.lower()
    return next((kind for word, kind in PHASE_KEYWORDS if word in lowered), "commitment")


class _Builder:
    """Recommendations and rows, built page by page."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.recs: list[Rec] = []
        self.lead: list[Row] = []  # rows before the first recommendation
        self.notes: list[ReadNote] = []
        self.span: Typed | None = None

    def add_page(self, page: _Page, following: _Page | None) -> None:
        carry = self.recs[-1] if self.recs else None
        skip = {t.order for t in (page.text_continues, page.row_continues) if t is not None}
        if page.text_continues is not None:
            if carry is not None:
                carry.texts.append(page.text_continues.piece)
        new = self._left_stream(page, carry, skip)
        rows = self._rows(page, new, skip)
        if following is not None and following.row_continues is not None:
            _move_open_row_last(rows)
        hints = self._hints(page, rows, new, following)
        starts = split_rows(rows, carry, new, page.number, hints, self.lexicon)
        bounds = [*starts, len(rows)]
        (carry.rows if carry is not None else self.lead).extend(rows[: bounds[0]])
        for rec, start, end in zip(new, bounds, bounds[1:]):
            rec.rows.extend(rows[start:end])
        self.recs.extend(new)

    # -- the number, recommendation and agreement columns ---------------------------
    def _left_stream(self, page: _Page, carry: Rec | None, skip: set[int]) -> list[Rec]:
        new: list[Rec] = []
        for typed in page.items:
            if typed.order in skip:
                continue
            if typed.kind is Kind.SPAN:
                self.span = typed
            elif typed.kind is Kind.NUMBER:
                new.append(Rec(typed.piece, typed.order, span=self.span.piece if self.span else None))
                self.span = None
        for typed in page.items:
            if typed.order in skip:
                continue
            if typed.kind is Kind.RECOMMENDATION:
                target = next((rec for rec in new if not rec.texts), new[-1] if new else carry)
                if target is not None:
                    target.texts.append(typed.piece)
            elif typed.kind is Kind.AGREEMENT:
                candidates = ([carry] if carry is not None and not carry.agreements else []) + new
                target = next((rec for rec in candidates if not rec.agreements), None)
                if target is not None:
                    target.agreements.append(typed.piece)
            elif typed.kind is Kind.PHASE and _phase_kind(typed.piece.text) == "commitment":
                before = [rec for rec in new if rec.order < typed.order and rec.lead is None]
                after = [rec for rec in new if rec.lead is None]
                target = before[-1] if before else after[0] if after else None
                if target is not None:
                    target.lead = typed.piece
                    skip.add(typed.order)
        return new

    # -- the response side ----------------------------------------------------------
    def _rows(self, page: _Page, new: Sequence[Rec], skip: set[int]) -> list[Row]:
        rows: list[Row] = []
        if page.row_continues is not None:
            rows.append(Row([page.row_continues.piece], page.row_continues.order, continues=True))
        for typed in page.items:
            if typed.order in skip:
                continue
            if typed.kind is Kind.PHASE:
                rows.append(Row([typed.piece], typed.order, Kind.PHASE))
            elif typed.kind in (Kind.RESPONSE, Kind.PROSE):
                joined = _joins(typed, rows)
                if joined is not None:
                    joined.pieces.append(typed.piece)
                else:
                    rows.append(Row([typed.piece], typed.order))
        loose = attach_cells(page.items, rows)
        if loose:
            row = Row([], loose[0].order, continues=True)
            for typed in loose:
                (row.owners if typed.kind is Kind.OWNER else row.targets).append(typed.piece)
            rows.insert(0, row)
        return rows

    def _hints(self, page: _Page, rows: Sequence[Row], new: Sequence[Rec], following: _Page | None) -> Hints:
        glued_after: dict[int, int] = {}
        placed_at: dict[int, int] = {}
        index_of = {id(piece): i for i, row in enumerate(rows) for piece in row.pieces}
        by_order = {t.order: t for t in page.items}
        for j, rec in enumerate(new):
            first = rec.span if rec.span is not None and rec.span.page == page.number else rec.number
            order = rec.order if first is rec.number else next(
                (t.order for t in page.items if t.piece is first), rec.order
            )
            above = by_order.get(order - 1)
            if first.glued and above is not None and id(above.piece) in index_of:
                glued_after[j] = index_of[id(above.piece)]
            before = [i for i, row in enumerate(rows) if row.pieces and row.order < rec.order]
            after = [i for i, row in enumerate(rows) if row.pieces and row.order > rec.order]
            if before and after:
                placed_at[j] = after[0]
        cut = following is not None and following.text_continues is not None
        return Hints(glued_after, placed_at, cut)


def _joins(typed: Typed, rows: Sequence[Row]) -> Row | None:
    """The row a response piece continues on the same page: the nearest open row above it in
    the reading order, when the piece opens mid-sentence or as a list item after a colon."""
    text = typed.piece.text
    if starts_with_bullet(text) or not (starts_mid_sentence(text) or _LIST_LABEL.match(text)):
        return None
    for row in reversed(rows):
        if row.kind is Kind.RESPONSE and row.pieces and _is_open(row.text):
            return row
    return None


def _move_open_row_last(rows: list[Row]) -> None:
    """The row the page's end cut is the last on the page, wherever the text put it."""
    open_rows = [row for row in rows if row.kind is Kind.RESPONSE and row.pieces and _is_open(row.text)]
    if open_rows:
        rows.remove(open_rows[-1])
        rows.append(open_rows[-1])

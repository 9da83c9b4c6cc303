"""Typed pieces of a plain extraction -> recommendations and rows.

Three passes over the pages:

1. each page on its own: a lone list bullet goes back to its item, the
   page's own number is set aside, responses open rows (a piece that opens
   mid-sentence joins the open row above it), and owner and target cells
   are given to rows (``plain_cells``);
2. page after page: the rest of a cell broken over the page before is
   found (a piece that opens mid-sentence, or a first row whose owner or
   target finishes the ones cut on the page before) and the row it
   continues is put last on its page;
3. page after page: numbers open recommendations and take their texts,
   agreements and addressees in column order, and the page's rows are split
   among them (``plain_split``).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby

from ..clean import Vocabulary, ends_sentence, starts_mid_sentence, starts_with_bullet
from ..continuation import owner_continues, target_continues
from ..table.cells import is_page_number
from ..table.rows import RawRow, ReadNote
from .plain_blocks import responses_apart
from .plain_cells import Group, Placement, attach_cells, cell_groups, in_row_order
from .plain_kinds import RESPONSE_KINDS, Kind
from .plain_phases import phase_kind, place_phase_rows
from .plain_pieces import Piece
from .plain_rows import Rec, Row, Typed, table_rows
from .plain_split import Hints, Lexicon, split_rows

CELL_PLACED = "cell_placed_by_order"
ROWS_GROUPED = "rows_grouped_by_content"
_LIST_LABEL = re.compile(r"^(?:\(?[a-z]\)|\(?[ivx]{1,4}[.)])\s")
PAGE_NUMBERS_MIN = 2  # pages whose numbers must agree on an offset from the form-feed count


@dataclass
class _Page:
    """One page: its typed pieces, the pieces that continue cells from the page before, its rows."""

    number: int
    items: list[Typed]
    in_blocks: bool = False  # pdftotext read the page in column blocks
    text_continues: Typed | None = None  # the rest of a recommendation's text broken over the page
    rows: list[Row] = field(default_factory=list)
    loose: list[Group] = field(default_factory=list)  # owner and target cells with no row on the page
    notes: list[ReadNote] = field(default_factory=list)

    @property
    def continues(self) -> Row | None:
        return next((row for row in self.rows if row.continues), None)


def rebuild(
    pieces: Sequence[Piece], kinds: Sequence[Kind], pages_in_blocks: Collection[int] = ()
) -> tuple[list[RawRow], list[ReadNote]]:
    """The table's rows, in table order, and notes on what had to be guessed (``pages_in_blocks``:
    pages ``pdftotext`` read in column blocks)."""
    pairs: list[tuple[Piece, Kind]] = []
    cut_notes: list[ReadNote] = []
    for number, page_pairs in groupby(zip(pieces, kinds), key=lambda pair: pair[0].page):
        apart = _texts_apart(list(page_pairs))
        if number in pages_in_blocks:
            apart, notes = responses_apart(apart)
            cut_notes.extend(notes)
        pairs.extend(apart)
    typed = [Typed(piece, kind, order) for order, (piece, kind) in enumerate(pairs)]
    pieces = [piece for piece, _ in pairs]
    vocabulary = Vocabulary.from_texts(piece.text for piece in pieces)
    offset = _page_number_offset(typed)
    pages = [
        _Page(number, _tidy(list(items), number + offset), number in pages_in_blocks)
        for number, items in groupby(typed, key=lambda t: t.piece.page)
    ]
    for previous, page in zip([None, *pages], pages):
        _find_text_continuation(page, previous)
        _build_rows(page, previous)
    for previous, page in zip(pages, pages[1:]):
        _find_row_continuation(page, previous, vocabulary)
    builder = _Builder(Lexicon(t.piece.text for t in typed if t.kind is Kind.RECOMMENDATION))
    for page, following in zip(pages, [*pages[1:], None]):
        builder.add_page(page, following)
    return list(table_rows(builder.lead, builder.recs)), [*cut_notes, *builder.notes]


# -- pass 1: each page on its own ----------------------------------------------------
def _texts_apart(page: list[tuple[Piece, Kind]]) -> list[tuple[Piece, Kind]]:
    """Recommendation texts run together (a text without blank lines), where the page has more
    numbers than texts: cut where a line ends a sentence and the next opens one."""
    numbers = [piece.text for piece, kind in page if kind is Kind.NUMBER]
    if numbers and page[-1][1] is Kind.NUMBER and numbers[-1] == str(page[-1][0].page):
        numbers.pop()  # the page's own number, as it ends the page
    wanted = len(numbers) - sum(1 for _, kind in page if kind is Kind.RECOMMENDATION)
    parts: list[tuple[Piece, Kind]] = []
    for piece, kind in page:
        cuts = []
        if kind is Kind.RECOMMENDATION and wanted > 0:
            cuts = piece.sentence_breaks[:wanted]
            wanted -= len(cuts)
        parts.extend((part, kind) for part in (piece.cut(cuts) if cuts else [piece]))
    return parts


def _page_number_offset(typed: Sequence[Typed]) -> int:
    """What the printed page numbers add to the pages counted by form feeds (a cover page
    left unnumbered makes it -1): the difference most pages' bare numbers agree on."""
    pages_by_difference: dict[int, set[int]] = defaultdict(set)
    for t in typed:
        if t.kind is Kind.NUMBER and t.piece.text.isdigit():
            pages_by_difference[int(t.piece.text) - t.piece.page].add(t.piece.page)
    best = max(pages_by_difference, key=lambda d: (len(pages_by_difference[d]), d == 0), default=0)
    return best if len(pages_by_difference.get(best, ())) >= PAGE_NUMBERS_MIN else 0


def _tidy(items: list[Typed], page: int) -> list[Typed]:
    """Prose right after a number is its recommendation (however wide: pdftotext joins a line cut
    by a hyphen to the next, so one line may run twice the column's width); the page's own number
    is dropped."""
    tidy = _place_bullets(items)
    for index, typed in enumerate(tidy):
        if typed.kind in RESPONSE_KINDS and index and tidy[index - 1].kind is Kind.NUMBER:
            tidy[index] = replace(typed, kind=Kind.RECOMMENDATION)
    dropped = _page_numbers(tidy, page)
    return [typed for typed in tidy if typed.order not in dropped]


def _place_bullets(items: Sequence[Typed]) -> list[Typed]:
    """A lone bullet goes back in front of the next prose piece: a list item that is a row of its
    own. Several bullets stacked mark a list inside one cell: they go, and its items read on."""
    tidy: list[Typed] = []
    run: list[Typed] = []
    for typed in items:
        if typed.kind is Kind.BULLET:
            run.append(typed)
            continue
        if typed.kind in RESPONSE_KINDS:
            if len(run) == 1:
                piece = typed.piece
                piece = replace(piece, lines=(f"{run[0].piece.text} {piece.lines[0]}", *piece.lines[1:]))
                typed = replace(typed, piece=piece, kind=Kind.RESPONSE)
            run = []
        tidy.append(typed)
    return tidy


def _page_numbers(items: Sequence[Typed], page: int) -> set[int]:
    """Bare numbers equal to the page's own, where the page has more numbers than texts to go
    with them, or that end the page."""
    numbers = [t for t in items if t.kind is Kind.NUMBER]
    texts = [t for t in items if t.kind is Kind.RECOMMENDATION and not starts_mid_sentence(t.piece.text)]
    surplus = len(numbers) - len(texts)
    found: set[int] = set()
    for typed in reversed(numbers):
        wanted = surplus > len(found) or typed is items[-1]
        if wanted and is_page_number(typed.piece.text) and typed.piece.text.strip() == str(page):
            found.add(typed.order)
    return found


def _find_text_continuation(page: _Page, previous: _Page | None) -> None:
    """The piece that continues the recommendation text broken over the page before: one that
    opens mid-sentence, or one more text than the page has numbers for, read before them."""
    if previous is None:
        return
    texts = [t for t in page.items if t.kind is Kind.RECOMMENDATION]
    numbers = [t.order for t in page.items if t.kind is Kind.NUMBER]
    last = next((t for t in reversed(previous.items) if t.kind is Kind.RECOMMENDATION), None)
    open_text = last is not None and not ends_sentence(last.piece.text)
    found = next((t for t in texts if starts_mid_sentence(t.piece.text)), None)
    if found is None and len(texts) > len(numbers) and texts and (not numbers or texts[0].order < numbers[0]):
        found = texts[0]
    if found is None and open_text:
        lowered = [t for t in page.items if t.kind is Kind.PROSE and _continues(t.piece.text)]
        response_rest = any(t.kind is Kind.RESPONSE and _continues(t.piece.text) for t in page.items)
        last_row = next((t for t in reversed(previous.items) if t.kind in RESPONSE_KINDS), None)
        if lowered and (response_rest or last_row is None or ends_sentence(last_row.piece.text)):
            found = replace(lowered[0], kind=Kind.RECOMMENDATION)
    if found is not None:
        page.text_continues = found
        page.items = [found if t.order == found.order else t for t in page.items]


def _build_rows(page: _Page, previous: _Page | None) -> None:
    """The page's rows: each response opens one, unless it goes on with the open row above it;
    the first piece that opens mid-sentence continues the row broken over the page before."""
    rest = None
    if previous is not None:
        rest = next((t for t in page.items if t.kind in RESPONSE_KINDS and _continues(t.piece.text)), None)
    if rest is not None:
        page.rows.append(Row([rest.piece], rest.order, continues=True))
    phase_above: Typed | None = None
    for index, typed in enumerate(page.items):
        if typed is rest:
            continue
        if typed.kind is Kind.PHASE:
            before, after = page.items[index - 1] if index else None, page.items[index + 1 : index + 2]
            glued_below = any(t.piece.glued and t.kind in RESPONSE_KINDS for t in after)
            anchored = before is not None and before.kind in RESPONSE_KINDS or glued_below
            page.rows.append(Row([typed.piece], typed.order, Kind.PHASE, anchored=anchored))
        elif typed.kind in RESPONSE_KINDS:
            joined = _joins(typed, page.rows)
            if joined is not None:
                joined.pieces.append(typed.piece)
            else:
                glued_to_phase = typed.piece.glued and phase_above is not None
                page.rows.append(Row([typed.piece], phase_above.order if glued_to_phase else typed.order))
        phase_above = typed if typed.kind is Kind.PHASE else None
    groups = cell_groups(page.items)
    ranked = in_row_order(groups, page.rows) if page.in_blocks else groups
    if ranked != groups:
        page.notes.append(_placed_by_rank(page.number, ranked))
    placements = attach_cells(ranked, page.rows)
    page.loose = [placement.group for placement in placements if placement.row is None]
    page.notes.extend(_placed_by_order(placement) for placement in placements if placement.cost > 0)


def _placed_by_rank(page: int, groups: Sequence[Group]) -> ReadNote:
    """A note for the owner and target cells of a column block given to the rows by their order."""
    first = groups[0].pieces[0].piece
    return ReadNote(
        CELL_PLACED,
        f"page {page}: pdftotext read the responses as one column block and then every owner and target; "
        f"the {len(groups)} groups of owner and target cells were given to the rows in their order",
        page,
        first.line,
    )


def _placed_by_order(placement: Placement) -> ReadNote:
    """A note for cells given to a row they are not next to in the text."""
    group = placement.group
    kinds = " and ".join(sorted({typed.kind.value for typed in group.pieces}))
    first = group.pieces[0].piece
    text = " / ".join(typed.piece.text for typed in group.pieces)
    row = placement.row
    assert row is not None
    where, nearest = (
        ("was read at the page's end, after the cells of the row the page's end cuts, which cannot hold it",
         "nearest the page's top")
        if group.page_end
        else ("is not next to its response in the text", "nearest in the text's order")
    )
    return ReadNote(
        CELL_PLACED,
        f"{kinds} {text!r} {where}; given to the row at line {row.pieces[0].line}, "
        f"the one {nearest} that could take it",
        first.page,
        first.line,
    )


def _joins(typed: Typed, rows: Sequence[Row]) -> Row | None:
    """The row a response piece goes on with on the same page: the nearest open row above it in
    the reading order, when the piece opens mid-sentence or as a list item after a colon."""
    text = typed.piece.text
    if starts_with_bullet(text) or not (starts_mid_sentence(text) or _LIST_LABEL.match(text)):
        return None
    return next((row for row in reversed(rows) if row.kind is Kind.RESPONSE and row.open), None)


def _continues(text: str) -> bool:
    """Opens mid-sentence, and not as a list item."""
    return starts_mid_sentence(text) and not starts_with_bullet(text) and not _LIST_LABEL.match(text)


# -- pass 2: rows broken over a page --------------------------------------------------
def _find_row_continuation(page: _Page, previous: _Page, vocabulary: Vocabulary) -> None:
    """The page's first row continues the last row of the page before when nothing on the page
    opens mid-sentence but that row has no cells of its own, or cells that finish the ones the
    page's end cut ("Head of Resettlement and Offender" + "Management"); the row it continues
    goes last on its page."""
    before = [row for row in previous.rows if row.kind is Kind.RESPONSE]
    if not before:
        return
    last = _last_row(previous)
    if page.continues is None:
        first_number = min((t.order for t in page.items if t.kind is Kind.NUMBER), default=None)
        candidates = sorted((row for row in page.rows if row.kind is Kind.RESPONSE), key=lambda row: row.order)
        first = candidates[0] if candidates else None
        if first is None or first_number is not None and first.order > first_number:
            return
        owner, target = _cell_text(first.owners), _cell_text(first.targets)
        finishes = (
            not owner and not target
            or owner and owner_continues(_cell_text(last.owners), owner, vocabulary)
            or target and target_continues(_cell_text(last.targets), target)
        )
        if not finishes:
            return
        first.continues = True
        page.rows.remove(first)
        page.rows.insert(0, first)
    previous.rows.remove(last)
    previous.rows.append(last)


def _last_row(page: _Page) -> Row:
    """The row a page's end cut: the last open one in the reading order, else the last."""
    rows = [row for row in page.rows if row.kind is Kind.RESPONSE]
    open_rows = [row for row in rows if row.open]
    return max(open_rows or rows, key=lambda row: row.order if not row.continues else -1)


def _cell_text(pieces: Sequence[Piece]) -> str:
    return " ".join(piece.text for piece in pieces)


# -- pass 3: recommendations and the rows they own -------------------------------------
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
        if page.text_continues is not None and carry is not None:
            carry.texts.append(page.text_continues.piece)
        new = self._left_stream(page, carry)
        rows = [row for row in page.rows if not (row.kind is Kind.PHASE and any(rec.lead is row.pieces[0] for rec in new))]
        if page.loose:
            loose = Row([], page.loose[0].order, continues=True)
            for group in page.loose:
                for typed in group.pieces:
                    (loose.owners if typed.kind is Kind.OWNER else loose.targets).append(typed.piece)
            rows.insert(0, loose)
        hints = self._hints(page, rows, new, following)
        starts = split_rows(rows, carry, new, page.number, hints, self.lexicon)
        self.notes.extend(page.notes)
        sharing = ([carry] if carry is not None else []) + new
        unpinned = [j for j, start in enumerate(starts) if hints.glued_after.get(j) != start - 1]
        if rows and len(sharing) > 1 and unpinned:
            numbers = ", ".join(rec.number.text for rec in sharing)
            self.notes.append(ReadNote(
                ROWS_GROUPED,
                f"page {page.number}: the rows of recommendations {numbers} were told apart by their wording "
                "and heights; the text does not show where one recommendation's rows end",
                page.number,
                rows[0].pieces[0].line if rows[0].pieces else None,
            ))
        bounds = [*starts, len(rows)]
        (carry.rows if carry is not None else self.lead).extend(rows[: bounds[0]])
        for rec, start, end in zip(new, bounds, bounds[1:]):
            rec.rows.extend(rows[start:end])
        self.notes.extend(place_phase_rows(sharing, page.number))
        self.recs.extend(new)

    def _left_stream(self, page: _Page, carry: Rec | None) -> list[Rec]:
        """Numbers open recommendations; texts, agreements and addressees go to them in column order."""
        new: list[Rec] = []
        for typed in page.items:
            if typed.kind is Kind.SPAN:
                self.span = typed
            elif typed.kind is Kind.NUMBER:
                new.append(Rec(typed.piece, typed.order, span=self.span.piece if self.span else None))
                self.span = None
        for typed in page.items:
            if typed is page.text_continues:
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
            elif typed.kind is Kind.PHASE and phase_kind(typed.piece.text) == "commitment":
                before = [rec for rec in new if rec.order < typed.order and rec.lead is None]
                free = [rec for rec in new if rec.lead is None]
                target = before[-1] if before else free[0] if free else None
                if target is not None:
                    target.lead = typed.piece
        return new

    def _hints(self, page: _Page, rows: Sequence[Row], new: Sequence[Rec], following: _Page | None) -> Hints:
        """Where the text's order says each new recommendation starts among the rows."""
        glued_after: dict[int, int] = {}
        placed_at: dict[int, int] = {}
        row_of = {id(piece): i for i, row in enumerate(rows) for piece in row.pieces}
        by_order = {t.order: t for t in page.items}
        for j, rec in enumerate(new):
            head = rec.order
            if rec.span is not None and rec.number.glued and by_order.get(head - 1, None) is not None:
                if by_order[head - 1].piece is rec.span:
                    head -= 1
            above = by_order.get(head - 1)
            if by_order[head].piece.glued and above is not None and id(above.piece) in row_of:
                glued_after[j] = row_of[id(above.piece)]
            before = [i for i, row in enumerate(rows) if row.pieces and not row.continues and row.order < rec.order]
            after = [i for i, row in enumerate(rows) if row.pieces and not row.continues and row.order > rec.order]
            if before and after:
                placed_at[j] = after[0]
        cut = following is not None and following.text_continues is not None
        return Hints(glued_after, placed_at, cut)

"""``pdftotext -layout`` text extractions -> table rows.

The layout form keeps each cell's text at its position: a cell's lines are
stacked under each other in its column, and the columns are told apart by
the character positions of the column-title row. Each page (pages end with
a form feed) is read on its own, because pdftotext shifts and rescales
every page: with the title row's positions where the page repeats it, else
with the page's own columns matched to the title row's.

A line belongs to the row above it unless something on it starts a new
one: a recommendation number, a row spanning the table (an addressee or a
section heading), a phase label, or a cell that starts where its column was
empty on the line above. The first row of each page is flagged ``page_top``
so the assembler can join a cell broken over the page.

Provenance: ``line_start``/``line_end`` are 1-based lines of the input text
and ``page`` counts pages by form feeds (the text before the first form
feed is page 1).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..clean import Vocabulary, collapse_spaces, ends_sentence, starts_mid_sentence
from ..table.cells import (
    dangles,
    is_page_number,
    names_addressee,
    phase_label,
    rec_number,
    target_reading,
)
from ..table.furniture import Furniture
from ..table.rows import Column, RawRow, TableRead
from ..vocab import COMMON_SHORT_WORDS
from . import Content
from .layout_geometry import LAYOUT, Chunk, ColumnSpans, TitleBlock, chunks_of, opens_cell, page_columns, title_block_at

FORM_FEED = "\f"
_FULL_STOP = re.compile(r"[.!?]['\u2019\")\]]*$")  # a sentence ended (a colon only introduces what follows)
SHORT_TAIL = 3  # a tail this short is a word only if it is a common one ("on", "the")
PHASE_LINES = 6  # lines a phase label ("Progress against commitments (April 2022)") may wrap over
NEARBY = 2  # lines above and below whose text positions show where a glued line's columns part


def sniff(content: Content) -> bool:
    """Column titles written far apart on one line with runs of spaces (no tabs), wrapping below."""
    return _first_title(content.text.split("\n")) is not None


def read(content: Content) -> TableRead | None:
    """The table of a layout extraction, or None when the text holds none."""
    raw_lines = content.text.split("\n")
    pages = _page_numbers(raw_lines)
    lines = [line.replace(FORM_FEED, "").rstrip() for line in raw_lines]
    title = _first_title(lines)
    if title is None:
        return None
    furniture = Furniture.of_lines(lines)
    body = _Body(lines, pages, furniture)
    rows = list(body.rows(title))
    page_count = pages[-1] if lines[-1].strip() else max(pages[-1] - 1, 1)
    return TableRead(tuple(lines[: title.first]), tuple(rows), pages=page_count)


def _first_title(lines: Sequence[str]) -> TitleBlock | None:
    for index, line in enumerate(lines):
        if "  " in line.strip() and (block := title_block_at(lines, index)) is not None:
            return block
    return None


def _page_numbers(lines: Sequence[str]) -> list[int]:
    """The page each line is on, counting form feeds."""
    page, numbers = 1, []
    for line in lines:
        page += line.count(FORM_FEED)
        numbers.append(page)
    return numbers


@dataclass
class _Line:
    """One line of the table, its text placed in columns."""

    number: int  # 1-based line of the input
    page: int
    cells: dict[Column, str]
    span: str = ""  # the line is a row spanning the table: its text


@dataclass
class _Row:
    lines: list[_Line] = field(default_factory=list)
    page_top: bool = False

    def text(self, column: Column, words: Vocabulary | None = None) -> str:
        """The column's lines joined; with ``words``, a word the column edge cut in two is joined whole."""
        text = ""
        for line in self.lines:
            if column in line.cells:
                piece = line.cells[column]
                text = f"{text}{piece}" if words is not None and _cut_word(text, piece, words) else f"{text} {piece}".lstrip()
        return text

    def raw_row(self, words: Vocabulary) -> RawRow:
        first, last = self.lines[0], self.lines[-1]
        span = " ".join(line.span for line in self.lines if line.span)
        cells = tuple(self.text(column, words) for column in Column)
        number = cells[Column.NUMBER]
        if not span and not number and not any(cells[Column.AGREEMENT :]) and names_addressee(cells[Column.RECOMMENDATION]):
            span = cells[Column.RECOMMENDATION]  # an addressee stacked in the recommendation column
        if span:
            return RawRow(("",) * len(Column), first.page, first.number, last.number, self.page_top, span=(span,))
        return RawRow(cells, first.page, first.number, last.number, self.page_top)


def _cut_word(text: str, piece: str, words: Vocabulary) -> bool:
    """The line ends in the first part of a word the next line finishes ("Recommendation" + "s to"):
    together they make a word the document uses, and the second part is no word of its own."""
    head = text.rsplit(" ", 1)[-1]
    tail = piece.split(" ", 1)[0].rstrip(".,;:)")
    if not (head.isalpha() and tail.isalpha() and tail[0].islower()) or not words.knows(head + tail):
        return False
    return tail not in COMMON_SHORT_WORDS if len(tail) <= SHORT_TAIL else words.count(tail) <= 1


class _Body:
    """The lines after the first title row, read page by page."""

    def __init__(self, lines: Sequence[str], pages: Sequence[int], furniture: Furniture) -> None:
        self.lines = lines
        self.pages = pages
        self.furniture = furniture
        self.words = Vocabulary.from_texts(lines)  # the document's own words, to rejoin words cut at a column edge

    def rows(self, title: TitleBlock) -> Iterator[RawRow]:
        reference = title.columns
        start = title.first
        open_columns: frozenset[Column] = frozenset()
        while start < len(self.lines):
            end = start
            while end < len(self.lines) and self.pages[end] == self.pages[start]:
                end += 1
            page_lines, reference = self._page(start, end, reference, open_columns)
            rows = list(_rows(page_lines, self.words))
            if rows:
                open_columns = _unfinished(rows[-1])
            yield from rows
            start = end

    def _page(
        self, start: int, end: int, reference: ColumnSpans, open_columns: frozenset[Column]
    ) -> tuple[list[_Line | None], ColumnSpans]:
        """One page's table lines (None: a gap), and the columns they were read with."""
        content: list[tuple[int, tuple[Chunk, ...]]] = []
        columns: ColumnSpans | None = None
        index = start
        while index < end:
            title = title_block_at(self.lines, index)
            if title is not None:
                if columns is None:
                    columns = title.columns
                content.append((index, ()))  # a title row repeated on the page: a break like a page's
                index = title.end
                continue
            line = self.lines[index]
            content.append((index, () if self._furniture(line) else chunks_of(line)))
            index += 1
        if columns is None:
            columns = page_columns([chunks for _, chunks in content], reference, open_columns)
        else:
            columns = columns.fitted([chunks for _, chunks in content])
        content = [(i, () if _page_number(chunks, columns) else chunks) for i, chunks in content]
        starts = [frozenset(chunk.start for chunk in chunks) for _, chunks in content]
        placed = [
            self._placed(i, chunks, columns, frozenset().union(*starts[max(k - NEARBY, 0) : k + NEARBY + 1])) if chunks else None
            for k, (i, chunks) in enumerate(content)
        ]
        return placed, columns

    def _furniture(self, line: str) -> bool:
        text = collapse_spaces(line)
        return bool(text) and self.furniture.is_furniture(text)

    def _placed(self, index: int, chunks: tuple[Chunk, ...], columns: ColumnSpans, nearby: frozenset[int]) -> _Line:
        line = _Line(index + 1, self.pages[index], {})
        pieces = [piece for chunk in chunks for piece in columns.pieces(chunk, nearby)]
        if any(columns.edges_crossed(piece) >= 2 for piece in pieces) or _heading(pieces, columns):
            line.span = " ".join(chunk.text for chunk in chunks)
            return line
        for piece in pieces:
            column = columns.column_of(piece)
            line.cells[column] = f"{line.cells[column]} {piece.text}" if column in line.cells else piece.text
        number = line.cells.get(Column.NUMBER)
        if number is not None and not rec_number(number):
            # The number column holds numbers: other text there is a heading on its own, else the recommendation's.
            del line.cells[Column.NUMBER]
            if not line.cells:
                line.span = number
            else:
                line.cells[Column.RECOMMENDATION] = f"{number} {line.cells.get(Column.RECOMMENDATION, '')}".strip()
        return line


def _unfinished(row: RawRow) -> frozenset[Column]:
    """The columns whose cell the row leaves unfinished: a sentence not ended, an owner or target dangling."""
    texts = {Column.RECOMMENDATION: False, Column.RESPONSE: False, Column.OWNER: True, Column.TARGET: True}
    return frozenset(
        column
        for column, short in texts.items()
        if (cell := row.cell(column)) and (dangles(cell) if short else not ends_sentence(cell))
    )


def _page_number(chunks: Sequence[Chunk], columns: ColumnSpans) -> bool:
    """A line holding only a page number ("7", "- 7 -", "7 of 9"); a lone number in the number column is a recommendation's."""
    return (
        len(chunks) == 1
        and is_page_number(chunks[0].text)
        and not (rec_number(chunks[0].text) and columns.column_of(chunks[0]) is Column.NUMBER)
    )


def _heading(chunks: Sequence[Chunk], columns: ColumnSpans) -> bool:
    """A line that starts in the narrow number column but holds no number: a section heading."""
    recommendation = columns.start_of(Column.RECOMMENDATION)
    return (
        len(chunks) == 1
        and recommendation is not None
        and chunks[0].start < recommendation - LAYOUT.spill
        and chunks[0].end > recommendation + LAYOUT.spill
        and not rec_number(chunks[0].text.split()[0])
    )


def _rows(lines: Sequence[_Line | None], words: Vocabulary) -> Iterator[RawRow]:
    """Group a page's lines into rows: a line joins the row above unless it starts one."""
    widths = _widths(line for line in lines if line is not None)
    phases = _phase_label_lines(lines)
    row: _Row | None = None
    previous: _Line | None = None
    page_top = True
    for index, line in enumerate(lines):
        if line is None:
            previous = None
            if row is None:
                page_top = True
            continue
        if row is None or index in phases or _starts_row(line, previous, row, widths):
            if row is not None:
                yield from _with_lead_in_apart(row, words)
            row = _Row(page_top=page_top)
            page_top = False
        row.lines.append(line)
        previous = line
    if row is not None:
        yield row.raw_row(words)


def _phase_label_lines(lines: Sequence[_Line | None]) -> set[int]:
    """Lines whose response text opens with a whole phase label, wrapped over up to ``PHASE_LINES`` lines,
    where no sentence is going on from the line above."""
    found: set[int] = set()
    index = 0
    while index < len(lines):
        above = lines[index - 1] if index else None
        if above is not None and not ends_sentence(above.cells.get(Column.RESPONSE, ".")):
            index += 1
            continue
        text = ""
        for size, following in enumerate(lines[index : index + PHASE_LINES], start=1):
            if following is None or Column.RESPONSE not in following.cells:
                break
            text = f"{text} {following.cells[Column.RESPONSE]}".strip()
            if (label := phase_label(text)) and label.end() == len(text):
                found.add(index)
                index += size - 1  # its wrapped lines open nothing
                break
        index += 1
    return found


def _widths(lines: Iterable[_Line]) -> dict[Column, int]:
    """The longest text each column holds on the page: about where its lines wrap."""
    widths: dict[Column, int] = {}
    for line in lines:
        for column, text in line.cells.items():
            widths[column] = max(widths.get(column, 0), len(text))
    return widths


def _starts_row(line: _Line, previous: _Line | None, row: _Row, widths: dict[Column, int]) -> bool:
    if line.span or row.lines[-1].span or previous is None:
        return True
    if rec_number(line.cells.get(Column.NUMBER, "")):
        return True
    return any(column not in previous.cells for column in line.cells) or _fresh_cells(line, previous, row, widths)


def _fresh_cells(line: _Line, previous: _Line, row: _Row, widths: dict[Column, int]) -> bool:
    """Cells that all start afresh right under complete ones: a new row the geometry cannot show.

    The response starts a sentence after one that ended; the owner (and the
    target, if any) start under a cell that does not dangle, with a post's
    title or a readable date, or where the line above ended short of the
    column's width (a break the wrapping did not force).
    """
    response, owner, target = (line.cells.get(c, "") for c in (Column.RESPONSE, Column.OWNER, Column.TARGET))
    if not response or not (owner or target) or starts_mid_sentence(response):
        return False
    if not _FULL_STOP.search(row.text(Column.RESPONSE)) or (row.text(Column.TARGET) and not target):
        return False  # a row opens all its cells on its first line; an owner alone may be a second post

    def fresh(column: Column, text: str, starts_one: bool) -> bool:
        if dangles(row.text(column)) or starts_mid_sentence(text):
            return False
        return starts_one or len(previous.cells[column]) + 1 + len(text.split()[0]) < widths[column]

    return (not owner or fresh(Column.OWNER, owner, opens_cell(Column.OWNER, owner))) and (
        not target or (_reads_whole(row.text(Column.TARGET)) and fresh(Column.TARGET, target, opens_cell(Column.TARGET, target)))
    )


def _reads_whole(target: str) -> bool:
    """A target that says something and leaves nothing half-read ("End of March" waits for its year)."""
    reading = target_reading(target)
    return reading is not None and reading.says_something and not reading.unreadable and not dangles(target)


def _with_lead_in_apart(row: _Row, words: Vocabulary) -> Iterator[RawRow]:
    """The row, and apart from it a closing paragraph of response text that ends with a colon (or semicolon).

    A lead-in ("The pilots will be supported by:") introduces the rows below
    it, so it is a row of its own, not the end of the cell above.
    """
    start = len(row.lines)
    while start > 1 and set(row.lines[start - 1].cells) == {Column.RESPONSE}:
        start -= 1
        line, above = row.lines[start], row.lines[start - 1]
        if starts_mid_sentence(line.cells[Column.RESPONSE]) or not ends_sentence(above.cells.get(Column.RESPONSE, "")):
            continue
        if row.text(Column.RESPONSE).endswith((":", ";")):
            yield _Row(row.lines[:start], row.page_top).raw_row(words)
            yield _Row(row.lines[start:]).raw_row(words)
            return
        break
    yield row.raw_row(words)

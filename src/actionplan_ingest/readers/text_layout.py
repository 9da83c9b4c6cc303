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

from collections.abc import Iterator, Sequence

from ..clean import Vocabulary, ends_sentence
from ..table.cells import dangles, is_agreement, is_page_number, rec_number
from ..table.furniture import FURNITURE, Furniture
from ..table.rows import Column, RawRow, ReadNote, TableRead
from . import Content
from .layout_geometry import (
    LAYOUT,
    Chunk,
    ColumnSpans,
    TitleBlock,
    chunks_of,
    page_columns,
    title_block_at,
)
from .layout_rows import PlacedLine, page_rows

FORM_FEED = "\f"
COLUMNS_RUN_TOGETHER = "columns_run_together"  # the WarningCode of a line whose columns had to be cut apart
FURNITURE_CHUNKS = 3  # a line of page furniture holds this many pieces at most ("OFFICIAL   Page 2 of 7")
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
    body = _Body(lines, pages, Furniture.of_lines(lines), title)
    rows = tuple(body.rows())
    return TableRead(tuple(lines[: title.first]), rows, pages=_page_count(content.text), notes=tuple(body.notes))


def _first_title(lines: Sequence[str]) -> TitleBlock | None:
    for index, line in enumerate(lines):
        if "  " in line.strip() and (block := title_block_at(lines, index)) is not None:
            return block
    return None


def _page_numbers(lines: Sequence[str]) -> list[int]:
    """The page each line is on: a form feed ends a page (pdftotext writes it at the start
    of the next page's first line)."""
    page, numbers = 1, []
    for line in lines:
        numbers.append(page + len(line) - len(line.lstrip(FORM_FEED)))
        page += line.count(FORM_FEED)
    return numbers


def _page_count(text: str) -> int:
    """Pages end with a form feed; text after the last one is a page too."""
    return text.count(FORM_FEED) + (1 if text.rsplit(FORM_FEED, 1)[-1].strip() else 0)


class _Body:
    """The lines after the first title row, read page by page."""

    def __init__(self, lines: Sequence[str], pages: Sequence[int], furniture: Furniture, title: TitleBlock) -> None:
        self.lines = lines
        self.title = title
        self.pages = pages
        self.furniture = furniture
        self.words = Vocabulary.from_texts(lines)  # the document's own words, to rejoin words cut at a column edge
        self.notes: list[ReadNote] = []
        self.chunks = [chunks_of(line) for line in lines]
        self.furniture_lines = {
            index for index, chunks in enumerate(self.chunks)
            if 0 < len(chunks) <= FURNITURE_CHUNKS and all(furniture.is_furniture(chunk.text) for chunk in chunks)
        }
        self.furniture_lines |= self._banner_lines()

    def rows(self) -> Iterator[RawRow]:
        reference = self.title.columns
        start = self.title.first
        open_columns: frozenset[Column] = frozenset()
        while start < len(self.lines):
            end = start
            while end < len(self.lines) and self.pages[end] == self.pages[start]:
                end += 1
            page_lines, reference = self._page(start, end, reference, open_columns)
            rows = list(page_rows(page_lines, self.words, self.notes))
            if rows:
                open_columns = _unfinished(rows[-1])
            yield from rows
            start = end

    def _page(
        self, start: int, end: int, reference: ColumnSpans, open_columns: frozenset[Column]
    ) -> tuple[list[PlacedLine | None], ColumnSpans]:
        """One page's table lines (None: a gap), and the columns they were read with."""
        content, columns = self._page_content(start, end)
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

    def _page_content(self, start: int, end: int) -> tuple[list[tuple[int, tuple[Chunk, ...]]], ColumnSpans | None]:
        """The page's lines as chunks (none for furniture and title rows), and the columns of the
        title row the page repeats, if it does."""
        content: list[tuple[int, tuple[Chunk, ...]]] = []
        columns: ColumnSpans | None = None
        index = start
        while index < end:
            title = title_block_at(self.lines, index)
            if title is not None:
                if columns is None:
                    columns = title.columns
                    if self.pages[index] != self.pages[self.title.first]:
                        content = [(i, ()) for i, _ in content]  # above a repeated title row: the page header
                content.append((index, ()))  # a title row repeated on the page: a break like a page's
                index = title.end
                continue
            content.append((index, () if index in self.furniture_lines else self.chunks[index]))
            index += 1
        return content, columns

    def _banner_lines(self) -> set[int]:
        """Lines of a running banner wrapped over lines ("... due to COVID-19" / "restrictions."),
        which the furniture learnt from single lines does not know: the same line, on several
        pages, every time between furniture (or such lines) and the text of the page."""
        written = [index for index, chunks in enumerate(self.chunks) if chunks]
        places: dict[str, list[int]] = {}
        for position, index in enumerate(written):
            if len(self.chunks[index]) == 1:
                places.setdefault(self.lines[index], []).append(position)
        repeated = [positions for positions in places.values() if len(positions) >= FURNITURE.banner_min_repeats]
        banner: set[int] = set()
        grown = True
        while grown:  # a line next to furniture, then a line next to that, ...
            grown = False
            for positions in repeated:
                if written[positions[0]] in banner:
                    continue
                if all(self._beside(written, position, self.furniture_lines | banner) for position in positions):
                    banner.update(written[position] for position in positions)
                    grown = True
        return banner

    @staticmethod
    def _beside(written: Sequence[int], position: int, furniture: set[int]) -> bool:
        """The written line at ``position`` has furniture right above or right below it."""
        return (position > 0 and written[position - 1] in furniture) or (
            position + 1 < len(written) and written[position + 1] in furniture
        )

    def _placed(self, index: int, chunks: tuple[Chunk, ...], columns: ColumnSpans, nearby: frozenset[int]) -> PlacedLine:
        line = PlacedLine(index + 1, self.pages[index])
        cut = [columns.pieces(chunk, nearby) for chunk in chunks]
        pieces = [piece for chunk_pieces in cut for piece in chunk_pieces]
        if len(pieces) > len(chunks):
            after = ", ".join(repr(piece.text[:30]) for chunk_pieces in cut for piece, _ in chunk_pieces[1:])
            self.notes.append(ReadNote(
                COLUMNS_RUN_TOGETHER,
                f"line {line.number}: the text of neighbouring columns ran together; cut before {after}",
                line.page, line.number,
            ))
        if any(columns.edges_crossed(piece) >= 2 for piece, _ in pieces) or _heading([p for p, _ in pieces], columns):
            line.span = " ".join(chunk.text for chunk in chunks)
            return line
        for piece, column in pieces:
            column = _agreement_by_content(piece, column, columns)
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


def _agreement_by_content(piece: Chunk, column: Column, columns: ColumnSpans) -> Column:
    """An agreement word ("Rejected", "Partly agreed") standing on its own between the recommendation's
    start and the response's is the agreement, wherever pdftotext shifted its row."""
    recommendation, response = columns.start_of(Column.RECOMMENDATION), columns.start_of(Column.RESPONSE)
    if column not in (Column.RECOMMENDATION, Column.RESPONSE) or recommendation is None or response is None:
        return column
    if recommendation < piece.start < response and is_agreement(piece.text):
        return Column.AGREEMENT
    return column


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

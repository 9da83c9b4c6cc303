"""Plain ``pdftotext`` text -> the header lines, and the table as pieces of cells in reading order.

Plain ``pdftotext`` writes each block of text it finds (a cell's paragraph,
usually) as lines of their own followed by a blank line, page after page
(pages end with a form feed). Its reading order follows the page's geometry,
not the table's rows, and a block may hold more than one cell stacked in one
column (a number under a cell's last line, a phase label over an action).
This step only cuts the text into pieces of one cell each and drops what is
never content: the column titles (repeated on every page, one title per
block), protective markings, page numbers, running banners. What each piece
is, and which row it belongs to, is decided later.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import groupby

from ..clean import collapse_spaces, ends_sentence
from ..table.cells import (
    is_page_number,
    is_protective_marking,
    names_addressee,
    rec_number,
)
from ..table.furniture import Furniture, strip_fixed
from ..table.rows import Column
from ..vocab import MONTHS
from .plain_content import is_bullets, is_phase_row, is_section
from .plain_lines import cell_starts
from .plain_titles import column_title

TITLE_COLUMNS_MIN = 4  # distinct columns the first run of column titles names
TITLE_PIECE_MIN = 2  # titles one after another that open a title row read in pieces
DAYS_MAX = 31  # a bare number over a month's name is a day up to this
BLANKLESS_LINES_MIN = 40  # a text this long with hardly a blank line lost them (copied from a viewer)
BLANK_SHARE_MIN = 0.05  # pdftotext leaves a blank line after every block: far more than this share
_LABEL = re.compile(r":\s*\S")  # "ACTION PLAN: ...": a header line, never part of a column title


@dataclass(frozen=True)
class Piece:
    """The lines of one cell (or of the part of it on one page), where they are in the text."""

    lines: tuple[str, ...]
    numbers: tuple[int, ...]  # the 1-based number of each line in the input
    page: int  # 1-based, counted by form feeds
    glued: bool = False  # no blank line before it: the block it came from held the piece before too
    woven: tuple[int, ...] = ()  # lines of other cells that were woven into its lines, taken out

    @cached_property
    def text(self) -> str:
        return collapse_spaces(" ".join(self.lines))

    @property
    def line(self) -> int:
        return self.numbers[0]

    @property
    def last_line(self) -> int:
        return self.numbers[-1]

    @property
    def sentence_breaks(self) -> list[int]:
        """Indexes of the lines that open a sentence after a line that ended one: where two cells
        run together without a blank line between them may be cut."""
        return [i for i in range(1, len(self.lines)) if ends_sentence(self.lines[i - 1]) and self.lines[i][:1].isupper()]

    def cut(self, at: Sequence[int]) -> list[Piece]:
        """The piece cut before each of the line indexes ``at`` (ascending); the later parts glued."""
        bounds = [0, *at, len(self.lines)]
        return [
            replace(self, lines=self.lines[start:end], numbers=self.numbers[start:end], glued=self.glued or start > 0)
            for start, end in zip(bounds, bounds[1:])
        ]


@dataclass(frozen=True)
class PlainText:
    """A plain extraction cut up: the lines above the table, the table's pieces, the page count."""

    preamble: tuple[str, ...]
    pieces: tuple[Piece, ...]
    pages: int
    pages_in_blocks: tuple[int, ...] = ()  # pages pdftotext read in column blocks (their titles in pieces)


@dataclass(frozen=True)
class _TitleRow:
    """The first row of column titles: its first block, lines of that block above it, its blocks."""

    index: int
    skipped: int
    blocks: tuple[int, ...]


@dataclass(frozen=True)
class _Block:
    lines: tuple[str, ...]
    line: int
    page: int

    @property
    def text(self) -> str:
        return collapse_spaces(" ".join(self.lines))


def cut_text(text: str) -> PlainText | None:
    """The header lines and the table pieces of a plain extraction; None when no column titles are found."""
    lines, pages = _page_lines(text)
    blocks = list(_blocks(lines, pages))
    blankless = _without_blank_lines(lines)
    if blankless:  # a copy from a viewer: cells are told apart line by line
        blocks = [part for block in blocks for part in _cells_of(block)]
    start = _table_start(blocks)
    if start is None:
        return None
    index, skipped = start.index, start.skipped
    first_line = blocks[index].line + skipped
    preamble = tuple(line for line in lines[: first_line - 1])
    first = blocks[index]
    table = [_Block(first.lines[skipped:], first.line + skipped, first.page), *blocks[index + 1 :]]
    titles = _title_texts(table) | {table[at - index].text.lower() for at in start.blocks}
    if len(set(pages)) == 1:  # no form feeds (a copy from a viewer): the repeated titles open the pages
        table = list(_paged_by_titles(table, titles))
    furniture = Furniture.of_lines(lines)
    cut = [(block, list(_pieces(block, titles, furniture))) for block in table]
    pieces = [piece for _, block_pieces in cut for piece in block_pieces]
    return PlainText(preamble, tuple(pieces), max(block.page for block in table), _pages_in_blocks(cut, titles))


def _pages_in_blocks(cut: Sequence[tuple[_Block, list[Piece]]], titles: frozenset[str]) -> tuple[int, ...]:
    """Pages whose column titles came in pieces with cells between them: ``pdftotext`` read
    them in column blocks (the left columns' titles and cells down the page, then the right
    columns' titles and cells)."""
    found = []
    for page, page_cut in groupby(cut, key=lambda pair: pair[0].page):
        marks = [(_holds_title(block, titles), bool(block_pieces)) for block, block_pieces in page_cut]
        at_titles = [at for at, (title, _) in enumerate(marks) if title]
        if at_titles and any(cells for _, cells in marks[at_titles[0] + 1 : at_titles[-1]]):
            found.append(page)
    return tuple(found)


def _holds_title(block: _Block, titles: frozenset[str]) -> bool:
    """The block is a column title, or has one glued to its start or end."""
    return len(_strip_titles(list(block.lines), block.line, titles)[0]) < len(block.lines)


def _paged_by_titles(blocks: Sequence[_Block], titles: frozenset[str]) -> Iterator[_Block]:
    """Blocks numbered by page where each run of column titles after the first opens a page, unless
    it goes on with the columns of the titles above it (a page read in column blocks: the right
    columns' titles after the left columns' cells)."""
    page, in_titles, last = blocks[0].page, True, None
    for block in blocks:
        column = column_title(block.text) if block.text.lower() in titles else None
        if column is not None and not in_titles and (last is None or column <= last):
            page += 1
        in_titles = column is not None
        last = column if column is not None else last
        yield _Block(block.lines, block.line, page)


def _page_lines(text: str) -> tuple[list[str], list[int]]:
    """The text's lines without form feeds, and the page of each (a form feed starts a page)."""
    lines, pages, page = [], [], 1
    for line in text.split("\n"):
        feeds = line.count("\f")
        page += feeds
        lines.append(line.replace("\f", ""))
        pages.append(page)
    while lines and not lines[-1].strip():  # the form feed after the last page opens none
        lines.pop()
        pages.pop()
    return lines, pages


def _blocks(lines: Sequence[str], pages: Sequence[int]) -> Iterator[_Block]:
    """Runs of non-blank lines within one page."""
    start = None
    for index, line in enumerate([*lines, ""]):
        ends = not line.strip() or (start is not None and pages[index] != pages[start])
        if ends and start is not None:
            yield _Block(tuple(l.strip() for l in lines[start:index]), start + 1, pages[start])
            start = None
        if line.strip() and start is None:
            start = index


def _without_blank_lines(lines: Sequence[str]) -> bool:
    """Blank lines are too few to end each cell's block, as pdftotext's are."""
    blank = sum(1 for line in lines if not line.strip())
    return len(lines) >= BLANKLESS_LINES_MIN and blank < BLANK_SHARE_MIN * len(lines)


def _cells_of(block: _Block) -> Iterator[_Block]:
    """A block of a text without blank lines, cut into cells line by line (``plain_lines``)."""
    starts = cell_starts(block.lines)
    for start, end in zip(starts, [*starts[1:], len(block.lines)]):
        yield _Block(block.lines[start:end], block.line + start, block.page)


def _table_start(blocks: Sequence[_Block]) -> _TitleRow | None:
    """Where the column titles first run, and the blocks that hold them.

    The titles come one per block ("1. Rec No", "2. Recommendation", ...,
    wrapped as their cells are); the first block may open with the header
    line above the table ("ACTION PLAN: ..."). A run naming enough distinct
    columns in order starts the table; so does a shorter run that later
    titles on its page go on with, in column order: ``pdftotext`` read that
    page in column blocks (the left columns' titles and cells down the page,
    then the right columns').
    """
    for index in range(len(blocks)):
        lines = blocks[index].lines
        labelled = [i for i, line in enumerate(lines) if _LABEL.search(line)]
        for skipped in range(labelled[-1] + 1 if labelled else 0, len(lines)):
            first = column_title(collapse_spaces(" ".join(blocks[index].lines[skipped:])))
            if first is None:
                continue
            found = _title_row(blocks, index, first)
            together = next((n for n, at in enumerate(found) if at != index + n), len(found))
            if together >= TITLE_COLUMNS_MIN:
                return _TitleRow(index, skipped, tuple(found[:together]))
            if together >= TITLE_PIECE_MIN and len(found) >= TITLE_COLUMNS_MIN:
                return _TitleRow(index, skipped, tuple(found))
    return None


def _title_row(blocks: Sequence[_Block], index: int, first: Column) -> list[int]:
    """The blocks of the title row that opens at ``index``: titles of later columns, anywhere
    further on its page, up to a title that does not go on with the columns' order."""
    found, last = [index], first
    for at in range(index + 1, len(blocks)):
        if blocks[at].page != blocks[index].page:
            break
        column = column_title(blocks[at].text)
        if column is None:
            continue
        if column <= last:
            break
        found.append(at)
        last = column
    return found


def _title_texts(blocks: Sequence[_Block]) -> frozenset[str]:
    """The column titles as this document writes them: every block in a run of two or more titles."""
    texts: set[str] = set()
    run: list[tuple[Column, str]] = []
    for block in [*blocks, None]:
        column = column_title(block.text) if block is not None else None
        if column is not None and (not run or column > run[-1][0]):
            run.append((column, block.text.lower()))
            continue
        if len(run) >= 2:
            texts.update(text for _, text in run)
        run = [(column, block.text.lower())] if column is not None else []
    return frozenset(texts)


def _pieces(block: _Block, titles: frozenset[str], furniture: Furniture) -> Iterator[Piece]:
    """A block cut where one cell ends and another begins; furniture and titles dropped."""
    lines = list(block.lines)
    number = block.line
    lines, number = _strip_titles(lines, number, titles)
    current: list[str] = []
    numbers: list[int] = []
    glued = False
    for offset, line in enumerate(lines):
        if _is_furniture_line(line, furniture):
            if current:
                yield Piece(tuple(current), tuple(numbers), block.page, glued)
                glued = True
            current, numbers = [], []
            continue
        if current and _starts_piece(line, current):
            yield Piece(tuple(current), tuple(numbers), block.page, glued)
            glued, current, numbers = True, [], []
        current.append(line)
        numbers.append(number + offset)
        if _ends_piece(line, current):
            yield Piece(tuple(current), tuple(numbers), block.page, glued)
            glued, current, numbers = True, [], []
    if current:
        yield Piece(tuple(current), tuple(numbers), block.page, glued)


def _strip_titles(lines: list[str], number: int, titles: frozenset[str]) -> tuple[list[str], int]:
    """Column titles at the start or end of a block (a title glued to a cell) taken off."""
    if collapse_spaces(" ".join(lines)).lower() in titles:
        return [], number
    for size in range(len(lines) - 1, 0, -1):
        if collapse_spaces(" ".join(lines[:size])).lower() in titles:
            return lines[size:], number + size
        if collapse_spaces(" ".join(lines[-size:])).lower() in titles:
            return lines[:-size], number
    return lines, number


def _is_furniture_line(line: str, furniture: Furniture) -> bool:
    """A marking, a page number that says so ("Page 3", "3 of 7", "- 3 -"; a bare number may be
    a recommendation's and is judged later), or a banner the document repeats."""
    text = collapse_spaces(line)
    if is_protective_marking(text) or not strip_fixed(text) or furniture.is_furniture(text):
        return True
    return not text.isdigit() and is_page_number(text)


def is_bullet(piece: Piece) -> bool:
    """A piece of list bullets only: pdftotext sets a list's bullets apart from its items."""
    return is_bullets(piece.text)


def _starts_piece(line: str, current: Sequence[str]) -> bool:
    """A line that cannot continue the lines above it: a number, a phase label, a section title,
    or the start of an addressee row after a finished sentence."""
    text, above = line.strip(), current[-1].strip()
    if rec_number(text) or is_phase_row(text) or is_section(text) or is_bullets(text):
        return True
    if rec_number(above) and not _day_over_month(above, text) or is_phase_row(above) or is_bullets(above):
        return True
    return text.endswith(":") and names_addressee(text) and ends_sentence(above)


def _day_over_month(above: str, line: str) -> bool:
    """A day's number over its month ("31" / "December" / "2020", a target wrapped in a narrow
    column, the month maybe cut: "Septemb" / "er 2021"): a date, not a recommendation's number."""
    words = line.split()
    first = words[0].lower().rstrip(".,") if words else ""
    return above.isdigit() and 1 <= int(above) <= DAYS_MAX and len(first) >= 3 and any(
        month.startswith(first) for month in MONTHS
    )


def _ends_piece(line: str, current: Sequence[str]) -> bool:
    """A line that ends a cell whatever follows: an addressee's "should:", a section title."""
    if not line.rstrip().endswith(":") and not (len(current) == 1 and is_section(line.strip())):
        return False
    return names_addressee(collapse_spaces(" ".join(current)))

"""Lines of a ``pdftotext -layout`` page, placed in columns -> table rows.

A table row's cells all start on its first line and run down their
columns, so a line belongs to the row above it unless something on it
starts a new one: a recommendation number, a row spanning the table, a
phase label, a cell that starts where its column was empty on the line
above, or (where the layout shows no break) cells that all start afresh
under complete ones. That last is a guess, and says so in a note.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..clean import Vocabulary, ends_sentence, starts_mid_sentence
from ..table.cells import (
    dangles,
    names_addressee,
    phase_label,
    rec_number,
    target_reading,
)
from ..table.rows import Column, RawRow, ReadNote
from ..vocab import COMMON_SHORT_WORDS
from .layout_geometry import opens_cell

_FULL_STOP = re.compile(r"[.!?]['\u2019\")\]]*$")  # a sentence ended (a colon only introduces what follows)
_CLOSING = tuple(",.;:)")  # marks that never open a line of their own accord
_LAST_LETTERS = re.compile(r"[^\W\d_]+$")
LONG_WORD = 10  # a word this long alone on its line may have been cut by the column edge
SHORT_TAIL = 3  # a word cut this short is a word of its own only if it is a common one ("on", "the")
PHASE_LINES = 6  # lines a phase label ("Progress against commitments (April 2022)") may wrap over
MERGED_ROWS = "merged_rows"  # the WarningCode of a row told apart by content alone


@dataclass
class PlacedLine:
    """One line of the table, its text placed in columns."""

    number: int  # 1-based line of the input
    page: int
    cells: dict[Column, str] = field(default_factory=dict)
    span: str = ""  # the line is a row spanning the table: its text


@dataclass
class _Page:
    """What the rows of one page are read with: the document's words, the page's column widths, the notes."""

    words: Vocabulary
    widths: dict[Column, int]
    notes: list[ReadNote]

    def unforced(self, column: Column, above: str, text: str) -> bool:
        """The line above ended short of the column's width: its next word would have fitted,
        so the break was a paragraph's (or a row's), not the wrapping's."""
        return len(above) + 1 + len(text.split(" ", 1)[0]) < self.widths.get(column, 0)


@dataclass
class _Row:
    lines: list[PlacedLine] = field(default_factory=list)
    page_top: bool = False

    def text(self, column: Column) -> str:
        return " ".join(line.cells[column] for line in self.lines if column in line.cells)

    def cell(self, column: Column, page: _Page) -> str:
        """The column's lines joined: a word the column edge cut in two whole again, and owners
        on lines of their own (a break the wrapping did not force) kept on their own lines."""
        text, above = "", ""
        for line in self.lines:
            if column not in line.cells:
                continue
            piece = line.cells[column]
            if above and (piece[:1] in _CLOSING or _cut_word(column, above, text, piece, page.words)):
                text += piece  # ", NOMS" under "Management": the mark belongs to the word above
            elif column is Column.OWNER and above and piece[:1].isupper() and page.unforced(column, above, piece):
                text = f"{text}\n{piece}"
            else:
                text = f"{text} {piece}".lstrip()
            above = piece
        return text

    def text_of_span(self) -> str:
        return " ".join(line.span for line in self.lines if line.span)

    def raw_row(self, page: _Page) -> RawRow:
        first, last = self.lines[0], self.lines[-1]
        span = self.text_of_span()
        cells = tuple(self.cell(column, page) for column in Column)
        if not span and not cells[Column.NUMBER] and not any(cells[Column.AGREEMENT :]) and names_addressee(cells[Column.RECOMMENDATION]):
            span = cells[Column.RECOMMENDATION]  # an addressee stacked in the recommendation column
        if span:
            return RawRow(("",) * len(Column), first.page, first.number, last.number, self.page_top, span=(span,))
        return RawRow(cells, first.page, first.number, last.number, self.page_top)


def page_rows(lines: Sequence[PlacedLine | None], words: Vocabulary, notes: list[ReadNote]) -> Iterator[RawRow]:
    """A page's rows (``None`` in ``lines``: a gap); the first is flagged ``page_top``.

    ``words`` (the document's own) rejoin words a column edge cut in two;
    every row told apart by content alone adds a note to ``notes``.
    """
    page = _Page(words, _widths(line for line in lines if line is not None), notes)
    starts = _phase_label_lines(lines) | _addressee_lines(lines, page)
    row: _Row | None = None
    previous: PlacedLine | None = None
    page_top = True
    for index, line in enumerate(lines):
        if line is None:
            previous = None
            page_top = page_top and row is None
            continue
        if row is None or index in starts or _starts_row(line, previous, row):
            pass
        elif _fresh_cells(line, previous, row, page):
            notes.append(ReadNote(
                MERGED_ROWS,
                f"line {line.number}: no gap parts this row from the one above, but its cells start afresh "
                "under complete ones; read as a new row",
                line.page, line.number,
            ))
        else:
            row.lines.append(line)
            previous = line
            continue
        if row is not None:
            yield from _with_lead_in_apart(row, page)
        row = _Row([line], page_top=page_top)
        page_top = False
        previous = line
    if row is not None:
        yield row.raw_row(page)


def _starts_row(line: PlacedLine, previous: PlacedLine | None, row: _Row) -> bool:
    """What the layout itself shows: a gap, a spanning row, a number, a cell starting in an empty column."""
    if previous is None:
        return True
    if line.span or row.lines[-1].span:  # a spanning row wrapped over lines goes on until it names its addressee
        return not (line.span and row.lines[-1].span) or names_addressee(row.text_of_span())
    # A number under a number is the rest of one the column edge cut ("1.1" / "4").
    return any(column not in previous.cells for column in line.cells) or (
        bool(rec_number(line.cells.get(Column.NUMBER, ""))) and not rec_number(previous.cells.get(Column.NUMBER, ""))
    )


def _fresh_cells(line: PlacedLine, previous: PlacedLine, row: _Row, page: _Page) -> bool:
    """Cells that all start afresh right under complete ones: a new row the geometry cannot show.

    The response starts a sentence after one that ended; the owner (and the
    target, which a new row under one with a target must have) start under
    a cell that does not dangle, with a post's title or a readable date, or
    where the line above ended short of the column's width (a break the
    wrapping did not force).
    """
    response, owner, target = (line.cells.get(c, "") for c in (Column.RESPONSE, Column.OWNER, Column.TARGET))
    if not response or not (owner or target) or starts_mid_sentence(response):
        return False
    if not _FULL_STOP.search(row.text(Column.RESPONSE)) or (row.text(Column.TARGET) and not target):
        return False  # a row opens all its cells on its first line; an owner alone may be a second post

    def fresh(column: Column, text: str) -> bool:
        if dangles(row.text(column)) or starts_mid_sentence(text):
            return False
        return opens_cell(column, text) or page.unforced(column, previous.cells[column], text)

    return (not owner or fresh(Column.OWNER, owner)) and (
        not target or (_reads_whole(row.text(Column.TARGET)) and fresh(Column.TARGET, target))
    )


def _reads_whole(target: str) -> bool:
    """A target that says something and leaves nothing half-read ("End of March" waits for its year)."""
    reading = target_reading(target)
    return reading is not None and reading.says_something and not reading.unreadable and not dangles(target)


def _widths(lines: Iterable[PlacedLine]) -> dict[Column, int]:
    """The longest text each column holds on the page: about where its lines wrap."""
    widths: dict[Column, int] = {}
    for line in lines:
        for column, text in line.cells.items():
            widths[column] = max(widths.get(column, 0), len(text))
    return widths


def _phase_label_lines(lines: Sequence[PlacedLine | None]) -> set[int]:
    """Lines whose response text opens with a whole phase label, wrapped over up to ``PHASE_LINES``
    lines, where no sentence is going on from the line above."""
    found: set[int] = set()
    index = 0
    while index < len(lines):
        above = lines[index - 1] if index else None
        if above is None or ends_sentence(above.cells.get(Column.RESPONSE, ".")):
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


def _addressee_lines(lines: Sequence[PlacedLine | None], page: _Page) -> set[int]:
    """Lines where an addressee or section heading set in the recommendation column starts
    ("HM Prison and" / "Probation Service" / "should:") right under a recommendation's text."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if line is None or set(line.cells) != {Column.RECOMMENDATION} or not line.cells[Column.RECOMMENDATION][:1].isupper():
            continue
        above = lines[index - 1] if index else None
        if above is None or not ends_sentence(above.cells.get(Column.RECOMMENDATION, ".")):
            continue
        block: list[PlacedLine] = []
        for following in lines[index:]:
            if following is None or set(following.cells) != {Column.RECOMMENDATION}:
                break
            block.append(following)
        if names_addressee(_Row(block).cell(Column.RECOMMENDATION, page)):
            found.add(index)
    return found


def _with_lead_in_apart(row: _Row, page: _Page) -> Iterator[RawRow]:
    """The row, and apart from it a closing paragraph of response text that ends with a colon
    (or semicolon): a lead-in ("The pilots will be supported by:") introduces the rows below it."""
    start = len(row.lines)
    while start > 1 and set(row.lines[start - 1].cells) == {Column.RESPONSE}:
        start -= 1
        line, above = row.lines[start], row.lines[start - 1]
        if starts_mid_sentence(line.cells[Column.RESPONSE]) or not ends_sentence(above.cells.get(Column.RESPONSE, "")):
            continue  # inside the closing paragraph
        if row.text(Column.RESPONSE).endswith((":", ";")):
            page.notes.append(ReadNote(
                MERGED_ROWS,
                f"line {line.number}: a closing paragraph that introduces the rows below it; read as a row of its own",
                line.page, line.number,
            ))
            yield _Row(row.lines[:start], row.page_top).raw_row(page)
            yield _Row(row.lines[start:]).raw_row(page)
            return
        break
    yield row.raw_row(page)


def _cut_word(column: Column, above: str, text: str, piece: str, words: Vocabulary) -> bool:
    """The line above is one word too wide for the column, cut where the column ends and finished
    at the start of this line: "1.1" + "4", "31.03.20" + "18", "Recommendation" + "s to",
    "Administrati" + "on and", "pandemic/recover" + "y period". Joined, a number is a number and a
    target reads better; a word is one the document uses (more often than its first part, where
    the second is a word too), or a short ending ("s", "ly") of a long word."""
    head = text.rsplit(" ", 1)[-1]
    tail = piece.split(" ", 1)[0]
    if head != above:
        return False
    if column is Column.NUMBER:
        return bool(rec_number(head + tail)) and not rec_number(f"{head} {tail}")
    if column is Column.TARGET:
        joined, spaced = _reading_score(text + piece), _reading_score(f"{text} {piece}")
        if joined != spaced or (joined > 0 and head[-1:].isdigit() and tail.isdigit()):
            return joined >= spaced  # a number left over after the date ("31.03.20 18") is its end
    letters = _LAST_LETTERS.search(head)
    tail = tail.rstrip(".,;:)")
    if letters is None or not (tail.isalpha() and tail[0].islower()):
        return False
    whole = letters.group() + tail
    if not words.knows(whole):
        return len(tail) <= SHORT_TAIL and tail not in COMMON_SHORT_WORDS and len(head) >= LONG_WORD
    tail_is_word = tail in COMMON_SHORT_WORDS if len(tail) <= SHORT_TAIL else words.count(tail) > 1
    return not tail_is_word or words.count(whole) >= words.count(letters.group())


def _reading_score(target: str) -> int:
    """Dates and statuses read, less what could not be read."""
    reading = target_reading(target)
    if reading is None:
        return -1
    return len(reading.dates) + reading.completed + reading.ongoing - len(reading.unreadable) - len(reading.leftover) - len(reading.cut_off)

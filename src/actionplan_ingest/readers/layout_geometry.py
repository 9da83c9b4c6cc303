"""Character-position geometry of ``pdftotext -layout`` text: chunks, column spans, the title block.

pdftotext places each piece of text at the character column its x position
maps to, so a table's columns are runs of characters separated by runs of
spaces. The title row gives the columns' start positions; on a page that
does not repeat it, the columns are found from the gutters (positions no
line writes in) and matched to the title row's columns by position, width
and content. pdftotext rescales and shifts each page (its leftmost text
starts at position 0) and pushes text to the right where a column is too
tight, so a chunk of text belongs to the column it overlaps most, never
simply to the one its first character falls in.
"""
from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ..table.cells import (
    agreement_value,
    could_be_target,
    is_agreement,
    rec_number,
    target_reading,
)
from ..table.rows import Column
from ..table.titles import match_title_row
from ..vocab import COLUMN_TITLES, OWNER_TITLE_WORDS

# Words separated by single spaces; a run of two or more spaces ends a chunk.
# ASCII spaces only: a non-breaking space is part of the text it sits in.
_CHUNK = re.compile(r"\S+(?: \S+)*", re.ASCII)
_WORD = re.compile(r"[^\W\d_]+")
_TITLE_WORDS = frozenset(word.lower() for aliases in COLUMN_TITLES.values() for alias in aliases for word in _WORD.findall(alias))
_TITLE_JOINERS = frozenset({"and", "or", "their"})  # title words that say nothing alone ("and/or" is content)


@dataclass(frozen=True)
class LayoutSettings:
    title_max_lines: int = 12  # lines a column-title row may wrap over (narrow columns, long titles)
    title_min_chunks: int = 3  # separated chunks on the title row's first line
    title_word_share: float = 0.6  # share of a title line's words that are column-title words
    spill: int = 3  # characters text may run past a column edge and still belong to its column
    gutter_noise: float = 0.05  # share of lines that may cross a gutter (spanning rows, spills)
    width_slack: float = 1.25  # a column found on a page may be this much wider than the title page's
    numbers_cost: float = 12.0  # a page column of recommendation numbers placed elsewhere, or other text in theirs
    glue_reach: int = 10  # characters beyond a spill from a column's start where a glued line may still part
    continuity_cost: float = 2.0  # text at a page's top placed in a column the page before had finished

    def __post_init__(self) -> None:
        if self.title_max_lines < 1:
            raise ValueError(f"title_max_lines must be at least 1, not {self.title_max_lines}")
        if not 0 < self.title_word_share <= 1:
            raise ValueError(f"title_word_share must be in (0, 1], not {self.title_word_share}")
        if self.spill < 0:
            raise ValueError(f"spill must not be negative, not {self.spill}")


LAYOUT = LayoutSettings()


@dataclass(frozen=True, slots=True)
class Chunk:
    """Text written at one position of a line: words separated by single spaces."""

    start: int
    text: str
    end: int = field(init=False)  # one past its last character

    def __post_init__(self) -> None:
        object.__setattr__(self, "end", self.start + len(self.text))


def chunks_of(line: str) -> tuple[Chunk, ...]:
    return tuple(Chunk(m.start(), m.group()) for m in _CHUNK.finditer(line))


@dataclass(frozen=True)
class ColumnSpans:
    """Where each logical column starts on a page (character positions, ascending),
    and how wide its text runs there."""

    starts: tuple[tuple[Column, int], ...]
    widths: tuple[tuple[Column, int], ...] = ()

    def column_of(self, chunk: Chunk) -> Column:
        """The column the chunk overlaps most (text pushed right still overlaps its own column)."""
        positions = [start for _, start in self.starts]
        first = max(bisect_right(positions, chunk.start) - 1, 0)
        last = max(bisect_right(positions, chunk.end - 1) - 1, 0)
        if first == last:
            return self.starts[first][0]
        overlaps = (
            (min(chunk.end, positions[i + 1] if i + 1 < len(positions) else chunk.end) - max(chunk.start, positions[i] if i else chunk.start), -i)
            for i in range(first, last + 1)
        )
        return self.starts[-max(overlaps)[1]][0]

    def edges_crossed(self, chunk: Chunk, settings: LayoutSettings = LAYOUT) -> int:
        """Column starts the chunk runs across by more than a spill: a row spanning the table crosses several."""
        return sum(1 for _, start in self.starts[1:] if chunk.start + settings.spill < start < chunk.end - settings.spill)

    def start_of(self, column: Column) -> int | None:
        return next((start for c, start in self.starts if c is column), None)

    def width_of(self, column: Column) -> int | None:
        return next((width for c, width in self.widths if c is column), None)

    def fitted(self, lines: Sequence[Sequence[Chunk]], settings: LayoutSettings = LAYOUT) -> ColumnSpans:
        """The columns as the page's text has them: each start moved to where most of the
        column's text starts near it (pdftotext may push a title right of its column's text),
        with the width of the widest text each column holds."""
        counts = Counter(chunk.start for chunks in lines for chunk in chunks)
        starts: list[tuple[Column, int]] = []
        for column, start in self.starts:
            near = [(n, -abs(x - start), x) for x, n in counts.items() if abs(x - start) <= settings.spill and n > 1]
            position = max(near)[2] if near else start
            if starts and position <= starts[-1][1]:
                position = start
            starts.append((column, position))
        spans = ColumnSpans(tuple(starts))
        widths: dict[Column, int] = {}
        for chunks in lines:
            for chunk in chunks:
                if not spans.edges_crossed(chunk):
                    column = spans.column_of(chunk)
                    widths[column] = max(widths.get(column, 0), len(chunk.text))
        return ColumnSpans(spans.starts, tuple(sorted(widths.items())))

    def pieces(
        self, chunk: Chunk, nearby: frozenset[int] = frozenset(), settings: LayoutSettings = LAYOUT
    ) -> list[tuple[Chunk, Column]]:
        """A chunk cut where it runs from one column's text into the next one's, each piece with its column.

        Where columns are tight pdftotext leaves a single space between them,
        or none of the gutter at all. A cut is a space near the next column's
        start where each piece could be its column's text (a number, an
        agreement word, an owner's capital, a target's date or status word):
        before the first word that opens such a cell (a post's title, a
        date), else right at the column's start or where that column's text
        starts on the lines nearby (``nearby``: chunk starts there), or where
        the first piece would fit its column when the whole is too wide for it.
        """
        pieces = [(chunk, self.column_of(chunk))]
        for index, (column, start) in enumerate(self.starts[1:], start=1):
            rest, rest_column = pieces[-1]
            if not rest.start + settings.spill < start < rest.end - 1:
                continue
            width = self.width_of(self.starts[index - 1][0])
            overflows = width is not None and len(rest.text) > width + settings.spill  # too long for one column
            cuts = []
            for i, char in enumerate(rest.text):
                distance = abs(rest.start + i + 1 - start)
                if char != " " or distance > settings.spill + settings.glue_reach:
                    continue
                left, right = Chunk(rest.start, rest.text[:i]), Chunk(rest.start + i + 1, rest.text[i + 1 :])
                opens = opens_cell(column, right.text)
                near = distance <= settings.spill or right.start in nearby or (overflows and i <= width + settings.spill)
                if (opens or near) and could_hold(self.starts[index - 1][0], left.text) and could_hold(column, right.text, whole=False):
                    cuts.append((not opens, 0 if opens else distance, left, right))
            if cuts:
                *_, left, right = min(cuts, key=lambda cut: cut[:2])
                pieces[-1:] = [(left, min(rest_column, self.starts[index - 1][0])), (right, column)]
        return pieces


def could_hold(column: Column, text: str, whole: bool = True) -> bool:
    """Whether text could be a line of this column's cell (``whole``), or open one (with
    more columns' text after it)."""
    if column is Column.NUMBER:
        return rec_number(text if whole else text.split(" ", 1)[0]) is not None
    if column is Column.AGREEMENT and not whole:
        return agreement_value(text) is not None or agreement_value(f"{text} agreed") is not None
    if column is Column.AGREEMENT:  # "Partly" of "Partly agreed"; never a sentence ("Rejected. Transfers ...")
        return not text.endswith(".") and (is_agreement(text) or is_agreement(f"{text} agreed"))
    if column is Column.OWNER:
        return text[:1].isupper() or text[:1] == "("
    if column is Column.TARGET:
        return could_be_target(text)
    return True


def opens_cell(column: Column, text: str) -> bool:
    """Whether text surely opens a cell of this column: an agreement, a post's title ("Deputy", "Head"), a date or status."""
    if column is Column.AGREEMENT:
        return agreement_value(text) is not None
    if column is Column.OWNER:
        return text[:1].isupper() and text.split()[0].strip(",.;:").lower() in OWNER_TITLE_WORDS
    if column is Column.TARGET:
        reading = target_reading(text)
        return could_be_target(text.split()[0]) and reading is not None and reading.says_something
    return False


@dataclass(frozen=True)
class TitleBlock:
    """The column-title row: its lines (indexes into the page's lines) and the columns it names."""

    first: int
    end: int  # one past its last line
    columns: ColumnSpans


def title_block_at(lines: Sequence[str], index: int, settings: LayoutSettings = LAYOUT) -> TitleBlock | None:
    """The title row starting at ``lines[index]``, wrapped over the lines below it, else None.

    Its first line holds several chunks far apart; the lines below hold only
    column-title words. Chunks that overlap from line to line form one
    column, and the stacked texts must name the table's columns.
    """
    if "\t" in lines[index] or not _title_like(lines[index], settings):
        return None
    if len(chunks_of(lines[index])) < settings.title_min_chunks:
        return None
    end = index + 1
    while end < len(lines) and end - index < settings.title_max_lines and lines[end].strip():
        if _title_like(lines[end], settings):
            end += 1
        elif _joiners_only(lines[end]) and end + 1 < len(lines) and _title_like(lines[end + 1], settings):
            end += 2  # "functional role" / "or" / "department)"
        else:
            break
    titles = _column_titles([chunks_of(line) for line in lines[index:end]])
    mapping = match_title_row([text for _, text in titles])
    if mapping is None:
        return None
    starts = tuple(sorted(((column, titles[i][0]) for i, column in mapping.items()), key=lambda s: s[1]))
    return TitleBlock(index, end, ColumnSpans(starts))


def _column_titles(block: Sequence[Sequence[Chunk]]) -> list[tuple[int, str]]:
    """Each column's start and its title, read down its lines ("Rec" / "No" -> "Rec No").

    A chunk that runs into the next title (pdftotext left one space: "Accepted Taken/Planned")
    is cut where a chunk on another line starts; a title word the column edge cut in two
    ("Recommendati" / "on") is joined whole.
    """
    pieces = [
        (row, piece)
        for row, line in enumerate(block)
        for chunk in line
        for piece in _cut_at(chunk, {c.start for other, cs in enumerate(block) if other != row for c in cs})
    ]
    titles = []
    for group in _overlapping_groups([piece for _, piece in pieces]):
        members = set(map(id, group))
        text = ""
        for _, piece in sorted(((row, piece) for row, piece in pieces if id(piece) in members), key=lambda p: (p[0], p[1].start)):
            head, tail = text.rsplit(" ", 1)[-1], piece.text.split(" ", 1)[0]
            joined = f"{head}{tail}".strip("/.,").lower() in _TITLE_WORDS and tail[:1].islower() and " " not in head
            text = f"{text}{piece.text}" if text and joined else f"{text} {piece.text}".strip()
        titles.append((min(piece.start for piece in group), text))
    return titles


def _cut_at(chunk: Chunk, starts: set[int]) -> list[Chunk]:
    """The chunk cut before each of its words that starts where a chunk on another line starts."""
    near = range(-LAYOUT.spill, LAYOUT.spill + 1)
    cuts = [i for i, char in enumerate(chunk.text) if char == " " and any(chunk.start + i + 1 + d in starts for d in near)]
    pieces, begin = [], 0
    for i in cuts:
        pieces.append(Chunk(chunk.start + begin, chunk.text[begin:i]))
        begin = i + 1
    pieces.append(Chunk(chunk.start + begin, chunk.text[begin:]))
    return [piece for piece in pieces if piece.text]


def _joiners_only(line: str) -> bool:
    words = _WORD.findall(line.lower())
    return bool(words) and all(word in _TITLE_JOINERS for word in words)


def _title_like(line: str, settings: LayoutSettings) -> bool:
    """Mostly column-title words, at least one of them more than a joiner."""
    words = _WORD.findall(line.lower())
    titled = sum(map(_TITLE_WORDS.__contains__, words))
    return titled >= settings.title_word_share * len(words) and titled > sum(map(_TITLE_JOINERS.__contains__, words))


def _overlapping_groups(chunks: Sequence[Chunk]) -> list[list[Chunk]]:
    """Chunks whose character spans overlap (from line to line), left to right."""
    groups: list[list[Chunk]] = []
    end = -1
    for chunk in sorted(chunks, key=lambda c: c.start):
        if groups and chunk.start <= end:
            groups[-1].append(chunk)
            end = max(end, chunk.end)
        else:
            groups.append([chunk])
            end = chunk.end
    return groups


# -- a page without a title row -------------------------------------------------------


@dataclass(frozen=True)
class _Run:
    """A page column found between gutters: where it starts, how wide it is, what it holds."""

    start: int
    end: int
    numbers: float  # share of its chunks that are recommendation numbers

    @property
    def width(self) -> int:
        return self.end - self.start


def page_columns(
    lines: Sequence[Sequence[Chunk]],
    reference: ColumnSpans,
    open_columns: frozenset[Column] = frozenset(),
    settings: LayoutSettings = LAYOUT,
) -> ColumnSpans:
    """The columns of a page that does not repeat the title row.

    The page's own columns (between gutters) are matched, in order, to the
    reference columns: the placement whose positions agree best (after one
    shift for the whole page), whose widths fit, that puts the
    recommendation numbers in their column, and whose text at the top of the
    page goes on in a column left unfinished at the foot of the page before
    (``open_columns``) wins. Columns the page leaves empty keep the
    reference position, shifted like the rest.
    """
    runs = _runs(lines, settings)
    top = next((line for line in lines if line), ())
    if not runs:
        return reference
    columns = [column for column, _ in reference.starts]
    best: tuple[float, tuple[int, ...], float] | None = None
    for chosen in combinations(range(len(columns)), len(runs)) if len(runs) <= len(columns) else ():
        placed = [columns[i] for i in chosen]
        cost, shift = _placement_cost(runs, placed, reference, settings)
        if open_columns:
            cost += sum(settings.continuity_cost for run, column in zip(runs, placed) if column not in open_columns and _holds(run, top))
        if best is None or cost < best[0]:
            best = (cost, chosen, shift)
    if best is None:
        return reference
    _, chosen, shift = best
    placed = dict(zip(chosen, runs))
    starts: list[tuple[Column, int]] = []
    for index, (column, start) in enumerate(reference.starts):
        position = placed[index].start if index in placed else round(start - shift)
        if starts and position <= starts[-1][1]:
            position = starts[-1][1] + 1
        starts.append((column, position))
    return ColumnSpans(tuple(starts), reference.widths)


def _placement_cost(runs: Sequence[_Run], columns: Sequence[Column], reference: ColumnSpans, settings: LayoutSettings) -> tuple[float, float]:
    """How badly the page's runs fit these columns; and the page's shift against the reference."""
    ref_starts = [reference.start_of(column) or 0 for column in columns]
    shift = statistics.median(ref - run.start for ref, run in zip(ref_starts, runs))
    cost = sum(abs(run.start + shift - ref) for ref, run in zip(ref_starts, runs)) / len(runs)
    for run, column in zip(runs, columns):
        width = reference.width_of(column)
        if width is not None and run.width > width * settings.width_slack + settings.spill:
            cost += (run.width - width * settings.width_slack) / 2
        holds_numbers = run.numbers >= 0.5
        if holds_numbers != (column is Column.NUMBER):
            cost += settings.numbers_cost
    return cost, shift


def _holds(run: _Run, line: Sequence[Chunk]) -> bool:
    return any(run.start <= chunk.start < run.end for chunk in line)


def _runs(lines: Sequence[Sequence[Chunk]], settings: LayoutSettings) -> list[_Run]:
    """The page's columns: runs of positions written on, between gutters few lines cross;
    and text that stands in a gutter on its own (a lone number, an agreement) as a column of its own."""
    chunks = [chunk for line in lines for chunk in line]
    if not chunks:
        return []
    width = max(chunk.end for chunk in chunks)
    cover = [0] * (width + 1)
    for chunk in chunks:
        for x in range(chunk.start, chunk.end):
            cover[x] += 1
    noise = int(sum(1 for line in lines if line) * settings.gutter_noise)
    spans: list[tuple[int, int]] = []
    x = 0
    while x <= width:
        if cover[x] > noise:
            start = x
            while x <= width and cover[x] > noise:
                x += 1
            spans.append((start, x))
        x += 1
    alone = [chunk for chunk in chunks if not any(chunk.start < end and start < chunk.end for start, end in spans)]
    spans += [(min(c.start for c in group), max(c.end for c in group)) for group in _overlapping_groups(alone)]
    result = []
    for start, end in sorted(spans):
        inside = [chunk for chunk in chunks if start <= chunk.start < end]
        if inside:
            numbers = sum(1 for chunk in inside if rec_number(chunk.text)) / len(inside)
            result.append(_Run(min(chunk.start for chunk in inside), end, numbers))
    return result

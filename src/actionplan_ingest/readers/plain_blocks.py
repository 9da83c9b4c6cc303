"""Responses run together on a page ``pdftotext`` read in column blocks -> one piece per response.

Read in column blocks, a page's right block may hold its responses as one
column, with no blank line between one response and the next, and only then
every row's owner and target. Each row has an owner or a target cell, so
when the runs of owner and target cells read after the responses outnumber
them, the responses ran together: they are cut where a line ends a sentence
and the next opens one, where the line left the most room unused (a cell's
last line seldom fills its column), as many times as there are runs too
many. Every cut is a note.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..clean import starts_mid_sentence
from ..table.rows import ReadNote
from .plain_cells import cell_groups
from .plain_kinds import RESPONSE_KINDS, Kind, line_width
from .plain_pieces import Piece
from .plain_rows import Typed

RESPONSES_CUT = "rows_run_together"


def responses_apart(page: Sequence[tuple[Piece, Kind]]) -> tuple[list[tuple[Piece, Kind]], list[ReadNote]]:
    """The page's pieces with responses that ran together cut apart, and a note for each cut."""
    prose = [i for i, (_, kind) in enumerate(page) if kind in RESPONSE_KINDS]
    groups = cell_groups([Typed(piece, kind, i) for i, (piece, kind) in enumerate(page)])
    if not prose or any(group.order < prose[-1] for group in groups):
        return list(page), []  # cells read among the responses: each response is a block of its own
    opening = sum(1 for i in prose if not starts_mid_sentence(page[i][0].text))
    wanted = len(groups) - opening
    ends = sorted((-room, i, at) for i in prose for at, room in _sentence_ends(page[i][0]))  # roomiest first
    cuts = sorted((i, at) for _, i, at in ends[: max(wanted, 0)])
    if not cuts:
        return list(page), []
    parts = []
    for i, (piece, kind) in enumerate(page):
        at = [line for index, line in cuts if index == i]
        parts.extend((part, kind) for part in (piece.cut(at) if at else [piece]))
    return parts, [_note(page[i][0], at, len(groups)) for i, at in cuts]


def _sentence_ends(piece: Piece) -> Iterator[tuple[int, int]]:
    """Line indexes where a line ends a sentence and the next opens one, with the room the
    ending line left unused (characters; below 0 when the next line's first word would not fit)."""
    width = line_width(piece)
    for at in piece.sentence_breaks:
        above, line = piece.lines[at - 1], piece.lines[at]
        yield at, width - len(above) - 1 - len(line.split()[0])


def _note(piece: Piece, at: int, groups: int) -> ReadNote:
    return ReadNote(
        RESPONSES_CUT,
        f"page {piece.page}: the responses read as one block hold fewer rows than the {groups} groups of owner "
        f"and target cells read after them; a new response taken to start at line {piece.numbers[at]} "
        f"({piece.lines[at][:30]!r}), after a line that ends a sentence",
        piece.page,
        piece.numbers[at],
    )

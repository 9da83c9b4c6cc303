"""What each piece of a plain extraction is: which column's cell, or which kind of row.

A piece is judged by what it holds (a recommendation number, an agreement
word, a date, a post's title, prose) with the table layer's content tests,
and by how wide its lines run: plain ``pdftotext`` keeps the line breaks of
the PDF, so a cell's lines wrap at its column's width. The recommendation
and the response are both prose; only their width tells them apart, and the
two widths are learnt from the document itself.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from ..clean import ends_sentence, starts_with_bullet
from ..table.cells import names_addressee, rec_number
from ..table.placement import content_fits, light_clean
from ..table.rows import Column
from .plain_content import is_agreement, is_phase_row, names_post, reads_as_target
from .plain_pieces import Piece, is_bullet


class Kind(Enum):
    """What a piece is: one of the table's cells, or a row of its own."""

    NUMBER = "number"
    RECOMMENDATION = "recommendation"
    AGREEMENT = "agreement"
    RESPONSE = "response"
    OWNER = "owner"
    TARGET = "target"
    PROSE = "prose"  # a recommendation or a response: its width cannot tell which
    BULLET = "bullet"  # list bullets set apart from their items
    SPAN = "span"  # a row across the table: an addressee ("... should:") or a section title
    PHASE = "phase"  # a phase row ("Progress against commitments (June 2022)")


RESPONSE_KINDS = (Kind.RESPONSE, Kind.PROSE)  # what may be a response: a response, or prose its width cannot tell


@dataclass(frozen=True)
class KindSettings:
    wide_ratio: float = 1.4  # the response column is at least this much wider than the recommendation's
    prose_lines_min: int = 3  # pieces this tall show their column's width
    woven_lines_min: int = 3  # a piece this tall may have another column's lines woven in
    wrap_slack: float = 0.8  # a wrapped line (with the next word) reaches this share of the widest


KINDS = KindSettings()
JOINED_LINE_RATIO = 1.6  # a line this much longer than the piece's middle line is two lines joined


@dataclass(frozen=True)
class Widths:
    """The document's two prose columns, by characters per line: below ``split`` is the recommendation's."""

    split: float | None  # None: the two columns could not be told apart by width

    def prose_kind(self, piece: Piece) -> Kind | None:
        """RESPONSE or RECOMMENDATION by the piece's line width; None when the width cannot tell."""
        if self.split is None:
            return None
        widest = line_width(piece)
        if widest > self.split:
            return Kind.RESPONSE
        if len(piece.lines) >= 2 and _wrap_limit(piece.lines) <= self.split:
            return Kind.RECOMMENDATION
        return None


def classify(pieces: Sequence[Piece], settings: KindSettings = KINDS) -> tuple[list[Piece], list[Kind]]:
    """The kind of every piece (lines of other cells woven into a piece set apart first);
    prose whose width cannot tell is left PROSE, for its neighbours to decide."""
    untangled = [part for piece in pieces for part in _untangle(piece, settings)]
    pieces = [piece for piece, _ in untangled]
    known = [kind or _fixed_kind(piece) or _content_kind(piece) for piece, kind in untangled]
    widths = learn_widths([piece for piece, kind in zip(pieces, known) if kind is None], settings)
    return pieces, [kind or widths.prose_kind(piece) or Kind.PROSE for piece, kind in zip(pieces, known)]


def _untangle(piece: Piece, settings: KindSettings) -> list[tuple[Piece, Kind | None]]:
    """A piece with lines of another column woven in (pdftotext reads two cells side by side
    line by line when their columns run close: "Make sure that every woman" / "Agreed" /
    "under supervision has her"): its own lines, then the woven-in cells, by kind.

    A woven-in line sits mid-sentence (the line above does not end one) and is an agreement,
    or is too short to be a wrapped line of the piece (the next line's first word would have
    fitted) and reads as a target or a post.
    """
    if len(piece.lines) < settings.woven_lines_min or _fixed_kind(piece) is not None:
        return [(piece, None)]
    width = max(len(line) for line in piece.lines)
    own: list[tuple[int, str]] = [(piece.numbers[0], piece.lines[0])]
    woven: list[tuple[Kind, list[tuple[int, str]]]] = []
    for index in range(1, len(piece.lines) - 1):
        number, line = piece.numbers[index], piece.lines[index]
        kind = _woven_kind(line, own[-1][1], piece.lines[index + 1], width, settings)
        if kind is None:
            own.append((number, line))
        elif woven and woven[-1][0] is kind and kind is not Kind.AGREEMENT:
            woven[-1][1].append((number, line))
        else:
            woven.append((kind, [(number, line)]))
    if not woven:
        return [(piece, None)]
    own.append((piece.numbers[-1], piece.lines[-1]))
    taken = tuple(sorted(n for _, lines in woven for n, _ in lines))
    main = Piece(tuple(line for _, line in own), tuple(n for n, _ in own), piece.page, piece.glued, taken)
    return [(main, None), *(
        (Piece(tuple(line for _, line in lines), tuple(n for n, _ in lines), piece.page, True), kind)
        for kind, lines in woven
    )]


def _woven_kind(line: str, above: str, below: str, width: int, settings: KindSettings) -> Kind | None:
    text = line.strip()
    if ends_sentence(above) or not text:
        return None  # a paragraph may end short, and the next start anew
    if text[0].isupper() and is_agreement(text):
        return Kind.AGREEMENT
    room = len(text) + 1 + len(below.split()[0]) if below.split() else len(text)
    if room >= settings.wrap_slack * width:
        return None  # a line wrapped where the next word would not fit
    if reads_as_target(light_clean(text)):
        return Kind.TARGET
    return Kind.OWNER if names_post(text) else None


def _fixed_kind(piece: Piece) -> Kind | None:
    """The kinds its wording alone decides: bullets, phase rows, addressees, numbers, agreements."""
    text = piece.text
    if is_bullet(piece):
        return Kind.BULLET
    if is_phase_row(text):
        return Kind.PHASE
    if names_addressee(text):
        return Kind.SPAN
    if rec_number(text):
        return Kind.NUMBER
    if is_agreement(text):
        return Kind.AGREEMENT
    return None


def _content_kind(piece: Piece) -> Kind | None:
    """TARGET or OWNER when the content reads as one, else None (prose, a list item among it)."""
    if starts_with_bullet(piece.text):
        return None
    text = light_clean(piece.text)
    if reads_as_target(text):
        return Kind.TARGET
    fits = content_fits(text)
    if fits[Column.OWNER] > max(fits[Column.RECOMMENDATION], fits[Column.RESPONSE]) or names_post(text):
        return Kind.OWNER
    return None


def learn_widths(prose: Sequence[Piece], settings: KindSettings = KINDS) -> Widths:
    """Split the widths of tall prose pieces into a narrow and a wide column (two means on a log scale)."""
    widths = sorted(
        math.log(line_width(piece))
        for piece in prose
        if len(piece.lines) >= settings.prose_lines_min
    )
    if len(widths) < 2:
        return Widths(None)
    low, high = widths[0], widths[-1]
    for _ in range(20):
        middle = (low + high) / 2
        narrow = [w for w in widths if w <= middle]
        wide = [w for w in widths if w > middle]
        if not narrow or not wide:
            return Widths(None)
        low, high = sum(narrow) / len(narrow), sum(wide) / len(wide)
    if high - low < math.log(settings.wide_ratio):
        return Widths(None)
    return Widths(math.exp((low + high) / 2))


def line_width(piece: Piece) -> int:
    """The longest line of a piece, leaving out a line that runs far past the others: pdftotext
    joins a line ending in a hyphen to the next one ("self-" + "harm should be ...")."""
    lengths = sorted(len(line) for line in piece.lines)
    if len(lengths) >= 3 and lengths[-1] > JOINED_LINE_RATIO * lengths[len(lengths) // 2]:
        return lengths[-2]
    return lengths[-1]


def _wrap_limit(lines: Sequence[str]) -> int:
    """The column is narrower than this: each wrapped line had no room for the next line's first word."""
    return min(len(line) + 1 + len(following.split()[0]) for line, following in zip(lines, lines[1:]) if following.split())



"""Content-based placement: cells whose position is unreliable put into columns by what they hold.

Text extractions drop empty cells unpredictably: a row may have six cells,
or three with no leading tabs, or a stray trailing one. So each cell is
scored against every column by its content (an agreement word, a date, an
owner's title, prose), less a cost for moving it from where it sits, and the
placement with the best total wins. A row spanning the table (an addressee,
perhaps cut into fake columns) is recognised first and set apart.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from ..clean import close_gaps, collapse_spaces, strip_markup
from ..vocab import OWNER_JOINERS, ROLE_WORD_PATTERN, VERB_PATTERN
from .cells import (
    TARGET_MAX_CHARS,
    agreement_value,
    ends_with_should,
    is_cut_should,
    is_page_number,
    names_addressee,
    owner_headword,
    rec_number,
    target_reading,
)
from .rows import Column


@dataclass(frozen=True)
class PlacementSettings:
    displacement_cost: float = 0.75  # score lost per column a cell moves from its position
    owner_max_chars: int = 400  # a longer cell is not an owner
    cut_piece_max_chars: int = 12  # the first piece of a cut heading fits the narrow Rec No column


PLACEMENT = PlacementSettings()
COLUMNS = len(Column)
FitMemo = dict[str, dict[int, float]]
"""Cell text -> its content fit per column, kept for one document (owners and targets recur)."""
_SENTENCE_BREAK = re.compile(r"[a-z)]{2}\. [A-Z]")
_VERB = re.compile(VERB_PATTERN, re.IGNORECASE)
_LONG_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019&-]{3,}")
_PROSE_OPENING = re.compile(r"(?:a|an|this|these|those|all|each|every|some|our|we|it)\b", re.IGNORECASE)
_ROLE_WORD = re.compile(ROLE_WORD_PATTERN, re.IGNORECASE)


def align_cells(cells: Sequence[str], fits: FitMemo | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Place one line's tab-separated cells in the six columns.

    Returns the column cells and, when the line starts with a row spanning
    the table (cut into fake columns), that row's pieces. ``fits`` keeps the
    content fits of texts already judged in this document (owners and
    targets recur).
    """
    fits = {} if fits is None else fits
    cells = list(cells)
    if len(cells) > COLUMNS:  # a tab inside the last cell
        cells = cells[: COLUMNS - 1] + [" ".join(cells[COLUMNS - 1 :])]
    natural = list(range(len(cells))) if len(cells) == COLUMNS else [i + COLUMNS - len(cells) for i in range(len(cells))]
    span_start, span_end = _span_bounds(cells)
    span = tuple(cells[span_start:span_end])
    items = [(natural[i], i, cells[i]) for i in range(len(cells)) if not span_start <= i < span_end]

    out = [""] * COLUMNS
    if items and items[0][1] == 0 and rec_number(items[0][2]):
        out[Column.NUMBER] = collapse_spaces(items[0][2])
        items = items[1:]
    # Bare numbers anywhere but the first cell are page numbers left in the row.
    items = [(nat, i, "" if is_page_number(text) else text) for nat, i, text in items]
    while items and not items[0][2].strip():
        items.pop(0)
    while items and not items[-1][2].strip():
        items.pop()
    columns = range(Column.RECOMMENDATION, COLUMNS)
    if len(items) > len(columns):  # six cells but no number: the surplus opens the recommendation cell
        surplus = len(items) - len(columns) + 1
        items = [(items[0][0], items[0][1], " ".join(text for _, _, text in items[:surplus])), *items[surplus:]]
    if items:
        scores = [_scores(text, nat, fits) for nat, _, text in items]
        placement = max(
            combinations(columns, len(items)),
            key=lambda placed: sum(score[c] for score, c in zip(scores, placed)),
        )
        for (_, _, text), column in zip(items, placement):
            out[column] = text
    return tuple(out), span


def _scores(text: str, natural: int, memo: FitMemo) -> dict[int, float]:
    """The cell's score in each column it could take: content fit less displacement."""
    columns = range(Column.RECOMMENDATION, COLUMNS)
    if not text.strip():
        return dict.fromkeys(columns, 0.0)
    fits = memo.get(text)
    if fits is None:
        fits = memo[text] = content_fits(light_clean(text))
    return {c: fits[c] - PLACEMENT.displacement_cost * abs(c - natural) for c in columns}


def light_clean(text: str) -> str:
    """Enough cleaning to judge a cell's content; the assembler does the full repair."""
    text = collapse_spaces(strip_markup(text))
    return close_gaps(text) if len(text) <= TARGET_MAX_CHARS else text


def content_fits(text: str) -> dict[int, float]:
    """How well a cell's content fits each column: high is likely, very negative is impossible."""
    prose = 2.0 if text.count(" ") >= 4 else 1.0
    if len(text) > PLACEMENT.owner_max_chars:  # long prose: a recommendation or a response
        return {
            Column.RECOMMENDATION: prose - 0.25, Column.AGREEMENT: -20.0, Column.RESPONSE: prose,
            Column.OWNER: -10.0, Column.TARGET: -10.0,
        }
    target = _target_fit(text)
    sentence_breaks = len(_SENTENCE_BREAK.findall(text)) if ". " in text else 0
    has_verb = bool(_VERB.search(text))
    headword = owner_headword(text)
    names_role = headword or bool(_ROLE_WORD.search(text))
    title_cased = _title_cased(text)
    if sentence_breaks >= 2:
        owner = -10.0
    elif has_verb or target > 1.5 or _PROSE_OPENING.match(text):
        owner = -3.0
    elif not title_cased:
        owner = -1.0  # posts and bodies are written in title case; this reads as prose
    else:
        owner = 2.0 if headword else 1.5 if names_role else -1.0
    # A title-cased noun phrase naming a post is an owner, however it was tabbed.
    owner_like = names_role and title_cased and not sentence_breaks and not has_verb and not _PROSE_OPENING.match(text)
    return {
        # Continued recommendation text is rarer than response text: ties go to the response.
        Column.RECOMMENDATION: 0.5 if owner_like else prose - 0.25,
        Column.AGREEMENT: 4.0 if len(text) < 40 and agreement_value(text) else -20.0,
        Column.RESPONSE: 0.5 if owner_like else prose,
        Column.OWNER: owner,
        Column.TARGET: target,
    }


def _title_cased(text: str) -> bool:
    """Written like a post or body ("Head of Safer Custody", "and Analysis"): the first
    longer word and at least half of them capitalised; an owner's tail may open with a joiner.
    Only the post is judged: an organisation after a comma may be written in lower case
    ("Library Manager, county library service")."""
    words = _LONG_WORD.findall(text.split(",", 1)[0])
    if not words:
        return True
    opens_with_joiner = text.split(None, 1)[0].lower() in OWNER_JOINERS
    return (words[0][0].isupper() or opens_with_joiner) and sum(w[0].isupper() for w in words) * 2 >= len(words)


def _target_fit(text: str) -> float:
    reading = target_reading(text)
    if reading is None or reading.leftover:
        return -10.0
    if reading.says_something:
        return 3.0
    return 2.0 if reading.cut_off else 1.5


def _span_bounds(cells: Sequence[str]) -> tuple[int, int]:
    """Where a row spanning the table lies in the line's cells; (0, 0) when there is none.

    A spanning row is recognised by its wording ("... should:", "Main
    recommendations to the Governor"), read across the fake columns it may
    be cut into ("Main R|ecommendations t|o the Govern|or", "HM Pri|son and
    Probation Service|should:"), or by being cut mid-word into them.
    """
    filled = [i for i, c in enumerate(cells) if c.strip()]
    if not filled or filled[0] > Column.RECOMMENDATION:
        return 0, 0
    first = filled[0]
    if rec_number(cells[first]):
        return 0, 0
    for end in range(first + 1, len(cells) + 1):
        if any(ends_with_should(text) and names_addressee(text) for text in _readings(cells[first:end])):
            return first, end
    if any(names_addressee(text) for text in _readings([cells[i] for i in filled])):
        return first, filled[-1] + 1
    if first == 0 and len(cells) > 1 and _is_heading_cut(cells[0]) and _is_cut(cells[0], cells[1]):
        end = 2
        while end < len(cells) and not _ends_cut_suffix(cells[:end]) and _is_cut(cells[end - 1], cells[end]):
            end += 1
        return 0, end
    return 0, 0


def _readings(pieces: Sequence[str]) -> tuple[str, ...]:
    """A row cut into pieces, read with every cut inside a word, with every cut between words,
    and with each cut read by its letters ("Recom|mendations to the|Governor"); the assembler
    decides each seam later, with the document's vocabulary."""
    at_cuts = pieces[0] if pieces else ""
    for left, right in zip(pieces, pieces[1:]):
        at_cuts += right if _is_cut(left, right) else f" {right}"
    return "".join(pieces), " ".join(pieces), at_cuts


def _is_heading_cut(first: str) -> bool:
    """The first piece of a heading cut into fake columns: as narrow as the Rec No
    column ("Her N", "Main R", "Com") and capitalised like a heading."""
    first = first.strip()
    return 0 < len(first) <= PLACEMENT.cut_piece_max_chars and first[0].isupper()


def _is_cut(left: str, right: str) -> bool:
    """Two neighbouring cells that split one word (a fake column cut): the right piece
    goes on in lower case, or both sides are capitals ("NOM|S")."""
    if not (left and right and left[-1].isalpha() and right[0].isalpha()):
        return False
    return right[0].islower() or (left.split()[-1].isupper() and right.split()[0].isupper())


def _ends_cut_suffix(parts: Sequence[str]) -> bool:
    """The pieces so far end with "should:" cut short ("... Companies s")."""
    head, _, last = "".join(parts).rstrip().rpartition(" ")
    return bool(head) and is_cut_should(last)

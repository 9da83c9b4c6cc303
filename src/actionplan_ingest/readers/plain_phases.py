"""Where a progress row goes when the text does not show it, in a plain extraction.

A phase row ("Progress against commitments (June 2022)") glued to the
response under it, or read right after a response, sits where the text puts
it. One read elsewhere (after owner and target cells, where ``pdftotext``
often leaves it) could sit anywhere on its page. Progress rows report what
has happened ("Risk assessments have been completed", "The first release
was published", targets "Completed"), commitments what will ("... will be
introduced"), so the row goes where the responses after it read most as
progress, within a recommendation still in its commitments. Where nothing
reads as progress it stays where the text put it. Either way the guess is a
note.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..table.rows import ReadNote
from ..vocab import PHASE_KEYWORDS
from .plain_kinds import Kind
from .plain_rows import Rec, Row

PHASE_ROW_PLACED = "phase_row_placed"
COMPLETED_SCORE = 0.5  # a target that says completed leans a row toward progress
_OPENING = re.compile(r"^.*?[a-z0-9)]{2}[.!?](?=\s+[A-Z]|$)", re.DOTALL)
_DONE = re.compile(
    r"\b(?:was|were|(?:has|have|had)\s+(?:been|\w+ed)|(?:is|are)\s+(?:now|in\s+place|in\s+post)|"
    r"started|began|opened|reached|published)\b",
    re.IGNORECASE,
)
_TO_DO = re.compile(r"\bwill\b", re.IGNORECASE)
_COMPLETED = re.compile(r"^\s*(?:completed?|achieved)\b", re.IGNORECASE)


def phase_kind(text: str) -> str:
    """ "commitment" or "progress", by the label's words."""
    lowered = text.lower()
    return next((kind for word, kind in PHASE_KEYWORDS if word in lowered), "commitment")


def place_phase_rows(recs: Sequence[Rec], page: int) -> list[ReadNote]:
    """Move each progress row of the page that the text left unplaced to where it fits best."""
    notes = []
    loose = [
        (rec, row) for rec in recs for row in rec.rows
        if row.page == page and row.kind is Kind.PHASE and not row.anchored and phase_kind(row.text) == "progress"
    ]
    for rec, row in loose:
        rec.rows.remove(row)
        gain, owner, index = max(
            ((gain, candidate, index) for candidate in recs for index, gain in _gains(candidate, page)),
            key=lambda found: (found[0], found[2]),
            default=(0.0, rec, 0),
        )
        if gain <= 0:
            owner, index = rec, _put_back(rec, row)
        owner.rows.insert(index, row)
        notes.append(ReadNote(
            PHASE_ROW_PLACED,
            f"the phase row {row.text!r} (line {row.pieces[0].line}) is not next to a response in the text; "
            f"put {'before the responses that read as progress' if gain > 0 else 'where the text has it'}"
            f" in recommendation {owner.number.text}",
            page,
            row.pieces[0].line,
        ))
    return notes


def _gains(rec: Rec, page: int) -> list[tuple[int, float]]:
    """For each place a progress row could take among the recommendation's rows on the page (still
    in its commitments), how much the responses it would then cover read as progress."""
    phase = "commitment" if rec.lead is not None else None
    places = []
    for index, row in enumerate(rec.rows):
        if row.kind is Kind.PHASE:
            phase = phase_kind(row.text)
            continue
        if row.page == page and phase != "progress" and not row.continues:
            places.append(index)
    gains = []
    for index in places:
        covered = []
        for row in rec.rows[index:]:
            if row.kind is Kind.PHASE:
                break
            covered.append(row)
        gains.append((index, sum(_progress(row) for row in covered)))
    return gains


def _progress(row: Row) -> float:
    """How much a row reads as progress (positive) or as a commitment (negative)."""
    opening = _OPENING.match(row.text)
    sentence = opening.group(0) if opening else row.text
    score = -1.0 if _TO_DO.search(sentence) else 1.0 if _DONE.search(sentence) else 0.0
    target = " ".join(piece.text for piece in row.targets)
    return score + (COMPLETED_SCORE if _COMPLETED.match(target) else 0.0)


def _put_back(rec: Rec, row: Row) -> int:
    """Where the row was read: after the rows read before it."""
    return sum(1 for other in rec.rows if (other.page, other.order) < (row.page, row.order))

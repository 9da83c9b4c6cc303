"""What a cell can be: a recommendation number, an agreement, an owner, a target,
an addressee or section row, or page furniture.

Every reader and the assembler ask these questions of cell text; none of
them depends on where the text came from.
"""
from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from ..clean import collapse_spaces
from ..dates import TargetReading, read_target
from ..vocab import (
    ADDRESSEE_SUFFIX,
    AGREEMENT_PHRASES,
    DANGLING_WORDS,
    MONTHS,
    OWNER_HEADWORDS,
    PHASE_LABEL_PATTERN,
    PROTECTIVE_MARKINGS,
    SECTION_PATTERN,
    TARGET_CUE_WORDS,
)

ADDRESSEE_MAX_CHARS = 250  # a longer row is prose, whatever it ends with
TARGET_MAX_CHARS = 80  # a longer cell is not a target date
_SECTION = re.compile(SECTION_PATTERN, re.IGNORECASE)
_PHASE_LABEL = re.compile(rf"^\s*({PHASE_LABEL_PATTERN})\s*", re.IGNORECASE)
_NOT_LETTER = re.compile(r"[^a-z ]+")
REC_NUMBER = re.compile(r"^(?:rec(?:ommendation)?\.?\s*)?([A-Z]{0,2}\d{1,3}(?:\.\d{1,3})?[a-z]?)\.?$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# Words a target cell would hold: months (also cut: "ary"), statuses, recurrences.
_TARGET_CUE_WORDS = frozenset(
    {month[i:] for month in MONTHS for i in range(len(month) - 2)}
    | {month[:3] for month in MONTHS}
    | set(TARGET_CUE_WORDS)
)
# Page furniture: "Page 3 of 7", "Page 3", "3 of 7", "- 3 -", a bare page number.
_PAGE_NUMBER = re.compile(r"^(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}\s+of\s+\d{1,4}|[-\u2013]?\s*\d{1,4}\s*[-\u2013]?)$", re.I)
_MARKING = re.compile(rf"^(?:{'|'.join(PROTECTIVE_MARKINGS)})(?:\s*[-\u2013:]\s*[A-Z ]+)?$")


def rec_number(text: str) -> str | None:
    """The recommendation number a cell holds ("1", "5.01", "S40"), else None."""
    m = REC_NUMBER.match(collapse_spaces(text))
    return m.group(1) if m else None


def agreement_value(text: str) -> str | None:
    """Normalise an agreement cell ("Partly accepted" -> "partly_agreed"), else None."""
    key = collapse_spaces(_NOT_LETTER.sub(" ", text.lower()))
    return next((value for phrase, value in AGREEMENT_PHRASES if key.startswith(phrase)), None)


def is_agreement(text: str) -> bool:
    """The whole text is an agreement ("Rejected", "Partly Agreed"), not a sentence that opens with one."""
    key = collapse_spaces(_NOT_LETTER.sub(" ", text.lower()))
    return any(key == phrase for phrase, _ in AGREEMENT_PHRASES)


def owner_headword(text: str) -> bool:
    """True when text starts like an owner that can stand alone (a title or a body)."""
    words = text.split(None, 1)
    first = words[0].strip(",.;:()").lower() if words else ""
    return first in OWNER_HEADWORDS


def dangles(cell: str) -> bool:
    """The cell ends on a word or mark that needs more ("Head of", "Deputy Director,", "and"): it goes on below."""
    cell = cell.rstrip()
    if cell.endswith((",", "&", "-", "/", "(")):
        return True
    return cell.rsplit(" ", 1)[-1].lower() in DANGLING_WORDS


def phase_label(text: str) -> re.Match[str] | None:
    """A phase label opening the text ("Progress against commitments (April 2022)"); group 1 is the label."""
    return _PHASE_LABEL.match(text)


def names_addressee(text: str) -> bool:
    """True for the wording of a row spanning the table: "... should:" or a section title."""
    text = collapse_spaces(text)
    return len(text) < ADDRESSEE_MAX_CHARS and (ends_with_should(text) or bool(_SECTION.match(text)))


def ends_with_should(text: str) -> bool:
    """Ends with "should:", allowing one character garbled where a cut fell ("shhould:")."""
    last = text.rstrip().rsplit(None, 1)[-1].lower() if text.strip() else ""
    return last.endswith(":") and Levenshtein.distance(last, ADDRESSEE_SUFFIX) <= 1


def addressee_of(text: str) -> str:
    """A spanning row's text without its "should:", whole, garbled or cut short ("... Companies s")."""
    head, _, last = collapse_spaces(text).rpartition(" ")
    if head and (ends_with_should(last) or is_cut_should(last)):
        text = head
    return text.rstrip(" ,:")


def is_cut_should(word: str) -> bool:
    """A word that is "should:" cut short at a cell edge ("s", "sh", "shou")."""
    word = word.lower()
    return 0 < len(word) < len(ADDRESSEE_SUFFIX) and ADDRESSEE_SUFFIX.startswith(word)


def could_be_target(text: str) -> bool:
    """A cheap first test before reading a target: short, with a digit or a target word."""
    if len(text) > TARGET_MAX_CHARS:
        return False
    if _DIGIT.search(text):
        return True
    return any(word.strip(".,;:()") in _TARGET_CUE_WORDS for word in text.lower().replace("-", " ").split())


def target_reading(text: str) -> TargetReading | None:
    """The cell read as a target date, or None when it cannot be one."""
    return read_target(text) if could_be_target(text) else None


def is_page_number(text: str) -> bool:
    """ "Page 3 of 7", "3 of 7", "- 3 -" or a bare number: a page's number, never content."""
    return bool(_PAGE_NUMBER.match(collapse_spaces(text)))


def is_protective_marking(text: str) -> bool:
    """ "OFFICIAL", "OFFICIAL - SENSITIVE": the marking printed on every page."""
    return bool(_MARKING.match(collapse_spaces(text)))

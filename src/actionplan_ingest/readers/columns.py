"""Knowledge of the table's columns shared by both readers.

Finding the column-title row (fuzzily, so template variants work), and the
content tests that say what a cell can be: a recommendation number, an
agreement, a target, an owner.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import Levenshtein

from ..clean import collapse_spaces
from ..models import Agreement
from ..vocab import (
    ADDRESSEE_SUFFIX,
    AGREEMENT_PHRASES,
    COLUMN_TITLES,
    OWNER_HEADWORDS,
    SECTION_PATTERN,
    TITLE_CUE_WORDS,
    Column,
)

TITLE_MATCH_MIN = 85  # rapidfuzz token_set_ratio for a cell to name a column
TITLE_COLUMNS_MIN = 4  # distinct columns a row must name to be the title row
TITLE_MAX_CHARS = 120  # a longer cell is content, not a column title

_TITLE_CHOICES = {f"{column.name}:{alias}": alias for column, aliases in COLUMN_TITLES.items() for alias in aliases}
_TITLE_NUMBERING = re.compile(r"^\s*\d\.\s*")
# A cell of the title row holds one of these words; a row with fewer such cells
# than the title row needs is not it, whatever fuzzy matching would say.
_TITLE_CUE = re.compile(rf"\b(?:{'|'.join(TITLE_CUE_WORDS)})\b", re.IGNORECASE)
_SECTION = re.compile(SECTION_PATTERN, re.IGNORECASE)
ADDRESSEE_MAX_CHARS = 250  # a longer row is prose, whatever it ends with
_NOT_LETTER = re.compile(r"[^a-z ]+")
REC_NUMBER = re.compile(r"^(?:rec(?:ommendation)?\.?\s*)?([A-Z]{0,2}\d{1,3}(?:\.\d{1,3})?[a-z]?)\.?$", re.IGNORECASE)


def match_title_row(cells: Sequence[str | None]) -> dict[int, Column] | None:
    """Map cell positions to columns when the row is the column-title row, else None."""
    if sum(1 for cell in cells if cell and len(cell) <= TITLE_MAX_CHARS and _TITLE_CUE.search(cell)) < TITLE_COLUMNS_MIN:
        return None  # cheap test first: most rows name no columns at all
    mapping: dict[int, Column] = {}
    for index, cell in enumerate(cells):
        text = _TITLE_NUMBERING.sub("", collapse_spaces(cell or ""))
        if not text or len(text) > TITLE_MAX_CHARS:
            continue
        column = _title_column(text)
        if column is not None and column not in mapping.values():
            mapping[index] = column
    return mapping if len(mapping) >= TITLE_COLUMNS_MIN else None


def _title_column(text: str) -> Column | None:
    """The column a title names. Token-set similarity finds the alias; plain
    similarity breaks ties ("Recommendation" is not "Recommendation number")."""
    candidates = process.extract(
        text, _TITLE_CHOICES, scorer=fuzz.token_set_ratio, processor=utils.default_process,
        score_cutoff=TITLE_MATCH_MIN, limit=None,
    )
    if not candidates:
        return None
    key = utils.default_process(text)
    best = max(candidates, key=lambda c: (c[1], fuzz.ratio(key, utils.default_process(c[0]))))
    return Column[best[2].split(":", 1)[0]]


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


def rec_number(text: str) -> str | None:
    """The recommendation number a cell holds ("1", "5.01", "S40"), else None."""
    m = REC_NUMBER.match(collapse_spaces(text))
    return m.group(1) if m else None


def read_agreement(text: str) -> Agreement | None:
    """Normalise an agreement cell ("Partly accepted" -> partly_agreed), else None."""
    key = collapse_spaces(_NOT_LETTER.sub(" ", text.lower()))
    for phrase, value in AGREEMENT_PHRASES:
        if key.startswith(phrase):
            return Agreement(value)
    return None


def owner_headword(text: str) -> bool:
    """True when text starts like an owner that can stand alone (a title or a body)."""
    words = text.split(None, 1)
    first = words[0].strip(",.;:()").lower() if words else ""
    return first in OWNER_HEADWORDS

"""The column-title row: recognising it, and mapping physical columns to logical ones.

Titles are matched fuzzily (rapidfuzz) so template variants ("Accepted/
Rejected", "Function Responsible / Policy Lead") work without code changes:
a new variant is one more alias in ``vocab.COLUMN_TITLES``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from ..clean import collapse_spaces
from ..vocab import COLUMN_TITLES, TITLE_CUE_WORDS
from .rows import Column


@dataclass(frozen=True)
class TitleSettings:
    match_min: int = 85  # rapidfuzz token_set_ratio for a cell to name a column
    columns_min: int = 4  # distinct columns a row must name to be the title row
    max_chars: int = 120  # a longer cell is content, not a column title

    def __post_init__(self) -> None:
        if not 0 < self.match_min <= 100:
            raise ValueError(f"match_min must be in 1..100, not {self.match_min}")
        if not 1 <= self.columns_min <= len(Column):
            raise ValueError(f"columns_min must be in 1..{len(Column)}, not {self.columns_min}")


TITLES = TitleSettings()
_CHOICES = {f"{column}:{alias}": alias for column, aliases in COLUMN_TITLES.items() for alias in aliases}
_NUMBERING = re.compile(r"^\s*\d\.\s*")
# A cell of the title row holds one of these words; a row with fewer such cells
# than the title row needs is not it, whatever fuzzy matching would say.
_CUE = re.compile(rf"\b(?:{'|'.join(TITLE_CUE_WORDS)})\b", re.IGNORECASE)

ColumnMapping = dict[int, Column]
"""Physical cell position -> the logical column it holds."""


def match_title_row(cells: Sequence[str | None], settings: TitleSettings = TITLES) -> ColumnMapping | None:
    """Map cell positions to columns when the row is the column-title row, else None."""
    cued = sum(1 for cell in cells if cell and len(cell) <= settings.max_chars and _CUE.search(cell))
    if cued < settings.columns_min:
        return None  # cheap test first: most rows name no columns at all
    mapping: ColumnMapping = {}
    for index, cell in enumerate(cells):
        column = title_column(cell or "", settings)
        if column is not None and column not in mapping.values():
            mapping[index] = column
    return mapping if len(mapping) >= settings.columns_min else None


def title_column(cell: str, settings: TitleSettings = TITLES) -> Column | None:
    """The column a title cell names, else None.

    Token-set similarity finds the alias; plain similarity breaks ties
    ("Recommendation" is not "Recommendation number").
    """
    text = _NUMBERING.sub("", collapse_spaces(cell))
    if not text or len(text) > settings.max_chars:
        return None
    candidates = process.extract(
        text, _CHOICES, scorer=fuzz.token_set_ratio, processor=utils.default_process,
        score_cutoff=settings.match_min, limit=None,
    )
    if not candidates:
        return None
    key = utils.default_process(text)
    best = max(candidates, key=lambda c: (c[1], fuzz.ratio(key, utils.default_process(c[0]))))
    return Column[best[2].split(":", 1)[0]]

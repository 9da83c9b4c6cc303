"""Page furniture: what every page prints that is never content.

Protective markings ("OFFICIAL"), page numbers ("Page 3 of 7"), and running
banners ("Actions against target dates are likely to be delayed ..."). A
marking or a page number is known by its wording; a banner only by repeating,
page after page, so it is learnt from the document itself.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..clean import collapse_spaces
from ..vocab import PROTECTIVE_MARKINGS
from .cells import is_page_number, is_protective_marking, names_addressee, phase_label


@dataclass(frozen=True)
class FurnitureSettings:
    banner_min_chars: int = 24  # a shorter repeated line may be a repeated cell ("Ongoing")
    banner_min_repeats: int = 2  # pages a banner must appear on


FURNITURE = FurnitureSettings()
_MARKING = "|".join(PROTECTIVE_MARKINGS)
_PAGE = r"[Pp]age\s+\d{1,4}\s+of\s+\d{1,4}"
# Furniture glued to the start or end of a line or cell: "OFFICIAL Some banner", "... Page 3 of 7".
_LEADING = re.compile(rf"^\s*(?:(?:{_MARKING}|{_PAGE})\b\s*)+")
_TRAILING = re.compile(rf"(?:\s+|^)(?:(?:{_MARKING}|{_PAGE})\s*)+$")
_FIXED = re.compile(rf"{_MARKING}|{_PAGE}")  # anywhere: a cheap first test


@dataclass(frozen=True)
class Furniture:
    """The furniture of one document: the fixed forms, plus the banners it repeats."""

    banners: frozenset[str] = frozenset()

    @classmethod
    def of_lines(cls, lines: Sequence[str], settings: FurnitureSettings = FURNITURE) -> Furniture:
        """Learn the banners of a document from its lines (cells joined by tabs or not).

        A banner is a line of one cell, long enough to be a sentence, set apart
        by blank lines or other furniture (see ``_isolated``), that the document
        prints again and again once markings and page numbers are taken off it.
        A row of the table (a phase or addressee row) is never one.
        """
        counts: Counter[str] = Counter()
        for index, line in enumerate(lines):
            if sum(1 for cell in line.split("\t") if cell.strip()) != 1 or not _isolated(lines, index):
                continue
            text = strip_fixed(collapse_spaces(line))
            if len(text) >= settings.banner_min_chars and not phase_label(text) and not names_addressee(text):
                counts[text] += 1
        return cls(frozenset(text for text, n in counts.items() if n >= settings.banner_min_repeats))

    def is_furniture(self, text: str) -> bool:
        """The whole text is furniture."""
        text = collapse_spaces(text)
        return bool(text) and not self.strip(text)

    def strip(self, text: str) -> str:
        """The text without the furniture glued to its start or end."""
        if not _FIXED.search(text) and not any(banner in text for banner in self.banners):
            return text  # the common case, decided by one search
        stripped = strip_fixed(text)
        for banner in self.banners:
            if banner in stripped:
                stripped = strip_fixed(collapse_spaces(stripped.replace(banner, " ")))
        return stripped if stripped != collapse_spaces(text) else text

    def strip_cells(self, cells: Sequence[str]) -> list[str]:
        """Each cell without its furniture ("" where the cell was only furniture)."""
        return [self.strip(cell) if cell.strip() else cell for cell in cells]


def _isolated(lines: Sequence[str], index: int) -> bool:
    """Set apart: nothing but blank lines, markings or page numbers on either side of the line,
    or a marking or page number on one side (a page header may print its banner twice, or run
    straight on into the table, as a text without blank lines always does)."""
    around = [collapse_spaces(lines[at]) if 0 <= at < len(lines) else "" for at in (index - 1, index + 1)]
    furniture = [not strip_fixed(text) or is_page_number(text) for text in around]
    return all(furniture) or any(text and kept for text, kept in zip(around, furniture))


def strip_fixed(text: str) -> str:
    """Markings and page numbers taken off a text's ends ("OFFICIAL Page 2 of 7" -> "").

    A bare number is left alone: in a cell it may be a recommendation's number.
    """
    if is_protective_marking(text):
        return ""
    return collapse_spaces(_TRAILING.sub("", _LEADING.sub("", text)))

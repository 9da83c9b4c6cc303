"""Is a piece of a plain extraction one of the column titles, and of which column?

``pdftotext`` writes each column title as a block of its own ("1. Rec No",
"3. Agreed/ Partly Agreed/ Not Agreed", wrapped as their cells are). The
table layer's ``title_column`` finds a title's words anywhere in a text; a
block that is a title is little else, and its agreement title lists the
agreements, where an agreement cell names one.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz, utils

from ..table.cells import names_addressee
from ..table.rows import Column
from ..table.titles import title_column
from ..vocab import COLUMN_TITLES, TITLE_CUE_WORDS

TITLE_MAX_CHARS = 120  # a longer block is content, not a column title
TITLE_LIKENESS_MIN = 70  # rapidfuzz token_sort_ratio of a block to one of its column's title wordings
_TITLE_CUE = re.compile(rf"\b(?:{'|'.join(TITLE_CUE_WORDS)})\b", re.IGNORECASE)


def column_title(text: str) -> Column | None:
    """The column a block's text is the title of, else None."""
    found = title_likeness(text)
    return found[0] if found else None


def title_likeness(text: str) -> tuple[Column, float] | None:
    """The column a text is the title of, and how closely it reads as that title (0..100).

    An agreement cell ("Agreed") names one agreement; its column's title lists
    them ("Agreed/ Partly Agreed/ Not Agreed").
    """
    if len(text) > TITLE_MAX_CHARS or not _TITLE_CUE.search(text) or names_addressee(text):
        return None  # every column title holds one of the cue words: most blocks need no fuzzy match
    column = title_column(text)
    if column is None or column is Column.AGREEMENT and "/" not in text:
        return None
    # title_column matches a title's words anywhere in the text; a column title is little else
    likeness = max(fuzz.token_sort_ratio(text, alias, processor=utils.default_process) for alias in COLUMN_TITLES[column.name])
    return (column, likeness) if likeness >= TITLE_LIKENESS_MIN else None

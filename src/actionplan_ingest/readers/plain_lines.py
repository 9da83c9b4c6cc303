"""A plain text with no blank lines between its cells (copied from a PDF viewer) -> where each cell starts.

``pdftotext`` ends each block with a blank line; a copy from a viewer keeps
only the line breaks, so the cells are told apart line by line, by what the
lines hold:

- a column title (one to a few lines, the reading that matches its title best),
  a number, an agreement, a phase label, an addressee's "... should:", a
  section title or a list bullet is a cell of its own;
- a line of nothing but target words, where the cell above has others, opens a cell;
- a post after prose, or a post's title word ("Head", "Deputy") after a post, opens a cell;
- after a finished cell, a line at a wider column's width opens a cell;
- any other line goes on with the cell above it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..clean import ends_sentence
from ..table.cells import names_addressee, rec_number, target_reading
from ..vocab import DANGLING_WORDS, OWNER_TITLE_WORDS
from .plain_content import (
    is_agreement,
    is_bullets,
    is_phase_row,
    is_section,
    names_post,
)
from .plain_titles import title_likeness

TITLE_LINES_MAX = 6  # lines one column title may wrap to
TITLE_LINE_MAX_CHARS = 40  # a longer line is never part of a column title
OTHER_WIDTH = 1.6  # a line this many times wider (or narrower) than the cell above is another column's
_ORDINALS = frozenset({"st", "nd", "rd", "th"})  # "31st March": a day, its year on the next line
_NUMBERED = re.compile(r"^\d\.\s")  # "2. Recommendation": a numbered title starts here
_NUMBERING_ONLY = re.compile(r"^\d\.$")  # "1." over "Rec" / "No"


def cell_starts(lines: Sequence[str]) -> list[int]:
    """The indexes of the lines that open a cell (the first line always does)."""
    starts = [0]
    index = 0
    while index < len(lines):
        title = title_lines(lines, index)
        if title:
            starts += [index, index + title]
            index += title
            continue
        line = lines[index].strip()
        if index > starts[-1] and opens_cell(lines[starts[-1] : index], line):
            starts.append(index)
        if stands_alone(line):
            starts += [_addressee_start(lines, index, starts[-1]), index + 1]
        index += 1
    return sorted({start for start in starts if start < len(lines)})


def _addressee_start(lines: Sequence[str], index: int, floor: int) -> int:
    """Where a row ending "... should:" at ``index`` starts: back over the lines of its name
    ("HM Prison and" / "Probation Service" / "should:"), to a finished sentence or a target."""
    if not lines[index].rstrip().endswith(":"):
        return index
    start = index
    while start > floor:
        above = lines[start - 1].strip()
        if not above or ends_sentence(above) or _target_words(above) or not above[0].isupper():
            break
        start -= 1
    return start


def title_lines(lines: Sequence[str], index: int) -> int:
    """How many lines from ``index`` make a column title (0: none); the reading closest to a title wins."""
    best, size = 0.0, 0
    for end in range(index + 1, min(index + TITLE_LINES_MAX, len(lines)) + 1):
        line = lines[end - 1].strip()
        numbering = _NUMBERING_ONLY.match(line)
        if len(line) > TITLE_LINE_MAX_CHARS or end - 1 > index and (numbering or _NUMBERED.match(line)):
            break  # titles are short, and number themselves
        if line.endswith((".", ",")) and not numbering:
            break  # and never end a sentence ("response." is a recommendation's last word)
        found = title_likeness(" ".join(part.strip() for part in lines[index:end]))
        if found is not None and found[1] >= best:
            best, size = found[1], end - index
    return size


def stands_alone(line: str) -> bool:
    """A line that is a whole cell or row: a number, an agreement, a phase label, an addressee's
    end, a section title, list bullets."""
    if not line:
        return False
    return bool(
        rec_number(line)
        or is_phase_row(line)
        or line.endswith(":") and names_addressee(line)
        or is_section(line)
        or is_bullets(line)
        or line[0].isupper() and is_agreement(line) and line.split()[-1].lower() not in DANGLING_WORDS
    )


def opens_cell(above: Sequence[str], line: str) -> bool:
    """Does the line open a new cell, rather than go on with the lines above it?"""
    last = above[-1].strip()
    cell = " ".join(part.strip() for part in above)
    if not line:
        return False
    if _target_words(cell) and not _target_words(f"{cell} {line}"):
        return True  # a target ends where words a target never holds begin
    if _dangles(last):
        return False
    if _target_words(line) and not _target_words(cell):
        return True  # a date or status after a post or a sentence
    width = max(len(part.strip()) for part in above)
    short_cell = _target_words(cell) or names_post(cell) or is_agreement(cell)
    if len(line) > OTHER_WIDTH * width and (short_cell or ends_sentence(last) and line[0].isupper()):
        return True  # a wider column's cell after a finished one
    if not line[0].isupper() or not names_post(line):
        return False
    first = line.split()[0].strip(",.;:()").lower()
    titled = first in OWNER_TITLE_WORDS  # "Head", "Deputy": a post's first word
    if _target_words(cell) or not short_cell and width > OTHER_WIDTH * len(line) and (titled or ends_sentence(last)):
        return True  # a post after a target, or after prose in its narrower column
    return titled and names_post(cell)  # a second post ("Head of Safety" / "Head of Healthcare")


def _target_words(text: str) -> bool:
    """Nothing but what a target holds: dates, statuses, recurrences ("31 December", "Completed and")."""
    reading = target_reading(text)
    return reading is not None and all(word.lower() in _ORDINALS for word in reading.leftover)


def _dangles(line: str) -> bool:
    """The line cannot end a cell: it ends with a joining word or punctuation."""
    words = line.split()
    return bool(words) and (line.endswith((",", "&", "-", "/", "(")) or words[-1].lower() in DANGLING_WORDS)

"""Which of a page's rows belong to which recommendation, in a plain extraction.

``pdftotext`` often writes a page's numbers, recommendations and agreements
as a group, before or after all its action rows, so where one
recommendation's rows end is not in the text's order. It is rebuilt as the
split of the page's rows (in order) among the recommendation carried over
from the page before and those that start on the page, that scores best on:

- wording: a response shares words with the recommendation it answers;
- height: a recommendation's rows are at least as tall as its own text, and
  exactly as tall where both are cut by the page's end;
- the text's own hints: a number written right under a row's last line
  starts just after that row; a response that opens with the agreement
  ("Not agreed. ...", "Partly accepted. ...") starts its recommendation; a
  number read between two rows starts there;
- a recommendation with no row at all on the page it starts is unlikely
  unless it is not agreed.

The split is found by dynamic programming over the rows.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..table.cells import agreement_value
from ..vocab import FUNCTION_WORDS
from .plain_rows import Rec, Row

_WORD = re.compile(r"[a-z]{3,}")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ised", "ises", "ies", "ied", "ed", "es", "s", "ly")
STEM_MIN = 4  # letters a stem keeps
ECHO_CHARS = 40  # characters of a response searched for an agreement word at its start


@dataclass(frozen=True)
class SplitSettings:
    wording: float = 2.0  # weight of a row's wording likeness to its recommendation (0..1)
    short_rows: float = 0.3  # per line a recommendation's rows fall short of its own text
    cut_mismatch: float = 0.3  # per line the rows differ from a text cut by the page's end
    echo: float = 1.0  # a row opening with the agreement starts its recommendation
    glued: float = 2.0  # a number under a row's last line starts right after that row
    placed: float = 0.3  # a number read between two rows starts at the later one
    empty: float = 1.5  # a recommendation starting on the page with no rows there
    row_padding: float = 0.5  # lines of space a row adds to its cells' lines
    rows_max: int = 60  # rows one recommendation can have on one page
    work_max: int = 20_000  # rows x recommendations beyond which a page is split by the text's order


SPLIT = SplitSettings()


def stems(text: str) -> set[str]:
    """The content words of a text, each cut to a rough stem ("monitoring" -> "monitor")."""
    found = set()
    for word in _WORD.findall(text.lower()):
        if word in FUNCTION_WORDS:
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= STEM_MIN:
                word = word[: -len(suffix)]
                break
        found.add(word)
    return found


class Lexicon:
    """How telling each word is, from how many recommendations of the document use it."""

    def __init__(self, texts: Iterable[str]) -> None:
        documents = [stems(text) for text in texts]
        self.size = max(len(documents), 1)
        self.frequency: Counter[str] = Counter(word for words in documents for word in words)

    def weight(self, word: str) -> float:
        return math.log(1 + self.size / (1 + self.frequency[word]))

    def likeness(self, first: set[str], second: set[str]) -> float:
        """Cosine likeness of two word sets, each word weighted by how telling it is (0..1)."""
        shared = sum(self.weight(w) ** 2 for w in first & second)
        if not shared:
            return 0.0
        norm = math.sqrt(sum(self.weight(w) ** 2 for w in first) * sum(self.weight(w) ** 2 for w in second))
        return shared / norm


@dataclass(frozen=True)
class Hints:
    """What the text's order says about where each new recommendation starts (row indexes)."""

    glued_after: dict[int, int]  # new rec index -> row its number was written under
    placed_at: dict[int, int]  # new rec index -> first row read after its number
    cut: bool  # the last recommendation's text goes on to the next page


def split_rows(
    rows: Sequence[Row],
    carry: Rec | None,
    new: Sequence[Rec],
    page: int,
    hints: Hints,
    lexicon: Lexicon,
    settings: SplitSettings = SPLIT,
) -> list[int]:
    """Where each new recommendation's rows start (one row index per new recommendation)."""
    if not new:
        return []
    if len(rows) * len(new) > settings.work_max:  # a page without end (no form feeds, no titles)
        return _split_by_order(rows, hints, len(new))
    scores = _Scores(rows, [carry, *new], page, hints, lexicon, settings)
    count, recs = len(rows), scores.recs
    first = 1 if rows and rows[0].continues else 0  # the rest of a broken row is the carried one's
    # best[j][i]: the best score with recs[:j+1] placed and recs[j] ending before row i
    best = [[-math.inf] * (count + 1) for _ in recs]
    back = [[0] * (count + 1) for _ in recs]
    if carry is None:
        best[0][0] = 0.0
    else:
        for end in range(first, min(count, settings.rows_max) + 1):
            best[0][end] = scores.segment(0, 0, end)
    for j in range(1, len(recs)):
        for end in range(count + 1):
            for start in range(max(0, end - settings.rows_max), end + 1):
                if best[j - 1][start] == -math.inf:
                    continue
                value = best[j - 1][start] + scores.segment(j, start, end)
                if value > best[j][end]:
                    best[j][end], back[j][end] = value, start
    starts = []
    end = count
    for j in range(len(recs) - 1, 0, -1):
        end = back[j][end]
        starts.append(end)
    return starts[::-1]


class _Scores:
    """The score of a run of rows going to one recommendation, in constant time (prefix sums)."""

    def __init__(self, rows: Sequence[Row], recs: Sequence[Rec | None], page: int, hints: Hints,
                 lexicon: Lexicon, settings: SplitSettings) -> None:
        self.recs, self.hints, self.settings = recs, hints, settings
        rec_words = [stems(rec.text) if rec is not None else set() for rec in recs]
        self.wording = [[0.0] * (len(rows) + 1) for _ in recs]
        for i, row in enumerate(rows):
            words = stems(row.text)
            for j, rec in enumerate(rec_words):
                self.wording[j][i + 1] = self.wording[j][i] + (lexicon.likeness(words, rec) if rec else 0.0)
        self.heights = [0.0]
        for row in rows:
            self.heights.append(self.heights[-1] + row.height + settings.row_padding)
        self.echoes = [agreement_value(row.text[:ECHO_CHARS]) for row in rows]  # "Not agreed. ..." opens a row
        self.agreements = [agreement_value(rec.agreement) if rec is not None else None for rec in recs]
        self.text_heights = [rec.height_on(page) if rec is not None else 0 for rec in recs]

    def segment(self, j: int, start: int, end: int) -> float:
        """The score of rows[start:end] going to recs[j] (j = 0: the one carried from the page before)."""
        settings, rec = self.settings, self.recs[j]
        score = settings.wording * (self.wording[j][end] - self.wording[j][start])
        if rec is None:
            return score - settings.empty * (end - start)
        if j == 0:
            return score
        if start == end:  # its own row, as tall as its text, with no response
            return score - (settings.empty if self.agreements[j] != "not_agreed" else 0.0)
        rows_height = self.heights[end] - self.heights[start]
        text_height = self.text_heights[j]
        if rows_height < text_height:
            score -= settings.short_rows * (text_height - rows_height)
        if j == len(self.recs) - 1 and self.hints.cut:
            score -= settings.cut_mismatch * abs(rows_height - text_height)
        echo = self.echoes[start]  # a response restating an agreement starts its recommendation
        if echo is not None:
            score += settings.echo * (2 if echo == self.agreements[j] else 1)
        if self.hints.glued_after.get(j - 1) == start - 1:
            score += settings.glued
        if self.hints.placed_at.get(j - 1) == start:
            score += settings.placed
        return score


def _split_by_order(rows: Sequence[Row], hints: Hints, count: int) -> list[int]:
    """Each new recommendation starts where the text's order puts it (never before the one before)."""
    starts: list[int] = []
    for j in range(count):
        start = hints.placed_at.get(j, hints.glued_after.get(j, len(rows) - 1) + 1)
        starts.append(max(start, starts[-1] if starts else 0))
    return starts

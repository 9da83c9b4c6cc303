"""Owner cell -> the individual owners it names (SPEC 1.1 ``owners``).

A cell names several posts in four ways, and each is a cut between words:

1. "/" between two posts ("Chief Probation Officer/ Regional Probation Director");
2. a post title run on after a complete post ("Head of Safety Head of Healthcare"):
   a word that opens a title ("Head of", "Deputy", "Chief") after a word that does
   not tie it to the post before ("Probation Deputy Director" is one post);
3. " and ", " & " or ", " before a new post ("... and Facilities Manager",
   "..., Chief Probation Officer"), while an "and" inside one post's name
   ("Head of Learning, Skills and Employment") and an organisation after a comma
   ("..., MoJ") stay with the post before;
4. a new post with no separator and no opening word ("... Kellingford Integrated
   Care Security Governor"): cut only where something marks the seam (a lower-case
   word before a capitalised post, a line break the line before could have taken,
   or a body the plan names after a comma elsewhere), and reported as a guess.

Both sides of every cut must name a post, so a cut never leaves a fragment
("Equality and Inclusion Manager" is one post). Line breaks inside a cell are
usually wrapping, so a line break alone never cuts.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .vocab import (
    OWNER_FUNCTION_WORDS,
    OWNER_JOINERS,
    PERSON_POST_NOUNS,
    POST_OPENING_WORDS,
    POST_WORDS,
)

# A line break is a new paragraph when the line before had room for the next
# word: its length plus that word is at most this share of the cell's widest line.
HARD_BREAK_FIT = 0.85
# Words a post's title may have before its noun ("Safer Custody Custodial Manager").
MAX_POST_RUN = 4
_TRAILING = " .,;:"
_WORDS = re.compile(r"[^\s/]+")
_NOT_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class _Word:
    text: str  # as written, punctuation attached ("Manager,")
    gap: str  # what came between it and the word before, as written
    paragraph: bool  # a line break the line before could have taken: a new paragraph

    @property
    def slash(self) -> bool:
        return "/" in self.gap

    @property
    def bare(self) -> str:
        return self.text.strip(",.;:()").lower()

    @property
    def ends_clause(self) -> bool:
        return self.text.endswith((",", ";"))


@dataclass(frozen=True)
class OwnerContext:
    """What the rest of the plan says about its owners: the bodies it names after a comma."""

    bodies: frozenset[str] = frozenset()

    @classmethod
    def from_cells(cls, cells: Iterable[str]) -> OwnerContext:
        bodies = set()
        for cell in set(cells):
            reading = read_owners(cell)
            for owner in reading.owners if not reading.guessed else ():
                bodies.update(owner_key(part) for part in owner.split(",")[1:])
        bodies.discard("")
        return cls(frozenset(bodies))


@dataclass(frozen=True)
class OwnerReading:
    """The owners a cell names, and how sure the cuts between them are."""

    owners: tuple[str, ...] = ()  # in order, without trailing punctuation, each once
    guessed: tuple[str, ...] = ()  # what marked each cut that was a guess (empty when none was)
    run_on: bool = False  # a post title ran on after a complete post within a line: two rows' owners, probably


@lru_cache(maxsize=4096)
def read_owners(cell: str | None, context: OwnerContext | None = None) -> OwnerReading:
    """The owners a cell names (see the module docstring). Cached: a plan names the same owners again and again."""
    words = _words(cell or "")
    if not words:
        return OwnerReading()
    cutter = _Cutter(words, context or OwnerContext())
    cutter.cut_at_slashes()
    run_on = cutter.cut_before_opening_words()
    cutter.cut_at_joiners()
    guessed = cutter.cut_unmarked_posts()
    first_written: dict[str, str] = {}  # a post named twice is kept once, as first written
    for piece in cutter.pieces():
        text = _piece_text(piece)
        if text:
            first_written.setdefault(owner_key(text), text)
    owners = tuple(first_written.values())
    several = len(owners) > 1
    return OwnerReading(owners, tuple(guessed) if several else (), run_on and several)


def _words(cell: str) -> list[_Word]:
    lines = [line.strip() for line in cell.strip().split("\n")]
    text = "\n".join(lines)
    widest = max(len(line) for line in lines)
    words: list[_Word] = []
    position = 0
    for match in _WORDS.finditer(text):
        gap = text[position:match.start()]
        position = match.end()
        paragraph = False
        if "\n" in gap and "/" not in gap:
            before = lines[text.count("\n", 0, match.start()) - 1]
            paragraph = len(before) + 1 + len(match.group()) <= widest * HARD_BREAK_FIT
        words.append(_Word(match.group(), gap, paragraph))
    return words


@dataclass
class _Cutter:
    """Cuts between words, decided pass by pass; each pass sees the cuts before it."""

    words: list[_Word]
    context: OwnerContext
    cuts: list[int] = field(default_factory=list)  # sorted: a new owner starts at each of these words
    dropped: set[int] = field(default_factory=set)  # joining words ("and") between two owners

    def cut(self, i: int, drop: bool = False) -> None:
        """A new owner starts at word ``i`` (after it, when ``i`` is a joining word dropped)."""
        bisect.insort(self.cuts, i)
        if drop:
            self.dropped.add(i)

    def pieces(self) -> list[list[_Word]]:
        bounds = [0, *self.cuts, len(self.words)]
        return [
            [self.words[i] for i in range(start, end) if i not in self.dropped]
            for start, end in zip(bounds, bounds[1:])
        ]

    def _is_cut(self, i: int) -> bool:
        k = bisect.bisect_left(self.cuts, i)
        return k < len(self.cuts) and self.cuts[k] == i

    def _piece_start(self, i: int) -> int:
        """Where the owner that word ``i`` would end begins (after a dropped joiner)."""
        k = bisect.bisect_right(self.cuts, i - 1)
        start = self.cuts[k - 1] if k else 0
        while start in self.dropped:
            start += 1
        return start

    def _piece_end(self, i: int) -> int:
        k = bisect.bisect_right(self.cuts, i)
        return self.cuts[k] if k < len(self.cuts) else len(self.words)

    def _clause(self, i: int, longest: int | None = None) -> Iterator[_Word]:
        """The words from ``i`` up to a comma, "and", "/" or the next cut (at most ``longest`` of them)."""
        end = self._piece_end(i) if longest is None else min(self._piece_end(i), i + longest)
        for j in range(i, end):
            word = self.words[j]
            if j > i and (word.bare in ("and", "&") or word.slash):
                return
            yield word
            if word.ends_clause:
                return

    def _left(self, i: int) -> list[_Word]:
        return [self.words[j] for j in range(self._piece_start(i), i) if j not in self.dropped]

    def _opens_post(self, i: int) -> bool:
        """Word ``i`` opens a title ("Deputy", "Head of") and its clause names a person's post."""
        word, words = self.words[i], self.words
        if word.bare not in POST_OPENING_WORDS or not word.text[:1].isupper():
            return False
        if word.bare == "head" and (i + 1 >= len(words) or words[i + 1].bare != "of"):
            return False
        return _names_person(self._clause(i))

    def cut_at_slashes(self) -> None:
        """"A/ B" names two owners when both sides name a post ("Health/Social Care" does not)."""
        slashes = [i for i, w in enumerate(self.words) if w.slash]
        bounds = [0, *slashes, len(self.words)]
        for k, i in enumerate(slashes, start=1):
            if _names_post(self.words[bounds[k - 1]:i]) and _names_post(self.words[i:bounds[k + 1]]):
                self.cut(i)

    def cut_before_opening_words(self) -> bool:
        """"Head of Safety Head of Healthcare": a title run on after a complete post.

        Returns whether one ran on within a line (not at a line break of the cell).
        """
        within_line = False
        for i in range(1, len(self.words)):
            before = self.words[i - 1]
            if self._is_cut(i) or before.ends_clause or self.words[i].slash or not self._opens_post(i):
                continue
            if before.bare in POST_OPENING_WORDS or (before.bare in OWNER_JOINERS and not self._body_after_comma(i - 1)):
                continue  # "Deputy Head of", "Probation Deputy Director": one post
            if _names_post(self._left(i)):
                self.cut(i)
                within_line = within_line or "\n" not in self.words[i].gap
        return within_line

    def _body_after_comma(self, i: int) -> bool:
        """Word ``i`` is a body's acronym standing alone after a comma ("..., MoJ Regional ...")."""
        return i > 0 and self.words[i - 1].ends_clause and sum(c.isupper() for c in self.words[i].text) >= 2

    def cut_at_joiners(self) -> None:
        """" and "/" & " before a new post, ", " before an opening title word."""
        for i in range(1, len(self.words)):
            if self._is_cut(i) or self.words[i].slash:
                continue
            word, before = self.words[i], self.words[i - 1]
            if word.bare in ("and", "&") and i + 1 < len(self.words) and not self._is_cut(i + 1):
                opens = self.words[i + 1].text[:1].isupper()
                if opens and _names_person(self._clause(i + 1)) and _names_post(self._left(i)):
                    self.cut(i, drop=True)
            elif before.ends_clause and self._opens_post(i) and _names_post(self._left(i)):
                self.cut(i)

    def cut_unmarked_posts(self) -> list[str]:
        """A post with no separator and no opening word, cut where something marks the seam.

        Returns what marked each guessed cut, for the warning.
        """
        marks: list[str] = []
        i = 1
        while i < len(self.words):
            cut, mark = self._best_unmarked_cut(i)
            if cut is None:
                i = self._piece_end(i) + 1
                continue
            self.cut(cut)
            marks.append(mark)
            i = cut + 1
        return marks

    def _best_unmarked_cut(self, first: int) -> tuple[int | None, str]:
        """Within the owner holding word ``first``: the cut with the most marks (the later on a tie)."""
        best: tuple[int, int, str] | None = None
        for i in range(first, self._piece_end(first)):
            marks = self._seam_marks(i)
            if marks and (best is None or len(marks) >= best[0]):
                best = (len(marks), i, " and ".join(marks))
        return (best[1], best[2]) if best else (None, "")

    def _seam_marks(self, i: int) -> list[str]:
        """What says a new post starts at word ``i`` although nothing separates it."""
        words, before = self.words, self.words[i - 1]
        if self._is_cut(i) or i - 1 in self.dropped or before.ends_clause or words[i].slash:
            return []
        if not words[i].text[:1].isupper():
            return []
        run = list(self._clause(i, MAX_POST_RUN + 1))
        if not (len(run) <= MAX_POST_RUN and run[-1].bare in PERSON_POST_NOUNS and all(w.text[:1].isupper() for w in run)):
            return []
        if before.bare in POST_OPENING_WORDS or before.bare in OWNER_JOINERS or not _names_post(self._left(i)):
            return []
        marks = []
        if before.text.isalpha() and before.text.islower() and before.bare not in OWNER_FUNCTION_WORDS:
            marks.append("a change of case")
        if words[i].paragraph:
            marks.append("a line break")
        tail = self._left(i)
        commas = [k for k, w in enumerate(tail) if w.ends_clause]
        if commas and owner_key(" ".join(w.text for w in tail[commas[-1] + 1:])) in self.context.bodies:
            marks.append("a body the plan names elsewhere")
        return marks


def _names_post(words: Iterable[_Word]) -> bool:
    """A post or a unit: "Head of Safety", "Safer Custody Team", "Governor"."""
    return any(w.bare in PERSON_POST_NOUNS or w.bare in POST_WORDS for w in words)


def _names_person(words: Iterable[_Word]) -> bool:
    """A person's post, not a unit: "Facilities Manager", not "Service Improvement Group"."""
    return any(w.bare in PERSON_POST_NOUNS for w in words)


def _piece_text(piece: list[_Word]) -> str:
    gaps = ["", *(_SPACES.sub(" ", w.gap) if w.slash else " " for w in piece[1:])]
    text = "".join(gap + w.text for gap, w in zip(gaps, piece))
    return text.strip().rstrip(_TRAILING).strip()


def owner_key(text: str) -> str:
    """Compare owners ignoring case, spacing and punctuation ("Courts," = "courts")."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()

"""Does a row continue the action above it? Decided from the cells' content.

Rows break across pages, cells overflow into the next row, and extractions
run two rows together. These predicates read the cells themselves (a
sentence that starts mid-way, an owner that ends "and Deputy", a target cut
to "ary 2021"), plus what the reader knows of the layout (the first row after
a page break; rows bounded by drawn rules), and never line numbers or
positions of a particular sample.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .clean import Vocabulary, ends_sentence, starts_mid_sentence
from .dates import read_target
from .table.cells import dangles, owner_headword
from .vocab import (
    COHESIVE_OPENERS,
    DEMONSTRATIVES,
    OWNER_JOINERS,
    OWNER_TITLE_WORDS,
    POST_WORDS,
)

_GLUED_SENTENCES = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z])")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)]{2}[.!?])\s+(?=[A-Z])")
REFERENCE_WINDOW = 8  # words at a sentence's start searched for "this", "these"...


class Relation(Enum):
    """How a row's response text relates to the action above it."""

    NEW = "new"  # a new action
    CONTINUES = "continues"  # the rest of the action above
    SPLIT = "split"  # the rest of the action above, then a new action run into it
    START_MISSING = "start_missing"  # the tail of a row whose start was lost


@dataclass(frozen=True)
class Previous:
    """What the decision needs to know of the action above."""

    text: str
    owner: str
    target: str


@dataclass(frozen=True)
class Incoming:
    """What the decision needs to know of the row being read."""

    text: str
    owner: str
    target: str
    bulleted: bool  # the cell starts with a list bullet: a list item, not a continuation
    page_top: bool
    ruled: bool = False  # bounded by drawn rules: only at a page top can it continue the row above


def owner_continues(previous: str, fragment: str, vocabulary: Vocabulary | None = None) -> bool:
    """An owner fragment completes the owner above ("... and Deputy" + "Director ...").

    Decided at the seam when it can be; otherwise a fragment that names a post
    or unit of its own ("Safer Custody Team", "Custodial Manager") stands alone.
    """
    if not previous or not fragment:
        return False
    seam = _owner_seam(previous, fragment, vocabulary)
    return seam if seam is not None else not _names_post(fragment)


def owner_completes(previous: str, fragment: str, vocabulary: Vocabulary) -> bool:
    """Stricter than ``owner_continues``, for a row whose text starts a new action:
    its owner cell completes the owner above only when the seam says so
    ("Deputy Director, Probation" + "Business Recovery Programme", written
    together elsewhere in the document)."""
    return bool(previous and fragment) and _owner_seam(previous, fragment, vocabulary) is True


def _owner_seam(previous: str, fragment: str, vocabulary: Vocabulary | None) -> bool | None:
    """True: the fragment certainly continues; False: it starts an owner; None: undecided.

    A title word ("Deputy", "Head", "Chief") starts an owner whatever comes
    before it; otherwise words the document writes together elsewhere ("Regional
    Probation" + "Director ...") outweigh a fragment that merely could start one.
    """
    if dangles(previous) or fragment[:1].islower() or fragment.startswith("("):
        return True
    first = fragment.split()[0].strip(",.;:()").lower()
    if first in OWNER_TITLE_WORDS:
        return False
    if vocabulary is not None and vocabulary.knows_pair(previous.split()[-1], fragment.split()[0]):
        return True
    if owner_headword(fragment):
        return False
    return None


def _names_post(fragment: str) -> bool:
    """A phrase of two or more words ending in a post or unit: an owner on its own."""
    words = fragment.split()
    return len(words) >= 2 and words[-1].strip(".,;:()").lower() in POST_WORDS


def target_continues(previous: str, fragment: str) -> bool:
    """A target fragment completes the target above ("Completed and to be" + "reviewed monthly",
    "31 December" + "2020")."""
    if not previous or not fragment:
        return False
    if dangles(previous) or previous.count("(") > previous.count(")") or fragment.startswith("("):
        return True
    if fragment[:1].islower() and not target_is_cut(fragment):
        return True
    # The cell above cannot be read alone (a month with no year) but the two together can.
    return _reads_badly(previous) and not _reads_badly(f"{previous} {fragment}")


def _reads_badly(target: str) -> bool:
    return read_target(target).reads_badly


def target_is_cut(target: str) -> bool:
    """A target whose date was cut at the cell edge ("ary 2021")."""
    return bool(read_target(target).cut_off)


def relate(previous: Previous, row: Incoming, vocabulary: Vocabulary | None = None) -> Relation:
    """Decide how a row with response text relates to the action above it."""
    mid_sentence = not row.bulleted and starts_mid_sentence(row.text)
    if row.ruled and not row.page_top or not (mid_sentence or row.page_top):
        return Relation.NEW  # a row that neither starts mid-sentence nor follows a page break starts afresh
    owner_conflict = bool(row.owner and previous.owner) and not owner_continues(previous.owner, row.owner, vocabulary)
    target_conflict = bool(row.target and previous.target) and not target_continues(previous.target, row.target)

    if mid_sentence:
        if not target_conflict:
            return Relation.CONTINUES
        if target_is_cut(row.target):
            return Relation.START_MISSING
        if owner_conflict and not dangles(row.owner) and not _GLUED_SENTENCES.search(row.text):
            return Relation.NEW  # an owner and a target of its own: a new row that starts in lower case
        return Relation.SPLIT

    # Within a page an extraction keeps a row's cells together, so only at a
    # page top does a capitalised row finish an unfinished sentence above.
    unfinished = row.page_top and not ends_sentence(previous.text)
    # A row at the top of a page whose owner and target cells are empty or
    # finish the ones above is the overflow of the row on the page before.
    overflow = (
        row.page_top
        and bool(previous.owner or previous.target)
        and (not row.owner or owner_continues(previous.owner, row.owner, vocabulary))
        and (not row.target or target_continues(previous.target, row.target))
    )
    if not (unfinished or overflow):
        return Relation.NEW
    if owner_conflict or (target_conflict and not row.owner):
        return Relation.NEW
    return Relation.SPLIT if target_conflict else Relation.CONTINUES


def split_run_together(text: str) -> tuple[str, str]:
    """Split a cell holding the end of one row and the start of the next.

    Where two sentences are glued ("supervision.A national") that is the
    seam. Otherwise the first sentence certainly continues the row above, and
    so does each sentence after it that opens by referring back ("In
    addition, ...", "... with this scheme"); the first that does not starts
    the next row.
    """
    if glued := _GLUED_SENTENCES.search(text):
        return text[: glued.start()], text[glued.end() :]
    sentences = _SENTENCE_END.split(text)
    for index, sentence in enumerate(sentences[1:], start=1):
        if not _refers_back(sentence):
            return " ".join(sentences[:index]), " ".join(sentences[index:])
    return text, ""


def _refers_back(sentence: str) -> bool:
    opening = sentence.lower()
    words = re.findall(r"[a-z']+", opening)[:REFERENCE_WINDOW]
    return opening.startswith(COHESIVE_OPENERS) or any(word in DEMONSTRATIVES for word in words)


def split_owners(owner: str) -> list[str]:
    """Owners run together without a separator -> one string per owner.

    "Head of Safety Head of Healthcare" -> ["Head of Safety", "Head of Healthcare"]:
    a title word starts a new owner unless the word before joins it to the
    previous one ("and Deputy", "Deputy Director", "MoJ, Chief").
    """
    words = owner.split()
    owners: list[list[str]] = []
    for i, word in enumerate(words):
        bare = word.strip(",.;:()").lower()
        before = words[i - 1] if i else ""
        starts_owner = (
            i > 0
            and bare in OWNER_TITLE_WORDS
            and word[:1].isupper()
            and not before.endswith((",", "/", "&", ";"))
            and before.strip(",.;:()").lower() not in OWNER_TITLE_WORDS | OWNER_JOINERS
        )
        if not owners or starts_owner:
            owners.append([])
        owners[-1].append(word)
    return [" ".join(words) for words in owners]

"""Owners across plans: one canonical name for the variants of each owner.

Plans name the same post in small variations ("Deputy Director, Unpaid Work" /
"Deputy Director Unpaid Work", "... & Change" / "... and Change", "...,
HMPPS" / without). Variants are grouped in three steps, each stricter than a
plain string ratio, because two posts can differ by one short word ("Deputy
Director, North West" / "North East", "Deputy Director, Courts" / "Court
Practice"):

1. the same key: case, punctuation, "&"/"and", hyphens and a trailing national
   body (vocab.NATIONAL_BODIES) ignored;
2. a typo: the same number of words, each pair equal or a word of five letters
   or more one or two edits apart (rapidfuzz), title words ("Deputy", "Head",
   "Director") equal, and the whole key at least ``FUZZY_MIN_RATIO`` alike;
3. an acronym: "Deputy Director, EPSIG" is "Deputy Director, Effective Practice
   and Service Improvement Group" when the rest is the same.

A group joins the first more-used group it matches, never a chain of them, so
two posts are never merged through a third. The canonical name is the variant
written most often (on a tie the longer, then the first in alphabetical order).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .vocab import (
    NATIONAL_BODIES,
    OWNER_FUNCTION_WORDS,
    PERSON_POST_NOUNS,
    POST_OPENING_WORDS,
)

FUZZY_MIN_RATIO = 90  # whole-key similarity (0-100) a typo variant must also reach
FUZZY_MIN_WORD = 5  # shorter words must match exactly ("West" is not "East")
_APOSTROPHES = re.compile(r"['\u2019-]")
_NOT_WORD = re.compile(r"[\W_]+")
_ACRONYM = re.compile(r"^[A-Z]{3,}$")


@dataclass(frozen=True)
class OwnerName:
    """One owner across plans: its canonical name, every variant as written, and how often it is named."""

    name: str
    variants: tuple[str, ...]  # most used first
    uses: int


def owner_key(name: str) -> str:
    """What two spellings of one owner share: lower case, words only, "&" as "and", no trailing national body."""
    key = _NOT_WORD.sub(" ", _APOSTROPHES.sub("", name.casefold().replace("&", " and "))).strip()
    for body in _BODY_KEYS:
        if key.endswith(" " + body):
            return key[: -len(body) - 1]
    return key


_BODY_KEYS = tuple(sorted((_NOT_WORD.sub(" ", _APOSTROPHES.sub("", b)).strip() for b in NATIONAL_BODIES), key=len, reverse=True))


def owner_names(owners: Iterable[str]) -> list[OwnerName]:
    """Every owner named (one item per use, e.g. per action), grouped; the most used first."""
    by_key: dict[str, Counter[str]] = {}
    for owner in owners:
        if owner and owner.strip():
            by_key.setdefault(owner_key(owner), Counter())[owner] += 1
    groups = sorted(by_key.items(), key=lambda item: (-item[1].total(), item[0]))
    clusters: list[tuple[str, str, Counter[str]]] = []  # (key, a variant as written, uses per variant)
    for key, variants in groups:
        written = variants.most_common(1)[0][0]
        home = next((c for c in clusters if _same_owner(c[0], c[1], key, written)), None)
        if home is None:
            clusters.append((key, written, Counter(variants)))
        else:
            home[2].update(variants)
    return sorted((_named(c[2]) for c in clusters), key=lambda o: (-o.uses, o.name))


def canonical_names(owners: Iterable[str]) -> dict[str, str]:
    """Every owner name as written -> the canonical name of its owner."""
    return {variant: owner.name for owner in owner_names(owners) for variant in owner.variants}


def _named(variants: Counter[str]) -> OwnerName:
    ranked = sorted(variants, key=lambda v: (-variants[v], -len(v), v))
    return OwnerName(name=ranked[0], variants=tuple(ranked), uses=variants.total())


def _same_owner(key_a: str, written_a: str, key_b: str, written_b: str) -> bool:
    return _typo_apart(key_a, key_b) or _acronym_of(written_a, written_b) or _acronym_of(written_b, written_a)


def _typo_apart(key_a: str, key_b: str) -> bool:
    words_a, words_b = key_a.split(), key_b.split()
    if len(words_a) != len(words_b) or fuzz.ratio(key_a, key_b) < FUZZY_MIN_RATIO:
        return False
    return all(_word_typo(a, b) for a, b in zip(words_a, words_b))


def _word_typo(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < FUZZY_MIN_WORD or {a, b} & _TITLE_WORDS or a.isdigit() or b.isdigit():
        return False
    return Levenshtein.distance(a, b) <= (1 if max(len(a), len(b)) <= 7 else 2)


_TITLE_WORDS = POST_OPENING_WORDS | PERSON_POST_NOUNS


def _acronym_of(short: str, long: str) -> bool:
    """ "Deputy Director, EPSIG" abbreviates "Deputy Director, Effective Practice and Service Improvement Group"."""
    short_words, long_words = short.replace(",", " ").split(), long.replace(",", " ").split()
    for i, word in enumerate(short_words):
        if not _ACRONYM.match(word):
            continue
        before, after = short_words[:i], short_words[i + 1:]
        if long_words[: len(before)] != before or (after and long_words[-len(after):] != after):
            continue
        middle = long_words[len(before): len(long_words) - len(after)]
        initials = "".join(w[0] for w in middle if w.lower() not in OWNER_FUNCTION_WORDS)
        if len(middle) >= 2 and initials.upper() == word:
            return True
    return False

"""What a line or a piece of a plain extraction's text can be, by its wording alone.

Shared by the cutters of the text (``plain_pieces``, ``plain_lines``) and
the judge of whole pieces (``plain_kinds``): a target, a post, an agreement,
a phase label, a section title, list bullets.
"""
from __future__ import annotations

import re

from ..table.cells import agreement_value, owner_headword, phase_label, target_reading
from ..vocab import (
    BULLET_CHARS,
    OWNER_LINK_WORDS,
    ROLE_WORD_PATTERN,
    SECTION_PATTERN,
    VERB_PATTERN,
)

AGREEMENT_MAX_CHARS = 40  # a longer cell is prose that opens with an agreement word
OWNER_MAX_CHARS = 150  # a longer piece is prose
OWNER_PIECE_WORDS = 4  # a title-cased piece this short, with no post named, may be part of an owner
_VERB = re.compile(VERB_PATTERN, re.IGNORECASE)
_ROLE_WORD = re.compile(ROLE_WORD_PATTERN, re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[a-z)]{2}[.!?]\s+[A-Z]")
_SECTION = re.compile(SECTION_PATTERN, re.IGNORECASE)
_BULLETS = re.compile(f"^[{BULLET_CHARS}\uf000-\uf8ff]+$")


def is_bullets(text: str) -> bool:
    """List bullets and nothing else: pdftotext sets a list's bullets apart from its items."""
    return bool(_BULLETS.match(text.replace(" ", "")))


def is_phase_row(text: str) -> bool:
    """A phase label and nothing else ("Progress against commitments (June 2022)")."""
    label = phase_label(text)
    return bool(label) and not text[label.end() :].strip()


def is_section(text: str) -> bool:
    """A section row's title ("Main Recommendations to the Governor")."""
    return bool(_SECTION.match(text))


def has_verb(text: str) -> bool:
    """An auxiliary verb ("will", "has", "is"): prose, never a post or an agreement."""
    return bool(_VERB.search(text))


def is_agreement(text: str) -> bool:
    """An agreement cell: short, an agreement's words ("Partly accepted"), no verb."""
    return len(text) <= AGREEMENT_MAX_CHARS and agreement_value(text) is not None and not has_verb(text)


def reads_as_target(text: str) -> bool:
    """A target cell, whole or in part: a date or status with at most one word left unread
    ("sixmonthly", hyphen lost at a line end), or only target words ("N/A", "To be")."""
    reading = target_reading(text)
    if reading is None or reading.unreadable:
        return False
    if reading.says_something or reading.cut_off:
        return len(reading.leftover) <= 1
    return not reading.leftover


def names_post(text: str) -> bool:
    """A post or body written with lower-case words ("Library Manager, county library service"),
    or a piece of one ("and Analysis", "National Substance"): no verb, no sentence, short."""
    if _VERB.search(text) or _SENTENCE_BREAK.search(text) or len(text) > OWNER_MAX_CHARS:
        return False
    words = text.split()
    if not (words[0][:1].isupper() or words[0].lower() in OWNER_LINK_WORDS):
        return False  # a post is written with a capital, or is the rest of one ("and Analysis")
    long_words = [word for word in words if len(word.strip(".,;:()")) > 3]
    capitals = sum(1 for word in long_words if word[:1].isupper())
    if len(words) > OWNER_PIECE_WORDS + 2 and capitals * 2 < len(long_words):
        return False  # a sentence without an auxiliary verb ("A partnership ... now lets prisoners apply ...")
    if _ROLE_WORD.search(text) or owner_headword(text):
        return True
    return len(words) <= OWNER_PIECE_WORDS and not text.endswith(".") and all(
        word[:1].isupper() or word.lower() in OWNER_LINK_WORDS for word in words
    )

"""Pure text repairs: markup, bullets, spacing, hyphen gaps and cut words.

Every function here takes and returns strings and knows nothing of rows or
documents, so each repair can be tested on its own. Repairs that need to know
which words are real use a ``Vocabulary`` built from the document itself: a
plan's own text is the best dictionary for the names and jargon it uses.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .vocab import ADDRESSEE_WORDS, BULLET_CHARS, COMMON_SHORT_WORDS, SHORT_WORDS

_WORD = re.compile(r"[a-z][a-z'\u2019]*")  # applied to lower-cased text
_TAG = re.compile(r"</?(?:i|b|u|em|strong|sup|sub|span)\b[^>]*>", re.IGNORECASE)
# The space Word's export leaves between a tag and the punctuation beside it.
_SPACE_BEFORE_CLOSE = re.compile(r"(</(?:i|b|u|em|strong)>)\s+(?=[,.;:!?)]|['\u2019\"]\))", re.IGNORECASE)
_SPACE_AFTER_OPEN = re.compile(r"(\(['\u2018\"])\s+(?=<(?:i|b|u|em|strong)>)", re.IGNORECASE)
# Typographic ligature glyphs (Word's fonts) -> their letters.
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
_BULLETS = re.compile(f"[{BULLET_CHARS}\uf000-\uf8ff]")
_BULLET_TO_SPACE = dict.fromkeys([*map(ord, BULLET_CHARS), *range(0xF000, 0xF900)], " ")
# "decision- making" -> "decision-making", not "short- and long-term". The
# patterns start with a literal so the regex engine can skip ahead quickly.
_HYPHEN_GAP = re.compile(r"-(?<=[A-Za-z0-9]-) +(?!(?:and|or|nor)\b|to\s)(?=[A-Za-z0-9])")
# "10 th December" -> "10th December" (a superscript lost its place).
_ORDINAL_GAP = re.compile(r"(\d) (st|nd|rd|th)\b")
# A short lowercase word that is not a common one: maybe the cut-off tail of the word before.
_SHORT_TAIL = re.compile(r" (?!(?:" + "|".join(sorted(COMMON_SHORT_WORDS)) + r")\b)([a-z]{1,3})\b(?![-'\u2019])")
_SENTENCE_END = re.compile(r"[.!?:;]['\u2019\")\]]*$")
_MID_SENTENCE_START = re.compile(r"^(?:[a-z]|[(,;:)\]]|and\b|or\b)")


class Vocabulary:
    """Word counts of one document, lower-cased, for deciding what is a word."""

    def __init__(self, texts: list[list[str]]) -> None:
        self._texts = texts  # each text's words, in order: pairs never span two texts
        self.counts: Counter[str] = Counter(word for words in texts for word in words)
        self._pairs: Counter[tuple[str, str]] | None = None

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        """The words of texts (cells, lines), plus the names of the bodies plans are addressed to."""
        return cls([_WORD.findall(expand_ligatures(text).lower()) for text in [*texts, " ".join(ADDRESSEE_WORDS)]])

    def knows(self, word: str) -> bool:
        key = _key(word)
        if len(key) == 1:
            return key in SHORT_WORDS
        return self.counts.get(key, 0) > 0

    def count(self, word: str) -> int:
        return self.counts.get(_key(word), 0)

    def knows_pair(self, first: str, second: str) -> bool:
        """True when the document writes these two words side by side within one cell or line."""
        if self._pairs is None:  # rarely asked: counted on first use
            self._pairs = Counter(pair for words in self._texts for pair in zip(words, words[1:]))
        return self._pairs.get((_key(first), _key(second)), 0) > 0


def _key(word: str) -> str:
    """A word as the vocabulary counts it: lower case, without surrounding punctuation."""
    return word.strip(".,;:!?()'\u2019\"").lower()


def strip_markup(text: str) -> str:
    """Remove inline tags and the stray spaces Word's export leaves next to them."""
    if "<" not in text:
        return text
    text = _SPACE_BEFORE_CLOSE.sub(r"\1", text)
    text = _SPACE_AFTER_OPEN.sub(r"\1", text)
    return _TAG.sub("", text)


def expand_ligatures(text: str) -> str:
    """Ligature glyphs written as their letters ("ﬁrst" -> "first")."""
    return text if text.isascii() else text.translate(_LIGATURES)


def strip_bullets(text: str) -> str:
    """Replace list-bullet glyphs (including private-use font glyphs) by spaces."""
    return text.translate(_BULLET_TO_SPACE) if not text.isascii() else text


def starts_with_bullet(text: str) -> bool:
    """True when a cell begins with a list bullet: a list item is a new entry."""
    stripped = text.lstrip()
    return bool(stripped) and bool(_BULLETS.match(stripped))


def collapse_spaces(text: str) -> str:
    """Runs of whitespace (any Unicode space, tabs, newlines) -> one space; ends trimmed."""
    return " ".join(text.split())


def close_gaps(text: str) -> str:
    """Close hyphenation and ordinal gaps left by line breaks and superscripts."""
    return _ORDINAL_GAP.sub(r"\1\2", _HYPHEN_GAP.sub("-", text))


def rejoin_split_words(text: str, vocabulary: Vocabulary) -> str:
    """Rejoin a word split by a stray space ("mus t" -> "must").

    Only a short lowercase tail that is not itself a word is joined, and only
    when the joined form is a word the document uses elsewhere.
    """

    def rejoin(m: re.Match[str]) -> str:
        head = text[text.rfind(" ", 0, m.start()) + 1 : m.start()]
        tail = m.group(1)
        if not head.isalpha() or vocabulary.knows(tail) or not vocabulary.knows(head + tail):
            return m.group(0)
        return tail  # the space goes: the tail joins the word before

    return _SHORT_TAIL.sub(rejoin, text)


def clean_text(text: str, vocabulary: Vocabulary | None = None) -> str:
    """All text-field repairs in order: markup, ligatures, bullets, spaces, gaps, split words."""
    if not text:
        return text
    text = collapse_spaces(strip_bullets(expand_ligatures(strip_markup(text))))
    text = close_gaps(text)
    if vocabulary is not None:
        text = rejoin_split_words(text, vocabulary)
    return text


def ends_sentence(text: str) -> bool:
    """True when text ends with sentence punctuation (so the next row may start afresh)."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def starts_mid_sentence(text: str) -> bool:
    """True when text starts in lower case or with punctuation: it continues something."""
    return bool(_MID_SENTENCE_START.match(text.lstrip()))


def join_fragments(left: str, right: str) -> tuple[str, str | None]:
    """Join two pieces of one cell split over rows.

    A trailing hyphen joins without a space ("gender-" + "specific"). Words
    repeated at the seam (an extraction artifact: "effectiveness of" +
    "effectiveness of alternative") are dropped once; the dropped words are
    returned so the caller can warn about them.
    """
    left, right = left.rstrip(), right.lstrip()
    if not left:
        return right, None
    if not right:
        return left, None
    left_words, right_words = left.split(), right.split()
    for size in range(min(len(left_words), len(right_words), 8), 1, -1):
        if [w.lower() for w in left_words[-size:]] == [w.lower() for w in right_words[:size]]:
            return f"{left} {' '.join(right_words[size:])}".rstrip(), " ".join(right_words[:size])
    if left.endswith("-") and not left.endswith(" -"):
        return left + right, None
    return f"{left} {right}", None


def join_cut_cells(parts: Iterable[str], vocabulary: Vocabulary) -> tuple[str, list[str]]:
    """Join a spanning row that the extraction cut into fake columns.

    ``Her N|Majesty's Prison and Pro|bation Ser|vice`` -> "Her Majesty's
    Prison and Probation Service". At each cut the candidates are: the cut
    word joined, a word boundary, or one garbled character dropped; the first
    whose words the document knows wins. Returns the text and a note for
    every seam repaired by dropping a character (a guess).
    """
    text, guesses = "", []
    for part in parts:
        if not text or not part or text[-1].isspace() or part[0].isspace():
            text += part
            continue
        head, _, left = text.rpartition(" ")
        right, _, tail = part.partition(" ")
        seam, guessed = _repair_seam(left, right, vocabulary)
        if guessed:
            guesses.append(f"{left}|{right} -> {seam}")
        text = " ".join(p for p in (head, seam, tail) if p)
    return collapse_spaces(text), guesses


def _repair_seam(left: str, right: str, vocabulary: Vocabulary) -> tuple[str, bool]:
    """Pick the reading of one cut (left|right) whose words the document knows."""
    if vocabulary.knows(left + right):
        return left + right, False
    if (vocabulary.knows(left) and vocabulary.knows(right)) or (left[-1:].islower() and right[:1].isupper()):
        return f"{left} {right}", False  # a word ends here; a capital never continues a cut word
    known = [c for c in (left[:-1] + right, left + right[1:]) if c and vocabulary.knows(c)]
    if known:  # one garbled character at the cut: the reading the document uses most
        return max(known, key=vocabulary.count), True
    return left + right, False

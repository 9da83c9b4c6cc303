"""Recommendation numbers as sequences: where the numbering skips (1, 3), content may be missing.

A number is read as a scheme and a place in it: "R3" is place 3 of "R",
"5.03" place 3 of "5.", "3b" place 3 (letter b) of plain numbers. Two
neighbouring recommendations of one scheme step by one; more is a gap. A
change of scheme (R3 -> 1.1, S38 -> 1.14) or a new section (1.2 -> 2.1) is
not. Dotted numbers whose section does not start at 1 (1.14, 2.09, 4.27) are
the report's paragraph references, not a count, so they never gap.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_NUMBER = re.compile(r"^([A-Z]*)((?:\d+\.)*)(\d+)([a-z]?)$", re.IGNORECASE)


@dataclass(frozen=True)
class NumberPlace:
    """Where a number sits: its scheme (prefix letters and leading parts) and its place in it."""

    scheme: tuple[str, tuple[int, ...]]  # prefix and leading parts: ("R", ()), ("", (5,))
    place: int
    letter: str  # a sub-number ("3a"), "" when none


def number_place(number: str) -> NumberPlace | None:
    """ "R3" -> ("R", ()) place 3; "5.03" -> ("", (5,)) place 3; None for a number of no known form."""
    m = _NUMBER.match(number.strip())
    if not m:
        return None
    prefix, section, place, letter = m.groups()
    return NumberPlace((prefix.upper(), tuple(int(part) for part in section.split(".") if part)), int(place), letter.lower())


def numbering_gaps(numbers: Sequence[str]) -> list[int]:
    """The indexes of the numbers that skip one or more places after the number before them."""
    places = [number_place(number) for number in numbers]
    starts: dict[tuple[str, tuple[int, ...]], int] = {}  # each scheme's first place: a dotted scheme not starting at 1 is references
    gaps = []
    for index, here in enumerate(places):
        if here is None:
            continue
        starts.setdefault(here.scheme, here.place)
        before = places[index - 1] if index else None
        if before is None or before.scheme != here.scheme:
            continue
        counted = not here.scheme[1] or starts[here.scheme] == 1
        if here.place - before.place > 1 and counted:
            gaps.append(index)
        elif here.place == before.place and before.letter and here.letter and ord(here.letter) - ord(before.letter) > 1:
            gaps.append(index)
    return gaps

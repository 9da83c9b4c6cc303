"""Stage: gaps in the recommendation numbering (numbering.py), and the warning the assembler gives for them."""
from __future__ import annotations

import pytest

from actionplan_ingest.assemble import assemble
from actionplan_ingest.clean import Vocabulary
from actionplan_ingest.models import WarningCode
from actionplan_ingest.numbering import number_place, numbering_gaps
from actionplan_ingest.table.rows import RawRow


@pytest.mark.parametrize(
    ("numbers", "gaps"),
    [
        (["1", "2", "3"], []),
        (["1", "3", "4"], [1]),
        (["1", "2", "5"], [2]),
        (["5.01", "5.02", "5.03"], []),
        (["5.01", "5.03"], [1]),
        (["R1", "R3"], [1]),
        (["S37", "S38", "S40"], [2]),
        (["R1", "R2", "R3", "1.1", "1.2", "2.1", "2.2", "3.1", "4.1"], []),  # a new scheme, new sections
        (["S37", "S38", "1.14", "2.09", "4.27"], []),  # paragraph references: not a count
        (["1.14", "1.20"], []),
        (["3", "3a", "3b", "4"], []),
        (["3a", "3c"], [1]),
        (["1", "2", "2", "3"], []),  # a repeat is not a gap
        (["2", "1"], []),  # out of order is not a gap either
        (["1", "Note", "3"], []),  # only neighbours are compared
    ],
)
def test_numbering_gaps(numbers, gaps):
    assert numbering_gaps(numbers) == gaps


def test_a_number_is_a_scheme_and_a_place():
    assert (number_place("R3").scheme, number_place("R3").place) == (("R", ()), 3)
    assert (number_place("5.03").scheme, number_place("5.03").place) == (("", (5,)), 3)
    assert number_place("s40").scheme == number_place("S41").scheme
    assert number_place("Note") is None


def _rec_row(number: str, page: int) -> RawRow:
    return RawRow((number, f"Recommendation {number}.", "Agreed", "An action.", "Head of Quality", "June 2021"), page, None, None)


def test_the_assembler_warns_at_the_recommendation_after_the_gap():
    draft = assemble([_rec_row("1", 1), _rec_row("3", 2), _rec_row("4", 2)], Vocabulary.from_texts([]))
    (gap,) = [w for w in draft.warnings if w.code is WarningCode.NUMBERING_GAP]
    assert gap.page == 2
    assert "recommendation 3 follows 1" in gap.message and "content may be missing" in gap.message


def test_a_change_of_scheme_is_no_gap():
    rows = [_rec_row(number, 1) for number in ("R1", "R2", "R3", "1.1", "1.2", "2.1")]
    assert not [w for w in assemble(rows, Vocabulary.from_texts([])).warnings if w.code is WarningCode.NUMBERING_GAP]

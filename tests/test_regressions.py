"""One regression test per reported defect (issue numbers in the names)."""
from __future__ import annotations

import pytest

from actionplan_ingest import dates, extract
from actionplan_ingest.errors import NotAnActionPlan
from actionplan_ingest.table.placement import align_cells
from actionplan_ingest.table.rows import Column


def test_issue9_long_target_cell_parses_each_distinct_date_once(monkeypatch):
    """A target cell naming thousands of dates did quadratic work (16,000 chars: 22 s)."""
    calls = []
    real = dates.dateutil_parser.parse
    monkeypatch.setattr(dates.dateutil_parser, "parse", lambda *a, **k: calls.append(a) or real(*a, **k))
    dates._parse_day_first.cache_clear()
    reading = dates.read_target("31st March 2022 and 30 June 2022; " * 500)
    assert [d.iso() for d in reading.dates] == ["2022-03-31", "2022-06-30"]
    assert len(calls) == 2


def test_issue9_long_target_cell_keeps_every_date_in_order():
    cell = "; ".join(f"{day} March 2022" for day in range(1, 29) for _ in range(50))
    reading = dates.read_target(cell)
    assert [d.day for d in reading.dates] == list(range(1, 29))
    assert reading.leftover == []


def test_issue9_six_cells_without_a_number_are_placed_not_crashed():
    """Six cells whose first is not a recommendation number ended in 'max() arg is an empty sequence'."""
    cells, span = align_cells(["Note", "The prison should do X.", "Agreed", "We will do X.", "Governor", "March 2021"])
    assert span == ()
    assert cells[Column.NUMBER] == ""
    assert cells[Column.RECOMMENDATION] == "Note The prison should do X."
    assert cells[Column.TARGET] == "March 2021"


def test_issue9_a_table_without_a_numbered_recommendation_is_not_an_action_plan(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "Rec No\tRecommendation\tAgreed\tAction\tOwner\tTarget Date\n"
        "Note\tThe prison should do X.\tAgreed\tWe will do X.\tGovernor\tMarch 2021\n",
        encoding="utf-8",
    )
    with pytest.raises(NotAnActionPlan, match="no numbered recommendation"):
        extract(path)

"""Stage: target cells and header dates -> structured dates (dates.py)."""
from __future__ import annotations

import calendar
import datetime as dt

import pytest

from actionplan_ingest.dates import (
    PartialDate,
    TargetReading,
    parse_header_date,
    read_target,
)
from actionplan_ingest.models import WarningCode
from actionplan_ingest.warnings import target_warnings


def _read(raw: str) -> tuple[TargetReading, list[tuple[WarningCode, str]]]:
    """A target cell's reading, and the warnings the output would carry for it."""
    reading = read_target(raw)
    return reading, [(w.code, w.message) for w in target_warnings(reading, None, None)]


def _isos(reading: TargetReading) -> list[str]:
    return [date.iso() for date in reading.dates]


def _due(dates: list[str]) -> dt.date | None:
    """SPEC: the last day of the latest date in ``dates``, computed independently of the code under test."""
    ends = []
    for iso in dates:
        parts = [int(p) for p in iso.split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else 12
        day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
        ends.append(dt.date(year, month, day))
    return max(ends, default=None)


# raw -> completed, ongoing, dates, recurrence: every row of SPEC.md's target table.
SPEC_TABLE = [
    ("Completed", True, False, [], None),
    ("June 2021", False, False, ["2021-06"], None),
    ("Completed and monthly", True, False, [], "monthly"),
    ("Completed and June 2021", True, False, ["2021-06"], None),
    ("Completed (to be reviewed monthly)", True, False, [], "monthly"),
    ("May 2021 and to be reviewed monthly", False, False, ["2021-05"], "monthly"),
    ("Ongoing and to be reviewed June 2021", False, True, ["2021-06"], None),
    ("To be reviewed quarterly", False, False, [], "quarterly"),
    ("April 2023 and quarterly", False, False, ["2023-04"], "quarterly"),
    ("Review March 2022", False, False, ["2022-03"], None),
    ("May 2021 and ongoing.", False, True, ["2021-05"], None),
    ("January 2022 January 2022", False, False, ["2022-01"], None),
    ("31/03/2022", False, False, ["2022-03-31"], None),
]

# Further forms named in the issue and in the field rules of SPEC.md.
EXTRA_FORMS = [
    ("30 September 2021", False, False, ["2021-09-30"], None),
    ("End of March 2022", False, False, ["2022-03"], None),
    ("Q3 2021", False, False, ["2021-09"], None),
    ("2021/22", False, False, ["2022-03"], None),
    ("Annually", False, False, [], "annually"),
    ("Six-monthly", False, False, [], "six-monthly"),
    ("Completed and to be reviewed six-monthly", True, False, [], "six-monthly"),
    ("Immediate", False, False, [], None),
    ("TBC", False, False, [], None),
    # From the seeds and their gold notes.
    ("Completed June 2021", True, False, ["2021-06"], None),
    ("Completed and ongoing.", True, True, [], None),
    ("Completed and Monthly", True, False, [], "monthly"),
    ("January 2021 and ongoing", False, True, ["2021-01"], None),
    ("Ongoing", False, True, [], None),
    ("Business as usual", False, True, [], None),
    ("Completed and September 2021", True, False, ["2021-09"], None),
    ("19th April 2021", False, False, ["2021-04-19"], None),
    ("Dec 2021 - Mar 2022", False, False, ["2021-12", "2022-03"], None),
    ("To be completed by June 2021", False, False, ["2021-06"], None),
]


@pytest.mark.parametrize(("raw", "completed", "ongoing", "dates", "recurrence"), SPEC_TABLE + EXTRA_FORMS)
def test_read_target(raw, completed, ongoing, dates, recurrence):
    target, notes = _read(raw)
    assert target.raw == raw
    assert target.completed is completed
    assert target.ongoing is ongoing
    assert _isos(target) == dates
    assert target.recurrence == recurrence
    assert target.due == _due(dates)
    assert notes == []  # a clean read: nothing guessed, nothing left over


def test_due_is_last_day_of_latest_date_not_last_written():
    target, _ = _read("March 2022 and June 2021")
    assert _isos(target) == ["2022-03", "2021-06"]  # in the order written
    assert target.due == dt.date(2022, 3, 31)


def test_raw_has_whitespace_collapsed():
    target, _ = _read("  Completed and\n to be   reviewed\tmonthly ")
    assert target.raw == "Completed and to be reviewed monthly"
    assert target.recurrence == "monthly"


@pytest.mark.parametrize("raw", ["ary 2021", "ember 2020"])
def test_truncated_month_is_left_out_and_named(raw):
    target, notes = _read(raw)
    assert _isos(target) == []
    assert target.due is None
    codes = [code for code, _ in notes]
    assert codes == [WarningCode.TARGET_TRUNCATED]
    assert raw in notes[0][1]


@pytest.mark.parametrize("raw", ["31/02/2022", "29/02/2021", "0/0/2021"])
def test_impossible_date_is_left_out_with_a_note(raw):
    target, notes = _read(raw)
    assert _isos(target) == []
    assert target.due is None
    assert [code for code, _ in notes] == [WarningCode.DATE_UNREADABLE]
    assert raw in notes[0][1]


def test_leap_day_in_a_leap_year_is_a_date():
    target, notes = _read("29/02/2024")
    assert _isos(target) == ["2024-02-29"]
    assert notes == []


def test_season_is_read_as_its_last_month_with_a_warning():
    target, notes = _read("Summer 2021")
    assert _isos(target) == ["2021-08"]
    assert [code for code, _ in notes] == [WarningCode.DATE_APPROXIMATED]


def test_month_without_year_is_not_guessed():
    target, notes = _read("March")
    assert _isos(target) == []
    assert [code for code, _ in notes] == [WarningCode.DATE_UNREADABLE]


@pytest.mark.parametrize("raw", ["Head of Safety", "Deputy Director, Probation Workforce Programme"])
def test_not_a_target_is_reported_unrecognised(raw):
    target, notes = _read(raw)
    assert _isos(target) == []
    assert not (target.completed or target.ongoing or target.recurrence)
    assert WarningCode.TARGET_UNRECOGNISED in [code for code, _ in notes]
    assert raw in dict(notes)[WarningCode.TARGET_UNRECOGNISED]


def test_negated_completion_is_not_completed():
    target, _ = _read("Not completed")
    assert target.completed is False


def test_not_yet_completed_is_not_completed():
    target, _ = _read("Not yet completed")
    assert target.completed is False


def test_day_first_date_with_impossible_month_is_not_read_month_first():
    target, notes = _read("1/13/2021")
    assert _isos(target) == []
    assert WarningCode.DATE_UNREADABLE in [code for code, _ in notes]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("9th March 2021", "2021-03-09"),
        ("19th April 2021", "2021-04-19"),
        ("26 May 2022", "2022-05-26"),
        ("25 February 2021", "2021-02-25"),
        ("December 2020", "2020-12"),
    ],
)
def test_parse_header_date(text, iso):
    assert parse_header_date(text) == iso


def test_parse_header_date_without_a_date():
    assert parse_header_date("to be confirmed") is None


@pytest.mark.parametrize(
    ("date", "last"),
    [
        (PartialDate(2024, 2), dt.date(2024, 2, 29)),  # leap year
        (PartialDate(2023, 2), dt.date(2023, 2, 28)),
        (PartialDate(2000, 2), dt.date(2000, 2, 29)),  # divisible by 400: a leap year
        (PartialDate(1900, 2), dt.date(1900, 2, 28)),  # divisible by 100 only: not a leap year
        (PartialDate(2021, 6), dt.date(2021, 6, 30)),
        (PartialDate(2021), dt.date(2021, 12, 31)),
        (PartialDate(2021, 6, 15), dt.date(2021, 6, 15)),
    ],
)
def test_partial_date_last_day(date, last):
    assert date.last_day() == last


@pytest.mark.parametrize(
    ("date", "iso"),
    [(PartialDate(2021), "2021"), (PartialDate(2021, 6), "2021-06"), (PartialDate(2021, 6, 3), "2021-06-03")],
)
def test_partial_date_iso_keeps_precision(date, iso):
    assert date.iso() == iso


@pytest.mark.parametrize(("raw", "iso"), [("Mar-22", "2022-03"), ("Sept '21", "2021-09")])
def test_month_with_two_digit_year_is_read_with_a_warning(raw, iso):
    target, notes = _read(raw)
    assert _isos(target) == [iso]
    assert [code for code, _ in notes] == [WarningCode.DATE_APPROXIMATED]

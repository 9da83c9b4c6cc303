"""status.status_as_of: target cells as plans write them, judged on a date."""
from __future__ import annotations

import datetime as dt

import pytest

from actionplan_ingest.dates import read_target
from actionplan_ingest.status import Status, status_as_of

AS_OF = dt.date(2021, 6, 15)


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("Completed", Status.COMPLETED),
        ("Completed and June 2020", Status.COMPLETED),  # completed wins over a past date
        ("Completed and monthly", Status.COMPLETED),
        ("Achieved", Status.COMPLETED),
        ("May 2021", Status.OVERDUE),
        ("31/05/2021", Status.OVERDUE),
        ("14/06/2021", Status.OVERDUE),  # the day before
        ("May 2021 and ongoing.", Status.OVERDUE),  # a past commitment, ongoing or not
        ("May 2021 and to be reviewed monthly", Status.OVERDUE),
        ("End of Q4 2020/21", Status.OVERDUE),
        ("15/06/2021", Status.DUE_LATER),  # due on the day itself: not yet overdue
        ("June 2021", Status.DUE_LATER),  # due at the end of June
        ("Ongoing and to be reviewed June 2021", Status.ONGOING),
        ("In place and ongoing", Status.ONGOING),
        ("Business as usual", Status.ONGOING),
        ("To be reviewed quarterly", Status.ONGOING),
        ("April 2023 and quarterly", Status.ONGOING),
        ("March 2022", Status.DUE_LATER),
        ("2021/22", Status.DUE_LATER),
        ("Immediate", Status.NO_DATE),
        ("N/A", Status.NO_DATE),
        ("TBC", Status.NO_DATE),
    ],
)
def test_status_as_of(raw, status):
    target = read_target(raw)
    assert status_as_of(target, AS_OF) is status


def test_no_target_cell_has_no_date():
    assert status_as_of(None, AS_OF) is Status.NO_DATE


def test_the_same_target_changes_status_with_the_date():
    target = read_target("June 2021")
    assert [status_as_of(target, dt.date(2021, 6, d)) for d in (1, 30)] == [Status.DUE_LATER, Status.DUE_LATER]
    assert status_as_of(target, dt.date(2021, 7, 1)) is Status.OVERDUE


def test_only_completed_is_closed():
    assert [s for s in Status if not s.is_open] == [Status.COMPLETED]
    assert Status.DUE_LATER.label == "due later"

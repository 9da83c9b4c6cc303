"""An action's status as of a date, from its target cell alone.

The first rule that holds decides, in this order:

1. ``completed``: the target says Completed / Complete / Achieved, whatever
   dates it also names ("Completed and June 2021" is done, not overdue);
2. ``overdue``: its due date (the last day of the latest date named) is before
   the as-of date. An ongoing action with a past due date is overdue: the
   date was a commitment ("May 2021 and ongoing") and nothing says it was met;
3. ``ongoing``: the target says ongoing / continuous / business as usual, or
   names only a recurrence ("To be reviewed quarterly"): work with no end date;
4. ``due_later``: its due date is on or after the as-of date;
5. ``no_date``: nothing above: no target cell, or one naming no date and no
   status ("Immediate", "TBC", "N/A").
"""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Protocol


class TargetLike(Protocol):
    """What a status is read from: an output ``Target`` or a ``dates.TargetReading``."""

    completed: bool
    ongoing: bool
    recurrence: object

    @property
    def due(self) -> dt.date | None: ...


class Status(str, Enum):
    """An action's status as of a date; the order is the order of the rules."""

    COMPLETED = "completed"
    OVERDUE = "overdue"
    ONGOING = "ongoing"
    DUE_LATER = "due_later"
    NO_DATE = "no_date"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @property
    def is_open(self) -> bool:
        return self is not Status.COMPLETED


def status_as_of(target: TargetLike | None, as_of: dt.date) -> Status:
    """The status of an action with this target on the day ``as_of`` (see the module docstring)."""
    if target is None:
        return Status.NO_DATE
    if target.completed:
        return Status.COMPLETED
    if target.due is not None and target.due < as_of:
        return Status.OVERDUE
    if target.ongoing or target.recurrence is not None:
        return Status.ONGOING
    if target.due is not None:
        return Status.DUE_LATER
    return Status.NO_DATE

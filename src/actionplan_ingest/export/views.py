"""The database's views: status as of today, the flat action list, overdue actions.

``status_sql`` is status.py's rule written in SQL, for any date expression:
the views judge on ``TODAY`` (the local date, as ``report`` does by default),
the canned query ``status_on_a_date`` on a date the analyst gives. A test
holds it to status.py on every action of the samples, for many dates.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..status import Status
from .schema import ACTION_LIST, STATUS_AS_OF

TODAY = "date('now', 'localtime')"
_ALIASES = {"plans": "p", "recommendations": "r", "actions": "a"}


def status_sql(as_of: str, row: str = "a") -> str:
    """status.py's rule as a SQL expression over ``row`` (an actions row or an action_list row: the names agree).

    ``as_of`` is a SQL expression giving an ISO date. A missing target has
    completed, ongoing, recurrence and due all NULL, which no branch takes.
    """
    return (
        f"CASE WHEN {row}.completed THEN '{Status.COMPLETED.value}'\n"
        f"    WHEN {row}.due < {as_of} THEN '{Status.OVERDUE.value}'\n"
        f"    WHEN {row}.ongoing OR {row}.recurrence IS NOT NULL THEN '{Status.ONGOING.value}'\n"
        f"    WHEN {row}.due IS NOT NULL THEN '{Status.DUE_LATER.value}'\n"
        f"    ELSE '{Status.NO_DATE.value}' END"
    )


@dataclass(frozen=True)
class View:
    name: str
    description: str
    columns: tuple[str, ...]  # described by the ACTION_LIST column of the same name, or in ``notes``
    select: str
    notes: tuple[tuple[str, str], ...] = ()

    @property
    def sql(self) -> str:
        return f"CREATE VIEW {self.name} AS\n{self.select}"


def _flat_column(name: str, source: str | None) -> str:
    if source is None:
        return f"s.{name}"
    table, column = source.split(".")
    value = f"{_ALIASES[table]}.{column}"
    if next(c for c in ACTION_LIST if c.name == name).column.is_list:  # joined in list order
        value = f"(SELECT group_concat(value, '; ') FROM (SELECT value FROM json_each({value}) ORDER BY key))"
    return value if value == f"{_ALIASES[table]}.{name}" else f"{value} AS {name}"


ACTION_STATUS = View(
    "action_status",
    "Each action's status today (README: Status as of a date)",
    ("action_id", "plan_id", "status", STATUS_AS_OF),
    f"SELECT a.id AS action_id, a.plan_id, {status_sql(TODAY)} AS status, {TODAY} AS {STATUS_AS_OF}\nFROM actions a",
)
ACTION_LIST_VIEW = View(
    "action_list",
    "One row per action with its plan and recommendation, owners and status today: actions.csv, kept up to date",
    tuple(c.name for c in ACTION_LIST),
    "SELECT " + ",\n  ".join(_flat_column(c.name, c.source) for c in ACTION_LIST) + "\n"
    "FROM actions a\n"
    "JOIN recommendations r ON r.id = a.recommendation_id\n"
    "JOIN plans p ON p.id = a.plan_id\n"
    "JOIN action_status s ON s.action_id = a.id\n"
    "ORDER BY a.id",
)
OVERDUE_ACTIONS = View(
    "overdue_actions",
    "Actions whose due date has passed and that are not marked completed, the longest overdue first",
    (*ACTION_LIST_VIEW.columns, "days_overdue"),
    f"SELECT *, CAST(julianday({STATUS_AS_OF}) - julianday(due) AS INTEGER) AS days_overdue\n"
    f"FROM action_list WHERE status = '{Status.OVERDUE.value}'\n"
    "ORDER BY due, action_id",
    notes=(("days_overdue", "Days from the due date to today"),),
)
VIEWS: tuple[View, ...] = (ACTION_STATUS, ACTION_LIST_VIEW, OVERDUE_ACTIONS)

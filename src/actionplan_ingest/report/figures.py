"""Plans -> the figures ``report`` shows, as of a date. Pure: no files, no output.

Per plan and over all plans: recommendations by agreement, actions by status
(status.py), days from report publication to plan submission, and open
actions (every status but completed) per owner, each owner under its
canonical name across the store (owner_names.py). An action with two owners
counts once for each; an action with no owner named is counted apart.
"""
from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import ActionPlan
from ..owner_names import canonical_names
from ..status import Status, status_as_of

NOT_STATED = "not_stated"
AGREEMENTS: tuple[str, ...] = ("agreed", "partly_agreed", "not_agreed", NOT_STATED)
AGREEMENT_LABELS: dict[str, str] = {
    "agreed": "agreed",
    "partly_agreed": "partly agreed",
    "not_agreed": "not agreed",
    NOT_STATED: "not stated",
}


@dataclass(frozen=True)
class PlanFigures:
    name: str  # where the plan's JSON is in the store, without ".json": "2021/em.pdf"
    title: str | None
    published: str | None
    submitted: str | None
    days_to_submission: int | None  # None unless both dates are whole days
    agreement: dict[str, int]  # AGREEMENTS -> recommendations
    status: dict[Status, int]  # every Status -> actions
    open_by_owner: dict[str, int]  # canonical owner -> open actions
    overdue_by_owner: dict[str, int]  # canonical owner -> overdue actions
    open_without_owner: int  # open actions whose owner cell is empty

    @property
    def recommendations(self) -> int:
        return sum(self.agreement.values())

    @property
    def actions(self) -> int:
        return sum(self.status.values())


@dataclass(frozen=True)
class OwnerFigures:
    name: str  # canonical
    open: int
    overdue: int
    plans: int  # plans in which the owner has an open action


@dataclass(frozen=True)
class StoreFigures:
    as_of: dt.date
    plans: list[PlanFigures]  # in the order given
    agreement: dict[str, int]
    status: dict[Status, int]
    owners: list[OwnerFigures]  # most open actions first
    open_without_owner: int

    @property
    def days_to_submission(self) -> list[int]:
        return [p.days_to_submission for p in self.plans if p.days_to_submission is not None]

    @property
    def median_days_to_submission(self) -> float | None:
        days = self.days_to_submission
        return statistics.median(days) if days else None


def store_figures(plans: Sequence[tuple[str, ActionPlan]], as_of: dt.date) -> StoreFigures:
    """The figures of named plans (name, plan) as of a date."""
    names = canonical_names(owner for _, plan in plans for action in _actions(plan) for owner in action.owners)
    per_plan = [_plan_figures(name, plan, as_of, names) for name, plan in plans]
    open_by_owner, overdue_by_owner, in_plans = Counter(), Counter(), Counter()
    for figures in per_plan:
        open_by_owner.update(figures.open_by_owner)
        overdue_by_owner.update(figures.overdue_by_owner)
        in_plans.update(figures.open_by_owner.keys())
    owners = [OwnerFigures(name, count, overdue_by_owner[name], in_plans[name]) for name, count in open_by_owner.items()]
    owners.sort(key=lambda o: (-o.open, -o.overdue, o.name))
    return StoreFigures(
        as_of=as_of,
        plans=per_plan,
        agreement=_sum_counts(AGREEMENTS, (p.agreement for p in per_plan)),
        status=_sum_counts(tuple(Status), (p.status for p in per_plan)),
        owners=owners,
        open_without_owner=sum(p.open_without_owner for p in per_plan),
    )


def _plan_figures(name: str, plan: ActionPlan, as_of: dt.date, names: dict[str, str]) -> PlanFigures:
    agreement = Counter(rec.agreement.value if rec.agreement else NOT_STATED for rec in plan.recommendations)
    status: Counter[Status] = Counter()
    open_by_owner: Counter[str] = Counter()
    overdue_by_owner: Counter[str] = Counter()
    for action in _actions(plan):
        action_status = status_as_of(action.target, as_of)
        status[action_status] += 1
        owners = {names[o] for o in action.owners}
        if action_status.is_open:
            open_by_owner.update(owners or {None})
        if action_status is Status.OVERDUE:
            overdue_by_owner.update(owners)
    return PlanFigures(
        name=name,
        title=plan.title,
        published=plan.report.published,
        submitted=plan.submitted,
        days_to_submission=days_between(plan.report.published, plan.submitted),
        agreement={a: agreement[a] for a in AGREEMENTS},
        status={s: status[s] for s in Status},
        open_by_owner={o: n for o, n in open_by_owner.items() if o is not None},
        overdue_by_owner=dict(overdue_by_owner),
        open_without_owner=open_by_owner[None],
    )


def days_between(start: str | None, end: str | None) -> int | None:
    """Days from one ISO date to another; None unless both name a whole day ("2021-06" does not)."""
    if not start or not end or len(start) != 10 or len(end) != 10:
        return None
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days


def _actions(plan: ActionPlan):
    return (action for rec in plan.recommendations for action in rec.actions)


def _sum_counts(keys: tuple, counts) -> dict:
    total: Counter = Counter()
    for count in counts:
        total.update(count)
    return {key: total[key] for key in keys}

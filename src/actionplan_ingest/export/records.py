"""A plan flattened into records, once, for every writer.

``plan_rows`` turns a plan into the rows of plans.sqlite's tables, keyed by
the column names of schema.py; the database inserts them as they are.
``flat_actions`` joins those rows into one record per action named by
``schema.ACTION_LIST``: the rows of actions.csv, and what the database's
``action_list`` view gives (views.py builds it from the same list). Lists
stay lists here; the database stores them as JSON, the flat record joins
them with "; ".
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..models import ActionPlan, Target
from ..status import status_as_of
from .schema import ACTION_LIST, STATUS_AS_OF

Row = dict[str, object]


@dataclass
class Ids:
    """The last id given in each table. One numbering per database, shared with the CSV built beside it."""

    last: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("plans", "recommendations", "actions", "warnings"), 0))

    def next(self, table: str) -> int:
        self.last[table] += 1
        return self.last[table]


@dataclass(frozen=True)
class PlanRows:
    """One plan's rows in each table; ``targets`` holds each action's target, in the order of ``actions``."""

    plan: Row
    recommendations: list[Row]
    actions: list[Row]
    warnings: list[Row]
    targets: list[Target | None]


def plan_rows(file: str, plan: ActionPlan, ids: Ids) -> PlanRows:
    """The plan's rows; ``file`` is its input path relative to the batch folder."""
    plan_id = ids.next("plans")
    source = plan.source
    plan_row = {
        "id": plan_id, "file": file, "source_file": source.file, "sha256": source.sha256, "format": source.format,
        "pages": source.pages, "title": plan.title, "report_title": plan.report.title,
        "report_published": plan.report.published, "submitted": plan.submitted, "updates": list(plan.updates),
    }
    recommendations, actions, targets = [], [], []
    for rec_position, rec in enumerate(plan.recommendations, start=1):
        rec_id = ids.next("recommendations")
        recommendations.append({
            "id": rec_id, "plan_id": plan_id, "position": rec_position, "number": rec.number,
            "addressee": rec.addressee, "text": rec.text,
            "agreement": rec.agreement.value if rec.agreement else None, "agreement_raw": rec.agreement_raw,
        })
        for position, action in enumerate(rec.actions, start=1):
            target, phase = action.target, action.phase
            actions.append({
                "id": ids.next("actions"), "plan_id": plan_id, "recommendation_id": rec_id, "position": position,
                "text": action.text, "owner": action.owner, "owners": list(action.owners),
                "target_raw": target.raw if target else None,
                "completed": target.completed if target else None,
                "ongoing": target.ongoing if target else None,
                "dates": list(target.dates) if target else None,
                "recurrence": target.recurrence.value if target and target.recurrence else None,
                "due": target.due.isoformat() if target and target.due else None,
                "phase_kind": phase.kind.value if phase else None,
                "phase_label": phase.label if phase else None,
                "phase_as_of": phase.as_of if phase else None,
                "page": action.source.page, "line_start": action.source.line_start, "line_end": action.source.line_end,
            })
            targets.append(target)
    warnings = [
        {"id": ids.next("warnings"), "plan_id": plan_id, "code": w.code.value, "message": w.message, "page": w.page, "line": w.line}
        for w in plan.warnings
    ]
    return PlanRows(plan_row, recommendations, actions, warnings, targets)


def flat_actions(rows: PlanRows, as_of: dt.date) -> Iterator[Row]:
    """One record per action, keyed by ``ACTION_LIST``, its status judged on the day ``as_of``."""
    recommendations = {rec["id"]: rec for rec in rows.recommendations}
    for action, target in zip(rows.actions, rows.targets, strict=True):
        tables = {"plans": rows.plan, "recommendations": recommendations[action["recommendation_id"]], "actions": action}
        computed = {"status": status_as_of(target, as_of).value, STATUS_AS_OF: as_of.isoformat()}
        record = {}
        for column in ACTION_LIST:
            if column.source is None:
                record[column.name] = computed[column.name]
                continue
            table, name = column.source.split(".")
            value = tables[table][name]
            record[column.name] = ("; ".join(value) or None) if isinstance(value, list) else value
        yield record

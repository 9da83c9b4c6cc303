"""Plans -> one SQLite database, built one plan at a time with sqlite-utils.

Tables ``plans``, ``recommendations``, ``actions`` and ``warnings`` hold the
plans; ``files`` holds one row per input of the batch run that built the
database, with its outcome. ``PlanDatabase`` is the one place the schema is
defined: a new table, index, view or full-text index goes into ``_create``
(its rows into ``add_plan``) or ``_finish``.

The database is always built whole into a new file (the batch store builds it
in its staging folder and renames it into place at its commit point), so
there is no journal to keep: writes are unjournalled and unsynced until
``close`` syncs the file once.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from ..models import ActionPlan

# column -> type, in table order (sqlite-utils: int -> INTEGER, str -> TEXT, float -> REAL)
PLANS = {
    "id": int,
    "file": str,  # input path relative to its batch folder
    "source_file": str,
    "sha256": str,
    "format": str,
    "pages": int,
    "title": str,
    "report_title": str,
    "report_published": str,
    "submitted": str,
    "updates": str,  # JSON list of ISO dates
}
RECOMMENDATIONS = {
    "id": int,
    "plan_id": int,
    "position": int,
    "number": str,
    "addressee": str,
    "text": str,
    "agreement": str,  # agreed | partly_agreed | not_agreed | NULL
    "agreement_raw": str,
}
ACTIONS = {
    "id": int,
    "plan_id": int,
    "recommendation_id": int,
    "position": int,
    "text": str,
    "owner": str,
    "target_raw": str,
    "completed": int,  # 0/1, NULL when there is no target
    "ongoing": int,
    "dates": str,  # JSON list of ISO (partial) dates
    "recurrence": str,
    "due": str,  # ISO date: the last day of the latest target date
    "phase_kind": str,
    "phase_label": str,
    "phase_as_of": str,
    "page": int,
    "line_start": int,
    "line_end": int,
}
WARNINGS = {"id": int, "plan_id": int, "code": str, "message": str, "page": int, "line": int}
FILES = {
    "id": int,
    "file": str,  # input path relative to its batch folder, as in plans.file
    "input": str,  # the input's path as the batch was given it
    "sha256": str,
    "outcome": str,  # ok | ok_with_warnings | a failure outcome (see the README)
    "message": str,  # why it failed; NULL when it did not
    "unchanged": int,  # 1: same bytes and tool version as in an earlier run, not converted again
    "seconds": float,
    "plan_id": int,  # its plan, when the store holds one
}
INDEXES = (
    ("plans", ["file"], True),
    ("actions", ["owner"], False),
    ("actions", ["due"], False),
    ("actions", ["recommendation_id"], False),
    ("recommendations", ["agreement"], False),
    ("recommendations", ["plan_id"], False),
    ("warnings", ["code"], False),
    ("files", ["outcome"], False),
)


@dataclass(frozen=True)
class FileRow:
    """One input of a batch run, as the ``files`` table records it."""

    file: str
    input: str
    sha256: str | None
    outcome: str
    message: str | None
    unchanged: bool
    seconds: float


class PlanDatabase:
    """A new database file, filled one plan at a time so memory stays flat."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self._ids = dict.fromkeys(("plans", "recommendations", "actions", "warnings"), 0)
        self._create()
        self.db.conn.execute("BEGIN")

    def _create(self) -> None:
        self.db["plans"].create(PLANS, pk="id", not_null={"file", "source_file", "sha256", "format", "updates"})
        self.db["recommendations"].create(
            RECOMMENDATIONS, pk="id", not_null={"plan_id", "position", "number"}, foreign_keys=[("plan_id", "plans", "id")]
        )
        self.db["actions"].create(
            ACTIONS, pk="id", not_null={"plan_id", "recommendation_id", "position", "text"},
            foreign_keys=[("plan_id", "plans", "id"), ("recommendation_id", "recommendations", "id")],
        )
        self.db["warnings"].create(
            WARNINGS, pk="id", not_null={"plan_id", "code", "message"}, foreign_keys=[("plan_id", "plans", "id")]
        )
        self.db["files"].create(
            FILES, pk="id", not_null={"file", "input", "outcome", "unchanged"}, foreign_keys=[("plan_id", "plans", "id")]
        )

    def _next(self, table: str) -> int:
        self._ids[table] += 1
        return self._ids[table]

    def add_plan(self, file: str, plan: ActionPlan) -> None:
        """The plan's rows in every table; ``file`` is its input path relative to the batch folder."""
        plan_id = self._next("plans")
        source = plan.source
        self._insert("plans", [{
            "id": plan_id, "file": file, "source_file": source.file, "sha256": source.sha256, "format": source.format,
            "pages": source.pages, "title": plan.title, "report_title": plan.report.title,
            "report_published": plan.report.published, "submitted": plan.submitted, "updates": json.dumps(plan.updates),
        }])
        recommendations, actions = [], []
        for rec_position, rec in enumerate(plan.recommendations, start=1):
            rec_id = self._next("recommendations")
            recommendations.append({
                "id": rec_id, "plan_id": plan_id, "position": rec_position, "number": rec.number,
                "addressee": rec.addressee, "text": rec.text,
                "agreement": rec.agreement.value if rec.agreement else None, "agreement_raw": rec.agreement_raw,
            })
            for position, action in enumerate(rec.actions, start=1):
                target, phase = action.target, action.phase
                actions.append({
                    "id": self._next("actions"), "plan_id": plan_id, "recommendation_id": rec_id, "position": position,
                    "text": action.text, "owner": action.owner,
                    "target_raw": target.raw if target else None,
                    "completed": int(target.completed) if target else None,
                    "ongoing": int(target.ongoing) if target else None,
                    "dates": json.dumps(target.dates) if target else None,
                    "recurrence": target.recurrence.value if target and target.recurrence else None,
                    "due": target.due.isoformat() if target and target.due else None,
                    "phase_kind": phase.kind.value if phase else None,
                    "phase_label": phase.label if phase else None,
                    "phase_as_of": phase.as_of if phase else None,
                    "page": action.source.page, "line_start": action.source.line_start, "line_end": action.source.line_end,
                })
        self._insert("recommendations", recommendations)
        self._insert("actions", actions)
        self._insert("warnings", [
            {"id": self._next("warnings"), "plan_id": plan_id, "code": w.code.value, "message": w.message,
             "page": w.page, "line": w.line}
            for w in plan.warnings
        ])

    def add_files(self, rows: Iterable[FileRow]) -> None:
        """The inputs of the run, each linked to its plan when the database holds one."""
        self._insert("files", (
            {"file": row.file, "input": row.input, "sha256": row.sha256, "outcome": row.outcome,
             "message": row.message, "unchanged": int(row.unchanged), "seconds": round(row.seconds, 3), "plan_id": None}
            for row in rows
        ))
        self.db.execute("UPDATE files SET plan_id = (SELECT id FROM plans WHERE plans.file = files.file)")

    def _insert(self, table: str, records: Iterable[dict]) -> None:
        self.db[table].insert_all(records, batch_size=500)

    def close(self) -> None:
        """Index, commit, and sync the file to disk once."""
        try:
            self._finish()
            self.db.conn.commit()
        finally:
            self.db.close()
        with open(self.path, "rb") as written:
            os.fsync(written.fileno())

    def _finish(self) -> None:
        for table, columns, unique in INDEXES:
            self.db[table].create_index(columns, index_name=f"{table}_{'_'.join(columns)}", unique=unique)

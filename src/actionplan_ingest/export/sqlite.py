"""Plans -> one SQLite database with tables plans, recommendations, actions, warnings.

The database is rebuilt from scratch in a temp file and renamed into place,
so it always describes exactly one batch and re-running never duplicates rows.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from ..models import ActionPlan
from .atomic import temporary_beside

SCHEMA = """
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL UNIQUE,          -- input path relative to its batch folder
    source_file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    pages INTEGER,
    title TEXT,
    report_title TEXT,
    report_published TEXT,
    submitted TEXT,
    updates TEXT NOT NULL                -- JSON list of ISO dates
);
CREATE TABLE recommendations (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    position INTEGER NOT NULL,
    number TEXT NOT NULL,
    addressee TEXT,
    text TEXT,
    agreement TEXT,                      -- agreed | partly_agreed | not_agreed | NULL
    agreement_raw TEXT
);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner TEXT,
    target_raw TEXT,
    completed INTEGER,                   -- 0/1, NULL when there is no target
    ongoing INTEGER,
    dates TEXT,                          -- JSON list of ISO (partial) dates
    recurrence TEXT,
    due TEXT,                            -- ISO date: the last day of the latest target date
    phase_kind TEXT,
    phase_label TEXT,
    phase_as_of TEXT,
    page INTEGER,
    line_start INTEGER,
    line_end INTEGER
);
CREATE TABLE warnings (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    page INTEGER,
    line INTEGER
);
CREATE INDEX actions_owner ON actions(owner);
CREATE INDEX actions_due ON actions(due);
CREATE INDEX actions_recommendation ON actions(recommendation_id);
CREATE INDEX recommendations_agreement ON recommendations(agreement);
CREATE INDEX recommendations_plan ON recommendations(plan_id);
CREATE INDEX warnings_code ON warnings(code);
"""


def write_database(path: Path, plans: Iterable[tuple[str, ActionPlan]]) -> None:
    """Write all plans (keyed by their input path) to a fresh database at path, atomically."""
    with temporary_beside(path) as temp:
        db = sqlite3.connect(temp)
        try:
            with db:
                db.executescript(SCHEMA)
                for file, plan in plans:
                    _insert_plan(db, file, plan)
        finally:
            db.close()
        os.replace(temp, path)


def _insert_plan(db: sqlite3.Connection, file: str, plan: ActionPlan) -> None:
    plan_id = db.execute(
        "INSERT INTO plans (file, source_file, sha256, format, pages, title, report_title, report_published,"
        " submitted, updates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            file, plan.source.file, plan.source.sha256, plan.source.format, plan.source.pages, plan.title,
            plan.report.title, plan.report.published, plan.submitted, json.dumps(plan.updates),
        ),
    ).lastrowid
    for rec_position, rec in enumerate(plan.recommendations, start=1):
        rec_id = db.execute(
            "INSERT INTO recommendations (plan_id, position, number, addressee, text, agreement, agreement_raw)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (plan_id, rec_position, rec.number, rec.addressee, rec.text,
             rec.agreement.value if rec.agreement else None, rec.agreement_raw),
        ).lastrowid
        for position, action in enumerate(rec.actions, start=1):
            target, phase = action.target, action.phase
            db.execute(
                "INSERT INTO actions (plan_id, recommendation_id, position, text, owner, target_raw, completed,"
                " ongoing, dates, recurrence, due, phase_kind, phase_label, phase_as_of, page, line_start, line_end)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    plan_id, rec_id, position, action.text, action.owner,
                    target.raw if target else None,
                    int(target.completed) if target else None,
                    int(target.ongoing) if target else None,
                    json.dumps(target.dates) if target else None,
                    target.recurrence.value if target and target.recurrence else None,
                    target.due.isoformat() if target and target.due else None,
                    phase.kind.value if phase else None,
                    phase.label if phase else None,
                    phase.as_of if phase else None,
                    action.source.page, action.source.line_start, action.source.line_end,
                ),
            )
    db.executemany(
        "INSERT INTO warnings (plan_id, code, message, page, line) VALUES (?, ?, ?, ?, ?)",
        [(plan_id, w.code.value, w.message, w.page, w.line) for w in plan.warnings],
    )

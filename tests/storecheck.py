"""What a batch out folder must always be: plan documents, actions.csv and plans.sqlite that agree.

Used by the store and batch tests and by ``bench/kill_batch.py``.
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections import Counter
from pathlib import Path

from actionplan_ingest.discover import display_name
from actionplan_ingest.models import ActionPlan

STATE_DIR = ".actionplan-ingest"
METADATA = "metadata.json"
TABLES = ("plans", "recommendations", "actions", "warnings", "action_owners")


def plan_documents(out_dir: Path) -> dict[str, Path]:
    """The plan documents in out_dir by the relative path of their input, as the CSV names it
    (the store's own folder and the database's metadata.json left out)."""
    return {
        display_name(p.relative_to(out_dir).as_posix().removesuffix(".json")): p
        for p in sorted(out_dir.rglob("*.json"))
        if STATE_DIR not in p.relative_to(out_dir).parts and p != out_dir / METADATA
    }


def load_plans(out_dir: Path, ignore: list[str] = ()) -> dict[str, ActionPlan]:
    """Every document, validated; those named in ignore (JSON files that are not plans) left out."""
    return {
        rel: ActionPlan.model_validate_json(p.read_bytes(), strict=True)
        for rel, p in plan_documents(out_dir).items()
        if f"{rel}.json" not in ignore
    }


def action_count(plan: ActionPlan) -> int:
    return sum(len(rec.actions) for rec in plan.recommendations)


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff"), "actions.csv has no UTF-8 byte-order mark (Excel would guess the encoding)"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def table_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as db:
        return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def leftovers(out_dir: Path) -> list[Path]:
    """Files a run must never leave behind: temp files, journals, staged files, a commit record."""
    found = []
    for path in out_dir.rglob("*"):
        name = path.name
        if path.is_file() and (
            (name.startswith(".") and ".tmp" in name)
            or name.endswith(("-journal", "-wal", "-shm"))
            or "staging" in path.relative_to(out_dir).parts
            or name == "commit"
        ):
            found.append(path)
    return found


def assert_store_agrees(out_dir: Path, ignore: list[str] = ()) -> dict[str, ActionPlan]:
    """actions.csv and plans.sqlite hold exactly what the plan documents hold, and nothing is left over."""
    plans = load_plans(out_dir, ignore)  # validates every document
    rows = read_csv(out_dir / "actions.csv")
    assert Counter(row["file"] for row in rows) == Counter(
        {rel: action_count(plan) for rel, plan in plans.items() if action_count(plan)}
    )
    database = out_dir / "plans.sqlite"
    assert table_counts(database) == {
        "plans": len(plans),
        "recommendations": sum(len(plan.recommendations) for plan in plans.values()),
        "actions": sum(action_count(plan) for plan in plans.values()),
        "warnings": sum(len(plan.warnings) for plan in plans.values()),
        "action_owners": sum(len(a.owners) for plan in plans.values() for rec in plan.recommendations for a in rec.actions),
    }
    with sqlite3.connect(database) as db:
        assert sorted(row[0] for row in db.execute("SELECT file FROM plans")) == sorted(plans)
    assert json.loads((out_dir / METADATA).read_text(encoding="utf-8"))["databases"]["plans"]["tables"]
    assert leftovers(out_dir) == []
    return plans

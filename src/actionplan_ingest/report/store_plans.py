"""A batch out folder -> the plans in it, read from their JSON files (not from plans.sqlite).

Every ``*.json`` under the folder is looked at, except in hidden folders
(a run's staging area) and hidden files. A JSON file that is not a plan (no
``schema_version`` key: a Datasette metadata file, a cache manifest) is not a
plan and is passed over; one that is a plan but does not validate against the
model is skipped and named, so a damaged file never silently changes the
figures.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..errors import InputNotFound, NoPlansFound, NotAFile
from ..models import ActionPlan, validation_problem


@dataclass(frozen=True)
class StorePlans:
    plans: list[tuple[str, ActionPlan]]  # (name in the store: the JSON path without ".json", plan)
    skipped: list[str] = field(default_factory=list)  # "path: reason" for each plan file that did not validate


def read_store_plans(out_dir: Path) -> StorePlans:
    """The plans in a batch out folder, sorted by name; raises when there are none."""
    if not out_dir.exists():
        raise InputNotFound(out_dir, "no such folder")
    if not out_dir.is_dir():
        raise NotAFile(out_dir, "is not a folder: give the --out folder of a batch run")
    plans, skipped = [], []
    for path in sorted(out_dir.rglob("*.json")):
        relative = path.relative_to(out_dir)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        plan, problem = _read_plan(path)
        if problem:
            skipped.append(f"{path}: {problem}")
        elif plan is not None:
            plans.append((relative.as_posix().removesuffix(".json"), plan))
    if not plans:
        reason = "holds no valid plan JSON" if skipped else "holds no plan JSON files"
        raise NoPlansFound(out_dir, f"{reason}; run 'actionplan-ingest batch INPUTS --out {out_dir}' first")
    return StorePlans(plans, skipped)


def _read_plan(path: Path) -> tuple[ActionPlan | None, str | None]:
    """(plan, None), (None, None) for JSON that is not a plan, or (None, why it is a broken plan)."""
    try:
        raw = path.read_bytes()
        document = json.loads(raw)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"unreadable ({exc})"
    if not isinstance(document, dict) or "schema_version" not in document:
        return None, None
    try:
        return ActionPlan.model_validate_json(raw, strict=True), None
    except ValidationError as exc:
        return None, validation_problem(exc)

"""One plan -> its JSON document (SPEC.md key order, UTF-8, two-space indent)."""
from __future__ import annotations

from ..models import ActionPlan


def plan_json(plan: ActionPlan) -> str:
    return plan.model_dump_json(indent=2) + "\n"

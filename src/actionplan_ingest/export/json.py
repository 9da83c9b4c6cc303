"""One plan -> its JSON document (SPEC.md key order, UTF-8, two-space indent)."""
from __future__ import annotations

from ..discover import display_name
from ..models import ActionPlan


def plan_json(plan: ActionPlan) -> str:
    return printable(plan).model_dump_json(indent=2) + "\n"


def printable(plan: ActionPlan) -> ActionPlan:
    """The plan, its file name made UTF-8 (a name in another encoding has its bytes shown as \\xNN)."""
    shown = display_name(plan.source.file)
    if shown == plan.source.file:
        return plan
    return plan.model_copy(update={"source": plan.source.model_copy(update={"file": shown})})

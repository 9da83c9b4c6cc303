"""What happened to one input of a batch: the record the batch reports, the store keeps and the summary prints.

A result carries counts, never the plan itself: the plan's JSON goes straight
into the store, so a batch's memory does not grow with its plans.
"""
from __future__ import annotations

from dataclasses import dataclass

from .discover import Input
from .models import ActionPlan

OK_OUTCOMES = frozenset({"ok", "ok_with_warnings"})
SKIPPED = "skipped"  # found while searching but not an input: a link loop, a broken link
# Outcomes that depend on the run (its limits, the machine, the other inputs), not on
# the input's bytes alone: an input with one of them is converted again next time.
RUN_DEPENDENT_OUTCOMES = frozenset({"timeout", "crashed", "out_of_memory", "output_conflict", SKIPPED})


@dataclass(frozen=True)
class PlanCounts:
    recommendations: int
    actions: int
    warnings: int

    @classmethod
    def of(cls, plan: ActionPlan) -> PlanCounts:
        return cls(len(plan.recommendations), sum(len(r.actions) for r in plan.recommendations), len(plan.warnings))


@dataclass(frozen=True)
class FileResult:
    input: Input
    outcome: str  # "ok", "ok_with_warnings", "timeout", "crashed", "skipped", or an IngestError outcome
    message: str | None = None
    counts: PlanCounts | None = None  # what the plan holds, when there is one
    sha256: str | None = None  # of the input's bytes, when they could be read
    seconds: float = 0.0
    unchanged: bool = False  # same bytes and tool version as in an earlier run: not converted again

    @property
    def failed(self) -> bool:
        return self.outcome not in OK_OUTCOMES and self.outcome != SKIPPED

    @property
    def has_plan(self) -> bool:
        return self.outcome in OK_OUTCOMES

    @property
    def reusable(self) -> bool:
        """Whether the same bytes under the same tool would give the same result again."""
        return self.sha256 is not None and self.outcome not in RUN_DEPENDENT_OUTCOMES

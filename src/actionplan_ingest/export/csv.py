"""Plans -> one CSV row per action, with its plan and recommendation fields repeated.

Written for spreadsheets: ISO dates, list fields joined with "; ", and a
UTF-8 byte-order mark when written to a file so Excel reads the encoding.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import TextIO

from ..models import ActionPlan
from .json import printable

COLUMNS: tuple[str, ...] = (
    "file", "plan_title", "report_title", "report_published", "submitted",
    "rec_number", "addressee", "recommendation", "agreement", "agreement_raw",
    "action_index", "action", "owner", "target_raw", "completed", "ongoing",
    "dates", "recurrence", "due", "phase_kind", "phase_label", "phase_as_of",
    "page", "line_start", "line_end",
)
BOM = "\ufeff"


def action_rows(plan: ActionPlan, file: str | None = None) -> Iterator[dict[str, object]]:
    """One flat record per action, keyed by ``COLUMNS``; ``file`` overrides the plan's file name."""
    for rec in plan.recommendations:
        for index, action in enumerate(rec.actions, start=1):
            target, phase = action.target, action.phase
            yield {
                "file": file or plan.source.file,
                "plan_title": plan.title,
                "report_title": plan.report.title,
                "report_published": plan.report.published,
                "submitted": plan.submitted,
                "rec_number": rec.number,
                "addressee": rec.addressee,
                "recommendation": rec.text,
                "agreement": rec.agreement.value if rec.agreement else None,
                "agreement_raw": rec.agreement_raw,
                "action_index": index,
                "action": action.text,
                "owner": action.owner,
                "target_raw": target.raw if target else None,
                "completed": target.completed if target else None,
                "ongoing": target.ongoing if target else None,
                "dates": "; ".join(target.dates) if target else None,
                "recurrence": target.recurrence.value if target and target.recurrence else None,
                "due": target.due.isoformat() if target and target.due else None,
                "phase_kind": phase.kind.value if phase else None,
                "phase_label": phase.label if phase else None,
                "phase_as_of": phase.as_of if phase else None,
                "page": action.source.page,
                "line_start": action.source.line_start,
                "line_end": action.source.line_end,
            }


class ActionsCsv:
    """Writes the CSV one plan at a time to a text stream (a batch never holds all its plans).

    Open the stream with ``newline=""``: rows end in CRLF, as RFC 4180 and Excel expect.
    """

    def __init__(self, stream: TextIO, bom: bool = True) -> None:
        if bom:
            stream.write(BOM)
        self._writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\r\n")
        self._writer.writeheader()

    def add(self, plan: ActionPlan, file: str | None = None) -> None:
        """The plan's actions; ``file`` names its input (a batch's relative path) instead of its file name."""
        self._writer.writerows({key: _cell(value) for key, value in row.items()} for row in action_rows(plan, file))


def plans_csv(plans: Sequence[ActionPlan], bom: bool = True) -> str:
    """The CSV text for all actions of the plans, header first."""
    buffer = io.StringIO()
    writer = ActionsCsv(buffer, bom)
    for plan in plans:
        writer.add(printable(plan))
    return buffer.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value

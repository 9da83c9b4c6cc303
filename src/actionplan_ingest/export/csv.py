"""Plans -> one CSV row per action: the flat record of records.py, its columns those of schema.ACTION_LIST.

Written for spreadsheets: ISO dates, list fields joined with "; ", true/false,
and a UTF-8 byte-order mark when written to a file so Excel reads the
encoding. The status is judged on one day for the whole file (``as_of``:
the day of the run), named in its ``status_as_of`` column.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import TextIO

from ..models import ActionPlan
from .json import printable
from .records import Ids, PlanRows, flat_actions, plan_rows
from .schema import ACTION_LIST

COLUMNS: tuple[str, ...] = tuple(c.name for c in ACTION_LIST)
BOM = "\ufeff"


class ActionsCsv:
    """Writes the CSV one plan at a time to a text stream (a batch never holds all its plans).

    Open the stream with ``newline=""``: rows end in CRLF, as RFC 4180 and Excel expect.
    """

    def __init__(self, stream: TextIO, as_of: dt.date, bom: bool = True) -> None:
        if bom:
            stream.write(BOM)
        self.as_of = as_of
        self._writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\r\n")
        self._writer.writeheader()

    def add(self, rows: PlanRows) -> None:
        """One plan's actions, from its rows (``records.plan_rows``)."""
        self._writer.writerows({key: _cell(value) for key, value in record.items()} for record in flat_actions(rows, self.as_of))


def plans_csv(plans: Sequence[ActionPlan], as_of: dt.date, bom: bool = True) -> str:
    """The CSV text for all actions of the plans, header first, numbered as a database of these plans would be."""
    buffer = io.StringIO()
    writer, ids = ActionsCsv(buffer, as_of, bom), Ids()
    for plan in plans:
        plan = printable(plan)
        writer.add(plan_rows(plan.source.file, plan, ids))
    return buffer.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value

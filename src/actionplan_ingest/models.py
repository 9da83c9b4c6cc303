"""The output contract of SPEC.md as pydantic models.

Field order here is the key order of the JSON; the committed JSON Schema is
generated from these classes, so a change here is a change to the contract.
"""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

SCHEMA_VERSION = "1.1"


def _real_calendar_date(value: str) -> str:
    """Reject partial dates that match the pattern but name no real day (2021-02-30)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        raise ValueError(f"month out of range in {value!r}")
    if len(parts) == 3:
        dt.date(*parts)
    return value


PartialDate = Annotated[
    str,
    Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="ISO 8601 date, as precise as the document: YYYY, YYYY-MM or YYYY-MM-DD"),
    AfterValidator(_real_calendar_date),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Agreement(str, Enum):
    AGREED = "agreed"
    PARTLY_AGREED = "partly_agreed"
    NOT_AGREED = "not_agreed"


class Recurrence(str, Enum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    BIMONTHLY = "bimonthly"
    QUARTERLY = "quarterly"
    SIX_MONTHLY = "six-monthly"
    ANNUALLY = "annually"


class PhaseKind(str, Enum):
    COMMITMENT = "commitment"
    PROGRESS = "progress"


class WarningCode(str, Enum):
    """Stable codes for every guess and every unreadable part of a document."""

    TARGET_TRUNCATED = "target_truncated"
    TARGET_UNRECOGNISED = "target_unrecognised"
    DATE_APPROXIMATED = "date_approximated"
    DATE_UNREADABLE = "date_unreadable"
    AGREEMENT_UNRECOGNISED = "agreement_unrecognised"
    SPANNING_ROW_REPAIRED = "spanning_row_repaired"
    DUPLICATE_TEXT_REMOVED = "duplicate_text_removed"
    DUPLICATE_FRAGMENT = "duplicate_fragment"
    TEXT_SPLIT_MID_SENTENCE = "text_split_mid_sentence"
    ROW_CONTINUED_ACROSS_PAGE = "row_continued_across_page"
    TEXT_TRUNCATED = "text_truncated"
    OWNER_SPLIT_ACROSS_ROWS = "owner_split_across_rows"
    OWNERS_SPLIT_GUESSED = "owners_split_guessed"
    ROW_START_MISSING = "row_start_missing"
    ROWS_RUN_TOGETHER = "rows_run_together"
    MERGED_ROWS = "merged_rows"
    ORPHAN_ROW = "orphan_row"
    HEADER_FIELD_MISSING = "header_field_missing"
    NUMBERING_GAP = "numbering_gap"
    INPUT_DAMAGED = "input_damaged"
    COLUMNS_RUN_TOGETHER = "columns_run_together"
    ROWS_GROUPED_BY_CONTENT = "rows_grouped_by_content"
    CELL_PLACED_BY_ORDER = "cell_placed_by_order"
    CELLS_INTERWOVEN = "cells_interwoven"
    COLUMNS_READ_AS_BLOCKS = "columns_read_as_blocks"
    PHASE_ROW_PLACED = "phase_row_placed"


class Source(_Model):
    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    format: Literal["pdf", "docx", "text", "layout_text", "plain_text"]
    pages: int | None = Field(ge=1)


class Report(_Model):
    title: str | None
    published: PartialDate | None


class Phase(_Model):
    kind: PhaseKind
    label: str
    as_of: PartialDate | None


class Target(_Model):
    raw: str
    completed: bool
    ongoing: bool
    dates: list[PartialDate]
    recurrence: Recurrence | None
    due: dt.date | None


class ActionSource(_Model):
    page: int | None = Field(ge=1)
    line_start: int | None = Field(ge=1)
    line_end: int | None = Field(ge=1)


class Action(_Model):
    text: str
    owner: str | None
    owners: list[str]
    target: Target | None
    phase: Phase | None
    source: ActionSource


class Recommendation(_Model):
    number: str
    addressee: str | None
    text: str | None
    agreement: Agreement | None
    agreement_raw: str | None
    actions: list[Action]


class PlanWarning(_Model):
    code: WarningCode
    message: str
    page: int | None = Field(ge=1)
    line: int | None = Field(ge=1)


class ActionPlan(_Model):
    """One published action plan, as read from one file."""

    schema_version: Literal["1.1"] = SCHEMA_VERSION
    source: Source
    title: str | None
    report: Report
    submitted: PartialDate | None
    updates: list[PartialDate]
    recommendations: list[Recommendation]
    warnings: list[PlanWarning]


def validation_problem(exc: ValidationError) -> str:
    """A one-line account of a document's first schema error, by its JSON path."""
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "(document)"
    return f"invalid at {where}: {first['msg']}"


def json_schema() -> dict:
    """The JSON Schema of an output document (committed as schemas/action-plan.schema.json)."""
    schema = ActionPlan.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://actionplan-ingest/schemas/action-plan.schema.json"
    return schema

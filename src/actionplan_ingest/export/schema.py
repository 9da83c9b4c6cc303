"""What plans.sqlite and actions.csv hold: each table's columns with their meaning, and the flat action record.

Data only, and the one place these are named: ``sqlite.py`` creates the
tables and indexes from it, ``records.py`` fills them and the flat record,
``views.py`` builds the views, ``datasette.py`` describes them all.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: type  # int, bool, str or float (sqlite-utils: INTEGER, INTEGER 0/1, TEXT, REAL)
    description: str
    is_list: bool = False  # a JSON list in the database, joined with "; " in the flat record


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    not_null: frozenset[str] = frozenset()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, other table, its column)
    pk: str | tuple[str, ...] = "id"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _id(what: str) -> Column:
    return Column("id", int, f"The {what}'s id in this database (rebuilt at each batch run: join on it, do not keep it)")


PLANS = Table(
    "plans",
    "One row per plan document in the store",
    (
        _id("plan"),
        Column("file", str, "The plan's input path relative to its batch folder: the plan's lasting name in the store"),
        Column("source_file", str, "The input's file name"),
        Column("sha256", str, "SHA-256 of the input's bytes"),
        Column("format", str, "The form it was read from: pdf, docx, text, layout_text, plain_text"),
        Column("pages", int, "Pages of a PDF; NULL for other forms"),
        Column("title", str, "The plan's title"),
        Column("report_title", str, "The title of the inspection report the plan answers"),
        Column("report_published", str, "When the report was published (ISO date, as precise as the plan says)"),
        Column("submitted", str, "When the plan was submitted (ISO date, as precise as the plan says)"),
        Column("updates", str, "When the plan was updated (ISO dates)", is_list=True),
    ),
    not_null=frozenset({"file", "source_file", "sha256", "format", "updates"}),
)
RECOMMENDATIONS = Table(
    "recommendations",
    "One row per recommendation of the report, with the plan's response",
    (
        _id("recommendation"),
        Column("plan_id", int, "Its plan (plans.id)"),
        Column("position", int, "Its place in the plan, from 1"),
        Column("number", str, "Its number as the report gives it (1, 2.09, S37)"),
        Column("addressee", str, "Whom the report addresses it to"),
        Column("text", str, "The recommendation"),
        Column("agreement", str, "The response: agreed, partly_agreed, not_agreed; NULL when the plan does not say"),
        Column("agreement_raw", str, "The response as written"),
    ),
    not_null=frozenset({"plan_id", "position", "number"}),
    foreign_keys=(("plan_id", "plans", "id"),),
)
ACTIONS = Table(
    "actions",
    "One row per action the plan commits to",
    (
        _id("action"),
        Column("plan_id", int, "Its plan (plans.id)"),
        Column("recommendation_id", int, "Its recommendation (recommendations.id)"),
        Column("position", int, "Its place in the recommendation, from 1"),
        Column("text", str, "The action"),
        Column("owner", str, "The owner cell as written"),
        Column("owners", str, "The individual owners the cell names, as written (see the owners table)", is_list=True),
        Column("target_raw", str, "The target cell as written; NULL when there is none"),
        Column("completed", bool, "1 when the target says completed or achieved; NULL when there is no target"),
        Column("ongoing", bool, "1 when the target says ongoing, continuous or business as usual"),
        Column("dates", str, "The dates the target names (ISO, as precise as written)", is_list=True),
        Column("recurrence", str, "How often the target says the work recurs (monthly, quarterly, ...)"),
        Column("due", str, "The last day of the latest date the target names (ISO date)"),
        Column("phase_kind", str, "The phase the action belongs to, when the plan groups actions in phases"),
        Column("phase_label", str, "The phase as written"),
        Column("phase_as_of", str, "The date the phase names"),
        Column("page", int, "The page it starts on (PDF)"),
        Column("line_start", int, "The first line it was read from (text forms)"),
        Column("line_end", int, "The last line it was read from (text forms)"),
    ),
    not_null=frozenset({"plan_id", "recommendation_id", "position", "text", "owners"}),
    foreign_keys=(("plan_id", "plans", "id"), ("recommendation_id", "recommendations", "id")),
)
WARNINGS = Table(
    "warnings",
    "What the tool had to guess, or could not read, in each plan",
    (
        _id("warning"),
        Column("plan_id", int, "Its plan (plans.id)"),
        Column("code", str, "A stable code for the kind of guess or problem"),
        Column("message", str, "What happened"),
        Column("page", int, "Where: the page"),
        Column("line", int, "Where: the line"),
    ),
    not_null=frozenset({"plan_id", "code", "message"}),
    foreign_keys=(("plan_id", "plans", "id"),),
)
FILES = Table(
    "files",
    "One row per input of the last batch run, with its outcome",
    (
        _id("input"),
        Column("file", str, "The input's path relative to its batch folder, as in plans.file"),
        Column("input", str, "The input's path as the batch was given it"),
        Column("sha256", str, "SHA-256 of the input's bytes; NULL when it could not be read"),
        Column("outcome", str, "ok, ok_with_warnings, or why it failed (see the README)"),
        Column("message", str, "Why it failed; NULL when it did not"),
        Column("unchanged", bool, "1: same bytes and tool version as in an earlier run, not converted again"),
        Column("seconds", float, "How long its conversion took"),
        Column("plan_id", int, "Its plan (plans.id), when the store holds one"),
    ),
    not_null=frozenset({"file", "input", "outcome", "unchanged"}),
    foreign_keys=(("plan_id", "plans", "id"),),
)
OWNERS = Table(
    "owners",
    "One row per owner across every plan: the spellings of one post under one canonical name",
    (
        _id("owner"),
        Column("name", str, "The canonical name: the spelling used most (on a tie the longer)"),
        Column("variants", str, "Every spelling of this owner in the store, the most used first", is_list=True),
        Column("actions", int, "Actions naming this owner"),
        Column("plans", int, "Plans with an action naming this owner"),
    ),
    not_null=frozenset({"name", "variants", "actions", "plans"}),
)
ACTION_OWNERS = Table(
    "action_owners",
    "Which owners each action names: one row per owner of an action",
    (
        Column("action_id", int, "The action (actions.id)"),
        Column("owner_id", int, "The owner (owners.id)"),
        Column("position", int, "Its place among the action's owners, from 1"),
        Column("as_written", str, "The owner as this action names it (one of owners.variants)"),
    ),
    not_null=frozenset({"action_id", "owner_id", "position", "as_written"}),
    foreign_keys=(("action_id", "actions", "id"), ("owner_id", "owners", "id")),
    pk=("action_id", "position"),
)
TABLES: tuple[Table, ...] = (PLANS, RECOMMENDATIONS, ACTIONS, WARNINGS, FILES, OWNERS, ACTION_OWNERS)

# (table, columns, unique): every foreign key, and the columns questions filter on. action_owners.action_id
# leads its primary key, which SQLite indexes.
INDEXES: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("plans", ("file",), True),
    ("recommendations", ("plan_id",), False),
    ("recommendations", ("agreement",), False),
    ("actions", ("plan_id",), False),
    ("actions", ("recommendation_id",), False),
    ("actions", ("owner",), False),
    ("actions", ("due",), False),
    ("warnings", ("plan_id",), False),
    ("warnings", ("code",), False),
    ("files", ("plan_id",), False),
    ("files", ("outcome",), False),
    ("owners", ("name",), True),
    ("action_owners", ("owner_id",), False),
    ("action_owners", ("as_written",), False),
)
# Full-text search (FTS5, Porter stemming: "monitor" finds "monitoring"): table -> columns; its index is <table>_fts.
FULL_TEXT: dict[str, tuple[str, ...]] = {"recommendations": ("text",), "actions": ("text",)}


@dataclass(frozen=True)
class FlatColumn:
    """A column of the flat action record: a table's column under a flat name, or the status."""

    name: str
    source: str | None  # "table.column"; None: computed (the status)
    description: str = ""

    @property
    def column(self) -> Column | None:
        if self.source is None:
            return None
        table, column = self.source.split(".")
        return next(t for t in TABLES if t.name == table).column(column)

    @property
    def meaning(self) -> str:
        return self.description or self.column.description


STATUS_AS_OF = "status_as_of"
# One row per action: the columns of actions.csv and of the action_list view, in this order and by these names.
ACTION_LIST: tuple[FlatColumn, ...] = (
    FlatColumn("plan_id", "plans.id", "The plan's id in plans.sqlite built with this CSV (plans.id)"),
    FlatColumn("file", "plans.file"),
    FlatColumn("plan_title", "plans.title", "The plan's title"),
    FlatColumn("report_title", "plans.report_title"),
    FlatColumn("report_published", "plans.report_published"),
    FlatColumn("submitted", "plans.submitted"),
    FlatColumn("updates", "plans.updates"),
    FlatColumn("rec_number", "recommendations.number", "The recommendation's number as the report gives it"),
    FlatColumn("addressee", "recommendations.addressee"),
    FlatColumn("recommendation", "recommendations.text", "The recommendation"),
    FlatColumn("agreement", "recommendations.agreement"),
    FlatColumn("agreement_raw", "recommendations.agreement_raw"),
    FlatColumn("action_id", "actions.id", "The action's id in plans.sqlite built with this CSV (actions.id)"),
    FlatColumn("action_index", "actions.position"),
    FlatColumn("action", "actions.text"),
    FlatColumn("owner", "actions.owner"),
    FlatColumn("owners", "actions.owners"),
    FlatColumn("target_raw", "actions.target_raw"),
    FlatColumn("completed", "actions.completed"),
    FlatColumn("ongoing", "actions.ongoing"),
    FlatColumn("dates", "actions.dates"),
    FlatColumn("recurrence", "actions.recurrence"),
    FlatColumn("due", "actions.due"),
    FlatColumn("status", None, "completed, overdue, ongoing, due_later or no_date on the day status_as_of (README: Status as of a date)"),
    FlatColumn(STATUS_AS_OF, None, "The day the status is judged on: the batch run's day in actions.csv, today in the view"),
    FlatColumn("phase_kind", "actions.phase_kind"),
    FlatColumn("phase_label", "actions.phase_label"),
    FlatColumn("phase_as_of", "actions.phase_as_of"),
    FlatColumn("page", "actions.page"),
    FlatColumn("line_start", "actions.line_start"),
    FlatColumn("line_end", "actions.line_end"),
)

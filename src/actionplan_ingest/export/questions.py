"""The questions analysts ask of plans.sqlite, as SQL: Datasette's canned queries and the README's examples.

A ``:name`` in a query is a value the analyst gives (Datasette shows a form
field for it); ``example`` holds the value the README shows it with. A test
checks that the README shows each query, with its example values written in,
and the output it gives on a batch of samples/.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .views import status_sql


@dataclass(frozen=True)
class Question:
    name: str
    title: str
    description: str
    sql: str
    example: dict[str, str] = field(default_factory=dict)


_STATUS_COUNTS = (
    "count(*) AS actions, sum(status = 'completed') AS completed, sum(status = 'overdue') AS overdue,\n"
    "  sum(status = 'ongoing') AS ongoing, sum(status = 'due_later') AS due_later, sum(status = 'no_date') AS no_date"
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        "overdue",
        "Which actions are overdue?",
        "Actions past their due date today and not marked completed, the longest overdue first.",
        "SELECT file, rec_number, owners, target_raw, due\n"
        "FROM overdue_actions\n"
        "LIMIT 5;\n",
    ),
    Question(
        "status_by_plan",
        "How do each plan's actions stand today?",
        "Actions by status as of today, per plan.",
        f"SELECT p.file, {_STATUS_COUNTS}\n"
        "FROM action_status s JOIN plans p ON p.id = s.plan_id\n"
        "GROUP BY p.id ORDER BY p.file;\n",
    ),
    Question(
        "status_on_a_date",
        "How did each plan's actions stand on a date?",
        "Actions by status on the day as_of (YYYY-MM-DD), per plan: the same rule as the action_status view and report --as-of.",
        f"SELECT file, {_STATUS_COUNTS}\n"
        "FROM (\n"
        f"  SELECT file, {status_sql('date(:as_of)', 'l')} AS status\n"
        "  FROM action_list l WHERE date(:as_of) IS NOT NULL\n"
        ")\n"
        "GROUP BY file ORDER BY file;\n",
        {"as_of": "2022-01-01"},
    ),
    Question(
        "owner_actions",
        "What does an owner own across plans?",
        "Every action naming the owner, under any spelling of its name (case ignored), with its status today.",
        "SELECT l.file, l.rec_number, l.owners, l.target_raw, l.status\n"
        "FROM action_owners ao JOIN action_list l ON l.action_id = ao.action_id\n"
        "WHERE ao.owner_id IN (SELECT owner_id FROM action_owners WHERE as_written = :owner COLLATE NOCASE)\n"
        "ORDER BY l.action_id;\n",
        {"owner": "Chief Probation Officer"},
    ),
    Question(
        "open_by_owner",
        "Who owns the most open actions?",
        "Owners by open actions (every status but completed) today, under their canonical names across plans.",
        "SELECT o.name AS owner, count(*) AS open, sum(s.status = 'overdue') AS overdue,\n"
        "  count(DISTINCT s.plan_id) AS plans\n"
        "FROM owners o\n"
        "JOIN action_owners ao ON ao.owner_id = o.id\n"
        "JOIN action_status s ON s.action_id = ao.action_id\n"
        "WHERE s.status != 'completed'\n"
        "GROUP BY o.id ORDER BY open DESC, overdue DESC, owner LIMIT 5;\n",
    ),
    Question(
        "agreement_by_plan",
        "How many recommendations were only partly agreed, or not agreed?",
        "Recommendations by the plan's response, per plan.",
        "SELECT p.file, count(*) AS recommendations, sum(r.agreement = 'agreed') AS agreed,\n"
        "  sum(r.agreement = 'partly_agreed') AS partly_agreed, sum(r.agreement = 'not_agreed') AS not_agreed\n"
        "FROM recommendations r JOIN plans p ON p.id = r.plan_id\n"
        "GROUP BY p.id ORDER BY p.file;\n",
    ),
    Question(
        "days_to_plan",
        "How long do plans take to arrive after the report?",
        "Days from the report's publication to the plan's submission, where both dates name a day.",
        "SELECT file, report_published, submitted,\n"
        "  CAST(julianday(submitted) - julianday(report_published) AS INTEGER) AS days\n"
        "FROM plans WHERE length(report_published) = 10 AND length(submitted) = 10\n"
        "ORDER BY days DESC;\n",
    ),
    Question(
        "search",
        "Which recommendations and actions mention ...?",
        "Full-text search (SQLite FTS5: words, \"a phrase\", OR, NOT, prefix*; words match their other forms).",
        "SELECT p.file, r.number, 'recommendation' AS found_in,\n"
        "  snippet(recommendations_fts, 0, '[', ']', '...', 8) AS text\n"
        "FROM recommendations_fts JOIN recommendations r ON r.id = recommendations_fts.rowid\n"
        "JOIN plans p ON p.id = r.plan_id WHERE recommendations_fts MATCH :words\n"
        "UNION ALL\n"
        "SELECT p.file, r.number, 'action', snippet(actions_fts, 0, '[', ']', '...', 8)\n"
        "FROM actions_fts JOIN actions a ON a.id = actions_fts.rowid\n"
        "JOIN recommendations r ON r.id = a.recommendation_id\n"
        "JOIN plans p ON p.id = a.plan_id WHERE actions_fts MATCH :words\n"
        "ORDER BY 1, 2;\n",
        {"words": "curfew"},
    ),
)

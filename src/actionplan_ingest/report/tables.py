"""Report figures -> tables, written as rich tables (a terminal) or Markdown (a pipe or file).

One table model feeds every output (terminal, Markdown, and the HTML page's
tables), so the three always show the same figures.
"""
from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.table import Table as RichTable

from ..status import Status
from .figures import AGREEMENT_LABELS, AGREEMENTS, StoreFigures

NO_VALUE = "-"


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    total: tuple[str, ...] | None = None
    numeric_from: int = 1  # columns from this one on hold numbers (right-aligned)
    note: str | None = None


def report_title(figures: StoreFigures) -> str:
    count = len(figures.plans)
    return f"Action plans: {count} plan{'s' if count != 1 else ''} as of {figures.as_of.isoformat()}"


def report_tables(figures: StoreFigures) -> list[Table]:
    plans, count = figures.plans, len(figures.plans)
    every = f"All {count} plans"
    median = figures.median_days_to_submission
    return [
        Table(
            "Plans: days from report publication to plan submission",
            ("Plan", "Title", "Report published", "Plan submitted", "Days"),
            [(p.name, p.title or NO_VALUE, p.published or NO_VALUE, p.submitted or NO_VALUE, _number(p.days_to_submission)) for p in plans],
            (every, "", "", "", f"{median:g} (median)" if median is not None else NO_VALUE),
            numeric_from=4,
            note="Days are shown where both dates name a day.",
        ),
        Table(
            "Recommendations by agreement",
            ("Plan", *(AGREEMENT_LABELS[a].capitalize() for a in AGREEMENTS), "Total"),
            [(p.name, *(str(p.agreement[a]) for a in AGREEMENTS), str(p.recommendations)) for p in plans],
            (every, *(str(figures.agreement[a]) for a in AGREEMENTS), str(sum(figures.agreement.values()))),
        ),
        Table(
            f"Actions as of {figures.as_of.isoformat()}",
            ("Plan", *(s.label.capitalize() for s in Status), "Total"),
            [(p.name, *(str(p.status[s]) for s in Status), str(p.actions)) for p in plans],
            (every, *(str(figures.status[s]) for s in Status), str(sum(figures.status.values()))),
            note="Overdue: a due date before the as-of date and not completed.",
        ),
        Table(
            f"Open actions by owner as of {figures.as_of.isoformat()}",
            ("Owner", "Open", "Overdue", "Plans"),
            [(o.name, str(o.open), str(o.overdue), str(o.plans)) for o in figures.owners],
            note=(
                "Open: not completed. An action with several owners counts for each; owners are named as most plans write them."
                + (f" {figures.open_without_owner} open actions name no owner." if figures.open_without_owner else "")
            ),
        ),
    ]


def print_tables(figures: StoreFigures, console: Console) -> None:
    """The report as rich tables, for a terminal."""
    console.print(f"[bold]{report_title(figures)}[/bold]")
    for table in report_tables(figures):
        rich_table = RichTable(title=table.title, title_justify="left", caption=table.note, caption_justify="left")
        for index, column in enumerate(table.columns):
            rich_table.add_column(column, justify="right" if index >= table.numeric_from else "left", overflow="fold")
        for row in table.rows:
            rich_table.add_row(*row)
        if table.total:
            rich_table.add_section()
            rich_table.add_row(*table.total, style="bold")
        console.print(rich_table)


def markdown_tables(figures: StoreFigures) -> str:
    """The report as Markdown: a heading and a pipe table per figure."""
    lines = [f"# {report_title(figures)}", ""]
    for table in report_tables(figures):
        lines += [f"## {table.title}", "", _markdown_row(table.columns)]
        lines.append("|" + "|".join("---:" if i >= table.numeric_from else "---" for i in range(len(table.columns))) + "|")
        lines += [_markdown_row(row) for row in table.rows]
        if table.total:
            lines.append(_markdown_row(tuple(f"**{cell}**" if cell else "" for cell in table.total)))
        lines.append("")
        if table.note:
            lines += [table.note, ""]
    return "\n".join(lines)


def _markdown_row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _number(value: int | None) -> str:
    return NO_VALUE if value is None else str(value)

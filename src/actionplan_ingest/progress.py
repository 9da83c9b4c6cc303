"""What a person (or a script) sees of a batch: a progress bar on a terminal, a summary at the end.

The summary is a table (file, recommendations, actions, warnings, outcome),
totals, and where the outputs are; ``--summary-json`` writes the same as JSON.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from .batch import BatchReport, Observer
from .discover import display_name
from .export.atomic import write_atomic
from .results import SKIPPED, FileResult
from .store import CSV_NAME, DATABASE_NAME


class _ProgressBar(Observer):
    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("converting", total=None)

    def started(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def finished(self, result: FileResult) -> None:
        self.progress.update(self.task, advance=1, description=result.input.name[-40:])


@contextmanager
def terminal_progress() -> Iterator[Observer]:
    """A progress bar on stderr when it is a terminal; otherwise a silent observer."""
    if not sys.stderr.isatty():
        yield Observer()
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        yield _ProgressBar(progress)


def totals(report: BatchReport) -> dict[str, int]:
    inputs = [r for r in report.results if r.outcome != SKIPPED]
    failed = sum(r.failed for r in inputs)
    return {
        "files": len(inputs),
        "converted": len(inputs) - failed,
        "unchanged": sum(r.unchanged for r in inputs),
        "failed": failed,
        "skipped": len(report.results) - len(inputs),
    }


def print_summary(report: BatchReport, committed: bool = True) -> None:
    """One line per file, what was read from it or why it failed; totals; where the outputs are."""
    table = Table(title=f"actionplan-ingest batch -> {display_name(str(report.out_dir))}")
    for column in ("file", "recommendations", "actions", "warnings", "outcome"):
        table.add_column(column, justify="right" if column in ("recommendations", "actions", "warnings") else "left")
    for result in report.results:
        counts = result.counts
        outcome = result.outcome if result.message is None else f"{result.outcome}: {result.message}"
        table.add_row(  # Text(): file names and messages are shown as written, never as markup
            Text(result.input.name),
            str(counts.recommendations) if counts else "-",
            str(counts.actions) if counts else "-",
            str(counts.warnings) if counts else "-",
            Text(outcome + (" (unchanged since the last run)" if result.unchanged else "")),
        )
    console = Console(width=None if sys.stdout.isatty() else 200)
    console.print(table)
    count = totals(report)
    line = f"{count['converted']} of {count['files']} files converted; {count['failed']} failed"
    if count["unchanged"]:
        line += f"; {count['unchanged']} unchanged since the last run (not converted again)"
    console.print(Text(line))
    for name in report.ignored:
        console.print(Text(f"note: {name} in the out folder is not a plan document; left out of {CSV_NAME} and {DATABASE_NAME}"))
    out = display_name(str(report.out_dir))
    if committed:
        console.print(Text(f"outputs: {out}/<input path>.json per plan, {out}/{CSV_NAME}, {out}/{DATABASE_NAME}"))
    else:
        console.print(Text(f"outputs: none written; {out} is as it was before this run"))


def write_summary_json(path: Path, report: BatchReport, error: str | None = None) -> None:
    """The summary as JSON, for scripts: per file its outcome and counts, the totals, the outputs."""
    out = report.out_dir
    summary = {
        "out_dir": display_name(str(out)),
        "outputs": None if error else {"csv": display_name(str(out / CSV_NAME)), "database": display_name(str(out / DATABASE_NAME))},
        "error": error,
        "totals": totals(report),
        "files": [_file_summary(r) for r in report.results],
        "ignored": report.ignored,
    }
    write_atomic(path, (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def _file_summary(result: FileResult) -> dict[str, object]:
    counts = result.counts
    return {
        "file": result.input.name,
        "input": display_name(str(result.input.path)),
        "outcome": result.outcome,
        "message": result.message,
        "recommendations": counts.recommendations if counts else None,
        "actions": counts.actions if counts else None,
        "warnings": counts.warnings if counts else None,
        "unchanged": result.unchanged,
        "seconds": round(result.seconds, 3),
    }

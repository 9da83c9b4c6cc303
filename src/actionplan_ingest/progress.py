"""What a person sees of a batch: a progress bar on a terminal, a summary table at the end."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

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

from .batch import BatchReport, FileResult, Observer


class _ProgressBar(Observer):
    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("converting", total=None)

    def started(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def finished(self, result: FileResult) -> None:
        self.progress.update(self.task, advance=1, description=result.input.relative.as_posix()[-40:])


@contextmanager
def terminal_progress() -> Iterator[Observer]:
    """A progress bar on stderr when it is a terminal; otherwise a silent observer."""
    if not sys.stderr.isatty():
        yield Observer()
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        yield _ProgressBar(progress)


def print_summary(report: BatchReport) -> None:
    """One line per file: what was read from it, or why it failed."""
    table = Table(title=f"actionplan-ingest batch -> {report.out_dir}")
    for column in ("file", "recommendations", "actions", "warnings", "outcome"):
        table.add_column(column, justify="right" if column in ("recommendations", "actions", "warnings") else "left")
    for result in report.results:
        plan = result.plan
        table.add_row(  # Text(): file names and messages are shown as written, never as markup
            Text(result.input.relative.as_posix()),
            str(len(plan.recommendations)) if plan else "-",
            str(sum(len(r.actions) for r in plan.recommendations)) if plan else "-",
            str(len(plan.warnings)) if plan else "-",
            Text(result.outcome if plan else f"{result.outcome}: {result.message}"),
        )
    console = Console(width=None if sys.stdout.isatty() else 200)
    console.print(table)
    converted = len(report.results) - len(report.failed)
    console.print(f"{converted} of {len(report.results)} files converted; {len(report.failed)} failed")

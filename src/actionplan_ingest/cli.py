"""The command line: thin commands over the library.

Each command parses its options, makes one library call and prints the
result. ``run()`` is the only place that turns an exception into an exit
code: a one-line message on stderr, and a traceback only with ``-v``.
"""
from __future__ import annotations

import importlib.util
import json
import logging
import signal
import sys
import traceback
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import (
    ExitCode,
    IngestError,
    InputNotFound,
    Interrupted,
    NotAFile,
    OutputError,
    out_of_memory,
)
from .export.atomic import write_atomic
from .limits import DEFAULT_MEMORY_LIMIT_MB, limit_memory
from .readers.pdf_engines import DEFAULT_PDF_ENGINE, PdfEngine

# Each command imports what it needs when it runs: --help, schema and validate never load
# the PDF libraries, and extract never loads rich (see tests/test_startup.py).

app = typer.Typer(
    name="actionplan-ingest",
    help="Turn published HMPPS/MoJ action plans (PDF, Word or text extraction) into validated JSON, CSV and SQLite.",
    epilog=(
        "Exit codes: 0 success; 1 a document failed, differed or is invalid; 2 bad usage (including an out "
        "folder that is or holds an input, inputs with no plan file, an out folder another batch is writing); "
        "3 an output could not be written (full disk, read-only folder); 130 interrupted (Ctrl-C)."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_state = {"verbose": False, "own_process": False}  # own_process: started by run(), the console entry point


class OutputFormat(str, Enum):
    json = "json"
    csv = "csv"


PdfEngineOption = Annotated[
    PdfEngine,
    typer.Option(
        "--pdf-engine",
        help="What reads a PDF: pdfium (fast) or pdfplumber (the reference); both give the same JSON. "
        "A PDF that pdfium cannot read (or finds damaged) is read with pdfplumber either way.",
    ),
]


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"actionplan-ingest {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show a traceback when something fails.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Options for every command."""
    _state["verbose"] = verbose


@app.command()
def extract(
    input: Annotated[Path, typer.Argument(help="A plan: PDF or tab-separated text extraction.")],
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="Write here instead of stdout ('-' is stdout).")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="json: the plan; csv: one row per action.")] = OutputFormat.json,
    pdf_engine: PdfEngineOption = DEFAULT_PDF_ENGINE,
) -> None:
    """Extract one plan; JSON to stdout by default."""
    from .pipeline import extract as extract_plan

    if _state["own_process"]:  # a decompression bomb fails here instead of filling the machine; never cap a host process
        limit_memory(DEFAULT_MEMORY_LIMIT_MB)
    try:
        plan = extract_plan(input, pdf_engine=pdf_engine)
    except Exception as exc:
        raise out_of_memory(input, exc, DEFAULT_MEMORY_LIMIT_MB) or exc
    if format is OutputFormat.csv:
        from .export.csv import plans_csv

        _emit(plans_csv([plan], datetime.now().date(), bom=out not in (None, "-")), out)
    else:
        from .export.json import plan_json

        _emit(plan_json(plan), out)


@app.command()
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="Folders (searched recursively) and/or files.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (a store kept across runs): JSON per plan, actions.csv, plans.sqlite.")],
    jobs: Annotated[Optional[int], typer.Option("--jobs", min=1, help="Worker processes (default: the number of cores).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds each file may take.")] = 120.0,
    clean: Annotated[bool, typer.Option("--clean", help="Empty the out folder's store first: convert every input again, keep no other plan.")] = False,
    summary_json: Annotated[Optional[Path], typer.Option("--summary-json", help="Also write the summary as JSON to this file.")] = None,
    pdf_engine: PdfEngineOption = DEFAULT_PDF_ENGINE,
) -> None:
    """Convert many plans into a store; one bad file is reported and skipped, never stops the batch."""
    from .batch import BatchSettings, run_batch
    from .progress import print_summary, terminal_progress, write_summary_json

    def summarise(report, error: str | None = None) -> None:
        print_summary(report, committed=error is None)
        if summary_json is not None:
            try:
                write_summary_json(summary_json, report, error)
            except OSError as exc:
                raise OutputError(summary_json, f"cannot be written ({exc.strerror or exc})") from exc

    try:
        with terminal_progress() as observer:
            settings = BatchSettings(jobs=jobs, timeout=timeout, clean=clean, pdf_engine=pdf_engine)
            report = run_batch(inputs, out, settings, observer)
    except OutputError as exc:
        if exc.report is not None:
            summarise(exc.report, str(exc))
        raise
    summarise(report)
    if report.failed:
        raise typer.Exit(ExitCode.DOCUMENT_FAILED)


@app.command()
def report(
    out_dir: Annotated[Path, typer.Argument(help="A batch --out folder: its plan JSON files are read.")],
    as_of: Annotated[
        Optional[datetime], typer.Option("--as-of", formats=["%Y-%m-%d"], metavar="DATE", help="Judge action status on this date (default: today).")
    ] = None,
    html: Annotated[
        Optional[str], typer.Option("--html", "-o", metavar="FILE", help="Also write a self-contained HTML page with charts here.")
    ] = None,
) -> None:
    """Figures across plans: agreement, action status as of a date, days to submission, open actions per owner."""
    from rich.console import Console

    from .report.figures import store_figures
    from .report.store_plans import read_store_plans
    from .report.tables import markdown_tables, print_tables

    store = read_store_plans(out_dir)
    for skipped in store.skipped:
        typer.echo(f"actionplan-ingest: skipped {skipped}", err=True)
    figures = store_figures(store.plans, (as_of or datetime.now()).date())
    console = Console(highlight=False)
    if console.is_terminal:
        print_tables(figures, console)
    else:
        sys.stdout.write(markdown_tables(figures))
    if html:
        from .report.html import report_html

        _emit(report_html(figures), html)
        typer.echo(f"HTML report written to {html}", err=not console.is_terminal)


@app.command()
def check(
    samples_dir: Annotated[Path, typer.Argument(help="Folder of sample plans with expected/<name>.json.")],
    update: Annotated[bool, typer.Option("--update", help="Rewrite the expected files.")] = False,
    pdf_engine: PdfEngineOption = DEFAULT_PDF_ENGINE,
) -> None:
    """Re-extract samples and diff them against their expected JSON."""
    from .check import check_samples

    if not samples_dir.is_dir():
        raise (InputNotFound if not samples_dir.exists() else NotAFile)(samples_dir, "is not a folder of samples")
    results = check_samples(samples_dir, update=update, pdf_engine=pdf_engine)
    for result in results:
        typer.echo(f"{result.status:8} {result.name}")
        for line in result.diff:
            typer.echo(f"    {line}")
    bad = [r for r in results if r.status in ("differs", "missing", "failed")]
    typer.echo(f"{len(results)} samples, {len(bad)} with differences" if not update else f"{len(results)} expected files written")
    if bad:
        raise typer.Exit(ExitCode.DOCUMENT_FAILED)


@app.command()
def rows(
    input: Annotated[Path, typer.Argument(help="A plan in any form the tool reads.")],
    pdf_engine: PdfEngineOption = DEFAULT_PDF_ENGINE,
) -> None:
    """Print the table rows a reader found, with their page/line and cells, to diagnose a bad read."""
    from .readers import read
    from .table.listing import list_rows

    for line in list_rows(read(input, pdf_engine)):
        typer.echo(line)


@app.command()
def schema(
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Print the JSON Schema of the output document."""
    from .models import json_schema

    _emit(json.dumps(json_schema(), indent=2) + "\n", out)


@app.command()
def validate(
    json_files: Annotated[list[Path], typer.Argument(help="Output documents to check against the schema.")],
) -> None:
    """Check JSON files against the schema; name the first error's path in each bad file."""
    bad = 0
    for path in json_files:
        problem = _validation_problem(path)
        if problem:
            bad += 1
            typer.echo(f"{path}: {problem}", err=True)
        else:
            typer.echo(f"{path}: valid")
    if bad:
        raise typer.Exit(ExitCode.DOCUMENT_FAILED)


def _validation_problem(path: Path) -> str | None:
    from pydantic import ValidationError

    from .models import ActionPlan, validation_problem

    if not path.is_file():
        return "no such file"
    try:
        ActionPlan.model_validate_json(path.read_bytes(), strict=True)
    except ValidationError as exc:
        return validation_problem(exc)
    return None


def _emit(text: str, out: str | None) -> None:
    """Print to stdout, or write a file atomically (no partial file on failure)."""
    if out in (None, "-"):
        sys.stdout.write(text)
        return
    try:
        write_atomic(Path(out), text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(out, f"cannot write output ({exc.strerror or exc})") from exc


def run() -> None:
    """Console entry point: the one place exceptions become exit codes.

    Typer itself handles usage errors (exit 2), --help and ``typer.Exit``.
    Library log lines never reach the user: what matters is in the outcome.
    """
    logging.getLogger().addHandler(logging.NullHandler())
    signal.signal(signal.SIGINT, _interrupt)
    _state["own_process"] = True
    _name_the_script_as_the_package_main()
    try:
        app()
    except IngestError as exc:
        _fail(str(exc), exc.exit_code)
    except Interrupted:
        _fail("interrupted (Ctrl-C)", ExitCode.INTERRUPTED)
    except Exception as exc:  # a bug: still one line, with the traceback behind -v
        _fail(f"internal error: {type(exc).__name__}: {exc} (run with -v for the traceback)", ExitCode.DOCUMENT_FAILED)


def _name_the_script_as_the_package_main() -> None:
    """Give the ``actionplan-ingest`` script's module the spec of ``python -m actionplan_ingest``.

    They are one program; but multiprocessing runs a main module it knows by
    its path again in every batch worker (importing the CLI, typer and all,
    before each file), and leaves one it knows as a package's ``__main__`` alone.
    """
    main = sys.modules.get("__main__")
    if main is not None and getattr(main, "__spec__", None) is None:
        main.__spec__ = importlib.util.find_spec(f"{__package__}.__main__")


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted()


def _fail(message: str, code: int) -> None:
    if _state["verbose"]:
        traceback.print_exc()
    print(f"actionplan-ingest: error: {message}", file=sys.stderr)
    sys.exit(code)

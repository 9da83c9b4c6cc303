"""Many files -> outputs: each file in a worker process with a time and memory limit.

A worker gets a path and returns the plan's JSON or the reason it failed;
only the parent writes outputs, each atomically. A file that hangs, runs out
of memory or crashes its worker is killed and reported, and the batch goes
on. The serial runner does the same work in-process (for tests and
debugging); both produce the same ``FileResult``s.
"""
from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Literal

from .discover import Input, find_inputs
from .errors import IngestError
from .export.atomic import write_atomic
from .export.csv import plans_csv
from .export.json import plan_json
from .export.sqlite import write_database
from .models import ActionPlan
from .pipeline import extract
from .readers.pdf_engines import DEFAULT_PDF_ENGINE, PdfEngine

CSV_NAME = "actions.csv"
DATABASE_NAME = "plans.sqlite"
DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_LIMIT_MB = 3072
KILL_GRACE = 5.0  # seconds a finished worker gets to exit before it is killed
# Imported before workers start, so each one starts with the readers loaded.
WORKER_PRELOAD = (
    "actionplan_ingest.pipeline",
    "actionplan_ingest.readers.pdf",
    "actionplan_ingest.readers.pdf_pdfium",
    "actionplan_ingest.readers.text_tabbed",
)

Outcome = str  # "ok", "ok_with_warnings", "timeout", "crashed", or an IngestError outcome


@dataclass(frozen=True)
class BatchSettings:
    jobs: int | None = None  # worker processes; None = number of cores
    timeout: float = DEFAULT_TIMEOUT  # seconds per file
    memory_limit_mb: int = DEFAULT_MEMORY_LIMIT_MB  # address space per worker
    runner: Literal["process", "serial"] = "process"
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE

    def __post_init__(self) -> None:
        if self.jobs is not None and self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {self.jobs}")
        if self.timeout <= 0:
            raise ValueError(f"timeout must be positive, not {self.timeout}")

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


@dataclass(frozen=True)
class FileResult:
    input: Input
    outcome: Outcome
    message: str | None = None
    plan: ActionPlan | None = None
    plan_json: str | None = None  # the plan's JSON document, as the worker wrote it
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.plan is None


@dataclass
class BatchReport:
    out_dir: Path
    results: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.failed]


class Observer:
    """Told about a batch as it runs (the terminal progress bar is one)."""

    def started(self, total: int) -> None:
        pass

    def finished(self, result: FileResult) -> None:
        pass


def run_batch(
    paths: Iterable[Path], out_dir: Path, settings: BatchSettings = BatchSettings(), observer: Observer = Observer()
) -> BatchReport:
    """Convert every input found under paths into out_dir; never stops on a bad file."""
    found = find_inputs(paths, skip=[out_dir])
    report = BatchReport(out_dir)
    observer.started(len(found))
    inputs, conflicts = _split_output_conflicts(found)
    run: Callable[[Sequence[Input], BatchSettings, Callable[[FileResult], None]], None]
    run = _run_serial if settings.runner == "serial" else _run_in_processes

    def collect(result: FileResult) -> None:
        _write_plan_output(out_dir, result)
        report.results.append(result)
        observer.finished(result)

    for conflict in conflicts:
        report.results.append(conflict)
        observer.finished(conflict)
    run(inputs, settings, collect)
    order = {item.path: i for i, item in enumerate(found)}
    report.results.sort(key=lambda r: order[r.input.path])
    converted = [(r.input.relative.as_posix(), r.plan) for r in report.results if r.plan is not None]
    write_atomic(out_dir / CSV_NAME, plans_csv([plan for _, plan in converted], files=[f for f, _ in converted]).encode("utf-8"))
    write_database(out_dir / DATABASE_NAME, converted)
    return report


def _split_output_conflicts(inputs: list[Input]) -> tuple[list[Input], list[FileResult]]:
    """Inputs from different folders with the same relative path would share one
    output file: the first keeps it, each later one is reported, never overwritten."""
    owners: dict[Path, Input] = {}
    kept, conflicts = [], []
    for item in inputs:
        first = owners.setdefault(item.output_name, item)
        if first is item:
            kept.append(item)
        else:
            conflicts.append(
                FileResult(
                    item, "output_conflict",
                    f"its output {item.output_name} is already {first.path}'s; convert their common folder instead",
                )
            )
    return kept, conflicts


def _write_plan_output(out_dir: Path, result: FileResult) -> None:
    target = out_dir / result.input.output_name
    if result.plan is None:
        target.unlink(missing_ok=True)  # no stale output from an earlier run beside a failure
    else:
        write_atomic(target, (result.plan_json or plan_json(result.plan)).encode("utf-8"))


# -- the work of one file, wherever it runs -----------------------------------------
Converted = tuple[ActionPlan, str]  # a validated plan and its JSON document


def convert_one(path: str, pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE) -> tuple[Outcome, Converted | str]:
    """Extract one file: ("ok", (plan, JSON)) or (failure outcome, reason). Never raises.

    The plan crosses to the parent pickled: it was validated when it was
    built, so the parent neither parses nor validates it again.
    """
    try:
        plan = extract(path, pdf_engine=pdf_engine)
        return "ok", (plan, plan_json(plan))
    except IngestError as exc:
        return exc.outcome, exc.reason
    except MemoryError:
        return "crashed", "ran out of memory"
    except RecursionError:
        return "crashed", "structure nested too deeply (or refers to itself)"
    except Exception as exc:  # a library failure on a hostile file must not end the batch
        return "crashed", f"{type(exc).__name__}: {exc}"


def _result(item: Input, outcome: Outcome, payload: Converted | str, seconds: float) -> FileResult:
    if isinstance(payload, str):
        return FileResult(item, outcome, payload, seconds=seconds)
    plan, document = payload
    return FileResult(item, "ok_with_warnings" if plan.warnings else "ok", plan=plan, plan_json=document, seconds=seconds)


def _run_serial(inputs: Sequence[Input], settings: BatchSettings, collect: Callable[[FileResult], None]) -> None:
    for item in inputs:
        started = time.monotonic()
        outcome, payload = convert_one(str(item.path), settings.pdf_engine)
        collect(_result(item, outcome, payload, time.monotonic() - started))


def _worker(path: str, conn: Connection, memory_limit_mb: int, pdf_engine: PdfEngine) -> None:
    _limit_memory(memory_limit_mb)
    try:
        conn.send(convert_one(path, pdf_engine))
    finally:
        conn.close()


def _limit_memory(megabytes: int) -> None:
    try:
        import resource
    except ImportError:  # not on this platform: the timeout still applies
        return
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


@dataclass
class _Running:
    item: Input
    process: multiprocessing.process.BaseProcess
    conn: Connection
    started: float
    seconds: float = 0.0


def _context() -> multiprocessing.context.BaseContext:
    """How workers start. ``fork`` when this process runs one thread: workers
    then share its imports at no cost. With other threads alive (the terminal
    progress bar), forking could copy a held lock into the child, so workers
    fork from a clean server process that has the readers preloaded."""
    methods = multiprocessing.get_all_start_methods()
    # Only on Linux: macOS system libraries are not safe across fork (Python defaults to spawn there).
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        for module in WORKER_PRELOAD:
            importlib.import_module(module)
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(WORKER_PRELOAD))
        return context
    return multiprocessing.get_context("spawn")


def _run_in_processes(inputs: Sequence[Input], settings: BatchSettings, collect: Callable[[FileResult], None]) -> None:
    context = _context()
    pending = list(reversed(inputs))
    running: dict[Connection, _Running] = {}

    def fill_free_slots() -> None:
        while pending and len(running) < settings.workers:
            item = pending.pop()
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(str(item.path), sender, settings.memory_limit_mb, settings.pdf_engine), daemon=True)
            process.start()
            sender.close()  # the parent's copy: EOF arrives when the worker dies
            running[receiver] = _Running(item, process, receiver, time.monotonic())

    try:
        while pending or running:
            fill_free_slots()
            deadline = min(job.started + settings.timeout for job in running.values())
            ready = wait(list(running), timeout=max(0.0, deadline - time.monotonic()))
            received = [(job, _receive(job)) for job in (running.pop(conn) for conn in ready)]
            fill_free_slots()  # the next files start before this round's bookkeeping
            for job, message in received:
                collect(_finish(job, message))
            now = time.monotonic()
            for conn, job in list(running.items()):
                if now - job.started >= settings.timeout:
                    running.pop(conn)
                    _kill(job)
                    collect(FileResult(job.item, "timeout", f"took longer than {settings.timeout:g} s; stopped", seconds=now - job.started))
    finally:
        for job in running.values():
            _kill(job)


def _receive(job: _Running) -> tuple[Outcome, Converted | str] | None:
    """The worker's answer, or None when it died without one. Stamps the job's duration."""
    job.seconds = time.monotonic() - job.started
    try:
        return job.conn.recv()
    except (EOFError, OSError):
        return None
    finally:
        job.conn.close()


def _finish(job: _Running, message: tuple[Outcome, Converted | str] | None) -> FileResult:
    job.process.join(KILL_GRACE)
    if job.process.is_alive():
        job.process.kill()
    if message is None:
        code = job.process.exitcode
        reason = f"worker killed by signal {-code}" if code is not None and code < 0 else f"worker exited with code {code}"
        return FileResult(job.item, "crashed", f"{reason} (out of memory or a crash in a library)", seconds=job.seconds)
    return _result(job.item, *message, job.seconds)


def _kill(job: _Running) -> None:
    job.process.kill()
    job.process.join(KILL_GRACE)
    job.conn.close()

"""Many files -> the out folder's store: each file in a worker process with a time and memory limit.

The parent finds the inputs, skips those the store already holds unchanged,
hands each other one to a worker and streams every answer into the store as
it arrives (it never holds the plans), then commits the store once. A file
that hangs, runs out of memory or crashes its worker is killed and
reported, and the batch goes on. Workers die with the batch however it ends
(see ``limits.py``). The serial runner does the same work in-process (for
tests and debugging); both produce the same ``FileResult``s.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path, PurePosixPath
from typing import Literal

from .discover import Found, Input, search
from .errors import NoPlanFiles, OutputError
from .limits import DEFAULT_MEMORY_LIMIT_MB
from .readers.pdf_engines import DEFAULT_PDF_ENGINE, PdfEngine
from .results import SKIPPED, FileResult
from .store import Store, refuse_overlap
from .worker import PRELOAD, Converted, Job, convert_one, engine_module, work

DEFAULT_TIMEOUT = 120.0
KILL_GRACE = 5.0  # seconds a finished worker gets to exit before it is killed

Collect = Callable[[FileResult, "str | None"], None]


@dataclass(frozen=True)
class BatchSettings:
    jobs: int | None = None  # worker processes; None = number of cores
    timeout: float = DEFAULT_TIMEOUT  # seconds per file
    memory_limit_mb: int = DEFAULT_MEMORY_LIMIT_MB  # address space per worker
    runner: Literal["process", "serial"] = "process"
    clean: bool = False  # empty the store first: every input converted, no other plan kept
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE

    def __post_init__(self) -> None:
        if self.jobs is not None and self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {self.jobs}")
        if self.timeout <= 0:
            raise ValueError(f"timeout must be positive, not {self.timeout}")

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


@dataclass
class BatchReport:
    out_dir: Path
    results: list[FileResult] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # JSON files in the out folder that are not plans

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
    """Convert every input found under paths into the store at out_dir; never stops on a bad file.

    Raises OutFolderRefused or NoPlanFiles before anything is written, and
    OutputError (with ``.report``, what was done until then) when an output
    cannot be written; the store is then left as it was.
    """
    paths = list(paths)
    refuse_overlap(out_dir, paths)
    found = search(paths, skip=[out_dir])
    if not found.inputs:
        raise NoPlanFiles(", ".join(str(p) for p in paths), "holds no plan file (.pdf, .docx or .txt)")
    report = BatchReport(out_dir)
    run = _run_serial if settings.runner == "serial" else _run_in_processes
    try:
        with Store.open(out_dir) as store:

            def collect(result: FileResult, document: str | None = None) -> None:
                store.add(result, document)
                report.results.append(result)
                observer.finished(result)

            observer.started(len(found.inputs))
            run(_to_convert(found, store, settings, report, collect), settings, collect)
            store.commit(clean=settings.clean)
            report.ignored = store.ignored
    except OutputError as exc:
        exc.report = report
        raise
    finally:
        report.results.sort(key=lambda r: r.input.relative.parts)
    return report


def _to_convert(found: Found, store: Store, settings: BatchSettings, report: BatchReport, collect: Collect) -> Iterator[tuple[Input, str | None]]:
    """The inputs that need converting, each with its bytes' sha256; the rest are collected on the way.

    Skipped links, output-name conflicts and inputs the store holds unchanged
    are settled here, as the runner asks for its next file.
    """
    for skipped in found.skipped:
        report.results.append(FileResult(Input(skipped.path, skipped.relative), SKIPPED, skipped.reason))
    owners: dict[PurePosixPath, Input] = {}
    for item in found.inputs:
        first = owners.setdefault(item.output_name, item)
        if first is not item:  # two input folders with the same relative path: the first keeps the output
            collect(FileResult(
                item, "output_conflict",
                f"its output {item.output_name} is already {first.path}'s; convert their common folder instead",
            ))
            continue
        sha256 = _sha256(item.path)
        reused = None if settings.clean or sha256 is None else store.reusable(item.output_name, sha256)
        if reused is not None:
            collect(FileResult(item, reused.outcome, reused.message, reused.counts, sha256, unchanged=True))
        else:
            yield item, sha256


def _sha256(path: Path) -> str | None:
    """The file's digest, read in chunks (memory stays flat); None if it cannot be read (the reader says why)."""
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def _result(item: Input, sha256: str | None, answer: Converted, seconds: float) -> FileResult:
    return FileResult(item, answer.outcome, answer.message, answer.counts, sha256, seconds)


def _run_serial(todo: Iterator[tuple[Input, str | None]], settings: BatchSettings, collect: Collect) -> None:
    for item, sha256 in todo:
        started = time.monotonic()
        answer = convert_one(str(item.path), settings.memory_limit_mb, settings.pdf_engine)
        collect(_result(item, sha256, answer, time.monotonic() - started), answer.document)


# -- worker processes -------------------------------------------------------------------


@dataclass
class _Running:
    item: Input
    sha256: str | None
    process: multiprocessing.process.BaseProcess
    conn: Connection
    started: float
    seconds: float = 0.0


def _context(pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE) -> multiprocessing.context.BaseContext:
    """How workers start: forked from a fork server, a lean process started afresh
    (not forked from this one) that has only imported the readers. Workers so
    start fast, share nothing with this process (no plans, no locks, no file
    descriptors), and their memory cap counts only their own memory. Spawned
    where there is no fork server (Windows)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([*PRELOAD, engine_module(pdf_engine)])
        return context
    return multiprocessing.get_context("spawn")


def _run_in_processes(todo: Iterator[tuple[Input, str | None]], settings: BatchSettings, collect: Collect) -> None:
    context = _context(settings.pdf_engine)
    running: dict[Connection, _Running] = {}

    def fill_free_slots() -> None:
        while len(running) < settings.workers:
            next_file = next(todo, None)
            if next_file is None:
                return
            item, sha256 = next_file
            receiver, sender = context.Pipe(duplex=False)
            job = Job(str(item.path), settings.timeout, settings.memory_limit_mb, settings.pdf_engine)
            process = context.Process(target=work, args=(job, sender), daemon=True)
            process.start()
            sender.close()  # the parent's copy: EOF arrives when the worker dies
            running[receiver] = _Running(item, sha256, process, receiver, time.monotonic())

    try:
        fill_free_slots()
        while running:
            deadline = min(job.started + settings.timeout for job in running.values())
            ready = wait(list(running), timeout=max(0.0, deadline - time.monotonic()))
            received = [(job, _receive(job)) for job in (running.pop(conn) for conn in ready)]
            fill_free_slots()  # the next files start before this round's bookkeeping
            for job, answer in received:
                _finish(job, answer, collect)
            now = time.monotonic()
            for conn, job in list(running.items()):
                if now - job.started >= settings.timeout:
                    running.pop(conn)
                    _kill(job)
                    message = f"took longer than {settings.timeout:g} s; stopped"
                    collect(FileResult(job.item, "timeout", message, sha256=job.sha256, seconds=now - job.started), None)
            fill_free_slots()
    finally:
        for job in running.values():
            _kill(job)


def _receive(job: _Running) -> Converted | None:
    """The worker's answer, or None when it died without one. Stamps the job's duration."""
    job.seconds = time.monotonic() - job.started
    try:
        return job.conn.recv()
    except (EOFError, OSError):
        return None
    finally:
        job.conn.close()


def _finish(job: _Running, answer: Converted | None, collect: Collect) -> None:
    job.process.join(KILL_GRACE)
    if job.process.is_alive():
        job.process.kill()
        job.process.join()
    if answer is None:
        code = job.process.exitcode
        reason = f"worker killed by signal {-code}" if code is not None and code < 0 else f"worker exited with code {code}"
        answer = Converted("crashed", f"{reason} (out of memory, or a crash in a library)")
    collect(_result(job.item, job.sha256, answer, job.seconds), answer.document)


def _kill(job: _Running) -> None:
    job.process.kill()
    job.process.join(KILL_GRACE)
    job.conn.close()

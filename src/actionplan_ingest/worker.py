"""The work of one batch file, wherever it runs: in a worker process, or in-process for tests.

A worker process starts from the fork server (a lean process that has only
imported the readers), so its memory cap counts its own memory, not what a
large batch parent holds. It limits itself before it reads a byte (see
``limits.py``), sends one answer and exits.
"""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.connection import Connection

from .errors import IngestError, out_of_memory
from .export.json import plan_json
from .limits import (
    die_with_parent,
    hard_deadline,
    ignore_interrupts,
    limit_memory,
    silence_stderr,
)
from .pipeline import extract
from .readers import READERS
from .readers.pdf_engines import DEFAULT_PDF_ENGINE, PdfEngine
from .results import PlanCounts

# Imported by the fork server before any worker starts, so each worker starts with every reader loaded.
PRELOAD = ("actionplan_ingest.worker", *(f"actionplan_ingest.readers.{reader.module}" for reader in READERS))


@dataclass(frozen=True)
class Job:
    path: str
    timeout: float
    memory_limit_mb: int
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE


def engine_module(engine: PdfEngine) -> str:
    """The module of a PDF engine, preloaded by the fork server with the readers."""
    return f"actionplan_ingest.readers.pdf_{engine.value}"


@dataclass(frozen=True)
class Converted:
    """A worker's answer: the plan's JSON document and counts, or why there is none."""

    outcome: str
    message: str | None = None
    document: str | None = None
    counts: PlanCounts | None = None


def convert_one(path: str, memory_limit_mb: int, pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE) -> Converted:
    """Extract one file into its JSON document. Never raises (but for BaseExceptions such as Ctrl-C)."""
    try:
        plan = extract(path, pdf_engine=pdf_engine)
        document = plan_json(plan)
    except Exception as exc:  # a library failure on a hostile file must not end the batch
        error = out_of_memory(path, exc, memory_limit_mb) or exc
        if isinstance(error, IngestError):
            return Converted(error.outcome, error.reason)
        if isinstance(exc, RecursionError):
            return Converted("crashed", "structure nested too deeply (or refers to itself)")
        return Converted("crashed", f"{type(exc).__name__}: {exc}")
    return Converted("ok_with_warnings" if plan.warnings else "ok", document=document, counts=PlanCounts.of(plan))


def work(job: Job, conn: Connection) -> None:
    """A worker process's whole life: limit itself, convert, answer, exit."""
    gc.freeze()  # what the fork server loaded is never garbage: collections skip it, so its pages are not copied
    ignore_interrupts()
    _release_fork_server()
    die_with_parent()
    hard_deadline(job.timeout + 1)
    silence_stderr()
    limit_memory(job.memory_limit_mb)
    try:
        answer = convert_one(job.path, job.memory_limit_mb, job.pdf_engine)
        try:
            conn.send(answer)
        except MemoryError:  # no room to pickle the document
            conn.send(Converted("out_of_memory", f"its JSON document needs more than the {job.memory_limit_mb} MB memory cap"))
    except OSError:  # the parent is gone: nobody to answer
        pass
    finally:
        conn.close()


def _release_fork_server() -> None:
    """Close this worker's copy of the fork server's "alive" pipe.

    Every process the fork server starts inherits that pipe's write end (so
    it could start processes of its own); while a worker holds it, the
    server would not notice that the batch has died, and would not exit and
    take the worker with it (``die_with_parent``).
    """
    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is not None:
        os.close(fd)
        server._forkserver_alive_fd = None

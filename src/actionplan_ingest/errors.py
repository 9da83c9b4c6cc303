"""Exit codes and the errors a user can cause, each with a message saying what to do.

The library raises these; only ``cli.py`` turns them into exit codes, in one
place. Each class has a stable ``outcome`` name that batch reports use.
"""
from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """The command line's exit codes: a stable interface for scripts."""

    OK = 0
    DOCUMENT_FAILED = 1  # a document could not be read, or differed from its expected output
    USAGE = 2  # bad arguments: a missing path, a folder where a file was wanted, a busy out folder
    OUTPUT_FAILED = 3  # an output could not be written: full disk, read-only folder
    INTERRUPTED = 130  # Ctrl-C


class IngestError(Exception):
    """A document or argument the tool cannot process; the message is for the user."""

    exit_code = ExitCode.DOCUMENT_FAILED
    outcome = "failed"

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class InputNotFound(IngestError):
    exit_code = ExitCode.USAGE
    outcome = "not_found"


class NotAFile(IngestError):
    exit_code = ExitCode.USAGE
    outcome = "not_a_file"


class NoPlansFound(IngestError):
    """A folder given to ``report`` that holds no plan JSON (not a batch out folder, or an empty one)."""

    exit_code = ExitCode.USAGE
    outcome = "no_plans"


class EmptyInput(IngestError):
    outcome = "empty"


class NotText(IngestError):
    outcome = "not_text"


class NotAnActionPlan(IngestError):
    outcome = "not_an_action_plan"


class PdfError(IngestError):
    outcome = "pdf_unreadable"


class PdfEncrypted(PdfError):
    outcome = "pdf_encrypted"


class PdfNoTextLayer(PdfError):
    outcome = "pdf_no_text"


class DocxError(IngestError):
    outcome = "docx_unreadable"


class DocxEncrypted(DocxError):
    outcome = "docx_encrypted"


class PdfStructureLoop(PdfError):
    """A page tree or drawing that refers to itself: the file is malformed, not scanned."""


class OutOfMemory(IngestError):
    """Reading needed more memory than the cap allows: a decompression bomb, or a document too large."""

    outcome = "out_of_memory"


class OutputError(IngestError):
    """An output could not be written; the path is the output's, the reason the system's."""

    exit_code = ExitCode.OUTPUT_FAILED
    outcome = "output_failed"
    report: object | None = None  # a batch's BatchReport until the fault, set by run_batch


class NoPlanFiles(IngestError):
    exit_code = ExitCode.USAGE
    outcome = "no_plan_files"


class OutFolderRefused(IngestError):
    """The out folder cannot be this run's store: it overlaps an input, or another batch holds it."""

    exit_code = ExitCode.USAGE
    outcome = "out_refused"


class Interrupted(BaseException):
    """Ctrl-C: a BaseException, like KeyboardInterrupt, so no handler of library failures swallows it."""

    exit_code = ExitCode.INTERRUPTED


def caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether exc is, or was raised while handling / because of, an exception of this kind.

    Libraries wrap what went wrong (pdfminer turns a MemoryError into a
    "damaged PDF"); the outcome should name the original cause.
    """
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        pending += [current.__cause__, current.__context__, *(a for a in current.args if isinstance(a, BaseException))]
    return False


def out_of_memory(path: str | Path, exc: BaseException, limit_mb: int) -> OutOfMemory | None:
    """The OutOfMemory error for a failure that running out of memory caused, else None."""
    if not caused_by(exc, MemoryError):
        return None
    return OutOfMemory(path, f"needs more than the {limit_mb} MB memory cap (a decompression bomb, or a document too large to read)")

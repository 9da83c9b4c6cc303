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
    USAGE = 2  # bad arguments: a missing path, a folder where a file was wanted


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


class OutputError(IngestError):
    outcome = "output_failed"

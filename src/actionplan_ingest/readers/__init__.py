"""File -> RawDocument. One module per input form, and a registry that picks one by content.

A reader is a ``Reader`` entry: its format name (which becomes
``source.format``), a sniff that says from the content whether the input
may be in its form, and a read that returns the table it found. Binary
forms (PDF, Word) are sniffed from the bytes; the text forms from the
decoded text, never from the file name. Adding an input form is one module
plus one entry in ``READERS``.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from pathlib import Path
from types import ModuleType

from ..errors import (
    DocxError,
    IngestError,
    InputNotFound,
    NotAFile,
    NotAnActionPlan,
    PdfError,
)
from ..table.rows import RawDocument, TableRead
from .pdf_engines import DEFAULT_PDF_ENGINE, PdfEngine
from .text_decode import decode_text

__all__ = ["READERS", "Content", "PdfEngine", "RawDocument", "Reader", "read"]


class Content:
    """One input's bytes, its text decoded on first use (only text forms need it),
    and the engine a PDF is read with."""

    def __init__(self, path: Path, data: bytes, pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE) -> None:
        self.path = path
        self.data = data
        self.pdf_engine = pdf_engine

    @cached_property
    def text(self) -> str:
        return decode_text(self.path, self.data)


@dataclass(frozen=True)
class Reader:
    """One input form: its format name, how to recognise it, and its module (imported on first use).

    The module has ``read(content) -> TableRead | None`` (None: no action-plan
    table in this form) and, unless the entry gives one, ``sniff(content) -> bool``.
    """

    format: str
    module: str  # relative to this package
    sniff_bytes: Callable[[bytes], bool] | None = None  # a binary form is known by its bytes alone
    text: bool = False  # a text form: chosen by content among the text forms

    def _module(self) -> ModuleType:
        return import_module(f"{__name__}.{self.module}")

    def sniff(self, content: Content) -> bool:
        if self.sniff_bytes is not None:
            return self.sniff_bytes(content.data)
        return self._module().sniff(content)

    def read(self, content: Content) -> TableRead | None:
        return self._module().read(content)


def _is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: an encrypted .docx, an old .doc


def _is_docx(data: bytes) -> bool:
    """A zip holding word/document.xml, or an OLE compound file (the reader says which kind and why not)."""
    return data.startswith(CFB_MAGIC) or (data.startswith(ZIP_MAGIC) and b"word/document.xml" in data)


READERS: tuple[Reader, ...] = (
    Reader("pdf", "pdf", sniff_bytes=_is_pdf),
    Reader("docx", "docx", sniff_bytes=_is_docx),
    Reader("text", "text_tabbed", text=True),
    Reader("layout_text", "text_layout", text=True),
    Reader("plain_text", "text_plain", text=True),
)


def read(path: Path, pdf_engine: PdfEngine | str = DEFAULT_PDF_ENGINE) -> RawDocument:
    """Read one input file in whatever form its content shows (a PDF with ``pdf_engine``, by name or member)."""
    pdf_engine = PdfEngine(pdf_engine)  # "pdfium" from a caller is the engine, not a fall back to the reference
    if not path.exists():
        raise InputNotFound(path, "no such file")
    if path.is_dir():
        raise NotAFile(path, "is a folder, not a file (use 'batch' to convert a folder)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot be read ({exc.strerror or exc})") from exc
    reader, table = _read_table(Content(path, data, pdf_engine))
    if not table.rows:
        raise NotAnActionPlan(path, "the action-plan table has no rows")
    return RawDocument(
        file=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=reader.format,
        pages=table.pages,
        preamble=table.preamble,
        rows=table.rows,
        notes=table.notes,
        engine=table.engine,
    )


def _read_table(content: Content) -> tuple[Reader, TableRead]:
    """The binary form the bytes show; else the text form whose reading is most coherent."""
    for reader in READERS:
        if not reader.text and reader.sniff(content):
            table = reader.read(content)
            if table is None:
                raise NotAnActionPlan(content.path, f"holds no action-plan table (a {reader.format.upper()} without one)")
            return reader, table
    suffix = content.path.suffix.lower()
    if suffix == ".pdf":
        raise PdfError(content.path, "is not a PDF (no %PDF header): the file is damaged or mislabelled")
    if suffix == ".docx" and content.data:
        raise DocxError(
            content.path, "is not a Word document (no zip archive holding word/document.xml): the file is damaged or mislabelled"
        )
    readings = [
        (reader, table)
        for reader in READERS
        if reader.text and reader.sniff(content) and (table := reader.read(content)) is not None
    ]
    if not readings:
        raise NotAnActionPlan(
            content.path,
            "no action-plan table found (no row of column titles such as 'Rec No ... Target Date')",
        )
    from ..table.coherence import coherence  # the text forms' table layer, loaded when a text is read

    return max(readings, key=lambda reading: coherence(reading[1]))

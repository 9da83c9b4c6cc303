"""Which engine reads a PDF's pages, and the fall back from the fast one to the reference.

``pdfium`` (PDFium, C++, through pypdfium2) is the default: it reads a page
some ten times faster than pdfminer and gives the same pages, so the same
JSON. ``pdfplumber`` (pdfminer, pure Python) is the reference the pdfium
engine is tested against, and the fallback: a file PDFium cannot open, or
whose cross-reference table it had to rebuild (a damaged file, which the
reference reads and reports), or a page PDFium cannot load, is read with
pdfplumber instead. The
fallback does not show in the JSON, which is the same whichever engine
read the file; the ``rows`` command names the engine that did.

The engines' modules are imported only when a PDF is read, so commands
that read none never load a PDF library.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..errors import IngestError

if TYPE_CHECKING:
    from .pdf_geometry import PdfPage


class PdfEngine(str, Enum):
    PDFIUM = "pdfium"
    PDFPLUMBER = "pdfplumber"


DEFAULT_PDF_ENGINE = PdfEngine.PDFIUM
T = TypeVar("T")


class CannotRead(Exception):
    """PDFium cannot read the file as it stands; the message says why (the reader falls back)."""


def read_pdf(path: Path, data: bytes, engine: PdfEngine, read: Callable[[Iterator[PdfPage]], T]) -> tuple[T, str]:
    """``read`` over the PDF's pages from ``engine``, and the name of the engine that read them.

    Where PDFium cannot read the file (when opening it or part-way through),
    or ``read`` finds no plan in PDFium's pages (an ``IngestError``), ``read``
    runs again over pdfplumber's pages and the name says why: a file that
    fails is failed by the reference, with the reference's reason.
    """
    fallback = ""
    if engine is PdfEngine.PDFIUM:
        from . import pdf_pdfium

        try:
            with closing(pdf_pdfium.open_pages(data)) as pages:  # PDFium's handles closed here, whatever happens
                return read(pages), PdfEngine.PDFIUM.value
        except CannotRead as reason:
            fallback = f" (pdfium: {reason})"
        except IngestError as error:
            fallback = f" (pdfium: {error.reason})"
    from . import pdf_pdfplumber

    return read(pdf_pdfplumber.open_pages(path, data)), PdfEngine.PDFPLUMBER.value + fallback

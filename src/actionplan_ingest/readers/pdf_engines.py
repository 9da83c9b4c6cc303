"""Which engine reads a PDF's pages, and the fall back from the fast one to the reference.

``pdfium`` (PDFium, C++, through pypdfium2) is the default: it reads a page
some ten times faster than pdfminer and gives the same pages, so the same
JSON. ``pdfplumber`` (pdfminer, pure Python) is the reference the pdfium
engine is tested against, and its fall back: a file PDFium cannot open or
load a page of, a damaged file (``pdf_integrity``: PDFium would repair it
in silence, the reference says what it skipped), and a file in whose pages
PDFium finds text but no plan (the reference judges what it is) are read
with pdfplumber instead. The fall back does not show in the JSON, which is
the same whichever engine read the file; the ``rows`` command names the
engine that did, and why.

The engines' modules are imported only when a PDF is read, so commands
that read none never load a PDF library.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..errors import NotAnActionPlan

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
    or ``read`` finds text but no plan in PDFium's pages, ``read`` runs again
    over pdfplumber's pages and the name says why: the reference judges what
    such a file is. (A file with no text at all is judged so by PDFium, which
    reads text at least as well: a decompression bomb fails in seconds.)
    """
    fallback = ""
    if engine is PdfEngine.PDFIUM:
        from . import pdf_pdfium

        try:
            with closing(pdf_pdfium.open_pages(data)) as pages:  # PDFium's handles closed here, whatever happens
                return read(pages), PdfEngine.PDFIUM.value
        except CannotRead as reason:
            fallback = f" (pdfium: {reason})"
        except NotAnActionPlan as error:
            fallback = f" (pdfium: {error.reason})"
    from . import pdf_pdfplumber

    return read(pdf_pdfplumber.open_pages(path, data)), PdfEngine.PDFPLUMBER.value + fallback

"""The pdfplumber engine: a PDF's pages as chars and ruling edges, read with pdfplumber (pdfminer).

Each page is closed once read, so memory stays flat however long the
document is. Failures are classified into the project's error classes.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTRect
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..errors import IngestError, PdfEncrypted, PdfError
from .pdf_geometry import CHAR_DESCENT, PdfPage

_PDF_FAILURES = (PdfminerException, MalformedPDFException, PSException)


def open_pages(path: Path, data: bytes) -> Iterator[PdfPage]:
    """Every page of the PDF in order; raise an IngestError saying why when it cannot be read."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                try:
                    chars, edges = page_chars_and_edges(page)
                    yield PdfPage(number, count, page.width, page.height, chars, edges)
                finally:
                    page.close()
    except IngestError:
        raise
    except _PDF_FAILURES as exc:
        raise _pdf_error(path, exc) from exc
    except RecursionError as exc:
        raise PdfError(path, "cannot be read: its structure is nested too deeply or refers to itself") from exc


def page_chars_and_edges(page: pdfplumber.page.Page) -> tuple[list[dict], list[dict]]:
    """The page's characters and ruling edges, read from pdfplumber's parsed layout.

    ``page.chars`` and ``page.edges`` would give the same objects, but build
    each with some twenty attributes (colours, fonts, matrices) that the grid
    never reads; that conversion is almost half the cost of reading a page.
    These dicts carry only what the grid uses, in the same coordinates (top
    down from the page's top edge); a char's box is drawn from its baseline
    (``PdfPage``), not from its font's descent.
    """
    height = page.height
    chars: list[dict] = []
    edges: list[dict] = []
    stack = [iter(page.layout)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                chars.append(_char(obj, height))
            elif isinstance(obj, LTRect):
                top, bottom = height - obj.y1, height - obj.y0
                edges += (
                    _edge("h", obj.x0, obj.x1, top, top),
                    _edge("h", obj.x0, obj.x1, bottom, bottom),
                    _edge("v", obj.x0, obj.x0, top, bottom),
                    _edge("v", obj.x1, obj.x1, top, bottom),
                )
            elif isinstance(obj, LTContainer):  # a form XObject (figure): read inside it
                stack.append(iter(obj))
                break
            elif isinstance(obj, LTCurve):  # lines and polylines: their straight pieces
                points = [(x, height - y) for x, y in obj.pts]
                for (xa, ya), (xb, yb) in pairwise(points):
                    if xa == xb or ya == yb:
                        orientation = "v" if xa == xb else "h"
                        edges.append(_edge(orientation, min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)))
        else:
            stack.pop()
    return chars, edges


def _char(char: LTChar, height: float) -> dict:
    """A char with its box from the baseline (see ``PdfPage``) where it runs along the page,
    upright or upside down; a turned char keeps pdfminer's box."""
    _, b, c, d, _, baseline = char.matrix
    size = char.size
    if b or c:
        top, bottom = height - char.y1, height - char.y0
    elif d > 0:
        bottom = height - baseline + CHAR_DESCENT * size
        top = bottom - size
    else:
        top = height - baseline - CHAR_DESCENT * size
        bottom = top + size
    return {"text": char.get_text(), "x0": char.x0, "x1": char.x1, "top": top, "bottom": bottom, "size": size}


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"orientation": orientation, "x0": x0, "x1": x1, "top": top, "bottom": bottom}


def _pdf_error(path: Path, exc: Exception) -> IngestError:
    """Classify a pdfplumber/pdfminer failure by the type of the original exception."""
    original = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(original, PDFEncryptionError):
        return PdfEncrypted(path, "is encrypted (password-protected); save an unprotected copy and try again")
    return PdfError(path, f"is damaged or not a readable PDF ({type(original).__name__})")



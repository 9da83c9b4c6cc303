"""The pdfplumber engine: a PDF's pages as chars and ruling edges, read with pdfplumber (pdfminer).

Each page is closed once read, so memory stays flat however long the
document is. Failures are classified into the project's error classes.
What pdfminer logs or warns while reading (it repairs damaged files as it
goes) is captured, never printed, and delivered with the page as
``PdfDamage``: the reader turns it into a warning that content may be missing.
"""
from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTRect
from pdfminer.pdfdocument import (
    PDFDocument,
    PDFEncryptionError,
    PDFXRef,
    PDFXRefFallback,
)
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..errors import IngestError, PdfEncrypted, PdfError
from .pdf_geometry import CHAR_DESCENT, PdfDamage, PdfPage

_PDF_FAILURES = (PdfminerException, MalformedPDFException, PSException)
_LIBRARY_LOGGERS = ("pdfminer", "pdfplumber")
_NOT_DAMAGE = (DeprecationWarning, PendingDeprecationWarning, ResourceWarning)
# What pdfminer's messages (by their opening words) mean for the text read.
_MEANINGS = (
    ("Cannot render horizontal string", "text that could not be decoded was skipped"),
    ("Data-loss while decompressing", "a compressed stream is corrupt and was only partly decoded"),
    ("Execute called on non-indirect object", "a content stream could not be found"),
    ("Could not get FontBBox", "a font's description is damaged"),
    ("unknown token", "the page's content holds data that is not PDF"),
)


def open_pages(path: Path, data: bytes) -> Iterator[PdfPage]:
    """Every page of the PDF in order; raise an IngestError saying why when it cannot be read."""
    log = _LibraryLog()
    try:
        with _captured(log):
            pdf = pdfplumber.open(io.BytesIO(data))
            pages = pdf.pages
        with pdf:
            damage = log.take(None) + _xref_damage(pdf.doc, data) + _structure_loops(pdf.doc)
            for number, page in enumerate(pages, start=1):
                with _captured(log):
                    try:
                        for _ in range(_undecodable_contents(page)):
                            log.note("a compressed content stream is corrupt and could not be decoded at all")
                        chars, edges, fills = page_objects(page)
                    finally:
                        page.close()
                damage += log.take(number)
                yield PdfPage(number, len(pages), page.width, page.height, chars, edges, fills, damage)
                damage = ()
    except IngestError:
        raise
    except _PDF_FAILURES as exc:
        raise _pdf_error(path, exc) from exc
    except RecursionError as exc:
        raise PdfError(path, "cannot be read: its structure is nested too deeply or refers to itself") from exc


class _LibraryLog(logging.Handler):
    """What pdfminer and pdfplumber log (warnings and worse) while a page is read, in words."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.said: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        meaning = next((words for opening, words in _MEANINGS if str(record.msg).startswith(opening)), None)
        self.note(meaning or f"the PDF library reported: {_shorten(record.getMessage())}")

    def note(self, what: str) -> None:
        self.said[what] += 1

    def take(self, page: int | None) -> tuple[PdfDamage, ...]:
        """What was said since the last take, as damage to the page (None: the document)."""
        damage = tuple(PdfDamage(what, page, times) for what, times in self.said.items())
        self.said.clear()
        return damage


@contextmanager
def _captured(log: _LibraryLog) -> Iterator[None]:
    """Route the libraries' log records and Python warnings to ``log``: none reaches the user."""
    loggers = [logging.getLogger(name) for name in _LIBRARY_LOGGERS]
    saved = [(logger.level, logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.addHandler(log)
        logger.setLevel(logging.WARNING)  # their debug calls stay cheap
        logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        for warning in caught:
            if not issubclass(warning.category, _NOT_DAMAGE):
                log.note(f"the PDF library warned: {_shorten(str(warning.message))}")
    finally:
        for logger, (level, propagate) in zip(loggers, saved):
            logger.removeHandler(log)
            logger.setLevel(level)
            logger.propagate = propagate


def _undecodable_contents(page: pdfplumber.page.Page) -> int:
    """How many of the page's content streams hold data but decode to nothing.

    pdfminer gives up on a Flate stream corrupted early on without a word
    and draws the page as if it were empty.
    """
    lost = 0
    for content in page.page_obj.contents:
        stream = resolve1(content)
        if isinstance(stream, PDFStream) and stream.rawdata and not stream.get_data():
            lost += 1
    return lost


def _structure_loops(document: PDFDocument) -> tuple[PdfDamage, ...]:
    """A page tree that lists one of its own ancestors, or a drawing (form XObject) that draws itself.

    pdfminer skips what it has visited, so such a file reads as a few pages of
    nothing; named here, a file with no plan in it is reported as malformed
    rather than as scanned or as not a plan.
    """
    found: list[str] = []
    pages: list[dict] = []
    cleared: set[int] = set()  # forms known not to draw themselves: each is walked once

    def walk_tree(node: object, ancestors: tuple[int, ...]) -> None:
        for kid in _as_list(_resolved(node).get("Kids")):
            objid = getattr(kid, "objid", None)
            if objid is not None and objid in ancestors:
                found.append("the page tree lists one of its own ancestors")
                continue
            child = _resolved(kid)
            if child.get("Kids") is not None:
                walk_tree(child, (*ancestors, objid) if objid is not None else ancestors)
            else:
                pages.append(child)

    def draws_itself(resources: object, drawing: tuple[int, ...]) -> bool:
        for form in _resolved(_resolved(resources).get("XObject")).values():
            objid = getattr(form, "objid", None)
            stream = resolve1(form)
            if not isinstance(stream, PDFStream) or objid is None or objid in cleared:
                continue
            if objid in drawing or draws_itself(stream.get("Resources"), (*drawing, objid)):
                return True
            cleared.add(objid)
        return False

    root = document.catalog.get("Pages")
    walk_tree(root, (getattr(root, "objid", -1),))
    if any(draws_itself(page.get("Resources"), ()) for page in pages):
        found.append("a drawing (form XObject) draws itself")
    return tuple(PdfDamage(what, None, loop=True) for what in dict.fromkeys(found))


def _resolved(value: object) -> dict:
    value = resolve1(value)
    return value if isinstance(value, dict) else {}


def _as_list(value: object) -> list:
    value = resolve1(value)
    return value if isinstance(value, list) else []


def _xref_damage(document: PDFDocument, data: bytes) -> tuple[PdfDamage, ...]:
    """A cross-reference table that was missing, or that points at places holding other objects.

    pdfminer quietly rebuilds a missing table, and reads on past a wrong
    offset to the next object it finds, so a damaged table shows only here.
    """
    if any(isinstance(xref, PDFXRefFallback) for xref in document.xrefs):
        return (PdfDamage("the cross-reference table is missing or unreadable; the file was rebuilt by scanning it", None),)
    wrong = sum(
        1
        for xref in document.xrefs
        if type(xref) is PDFXRef
        for objid, (stream, offset, generation) in xref.offsets.items()
        if stream is None and not re.match(rb"\s*%d\s+%d\s+obj" % (objid, generation), data[offset : offset + 40])
    )
    if not wrong:
        return ()
    objects = "1 object is" if wrong == 1 else f"{wrong} objects are"
    return (PdfDamage(f"the cross-reference table is damaged ({objects} not where it says)", None),)


def _shorten(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def page_objects(page: pdfplumber.page.Page) -> tuple[list[dict], list[dict], list[dict]]:
    """The page's characters, stroked edges and filled rectangles, read from pdfplumber's parsed layout.

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
    fills: list[dict] = []
    stack = [iter(page.layout)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                chars.append(_char(obj, height))
            elif isinstance(obj, LTRect):
                top, bottom = height - obj.y1, height - obj.y0
                if obj.fill and not obj.stroke:  # painted, not outlined: a thin rule or shading
                    fills.append({"x0": obj.x0, "x1": obj.x1, "top": top, "bottom": bottom})
                    continue
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
    return chars, edges, fills


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



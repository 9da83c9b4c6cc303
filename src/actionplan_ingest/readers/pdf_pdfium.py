"""The pdfium engine: a PDF's pages as chars and ruling edges, read with pypdfium2 (Google's PDFium).

It delivers the same ``PdfPage`` as the pdfplumber engine, in pdfminer's
terms, so that everything after reading is shared and both engines give
the same rows:

- a char's box is pdfminer's: from its origin to its advance along the
  baseline, from the font's descent to one font size above it (PDFium's own
  "loose" box is the font's ascent-descent box widened to the glyph's ink);
- PDFium splits a glyph that stands for several letters (``ffi``, U+FB01)
  into one char per letter, each with the glyph's box: they are joined back
  into one char, as pdfminer reads it;
- the spaces and line breaks PDFium invents between words and lines (its
  "generated" chars, with an empty box) are dropped: the shared text layer
  decides where spaces go from the gaps, as it does for pdfminer's chars;
- edges come from the page's path objects as pdfminer classifies them: a
  closed four-sided axis-aligned path is a rect (four edges), any other
  path gives its straight axis-aligned pieces; form XObjects are read
  inside.

The per-char loop calls PDFium through ctypes prototypes without argument
conversion (about twice as fast as the checked bindings): a page of 2,000
chars costs two calls per char. Each page and text page is closed once
read, so memory stays flat however long the document is.
"""
from __future__ import annotations

import ctypes
from collections.abc import Iterator
from itertools import pairwise

import pypdfium2.raw as pdfium_c

from .pdf_engines import CannotRead
from .pdf_geometry import PdfPage

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
GLYPH_PIECE_TOLERANCE = 1e-4  # points: pieces of one glyph share its box exactly


def _fast(function: object, restype: type | None = ctypes.c_int) -> ctypes._CFuncPtr:
    """The same C function, called without per-argument conversion (handles passed as c_void_p)."""
    return ctypes.CFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value)


_GET_TEXT_OBJECT = _fast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
_GET_LOOSE_BOX = _fast(pdfium_c.FPDFText_GetLooseCharBox)
_GET_UNICODE = _fast(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
_SEGMENT = _fast(pdfium_c.FPDFPath_GetPathSegment, ctypes.c_void_p)
_SEGMENT_POINT = _fast(pdfium_c.FPDFPathSegment_GetPoint)
_SEGMENT_TYPE = _fast(pdfium_c.FPDFPathSegment_GetType)
_SEGMENT_CLOSE = _fast(pdfium_c.FPDFPathSegment_GetClose)


_OPEN_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "cannot open it",
    pdfium_c.FPDF_ERR_FORMAT: "it is not a PDF or is damaged",
    pdfium_c.FPDF_ERR_PASSWORD: "it is encrypted (a password is needed)",
    pdfium_c.FPDF_ERR_SECURITY: "it uses an unsupported security handler",
    pdfium_c.FPDF_ERR_PAGE: "a page cannot be read",
}


def open_pages(data: bytes) -> Iterator[PdfPage]:
    """Every page of the PDF in order; ``CannotRead`` when PDFium cannot open the file,
    had to rebuild its cross-reference table (a damaged file) or cannot load a page."""
    document = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)  # reads from data while open
    if not document:
        raise CannotRead(_OPEN_ERRORS.get(pdfium_c.FPDF_GetLastError(), "cannot open it"))
    try:
        if not pdfium_c.FPDF_DocumentHasValidCrossReferenceTable(document):
            raise CannotRead("its cross-reference table is damaged")
        count = pdfium_c.FPDF_GetPageCount(document)
        for index in range(count):
            page = pdfium_c.FPDF_LoadPage(document, index)
            if not page:
                raise CannotRead(f"page {index + 1} cannot be loaded")
            try:
                yield _read_page(page, index + 1, count)
            finally:
                pdfium_c.FPDF_ClosePage(page)
    finally:
        pdfium_c.FPDF_CloseDocument(document)


def _read_page(page: object, number: int, count: int) -> PdfPage:
    to_pdfminer, width, height = _page_space(page)
    textpage = pdfium_c.FPDFText_LoadPage(page)
    try:
        chars = _chars(textpage, to_pdfminer, height)
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
    edges = _edges(page, to_pdfminer, height)
    return PdfPage(number, count, width, height, chars, edges)


def _page_space(page: object) -> tuple[Matrix, float, float]:
    """The matrix from PDF user space to pdfminer's page space, and the page's width and height.

    pdfminer puts the media box's lower-left corner at the origin and turns
    the page by its /Rotate; pdfplumber then measures ``top`` down from the
    media box's height.
    """
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        left.value, bottom.value = 0.0, 0.0
        right.value, top.value = pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page)
    x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
    rotation = pdfium_c.FPDFPage_GetRotation(page) % 4
    if rotation == 1:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1), abs(y1 - y0), abs(x1 - x0)
    if rotation == 2:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1), abs(x1 - x0), abs(y1 - y0)
    if rotation == 3:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0), abs(y1 - y0), abs(x1 - x0)
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0), abs(x1 - x0), abs(y1 - y0)


def _apply(m: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies ``first``, then ``then`` (PDF row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a1 * a2 + b1 * c2, a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2,
    )


# -- chars -------------------------------------------------------------------------------


class _TextStyle:
    """What pdfminer's box needs of a text object: baseline, size and the font's descent."""

    __slots__ = ("upright", "baseline", "size", "descent")

    def __init__(self, textpage: object, index: int, text_object: int, descents: dict[int, float]) -> None:
        matrix = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFText_GetMatrix(textpage, index, matrix)
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
        font_size = pdfium_c.FPDFText_GetFontSize(textpage, index)
        self.upright = matrix.b == 0 and matrix.c == 0 and matrix.a > 0 and matrix.d > 0
        self.baseline = y.value
        self.size = font_size * matrix.d
        font = pdfium_c.FPDFTextObj_GetFont(ctypes.cast(text_object, pdfium_c.FPDF_PAGEOBJECT))
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        if key not in descents:
            descent = ctypes.c_float()
            descents[key] = descent.value / 1000 if font and pdfium_c.FPDFFont_GetDescent(font, 1000, descent) else 0.0
        # pdfminer: a descent given as a positive number is meant below the baseline
        self.descent = -abs(descents[key]) * self.size


def _chars(textpage: object, to_pdfminer: Matrix, height: float) -> list[dict]:
    """The page's chars in pdfminer's terms (see the module docstring), top-down coordinates."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    texts = _page_text(textpage, count)
    handle = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    descents: dict[int, float] = {}
    chars: list[dict] = []
    style: _TextStyle | None = None
    current = None
    last: dict | None = None
    last_box: tuple[float, float, float, float] | None = None
    for index in range(count):
        text_object = _GET_TEXT_OBJECT(handle, index)
        if not text_object:
            continue  # a space or line break PDFium generated between text objects
        _GET_LOOSE_BOX(handle, index, box_ref)
        left, right, box_top, box_bottom = box.left, box.right, box.top, box.bottom
        if left == right and box_top == box_bottom:
            continue  # a space PDFium generated inside a text object
        text = texts[index] if texts is not None else _unicode(handle, index)
        this_box = (left, right, box_top, box_bottom)
        if last is not None and text_object == current and _same_box(this_box, last_box):
            last["text"] += text  # another letter of the same glyph (ligature, ``ffi``)
            continue
        if text_object != current:
            current, style = text_object, _TextStyle(textpage, index, text_object, descents)
        if style.upright:
            y0 = style.baseline + style.descent
            x0, y0, x1, y1 = _to_page(to_pdfminer, left, y0, right, y0 + style.size)
            size = style.size
        else:  # turned text: PDFium's loose box stands in for pdfminer's
            x0, y0, x1, y1 = _to_page(to_pdfminer, left, box_bottom, right, box_top)
            size = y1 - y0
        last = {"text": text, "x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0, "size": size}
        last_box = this_box
        chars.append(last)
    return chars


def _same_box(a: tuple[float, float, float, float], b: tuple[float, float, float, float] | None) -> bool:
    return b is not None and all(abs(p - q) <= GLYPH_PIECE_TOLERANCE for p, q in zip(a, b))


def _to_page(m: Matrix, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    """A user-space box in pdfminer's page space (x0, y0, x1, y1), normalised."""
    ax, ay = _apply(m, x0, y0)
    bx, by = _apply(m, x1, y1)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _page_text(textpage: object, count: int) -> list[str] | None:
    """Each char's text from one call, or None when PDFium's text does not line up one to one."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    units = buffer.raw[: max(written - 1, 0) * 2]
    if len(units) != count * 2:
        return None
    text = units.decode("utf-16-le", errors="surrogatepass")
    if len(text) != count or any("\ud800" <= ch <= "\udfff" for ch in text):
        return None
    return [_readable(ch) for ch in text]


def _unicode(handle: ctypes.c_void_p, index: int) -> str:
    return _readable(chr(_GET_UNICODE(handle, index)))


def _readable(ch: str) -> str:
    """PDFium marks a hyphen that ends a line (it joins the word) with a control code."""
    return "-" if ch in ("\x02", "\ufffe") else ch


# -- edges -------------------------------------------------------------------------------


def _edges(page: object, to_pdfminer: Matrix, height: float) -> list[dict]:
    """Ruling edges from every stroked or filled path, inside form XObjects too."""
    edges: list[dict] = []
    count = pdfium_c.FPDFPage_CountObjects(page)
    objects = [pdfium_c.FPDFPage_GetObject(page, i) for i in range(count)]
    _object_edges(objects, to_pdfminer, height, edges)
    return edges


def _object_edges(objects: list, outer: Matrix, height: float, edges: list[dict]) -> None:
    matrix = pdfium_c.FS_MATRIX()
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
            to_page = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            for points, shape in _subpaths(obj):
                _path_edges([_apply(to_page, x, y) for x, y in points], shape, height, edges)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
            inner = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            children = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
            _object_edges(children, inner, height, edges)


def _subpaths(obj: object) -> Iterator[tuple[list[Point], str]]:
    """A path's subpaths as pdfminer sees them: each operator's end point and the operators
    ('m', 'l', 'c', 'h'; a curve counts by its end point, a close returns to the start)."""
    handle = ctypes.c_void_p(ctypes.cast(obj, ctypes.c_void_p).value)
    x, y = ctypes.c_float(), ctypes.c_float()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    points: list[Point] = []
    shape: list[str] = []
    curve_points = 0
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = ctypes.c_void_p(_SEGMENT(handle, index))
        kind = _SEGMENT_TYPE(segment)
        _SEGMENT_POINT(segment, x_ref, y_ref)
        point = (x.value, y.value)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if points:
                yield points, "".join(shape)
            points, shape, curve_points = [point], ["m"], 0
            continue
        if not points:
            continue  # a path must start with a move; pdfminer ignores one that does not
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            curve_points += 1
            if curve_points % 3:
                continue  # a control point
            shape.append("c")
        else:
            shape.append("l")
        points.append(point)
        if _SEGMENT_CLOSE(segment):
            shape.append("h")
            points.append(points[0])
    if points:
        yield points, "".join(shape)


def _path_edges(points: list[Point], shape: str, height: float, edges: list[dict]) -> None:
    """pdfminer's reading of one subpath (``PDFLayoutAnalyzer.paint_path``) as edges."""
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-1]  # a line back to the start, then a close
    if shape in ("mlh", "ml"):
        points = points[:2]
    elif shape in ("mlllh", "mllll") and _is_rect(points):
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        x0, x1, top, bottom = min(xs), max(xs), height - max(ys), height - min(ys)
        edges += (
            _edge("h", x0, x1, top, top),
            _edge("h", x0, x1, bottom, bottom),
            _edge("v", x0, x0, top, bottom),
            _edge("v", x1, x1, top, bottom),
        )
        return
    for (xa, ya), (xb, yb) in pairwise((x, height - y) for x, y in points):
        if xa == xb or ya == yb:
            edges.append(_edge("v" if xa == xb else "h", min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)))


def _is_rect(points: list[Point]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
    square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
    return square and last == points[0]


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"orientation": orientation, "x0": x0, "x1": x1, "top": top, "bottom": bottom}


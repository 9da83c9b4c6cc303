"""The pdfium engine: a PDF's pages as chars and ruling edges, read with pypdfium2 (Google's PDFium).

It delivers the same ``PdfPage`` as the pdfplumber engine, in pdfminer's
terms, so that everything after reading is shared and both engines give
the same rows:

- a char's box runs from its origin to its advance along the baseline, and
  across it as every engine draws it (``PdfPage``): the origin and PDFium's
  "loose" box give the advance (widened to the glyph's ink where that
  overhangs, by a few tenths of a point at most), the text object its size;
- PDFium splits a glyph that stands for several letters (``ffi``, U+FB01)
  into one char per letter, each with the glyph's box: they are joined back
  into one char, as pdfminer reads it;
- the spaces and line breaks PDFium invents between words and lines (its
  "generated" chars, with an empty box) are dropped: the shared text layer
  decides where spaces go from the gaps, as it does for pdfminer's chars;
  and a space set on its own in the PDF, which PDFium leaves out of its
  text, is put back from the page's objects;
- edges come from the page's path objects as pdfminer classifies them: a
  closed four-sided axis-aligned path is a rect (four edges), any other
  path gives its straight axis-aligned pieces; form XObjects are read
  inside.

PDFium repairs a damaged file in silence, so the file's bytes are checked
first (``pdf_integrity``); a file that fails goes to the reference engine.

The per-char loop calls PDFium through ctypes prototypes without argument
conversion (about twice as fast as the checked bindings): a page of 2,000
chars costs three calls per char. Each page and text page is closed once
read, so memory stays flat however long the document is. PDFium is not
thread-safe: one document is read at a time in a process.
"""
from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Iterator
from itertools import pairwise

import pypdfium2.raw as pdfium_c

from .pdf_engines import CannotRead
from .pdf_integrity import damage
from .pdf_geometry import CHAR_DESCENT, PdfPage

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
ABOVE = 1 - CHAR_DESCENT  # share of its size a char's box reaches above the baseline
# points: a loose box reaching this far past the next char's origin is widened by ink, not
# by a kerning pair (a text's kerning moves a char a few hundredths of a point)
INK_OVERHANG = 0.15
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _fast(function: object, restype: type | None = ctypes.c_int) -> ctypes._CFuncPtr:
    """The same C function, called without per-argument conversion (handles passed as c_void_p)."""
    return ctypes.CFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value)


_GET_TEXT_OBJECT = _fast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
_GET_LOOSE_BOX = _fast(pdfium_c.FPDFText_GetLooseCharBox)
_GET_ORIGIN = _fast(pdfium_c.FPDFText_GetCharOrigin)
_GET_UNICODE = _fast(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
_SEGMENT = _fast(pdfium_c.FPDFPath_GetPathSegment, ctypes.c_void_p)
_SEGMENT_POINT = _fast(pdfium_c.FPDFPathSegment_GetPoint)
_SEGMENT_TYPE = _fast(pdfium_c.FPDFPathSegment_GetType)
_SEGMENT_CLOSE = _fast(pdfium_c.FPDFPathSegment_GetClose)


_ONE_AT_A_TIME = threading.RLock()  # PDFium keeps global state: threads take turns
_SURROGATE = re.compile("[\ud800-\udfff]")
# PDFium marks a hyphen that ends a line (joining a word across it) with a control code.
_LINE_END_HYPHEN = str.maketrans({"\x02": "-", "\ufffe": "-"})

_OPEN_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "cannot open it",
    pdfium_c.FPDF_ERR_FORMAT: "it is not a PDF or is damaged",
    pdfium_c.FPDF_ERR_PASSWORD: "it is encrypted (a password is needed)",
    pdfium_c.FPDF_ERR_SECURITY: "it uses an unsupported security handler",
    pdfium_c.FPDF_ERR_PAGE: "a page cannot be read",
}


def open_pages(data: bytes) -> Iterator[PdfPage]:
    """Every page of the PDF in order; ``CannotRead`` when PDFium cannot open the file, or the
    file is damaged (PDFium would repair it in silence: see ``pdf_integrity``), or a page
    cannot be loaded."""
    with _ONE_AT_A_TIME:
        yield from _document_pages(data)


def _document_pages(data: bytes) -> Iterator[PdfPage]:
    document = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)  # reads from data while open
    if not document:
        raise CannotRead(_OPEN_ERRORS.get(pdfium_c.FPDF_GetLastError(), "cannot open it"))
    try:
        if not pdfium_c.FPDF_DocumentHasValidCrossReferenceTable(document):
            raise CannotRead("its cross-reference table is damaged")
        problem = damage(data, encrypted=pdfium_c.FPDF_GetSecurityHandlerRevision(document) != -1)
        if problem:
            raise CannotRead(problem)
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
    space = _PageSpace(page)
    textpage = pdfium_c.FPDFText_LoadPage(page)
    try:
        chars, text_objects = _chars(textpage, space)
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
    drawing = _Drawing(space, text_objects)
    drawing.read([pdfium_c.FPDFPage_GetObject(page, i) for i in range(pdfium_c.FPDFPage_CountObjects(page))], IDENTITY)
    return PdfPage(number, count, space.width, space.height, chars + drawing.spaces, drawing.edges, drawing.fills)


class _PageSpace:
    """From PDF user space to pdfplumber's page space, as pdfminer lays a page out.

    pdfminer puts the media box's lower-left corner at the origin and turns
    the page by its /Rotate; pdfplumber measures ``top`` down from the
    (turned) media box's height. On an unturned page that is a shift
    (``shift_x``, ``flip_y``), which the char loop applies inline.
    """

    def __init__(self, page: object) -> None:
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if not pdfium_c.FPDFPage_GetMediaBox(page, left, bottom, right, top):
            left.value, bottom.value = 0.0, 0.0
            right.value, top.value = pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page)
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        rotation = pdfium_c.FPDFPage_GetRotation(page) % 4
        self.turned = rotation != 0
        self.width, self.height = abs(x1 - x0), abs(y1 - y0)
        if rotation in (1, 3):
            self.width, self.height = self.height, self.width
        self.matrix: Matrix = (
            (1.0, 0.0, 0.0, 1.0, -x0, -y0),
            (0.0, -1.0, 1.0, 0.0, -y0, x1),
            (-1.0, 0.0, 0.0, -1.0, x1, y1),
            (0.0, 1.0, -1.0, 0.0, y1, -x0),
        )[rotation]
        self.shift_x = 0.0 if self.turned else -x0
        self.flip_y = 0.0 if self.turned else self.height + y0

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A user-space box as (x0, x1, top, bottom) on the page."""
        ax, ay = _apply(self.matrix, x0, y0)
        bx, by = _apply(self.matrix, x1, y1)
        return min(ax, bx), max(ax, bx), self.height - max(ay, by), self.height - min(ay, by)

    def turn(self, char: dict) -> dict:
        """A char the loop placed without the page's turn (user x, and -y as top/bottom), placed."""
        x0, x1, top, bottom = self.box(char["x0"], -char["bottom"], char["x1"], -char["top"])
        return {**char, "x0": x0, "x1": x1, "top": top, "bottom": bottom}


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


def _text_style(textpage: object, index: int) -> tuple[bool, float]:
    """What a char's box needs of its text object (user space): is it upright, and its size."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage, index, matrix)
    upright = matrix.b == 0 and matrix.c == 0 and matrix.a > 0 and matrix.d > 0
    return upright, pdfium_c.FPDFText_GetFontSize(textpage, index) * matrix.d


def _chars(textpage: object, page_space: _PageSpace) -> tuple[list[dict], set[int]]:
    """The page's chars (see the module docstring), top-down coordinates, and the text
    objects they came from.

    A char's x0 is its origin; its x1 the right of PDFium's loose box, which
    is its advance unless the glyph's ink overhangs it (an italic f), where
    the next char's origin in the same text object stands in. The loop runs some
    2,000 times a page: it is kept flat (three calls into PDFium a char), with
    the page's transform applied inline for an unturned page and after the
    loop for a turned one.
    """
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return [], set()
    handle = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
    texts = _page_text(textpage, count) or [_unicode(handle, index) for index in range(count)]
    get_object, get_box, get_origin = _GET_TEXT_OBJECT, _GET_LOOSE_BOX, _GET_ORIGIN
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    x_ref, y_ref = ctypes.byref(origin_x), ctypes.byref(origin_y)
    shift_x, flip_y, overhang = page_space.shift_x, page_space.flip_y, INK_OVERHANG
    text_objects: set[int] = set()
    chars: list[dict] = []
    current = None
    last_x = last_y = last_right = size = above = below = 0.0
    upright = True
    last: dict = {}
    for index in range(count):
        text_object = get_object(handle, index)
        if not text_object:
            continue  # a space or line break PDFium generated between text objects
        get_box(handle, index, box_ref)
        left, right = box.left, box.right
        if left == right and box.top == box.bottom:
            continue  # a space PDFium generated inside a text object
        get_origin(handle, index, x_ref, y_ref)
        x, y = origin_x.value, origin_y.value
        text = texts[index]
        if text_object == current:
            if x == last_x and y == last_y:
                last["text"] += text  # another letter of the same glyph (ligature, ``ffi``)
                continue
            if upright and y == last_y and last_x < x < last_right - overhang:
                last["x1"] = x + shift_x  # the glyph's ink overhangs its advance
        else:
            current = text_object
            text_objects.add(text_object)
            upright, size = _text_style(textpage, index)
            above, below = flip_y - ABOVE * size, flip_y + CHAR_DESCENT * size
        last_x, last_y, last_right = x, y, right
        if upright:
            last = {"text": text, "x0": x + shift_x, "x1": right + shift_x, "top": above - y, "bottom": below - y, "size": size}
        else:  # turned text: PDFium's loose box stands in
            last = {
                "text": text, "x0": left + shift_x, "x1": right + shift_x,
                "top": flip_y - box.top, "bottom": flip_y - box.bottom, "size": box.top - box.bottom,
            }
        chars.append(last)
    if page_space.turned:
        chars = [page_space.turn(char) for char in chars]
    return chars, text_objects


def _page_text(textpage: object, count: int) -> str:
    """Every char's text from one call, or "" when PDFium's text does not line up one to one."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    if written - 1 != count:
        return ""
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="surrogatepass")
    if not text.isascii() and _SURROGATE.search(text):
        return ""  # a char outside the BMP takes two units: indexes no longer line up
    return text.translate(_LINE_END_HYPHEN)


def _unicode(handle: ctypes.c_void_p, index: int) -> str:
    return chr(_GET_UNICODE(handle, index)).translate(_LINE_END_HYPHEN)


# -- edges -------------------------------------------------------------------------------


class _Drawing:
    """What the page's objects draw beyond the text page: ruling edges from every stroked or
    filled path, rectangles filled without an outline (fills), and a space for each text object
    PDFium leaves out of the text page because it has no ink (a space or no-break space set on
    its own, which pdfminer reads as a char)."""

    def __init__(self, space: _PageSpace, text_objects: set[int]) -> None:
        self.space = space
        self.text_objects = text_objects
        self.edges: list[dict] = []
        self.fills: list[dict] = []
        self.spaces: list[dict] = []

    def read(self, objects: list, outer: Matrix) -> None:
        """Read objects whose coordinates ``outer`` maps to user space (form XObjects nest)."""
        matrix = pdfium_c.FS_MATRIX()
        for obj in objects:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_TEXT):
                continue
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT and ctypes.cast(obj, ctypes.c_void_p).value in self.text_objects:
                continue
            pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
            to_user = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                to_page = _multiply(to_user, self.space.matrix)
                fill_only = _fill_only(obj)
                for points, shape in _subpaths(obj):
                    points = [_apply(to_page, x, y) for x, y in points]
                    _path_edges(points, shape, self.space.height, self.fills if fill_only else None, self.edges)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                self.read([pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))], to_user)
            else:
                self._space(obj, to_user)

    def _space(self, text_object: object, to_user: Matrix) -> None:
        """A space where a text object with no ink stands, as pdfminer reads it (a char at its origin)."""
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        font_size = ctypes.c_float()
        if not pdfium_c.FPDFPageObj_GetBounds(text_object, left, bottom, right, top) or right.value - left.value > 0.01:
            return  # a text object with ink that PDFium left out: a copy drawn over another (fake bold)
        if not pdfium_c.FPDFTextObj_GetFontSize(text_object, font_size):
            return
        a, b, c, d, e, f = to_user
        if b or c or a <= 0 or d <= 0:
            return
        size = font_size.value * d
        x0, x1, top, bottom = self.space.box(e, f - CHAR_DESCENT * size, e, f + ABOVE * size)
        self.spaces.append({"text": " ", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": size})


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


def _fill_only(path: object) -> bool:
    """The path is filled and not stroked (pdfminer's LTRect ``fill and not stroke``)."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    return bool(pdfium_c.FPDFPath_GetDrawMode(path, fill_mode, stroke)) and fill_mode.value != 0 and not stroke.value


def _path_edges(points: list[Point], shape: str, height: float, fills: list[dict] | None, edges: list[dict]) -> None:
    """pdfminer's reading of one subpath (``PDFLayoutAnalyzer.paint_path``): a rect is a fill
    where the path is filled only (``fills`` given), else its four sides; anything else gives
    its straight axis-aligned pieces as edges."""
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-1]  # a line back to the start, then a close
    if shape in ("mlh", "ml"):
        points = points[:2]
    elif shape in ("mlllh", "mllll") and _is_rect(points):
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        x0, x1, top, bottom = min(xs), max(xs), height - max(ys), height - min(ys)
        if fills is not None:
            fills.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom})
            return
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


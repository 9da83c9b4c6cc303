"""Word documents (.docx) -> table rows, from the document's own table structure.

python-docx reads the package (``docx_package``: only the parts read are
parsed); the body is read in document order. The action table is the first
table one of whose top rows names the plan's columns. A later table that names the columns again, or lies on a grid of as
many columns, continues it (a table split in two, pasted in parts, or with
its title row repeated). The paragraphs before it, and the rows of any table
before it, are the header block. Page headers and footers live in the
document's sections and are never read, so the markings and banners there
are never content.

Each row is laid on the table grid (``w:gridBefore``, ``w:gridSpan``); a
position covered by a cell to its left (gridSpan) or above (``w:vMerge``
continued) is ``None``, as the PDF grid keeps merged positions, and the table
layer's ``grid_to_rows`` does the rest: title rows, spanning rows, furniture,
logical columns. A cell's paragraphs are its lines ("\\n"); a line break
inside a paragraph is a space (the owner splitter and the assembler treat
lines as separate owners / parts, and a paragraph is the author's unit). Rows
marked to repeat at the top of each page (``w:tblHeader``) are furniture.
A Word row is never broken across pages in the file, so no row is
``page_top``; there are no page or line numbers.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.ns import nsmap, qn
from lxml import etree

from ..errors import NotAnActionPlan
from ..table.furniture import Furniture
from ..table.grid_rows import GridBands, grid_to_rows
from ..table.rows import RawRow, TableRead
from ..table.titles import ColumnMapping, match_title_row
from . import Content
from .docx_package import open_package
from .docx_text import Element, PrintedText

TITLE_ROW_SEARCH = 3  # rows at a table's top searched for the column titles (a caption may come first)
MAX_GRID_COLUMNS = 63  # Word's limit: a larger span or offset in the file is damage, not layout

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_WRAPPERS = (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"))  # content controls wrap blocks, rows, cells
_VAL = qn("w:val")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NAMESPACES = {"w": nsmap["w"], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_GRID_COLUMNS = etree.XPath("count(./w:tblGrid/w:gridCol)", namespaces=_NAMESPACES)
_SPANS = etree.XPath("//w:tc/w:tcPr/w:gridSpan", namespaces=_NAMESPACES)
_CONTINUED = etree.XPath("//w:tc[w:tcPr/w:vMerge[not(@w:val) or @w:val='continue']]", namespaces=_NAMESPACES)
_BEFORE = etree.XPath("//w:tr/w:trPr/w:gridBefore", namespaces=_NAMESPACES)
_REPEATED = etree.XPath("//w:tr[w:trPr/w:tblHeader[not(@w:val='0' or @w:val='false' or @w:val='off')]]", namespaces=_NAMESPACES)
_DELETED = etree.XPath("//w:tr[w:trPr/w:del]", namespaces=_NAMESPACES)
# Paragraphs of a cell or a text box in document order, never the fallback copy of an alternate-content block.
_PARAGRAPHS_NOT_FALLBACK = etree.XPath(".//w:p[not(ancestor::mc:Fallback)]", namespaces=_NAMESPACES)
_TEXT_BOX_PARAGRAPHS = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]//w:p", namespaces=_NAMESPACES)


def read(content: Content) -> TableRead:
    """Read a plan's Word document; raise an IngestError saying why when it cannot be read."""
    package = open_package(content.path, content.data)
    body = _Body(PrintedText(package.document, package.numbering), _GridMarks.of(package.document))
    for block in _content(package.document.body, (_P, _TBL)):
        body.add(block)
    if not body.parts:
        raise NotAnActionPlan(
            content.path,
            "is a Word document with no action-plan table (no table with a row naming the columns 'Rec No ... Target Date')",
        )
    rows = tuple(body.rows())
    return TableRead(tuple(body.preamble), rows, notes=tuple(package.notes))


def _content(container: Element, tags: tuple[str, ...]) -> Iterator[Element]:
    """The children of these tags in order (paragraphs and tables, rows, cells), inside content controls too."""
    for item in container.iterchildren(*tags, *_WRAPPERS):
        if item.tag in tags:
            yield item
        else:
            yield from _content(item, tags)


@dataclass(frozen=True)
class _GridMarks:
    """The grid properties of a document's rows and cells, found once by compiled XPath (most carry none).

    Keyed by element: holding the elements keeps their Python objects, so
    the walk meets the same ones.
    """

    spans: dict[Element, int]  # cell -> the grid columns it spans (w:gridSpan)
    continued: set[Element]  # cells merged with the one above (w:vMerge continued)
    before: dict[Element, int]  # row -> grid columns skipped before its first cell (w:gridBefore)
    repeated: set[Element]  # rows repeated at the top of each page (w:tblHeader)
    deleted: set[Element]  # rows deleted with changes tracked: Word does not print them
    fallbacks: bool  # alternate-content blocks whose fallback copies must be skipped

    @classmethod
    def of(cls, document: Element) -> _GridMarks:
        return cls(
            spans={mark.getparent().getparent(): _int_val(mark) for mark in _SPANS(document)},
            continued=set(_CONTINUED(document)),
            before={mark.getparent().getparent(): _int_val(mark) for mark in _BEFORE(document)},
            repeated=set(_REPEATED(document)),
            deleted=set(_DELETED(document)),
            fallbacks=next(document.iter(_FALLBACK), None) is not None,
        )


@dataclass(frozen=True)
class WordTable:
    """A table on its grid: each row's cell texts by grid column (None where merged), and what each row is."""

    bands: list[list[str | None]]
    origins: list[list[int]]  # the grid column where the cell covering each position starts
    spanning: list[bool]  # the row is one cell across the table
    repeated: list[bool]  # w:tblHeader: Word repeats the row at the top of each page

    @property
    def columns(self) -> int:
        return len(self.bands[0]) if self.bands else 0

    def title_row(self) -> tuple[int, ColumnMapping] | None:
        """The row naming the columns near the top, with every grid column it covers mapped."""
        for index, band in enumerate(self.bands[:TITLE_ROW_SEARCH]):
            titles = match_title_row(band)
            if titles is not None:
                return index, {i: titles[o] for i, o in enumerate(self.origins[index]) if o in titles}
        return None

    def content_start(self, title: int) -> int:
        """The first row after the title row and the rows repeated at each page top with it."""
        start = title + 1
        if all(self.repeated):
            return start  # every row marked: the mark tells nothing
        while start < len(self.bands) and self.repeated[start]:
            start += 1
        return start

    def lines(self) -> list[str]:
        """Each row as one line of the header block, a blank line after it."""
        out: list[str] = []
        for band in self.bands:
            out += [" ".join(cell.replace("\n", " ") for cell in band if cell), ""]
        return out


@dataclass(frozen=True)
class _Part:
    """One table of the action table, its column mapping, and the row its content starts at."""

    table: WordTable
    mapping: ColumnMapping
    start: int


class _Body:
    """Reads the body block by block: the header block until the action table, then the table's parts."""

    def __init__(self, text: PrintedText, marks: _GridMarks) -> None:
        self.text = text  # every paragraph passes through, in order, so lists count as Word counts
        self.marks = marks
        self.preamble: list[str] = []
        self.parts: list[_Part] = []

    def add(self, block: Element) -> None:
        if block.tag == _P:
            lines = self._paragraph_lines(block)
            if not self.parts:
                self.preamble += [*lines, ""]
            return
        table = self._table(block)
        part = self._action_part(table)
        if part is not None:
            self.parts.append(part)
        elif not self.parts:
            self.preamble += table.lines()

    def rows(self) -> Iterator[RawRow]:
        furniture = self._furniture()
        for part in self.parts:
            bands = GridBands(part.table.bands[part.start :], part.table.spanning[part.start :])
            yield from grid_to_rows(bands, part.mapping, page=None, page_top=False, furniture=furniture)

    def _action_part(self, table: WordTable) -> _Part | None:
        """The table as (a part of) the action table, or None for any other table."""
        if table.columns < 3:
            return None
        found = table.title_row()
        if found is not None:
            return _Part(table, found[1], table.content_start(found[0]))
        if self.parts and table.columns == self.parts[0].table.columns:
            return _Part(table, self.parts[0].mapping, 0)  # the table continued without its title row
        return None

    def _furniture(self) -> Furniture:
        """Fixed forms (markings, page numbers), and banners: a one-cell row the table repeats."""
        lines: list[str] = []
        for part in self.parts:
            for band, spans in zip(part.table.bands[part.start :], part.table.spanning[part.start :]):
                if spans:
                    lines += [band[0] or "", ""]
        return Furniture.of_lines(lines)

    def _paragraph_lines(self, paragraph: Element) -> list[str]:
        """A body paragraph's lines (a line break starts one), then those of any text box in it."""
        lines = self.text(paragraph).split("\n")
        for inner in _TEXT_BOX_PARAGRAPHS(paragraph):
            lines += self.text(inner).split("\n")
        return lines

    def _cell_text(self, cell: Element) -> str:
        """A cell's paragraphs (nested tables' and text boxes' included) as lines; "" when empty."""
        paragraphs = _PARAGRAPHS_NOT_FALLBACK(cell) if self.marks.fallbacks else cell.iter(_P)
        lines = (self.text(p).replace("\n", " ").strip() for p in paragraphs)
        return "\n".join(line for line in lines if line)

    def _table(self, table: Element) -> WordTable:
        bands: list[list[str | None]] = []
        origins: list[list[int]] = []
        spanning: list[bool] = []
        repeated: list[bool] = []
        marks = self.marks
        for row in _content(table, (_TR,)):
            if row in marks.deleted:
                continue
            cells = list(_content(row, (_TC,)))
            before = marks.before.get(row, 0)
            band: list[str | None] = [None] * before
            origin = list(range(before))
            for cell in cells:
                if len(band) >= MAX_GRID_COLUMNS:
                    break  # more cells than Word allows: the rest is damage
                span = max(1, marks.spans.get(cell, 1))
                origin += [len(band)] * span
                band += [None if cell in marks.continued else self._cell_text(cell)] + [None] * (span - 1)
            bands.append(band)
            origins.append(origin)
            spanning.append(len(cells) == 1 and len(band) - before >= 2)
            repeated.append(row in marks.repeated)
        width = max([min(int(_GRID_COLUMNS(table)), MAX_GRID_COLUMNS), *map(len, bands)])
        for band, origin in zip(bands, origins):
            origin += range(len(band), width)
            band += [None] * (width - len(band))
        return WordTable(bands, origins, spanning, repeated)


def _int_val(mark: Element) -> int:
    """A grid property's integer w:val, 0 when unreadable; never more than Word allows."""
    value = mark.get(_VAL)
    return min(int(value), MAX_GRID_COLUMNS) if value is not None and value.isdigit() else 0

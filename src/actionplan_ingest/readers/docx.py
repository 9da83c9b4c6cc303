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
from .docx_text import Element, ListLabels, child, paragraph_runs_text, switched_on

TITLE_ROW_SEARCH = 3  # rows at a table's top searched for the column titles (a caption may come first)
MAX_GRID_COLUMNS = 63  # Word's limit: a larger span or offset in the file is damage, not layout

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_WRAPPERS = (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"))  # content controls wrap blocks, rows, cells
_ROW_PROPERTIES, _CELL_PROPERTIES = qn("w:trPr"), qn("w:tcPr")
_GRID_BEFORE, _GRID_SPAN, _V_MERGE, _HEADER_ROW, _DELETED = (
    qn("w:gridBefore"), qn("w:gridSpan"), qn("w:vMerge"), qn("w:tblHeader"), qn("w:del"),
)
_VAL = qn("w:val")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NAMESPACES = {"w": nsmap["w"], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_GRID_COLUMNS = etree.XPath("count(./w:tblGrid/w:gridCol)", namespaces=_NAMESPACES)
# Paragraphs of a cell or a text box in document order, never the fallback copy of an alternate-content block.
_PARAGRAPHS_NOT_FALLBACK = etree.XPath(".//w:p[not(ancestor::mc:Fallback)]", namespaces=_NAMESPACES)
_TEXT_BOX_PARAGRAPHS = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]//w:p", namespaces=_NAMESPACES)


def read(content: Content) -> TableRead:
    """Read a plan's Word document; raise an IngestError saying why when it cannot be read."""
    package = open_package(content.path, content.data)
    body = _Body(ListLabels(package.numbering), has_fallbacks=next(package.document.iter(_FALLBACK), None) is not None)
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

    def __init__(self, labels: ListLabels, has_fallbacks: bool) -> None:
        self.labels = labels  # every paragraph passes through, in order, so lists count as Word counts
        self.has_fallbacks = has_fallbacks  # alternate-content blocks whose fallback copies must be skipped
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
        lines = self._paragraph_text(paragraph).split("\n")
        for inner in _TEXT_BOX_PARAGRAPHS(paragraph):
            lines += self._paragraph_text(inner).split("\n")
        return lines

    def _paragraph_text(self, paragraph: Element) -> str:
        return self.labels.label(paragraph) + paragraph_runs_text(paragraph)

    def _cell_text(self, cell: Element) -> str:
        """A cell's paragraphs (nested tables' and text boxes' included) as lines; "" when empty."""
        paragraphs = _PARAGRAPHS_NOT_FALLBACK(cell) if self.has_fallbacks else cell.iter(_P)
        lines = (self._paragraph_text(p).replace("\n", " ").strip() for p in paragraphs)
        return "\n".join(line for line in lines if line)

    def _table(self, table: Element) -> WordTable:
        bands: list[list[str | None]] = []
        origins: list[list[int]] = []
        spanning: list[bool] = []
        repeated: list[bool] = []
        for row in _content(table, (_TR,)):
            properties = child(row, _ROW_PROPERTIES)
            if child(properties, _DELETED) is not None:
                continue  # a row deleted with changes tracked: Word does not print it
            cells = list(_content(row, (_TC,)))
            before = _int_val(properties, _GRID_BEFORE)
            band: list[str | None] = [None] * before
            origin = list(range(before))
            for cell in cells:
                if len(band) >= MAX_GRID_COLUMNS:
                    break  # more cells than Word allows: the rest is damage
                cell_properties = child(cell, _CELL_PROPERTIES)
                span = max(1, _int_val(cell_properties, _GRID_SPAN))
                origin += [len(band)] * span
                band += [None if _continues_above(cell_properties) else self._cell_text(cell)] + [None] * (span - 1)
            bands.append(band)
            origins.append(origin)
            spanning.append(len(cells) == 1 and len(band) - before >= 2)
            repeated.append(switched_on(child(properties, _HEADER_ROW)))
        width = max([min(int(_GRID_COLUMNS(table)), MAX_GRID_COLUMNS), *map(len, bands)])
        for band, origin in zip(bands, origins):
            origin += range(len(band), width)
            band += [None] * (width - len(band))
        return WordTable(bands, origins, spanning, repeated)


def _continues_above(properties: Element | None) -> bool:
    """A cell merged with the one above it (``w:vMerge`` with no value or "continue")."""
    merge = child(properties, _V_MERGE)
    return merge is not None and merge.get(_VAL, "continue") == "continue"


def _int_val(element: Element | None, tag: str) -> int:
    """The integer w:val of a child element, 0 when absent or unreadable."""
    found = child(element, tag)
    value = None if found is None else found.get(_VAL)
    return min(int(value), MAX_GRID_COLUMNS) if value is not None and value.isdigit() else 0

"""Word documents (.docx) -> table rows, from the document's own table structure.

python-docx opens the package; the body is read in document order. The
action table is the first table one of whose top rows names the plan's
columns. A later table that names the columns again, or lies on a grid of as
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

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from ..errors import DocxEncrypted, DocxError, NotAnActionPlan
from ..table.furniture import Furniture
from ..table.grid_rows import GridBands, grid_to_rows
from ..table.rows import RawRow, TableRead
from ..table.titles import ColumnMapping, match_title_row
from . import CFB_MAGIC, Content
from .docx_text import Element, ListLabels, paragraph_runs_text

_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # how an encrypted .docx holds the real one
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # the main stream of a Word 97-2003 .doc
TITLE_ROW_SEARCH = 3  # rows at a table's top searched for the column titles (a caption may come first)

_P, _TBL = qn("w:p"), qn("w:tbl")
_WRAPPERS = frozenset({qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")})  # content controls hold blocks
_TEXT_BOX = qn("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read(content: Content) -> TableRead:
    """Read a plan's Word document; raise an IngestError saying why when it cannot be read."""
    document = _open(content)
    body = _Body(ListLabels.of(document))
    for block in _blocks(document.element.body):
        body.add(block)
    if not body.parts:
        raise NotAnActionPlan(
            content.path,
            "is a Word document with no action-plan table (no table with a row naming the columns 'Rec No ... Target Date')",
        )
    return TableRead(tuple(body.preamble), tuple(body.rows()))


def _open(content: Content) -> Document:
    """The document, or a one-line reason it cannot be opened."""
    data, path = content.data, content.path
    if data.startswith(CFB_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise DocxEncrypted(path, "is encrypted (password-protected): remove the password in Word and save it again")
        if _WORD_STREAM in data:
            raise DocxError(path, "is an old Word .doc (Word 97-2003), not a .docx: open it in Word and save it as .docx")
        raise DocxEncrypted(path, "is encrypted/password-protected or an old .doc (an OLE compound file, not a .docx)")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise DocxError(path, f"is a damaged Word document: the zip archive cannot be read ({exc})") from exc
    except KeyError as exc:
        raise DocxError(path, f"is a damaged Word document: a part is missing ({exc.args[0] if exc.args else exc})") from exc
    except etree.XMLSyntaxError as exc:
        raise DocxError(path, f"is a damaged Word document: its XML cannot be parsed ({exc.msg})") from exc
    except ValueError as exc:  # python-docx: the main part is a template or macro-enabled document
        raise DocxError(path, "is not a plain Word document (a template or macro-enabled file?): save it as .docx") from exc


def _blocks(container: Element) -> Iterator[Element]:
    """The paragraphs and tables of the body in order, inside content controls too."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


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

    def __init__(self, labels: ListLabels) -> None:
        self.labels = labels  # every paragraph passes through, in order, so lists count as Word counts
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
        for box in _text_boxes(paragraph):
            for inner in box.iter(_P):
                lines += self._paragraph_text(inner).split("\n")
        return lines

    def _paragraph_text(self, paragraph: Element) -> str:
        return self.labels.label(paragraph) + paragraph_runs_text(paragraph)

    def _cell_text(self, cell: Element) -> str:
        """A cell's paragraphs (nested tables' and text boxes' included) as lines; "" when empty."""
        lines = (self._paragraph_text(p).replace("\n", " ").strip() for p in _cell_paragraphs(cell))
        return "\n".join(line for line in lines if line)

    def _table(self, table: Element) -> WordTable:
        grid = len(table.xpath("./w:tblGrid/w:gridCol"))
        bands: list[list[str | None]] = []
        origins: list[list[int]] = []
        spanning: list[bool] = []
        repeated: list[bool] = []
        for row in table.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr | ./w:customXml/w:tr"):
            properties = row.find(qn("w:trPr"))
            if properties is not None and properties.find(qn("w:del")) is not None:
                continue  # a row deleted with changes tracked: Word does not print it
            cells = row.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc")
            band: list[str | None] = [None] * _int_val(properties, "w:gridBefore")
            origin = list(range(len(band)))
            for cell in cells:
                span = max(1, _int_val(cell.find(qn("w:tcPr")), "w:gridSpan"))
                origin += [len(band)] * span
                band += [None if _continues_above(cell) else self._cell_text(cell)] + [None] * (span - 1)
            bands.append(band)
            origins.append(origin)
            spanning.append(len(cells) == 1 and len(band) - _int_val(properties, "w:gridBefore") >= 2)
            repeated.append(properties is not None and properties.find(qn("w:tblHeader")) is not None)
        width = max([grid, *map(len, bands)])
        for band, origin in zip(bands, origins):
            origin += range(len(band), width)
            band += [None] * (width - len(band))
        return WordTable(bands, origins, spanning, repeated)


def _cell_paragraphs(cell: Element) -> Iterator[Element]:
    for paragraph in cell.iter(_P):
        if not any(ancestor.tag == _FALLBACK for ancestor in paragraph.iterancestors()):
            yield paragraph


def _text_boxes(paragraph: Element) -> Iterator[Element]:
    for box in paragraph.iter(_TEXT_BOX):
        if not any(ancestor.tag == _FALLBACK for ancestor in box.iterancestors()):
            yield box


def _continues_above(cell: Element) -> bool:
    """A cell merged with the one above it (``w:vMerge`` with no value or "continue")."""
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(qn("w:val"), "continue") == "continue"


def _int_val(element: Element | None, tag: str) -> int:
    """The integer w:val of a child element, 0 when absent or unreadable."""
    child = None if element is None else element.find(qn(tag))
    value = None if child is None else child.get(qn("w:val"))
    return int(value) if value is not None and value.isdigit() else 0


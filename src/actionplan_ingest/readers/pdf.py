"""Published PDFs -> table rows, from each page's chars and ruling lines.

An engine (``pdf_engines``: pdfium by default, pdfplumber the reference)
delivers the pages; this module finds the table. The action table is the ruled table whose first row names the plan's
columns; it continues on later pages (its title row repeated or not). The
text above it on the pages before it is the header block. Page footers and
numbers outside the table are ignored.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

from ..errors import NotAnActionPlan, PdfNoTextLayer
from ..table.grid_rows import GridBands, grid_to_rows
from ..table.rows import Column, RawRow, TableRead
from ..table.titles import ColumnMapping, match_title_row
from . import Content
from .pdf_geometry import (
    Grid,
    PdfPage,
    chars_to_cells,
    chars_to_lines,
    edges_to_segments,
    segments_to_tables,
    table_to_grid,
)
from .pdf_engines import read_pdf

TITLE_ROW_SEARCH = 3  # bands at a table's top searched for the column titles
MAX_BOTTOM_MARGIN = 90.0  # points: a page's usable foot is at most 1.25 inches above its edge
FOOT_TOLERANCE = 24.0  # points (two lines): a table ending this near the foot ran down to it


def read(content: Content) -> TableRead:
    """Read a published plan PDF; raise an IngestError saying why when it cannot be read."""
    table, engine = read_pdf(content.path, content.data, content.pdf_engine, partial(_read_table, content.path))
    return replace(table, engine=engine)


def _read_table(path: Path, pages: Iterator[PdfPage]) -> TableRead:
    """The action table and header block from one engine's pages."""
    reader = _TableReader()
    count = 0
    for page in pages:
        reader.read_page(page.number, page.height, page.chars, page.edges)
        count = page.count
    if not reader.any_text:
        raise PdfNoTextLayer(path, "has no text layer (a scanned image?); run OCR first, e.g. 'ocrmypdf in.pdf out.pdf'")
    if reader.mapping is None:
        raise NotAnActionPlan(path, "has text but no action-plan table (no ruled table whose first row names the columns)")
    return TableRead(tuple(reader.preamble), tuple(reader.rows_with_page_breaks()), count)


class _TableReader:
    """Follows the action table from page to page, collecting its rows."""

    def __init__(self) -> None:
        self.preamble: list[str] = []
        self.rows: list[RawRow] = []
        self.mapping: ColumnMapping | None = None  # physical column -> logical, from the title row
        self.column_spans: list[tuple[float, float, Column]] = []  # x-range of each mapped title column
        self.any_text = False
        self.table_ends: dict[int, tuple[float, float]] = {}  # page -> (action table's bottom, page height)

    def read_page(self, number: int, height: float, chars: list[dict], edges: list[dict]) -> None:
        self.any_text = self.any_text or any(not c["text"].isspace() for c in chars)
        grids = [table_to_grid(table) for table in segments_to_tables(edges_to_segments(edges))]
        free = chars_to_cells(chars, grids)
        started_before = self.mapping is not None
        page_top = True
        table_top = None
        for grid in grids:
            rows = grid.rows()
            found = self._mapping_for(grid, rows)
            if found is None:
                continue
            mapping, first_band = found
            table_top = grid.ys[first_band] if table_top is None else table_top
            page_top = self._read_grid(grid, rows, mapping, first_band, number, page_top)
            self.table_ends[number] = (grid.ys[-1], height)
        if not started_before:
            # Until the table starts, the text outside tables is the header block.
            limit = table_top if table_top is not None else float("inf")
            self.preamble.extend(text for top, text in chars_to_lines(free) if top < limit)

    def rows_with_page_breaks(self) -> list[RawRow]:
        """The rows, with ``page_top`` kept only where a row can really continue.

        A row breaks across pages only when the table runs down to the foot
        of the page. Where the table on the page before stopped short of it
        (the next row did not fit, or a page break was forced), the next
        page starts with a whole new row.
        """
        if not self.table_ends:
            return self.rows
        deepest = max(bottom for bottom, _ in self.table_ends.values())
        ran_to_foot = {  # the foot: as deep as any page's table went, or at most a margin above the edge
            page: bottom >= max(deepest, height - MAX_BOTTOM_MARGIN) - FOOT_TOLERANCE
            for page, (bottom, height) in self.table_ends.items()
        }
        return [
            replace(row, page_top=False) if row.page_top and not ran_to_foot.get((row.page or 0) - 1, True) else row
            for row in self.rows
        ]

    def _mapping_for(self, grid: Grid, rows: list[list[str | None]]) -> tuple[ColumnMapping, int] | None:
        """Columns of a grid that is (part of) the action table, and the band its rows
        start at (a caption above the title row is skipped); None for any other table."""
        if grid.columns < 3 or not rows:
            return None
        for band, cells in enumerate(rows[:TITLE_ROW_SEARCH]):
            titles = match_title_row(cells)
            if titles is not None:
                if self.mapping is None:
                    self.mapping = titles
                    self.column_spans = [(grid.xs[i], grid.xs[i + 1], column) for i, column in titles.items()]
                return titles, band
        if self.mapping is None or grid.columns != len(self.column_spans):
            return None  # not the action table continued (a sign-off table, say)
        return {i: self._column_at(grid.xs[i], grid.xs[i + 1]) for i in range(grid.columns)}, 0

    def _column_at(self, x0: float, x1: float) -> Column:
        """The title column a continuation page's column overlaps most."""
        return max(self.column_spans, key=lambda span: min(x1, span[1]) - max(x0, span[0]))[2]

    def _read_grid(
        self, grid: Grid, rows: list[list[str | None]], mapping: ColumnMapping, first_band: int, page: int, page_top: bool
    ) -> bool:
        """Add the grid's rows from first_band on; True while no row has been read on this page."""
        bands = GridBands(rows[first_band:], [grid.spanning(band) for band in range(first_band, len(rows))])
        before = len(self.rows)
        self.rows.extend(grid_to_rows(bands, mapping, page, page_top))
        return page_top and len(self.rows) == before

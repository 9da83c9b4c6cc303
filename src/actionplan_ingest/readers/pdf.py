"""Published PDFs -> table rows, from each page's chars and ruling lines.

An engine (``pdf_engines``: pdfium by default, pdfplumber the reference and
fall back) delivers the pages; this module finds the table. The action table
is the ruled table whose first row names the plan's columns; it continues on
later pages (its title row repeated or not). Where it is ruled across only,
its columns are found from the title row's text first (``pdf_text_columns``).
The text above it on the pages before it is the header block, less the page
furniture every page repeats; text outside the table on later pages is
ignored. What the engine had to skip or repair becomes a note that content
may be missing.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from ..errors import NotAnActionPlan, PdfNoTextLayer, PdfStructureLoop
from ..table.furniture import Furniture
from ..table.grid_rows import GridBands, grid_to_rows
from ..table.rows import Column, RawRow, ReadNote, TableRead
from ..table.titles import TITLES, ColumnMapping, match_title_row
from . import Content
from .pdf_geometry import (
    JOIN,
    Grid,
    PdfDamage,
    PdfPage,
    Segment,
    chars_to_cells,
    chars_to_paragraphs,
    edges_to_segments,
    fills_to_rules,
    segments_to_tables,
    table_to_grid,
)
from .pdf_engines import read_pdf
from .pdf_text_columns import (
    RuleStack,
    chars_in_bands,
    column_boundaries,
    column_rules,
    open_bands,
    rule_stacks,
    snapped,
    text_cells,
)

TITLE_ROW_SEARCH = 3  # bands at a table's top searched for the column titles
MAX_BOTTOM_MARGIN = 90.0  # points: a page's usable foot is at most 1.25 inches above its edge
FOOT_TOLERANCE = 24.0  # points (two lines): a table ending this near the foot ran down to it
_LABELLED = re.compile(r"^[^:]{1,60}:")  # "Action Plan: HMP X": a header field, even where repeated
INPUT_DAMAGED = "input_damaged"  # the WarningCode of a note on what the engine skipped or repaired


def read(content: Content) -> TableRead:
    """Read a published plan PDF; raise an IngestError saying why when it cannot be read."""
    table, engine = read_pdf(content.path, content.data, content.pdf_engine, partial(_read_table, content.path))
    return replace(table, engine=engine)


def _read_table(path: Path, pages: Iterator[PdfPage]) -> TableRead:
    """The action table and header block from one engine's pages."""
    reader = _TableReader()
    count = 0
    damage: list[PdfDamage] = []
    for page in pages:
        reader.read_page(page)
        count = page.count
        damage += page.damage
    notes = _damage_notes(damage)
    if (not reader.any_text or reader.mapping is None) and (loops := [d.what for d in damage if d.loop]):
        raise PdfStructureLoop(path, f"is malformed: {'; '.join(loops)}")
    if not reader.any_text:
        raise PdfNoTextLayer(path, "has no text layer (a scanned image?); run OCR first, e.g. 'ocrmypdf in.pdf out.pdf'")
    if reader.mapping is None:
        raise NotAnActionPlan(path, "has text but no action-plan table (no ruled table whose first row names the columns)")
    return TableRead(tuple(reader.preamble()), tuple(reader.rows_with_page_breaks()), count, tuple(notes))


def _damage_notes(damage: Sequence[PdfDamage]) -> list[ReadNote]:
    """What the engine skipped or repaired, one note per page (or for the whole document)."""
    by_page: dict[int | None, list[str]] = {}
    for item in damage:
        by_page.setdefault(item.page, []).append(item.what if item.times == 1 else f"{item.what} ({item.times} times)")
    return [
        ReadNote(INPUT_DAMAGED, f"{'the document' if page is None else f'page {page}'}: {'; '.join(whats)}; "
                 "content may be missing", page)
        for page, whats in by_page.items()
    ]


class _TableReader:
    """Follows the action table from page to page, collecting its rows."""

    def __init__(self) -> None:
        self.preamble_paragraphs: list[list[str]] = []  # free text above the table until it starts: the header block
        self.free_text: list[str] = []  # every page's free-text paragraphs: page furniture is learnt from them
        self.rows: list[RawRow] = []
        self.mapping: ColumnMapping | None = None  # physical column -> logical, from the title row
        self.column_spans: list[tuple[float, float, Column]] = []  # x-range of each mapped title column
        self.any_text = False
        self.table_ends: dict[int, tuple[float, float]] = {}  # page -> (action table's bottom, page height)
        self.open_edges: list[float] = []  # column edges of a title row found between horizontal rules

    def read_page(self, page: PdfPage) -> None:
        number, height, chars = page.number, page.height, page.chars
        self.any_text = self.any_text or any(not c["text"].isspace() for c in chars)
        rules, shading = fills_to_rules(page.fills)
        segments = edges_to_segments(page.edges + rules)
        segments += self._rules_down_open_tables(segments, shading, chars)
        grids = [table_to_grid(table) for table in segments_to_tables(segments)]
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
        paragraphs = chars_to_paragraphs(free)
        self.free_text.extend(" ".join(lines) for _, lines in paragraphs)
        if not started_before:
            # Until the table starts, the text outside tables is the header block.
            limit = table_top if table_top is not None else float("inf")
            self.preamble_paragraphs.extend(lines for top, lines in paragraphs if top < limit)

    def preamble(self) -> list[str]:
        """The header block's lines, paragraphs apart by a blank line, without page furniture.

        Banners are learnt from the free text of every page (a paragraph the
        pages repeat); a repeated "Label: value" line is kept, since a page
        header may repeat a header field such as the plan's title.
        """
        furniture = Furniture.of_lines([line for paragraph in self.free_text for line in (paragraph, "")])
        lines: list[str] = []
        for paragraph in self.preamble_paragraphs:
            if not _LABELLED.match(paragraph[0]) and furniture.is_furniture(" ".join(paragraph)):
                continue
            lines += [line for line in paragraph if not furniture.is_furniture(line) or _LABELLED.match(line)]
            lines.append("")
        return lines

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

    def _rules_down_open_tables(self, segments: list[Segment], shading: list[dict], chars: list[dict]) -> list[Segment]:
        """Vertical rules down the columns of an action table drawn with horizontal rules only.

        Its columns come from its title row's text and whatever edges its
        title cells show: rules, the ends of rules under some columns, the
        sides of shaded cells (or, on a page where the title row is not
        repeated, from the page before); see ``pdf_text_columns``.
        """
        rules: list[Segment] = []
        for stack in rule_stacks(segments):
            opened = open_bands(stack, segments)
            if not any(opened):
                continue  # ruled down throughout (the common table): its chars need not be sorted into bands
            bands = chars_in_bands(stack, chars)
            if not any(is_open and band for is_open, band in zip(opened, bands)):
                continue  # ruled down throughout: the grid steps read it as it is
            found = self._open_columns(stack, bands, opened, segments, shading)
            if found is not None:
                xs, ruled = found
                rules += column_rules(stack, xs, bands, ruled)
        return rules

    def _open_columns(
        self, stack: RuleStack, bands: list[list[dict]], opened: list[bool], segments: list[Segment], shading: list[dict]
    ) -> tuple[list[float], range] | None:
        """The column edges of an action table in the stack, and the bands to rule down; None for any other.

        Those bands are the table's from its title row on when most of them
        are open; else (a ruled table whose title row alone has no rules
        between its cells, only shading) the title row.
        """
        verticals = [s.at for s in segments if not s.horizontal]  # an edge near a rule is that rule (no sliver column)
        for band, chars in enumerate(bands):
            cells = text_cells(chars) if chars else []
            if len(cells) < TITLES.columns_min or match_title_row([cell.text for cell in cells]) is None:
                continue
            top, bottom = stack.bands()[band]
            drawn = [s.at for s in segments if not s.horizontal and s.covers(top + JOIN, bottom - JOIN)] + list(stack.ends)
            drawn += [x for f in shading if f["top"] <= top + JOIN and f["bottom"] >= bottom - JOIN for x in (f["x0"], f["x1"])]
            body = [char for chars in bands[band + 1 :] for char in chars]
            edges = column_boundaries(cells, drawn, body, stack.left, stack.right)
            self.open_edges = [snapped(x, verticals) for x in edges]
            if _mostly_open(opened[band + 1 :], bands[band + 1 :]):
                return self.open_edges, range(band, len(bands))
            return (self.open_edges, range(band, band + 1)) if opened[band] else None
        if self.open_edges and stack.matches(self.open_edges[0], self.open_edges[-1]) and _mostly_open(opened, bands):
            return [snapped(x, verticals) for x in self.open_edges], range(len(bands))
        return None

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


def _mostly_open(opened: list[bool], bands: list[list[dict]]) -> bool:
    """More of the bands that hold text have no vertical rules inside than have them."""
    with_text = [is_open for is_open, band in zip(opened, bands) if band]
    return sum(with_text) * 2 > len(with_text)

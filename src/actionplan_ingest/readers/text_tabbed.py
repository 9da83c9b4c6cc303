"""Tab-separated text extractions (as the published seeds) -> table rows.

Cells are joined by tabs, but empty cells are dropped unpredictably, so the
table layer places each line's cells by content. Blank lines, page-number
rows and repeated title rows mark page breaks; the row after one is flagged
``page_top`` because a row broken over the page continues there.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..table.cells import is_page_number
from ..table.furniture import Furniture
from ..table.placement import FitMemo, align_cells
from ..table.rows import RawRow, TableRead
from ..table.titles import match_title_row
from . import Content

MIN_TABS = 3  # the title row has at least this many tabs


def sniff(content: Content) -> bool:
    """A tab-separated extraction has tabs; whether they make a table is for ``read`` to find."""
    return "\t" in content.text


def read(content: Content) -> TableRead | None:
    """The table of a tab-separated extraction, or None when the text holds none."""
    lines = content.text.split("\n")
    title_index = _title_line(lines)
    if title_index is None:
        return None
    preamble = [line.replace("\t", " ") for line in lines[:title_index]]
    furniture = Furniture.of_lines(lines)
    rows = _table_rows(lines, title_index + 1, furniture, {})
    return TableRead(tuple(preamble), tuple(rows))


def _title_line(lines: Sequence[str]) -> int | None:
    return next(
        (i for i, line in enumerate(lines) if line.count("\t") >= MIN_TABS and match_title_row(line.split("\t"))),
        None,
    )


def _table_rows(lines: Sequence[str], start: int, furniture: Furniture, fits: FitMemo) -> Iterator[RawRow]:
    page_top = False
    for number, line in enumerate(lines[start:], start=start + 1):
        cells = furniture.strip_cells(line.split("\t"))
        if not any(cell.strip() for cell in cells) or _all_page_numbers(cells) or match_title_row(cells):
            page_top = True  # a page break, its number or furniture, or the title row repeated on a new page
            continue
        column_cells, span = align_cells(cells, fits)
        yield RawRow(column_cells, page=None, line_start=number, line_end=number, page_top=page_top, span=span)
        page_top = False


def _all_page_numbers(cells: Sequence[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    return bool(filled) and all(is_page_number(c) for c in filled)

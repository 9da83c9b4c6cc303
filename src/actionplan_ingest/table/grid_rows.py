"""A cell grid (from PDF rules or a Word table) -> table rows.

A grid reader knows where its cells are; this step knows what they mean: the
title row (first or repeated) is skipped, a band whose one cell spans the
table, or that holds nothing but an addressee, is a spanning row (unless it
is a phase label: then it is the phase row it reads as), and every other
band's physical cells are put in their logical columns. Merged cells
arrive as ``None`` (pdfplumber's contract) and leave as ``None``.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .cells import names_addressee, phase_label
from .furniture import Furniture
from .rows import Column, RawRow
from .titles import ColumnMapping, match_title_row

GridBand = Sequence[str | None]


@dataclass(frozen=True)
class GridBands:
    """One grid's bands (rows between rules) as cell texts, and which bands span the table."""

    bands: Sequence[GridBand]
    spanning: Sequence[bool]


def grid_to_rows(
    grid: GridBands,
    mapping: ColumnMapping,
    page: int | None = None,
    page_top: bool = True,
    furniture: Furniture = Furniture(),
) -> Iterator[RawRow]:
    """The table rows of one grid; the first row is flagged ``page_top`` when asked.

    Rows are ``ruled``: drawn borders bound them, so within a page none
    continues the row above.
    """
    for band, spans in zip(grid.bands, grid.spanning):
        cells = [None if cell is None else furniture.strip(cell) if cell.strip() else cell for cell in band]
        if not any(cell and cell.strip() for cell in cells):
            continue  # an empty band (a cell merged over the page break), or furniture only
        if match_title_row(cells) is not None:
            continue  # the title row, first or repeated on a new page
        text = "\n".join(cell for cell in cells if cell)
        if spans and phase_label(text) and not names_addressee(text):
            # A phase row drawn across the table: the phase of the actions below, as in the response column.
            phase = tuple(text if column is Column.RESPONSE else "" for column in Column)
            yield RawRow(phase, page, None, None, page_top, ruled=True)
        elif spans or _addressee_only(cells, mapping):
            yield RawRow(("",) * len(Column), page, None, None, page_top, span=(text,), ruled=True)
        else:
            yield RawRow(logical_cells(cells, mapping), page, None, None, page_top, ruled=True)
        page_top = False


def logical_cells(cells: GridBand, mapping: ColumnMapping) -> tuple[str | None, ...]:
    """Physical cells -> the six logical ones; cells of one column (a split column) stacked by line."""
    logical: list[str | None] = [""] * len(Column)
    for index, cell in enumerate(cells):
        column = mapping.get(index)
        if column is not None and (cell or logical[column] in ("", None)):
            logical[column] = cell if not logical[column] else f"{logical[column]}\n{cell}"
    return tuple(logical)


def _addressee_only(cells: GridBand, mapping: ColumnMapping) -> bool:
    """A row not merged across the table but holding only an addressee ("... should:")."""
    filled = [i for i, cell in enumerate(cells) if cell and cell.strip()]
    return (
        len(filled) == 1
        and mapping.get(filled[0]) in (Column.NUMBER, Column.RECOMMENDATION)
        and names_addressee(cells[filled[0]] or "")
    )

"""A gold plan as a Word document in a given page set-up, for bench/layout_from_gold.py.

The document is tests/docxbuild.py's (as bench/docx_from_gold.py builds it,
one paragraph per owner); this module then lays its pages out the way plans
differ in print: orientation, the action table's column widths, the font
size, and a protective marking and a running banner in the page header.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx_from_gold import as_is, word_rows
from docxbuild import build_plan_docx
from pdf_from_gold import header

EMU_PER_CM = 360000
BANNER = "Actions against target dates are likely to be delayed due to COVID-19 restrictions."


def write_word_plan(
    gold: dict, path: Path, *, template: str, widths: Sequence[float], size: float, landscape: bool
) -> Path:
    build_plan_docx(path, header(gold, fix=as_is), word_rows(gold, paragraphs=True), template=template)
    document = docx.Document(str(path))
    section = document.sections[0]
    if landscape != (section.orientation == WD_ORIENT.LANDSCAPE):
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = section.page_height, section.page_width
    section.header.paragraphs[0].text = "OFFICIAL"
    section.header.add_paragraph(BANNER)
    section.footer.paragraphs[0].text = "OFFICIAL"
    usable = (section.page_width - section.left_margin - section.right_margin) / EMU_PER_CM
    for table in document.tables:
        if len(table.columns) == len(widths):
            _set_widths(table, [w * usable / sum(widths) for w in widths])
    for paragraph in _paragraphs(document):
        for run in paragraph.runs:
            run.font.size = Pt(size)
    document.save(str(path))
    return path


def _set_widths(table, widths: Sequence[float]) -> None:
    """Column widths in the table grid, which LibreOffice lays out by; cell widths are dropped
    (a merged cell would carry one column's width)."""
    for grid_column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        grid_column.set(qn("w:w"), str(int(Cm(width).twips)))
    for cell_width in table._tbl.iter(qn("w:tcW")):
        cell_width.getparent().remove(cell_width)


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs

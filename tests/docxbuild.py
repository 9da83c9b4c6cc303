"""Build action-plan Word documents with python-docx, as plans are drafted, for tests.

    from docxbuild import build_plan_docx
    from pdfbuild import Action, PhaseRow, Rec, Span

    build_plan_docx(tmp_path / "plan.docx", header={...}, rows=[Span("... should:"), Rec("1", ..., [Action(...)])])

What is written (the rows are pdfbuild's, so a test can build both forms of one plan):

- the header block as paragraphs ("A Response to: ...", "Report Published: ...",
  "Action Plan Submitted: ...", "Updated Action Plan submitted: ..." for each
  date in ``updated``, "ACTION PLAN: ..."), with ``intro=True`` also
  the Agreed / Partly Agreed / Not Agreed categorisation table before it;
- a page header ("OFFICIAL" and a running banner) and footer ("Page 1 of 1"),
  which a reader must never take for content;
- one six-column table: the title row (marked to repeat on every page), a
  ``Span`` one cell merged across the six columns (gridSpan), a recommendation's
  first three cells merged down over its action rows (vMerge), a ``PhaseRow``
  with only its response cell filled; "\\n" in a text starts a new paragraph;
- ``split_after``: the table split after each of these counts of rows, with
  an empty paragraph between the parts (Word's "Split Table"), each later part
  with its title row repeated when ``title_in_each_part``;
- ``furniture_after``: after each of these counts of rows, a row holding only
  page furniture (a marking or a page number) and a copy of the title row, as
  a document pasted together from pages holds them;
- ``numbered_lists``: a cell paragraph written "a) text" (or "\\ta)\\ttext")
  becomes an item of a list Word numbers itself ("%1)" in lower-case
  letters, counted afresh in each cell), so the label is not in its text.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.table import Table
from pdfbuild import TEMPLATES, PhaseRow, Rec, Row, Span

BANNER = "Actions against target dates are likely to be delayed due to COVID-19 restrictions."
LIST_ITEM = re.compile(r"^\t?([a-z])\)\s+(.*)$", re.S)
LETTERED_LIST_ID = 900  # the abstract list the builder adds: lower-case letters, "%1)"
CATEGORIES = (
    ("Agreed", "The whole recommendation is accepted."),
    ("Partly Agreed", "Part of the recommendation is accepted."),
    ("Not Agreed", "The recommendation is not accepted."),
)


def build_plan_docx(
    path: str | Path,
    header: Mapping[str, str | Sequence[str]],
    rows: Sequence[Row],
    *,
    template: str = "probation",
    intro: bool = False,
    split_after: Collection[int] = (),
    title_in_each_part: bool = False,
    furniture_after: Collection[int] = (),
    furniture: str = "OFFICIAL",
    numbered_lists: bool = False,
) -> Path:
    """Write the plan as a .docx; returns its path. Row counts in the options count table rows after the title."""
    document = docx.Document()
    write = _ListWriter(document) if numbered_lists else _write
    section = document.sections[0]
    section.header.paragraphs[0].text = "OFFICIAL"
    section.header.add_paragraph(BANNER)
    section.footer.paragraphs[0].text = "Page 1 of 1"
    for label, key in (("A Response to", "report"), ("Report Published", "published"), ("Action Plan Submitted", "submitted")):
        if header.get(key):
            document.add_paragraph(f"{label}: {header[key]}")
    for date in header.get("updated") or ():
        document.add_paragraph(f"Updated Action Plan submitted: {date}")
    if intro:
        document.add_paragraph("INTRODUCTION")
        categories = document.add_table(rows=0, cols=2)
        for term, meaning in CATEGORIES:
            cells = categories.add_row().cells
            cells[0].text, cells[1].text = term, meaning
    document.add_paragraph(f"ACTION PLAN: {header['title']}")
    titles = TEMPLATES[template]
    table = _new_table(document, titles)
    written = 0
    for row in rows:
        lines = _table_lines(row)
        first = None
        for index, line in enumerate(lines):
            if written in split_after:
                _merge_down(table, first)
                document.add_paragraph("")
                table = _new_table(document, titles if title_in_each_part else None)
                first = None
            if written in furniture_after:
                _merge_down(table, first)
                _span_row(table, furniture)
                _title_row(table, titles, repeat=False)
                first = None
            cells = table.add_row().cells
            if first is None and isinstance(row, Rec):
                first = len(table.rows) - 1
                if index == 0:
                    for cell, text in zip(cells, (row.number, row.text, row.agreement)):
                        write(cell, text)
            if isinstance(row, Span):
                cells[0].merge(cells[-1])
                _write(cells[0], row.text)
            else:
                for cell, text in zip(cells[3:], line):
                    write(cell, text)
            written += 1
        _merge_down(table, first)
    document.save(str(path))
    return Path(path)


def _table_lines(row: Row) -> list[tuple[str, ...]]:
    """The response/owner/target cells of each table row a plan row takes."""
    if isinstance(row, Span):
        return [()]
    lines = [(item.label, "", "") if isinstance(item, PhaseRow) else (item.text, item.owner, item.target) for item in row.actions]
    return lines or [("", "", "")]


def _new_table(document: docx.document.Document, titles: Sequence[str] | None) -> Table:
    table = document.add_table(rows=0, cols=len(TEMPLATES["probation"]))
    table.style = "Table Grid"
    if titles is not None:
        _title_row(table, titles, repeat=True)
    return table


def _title_row(table: Table, titles: Sequence[str], repeat: bool) -> None:
    row = table.add_row()
    for cell, title in zip(row.cells, titles):
        _write(cell, title)
    if repeat:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _span_row(table: Table, text: str) -> None:
    cells = table.add_row().cells
    cells[0].merge(cells[-1])
    _write(cells[0], text)


def _merge_down(table: Table, first: int | None) -> None:
    """A recommendation's number, text and agreement cells merged from its first row to the table's last."""
    last = len(table.rows) - 1
    if first is not None and last > first:
        for column in range(3):
            table.cell(first, column).merge(table.cell(last, column))


def _write(cell, text: str) -> None:
    """The text as the cell's paragraphs, one per "\\n"-separated part."""
    first, *rest = text.split("\n")
    cell.paragraphs[0].text = first
    for part in rest:
        cell.add_paragraph(part)


class _ListWriter:
    """Writes cells as ``_write`` does, but "a) text" paragraphs as items of a list Word numbers."""

    def __init__(self, document) -> None:
        self.numbering = document.part.numbering_part.element
        self.numbering.insert(0, parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{LETTERED_LIST_ID}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
        ))
        self.instances = 0

    def __call__(self, cell, text: str) -> None:
        parts = text.split("\n")
        if not any(LIST_ITEM.match(part) for part in parts):
            _write(cell, text)
            return
        self.instances += 1  # a list instance of its own, restarted at a): one per cell
        number = LETTERED_LIST_ID + self.instances
        self.numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{number}"><w:abstractNumId w:val="{LETTERED_LIST_ID}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        ))
        _write(cell, "\n".join(m.group(2) if (m := LIST_ITEM.match(part)) else part for part in parts))
        for paragraph, part in zip(cell.paragraphs, parts):
            if LIST_ITEM.match(part):
                paragraph._p.get_or_add_pPr().append(
                    parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{number}"/></w:numPr>')
                )

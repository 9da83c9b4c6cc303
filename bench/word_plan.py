"""A gold plan written as a Word document (python-docx), the form plans are drafted in.

Used by bench/layout_from_gold.py. The document takes its page set-up,
header and footer from a template (a dev plan's .docx) and holds: the header
block, an introduction, and the action table with a recommendation's first
three cells merged down over its action rows, an addressee row merged across
the table (or set in the recommendation column), a phase row wherever an
action's phase changes, and one paragraph per owner where the gold names
several.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from pdf_from_gold import written_date

SECTION = re.compile(r"^(?:main |other |further |priority )?recommendations? (?:to|for) ", re.IGNORECASE)
EMU_PER_CM = 360000


def write_word_plan(
    gold: dict,
    template: Path,
    path: Path,
    *,
    titles: Sequence[str],
    widths: Sequence[float],
    size: float,
    landscape: bool,
    repeat_title_row: bool,
    addressee_in_recommendation: bool,
) -> Path:
    document = docx.Document(str(template))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = document.sections[0]
    if landscape != (section.orientation == WD_ORIENT.LANDSCAPE):
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = section.page_height, section.page_width
    usable = (section.page_width - section.left_margin - section.right_margin) / EMU_PER_CM
    widths = [w * usable / sum(widths) for w in widths]

    for line in _header_lines(gold):
        document.add_paragraph().add_run(line).font.size = Pt(size + 1)
    document.add_paragraph().add_run(
        "INTRODUCTION. This action plan sets out the response to each recommendation in the report."
    ).font.size = Pt(size + 1)

    rows = _table_rows(gold)
    table = document.add_table(rows=1 + sum(1 if kind == "span" else len(item[1]) for kind, item in rows), cols=6)
    _grid(table)
    for column, width in enumerate(widths):
        for cell in table.columns[column].cells:
            cell.width = Cm(width)
    for column, title in enumerate(titles):
        _text(table.cell(0, column), title, size)
    if repeat_title_row:
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(header)
    at = 1
    for kind, item in rows:
        if kind == "span":
            cell = table.cell(at, 1) if addressee_in_recommendation else table.cell(at, 0).merge(table.cell(at, 5))
            _text(cell, item, size)
            at += 1
            continue
        rec, lines = item
        last = at + len(lines) - 1
        for column, text in ((0, rec["number"]), (1, rec["text"] or ""), (2, rec["agreement_raw"] or "")):
            _text(table.cell(at, column).merge(table.cell(last, column)) if last > at else table.cell(at, column), text, size)
        for cells in lines:
            for column, text in zip((3, 4, 5), cells):
                _text(table.cell(at, column), text, size)
            at += 1
    document.save(str(path))
    return path


def _header_lines(gold: dict) -> list[str]:
    report = gold.get("report") or {}
    lines = [
        f"ACTION PLAN: {gold['title']}" if gold.get("title") else "",
        f"A Response to: {report['title']}" if report.get("title") else "",
        f"Report Published: {written_date(report.get('published'))}" if report.get("published") else "",
        f"Action Plan Submitted: {written_date(gold.get('submitted'))}" if gold.get("submitted") else "",
        *(f"Updated Action Plan Submitted: {written_date(update)}" for update in gold.get("updates") or []),
    ]
    return [line for line in lines if line]


def _table_rows(gold: dict) -> list[tuple[str, object]]:
    """("span", text) and ("rec", (recommendation, [(response, owner, target), ...])) in table order."""
    rows: list[tuple[str, object]] = []
    addressee = None
    for rec in gold["recommendations"]:
        if rec["addressee"] and rec["addressee"] != addressee:
            addressee = rec["addressee"]
            rows.append(("span", addressee if SECTION.match(addressee) else f"{addressee} should:"))
        lines, phase = [], None
        for action in rec["actions"]:
            label = (action.get("phase") or {}).get("label")
            if label and label != phase:
                lines.append((label, "", ""))
            phase = label
            owners = action.get("owners") or []
            owner = "\n".join(owners) if len(owners) > 1 and " ".join(owners) == action["owner"] else action["owner"] or ""
            lines.append((action["text"], owner, (action.get("target") or {}).get("raw") or ""))
        rows.append(("rec", (rec, lines or [("", "", "")])))
    return rows


def _text(cell, text: str, size: float) -> None:
    """The cell's text, one paragraph per line."""
    for index, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.add_run(line).font.size = Pt(size)


def _grid(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        rule = OxmlElement(f"w:{edge}")
        rule.set(qn("w:val"), "single")
        rule.set(qn("w:sz"), "4")
        borders.append(rule)
    table._tbl.tblPr.append(borders)

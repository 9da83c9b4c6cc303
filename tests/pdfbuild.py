"""Build action-plan PDFs the way a Word export draws them, for tests and benchmarks.

    from pdfbuild import Action, PhaseRow, Rec, Span, build_plan_pdf

    build_plan_pdf(
        tmp_path / "plan.pdf",
        header={"title": "...", "report": "...", "published": "9th March 2021", "submitted": "4th May 2021"},
        rows=[
            Span("HM Prison and Probation Service should:"),
            Rec("1", "Make sure that ...", "Agreed", [
                PhaseRow("Action Plan commitments (May 2021)"),
                Action("A review of ...", owner="Deputy Director, Women", target="June 2021"),
            ]),
        ],
    )

What is drawn, on A4 landscape pages in points:

- page 1: the header block as free text ("A Response to: ...", "Report Published:
  ...", "Action Plan Submitted: ...", optionally "Updated Action Plan submitted:
  ...", then "ACTION PLAN: ..."); with ``intro=True`` also an introduction and
  the small Agreed / Partly Agreed / Not Agreed categorisation table, and the
  action table then starts on page 2 under the "ACTION PLAN:" line;
- one six-column action table ruled with lines (and a grey-filled title row), as
  Word exports it: a recommendation's first three cells are one cell merged down
  over all its action rows; a ``Span`` is one cell across all six columns; a
  ``PhaseRow`` is a row with only its response cell filled;
- rows break across pages line by line (Word's "allow row to break across
  pages"): a long cell continues at the top of the next page, and a merged
  recommendation cell continues beside the action rows that follow it there;
- the title row repeated at the top of every later page (``repeat_title_row``);
- a page-number footer ("Page 3") below the table on every page.

``style=Style(...)`` draws the other layouts real plans come in: borders as
thin filled rectangles (as Word exports them) or horizontal rules only (no
vertical borders; the rules between the action rows of a recommendation run
under its action columns only), drawn as lines or filled rectangles, the
title row shaded per cell or not at all, portrait
pages, and page furniture (a marking such as "OFFICIAL" at the top and the
bottom of every page, a running banner in the page header, "Page N of M").
Cell text may carry Word typography: "**Core day:**" is set in bold, "31^st"
has a raised "st", a paragraph "a)\tText" is a sub-list item with a hanging
indent, a one-line paragraph "##Text" is shaded (a grey rectangle inside the
cell), and a non-breaking space stays one.

Only fpdf2 is needed (and Pillow, which fpdf2 itself depends on, for the
scanned page). The core Helvetica font is used, so texts must be Latin-1.
"""
from __future__ import annotations

import datetime as _dt
import random
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Union

from fpdf import FPDF

TEMPLATES: dict[str, tuple[str, ...]] = {
    "probation": (
        "1. Rec No",
        "2. Recommendation",
        "3. Agreed/ Partly Agreed/ Not Agreed",
        "4. Response Action Taken/Planned",
        "5. Responsible Owner (including named individuals and their functional role or department)",
        "6. Target Date",
    ),
    "prison": (
        "1. Rec No",
        "2. Recommendation",
        "3. Accepted/ Rejected",
        "4. Response Action Taken/Planned",
        "5. Function Responsible/ Policy Lead",
        "6. Target Date",
    ),
}
COLUMN_WIDTHS = (42.5, 136.0, 79.4, 286.3, 140.0, 84.0)  # points, as in the published plans

MARGIN_X = 37.0
MARGIN_TOP = 40.0
A4 = (841.89, 595.28)  # points, landscape
BOTTOM_MARGIN = A4[1] - 540.0  # the table never goes lower than this above the page's foot (540 pt landscape)
FOOTER_RISE = 30.0  # the page-number footer's baseline, above the page's foot
FONT = "Helvetica"
FONT_SIZE = 9.0
LINE_H = 11.0
PAD_X = 3.0
PAD_Y = 2.0
RULE_WIDTH = 0.5
TITLE_FILL = 217  # grey level of the title row's shading
INDENT = 18.0  # a sub-list item's hanging indent
SUPERSCRIPT = 0.6  # a raised ordinal's size, as a share of the text's
SHADED = "##"  # a paragraph marked so is drawn on a grey band (paragraph shading)
PARAGRAPH_FILL = 235
SHADING_INSET = 5.0  # paragraph shading stops this far inside the cell's borders (Word: at the cell margins)
FIXED_DATE = _dt.datetime(2022, 6, 7, 12, 0, 0, tzinfo=_dt.timezone.utc)  # identical bytes on every build

CATEGORIES = (
    ("Agreed", "All of the recommendation will be implemented, and there is a plan to do so."),
    ("Partly Agreed", "Part of the recommendation will be implemented; the plan says which part and why."),
    ("Not Agreed", "The recommendation will not be implemented; the plan explains why."),
)
INTRODUCTION = (
    "HM Inspectorate of Probation inspects probation and youth justice services in England and Wales and "
    "reports independently on how well they work with the people they supervise. After each report, HMPPS "
    "and the Ministry of Justice set out their response to every recommendation in an action plan. Each "
    "recommendation is placed in one of the three categories defined in the table below."
)


@dataclass(frozen=True)
class Style:
    """How the pages and the table are drawn: the ways published plans differ in layout."""

    borders: Literal["lines", "rects", "horizontal", "horizontal-rects"] = "lines"
    title_shading: Literal["row", "cells", "none"] = "row"  # one grey rectangle, one a cell (edges at the columns), none
    title_rules: bool = True  # False: no rules between the title row's cells (only shading sets them apart)
    portrait: bool = False
    marking: str | None = None  # printed at the top and the bottom of every page
    banner: str | None = None  # a running banner in every page header
    page_of_total: bool = False  # the footer reads "Page N of M"

    @property
    def page_size(self) -> tuple[float, float]:
        return (A4[1], A4[0]) if self.portrait else A4

    @property
    def widths(self) -> tuple[float, ...]:
        """The six column widths: the published ones, narrowed to fit a portrait page."""
        if not self.portrait:
            return COLUMN_WIDTHS
        scale = (self.page_size[0] - 2 * MARGIN_X) / sum(COLUMN_WIDTHS)
        return tuple(width * scale for width in COLUMN_WIDTHS)

    @property
    def table_bottom(self) -> float:
        return self.page_size[1] - BOTTOM_MARGIN


BANNER = "Actions against target dates are likely to be delayed due to COVID-19 restrictions."
LAYOUTS: dict[str, Style] = {
    "lines": Style(),
    "filled-rect-borders": Style(borders="rects"),
    "horizontal-rules-title-row-shaded": Style(borders="horizontal"),
    "horizontal-rules-title-cells-shaded": Style(borders="horizontal", title_shading="cells"),
    "horizontal-rules-title-unshaded": Style(borders="horizontal", title_shading="none"),
    "horizontal-filled-rects": Style(borders="horizontal-rects", title_shading="cells"),
    "portrait-horizontal-rules": Style(borders="horizontal", portrait=True),
    "portrait-filled-rects": Style(borders="rects", portrait=True, title_shading="cells"),
    "title-cells-shaded-not-ruled": Style(title_shading="cells", title_rules=False),
    "furniture": Style(borders="rects", marking="OFFICIAL", banner=BANNER, page_of_total=True),
    "furniture-horizontal-rules": Style(borders="horizontal", marking="OFFICIAL", banner=BANNER, page_of_total=True),
}
"""The layouts published plans come in, by name (tests and bench/pdf_from_gold.py draw each)."""


# -- what the table holds ------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One action row: response text (may hold "\\n" paragraph breaks), owner, target."""

    text: str
    owner: str = ""
    target: str = ""


@dataclass(frozen=True)
class PhaseRow:
    """A row holding only a phase label in the response column."""

    label: str


@dataclass(frozen=True)
class Rec:
    """A recommendation: number, text and agreement merged down over its action rows."""

    number: str
    text: str
    agreement: str
    actions: Sequence[Action | PhaseRow] = ()


@dataclass(frozen=True)
class Span:
    """A row that is one cell across the table: an addressee or a section title."""

    text: str


Row = Union[Span, Rec]


# -- public builders -----------------------------------------------------------------------


def build_plan_pdf(
    path: str | Path,
    *,
    header: Mapping[str, str | Sequence[str]],
    rows: Sequence[Row],
    template: Literal["probation", "prison"] = "probation",
    pages_break_every: int | None = None,
    repeat_title_row: bool = True,
    encrypt_user_password: str | None = None,
    encrypt_owner_password: str | None = None,
    intro: bool = False,
    style: Style = Style(),
    header_lines: Sequence[str] | None = None,
) -> Path:
    """Write a plan PDF and return its path.

    header: "title", "report", "published", "submitted" (each optional) and
      "updated" (a string or a list of strings, one line each).
    header_lines: the header block's lines as written, instead of the ones
      ``header`` gives (its "title" is still the "ACTION PLAN:" line above the table).
    pages_break_every: start a new page after every N table rows (an action
      row, a phase row or a spanning row; the title row does not count), so
      that page breaks fall between rows, also inside a recommendation.
    encrypt_user_password / encrypt_owner_password: RC4 encryption; with only
      an owner password the PDF opens without a password but is "protected".
    """
    path = Path(path)
    pdf = _new_pdf(style)
    if encrypt_user_password is not None or encrypt_owner_password is not None:
        # fpdf2 requires encryption to be set before the first page is added.
        pdf.set_encryption(
            owner_password=encrypt_owner_password or encrypt_user_password or "",
            user_password=encrypt_user_password,
        )
    layout = _Layout(pdf, TEMPLATES[template], repeat_title_row, pages_break_every, style)
    y = layout.start_document()
    lines = _header_lines(header) if header_lines is None else list(header_lines)
    y = _draw_header(pdf, lines, header, intro, y, style)
    if intro:
        y = _draw_categories(pdf, y)
        y = layout.new_page(with_title_row=False)
        y = _draw_title_line(pdf, header, y, style)
    layout.draw_table(rows, y)
    pdf.output(str(path))
    return path


def build_text_only_pdf(path: str | Path, lines: Sequence[str]) -> Path:
    """A PDF with a text layer but no ruled table: one line of text per entry."""
    path = Path(path)
    pdf = _new_pdf(Style())
    pdf.add_page()
    pdf.set_font(FONT, size=11)
    y = MARGIN_TOP
    for line in lines:
        if y > Style().table_bottom:
            pdf.add_page()
            y = MARGIN_TOP
        pdf.text(MARGIN_X, y + 11, line)
        y += 15
    pdf.output(str(path))
    return path


def build_scanned_pdf(path: str | Path, kind: Literal["image", "shapes"] = "image") -> Path:
    """A page with no text layer at all: a scanned-looking image, or drawn shapes only.

    "shapes" draws a ruled six-column table with grey bars where text would be,
    so the page has ruling lines but not a single character.
    """
    path = Path(path)
    pdf = _new_pdf(Style())
    pdf.add_page()
    if kind == "image":
        from PIL import Image, ImageDraw  # Pillow comes with fpdf2

        image = Image.new("L", (842, 595), 255)
        draw = ImageDraw.Draw(image)
        rnd = random.Random(3)
        for top in range(60, 540, 14):
            draw.rectangle((40, top, 40 + rnd.randint(200, 760), top + 7), fill=40)  # lines of "print"
        pdf.image(image, x=0, y=0, w=pdf.w, h=pdf.h)
    else:
        x0, x1, top = MARGIN_X, MARGIN_X + sum(COLUMN_WIDTHS), 80.0
        pdf.set_line_width(RULE_WIDTH)
        pdf.set_fill_color(160)
        xs = _column_edges(x0, COLUMN_WIDTHS)
        for band in range(6):
            y = top + band * 60
            pdf.line(x0, y, x1, y)
            for left, right in zip(xs, xs[1:]):
                pdf.rect(left + 4, y + 6, (right - left) * 0.6, 5, style="F")
        pdf.line(x0, top + 360, x1, top + 360)
        for x in xs:
            pdf.line(x, top, x, top + 360)
    pdf.output(str(path))
    return path


HMPPS = "HM Prison and Probation Service should:"
REC1 = "Make sure that probation practitioners receive clear and timely information about alerts."
REC2 = "Publish the number of alerts each quarter."
# Responses end with a full stop, as a finished action does: a capitalised
# row after one is a new action, never the rest of it.
A1 = "A single notification format for monitoring alerts has been agreed with the supplier and will be used in every region."
A2 = "Practitioners will be reminded that alerts must be followed up on the day they are received."
A3 = "The review of notifications was completed and its findings shared with the regions."


def small_plan_rows() -> list[Row]:
    """Two recommendations: one with an addressee above it, a truly empty owner cell, an empty
    target and a phase row; one not agreed, with no actions."""
    return [
        Span(HMPPS),
        Rec(
            "1",
            REC1,
            "Agreed",
            [
                Action(A1, owner="Deputy Director, Electronic Monitoring", target="Completed"),
                Action(A2, owner="", target="June 2021"),
                PhaseRow("Progress against commitments (June 2022)"),
                Action(A3, owner="Head of Quality", target=""),
            ],
        ),
        Rec("2", REC2, "Not Agreed", []),
    ]


SAMPLE_HEADER = {  # the header block of the plans tests build with sample_plan
    "title": "Testing the quality of probation services",
    "report": "A thematic inspection of the quality of probation services",
    "published": "9th March 2021",
    "submitted": "4 May 2021",
}


def sample_plan(recommendations: int = 3, actions_per_rec: int = 2, *, words: int = 40, seed: int = 1) -> list[Row]:
    """Deterministic plan rows: an addressee, then recommendations with actions.

    Every response ends with a full stop and is distinct, so an action can be
    told from the one above it; ``words`` sets each response's length.
    """
    rnd = random.Random(seed)
    owners = ("Deputy Director, Probation Operations", "Head of Quality Assurance", "Chief Probation Officer")
    targets = ("June 2021", "Completed", "31/03/2022", "Q3 2021", "Completed and monthly", "End of March 2022")
    rows: list[Row] = [Span("HM Prison and Probation Service should:")]
    for r in range(1, recommendations + 1):
        actions = [
            Action(
                _sentence(rnd, words, f"Action {r}.{a}"),
                owner=owners[(r + a) % len(owners)],
                target=targets[(r * 3 + a) % len(targets)],
            )
            for a in range(1, actions_per_rec + 1)
        ]
        rows.append(Rec(str(r), _sentence(rnd, 12, f"Recommendation {r}"), "Agreed", actions))
    return rows


# -- header block --------------------------------------------------------------------------


def _new_pdf(style: Style) -> FPDF:
    pdf = FPDF(orientation="P" if style.portrait else "L", unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(FIXED_DATE)
    pdf.c_margin = 0
    pdf.set_draw_color(0)
    return pdf


def _header_lines(header: Mapping[str, str | Sequence[str]]) -> list[str]:
    lines = []
    if header.get("report"):
        lines.append(f"A Response to: {header['report']}")
    if header.get("published"):
        lines.append(f"Report Published: {header['published']}")
    if header.get("submitted"):
        lines.append(f"Action Plan Submitted: {header['submitted']}")
    updated = header.get("updated") or []
    for date in [updated] if isinstance(updated, str) else updated:
        lines.append(f"Updated Action Plan submitted: {date}")
    return lines


def _draw_paragraph(pdf: FPDF, text: str, y: float, size: float, width: float, bold: bool = False) -> float:
    """Free text over the table's width, wrapped; returns the y below it."""
    pdf.set_font(FONT, style="B" if bold else "", size=size)
    height = size + 3
    for line in wrap(pdf, text, width):
        pdf.text(MARGIN_X, y + size, line)
        y += height
    return y


def _draw_header(
    pdf: FPDF, lines: Sequence[str], header: Mapping[str, str | Sequence[str]], intro: bool, y: float, style: Style
) -> float:
    width = sum(style.widths)
    for line in lines:
        y = _draw_paragraph(pdf, line, y, 10, width) + 6
    if intro:
        y = _draw_paragraph(pdf, "INTRODUCTION", y + 6, 10, width, bold=True) + 4
        y = _draw_paragraph(pdf, INTRODUCTION, y, 9, width) + 8
    else:
        y = _draw_title_line(pdf, header, y, style)
    return y


def _draw_title_line(pdf: FPDF, header: Mapping[str, str | Sequence[str]], y: float, style: Style) -> float:
    if header.get("title"):
        y = _draw_paragraph(pdf, f"ACTION PLAN: {header['title']}", y, 12, sum(style.widths), bold=True)
    return y + 10


def _draw_categories(pdf: FPDF, y: float) -> float:
    """The small two-column table defining the categories: ruled, but not the action table."""
    widths = (100.0, 400.0)
    pdf.set_font(FONT, size=FONT_SIZE)
    pdf.set_line_width(RULE_WIDTH)
    x0, x1, x2 = MARGIN_X, MARGIN_X + widths[0], MARGIN_X + sum(widths)
    top = y
    for name, meaning in CATEGORIES:
        pdf.line(x0, y, x2, y)
        lines = wrap(pdf, meaning, widths[1] - 2 * PAD_X)
        _draw_lines(pdf, [name], x0, y)
        _draw_lines(pdf, lines, x1, y)
        y += 2 * PAD_Y + max(1, len(lines)) * LINE_H
    pdf.line(x0, y, x2, y)
    for x in (x0, x1, x2):
        pdf.line(x, top, x, y)
    return y + 12


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Break text into lines no wider than width in the current font, at spaces, as a
    word processor does; "\n" starts a new paragraph. (fpdf2's multi_cell dry run
    does the same, but too slowly for a 300-page benchmark document.)

    A paragraph "a)\tText" is a sub-list item: its text hangs at INDENT, and
    its lines come back as "a)\tText..." then "\tmore text..." (the tab marks
    the indent); a non-breaking space joins the words beside it.
    """
    space = pdf.get_string_width(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        label, tab, body = paragraph.partition("\t")
        if not tab:
            label, body = "", paragraph
        room = width - (INDENT if tab else 0.0)
        line: list[str] = []
        used = 0.0
        first = True
        for word in body.split(" "):
            if not word:
                continue
            size = _marked_width(pdf, word)
            if line and used + space + size > room:
                lines.append(_indent(label, tab, first) + " ".join(line))
                line, used, first = [], 0.0, False
            used += (space if line else 0.0) + size
            line.append(word)
        lines.append(_indent(label, tab, first) + " ".join(line))
    return lines


def _indent(label: str, tab: str, first: bool) -> str:
    """How a wrapped line of a paragraph starts: a sub-list item's label, or its hanging indent."""
    if not tab:
        return ""
    return f"{label}\t" if first else "\t"


def _runs(text: str) -> list[tuple[str, bool, bool]]:
    """Marked-up text -> (text, bold, raised) runs: "**" toggles bold, "^" raises the rest of a word."""
    runs: list[tuple[str, bool, bool]] = []
    for index, part in enumerate(text.split("**")):
        bold = index % 2 == 1
        for piece in re.split(r"(\^[^\s^*]+)", part):
            if piece:
                runs.append((piece.lstrip("^"), bold, piece.startswith("^")))
    return runs


def _set_run_font(pdf: FPDF, bold: bool, raised: bool) -> None:
    pdf.set_font(FONT, style="B" if bold else "", size=FONT_SIZE * (SUPERSCRIPT if raised else 1.0))


def _marked_width(pdf: FPDF, text: str) -> float:
    """A word's width: in the current font, or (marked up, in a cell) run by run."""
    text = text.removeprefix(SHADED)
    if "**" not in text and "^" not in text:
        return pdf.get_string_width(text)
    width = 0.0
    for run, bold, raised in _runs(text):
        _set_run_font(pdf, bold, raised)
        width += pdf.get_string_width(run)
    _set_run_font(pdf, False, False)
    return width


def _draw_lines(pdf: FPDF, lines: Sequence[str], x: float, top: float, width: float = 0.0) -> None:
    """A cell's lines from its top; a line marked "##" is drawn on a grey band across the
    cell (Word's paragraph shading: a filled rectangle inside the cell, not a border)."""
    for k, line in enumerate(lines):
        # Baseline placed so the glyphs sit inside their LINE_H band.
        baseline = top + PAD_Y + k * LINE_H + FONT_SIZE * 0.82
        if line.startswith(SHADED):
            line = line[len(SHADED) :]
            pdf.set_fill_color(PARAGRAPH_FILL)
            pdf.rect(x + SHADING_INSET, top + PAD_Y + k * LINE_H, width - 2 * SHADING_INSET, LINE_H, style="F")
        label, tab, body = line.partition("\t")
        if tab:
            _draw_runs(pdf, label, x + PAD_X, baseline)
            _draw_runs(pdf, body, x + PAD_X + INDENT, baseline)
        else:
            _draw_runs(pdf, line, x + PAD_X, baseline)


def _draw_runs(pdf: FPDF, text: str, x: float, baseline: float) -> None:
    for run, bold, raised in _runs(text):
        _set_run_font(pdf, bold, raised)
        pdf.text(x, baseline - (FONT_SIZE * 0.35 if raised else 0.0), run)
        x += pdf.get_string_width(run)
    _set_run_font(pdf, False, False)


def _column_edges(x0: float, widths: Sequence[float]) -> list[float]:
    xs = [x0]
    for width in widths:
        xs.append(xs[-1] + width)
    return xs


def _sentence(rnd: random.Random, words: int, lead: str) -> str:
    vocabulary = (
        "probation practitioners will review every case with the regional team and record the outcome "
        "in the national system so that managers can follow progress each month against the agreed plan "
        "for women men and young adults under supervision in the community after release from custody"
    ).split()
    body = " ".join(rnd.choice(vocabulary) for _ in range(max(words - len(lead.split()), 1)))
    return f"{lead} {body}."


# -- the action table: blocks laid out over pages -------------------------------------------


@dataclass
class _Block:
    """A title row, a spanning row, or a recommendation with its action rows.

    merged: cells that span the whole block (their columns in merged_cols);
    rows: sub-rows over row_cols, each a list of cells, each cell its lines.
    """

    merged: list[list[str]]
    merged_cols: list[tuple[int, int]]
    rows: list[list[list[str]]]
    row_cols: tuple[int, ...]
    shaded: bool = False
    counts_as_rows: bool = True


@dataclass
class _Piece:
    """The part of a block on one page."""

    block: _Block
    top: float
    bottom: float = 0.0
    merged: list[list[str]] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)  # [top, bottom, cells]


class _Layout:
    def __init__(
        self, pdf: FPDF, titles: Sequence[str], repeat_title_row: bool, break_every: int | None, style: Style
    ) -> None:
        if break_every is not None and break_every < 1:
            raise ValueError("pages_break_every must be at least 1")
        self.pdf = pdf
        self.titles = titles
        self.repeat_title_row = repeat_title_row
        self.break_every = break_every
        self.style = style
        self.xs = _column_edges(MARGIN_X, style.widths)
        self.rows_drawn = 0
        self.pending_break = False
        self.page_top = MARGIN_TOP  # where table content may start on the current page

    # pages
    def start_document(self) -> float:
        self._add_page()
        return MARGIN_TOP

    def new_page(self, with_title_row: bool) -> float:
        self._add_page()
        self.pending_break = False
        y = MARGIN_TOP
        if with_title_row and self.repeat_title_row:
            y = self._place(self._title_block(), y)
        self.page_top = y
        return y

    def _add_page(self) -> None:
        """A new page with its furniture: the page number, and any marking and banner."""
        pdf, style = self.pdf, self.style
        pdf.add_page()
        pdf.set_font(FONT, size=8)
        number = f"Page {pdf.page_no()} of {{nb}}" if style.page_of_total else f"Page {pdf.page_no()}"
        pdf.text(pdf.w / 2 - 12, pdf.h - FOOTER_RISE, number)
        if style.marking:
            pdf.text(pdf.w / 2 - 15, 14, style.marking)
            pdf.text(pdf.w / 2 - 15, pdf.h - 12, style.marking)
        if style.banner:
            pdf.text(MARGIN_X, 28, style.banner)

    # blocks
    def _wrap(self, text: str, column: int, last: int | None = None) -> list[str]:
        width = self.xs[(last if last is not None else column) + 1] - self.xs[column] - 2 * PAD_X
        if not text:
            return []
        self.pdf.set_font(FONT, size=FONT_SIZE)
        return wrap(self.pdf, text, width)

    def _title_block(self) -> _Block:
        cells = [self._wrap(title, i) for i, title in enumerate(self.titles)]
        return _Block([], [], [cells], tuple(range(6)), shaded=True, counts_as_rows=False)

    def _block(self, row: Row) -> _Block:
        if isinstance(row, Span):
            return _Block([self._wrap(row.text, 0, 5)], [(0, 5)], [], ())
        sub_rows = []
        for item in row.actions or [Action("")]:
            if isinstance(item, PhaseRow):
                sub_rows.append([self._wrap(item.label, 3), [], []])
            else:
                sub_rows.append([self._wrap(item.text, 3), self._wrap(item.owner, 4), self._wrap(item.target, 5)])
        merged = [self._wrap(row.number, 0), self._wrap(row.text, 1), self._wrap(row.agreement, 2)]
        return _Block(merged, [(0, 0), (1, 1), (2, 2)], sub_rows, (3, 4, 5))

    def draw_table(self, rows: Sequence[Row], y: float) -> None:
        y = self._place(self._title_block(), y)
        self.page_top = y
        for row in rows:
            if self.pending_break:
                y = self.new_page(with_title_row=True)
            y = self._place(self._block(row), y)

    def _place(self, block: _Block, y: float) -> float:
        """Lay a block out from y, over as many pages as it needs; returns the y below it."""
        for piece in self._pieces(block, y):
            self._draw(piece)
            y = piece.bottom
        return y

    def _pieces(self, block: _Block, y: float) -> Iterator[_Piece]:
        merged = [list(cell) for cell in block.merged]
        rows = [[list(cell) for cell in row] for row in block.rows]
        index = 0
        while True:
            if not self._fits_a_line(y) and y > self.page_top:
                y = self.new_page(with_title_row=True)  # not one line of it fits: start it on the next page
            piece = _Piece(block, top=y)
            row_top = y
            while index < len(rows):
                if self.pending_break or not self._fits_a_line(row_top):
                    break
                row = rows[index]
                need = max(1, *(len(cell) for cell in row))
                take = min(need, self._capacity(row_top))
                piece.rows.append([row_top, row_top + 2 * PAD_Y + take * LINE_H, [cell[:take] for cell in row]])
                rows[index] = [cell[take:] for cell in row]
                row_top = piece.rows[-1][1]
                if take < need:
                    break  # the row continues on the next page
                index += 1
                if block.counts_as_rows:
                    self._count_row()
            take = min(max((len(cell) for cell in merged), default=0), self._capacity(y))
            piece.merged = [cell[:take] for cell in merged]
            merged = [cell[take:] for cell in merged]
            merged_bottom = y + 2 * PAD_Y + max(take, 1) * LINE_H if block.merged else y
            piece.bottom = max(row_top, merged_bottom)
            if block.row_cols:
                if piece.rows:
                    piece.rows[-1][1] = piece.bottom  # the last row grows to the merged cell's height
                else:
                    piece.rows.append([y, piece.bottom, [[] for _ in block.row_cols]])
            if not block.rows and block.counts_as_rows:
                self._count_row()
            yield piece
            if index >= len(rows) and not any(merged):
                return
            y = self.new_page(with_title_row=True)

    def _count_row(self) -> None:
        self.rows_drawn += 1
        if self.break_every and self.rows_drawn % self.break_every == 0:
            self.pending_break = True

    def _capacity(self, top: float) -> int:
        return int((self.style.table_bottom - top - 2 * PAD_Y) // LINE_H)

    def _fits_a_line(self, top: float) -> bool:
        return self._capacity(top) >= 1

    # drawing
    def _draw(self, piece: _Piece) -> None:
        pdf, xs, block = self.pdf, self.xs, piece.block
        left, right = xs[0], xs[-1]
        if block.shaded and self.style.title_shading != "none":
            pdf.set_fill_color(TITLE_FILL)
            cells = [(left, right)] if self.style.title_shading == "row" else list(zip(xs, xs[1:]))
            for x0, x1 in cells:
                pdf.rect(x0, piece.top, x1 - x0, piece.bottom - piece.top, style="F")
        self._rule(left, piece.top, right, piece.top)
        self._rule(left, piece.bottom, right, piece.bottom)
        boundaries = {0, 6}
        for first, last in block.merged_cols:
            boundaries |= {first, last + 1}
        for column in block.row_cols:
            boundaries |= {column, column + 1}
        if block.shaded and not self.style.title_rules:
            boundaries = {0, 6}
        for b in sorted(boundaries):
            self._rule(xs[b], piece.top, xs[b], piece.bottom)
        if block.row_cols:
            row_left, row_right = xs[block.row_cols[0]], xs[block.row_cols[-1] + 1]
            for top, _, _ in piece.rows[1:]:
                self._rule(row_left, top, row_right, top)
        pdf.set_font(FONT, size=FONT_SIZE)
        for (first, _), lines in zip(block.merged_cols, piece.merged):
            _draw_lines(pdf, lines, xs[first], piece.top, xs[first + 1] - xs[first])
        for top, _, cells in piece.rows:
            for column, lines in zip(block.row_cols, cells):
                _draw_lines(pdf, lines, xs[column], top, xs[column + 1] - xs[column])

    def _rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """A border: a stroked line or a thin filled rectangle (as Word exports borders);
        none where it runs down and the table has horizontal rules only."""
        pdf, borders = self.pdf, self.style.borders
        if borders.startswith("horizontal") and y0 != y1:
            return
        if borders.endswith("rects"):
            pdf.set_fill_color(0)
            half = RULE_WIDTH / 2
            pdf.rect(x0 - half, y0 - half, x1 - x0 + RULE_WIDTH, y1 - y0 + RULE_WIDTH, style="F")
        else:
            pdf.set_line_width(RULE_WIDTH)
            pdf.line(x0, y0, x1, y1)


LONG_PLAN_ROWS_PER_PAGE = 4


def build_long_plan_pdf(path: str | Path, pages: int) -> Path:
    """A plan of about ``pages`` pages (four table rows a page), for memory and speed benchmarks."""
    recommendations = max(1, (pages * LONG_PLAN_ROWS_PER_PAGE) // 3)
    header = {"title": "A long generated plan", "report": "A long generated inspection report",
              "published": "1 March 2021", "submitted": "4 May 2021"}
    return build_plan_pdf(
        path, header=header, rows=sample_plan(recommendations, 3, words=40), pages_break_every=LONG_PLAN_ROWS_PER_PAGE
    )


# -- damaged copies: what a broken download or a bad disk leaves -----------------------------


def page_content_objects(data: bytes) -> list[int]:
    """The object number of each page's content stream, in page order (fpdf2 writes one a page)."""
    return [int(number) for number in re.findall(rb"/Contents (\d+) 0 R", data)]


def with_xref_entry_moved(data: bytes, number: int, by: int = 25) -> bytes:
    """The PDF with object ``number``'s cross-reference entry pointing ``by`` bytes past the object."""
    table = int(data[data.rindex(b"startxref") + len(b"startxref") :].split()[0])
    entry = data.index(b"\n", data.index(b"\n", table) + 1) + 1 + 20 * number  # after "xref" and "0 N"
    offset = int(data[entry : entry + 10])
    return data[:entry] + b"%010d" % (offset + by) + data[entry + 10 :]


def with_stream_corrupted(data: bytes, number: int) -> bytes:
    """The PDF with the middle of object ``number``'s (compressed) stream overwritten, its length kept."""
    start = data.index(b"stream\n", data.index(b"\n%d 0 obj" % number)) + len(b"stream\n")
    end = data.index(b"endstream", start)
    middle = slice(start + (end - start) // 3, start + 2 * (end - start) // 3)
    return data[: middle.start] + bytes(b ^ 0x5A for b in data[middle]) + data[middle.stop :]

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

Only fpdf2 is needed (and Pillow, which fpdf2 itself depends on, for the
scanned page). The core Helvetica font is used, so texts must be Latin-1.
"""
from __future__ import annotations

import datetime as _dt
import random
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
TABLE_BOTTOM = 540.0  # the table never goes below this (A4 landscape is 595 pt high)
FOOTER_Y = 565.0  # baseline of the page-number footer, below the table
FONT = "Helvetica"
FONT_SIZE = 9.0
LINE_H = 11.0
PAD_X = 3.0
PAD_Y = 2.0
RULE_WIDTH = 0.5
TITLE_FILL = 217  # grey level of the title row's shading
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
) -> Path:
    """Write a plan PDF and return its path.

    header: "title", "report", "published", "submitted" (each optional) and
      "updated" (a string or a list of strings, one line each).
    pages_break_every: start a new page after every N table rows (an action
      row, a phase row or a spanning row; the title row does not count), so
      that page breaks fall between rows, also inside a recommendation.
    encrypt_user_password / encrypt_owner_password: RC4 encryption; with only
      an owner password the PDF opens without a password but is "protected".
    """
    path = Path(path)
    pdf = _new_pdf()
    if encrypt_user_password is not None or encrypt_owner_password is not None:
        # fpdf2 requires encryption to be set before the first page is added.
        pdf.set_encryption(
            owner_password=encrypt_owner_password or encrypt_user_password or "",
            user_password=encrypt_user_password,
        )
    layout = _Layout(pdf, TEMPLATES[template], repeat_title_row, pages_break_every)
    y = layout.start_document()
    y = _draw_header(pdf, header, intro, y)
    if intro:
        y = _draw_categories(pdf, y)
        y = layout.new_page(with_title_row=False)
        y = _draw_title_line(pdf, header, y)
    layout.draw_table(rows, y)
    pdf.output(str(path))
    return path


def build_text_only_pdf(path: str | Path, lines: Sequence[str]) -> Path:
    """A PDF with a text layer but no ruled table: one line of text per entry."""
    path = Path(path)
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font(FONT, size=11)
    y = MARGIN_TOP
    for line in lines:
        if y > TABLE_BOTTOM:
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
    pdf = _new_pdf()
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
        xs = _column_edges(x0)
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


def _new_pdf() -> FPDF:
    pdf = FPDF(orientation="L", unit="pt", format="A4")
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


def _draw_paragraph(pdf: FPDF, text: str, y: float, size: float, style: str = "") -> float:
    """Free text over the table's width, wrapped; returns the y below it."""
    pdf.set_font(FONT, style=style, size=size)
    height = size + 3
    for line in wrap(pdf, text, sum(COLUMN_WIDTHS)):
        pdf.text(MARGIN_X, y + size, line)
        y += height
    return y


def _draw_header(pdf: FPDF, header: Mapping[str, str | Sequence[str]], intro: bool, y: float) -> float:
    for line in _header_lines(header):
        y = _draw_paragraph(pdf, line, y, 10) + 6
    if intro:
        y = _draw_paragraph(pdf, "INTRODUCTION", y + 6, 10, "B") + 4
        y = _draw_paragraph(pdf, INTRODUCTION, y, 9) + 8
    else:
        y = _draw_title_line(pdf, header, y)
    return y


def _draw_title_line(pdf: FPDF, header: Mapping[str, str | Sequence[str]], y: float) -> float:
    if header.get("title"):
        y = _draw_paragraph(pdf, f"ACTION PLAN: {header['title']}", y, 12, "B")
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
    does the same, but too slowly for a 300-page benchmark document.)"""
    space = pdf.get_string_width(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split():
            size = pdf.get_string_width(word)
            if line and used + space + size > width:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used += (space if line else 0.0) + size
            line.append(word)
        lines.append(" ".join(line))
    return lines


def _draw_lines(pdf: FPDF, lines: Sequence[str], x: float, top: float) -> None:
    for k, line in enumerate(lines):
        # Baseline placed so the glyphs sit inside their LINE_H band.
        pdf.text(x + PAD_X, top + PAD_Y + k * LINE_H + FONT_SIZE * 0.82, line)


def _column_edges(x0: float) -> list[float]:
    xs = [x0]
    for width in COLUMN_WIDTHS:
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
    def __init__(self, pdf: FPDF, titles: Sequence[str], repeat_title_row: bool, break_every: int | None) -> None:
        if break_every is not None and break_every < 1:
            raise ValueError("pages_break_every must be at least 1")
        self.pdf = pdf
        self.titles = titles
        self.repeat_title_row = repeat_title_row
        self.break_every = break_every
        self.xs = _column_edges(MARGIN_X)
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
        pdf = self.pdf
        pdf.add_page()
        pdf.set_font(FONT, size=8)
        pdf.text(pdf.w / 2 - 12, FOOTER_Y, f"Page {pdf.page_no()}")

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
        return int((TABLE_BOTTOM - top - 2 * PAD_Y) // LINE_H)

    def _fits_a_line(self, top: float) -> bool:
        return self._capacity(top) >= 1

    # drawing
    def _draw(self, piece: _Piece) -> None:
        pdf, xs, block = self.pdf, self.xs, piece.block
        left, right = xs[0], xs[-1]
        if block.shaded:
            pdf.set_fill_color(TITLE_FILL)
            pdf.rect(left, piece.top, right - left, piece.bottom - piece.top, style="F")
        pdf.set_line_width(RULE_WIDTH)
        pdf.line(left, piece.top, right, piece.top)
        pdf.line(left, piece.bottom, right, piece.bottom)
        boundaries = {0, 6}
        for first, last in block.merged_cols:
            boundaries |= {first, last + 1}
        for column in block.row_cols:
            boundaries |= {column, column + 1}
        for b in sorted(boundaries):
            pdf.line(xs[b], piece.top, xs[b], piece.bottom)
        if block.row_cols:
            row_left, row_right = xs[block.row_cols[0]], xs[block.row_cols[-1] + 1]
            for top, _, _ in piece.rows[1:]:
                pdf.line(row_left, top, row_right, top)
        pdf.set_font(FONT, size=FONT_SIZE)
        for (first, _), lines in zip(block.merged_cols, piece.merged):
            _draw_lines(pdf, lines, xs[first], piece.top)
        for top, _, cells in piece.rows:
            for column, lines in zip(block.row_cols, cells):
                _draw_lines(pdf, lines, xs[column], top)


LONG_PLAN_ROWS_PER_PAGE = 4


def build_long_plan_pdf(path: str | Path, pages: int) -> Path:
    """A plan of about ``pages`` pages (four table rows a page), for memory and speed benchmarks."""
    recommendations = max(1, (pages * LONG_PLAN_ROWS_PER_PAGE) // 3)
    header = {"title": "A long generated plan", "report": "A long generated inspection report",
              "published": "1 March 2021", "submitted": "4 May 2021"}
    return build_plan_pdf(
        path, header=header, rows=sample_plan(recommendations, 3, words=40), pages_break_every=LONG_PLAN_ROWS_PER_PAGE
    )

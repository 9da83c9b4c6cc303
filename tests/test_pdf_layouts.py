"""Stage: PDFs in every layout real plans come in (issue 7), and damaged PDFs.

Plans are drawn by ``pdfbuild`` in each layout (borders as lines, as thin
filled rectangles or as horizontal rules only; the title row shaded as one
or cell by cell; landscape or portrait; page furniture) with Word typography
in the cells, and must read the same in every one. Damaged copies must carry
a warning. The shared dev2 plans are scored with score.py (skipped without
../shared).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pdfbuild import (
    LAYOUTS,
    Action,
    PhaseRow,
    Rec,
    Span,
    build_plan_pdf,
    page_content_objects,
    sample_plan,
    with_stream_corrupted,
    with_xref_entry_moved,
)
from typer.testing import CliRunner

from actionplan_ingest import extract
from actionplan_ingest.cli import app
from actionplan_ingest.export.json import plan_json
from actionplan_ingest.readers import read
from actionplan_ingest.readers.pdf_geometry import chars_to_text, line_text
from actionplan_ingest.readers.pdf_text_columns import text_cells
from actionplan_ingest.table.rows import Column

HEADER = {
    "title": "Safety and supervision in approved premises",
    "report": "A thematic inspection of safety and supervision in approved premises",
    "published": "12 October 2021",
    "submitted": "8 December 2021",
}
NBSP = "\u00a0"
# Word typography in the cells: **bold** lead-ins, ^raised ordinals, "a)\t" sub-list items, NBSP.
ROWS = [
    Span("HM Prison and Probation Service should:"),
    Rec("1", "Make sure that every resident has a risk management plan that is reviewed within ten working days of arrival.", "Agreed", [
        PhaseRow("Action Plan commitments (December 2021)"),
        Action("**Risk plans:** An arrival review will be held for every resident within ten working days, chaired by the deputy manager.",
               "Head of Approved Premises Operations", "31^st March 2022"),
        Action("A one-page risk summary for each resident will be kept in the staff office. It will set out:\n"
               "a)\tthe behaviours that show risk is rising, which staff are trained to spot;\n"
               "b)\tthe licence conditions that staff must monitor;\nc)\twho to contact out of hours.",
               "Head of Approved Premises Operations", f"May{NBSP}2022 and to be reviewed monthly"),
        PhaseRow("Progress against commitments (November 2022)"),
        Action(f"Arrival reviews are now held in every premises.{NBSP}An audit found that 91% of reviews took place on time.",
               "Deputy Director, Public Protection Group", "Completed (to be reviewed monthly)"),
    ]),
    Rec("2", "Make sure that each approved premises has at least two waking members of staff on duty throughout the night.", "Partly Agreed", [
        Action("**Night cover:** A night staffing risk assessment will be completed for every premises.", "Head of Approved Premises Operations", "June 2022"),
        Action("Recruitment to the new night posts is under way, starting in the two regions with the highest vacancy rates.",
               "Regional Probation Director, London", ""),
    ]),
    Span("The Ministry of Justice should:"),
    Rec("3", "Create an independent complaints service for residents of approved premises.", "Not Agreed", [
        Action("Not agreed. Residents can already take a complaint to the Prisons and Probation Ombudsman.", "Head of Complaints Policy, HMPPS", "N/A"),
    ]),
]


def as_written(text: str) -> str:
    """What a builder's marked-up cell reads as: markup gone, sub-list labels kept, paragraphs and NBSP as spaces."""
    text = text.replace("**", "").replace("^", "").replace("\t", " ")
    return " ".join(text.split())


def expected(rows) -> list[tuple]:
    return [
        (row.number, as_written(item.text), as_written(item.owner) or None, as_written(item.target) or None)
        for row in rows
        if isinstance(row, Rec)
        for item in row.actions
        if isinstance(item, Action)
    ]


def extracted(plan) -> list[tuple]:
    return [
        (rec.number, action.text, action.owner, action.target.raw if action.target else None)
        for rec in plan.recommendations
        for action in rec.actions
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[tuple[str, int | None], Path]:
    folder = tmp_path_factory.mktemp("layouts")
    return {
        (name, breaks): build_plan_pdf(folder / f"{name}-{breaks}.pdf", header=HEADER, rows=ROWS, style=style, pages_break_every=breaks)
        for name, style in LAYOUTS.items()
        for breaks in (None, 3)
    }


@pytest.mark.parametrize("breaks", [None, 3], ids=["no-breaks", "break-every-3-rows"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_reads_the_same_plan(built, layout, breaks):
    plan = extract(built[layout, breaks])
    assert extracted(plan) == expected(ROWS)
    recs = [row for row in ROWS if isinstance(row, Rec)]
    assert [(r.number, r.text, r.agreement_raw) for r in plan.recommendations] == [(r.number, r.text, r.agreement) for r in recs]
    assert [r.addressee for r in plan.recommendations] == ["HM Prison and Probation Service"] * 2 + ["The Ministry of Justice"]
    assert (plan.title, plan.report.title, plan.report.published, plan.submitted) == (
        HEADER["title"], HEADER["report"], "2021-10-12", "2021-12-08")
    assert [a.phase.label if a.phase else None for a in plan.recommendations[0].actions] == [
        "Action Plan commitments (December 2021)", "Action Plan commitments (December 2021)",
        "Progress against commitments (November 2022)"]


def test_the_builder_draws_each_border_style(built):
    """What the layouts claim: Word's filled rectangles give no lines; horizontal rules give no vertical line."""
    def drawn(path: Path) -> tuple[int, int, int]:
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[0]
            return len(page.lines), sum(1 for line in page.lines if line["x0"] == line["x1"]), len(page.rects)
    lines, vertical, _ = drawn(built["lines", None])
    assert lines and vertical
    lines, _, rects = drawn(built["filled-rect-borders", None])
    assert not lines and rects > 10
    lines, vertical, rects = drawn(built["horizontal-rules-title-row-shaded", None])
    assert lines and not vertical and rects == 1  # the shaded title row: its edges are the table's outer ones


@pytest.mark.parametrize("layout", ["horizontal-rules-title-row-shaded", "horizontal-rules-title-cells-shaded"])
def test_horizontal_rules_only_give_six_columns_with_merged_recommendation_cells(built, layout):
    rows = read(built[layout, None]).rows
    assert rows[0].span == ("HM Prison and Probation Service should:",)
    first = rows[1]
    assert [first.cells[c] for c in (Column.NUMBER, Column.AGREEMENT, Column.RESPONSE)] == [
        "1", "Agreed", "Action Plan commitments (December 2021)"]
    assert rows[2].cells[: Column.RESPONSE] == (None, None, None)  # merged down from the recommendation's first row
    assert rows[2].cells[Column.TARGET] == "31st March 2022"


@pytest.mark.parametrize("layout", ["furniture", "furniture-horizontal-rules"])
def test_page_furniture_is_never_content(built, layout):
    """A banner is known by repeating, so the plan runs over several pages (break every 3 rows)."""
    document = read(built[layout, 3])
    assert document.pages > 1
    texts = [cell for row in document.rows for cell in (*row.cells, *row.span) if cell]
    assert not [text for text in texts if "OFFICIAL" in text or "COVID" in text or re.search(r"Page \d", text)]
    assert not [line for line in document.preamble if "OFFICIAL" in line or "COVID" in line or line.startswith("Page ")]
    assert [line for line in document.preamble if line.strip()][0] == f"A Response to: {HEADER['report']}"


def test_word_typography_reads_as_text(built):
    plan = extract(built["filled-rect-borders", None])
    risk_plans, summary, _ = plan.recommendations[0].actions
    assert risk_plans.text.startswith("Risk plans: An arrival review")  # a bold lead-in is text, not a phase
    assert risk_plans.target.dates == ["2022-03-31"]  # "31" + raised "st"
    assert "It will set out: a) the behaviours that show risk is rising, which staff are trained to spot; b) the" in summary.text
    assert summary.target.raw == "May 2022 and to be reviewed monthly" and summary.target.dates == ["2022-05"]


def test_a_row_broken_over_a_page_in_every_column_is_whole(tmp_path):
    """Rec text, response, owner and target all continue on the next page, in a table ruled across only."""
    long_rec = " ".join(f"Part {n} of the recommendation asks the service to improve its practice." for n in range(1, 12))
    long_text = " ".join(f"Stage {n} of the programme will be delivered by the regional teams." for n in range(1, 30))
    owner = "Deputy Director, Probation Operations, together with the Head of Quality Assurance and the Chief Probation Officer"
    for fillers in range(8, 30):
        rows = [
            Span("HM Prison and Probation Service should:"),
            Rec("1", "Publish the figures.", "Agreed", [Action(f"Filler action {n} is done.", "Head of Data", "June 2021") for n in range(fillers)]),
            Rec("2", long_rec, "Partly Agreed", [Action(long_text, owner, "Completed and to be reviewed monthly")]),
        ]
        path = build_plan_pdf(tmp_path / f"plan-{fillers}.pdf", header=HEADER, rows=rows, style=LAYOUTS["horizontal-rules-title-row-shaded"])
        top = next(row for row in read(path).rows if row.page == 2)
        if all(top.cells[c] for c in (Column.RECOMMENDATION, Column.RESPONSE, Column.OWNER, Column.TARGET)):
            break
    else:
        pytest.fail("no padding breaks the row over the page in every column")
    plan = extract(path)
    assert plan.recommendations[1].text == long_rec
    assert extracted(plan)[-1] == ("2", long_text, owner, "Completed and to be reviewed monthly")


@pytest.mark.parametrize("layout", ["lines", "horizontal-rules-title-unshaded"])
def test_a_phase_row_drawn_across_the_table_is_a_phase_not_an_addressee(tmp_path, layout):
    rows = [
        Span("HM Prison and Probation Service should:"),
        Rec("1", "Improve the regime.", "Agreed", [Action("A core day is published.", "Head of Regime", "June 2021")]),
        Span("Progress against commitments (June 2022)"),
        Rec("", "", "", [Action("The core day is in place.", "Head of Regime", "Completed")]),
        Rec("2", "Publish the figures.", "Agreed", [Action("The figures are published.", "Head of Data", "July 2021")]),
    ]
    plan = extract(build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows, style=LAYOUTS[layout]))
    assert [r.addressee for r in plan.recommendations] == ["HM Prison and Probation Service"] * 2
    assert [(a.text, a.phase.label if a.phase else None) for a in plan.recommendations[0].actions] == [
        ("A core day is published.", None), ("The core day is in place.", "Progress against commitments (June 2022)")]


@pytest.mark.parametrize("breaks", [None, 4], ids=["no-breaks", "break-every-4-rows"])
@pytest.mark.parametrize("layout", ["lines", "filled-rect-borders", "horizontal-rules-title-row-shaded", "horizontal-filled-rects"])
def test_a_shaded_paragraph_inside_a_cell_is_no_rule(tmp_path, layout, breaks):
    """Word's paragraph shading is a filled rectangle inside the cell; its sides must not cut the table."""
    rows = [Span("HM Prison and Probation Service should:")]
    for n in range(1, 5):
        rows.append(Rec(str(n), f"Recommendation {n} asks for a change.", "Agreed", [
            PhaseRow("##Action Plan commitments (May 2021)"), Action(f"Action {n}.1 is done.", "Head of Data", "June 2021"),
            PhaseRow("##Progress against commitments (May 2022)"), Action(f"Action {n}.2 is done.", "Head of Data", "Completed"),
        ]))
    plan = extract(build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows, style=LAYOUTS[layout], pages_break_every=breaks))
    assert [[(a.text, a.phase.label) for a in r.actions] for r in plan.recommendations] == [
        [(f"Action {n}.1 is done.", "Action Plan commitments (May 2021)"),
         (f"Action {n}.2 is done.", "Progress against commitments (May 2022)")]
        for n in range(1, 5)
    ]


HEADER_STYLES = {
    "a-prison": (
        ["Action Plan: HMP Kellingford", "Action Plan Submitted: 22 October 2021",
         "A Response to the HMIP Inspection: 7-18 June 2021", "Report Published: 14 September 2021"],
        ("HMP Kellingford", "7-18 June 2021", "2021-09-14", "2021-10-22", []),
    ),
    "b-older-prison": (
        ["ACTION PLAN: HMCIP REPORT", "ESTABLISHMENT: HMP Copperdale", "Report published 14 February 2017",
         "Action Plan Submitted 2 May 2017", "POSITION AS AT: April 2017"],
        ("HMP Copperdale", None, "2017-02-14", "2017-05-02", []),
    ),
    "c-probation": (
        ["Action Plan Submitted: 8 December 2021", "A Response to the HMI Probation Inspection:",
         "A thematic inspection of safety and supervision in approved premises", "Report Published: 12 October 2021",
         "Updated Action Plan Submitted: 15 November 2022"],
        (None, "A thematic inspection of safety and supervision in approved premises", "2021-10-12", "2021-12-08", ["2022-11-15"]),
    ),
}


@pytest.mark.parametrize("header_style", HEADER_STYLES)
def test_the_three_header_styles_are_read_above_furniture(tmp_path, header_style):
    lines, (title, report, published, submitted, updates) = HEADER_STYLES[header_style]
    header = {"title": "Safety and supervision in approved premises"} if header_style.startswith("c") else {}
    path = build_plan_pdf(tmp_path / "plan.pdf", header=header, header_lines=lines, rows=ROWS, style=LAYOUTS["furniture"], intro=True)
    plan = extract(path)
    assert (plan.title, plan.report.title, plan.report.published, plan.submitted, plan.updates) == (
        title or header["title"], report, published, submitted, updates)


# -- the geometry of one line: multi-letter glyphs, superscripts, gutters ------------------------


def _chars(pieces: list[tuple[str, float, float]], top: float = 100.0, size: float = 10.0) -> list[dict]:
    """Chars from (text, x0, x1); a piece may be a glyph whose text is several letters."""
    return [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size} for t, x0, x1 in pieces]


def test_a_glyph_whose_text_is_several_letters_joins_its_word():
    """DejaVu's "ffi" ligature is one char with three letters; no space appears around it."""
    chars = _chars([("o", 0, 5), ("ffi", 5, 13), ("c", 13, 18), ("e", 18, 23), ("r", 28, 31), ("s", 31, 35)])
    assert line_text(chars) == "office rs"


def test_a_raised_ordinal_stays_in_its_line():
    chars = _chars([("3", 0, 5), ("1", 5, 10)]) + _chars([("s", 10, 13), ("t", 13, 15)], top=97.0, size=6.0)
    chars += _chars([("M", 18, 26), ("a", 26, 31), ("r", 31, 34)])
    assert chars_to_text(chars, 0, 200) == "31st Mar"  # smaller and higher, yet of the same line


def test_text_cells_split_a_row_drawn_without_vertical_rules_at_its_gutters():
    line1 = _chars([("1", 40, 45), ("R", 85, 91), ("e", 91, 96), ("c", 96, 101), ("A", 220, 226), ("g", 226, 231)])
    line2 = _chars([("N", 40, 46), ("o", 46, 51), ("T", 85, 91), ("o", 91, 96)], top=112.0)
    assert [(cell.text, cell.x0) for cell in text_cells(line1 + line2)] == [("1\nNo", 40), ("Rec\nTo", 85), ("Ag", 220)]


# -- damaged PDFs ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def intact(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("damage") / "intact.pdf"
    return build_plan_pdf(path, header=HEADER, rows=sample_plan(4, 2, words=30), pages_break_every=3)


def _damaged(intact: Path, how: str) -> Path:
    data = intact.read_bytes()
    contents = page_content_objects(data)
    damaged = with_xref_entry_moved(data, contents[-1]) if how == "xref" else with_stream_corrupted(data, contents[1])
    path = intact.with_name(f"damaged-{how}.pdf")
    path.write_bytes(damaged)
    return path


def test_an_intact_pdf_carries_no_damage_warning(intact):
    assert not [w for w in extract(intact).warnings if w.code.value == "input_damaged"]


@pytest.mark.parametrize(("how", "says"), [("xref", "cross-reference table is damaged"), ("stream", "could not be decoded")])
def test_a_damaged_pdf_says_content_may_be_missing(intact, how, says):
    plan = extract(_damaged(intact, how))
    damage = [w for w in plan.warnings if w.code.value == "input_damaged"]
    assert any(says in w.message for w in damage)
    assert all(w.message.endswith("content may be missing") for w in damage)


@pytest.mark.parametrize("how", ["xref", "stream"])
def test_a_damaged_pdf_prints_no_library_log_line(intact, how):
    path = _damaged(intact, how)
    result = subprocess.run([sys.executable, "-m", "actionplan_ingest", "extract", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert result.stderr == ""
    assert "input_damaged" in result.stdout


# -- the shared dev2 plans and repro files (skipped without ../shared) -----------------------------

DEV2_MIN_F1 = 0.98


def test_dev2_pdfs_score_strict(shared_dir, tmp_path):
    pdfs = sorted((shared_dir / "dev2").glob("*.pdf"))
    if not pdfs:
        pytest.skip("no dev2 PDFs")
    for pdf in pdfs:
        (tmp_path / f"{pdf.stem}.json").write_text(plan_json(extract(pdf)), encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "score.py"), str(tmp_path), str(shared_dir / "dev2"), "--strict", "--json"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(scored.stdout)["f1"] >= DEV2_MIN_F1


def test_dev2_multi_letter_glyphs_are_read_as_letters(shared_dir):
    path = shared_dir / "dev2" / "dev2-copperdale-2017.pdf"
    if not path.exists():
        pytest.skip("no Copperdale plan")
    with pdfplumber.open(path) as pdf:
        assert any(len(char["text"]) > 1 for char in pdf.pages[0].chars)  # what this test is about
    text = plan_json(extract(path))
    assert not re.search("[\ufb00-\ufb06]", text)


def test_every_damaged_repro_pdf_says_content_may_be_missing(shared_dir):
    paths = sorted((shared_dir / "repro").glob("damaged-*.pdf"))
    if not paths:
        pytest.skip("no damaged PDFs in ../shared/repro")
    for path in paths:
        warnings = extract(path).warnings
        assert any(w.code.value == "input_damaged" and "content may be missing" in w.message for w in warnings), path.name


def test_no_library_log_line_reaches_stderr_for_any_shared_input(shared_dir):
    """Every input in ../shared, through the command line: stderr is empty, or one error line."""
    runner = CliRunner()
    paths = [p for folder in ("dev", "dev2", "seeds", "repro") for p in sorted((shared_dir / folder).glob("*"))
             if p.suffix in (".pdf", ".txt", ".docx")]
    for path in paths:
        result = runner.invoke(app, ["extract", str(path), "-o", "-"])
        lines = result.stderr.splitlines()
        assert lines == [] or (len(lines) == 1 and lines[0].startswith("actionplan-ingest: error:")), (path.name, lines[:3])

"""Stage: published PDFs -> RawRows (readers/pdf.py, readers/grid.py), and the PDF path end to end.

The PDFs are built here (``pdfbuild`` draws them as a Word export does: ruled
cells, a recommendation merged down over its action rows, rows breaking
across pages, the title row repeated). The dev plans in ../shared/dev check
that a PDF and its text extraction give the same plan, and score the PDF
against the hand-checked gold.
"""
from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pytest
from clean_failure import extract_error, failed_extract_message
from pdfbuild import (
    A1,
    A2,
    A3,
    HMPPS,
    REC1,
    REC2,
    SAMPLE_HEADER,
    small_plan_rows,
    Action,
    PhaseRow,
    Rec,
    Span,
    build_plan_pdf,
    build_scanned_pdf,
    build_text_only_pdf,
    sample_plan,
)
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSEOF
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from rapidfuzz import fuzz

from actionplan_ingest import extract
from actionplan_ingest.errors import (
    NotAnActionPlan,
    PdfEncrypted,
    PdfError,
    PdfNoTextLayer,
)
from actionplan_ingest.export.json import plan_json
from actionplan_ingest.readers import read
from actionplan_ingest.readers.pdf_pdfplumber import _pdf_error
from actionplan_ingest.table.rows import Column, RawRow

HEADER = SAMPLE_HEADER


def norm(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def all_actions(plan) -> list:
    return [action for rec in plan.recommendations for action in rec.actions]


def target_raw(action) -> str:
    return action.target.raw if action.target else ""


def expected_actions(rows) -> list[tuple[str, str, str, str]]:
    """(number, text, owner, target) of every action the builder was given, in order."""
    return [
        (row.number, norm(item.text), norm(item.owner), norm(item.target))
        for row in rows
        if isinstance(row, Rec)
        for item in row.actions
        if isinstance(item, Action)
    ]


def extracted_actions(plan) -> list[tuple[str, str, str, str]]:
    return [
        (rec.number, action.text, action.owner or "", target_raw(action))
        for rec in plan.recommendations
        for action in rec.actions
    ]


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


# -- the reader's grid: merged cells, empty cells, spanning rows, pages ---------------------------


@pytest.fixture
def small_plan(tmp_path) -> Path:
    rows = small_plan_rows()
    return build_plan_pdf(tmp_path / "small.pdf", header=HEADER, rows=rows)


def test_merged_recommendation_cells_are_none_and_empty_cells_are_empty(small_plan):
    rows = read(small_plan).rows
    assert len(rows) == 6  # span, three action rows and a phase row of rec 1, rec 2
    first, second, phase, third, rec2 = rows[1:]

    assert [norm(c) for c in first.cells] == ["1", REC1, "Agreed", A1, "Deputy Director, Electronic Monitoring", "Completed"]
    for row in (second, phase, third):  # below the merged recommendation cells: no cell there
        assert row.cells[: Column.RESPONSE] == (None, None, None)
    assert second.cells[Column.OWNER] == ""  # an empty cell, not a merged one
    assert norm(second.cells[Column.RESPONSE]) == A2
    assert norm(phase.cells[Column.RESPONSE]) == "Progress against commitments (June 2022)"
    assert phase.cells[Column.OWNER] == phase.cells[Column.TARGET] == ""
    assert third.cells[Column.TARGET] == ""
    assert [norm(c) for c in rec2.cells] == ["2", REC2, "Not Agreed", "", "", ""]


def test_spanning_row_comes_through_as_span(small_plan):
    span_rows = [row for row in read(small_plan).rows if row.span]
    assert len(span_rows) == 1
    assert [norm(piece) for piece in span_rows[0].span] == [HMPPS]
    assert not any(span_rows[0].cells)


def test_pdf_rows_have_pages_and_no_line_numbers(small_plan):
    document = read(small_plan)
    assert document.format == "pdf"
    assert document.pages == 1
    assert all(row.page == 1 for row in document.rows)
    assert all(row.line_start is None and row.line_end is None for row in document.rows)


def test_the_header_block_is_the_free_text_above_the_table(small_plan):
    preamble = [norm(line) for line in read(small_plan).preamble if line.strip()]  # paragraphs apart by blanks
    assert preamble == [
        f"A Response to: {HEADER['report']}",
        f"Report Published: {HEADER['published']}",
        f"Action Plan Submitted: {HEADER['submitted']}",
        f"ACTION PLAN: {HEADER['title']}",
    ]  # no table text, and not the page-number footer below the table


@pytest.mark.parametrize("intro", [False, True], ids=["table-on-page-1", "table-after-introduction"])
def test_page_numbers_are_one_based_and_follow_the_page_breaks(tmp_path, intro):
    break_every = 2
    rows = [
        Span(HMPPS),
        Rec("1", REC1, "Agreed", [Action(A1, "Head of Quality", "June 2021"), Action(A2, "Head of Quality", "Completed")]),
        Rec("2", REC2, "Partly Agreed", [Action(A3, "Chief Probation Officer", "Q3 2021"), Action(A1 + " Again.", "Head of Data", "2021/22")]),
    ]
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows, intro=intro, pages_break_every=break_every)
    document = read(path)
    first_page = 2 if intro else 1
    # The builder starts a new page after every `break_every` table rows.
    assert [row.page for row in document.rows] == [first_page + k // break_every for k in range(5)]
    assert document.pages == first_page + 2
    # Each page stops short of its foot (the builder breaks after two rows), so no
    # row can have continued from the page before: only the very first row is a page top.
    assert [row.page_top for row in document.rows] == [True, False, False, False, False]


def test_a_row_continued_at_the_top_of_a_page_is_marked_page_top(tmp_path):
    long_text = " ".join(f"Step {n} of the plan is delivered by the regional teams and reported monthly." for n in range(1, 70))
    rows = [Span(HMPPS), Rec("1", REC1, "Agreed", [Action(long_text, "Head of Quality", "June 2021"), Action(A2, "Head of Data", "Completed")])]
    document = read(build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows))
    assert document.pages >= 2
    tops = [row for row in document.rows if row.page_top and row.page > 1]
    assert [row.page for row in tops] == list(range(2, document.pages + 1))
    for row in tops:  # the rest of the long response: no number, no merged-cell text
        assert not row.cells[Column.NUMBER]
        assert row.cells[Column.RESPONSE]
        assert norm(row.cells[Column.RESPONSE]) in long_text


@pytest.mark.parametrize("repeat", [True, False], ids=["title-row-repeated", "title-row-once"])
def test_the_title_row_is_never_a_row(tmp_path, repeat):
    rows = sample_plan(4, 3, words=20)
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows, pages_break_every=3, repeat_title_row=repeat)
    texts = page_texts(path)
    assert len(texts) >= 4
    assert all(("Target Date" in text) == (repeat or page == 0) for page, text in enumerate(texts))  # the input is as meant
    cells = [norm(cell) for row in read(path).rows for cell in row.cells if cell]
    assert cells
    assert not any("Rec No" in cell or "Response Action Taken" in cell or "Target Date" in cell for cell in cells)


# -- end to end: extract() on built plans ---------------------------------------------------------


@pytest.mark.parametrize("intro", [False, True], ids=["no-introduction", "introduction-and-categories-table"])
def test_header_fields_are_read_from_the_text_above_the_table(tmp_path, intro):
    header = {**HEADER, "updated": ["8 December 2021", "7th June 2022"]}
    rows = [Span(HMPPS), Rec("1", REC1, "Agreed", [Action(A1, "Head of Quality", "June 2021")])]
    plan = extract(build_plan_pdf(tmp_path / "plan.pdf", header=header, rows=rows, intro=intro))
    assert plan.title == HEADER["title"]
    assert plan.report.title == HEADER["report"]
    assert plan.report.published == "2021-03-09"
    assert plan.submitted == "2021-05-04"
    assert plan.updates == ["2021-12-08", "2022-06-07"]
    assert [w.code.value for w in plan.warnings] == []


def test_titles_that_wrap_onto_a_second_line_are_read_whole(tmp_path):
    title = "Exceptional delivery model arrangements in probation services in response to the COVID pandemic and the recovery from it"
    report = (
        "A Thematic Review of Exceptional delivery model arrangements in probation services in response to the "
        "COVID pandemic, with an inspection of the recovery plans of every region"
    )
    header = {**HEADER, "title": title, "report": report}
    rows = [Span(HMPPS), Rec("1", REC1, "Agreed", [Action(A1, "Head of Quality", "June 2021")])]
    path = build_plan_pdf(tmp_path / "plan.pdf", header=header, rows=rows)
    assert len(read(path).preamble) > 4  # both really wrap
    plan = extract(path)
    assert plan.title == title
    assert plan.report.title == report


AGREEMENTS = {
    "probation": (("Agreed", "agreed"), ("Partly Agreed", "partly_agreed"), ("Not Agreed", "not_agreed")),
    "prison": (("Accepted", "agreed"), ("Partly accepted", "partly_agreed"), ("Rejected", "not_agreed")),
}


@pytest.mark.parametrize("template", ["probation", "prison"])
def test_columns_are_mapped_for_both_templates(tmp_path, template):
    owners = ("Deputy Director, Probation Operations", "Head of Safety", "Governor")
    targets = ("June 2021", "Completed and monthly", "31/03/2022")
    rows: list = [Span(HMPPS)]
    for n, ((written, _), owner, target) in enumerate(zip(AGREEMENTS[template], owners, targets), start=1):
        rows.append(Rec(str(n), f"Recommendation number {n} asks for something.", written, [Action(f"Response {n} says what is done.", owner, target)]))
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows, template=template)
    drawn = page_texts(path)[0]  # the template's own column titles are drawn
    assert ("Function Responsible" in drawn, "individuals" in drawn) == ((True, False) if template == "prison" else (False, True))
    plan = extract(path)
    assert [(r.agreement_raw, r.agreement.value) for r in plan.recommendations] == list(AGREEMENTS[template])
    assert extracted_actions(plan) == expected_actions(rows)
    assert plan.recommendations[1].actions[0].target.recurrence.value == "monthly"
    assert plan.recommendations[2].actions[0].target.dates == ["2022-03-31"]


def test_prison_plan_numbers_and_section_rows(tmp_path):
    rows = [
        Span("Main Recommendations to the Governor"),
        Rec("S40", "Prisoners at risk of self-harm should be cared for by staff who know them.", "Accepted", [
            Action("Case managers will be drawn from a dedicated group of officers.", "Head of Safety", "30 September 2019"),
        ]),
        Rec("S41", "The prison should reduce the supply of illicit drugs.", "Partly accepted", [
            Action("A drug strategy has been agreed.", "Head of Security", "31/10/2019"),
        ]),
        Span("Recommendations to the Governor"),
        Rec("5.01", "Reception staff should give every new arrival a private interview.", "Accepted", [
            Action("The first-night interview room has been refurbished.", "Head of Residence", "Completed"),
        ]),
        Rec("1", "The prison should allow prisoners to wear their own clothing.", "Rejected", [
            Action("The decision will be revisited when the new visits hall opens.", "Head of Security", ""),
        ]),
    ]
    plan = extract(build_plan_pdf(tmp_path / "prison.pdf", header=HEADER, rows=rows, template="prison"))
    assert [(r.number, r.addressee) for r in plan.recommendations] == [
        ("S40", "Main Recommendations to the Governor"),
        ("S41", "Main Recommendations to the Governor"),
        ("5.01", "Recommendations to the Governor"),
        ("1", "Recommendations to the Governor"),
    ]
    assert [r.agreement.value for r in plan.recommendations] == ["agreed", "partly_agreed", "agreed", "not_agreed"]
    assert extracted_actions(plan) == expected_actions(rows)
    assert plan.recommendations[3].actions[0].target is None  # no target cell text


def test_addressee_drops_should(tmp_path):
    rows = [
        Span(HMPPS),
        Rec("1", REC1, "Agreed", [Action(A1, "Head of Quality", "June 2021")]),
        Span("The Ministry of Justice should:"),
        Rec("2", REC2, "Agreed", [Action(A2, "Head of Data", "2021/22")]),
    ]
    plan = extract(build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows))
    assert [r.addressee for r in plan.recommendations] == ["HM Prison and Probation Service", "The Ministry of Justice"]
    assert plan.recommendations[1].actions[0].target.dates == ["2022-03"]


def test_an_addressee_in_ordinary_cells_is_still_an_addressee(tmp_path):
    """Some tables put the addressee in the recommendation column instead of a row merged across."""
    rows = [
        Rec("", HMPPS, "", []),
        Rec("1", REC1, "Agreed", [Action(A1, "Head of Quality", "June 2021")]),
        Rec("", "Main Recommendations to the Governor", "", []),
        Rec("2", REC2, "Agreed", [Action(A2, "Head of Data", "Q3 2021")]),
    ]
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows)
    assert [norm(" ".join(row.span)) for row in read(path).rows if row.span] == [HMPPS, "Main Recommendations to the Governor"]
    plan = extract(path)
    assert [(r.number, r.addressee) for r in plan.recommendations] == [
        ("1", "HM Prison and Probation Service"),
        ("2", "Main Recommendations to the Governor"),
    ]
    assert extracted_actions(plan) == expected_actions(rows)


@pytest.mark.parametrize("repeat", [True, False], ids=["title-row-repeated", "title-row-once"])
def test_repeated_title_rows_are_skipped_and_no_action_is_lost(tmp_path, repeat):
    rows = sample_plan(5, 3, words=25)
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows, pages_break_every=4, repeat_title_row=repeat)
    plan = extract(path)
    table_rows = 1 + 5 * 3  # the span and 15 action rows, four a page
    assert plan.source.pages == -(-table_rows // 4) == 4
    assert [r.number for r in plan.recommendations] == ["1", "2", "3", "4", "5"]
    assert extracted_actions(plan) == expected_actions(rows)
    assert [norm(r.text) for r in plan.recommendations] == [norm(r.text) for r in rows[1:]]


def test_actions_continuing_across_a_page_break_stay_with_their_recommendation(tmp_path):
    actions = [Action(f"Action {n} of the first recommendation is delivered.", "Head of Quality", f"June 202{n}") for n in range(1, 6)]
    rows = [Span(HMPPS), Rec("1", REC1, "Agreed", actions), Rec("2", REC2, "Agreed", [Action(A3, "Head of Data", "Completed")])]
    # Table rows: span, five actions, rec 2: pages break after rows 3 and 6.
    plan = extract(build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows, pages_break_every=3))
    assert [len(r.actions) for r in plan.recommendations] == [5, 1]
    assert [a.source.page for a in all_actions(plan)] == [1, 1, 2, 2, 2, 3]
    assert extracted_actions(plan) == expected_actions(rows)
    assert norm(plan.recommendations[0].text) == REC1


def test_a_response_broken_across_pages_is_one_action(tmp_path):
    long_text = " ".join(
        f"Stage {n} of the programme will be delivered by the regional teams, who will report progress to the board."
        for n in range(1, 45)
    )
    rows = [
        Span(HMPPS),
        Rec("1", REC1, "Agreed", [Action(A1, "Head of Quality", "June 2021"), Action(long_text, "Deputy Director, Probation Operations", "Completed and monthly"), Action(A2, "Head of Data", "Q3 2021")]),
        Rec("2", REC2, "Agreed", [Action(A3, "Chief Probation Officer", "31/03/2022")]),
    ]
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows)
    document = read(path)
    fragments = [row for row in document.rows if row.page_top and not row.cells[Column.NUMBER]]
    assert fragments, "the long response should break across a page"
    assert all(norm(row.cells[Column.RESPONSE]) in long_text for row in fragments)

    plan = extract(path)
    assert extracted_actions(plan) == expected_actions(rows)  # nothing lost, nothing twice
    long_action = plan.recommendations[0].actions[1]
    assert long_action.text == long_text
    assert long_action.source.page == 1  # where the row starts
    (a2_row,) = [row for row in document.rows if norm(row.cells[Column.RESPONSE]) == A2]
    assert plan.recommendations[0].actions[2].source.page == a2_row.page > 1


def build_with_row_near_page_bottom(folder: Path, action: Action, breaks: Callable[[RawRow], bool]) -> tuple[Path, list]:
    """A plan whose rec 2 starts with `action`, placed so near the bottom of page 1
    that its row breaks over the page as `breaks` (given the first row on page 2) wants.

    Page 1 is padded with one-line actions, one more each try; the layout is
    fixed, so the same padding is found on every run.
    """
    for fillers in range(15, 40):
        padding = [Action(f"Filler action {n} is done.", "Head of Quality", "June 2021") for n in range(fillers)]
        rows = [Span(HMPPS), Rec("1", REC1, "Agreed", padding), Rec("2", REC2, "Agreed", [action, Action(A3, "Head of Data", "Completed")])]
        path = build_plan_pdf(folder / f"plan-{fillers}.pdf", header=HEADER, rows=rows)
        top = next((row for row in read(path).rows if row.page == 2), None)
        if top is not None and breaks(top):
            return path, rows
        path.unlink()
    pytest.fail("no padding breaks the row over the page as the test needs")


LONG_SENTENCE = (
    "Practitioners in every region will be reminded that each alert must be followed up on the day it is received, "
    "and regional leads will audit a sample of cases every month to check that this happens."
)
SHORT_SENTENCES = "\n".join(f"Step {n} is a short sentence." for n in range(1, 9))  # one paragraph a line


def _cut_mid_sentence_in_every_cell(top: RawRow) -> bool:
    response = top.cells[Column.RESPONSE] or ""
    return response[:1].islower() and bool(top.cells[Column.OWNER]) and bool(top.cells[Column.TARGET])


@pytest.mark.parametrize(
    ("owner", "target"),
    [
        ("Deputy Director, Probation Operations, together with the Head of Quality Assurance and the Chief Probation Officer", "Completed and to be reviewed monthly"),
        ("Regional Probation Director, North West\nRegional Probation Director, North East\nRegional Probation Director, Wales", "31 March 2022 and then quarterly"),
        ("Head of Quality Assurance\nHead of Data and Analysis\nChief Probation Officer", "Q3 2021\nand ongoing"),
    ],
    ids=["owner-sentence", "owners-one-a-line", "owners-headwords"],
)
def test_a_row_broken_mid_sentence_in_every_cell_is_rejoined(tmp_path, owner, target):
    path, rows = build_with_row_near_page_bottom(tmp_path, Action(LONG_SENTENCE, owner, target), _cut_mid_sentence_in_every_cell)
    plan = extract(path)
    assert extracted_actions(plan) == expected_actions(rows)
    assert plan.recommendations[1].actions[0].source.page == 1


def test_a_row_broken_after_a_full_sentence_with_its_target_cut_is_one_action(tmp_path):
    def breaks(top: RawRow) -> bool:
        response = top.cells[Column.RESPONSE] or ""
        return response.startswith("Step ") and not response.startswith("Step 1 ") and bool(top.cells[Column.TARGET]) and not top.cells[Column.OWNER]

    action = Action(SHORT_SENTENCES, "Head of Quality", "Completed and to be reviewed monthly")
    path, rows = build_with_row_near_page_bottom(tmp_path, action, breaks)
    assert extracted_actions(extract(path)) == expected_actions(rows)


def test_a_row_broken_after_a_full_sentence_with_its_owner_cut_is_one_action(tmp_path):
    def breaks(top: RawRow) -> bool:
        response = top.cells[Column.RESPONSE] or ""
        return response.startswith("Step ") and not response.startswith("Step 1 ") and bool(top.cells[Column.OWNER])

    action = Action(SHORT_SENTENCES, "Deputy Director, Probation Operations and Women's Policy", "June 2021")
    path, rows = build_with_row_near_page_bottom(tmp_path, action, breaks)
    assert extracted_actions(extract(path)) == expected_actions(rows)


@pytest.mark.parametrize("text", ["e-learning on alerts will be rolled out to all practitioners.", "iPads will be issued to every practitioner."])
def test_a_row_starting_in_lower_case_mid_page_is_its_own_action(tmp_path, text):
    rows = [Span(HMPPS), Rec("1", REC1, "Agreed", [Action(A1, "Head of Quality", "June 2021"), Action(text, "Deputy Director, Workforce", "Q3 2021")])]
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows)
    assert read(path).pages == 1  # both rows on one page, each between its own rules
    assert extracted_actions(extract(path)) == expected_actions(rows)


def test_a_recommendation_text_continued_on_the_next_page(tmp_path):
    rec_text = " ".join(f"Clause {n} asks the service to improve its practice in the community." for n in range(1, 25))
    rows = [
        Span(HMPPS),
        Rec("1", REC1, "Agreed", [Action(f"Action {n} is planned.", "Head of Data", "Q3 2021") for n in range(1, 9)]),
        Rec("2", rec_text, "Partly Agreed", [Action(A2, "Head of Quality", "June 2021"), Action(A3, "Head of Data", "Completed")]),
    ]
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows)
    document = read(path)
    assert any(row.page_top and row.cells[Column.RECOMMENDATION] for row in document.rows), "rec 2's text should break over the page"
    plan = extract(path)
    assert norm(plan.recommendations[1].text) == rec_text
    assert plan.recommendations[1].agreement.value == "partly_agreed"
    assert extracted_actions(plan) == expected_actions(rows)


def test_phase_rows_set_the_phase_of_the_actions_below_them(tmp_path):
    rows = [
        Span(HMPPS),
        Rec("1", REC1, "Agreed", [
            PhaseRow("Action Plan commitments (May 2021)"),
            Action(A1, "Head of Quality", "June 2021"),
            Action(A2, "Head of Quality", "Completed"),
            PhaseRow("Progress against commitments (June 2022)"),
            Action(A3, "Head of Data", "Completed"),
        ]),
        Rec("2", REC2, "Agreed", [
            # The label as the first paragraph of the action's own cell.
            Action("Action Plan commitments (May 2021)\n" + A2, "Head of Data", "2021/22"),
        ]),
        Rec("3", "A recommendation with no phase rows.", "Agreed", [Action(A1, "Head of Quality", "June 2021")]),
    ]
    plan = extract(build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows))
    phases = [
        (a.phase.kind.value, a.phase.label, a.phase.as_of) if a.phase else None
        for a in all_actions(plan)
    ]
    commitment = ("commitment", "Action Plan commitments (May 2021)", "2021-05")
    progress = ("progress", "Progress against commitments (June 2022)", "2022-06")
    assert phases == [commitment, commitment, progress, commitment, None]
    assert [a.text for a in all_actions(plan)] == [A1, A2, A3, A2, A1]  # labels are not action text


def test_a_pdf_plan_says_where_it_came_from(tmp_path):
    rows = sample_plan(6, 3, words=40)
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows, pages_break_every=5)
    plan = extract(path)
    assert plan.source.file == "plan.pdf"
    assert plan.source.format == "pdf"
    assert plan.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    with pdfplumber.open(path) as pdf:
        assert plan.source.pages == len(pdf.pages)
    assert all(a.source.line_start is None and a.source.line_end is None for a in all_actions(plan))
    assert all(1 <= a.source.page <= plan.source.pages for a in all_actions(plan))


def test_a_pdf_with_only_an_owner_password_opens(tmp_path):
    """Published plans are often 'protected' against editing; they open without a password."""
    rows = sample_plan(2, 2, words=20)
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows, encrypt_owner_password="owner-only")
    assert b"/Encrypt" in path.read_bytes()
    assert extracted_actions(extract(path)) == expected_actions(rows)


@pytest.fixture(scope="module")
def long_plan(tmp_path_factory) -> tuple[Path, list]:
    rows = sample_plan(90, 2, words=14, seed=11)
    path = build_plan_pdf(tmp_path_factory.mktemp("long") / "long.pdf", header=HEADER, rows=rows, pages_break_every=3)
    return path, rows


def test_a_long_plan_keeps_every_action_and_page(long_plan):
    path, rows = long_plan
    plan = extract(path)
    table_rows = 1 + sum(len(r.actions) for r in rows[1:])
    assert plan.source.pages == -(-table_rows // 3) >= 60
    assert extracted_actions(plan) == expected_actions(rows)
    pages = [a.source.page for a in all_actions(plan)]
    assert pages == sorted(pages)
    assert pages[0] == 1 and pages[-1] == plan.source.pages
    # Row k of the table (the span is row 0) is on page k // 3 + 1.
    assert pages == [k // 3 + 1 for k in range(1, table_rows)]


# -- bad PDFs: one clear error, the right class, no output ------------------------------------------


def _encrypted(folder: Path) -> Path:
    return build_plan_pdf(folder / "locked.pdf", header=HEADER, rows=sample_plan(2, 2), encrypt_user_password="secret")


def _scanned_image(folder: Path) -> Path:
    return build_scanned_pdf(folder / "scanned.pdf", kind="image")


def _scanned_shapes(folder: Path) -> Path:
    return build_scanned_pdf(folder / "drawn.pdf", kind="shapes")


def _truncated(folder: Path) -> Path:
    whole = build_plan_pdf(folder / "whole.pdf", header=HEADER, rows=sample_plan(4, 2)).read_bytes()
    (folder / "whole.pdf").unlink()
    path = folder / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def _random_bytes(folder: Path) -> Path:
    data = random.Random(20).randbytes(8192)
    assert b"%PDF-" not in data[:1024]
    path = folder / "random.pdf"
    path.write_bytes(data)
    return path


def _pdf_header_then_random_bytes(folder: Path) -> Path:
    path = folder / "header-only.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(21).randbytes(8192))
    return path


def _plain_text(folder: Path) -> Path:
    path = folder / "notes.pdf"
    path.write_text("ACTION PLAN: not really a PDF\n1\tA recommendation\tAgreed\n", encoding="utf-8")
    return path


def _text_without_table(folder: Path) -> Path:
    lines = [
        f"ACTION PLAN: {HEADER['title']}",
        f"A Response to: {HEADER['report']}",
        "Report Published: 9th March 2021",
        "1 Make sure that practitioners receive clear information. Agreed. Head of Quality. June 2021",
    ]
    return build_text_only_pdf(folder / "letter.pdf", lines)


BAD_PDFS = [
    pytest.param(_encrypted, PdfEncrypted, ("encrypted", "password"), id="encrypted"),
    pytest.param(_scanned_image, PdfNoTextLayer, ("ocr",), id="scanned-image"),
    pytest.param(_scanned_shapes, PdfNoTextLayer, ("ocr",), id="no-text-only-rules"),
    pytest.param(_truncated, PdfError, ("damaged",), id="truncated"),
    pytest.param(_random_bytes, PdfError, ("not a pdf",), id="random-bytes"),
    pytest.param(_pdf_header_then_random_bytes, PdfError, ("damaged",), id="pdf-header-then-garbage"),
    pytest.param(_plain_text, PdfError, ("not a pdf",), id="plain-text-named-pdf"),
    pytest.param(_text_without_table, NotAnActionPlan, ("table",), id="text-but-no-table"),
]
# Subclasses a bad PDF must NOT be reported as (a damaged file is not "encrypted").
_NARROWER = (PdfEncrypted, PdfNoTextLayer)


@pytest.mark.parametrize(("make", "error", "reason"), BAD_PDFS)
def test_bad_pdf_raises_its_error_class(tmp_path, make, error, reason):
    raised = extract_error(make(tmp_path), error)
    assert any(word in raised.reason.lower() for word in reason)


def test_scanned_pdf_message_suggests_ocr(tmp_path):
    with pytest.raises(PdfNoTextLayer) as caught:
        extract(_scanned_image(tmp_path))
    assert "ocrmypdf" in str(caught.value)


@pytest.mark.parametrize(("make", "error", "reason"), BAD_PDFS)
def test_bad_pdf_on_the_command_line(tmp_path, make, error, reason):
    source = tmp_path / "in"
    source.mkdir()
    path = make(source)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    message = failed_extract_message(path, out_dir)
    assert any(word in message.lower() for word in reason), message


# -- classification by exception type, never by message -------------------------------------------


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        pytest.param(PdfminerException(PDFPasswordIncorrect()), PdfEncrypted, id="password-incorrect"),
        pytest.param(PdfminerException(PDFEncryptionError("unsupported")), PdfEncrypted, id="encryption-error"),
        pytest.param(PdfminerException(PDFPasswordIncorrect("file is damaged")), PdfEncrypted, id="misleading-message-1"),
        pytest.param(PdfminerException(PSEOF()), PdfError, id="eof"),
        pytest.param(PdfminerException(PSEOF("password incorrect, encrypted")), PdfError, id="misleading-message-2"),
        pytest.param(PdfminerException(), PdfError, id="no-original"),
        pytest.param(MalformedPDFException("encrypted"), PdfError, id="malformed"),
    ],
)
def test_pdf_errors_are_classified_by_exception_type(exc, expected):
    error = _pdf_error(Path("x.pdf"), exc)
    assert type(error) is expected
    assert isinstance(error, PdfError)
    assert error.path == "x.pdf"


def test_password_incorrect_is_encrypted_and_eof_is_not():
    assert isinstance(_pdf_error(Path("x.pdf"), PdfminerException(PDFPasswordIncorrect())), PdfEncrypted)
    eof = _pdf_error(Path("x.pdf"), PdfminerException(PSEOF()))
    assert isinstance(eof, PdfError) and not isinstance(eof, _NARROWER)


# -- the dev plans: PDF and text extraction agree, and the PDF scores against the gold ----------------

_SHARED_DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"
DEV_PLANS = sorted(p.stem for p in _SHARED_DEV.glob("*.pdf") if p.with_suffix(".txt").exists()) or ["no-dev-plans"]
GOLD_MIN_MATCHED = 0.97


def _dev_paths(shared_dir: Path, name: str) -> tuple[Path, Path, Path]:
    pdf, text, gold = (shared_dir / "dev" / f"{name}{suffix}" for suffix in (".pdf", ".txt", ".json"))
    if not (pdf.exists() and text.exists()):
        pytest.skip(f"no dev plan {name} with both .pdf and .txt")
    return pdf, text, gold


@lru_cache(maxsize=None)
def _extracted(path: Path) -> str:
    return plan_json(extract(path))


def _as_json(path: Path) -> dict:
    return json.loads(_extracted(path))


def _recommendations(doc: dict) -> list[tuple]:
    return [(r["number"], norm(r["addressee"]), r["agreement"], norm(r["text"])) for r in doc["recommendations"]]


def _actions(doc: dict) -> list[tuple]:
    return [
        (r["number"], norm(a["text"]), norm(a["owner"]), norm(a["target"]["raw"]) if a["target"] else None, a["phase"])
        for r in doc["recommendations"]
        for a in r["actions"]
    ]


@pytest.mark.parametrize("name", DEV_PLANS)
def test_dev_pdf_gives_the_same_plan_as_its_text(shared_dir, name):
    pdf, text, _ = _dev_paths(shared_dir, name)
    from_pdf, from_text = _as_json(pdf), _as_json(text)
    assert _recommendations(from_pdf) == _recommendations(from_text)
    assert _actions(from_pdf) == _actions(from_text)
    for key in ("title", "report", "submitted", "updates"):
        assert from_pdf[key] == from_text[key], key


@pytest.mark.parametrize("name", DEV_PLANS)
def test_dev_pdf_scores_against_the_gold(shared_dir, name):
    pdf, _, gold_path = _dev_paths(shared_dir, name)
    if not gold_path.exists():
        pytest.skip(f"no gold for {name}")
    pred, gold = _as_json(pdf), json.loads(gold_path.read_text(encoding="utf-8"))
    pred_recs = {r["number"]: r for r in pred["recommendations"]}
    assert set(r["number"] for r in gold["recommendations"]) <= set(pred_recs)
    matched = total = 0
    for gold_rec in gold["recommendations"]:
        candidates = pred_recs[gold_rec["number"]]["actions"]
        for gold_action in gold_rec["actions"]:
            total += 1
            if not candidates:
                continue
            best = max(candidates, key=lambda a: fuzz.ratio(norm(a["text"]), norm(gold_action["text"])))
            same_owner = norm(best["owner"]) == norm(gold_action["owner"])
            same_target = (norm(best["target"]["raw"]) if best["target"] else None) == (
                norm(gold_action["target"]["raw"]) if gold_action["target"] else None
            )
            matched += same_owner and same_target
    assert total > 0
    assert matched / total >= GOLD_MIN_MATCHED, f"{matched}/{total} gold actions matched"
    for key in ("title", "report", "submitted", "updates"):
        assert pred[key] == gold[key], key


@pytest.mark.parametrize("name", DEV_PLANS)
def test_dev_pdf_pages_are_in_range_and_lines_are_null(shared_dir, name):
    pdf, _, _ = _dev_paths(shared_dir, name)
    plan = _as_json(pdf)
    assert plan["source"]["format"] == "pdf"
    with pdfplumber.open(pdf) as document:
        assert plan["source"]["pages"] == len(document.pages)
    actions = [a for r in plan["recommendations"] for a in r["actions"]]
    assert actions
    assert all(1 <= a["source"]["page"] <= plan["source"]["pages"] for a in actions)
    assert all(a["source"]["line_start"] is None and a["source"]["line_end"] is None for a in actions)
    assert all(w["line"] is None for w in plan["warnings"])


def test_a_page_that_stops_short_starts_the_next_page_with_a_new_row(tmp_path):
    """A lead-in with no owner or target after a page that ended early is its own action."""
    rows = [Span(HMPPS), Rec("1", REC1, "Agreed", [
        Action("HMPPS are addressing outstanding requirements.", "Head of Psychology", "Completed"),
        Action("HMPPS will increase capacity for the delivery of Accredited Programmes by;"),
    ])]
    for breaks in (None, 2):
        plan = extract(build_plan_pdf(tmp_path / f"plan-{breaks}.pdf", header=HEADER, rows=rows, pages_break_every=breaks))
        assert [a.text for a in plan.recommendations[0].actions] == [
            "HMPPS are addressing outstanding requirements.",
            "HMPPS will increase capacity for the delivery of Accredited Programmes by;",
        ]


def test_a_lower_case_item_with_its_own_owner_and_target_is_a_new_action(tmp_path):
    rows = [Span(HMPPS), Rec("2", REC2, "Agreed", [
        Action("The pilots will be supported by:"),
        Action("a joint steering group in each pilot area, meeting every month;", "Deputy Director, Electronic Monitoring", "Completed and monthly"),
        Action("a shared analysis of the alerts generated in each area.", "Head of Probation Data Services", "Q3 2021"),
    ])]
    plan = extract(build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=rows, pages_break_every=3))
    actions = plan.recommendations[0].actions
    assert [(a.owner, a.target.raw if a.target else None) for a in actions] == [
        (None, None),
        ("Deputy Director, Electronic Monitoring", "Completed and monthly"),
        ("Head of Probation Data Services", "Q3 2021"),
    ]

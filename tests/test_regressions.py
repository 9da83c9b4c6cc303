"""One regression test per reported defect (issue numbers in the names)."""
from __future__ import annotations

import pytest

from actionplan_ingest import dates, extract
from actionplan_ingest.errors import NotAnActionPlan
from actionplan_ingest.table.placement import align_cells
from actionplan_ingest.table.rows import Column


def test_issue9_long_target_cell_parses_each_distinct_date_once(monkeypatch):
    """A target cell naming thousands of dates did quadratic work (16,000 chars: 22 s)."""
    calls = []
    real = dates.dateutil_parser.parse
    monkeypatch.setattr(dates.dateutil_parser, "parse", lambda *a, **k: calls.append(a) or real(*a, **k))
    dates._parse_day_first.cache_clear()
    reading = dates.read_target("31st March 2022 and 30 June 2022; " * 500)
    assert [d.iso() for d in reading.dates] == ["2022-03-31", "2022-06-30"]
    assert len(calls) == 2


def test_issue9_long_target_cell_keeps_every_date_in_order():
    cell = "; ".join(f"{day} March 2022" for day in range(1, 29) for _ in range(50))
    reading = dates.read_target(cell)
    assert [d.day for d in reading.dates] == list(range(1, 29))
    assert reading.leftover == ()


def test_issue9_six_cells_without_a_number_are_placed_not_crashed():
    """Six cells whose first is not a recommendation number ended in 'max() arg is an empty sequence'."""
    cells, span = align_cells(["Note", "The prison should do X.", "Agreed", "We will do X.", "Governor", "March 2021"])
    assert span == ()
    assert cells[Column.NUMBER] == ""
    assert cells[Column.RECOMMENDATION] == "Note The prison should do X."
    assert cells[Column.TARGET] == "March 2021"


def test_issue9_a_table_without_a_numbered_recommendation_is_not_an_action_plan(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "Rec No\tRecommendation\tAgreed\tAction\tOwner\tTarget Date\n"
        "Note\tThe prison should do X.\tAgreed\tWe will do X.\tGovernor\tMarch 2021\n",
        encoding="utf-8",
    )
    with pytest.raises(NotAnActionPlan, match="no numbered recommendation"):
        extract(path)


# -- issue 7: real published layouts in tab-separated text --------------------------------


@pytest.mark.parametrize(
    ("cells", "pieces"),
    [
        (["Priority", "Recommendations to the", "Governor", "", "", ""], ("Priority", "Recommendations to the", "Governor")),
        (["HM Pri", "son and Probation Service", "should:", "", "", ""], ("HM Pri", "son and Probation Service", "should:")),
        (["Recom", "mendations to NOM", "S", "", "", ""], ("Recom", "mendations to NOM", "S")),
        (["Recom", "mendations to the", "Governor", "", "", ""], ("Recom", "mendations to the", "Governor")),
        (["The Mi", "nistry of Justice, working", "with HM Prison", "and Probation Service should:", "", ""],
         ("The Mi", "nistry of Justice, working", "with HM Prison", "and Probation Service should:")),
    ],
)
def test_issue7_spanning_row_cut_at_word_boundaries_is_one_span(cells, pieces):
    placed, span = align_cells(cells)
    assert span == pieces
    assert not any(placed)


def test_issue7_spanning_rows_cut_at_word_boundaries_give_whole_addressees(write_plan):
    path = write_plan([
        "Priority\tRecommendations to the\tGovernor\t\t\t",
        "R1\tLeaders should restore the regime.\tAgreed\tA core day is published.\tHead of Regime\tComplete",
        "HM Pri\tson and Probation Service\tshould:\t\t\t",
        "2\tHMPPS should fund it.\tAgreed\tFunding was agreed.\tHead of Finance\tJune 2021",
        "Recom\tmendations to NOM\tS\t\t\t",
        "3\tNOMS should move prisoners.\tRejected\tRejected. There is no capacity.\tHead of Population\tN/A",
    ])
    plan = extract(path)
    assert [r.addressee for r in plan.recommendations] == [
        "Priority Recommendations to the Governor", "HM Prison and Probation Service", "Recommendations to NOMS",
    ]


def test_issue7_in_place_and_ongoing_is_a_target_read_whole():
    reading = dates.read_target("In place and ongoing")
    assert reading.ongoing and not reading.completed
    assert reading.leftover == () and reading.dates == ()


def test_issue7_owner_with_a_lower_case_organisation_stays_in_the_owner_column():
    cells, _ = align_cells([
        "", "", "", "Library staff will start a monthly reading group on the wings.",
        "Library Manager, county library service", "31/3/18",
    ])
    assert cells[Column.RESPONSE].startswith("Library staff")
    assert cells[Column.OWNER] == "Library Manager, county library service"
    assert cells[Column.TARGET] == "31/3/18"


def test_issue7_same_owner_on_consecutive_rows_is_not_joined_across_cells(write_plan):
    """Word pairs were counted across cell edges ('... service' + 'Library staff'), so an owner
    repeated on the next row looked like the rest of the one above and vanished."""
    path = write_plan([
        "1\tGive access.\tAgreed\tA timetable was agreed.\tLibrary Manager, county library service\tComplete",
        "\t\t\tLibrary staff will start a reading group.\tLibrary Manager, county library service\t31/3/18",
    ])
    actions = extract(path).recommendations[0].actions
    assert [a.owner for a in actions] == ["Library Manager, county library service"] * 2


def test_issue7_page_furniture_in_tab_text_is_never_content(write_plan):
    banner = "OFFICIAL Some target dates reflect the pace of regime recovery and may change."
    path = write_plan([
        "1\tImprove the regime.\tAgreed\tA core day is published.\tHead of Regime\tComplete",
        "\t\t\tOFFICIAL\t\t",
        "",
        "Page 1 of 2",
        "",
        banner,
        "",
        "\t\t\tProgress against commitments (April 2022)\t\t",
        "\t\t\tThe core day is in place.\tHead of Regime\tCompleted",
        "",
        "Page 2 of 2",
        "",
        banner,
        "",
        "\t\t\tProgress against commitments (April 2022)\t\t",
        "\t\t\tA survey runs each month.\tHead of Regime\tMonthly",
    ])
    actions = extract(path).recommendations[0].actions
    assert [a.text for a in actions] == ["A core day is published.", "The core day is in place.", "A survey runs each month."]
    assert [a.phase.kind.value if a.phase else None for a in actions] == [None, "progress", "progress"]


def test_issue7_a_recommendation_that_opens_like_a_section_row_is_not_one():
    """Section rows name a body ("to the Governor", "to NOMS"); "Recommendations to improve ..." is prose."""
    placed, span = align_cells(["", "Recommendations to improve safety of staff", "", "", "", ""])
    assert span == ()
    assert placed[Column.RECOMMENDATION] == "Recommendations to improve safety of staff"


# -- issue 7: PDFs in real layouts (the layouts themselves: tests/test_pdf_layouts.py) ------------

PDF_HEADER = {"title": "Approved premises", "report": "An inspection of approved premises",
              "published": "12 October 2021", "submitted": "8 December 2021"}


def test_issue7_a_pdf_table_ruled_across_only_is_an_action_plan(tmp_path):
    """A table with horizontal rules and no vertical borders was 'not an action plan' (F1 0.03)."""
    from pdfbuild import Style, build_plan_pdf, sample_plan

    rows = sample_plan(3, 2, words=30)
    plan = extract(build_plan_pdf(tmp_path / "plan.pdf", header=PDF_HEADER, rows=rows, style=Style(borders="horizontal")))
    assert [r.number for r in plan.recommendations] == ["1", "2", "3"]
    assert [len(r.actions) for r in plan.recommendations] == [2, 2, 2]


def test_issue7_a_pdf_owner_wrapped_over_two_lines_is_one_owner(tmp_path):
    """Each line of a PDF cell was a paragraph, so 'Head of Approved / Premises Operations' gave two owners."""
    from pdfbuild import Action, Rec, Span, build_plan_pdf

    owner = "Head of Approved Premises Operations, National Probation Service"
    rows = [Span("HM Prison and Probation Service should:"),
            Rec("1", "Improve the premises.", "Agreed", [Action("A review will be held.", owner, "June 2022")])]
    action = extract(build_plan_pdf(tmp_path / "plan.pdf", header=PDF_HEADER, rows=rows)).recommendations[0].actions[0]
    assert (action.owner, action.owners) == (owner, [owner])


def test_issue7_rules_under_the_action_columns_mark_where_those_columns_start(tmp_path):
    """With the prison template's narrower agreement titles the text gap put the response column's
    edge left of the rules between action rows, so every action's response merged into one."""
    from pdfbuild import LAYOUTS, build_plan_pdf, sample_plan

    rows = sample_plan(2, 3, words=30)
    path = build_plan_pdf(tmp_path / "plan.pdf", header=PDF_HEADER, rows=rows, template="prison",
                          style=LAYOUTS["horizontal-rules-title-row-shaded"])
    assert [len(r.actions) for r in extract(path).recommendations] == [3, 3]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize(
    ("name", "reason"),
    [("page-tree-cycle.pdf", "page tree lists one of its own ancestors"), ("self-drawing-form.pdf", "draws itself")],
)
def test_issue9_structural_loops_are_unreadable_pdfs_not_scans_or_non_plans(tmp_path, name, reason, engine):
    """A page-tree cycle and a self-drawing form were called 'no text layer: run OCR' or 'not an action plan'."""
    import hostile

    from actionplan_ingest.errors import PdfStructureLoop
    from actionplan_ingest.readers.pdf_engines import PdfEngine

    path = hostile.HOSTILE[name](tmp_path)
    with pytest.raises(PdfStructureLoop, match=reason) as info:
        extract(path, pdf_engine=PdfEngine(engine))
    assert info.value.outcome == "pdf_unreadable"

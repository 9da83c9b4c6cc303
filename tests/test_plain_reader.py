"""Stage: plain ``pdftotext`` text -> RawRows (readers/text_plain.py and its plain_* helpers).

The texts below are written the way plain ``pdftotext`` writes a Word table
(the shapes come from ../shared/dev*/*.raw.txt): each block of a cell on
lines of its own and a blank line after it, the column titles one per
block, pages ended by a form feed, and the blocks in ``pdftotext``'s reading
order, not the table's: a page's numbers, recommendation texts and
agreements together after its action rows, an owner's second paragraph
after the page number, a phase label glued to the response under it.
"""
from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

from actionplan_ingest import extract
from actionplan_ingest.errors import NotAnActionPlan
from actionplan_ingest.readers import Content, read
from actionplan_ingest.readers.plain_cells import attach_cells, cell_groups
from actionplan_ingest.readers.plain_kinds import Kind, classify
from actionplan_ingest.readers.plain_pieces import Piece, cut_text
from actionplan_ingest.readers.plain_rows import Row, Typed
from actionplan_ingest.readers.text_plain import sniff
from actionplan_ingest.table.rows import Column

HEADER = [
    ["ACTION PLAN: Testing plain text extractions"],
    ["A Response to: A thematic inspection of drug testing and education in prisons"],
    ["Report Published: 25 February 2021", "Action Plan Submitted: 19th April 2021"],
]
TITLES = [
    ["1.", "Rec", "No"],
    ["2. Recommendation"],
    ["3. Agreed/", "Partly", "Agreed/ Not", "Agreed"],
    ["4. Response Action Taken/Planned"],
    ["5. Responsible Owner"],
    ["6. Target", "Date"],
]
PAGE_ONE = [
    *HEADER,
    *TITLES,
    ["A national schedule for drug testing will be agreed with", "every prison, with random tests each month and further", "tests on suspicion."],
    ["Deputy Director,", "Security Group"],
    ["June 2021"],
    ["Results of every drug test will be recorded on the", "intelligence system and reviewed by the security team", "each week."],
    ["Head of Security"],
    ["Completed and", "monthly"],
    ["Education places will be allocated at induction, using", "assessments of English and maths, so that"],
    ["Head of Learning", "and Skills"],
    ["HM Prison and Probation Service", "should:"],
    ["1"],
    ["2"],
    ["Make sure that drug", "testing is random and", "consistent in every", "prison."],
    ["Improve access to", "education, skills and", "work for all prisoners."],
    ["Agreed"],
    ["Partly Agreed"],
    ["1"],
]
PAGE_TWO = [
    *TITLES,
    ["every prisoner with low literacy is placed on a course", "within two weeks of arrival."],
    ["Vocational workshops will reopen, adding 40 education", "places for prisoners on the older wings."],
    ["Head of Learning", "and Skills"],
    ["31/03/2022"],
    ["2"],
]


def plain_text(*pages: list[list[str]]) -> str:
    """The text plain pdftotext writes for pages of blocks: a blank line after each block,
    a form feed after each page."""
    return "".join("".join("\n".join(block) + "\n\n" for block in page) + "\f" for page in pages)


def write(tmp_path: Path, text: str, name: str = "plan.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def as_json(path: Path) -> dict:
    return json.loads(extract(path).model_dump_json())


# -- the whole reader ------------------------------------------------------------------


def test_plain_plan_is_rebuilt_into_its_rows(tmp_path):
    plan = as_json(write(tmp_path, plain_text(PAGE_ONE, PAGE_TWO)))
    assert plan["source"]["format"] == "plain_text"
    assert plan["source"]["pages"] == 2
    assert plan["title"] == "Testing plain text extractions"
    assert plan["submitted"] == "2021-04-19"
    first, second = plan["recommendations"]
    assert (first["number"], first["addressee"], first["agreement"]) == ("1", "HM Prison and Probation Service", "agreed")
    assert first["text"] == "Make sure that drug testing is random and consistent in every prison."
    assert [(a["owner"], a["target"]["raw"]) for a in first["actions"]] == [
        ("Deputy Director, Security Group", "June 2021"),
        ("Head of Security", "Completed and monthly"),
    ]
    assert (second["number"], second["agreement"]) == ("2", "partly_agreed")
    assert second["text"] == "Improve access to education, skills and work for all prisoners."
    broken, workshops = second["actions"]
    # the response cut by the page's end is whole again; its owner stayed on the first page
    assert broken["text"] == (
        "Education places will be allocated at induction, using assessments of English and maths, "
        "so that every prisoner with low literacy is placed on a course within two weeks of arrival."
    )
    assert (broken["owner"], broken["target"]) == ("Head of Learning and Skills", None)
    assert (workshops["owner"], workshops["target"]["raw"]) == ("Head of Learning and Skills", "31/03/2022")
    assert workshops["source"] == {"page": 2, "line_start": 93, "line_end": 99}


def test_which_rows_belong_to_which_recommendation_is_a_warning(tmp_path):
    plan = as_json(write(tmp_path, plain_text(PAGE_ONE, PAGE_TWO)))
    notes = [w for w in plan["warnings"] if w["code"] == "rows_grouped_by_content"]
    assert [(w["page"], "recommendations 1, 2" in w["message"]) for w in notes] == [(1, True)]


def test_page_numbers_are_not_recommendations(tmp_path):
    # "1" ends page 1 and "2" page 2: the page's own number; the "2" among the
    # numbers of page 1 has a recommendation text to go with it.
    plan = as_json(write(tmp_path, plain_text(PAGE_ONE, PAGE_TWO)))
    assert [rec["number"] for rec in plan["recommendations"]] == ["1", "2"]


@pytest.mark.parametrize("encoding,newline", [("utf-8-sig", "\n"), ("utf-16", "\r\n"), ("utf-8", "\r\n")])
def test_plain_text_reads_the_same_in_every_encoding(tmp_path, encoding, newline):
    text = plain_text(PAGE_ONE, PAGE_TWO)
    reference = as_json(write(tmp_path, text, "a.txt"))
    other = as_json(write(tmp_path, text.replace("\n", newline), "b.txt", encoding))
    assert other["recommendations"] == reference["recommendations"]


def test_text_without_column_titles_is_not_an_action_plan(tmp_path):
    path = write(tmp_path, plain_text([["Minutes of the meeting"], ["Nothing was agreed.", "The meeting closed."]]))
    with pytest.raises(NotAnActionPlan):
        read(path)


# -- telling the text forms apart ------------------------------------------------------


def test_sniff_takes_plain_text_and_leaves_tabs_and_columns(tmp_path):
    plain = plain_text(PAGE_ONE, PAGE_TWO)
    assert sniff(Content(Path("a.txt"), plain.encode()))
    tabbed = plain.replace("\n\n", "\t\n", 3)
    assert not sniff(Content(Path("b.txt"), tabbed.encode()))
    layout = "\n".join(
        f"{n:<4}Make sure that drug      Agreed      A national schedule for drug testing      June 2021"
        for n in range(1, 20)
    )
    assert not sniff(Content(Path("c.txt"), layout.encode()))


def test_tab_separated_text_is_still_read_as_text(tmp_path):
    rows = [
        "1. Rec No\t2. Recommendation\t3. Agreed/ Partly Agreed/ Not Agreed\t4. Response Action Taken/Planned"
        "\t5. Responsible Owner\t6. Target Date",
        "1\tImprove drug testing.\tAgreed\tA schedule will be agreed.\tHead of Security\tJune 2021",
    ]
    assert read(write(tmp_path, "\n".join(["ACTION PLAN: Tabs", *rows]) + "\n")).format == "text"


# -- cutting the text into pieces -------------------------------------------------------


def test_titles_furniture_and_header_are_set_apart():
    page = [
        ["OFFICIAL"],
        ["Actions against target dates are likely to be delayed due to COVID-19 restrictions."],
        *TITLES,
        ["A national schedule for drug testing will be agreed."],
        ["OFFICIAL"],
        ["Page 1 of 2"],
    ]
    second = [row for row in page if row != ["A national schedule for drug testing will be agreed."]]
    second.insert(-2, ["Results will be recorded each week."])
    cut = cut_text(plain_text([["ACTION PLAN: Furniture"]], page, second))
    assert cut is not None
    assert cut.pages == 3
    assert "ACTION PLAN: Furniture" in cut.preamble
    assert [(p.text, p.page) for p in cut.pieces] == [
        ("A national schedule for drug testing will be agreed.", 2),
        ("Results will be recorded each week.", 3),
    ]


def test_a_block_holding_several_cells_is_cut_between_them():
    # pdftotext keeps cells of one column together when no space parts them: an
    # addressee over its number, a phase label over the response under it.
    page = [*TITLES, ["The Ministry of Justice should:", "4"], ["Action Plan commitments (May 2021)", "Analysts will scope the data."]]
    cut = cut_text(plain_text(page))
    assert [(p.text, p.glued) for p in cut.pieces] == [
        ("The Ministry of Justice should:", False),
        ("4", True),
        ("Action Plan commitments (May 2021)", False),
        ("Analysts will scope the data.", True),
    ]


def test_a_day_over_its_month_is_a_date_not_a_number():
    # a target wrapped in a narrow column puts the day on a line of its own
    cut = cut_text(plain_text([*TITLES, ["Head of Security"], ["30", "Septemb", "er 2021"], ["4", "Make sure that"]]))
    assert [p.text for p in cut.pieces] == ["Head of Security", "30 Septemb er 2021", "4", "Make sure that"]


# -- what each piece is ----------------------------------------------------------------


def kinds_of(blocks: list[list[str]]) -> list[tuple[str, Kind]]:
    pieces, kinds = classify(cut_text(plain_text([*TITLES, *blocks])).pieces)
    return [(piece.text, kind) for piece, kind in zip(pieces, kinds)]


def test_pieces_are_judged_by_content_and_by_the_width_their_lines_run():
    wide = ["Results of every drug test will be recorded on the", "intelligence system and reviewed by the security team", "each week."]
    narrow = ["Make sure that drug", "testing is random and", "consistent in every", "prison."]
    kinds = dict(kinds_of([
        ["S12"], narrow, ["Partly accepted"], wide, ["Library Manager, county", "library service"],
        ["In place and", "ongoing"], ["N/A"], ["Progress against commitments (June 2022)"],
        ["Recommendations to NOMS"],
    ]))
    assert kinds == {
        "S12": Kind.NUMBER,
        " ".join(narrow): Kind.RECOMMENDATION,
        "Partly accepted": Kind.AGREEMENT,
        " ".join(wide): Kind.RESPONSE,
        "Library Manager, county library service": Kind.OWNER,
        "In place and ongoing": Kind.TARGET,
        "N/A": Kind.TARGET,
        "Progress against commitments (June 2022)": Kind.PHASE,
        "Recommendations to NOMS": Kind.SPAN,
    }


def test_lines_of_another_column_woven_into_a_cell_are_set_apart():
    # pdftotext reads two cells side by side line by line when their columns run close.
    kinds = kinds_of([[
        "National Probation Service staff have access to Microsoft",
        "Deputy Director for Business",
        "Teams, the preferred platform for most agencies in the",
        "Strategy & Change, HMPPS",
        "Criminal Justice sector and the majority of their partners.",
    ], ["Make sure that every woman", "Agreed", "under supervision has her", "needs assessed."]])
    assert kinds == [
        ("National Probation Service staff have access to Microsoft Teams, the preferred platform for most "
         "agencies in the Criminal Justice sector and the majority of their partners.", Kind.RESPONSE),
        ("Deputy Director for Business Strategy & Change, HMPPS", Kind.OWNER),
        ("Make sure that every woman under supervision has her needs assessed.", Kind.RECOMMENDATION),
        ("Agreed", Kind.AGREEMENT),
    ]


def test_a_line_joined_at_a_hyphen_does_not_make_a_recommendation_wide():
    # "self-" + "harm should be cared for": pdftotext joins the next line to a line ending in a hyphen.
    wide = [["A quality check of five open ACCT documents will be", "completed each week by the Head of Safety or a", "deputy."]] * 3
    rec = ["Prisoners at risk of", "selfharm should be cared for by staff", "who know them and", "support them."]
    kinds = dict(kinds_of([*wide, rec]))
    assert kinds[" ".join(rec)] is Kind.RECOMMENDATION


# -- owners and targets to their rows --------------------------------------------------


def typed(kind: Kind, text: str, order: int, glued: bool = False) -> Typed:
    return Typed(Piece((text,), (order + 1,), 1, glued), kind, order)


def test_cells_written_before_a_response_under_a_phase_label_go_to_it():
    # dev-women-probation p.5: the owner and target of the row under a phase
    # label come before the label, which pdftotext reads with the response.
    items = [
        typed(Kind.RESPONSE, "Funding has been agreed.", 0),
        typed(Kind.OWNER, "Head of Accommodation Policy", 1),
        typed(Kind.TARGET, "31/03/2022", 2),
        typed(Kind.OWNER, "Deputy Director, Data", 3),
        typed(Kind.TARGET, "June 2021", 4),
        typed(Kind.PHASE, "Progress against commitments (June 2022)", 5),
        typed(Kind.RESPONSE, "Fifty-two of the 60 bed spaces were open by March 2022.", 6, glued=True),
    ]
    funding = Row([items[0].piece], 0)
    fifty_two = Row([items[6].piece], 5)  # read from where its block starts: the phase label
    placements = attach_cells(cell_groups(items), [funding, fifty_two])
    assert [p.text for p in funding.owners + funding.targets] == ["Head of Accommodation Policy", "31/03/2022"]
    assert [p.text for p in fifty_two.owners + fifty_two.targets] == ["Deputy Director, Data", "June 2021"]
    assert [placement.cost > 0 for placement in placements] == [False, True]


def test_a_second_paragraph_after_the_page_number_joins_the_row_above():
    # dev-electronic-monitoring p.4: "Deputy Director, Probation Practice" and a second
    # "March 2022" are the second paragraphs of the last row's cells.
    items = [
        typed(Kind.RESPONSE, "A data sharing agreement has been drafted.", 0),
        typed(Kind.OWNER, "Head of Probation Data Services", 1),
        typed(Kind.TARGET, "End of March 2021", 2),
        typed(Kind.RESPONSE, "The pilots began in April 2021.", 3),
        typed(Kind.OWNER, "Deputy Director, Electronic Monitoring", 4),
        typed(Kind.TARGET, "March 2022", 5),
        typed(Kind.OWNER, "Deputy Director, Probation Practice", 7),
        typed(Kind.TARGET, "March 2022", 8),
    ]
    first, last = Row([items[0].piece], 0), Row([items[3].piece], 3)
    attach_cells(cell_groups(items), [first, last])
    assert [p.text for p in last.owners] == ["Deputy Director, Electronic Monitoring", "Deputy Director, Probation Practice"]
    assert [p.text for p in first.targets] == ["End of March 2021"]


def test_a_second_paragraph_naming_the_next_rows_owner_goes_to_the_row_above():
    # The second paragraph of a two-owner cell read after the next row's response, just before
    # that row's own owner, who is the same post: one cell rarely names a post twice.
    items = [
        typed(Kind.RESPONSE, "Visits will be booked online from the spring.", 0),
        typed(Kind.OWNER, "Head of Family Services", 1),
        typed(Kind.TARGET, "April 2022", 2),
        typed(Kind.RESPONSE, "Visitors will be asked about the new booking system.", 3),
        typed(Kind.OWNER, "Head of Visits", 4),
        typed(Kind.OWNER, "Head of Visits.", 6),
        typed(Kind.TARGET, "Completed", 7),
    ]
    first, second = Row([items[0].piece], 0), Row([items[3].piece], 3)
    placements = attach_cells(cell_groups(items), [first, second])
    assert [p.text for p in first.owners] == ["Head of Family Services", "Head of Visits"]
    assert [p.text for p in second.owners] == ["Head of Visits."]
    assert [(placement.row is first, placement.cost > 0) for placement in placements] == [
        (True, False), (True, True), (False, False)
    ]


PAGE_END_PARAGRAPH = [
    *HEADER,
    *TITLES,
    ["Searches of visitors will be increased, with a body scanner", "in reception and dogs on every visits session. Results",
     "will be shared with the police each month, and the", "security meeting will review them."],
    ["Head of Security"],
    ["June 2021"],
    ["Healthcare staff will attend every review of a prisoner at", "risk, and their attendance will be checked weekly."],
    ["Head of Safety"],
    ["Completed"],
    ["A revised core day will give prisoners in full-time", "activity more time out of their cells, and will be"],
    ["Head of Residence"],
    ["Q3 2021"],
    ["Head of Healthcare,", "Health Partnership"],  # the first row's second owner, set at the page's end
    ["HM Prison and Probation Service", "should:"],
    ["1"],
    ["Make sure that prisons", "are safe and decent."],
    ["Agreed"],
    ["1"],
]


def test_a_paragraph_set_at_the_page_end_goes_to_the_page_first_row(tmp_path):
    # The last row runs on to the next page, so its cells on this page run no more lines than
    # its two-line response: the two-line owner read after its own cannot be its.
    plan = as_json(write(tmp_path, plain_text(PAGE_END_PARAGRAPH, [*TITLES, ["reviewed after three months."], ["2"]])))
    assert [a["owner"] for a in plan["recommendations"][0]["actions"]] == [
        "Head of Security Head of Healthcare, Health Partnership", "Head of Safety", "Head of Residence"
    ]
    notes = [w for w in plan["warnings"] if w["code"] == "cell_placed_by_order"]
    assert [w["page"] for w in notes] == [1]
    assert "'Head of Healthcare, Health Partnership' was read at the page's end" in notes[0]["message"]


def test_a_later_paragraph_the_cut_row_can_hold_stays_with_it():
    # The same shape, but the last row's response runs three lines on the page: room for both owners.
    items = [
        typed(Kind.RESPONSE, "Searches of visitors will be increased.", 0),
        typed(Kind.OWNER, "Head of Security", 1),
        typed(Kind.TARGET, "June 2021", 2),
        Typed(Piece(
            ("A revised core day will give prisoners", "in full-time activity more time out of", "their cells, and will be"),
            (4, 5, 6), 1,
        ), Kind.RESPONSE, 3),
        typed(Kind.OWNER, "Head of Residence", 7),
        typed(Kind.TARGET, "Q3 2021", 8),
        Typed(Piece(("Head of Healthcare,", "Health Partnership"), (11, 12), 1), Kind.OWNER, 10),
    ]
    first, last = Row([items[0].piece], 0), Row([items[3].piece], 3)
    placements = attach_cells(cell_groups(items), [first, last])
    assert [p.text for p in last.owners] == ["Head of Residence", "Head of Healthcare, Health Partnership"]
    assert [p.text for p in first.owners] == ["Head of Security"]
    assert not any(placement.group.page_end for placement in placements)


# -- the shared dev plans (skipped without ../shared) ------------------------------------


def _score_module(shared_dir: Path) -> dict:
    return runpy.run_path(str(shared_dir / "tools" / "score.py"))


@pytest.mark.parametrize("folder", ["dev", "dev2"])
def test_shared_plain_texts_score_at_least_ninety(shared_dir, folder):
    score = _score_module(shared_dir)
    total = score["Tally"]()
    for path in sorted((shared_dir / folder).glob("*.raw.txt")):
        plan = as_json(path)
        assert plan["source"]["format"] == "plain_text"
        gold = json.loads(path.with_name(path.name.replace(".raw.txt", ".json")).read_text(encoding="utf-8"))
        assert [r["number"] for r in plan["recommendations"]] == [r["number"] for r in gold["recommendations"]]
        total.merge(score["score_doc"](gold, plan))
    f1 = score["f1"](*total.total())[0]
    assert f1 >= 0.90


@pytest.mark.parametrize("folder", ["dev", "dev2"])
def test_shared_plain_texts_name_lines_within_their_page(shared_dir, folder):
    for path in sorted((shared_dir / folder).glob("*.raw.txt")):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        page_of, page = [], 1
        for line in lines:
            page += line.count("\f")  # a form feed opens the page its line belongs to
            page_of.append(page)
        for rec in as_json(path)["recommendations"]:
            for action in rec["actions"]:
                source = action["source"]
                assert 1 <= source["line_start"] <= source["line_end"] <= len(lines)
                assert page_of[source["line_start"] - 1] == source["page"], (path.name, source)


def test_other_forms_of_the_shared_plans_are_not_read_as_plain(shared_dir):
    for path in sorted(shared_dir.glob("dev*/*.txt")):
        content = Content(path, path.read_bytes())
        assert sniff(content) == path.name.endswith(".raw.txt"), path.name


def test_placed_cells_and_grouped_rows_are_warned(shared_dir):
    codes = {w["code"] for w in as_json(shared_dir / "dev" / "dev-women-probation.raw.txt")["warnings"]}
    assert {"cell_placed_by_order", "rows_grouped_by_content"} <= codes


def test_cells_are_in_their_columns(shared_dir):
    document = read(shared_dir / "dev2" / "dev2-kellingford-2021.raw.txt")
    numbered = [row for row in document.rows if row.cell(Column.NUMBER)]
    assert all(row.cell(Column.AGREEMENT) and row.cell(Column.RECOMMENDATION) for row in numbered)
    assert not any(row.cell(Column.OWNER) for row in document.rows if row.span)


def test_pages_numbered_from_after_a_cover_lose_their_numbers(tmp_path):
    # The printed numbers run one behind the form feeds: "1" ends the table's
    # first page (the second in the file), "2" the next.
    cover = [*HEADER, ["Introduction to the plan."]]
    first = [page for page in PAGE_ONE if page not in HEADER]
    first[-1] = ["1"]
    second = [*PAGE_TWO[:-1], ["2"]]
    plan = as_json(write(tmp_path, plain_text(cover, first, second)))
    assert [rec["number"] for rec in plan["recommendations"]] == ["1", "2"]
    assert plan["source"]["pages"] == 3


def test_without_form_feeds_the_repeated_titles_open_the_pages(tmp_path):
    # A copy from a PDF viewer has no form feeds; the column titles repeated on every page still
    # mark where one page ends, so a cell broken over a page is joined again.
    text = plain_text(PAGE_ONE, PAGE_TWO).replace("\f", "")
    plan = as_json(write(tmp_path, text))
    assert plan["source"]["pages"] == 2
    broken = plan["recommendations"][1]["actions"][0]
    assert broken["text"].endswith("within two weeks of arrival.")
    assert broken["source"]["page"] == 1


def test_a_page_with_no_end_is_read_in_reasonable_time(tmp_path):
    # No form feeds and no repeated titles: the whole table is one page; the searches are bounded.
    rows = []
    for n in range(1, 121):
        rows += [
            [f"Action {n} will be delivered by the team, with progress reported to the board", "every month."],
            ["Head of Delivery"], ["June 2021"], [str(n)], [f"Make sure that item {n}", "is delivered."], ["Agreed"],
        ]
    plan = as_json(write(tmp_path, plain_text([*HEADER, *TITLES, *rows]).replace("\f", "")))
    assert len(plan["recommendations"]) == 120
    assert all(rec["agreement"] == "agreed" for rec in plan["recommendations"])


def test_lines_run_in_from_another_column_are_a_warning(tmp_path):
    woven = [
        "A national schedule for drug testing will be agreed with",
        "Deputy Director,",
        "every prison, with random tests each month and further",
        "Security Group",
        "tests on suspicion.",
    ]
    page = [block if block[0] != PAGE_ONE[9][0] else woven for block in PAGE_ONE]
    page.remove(["Deputy Director,", "Security Group"])
    plan = as_json(write(tmp_path, plain_text(page, PAGE_TWO)))
    first = plan["recommendations"][0]["actions"][0]
    assert first["text"].startswith("A national schedule for drug testing will be agreed with every prison")
    assert first["owner"] == "Deputy Director, Security Group"
    notes = [w for w in plan["warnings"] if w["code"] == "cells_interwoven"]
    assert len(notes) == 1 and "lines 27, 29" in notes[0]["message"]


def test_a_copy_without_blank_lines_is_cut_line_by_line(tmp_path):
    # A copy from a viewer keeps the line breaks but not the blank lines after each block: cells
    # are told apart by what their lines hold. Two responses in a row, the first ending a sentence
    # at a line's end, cannot be (page two); every other cell here is.
    text = plain_text(PAGE_ONE, PAGE_TWO)
    blankless = "\n".join(line for line in text.split("\n") if line.strip())
    reference = as_json(write(tmp_path, text, "a.txt"))
    plan = as_json(write(tmp_path, blankless, "b.txt"))
    assert plan["source"]["format"] == "plain_text"
    assert [(r["number"], r["agreement"], r["text"]) for r in plan["recommendations"]] == [
        (r["number"], r["agreement"], r["text"]) for r in reference["recommendations"]
    ]
    actions = [(a["text"], a["owner"], a["target"]) for r in plan["recommendations"] for a in r["actions"]]
    expected = [(a["text"], a["owner"], a["target"]) for r in reference["recommendations"] for a in r["actions"]]
    assert actions[:2] == expected[:2]
    assert len(actions) == len(expected) - 1


def test_a_progress_row_the_text_left_apart_goes_before_the_responses_that_report_progress():
    # dev2-approved-premises p.3: pdftotext read the progress row after the page's last owner and
    # target; the responses that report what happened follow it in the table.
    from actionplan_ingest.readers.plain_phases import place_phase_rows
    from actionplan_ingest.readers.plain_rows import Rec

    def row(order: int, text: str, target: str = "") -> Row:
        built = Row([Piece((text,), (order,), 3)], order)
        built.targets = [Piece((target,), (order + 1,), 3)] if target else []
        return built

    label = Row([Piece(("Progress against commitments (November 2022)",), (40,), 3)], 40, Kind.PHASE, anchored=False)
    rows = [
        row(10, "Night cover: a risk assessment will be completed for every premises.", "June 2022"),
        row(20, "Risk assessments have been completed for all 100 premises.", "Completed and June 2022"),
        row(30, "Recruitment to the new night posts is under way.", "Ongoing"),
        label,
    ]
    rec = Rec(Piece(("2",), (1,), 3), 0, rows=list(rows))
    rec.lead = Piece(("Action Plan commitments (December 2021)",), (2,), 3)
    notes = place_phase_rows([rec], 3)
    assert [r.text[:12] for r in rec.rows] == ["Night cover:", "Progress aga", "Risk assessm", "Recruitment "]
    assert [note.code for note in notes] == ["phase_row_placed"]


# -- pages read in column blocks --------------------------------------------------------
# pdftotext may read a Word table's page as two blocks: columns 1-3 (their titles, the
# numbers, texts and agreements, the page's footer) down the whole page, then columns 4-6
# with their own titles.
LEFT_TITLES, RIGHT_TITLES = TITLES[:3], TITLES[3:]
LEFT_BLOCK = [
    ["The Lighthouse Board should:"],
    ["1"],
    ["Make sure that every", "harbour keeps a", "written tide log."],
    ["Agreed"],
    ["2"],
    ["Publish the annual", "harbour safety figures."],
    ["Partly Agreed"],
    ["OFFICIAL"],
]


TIDE_LOG = ["A tide log template will be issued to every harbour master and", "checked at each quarterly inspection visit."]
FIGURES = ["The safety figures will be published each autumn on the board's", "website, with the regional breakdown in an annex."]
TIDE_CELLS = [["Harbour Master,", "Northern Region"], ["March 2024"]]
FIGURES_CELLS = [["Head of Statistics"], ["Completed"]]
ROWS_READ = [("A tide log t", "Harbour Master, Northern Region", "March 2024"), ("The safety f", "Head of Statistics", "Completed")]


def in_blocks(right: list[list[str]]) -> str:
    """A plan's text whose first page pdftotext read in column blocks, the right block's blocks as given."""
    second = [*TITLES, ["3"], ["Train every harbour", "master in tide logs."], ["Agreed"], ["Training will start in May."]]
    return plain_text([*HEADER, *LEFT_TITLES, *LEFT_BLOCK, *RIGHT_TITLES, *right], second)


def read_in_blocks(tmp_path: Path, right: list[list[str]]) -> dict:
    return as_json(write(tmp_path, in_blocks(right)))


def rows_read(plan: dict) -> list[tuple[str, str, str]]:
    """Response start, owner and target of the first two recommendations' actions."""
    return [(a["text"][:12], a["owner"], a["target"]["raw"]) for r in plan["recommendations"][:2] for a in r["actions"]]


def test_column_titles_in_pieces_open_the_table(tmp_path):
    plan = read_in_blocks(tmp_path, [TIDE_LOG, *TIDE_CELLS, FIGURES, *FIGURES_CELLS])
    recs = plan["recommendations"]
    assert [(r["number"], r["agreement"]) for r in recs] == [("1", "agreed"), ("2", "partly_agreed"), ("3", "agreed")]
    assert recs[0]["text"] == "Make sure that every harbour keeps a written tide log."
    assert rows_read(plan) == ROWS_READ
    notes = [w for w in plan["warnings"] if w["code"] == "columns_read_as_blocks"]
    assert [w["page"] for w in notes] == [1]


def test_a_lone_title_before_the_table_does_not_open_it():
    # a title row read in pieces opens with two titles one after another
    page = [["Recommendation"], ["The board met in June."], *TITLES[1:3], *LEFT_BLOCK, *RIGHT_TITLES, ["Completed"]]
    cut = cut_text(plain_text([*HEADER, *page]))
    assert cut is not None and "The board met in June." in cut.preamble


def test_cells_after_every_response_go_to_the_rows_in_their_order(tmp_path):
    # the right block may hold every response first, then each row's owner and target
    plan = read_in_blocks(tmp_path, [TIDE_LOG, FIGURES, *TIDE_CELLS, *FIGURES_CELLS])
    assert rows_read(plan) == ROWS_READ
    notes = [w for w in plan["warnings"] if w["code"] == "cell_placed_by_order"]
    assert [(w["page"], "given to the rows in their order" in w["message"]) for w in notes] == [(1, True)]


def test_responses_run_together_in_a_column_block_are_cut_at_a_sentence_end(tmp_path):
    # two responses as one block, no blank line between them; two rows' cells after them
    plan = read_in_blocks(tmp_path, [[*TIDE_LOG, *FIGURES], *TIDE_CELLS, *FIGURES_CELLS])
    assert rows_read(plan) == ROWS_READ
    notes = [w for w in plan["warnings"] if w["code"] == "rows_run_together"]
    assert [(w["page"], "'The safety figures" in w["message"]) for w in notes] == [(1, True)]


def test_without_form_feeds_the_right_columns_titles_do_not_open_a_page(tmp_path):
    # a copy with no form feeds is paged by its repeated titles; those of the right columns go on
    # with the left columns' titles above them, on the same page
    text = in_blocks([TIDE_LOG, *TIDE_CELLS, FIGURES, *FIGURES_CELLS]).replace("\f", "")
    plan = as_json(write(tmp_path, text))
    assert plan["source"]["pages"] == 2
    assert [r["number"] for r in plan["recommendations"]] == ["1", "2", "3"]
    assert rows_read(plan) == ROWS_READ

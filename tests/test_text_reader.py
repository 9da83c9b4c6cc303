"""Stage: tab-separated text extractions -> RawRows (readers/text.py).

The line shapes below are taken from the published seeds (shortened): the
extraction drops empty cells unpredictably, so cells must land in their
column by what they hold.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from actionplan_ingest.errors import EmptyInput, NotAnActionPlan, NotText
from actionplan_ingest.readers import read
from actionplan_ingest.table.placement import align_cells
from actionplan_ingest.table.rows import Column

RESPONSE = (
    "A strategy to manage the backlog in relation to Unpaid Work (UPW) completion has been developed. "
    "All UPW requirements with outstanding hours have been categorised."
)
OWNER = "Probation Deputy Director, Courts,"
TARGET = "Completed (to be reviewed monthly)"


def placed(line: str) -> dict[Column, str]:
    """The non-empty columns a line's cells land in."""
    cells, span = align_cells(line.split("\t"))
    assert len(cells) == len(Column)
    assert span == ()
    return {Column(i): text for i, text in enumerate(cells) if text}


def test_six_cells_keep_their_positions():
    line = "\t".join(["1", "Work with probation providers to manage backlogs.", "Agreed", RESPONSE, OWNER, TARGET])
    assert placed(line) == {
        Column.NUMBER: "1",
        Column.RECOMMENDATION: "Work with probation providers to manage backlogs.",
        Column.AGREEMENT: "Agreed",
        Column.RESPONSE: RESPONSE,
        Column.OWNER: OWNER,
        Column.TARGET: TARGET,
    }


def test_three_cells_without_leading_tabs_are_response_owner_target():
    # 001 l.82: a page whose lines lost their leading tabs.
    line = "\t".join([RESPONSE, "Deputy Director,", "Completed"])
    assert placed(line) == {Column.RESPONSE: RESPONSE, Column.OWNER: "Deputy Director,", Column.TARGET: "Completed"}


def test_four_cells_with_the_agreement_column_missing():
    # 001 l.76: recommendation text continued, then response, owner; the target cell is empty.
    rec = "remote service delivery options to support face-to-face contact."
    response = "HMPPS <i>Insights Group</i> with support from the MoJ Implementation Unit has been established."
    line = "\t".join([rec, response, "Recovery Programme", ""])
    assert placed(line) == {Column.RECOMMENDATION: rec, Column.RESPONSE: response, Column.OWNER: "Recovery Programme"}


def test_four_cells_with_one_leading_tab():
    # 001 l.35-38: one empty cell, then response, owner, target.
    line = "\t".join(["", RESPONSE, "Deputy Director, Probation Business Recovery Programme", "Completed"])
    assert placed(line) == {
        Column.RESPONSE: RESPONSE,
        Column.OWNER: "Deputy Director, Probation Business Recovery Programme",
        Column.TARGET: "Completed",
    }


@pytest.mark.parametrize("cut", ["ary 2021", "ember 2020"])
def test_two_cells_whose_second_is_a_cut_date(cut):
    # 001 l.31: the tail of a row whose start was lost; its target cut at the cell edge.
    text = "by the Lord Chancellor and programmes have been reinstated in accordance with this."
    assert placed(f"{text}\t{cut}") == {Column.RESPONSE: text, Column.TARGET: cut}


def test_response_cut_at_a_word_with_a_cut_date_is_not_a_span():
    text = "by the Lord Chancellor and programmes have been reinstated in"
    assert placed(f"{text}\tary 2021") == {Column.RESPONSE: text, Column.TARGET: "ary 2021"}


def test_six_cells_shifted_by_two_leading_tabs_with_a_trailing_empty_cell():
    # 001 l.59: response, owner and target sit one tab early; the last cell is empty.
    owner = "Divisional Director for Business Strategy & Change Divisional Director for Service Design"
    line = "\t".join(["", "", RESPONSE, owner, "Completed June 2021", ""])
    assert placed(line) == {Column.RESPONSE: RESPONSE, Column.OWNER: owner, Column.TARGET: "Completed June 2021"}


def test_page_number_remnants_are_dropped():
    # 000 l.37: page numbers left in columns 2-3 in front of a phase row.
    line = "\t1\t1\tProgress against commitments (April 2022)\t\t"
    assert placed(line) == {Column.RESPONSE: "Progress against commitments (April 2022)"}


def test_a_continuation_with_owner_and_target_fragments():
    # 000 l.48: text, owner and target all continue the row broken over the page.
    line = "\t".join([
        "that these strategies have been put in place at a local level.",
        "Director Strategic Support, Administration & Assurance.",
        "reviewed monthly",
    ])
    assert placed(line) == {
        Column.RESPONSE: "that these strategies have been put in place at a local level.",
        Column.OWNER: "Director Strategic Support, Administration & Assurance.",
        Column.TARGET: "reviewed monthly",
    }


def test_recommendation_continued_under_its_number():
    # 000 l.81: the recommendation's text continues in column 2 beside a new action.
    line = "\t".join([
        "",
        "effectiveness of alternative delivery arrangements for accredited programmes.",
        "",
        "Commencing by May 2021, the National Effective Interventions Panel will review the evidence.",
        "Deputy Director, Reducing Reoffending",
        "May 2021 and ongoing.",
    ])
    got = placed(line)
    assert got[Column.RECOMMENDATION].startswith("effectiveness of alternative")
    assert got[Column.RESPONSE].startswith("Commencing by May 2021")
    assert got[Column.OWNER] == "Deputy Director, Reducing Reoffending"
    assert got[Column.TARGET] == "May 2021 and ongoing."
    assert Column.AGREEMENT not in got


@pytest.mark.parametrize(
    ("cells", "span"),
    [
        # 000 l.25: an addressee row cut into fake columns.
        (
            ["Her N", "Majesty's Prison and Pro", "bation Ser", "vice, together with the CRCs, should:", "", ""],
            ("Her N", "Majesty's Prison and Pro", "bation Ser", "vice, together with the CRCs, should:"),
        ),
        # 001 l.25: an addressee row one tab in.
        (["", "HM Prison and Probation Service should:", "", "", "", ""], ("HM Prison and Probation Service should:",)),
        # A section row of an older prison plan, cut mid-word.
        (["Main R", "ecommendations to the G", "overnor"], ("Main R", "ecommendations to the G", "overnor")),
    ],
)
def test_spanning_rows_are_returned_as_span_pieces(cells, span):
    column_cells, got_span = align_cells(cells)
    assert got_span == span
    assert all(cell == "" for cell in column_cells)


def test_spanning_row_run_together_with_a_continuation():
    # 000 l.93: "Com|munity Rehabilitation Co|ompanies s" then the tail of the row above.
    cells = ["Com", "munity Rehabilitation Co", "ompanies s", "as part of ongoing evaluation plans.", "Team.", ""]
    column_cells, span = align_cells(cells)
    assert span == ("Com", "munity Rehabilitation Co", "ompanies s")
    assert column_cells[Column.RESPONSE] == "as part of ongoing evaluation plans."
    assert column_cells[Column.OWNER] == "Team."
    assert column_cells[Column.NUMBER] == ""


def test_more_than_six_cells_keep_the_extra_in_the_last_column():
    cells = ["2", "Recommendation text here.", "Agreed", RESPONSE, "Chief Probation Officer", "June", "2021"]
    column_cells, _ = align_cells(cells)
    assert column_cells[Column.NUMBER] == "2"
    assert column_cells[Column.TARGET] == "June 2021"


# -- read (tab-separated text) -------------------------------------------------------------------------


def _row(number, rec, agreement, response, owner, target) -> str:
    return "\t".join([number, rec, agreement, response, owner, target])


def test_read_text_rows_lines_and_page_tops(write_plan, header_lines):
    path = write_plan([
        "\tHM Prison and Probation Service should:\t\t\t\t",
        _row("1", "Improve the testing of plans.", "Agreed", "A new suite has been written.", "Head of Testing", "June 2021"),
        "",
        "\t\t\tThe suite has been reviewed by the team.\tHead of Quality\tCompleted",
        "\t2\t\t2",
        "\t\t\tA further review will follow.\tHead of Quality\tMarch 2022",
        "\t\t\tAnother row on the same page.\tHead of Quality\tApril 2022",
    ])
    document = read(path)
    title_line = len(header_lines) + 1
    assert document.format == "text"
    assert document.file == "plan.txt"
    assert document.pages is None
    assert len(document.sha256) == 64
    assert document.preamble[0].startswith("ACTION PLAN:")
    assert len(document.preamble) == len(header_lines)

    rows = document.rows
    assert [r.line_start for r in rows] == [title_line + n for n in (1, 2, 4, 6, 7)]
    assert all(r.line_start == r.line_end for r in rows)
    assert [r.page_top for r in rows] == [False, False, True, True, False]
    assert rows[0].span == ("HM Prison and Probation Service should:",)
    assert rows[1].cell(Column.NUMBER) == "1"
    assert rows[2].cell(Column.RESPONSE) == "The suite has been reviewed by the team."
    assert rows[3].cell(Column.TARGET) == "March 2022"


def test_read_text_repeated_title_row_is_a_page_break(write_plan, plan_text):
    title = plan_text([]).rstrip("\n").split("\n")[-1]
    path = write_plan([
        _row("1", "Improve the testing.", "Agreed", "A suite has been written.", "Head of Testing", "June 2021"),
        title,
        "\t\t\tThe suite is reviewed.\tHead of Quality\tCompleted",
    ])
    rows = read(path).rows
    assert len(rows) == 2
    assert rows[1].page_top


def test_read_text_accepts_crlf_and_a_byte_order_mark(tmp_path, plan_text):
    text = plan_text([_row("1", "Improve the testing.", "Agreed", "A suite has been written.", "Head of Testing", "June 2021")])
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    document = read(path)
    assert document.rows[0].cell(Column.TARGET) == "June 2021"
    assert document.preamble[0].startswith("ACTION PLAN:")


def test_read_text_accepts_cp1252(tmp_path, plan_text):
    text = plan_text([_row("1", "Fund it.", "Agreed", "A further \u00a393 million has been awarded.", "Head of Finance", "June 2021")])
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode("cp1252"))
    rows = read(path).rows
    assert rows[0].cell(Column.RESPONSE) == "A further \u00a393 million has been awarded."


def test_read_text_without_a_title_row_is_not_an_action_plan(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Minutes of the meeting\n\nItem 1\tDiscussed the budget\tAgreed\n", encoding="utf-8")
    with pytest.raises(NotAnActionPlan) as info:
        read(path)
    assert info.value.path == str(path)


def test_read_text_title_row_without_rows_is_not_an_action_plan(write_plan):
    path = write_plan(["", "\t1\t\t1", ""])
    with pytest.raises(NotAnActionPlan):
        read(path)


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n"])
def test_read_text_empty(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyInput):
        read(path)


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02binary\x00data\xff\xfe" * 20,
        b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4,  # gzip-like
        "1. Rec No\t2. Recommendation".encode("utf-16-le"),  # NULs between the characters, and no byte-order mark
    ],
)
def test_read_text_binary(tmp_path, data):
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    with pytest.raises(NotText):
        read(path)


def test_read_dispatches_text_by_content_not_name(tmp_path, plan_text):
    path = tmp_path / "plan.dat"
    path.write_text(plan_text([_row("1", "Improve.", "Agreed", "A suite has been written.", "Head of Testing", "June 2021")]))
    assert read(Path(path)).format == "text"


def test_garbled_should_still_ends_a_cut_spanning_row():
    cells, span = align_cells(["Com", "munity Rehabilitation Co", "mpanies s", "hhould:", "", ""])
    assert span and not any(cells)


@pytest.mark.parametrize("fragment", ["court or the Parole Board.", "including through monthly Regional Recovery Boards."])
def test_lower_case_prose_fragment_is_response_not_owner(fragment):
    cells, _ = align_cells([fragment, "", ""])
    assert cells[Column.RESPONSE] == fragment and not cells[Column.OWNER]

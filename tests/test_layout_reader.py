"""Stage: ``pdftotext -layout`` text extractions -> RawRows -> plan (readers/text_layout.py).

The texts are written here the way pdftotext writes them: each cell's lines
stacked at its column's character position, text pushed one space right of
the column before when a column is too tight, a form feed ending each page,
and every page shifted so its leftmost text starts at position 0. Shapes are
taken from the dev plans' layout texts (shortened). Tests over the dev plans
themselves need ../shared; a round trip through pdftotext needs poppler.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from actionplan_ingest import extract
from actionplan_ingest.errors import NotAnActionPlan
from actionplan_ingest.readers import Content, read, text_layout
from actionplan_ingest.table.rows import Column

STARTS = (0, 7, 35, 49, 110, 134)  # where the six columns start on a landscape page
TITLE = (
    "1.     2. Recommendation           3. Agreed/    4. Response Action Taken/Planned                             5. Responsible Owner    6. Target",
    "Rec                                Partly                                                                     (including named        Date",
    "No                                 Agreed/ Not                                                                individuals and their",
    "                                   Agreed                                                                     functional role or",
    "                                                                                                              department)",
)
HEADER = (
    "ACTION PLAN: Probation services for women",
    "",
    "A Response to: A thematic inspection of probation services for women",
    "",
    "Report Published: 9th March 2021",
    "",
    "Action Plan Submitted: 4th May 2021",
    "",
    "Term                                                Definition                                           Additional comment",
    "Agreed                                              The whole recommendation is accepted and can         The response explains how",
    "",
)


def cells(*columns: str, starts: Sequence[int] = STARTS) -> list[str]:
    """One table row as pdftotext lays it out: each cell's lines ("\\n") stacked in its column,
    pushed one space right of the text before it where the column is too tight."""
    stacked = [column.split("\n") if column else [] for column in columns]
    lines = []
    for i in range(max(len(c) for c in stacked)):
        text = ""
        for start, column in zip(starts, stacked):
            if i < len(column) and column[i]:
                text = (text.ljust(start) if len(text) < start or not text else text + " ") + column[i]
        lines.append(text.rstrip())
    return lines


def page_footer(number: int, pages: int) -> list[str]:
    return ["", f"{'':>130}Page {number} of {pages}", f"{'':>70}OFFICIAL"]


def new_page(lines: Sequence[str]) -> list[str]:
    """A page's lines after a page break: pdftotext writes the form feed before its first line."""
    return ["\f" + lines[0], *lines[1:]]


def write(tmp_path: Path, lines: Sequence[str], name: str = "plan.layout.txt", *, unicode_text: bool = False) -> Path:
    """The lines as a file: UTF-8, or (``unicode_text``) UTF-16 with its byte-order mark and CRLF, as Word saves it."""
    path = tmp_path / name
    text = "\n".join(lines)
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-16") if unicode_text else text.encode("utf-8"))
    return path


def plan_json(path: Path) -> dict:
    return json.loads(extract(path).model_dump_json())


# Two pages: the title row repeated on the second, a response cell broken over the page.
TWO_PAGES = [
    *HEADER,
    *TITLE,
    "Her Majesty's Prison and Probation Service should:",
    *cells(
        "1", "Make sure that every\nwoman under\nsupervision has her\nneeds assessed.", "Agreed",
        "Action Plan commitments (May 2021)\nA review of the reporting centres has been\ncommissioned.",
        "Deputy Director,\nWomen's Policy and\nOperations", "Completed\nJune 2021",
    ),
    *cells("", "", "", "Practitioners will be reminded that a woman\nmay ask for her assessment to take place at a",
           "Regional Probation\nDirector, North West", "30 September\n2021"),
    *page_footer(1, 2),
    *new_page(TITLE),
    *cells("", "", "", "women's centre instead of a probation office."),
    *cells("2", "Expand women-only\nreporting sessions.", "Partly\nAgreed",
           "We agree that sessions should be offered in\nevery region.", "Chief Probation Officer", "2021/22"),
    *page_footer(2, 2),
    "\f",
]


def test_a_layout_plan_reads_whole(tmp_path):
    plan = plan_json(write(tmp_path, TWO_PAGES))
    assert plan["source"]["format"] == "layout_text"
    assert plan["source"]["pages"] == 2
    assert plan["title"] == "Probation services for women"
    assert plan["submitted"] == "2021-05-04"
    first, second = plan["recommendations"]
    assert (first["number"], first["agreement"], second["agreement_raw"]) == ("1", "agreed", "Partly Agreed")
    assert first["addressee"] == "Her Majesty's Prison and Probation Service"
    assert first["text"] == "Make sure that every woman under supervision has her needs assessed."
    assert [a["text"] for a in first["actions"]] == [
        "A review of the reporting centres has been commissioned.",
        "Practitioners will be reminded that a woman may ask for her assessment to take place at a "
        "women's centre instead of a probation office.",
    ]
    assert first["actions"][0]["phase"]["label"] == "Action Plan commitments (May 2021)"
    assert first["actions"][0]["owner"] == "Deputy Director, Women's Policy and Operations"
    assert first["actions"][0]["target"]["raw"] == "Completed June 2021"
    assert first["actions"][1]["target"]["dates"] == ["2021-09-30"]
    assert second["actions"][0]["owner"] == "Chief Probation Officer"
    assert "OFFICIAL" not in json.dumps(plan) and "Page 1" not in json.dumps(plan)


def test_rows_name_their_input_lines_and_form_feed_pages(tmp_path):
    document = read(write(tmp_path, TWO_PAGES))
    numbered = [row for row in document.rows if row.cell(Column.NUMBER)]
    assert [(row.cell(Column.NUMBER), row.page) for row in numbered] == [("1", 1), ("2", 2)]
    lines = TWO_PAGES
    for row in document.rows:
        text = " ".join(lines[row.line_start - 1 : row.line_end]).replace("\f", "")
        assert (row.span[0] if row.span else row.cell(Column.RESPONSE).split()[0]) in text
    broken = next(row for row in document.rows if row.cell(Column.RESPONSE).startswith("women's centre"))
    assert broken.page_top and broken.page == 2
    assert lines[broken.line_start - 1].strip().startswith("women's centre")


def test_a_page_without_the_title_row_is_matched_to_its_columns(tmp_path):
    """pdftotext starts each page at position 0: a page holding only the response, owner and
    target columns of a row broken over the page is shifted left by the response column's start."""
    shifted = [start - STARTS[Column.RESPONSE] for start in STARTS]
    lines = [
        *HEADER, *TITLE,
        *cells("1", "Publish data on\noutcomes.", "Agreed", "Analysts will scope which outcome measures\ncan be",
               "Deputy Director, Data", "June 2021"),
        "", f"{'':>70}2",
        *new_page(cells("", "", "", "reported reliably for women, using existing\ncase management data.", "and Analysis",
                        "", starts=shifted)),
        *cells("", "", "", "A first annual release will be added to the\npublication schedule.",
               "Deputy Director, Data\nand Analysis", "Annually", starts=shifted),
        "", f"{'':>70}3", "\f",
    ]
    plan = plan_json(write(tmp_path, lines))
    actions = plan["recommendations"][0]["actions"]
    assert [a["text"] for a in actions] == [
        "Analysts will scope which outcome measures can be reported reliably for women, using existing case "
        "management data.",
        "A first annual release will be added to the publication schedule.",
    ]
    assert [a["owner"] for a in actions] == ["Deputy Director, Data and Analysis"] * 2
    assert plan["recommendations"][0]["text"] == "Publish data on outcomes."


def test_text_at_a_page_top_goes_on_in_the_column_left_unfinished():
    """A page holding one column only: its place comes from the page before, where the response
    (not the recommendation) was left mid-sentence."""
    lines = [
        *TITLE,
        *cells("5", "Set a national caseload\nceiling.", "Not Agreed",
               "This recommendation is not agreed. We will\ninstead keep the weighting given", "Deputy Director", "N/A"),
        "\fto women's cases under review.",
    ]
    table = text_layout.read(Content(Path("plan.layout.txt"), "\n".join(lines).encode()))
    assert table is not None
    last = table.rows[-1]
    assert last.page_top and last.cell(Column.RESPONSE) == "to women's cases under review."
    assert last.cell(Column.RECOMMENDATION) == ""


def test_text_past_a_column_edge_belongs_to_the_column_it_overlaps_most(tmp_path):
    """A recommendation line running past its column's edge where the agreement column is empty,
    and an owner written a little left of its column's start: each stays in its own column."""
    lines = [
        *HEADER, *TITLE,
        *cells("R1", "Leaders should restore a\npredictable daily regime so\nthat prisoners are unlocked.", "Agreed",
               "A revised core day has been published on\nevery wing.", "Head of Residence", "Complete"),
    ]
    assert len(lines[-2]) > STARTS[Column.AGREEMENT]  # the second line runs into the agreement column
    lines[-3] = lines[-3].replace("  Head of Residence", "Head of Residence  ")  # two characters left of the column
    rec = plan_json(write(tmp_path, lines))["recommendations"][0]
    assert rec["text"] == "Leaders should restore a predictable daily regime so that prisoners are unlocked."
    assert rec["agreement_raw"] == "Agreed"
    assert rec["actions"][0]["text"] == "A revised core day has been published on every wing."
    assert rec["actions"][0]["owner"] == "Head of Residence"


def test_a_column_pushed_right_by_a_full_one_is_cut_from_it(tmp_path):
    """pdftotext pushes text one space right of a line that overflows its column."""
    lines = [
        *HEADER, *TITLE,
        *cells("R2", "Leaders should make sure that\nnew officers are mentored.", "Partly Agreed",
               "We agree that new officers need support.", "Governor", "Dec 2021"),
    ]
    assert "make sure that Partly Agreed" in lines[-2]
    plan = plan_json(write(tmp_path, lines))
    rec = plan["recommendations"][0]
    assert rec["text"] == "Leaders should make sure that new officers are mentored."
    assert rec["agreement"] == "partly_agreed"
    assert [w["code"] for w in plan["warnings"]].count("columns_run_together") == 1


def test_columns_run_together_are_cut_apart_with_a_warning(tmp_path):
    """Where a column is full pdftotext may leave one space before the next column's text."""
    tight = "Pilots will test how location data can be shared with police"
    assert len(tight) > STARTS[Column.OWNER] - STARTS[Column.RESPONSE] - 2
    lines = [
        *HEADER, *TITLE,
        *cells("2", "Use location data.", "Agreed", f"{tight}\nto support victim safety plans.",
               "Deputy Director,\nElectronic Monitoring", "April 2021"),
        *cells("", "", "", "Delivery partners will nominate a contact.", "Head of Probation Data", "Q3 2021"),
    ]
    assert f"{tight} Deputy Director," in "\n".join(lines)  # run together, one space apart
    plan = plan_json(write(tmp_path, lines))
    first, second = plan["recommendations"][0]["actions"]
    assert first["text"] == f"{tight} to support victim safety plans."
    assert first["owner"] == "Deputy Director, Electronic Monitoring"
    assert second["owner"] == "Head of Probation Data"
    warning = next(w for w in plan["warnings"] if w["code"] == "columns_run_together")
    assert warning["line"] == len(HEADER) + len(TITLE) + 1 and "Deputy Director" in warning["message"]


def test_rows_the_layout_does_not_part_are_told_apart_by_content(tmp_path):
    """No gap in any column between two actions: the response starts a sentence after one that
    ended, and the owner and target start afresh under complete ones."""
    lines = [
        *HEADER, *TITLE,
        *cells("4.27", "Education places\nshould be fully used.", "Accepted",
               "Attendance data will be reported to the\nsenior leadership team every month.",
               "Head of Education,\nSkills and Work", "Completed\nand monthly"),
        *cells("", "", "", "A new vocational workshop will open,\nadding 24 places.",
               "Head of Education,\nSkills and Work and\nPrison Group Director", "2019/20"),
        *cells("", "", "", "Attendance at reviews will be checked\nweekly, with non-attendance raised.",
               "Head of Safety\nHead of Healthcare", "Ongoing"),
    ]
    plan = plan_json(write(tmp_path, lines))
    actions = plan["recommendations"][0]["actions"]
    assert [a["target"]["raw"] for a in actions] == ["Completed and monthly", "2019/20", "Ongoing"]
    assert actions[1]["owner"] == "Head of Education, Skills and Work and Prison Group Director"
    assert actions[2]["owners"] == ["Head of Safety", "Head of Healthcare"]  # two posts, one cell
    guessed = [w for w in plan["warnings"] if w["code"] == "merged_rows"]
    assert [w["line"] for w in guessed] == [len(HEADER) + len(TITLE) + 3]  # the third action starts after a gap


def test_a_phase_label_wrapped_over_lines_starts_its_phase(tmp_path):
    lines = [
        *HEADER, *TITLE,
        *cells("1", "Make sure that every\nresident has a plan.", "Agreed",
               "Action Plan commitments (December 2021)\nRisk plans: an arrival review will be held.",
               "Head of Approved\nPremises", "31/03/2022"),
        *cells("", "", "", "Progress against\ncommitments (November\n2022)"),
        *cells("", "", "", "Arrival reviews are now held in every\npremises.", "Head of Approved\nPremises",
               "Completed (to\nbe reviewed\nmonthly)"),
    ]
    actions = plan_json(write(tmp_path, lines))["recommendations"][0]["actions"]
    assert [(a["phase"]["kind"], a["phase"]["as_of"]) for a in actions] == [("commitment", "2021-12"), ("progress", "2022-11")]
    assert actions[1]["target"]["recurrence"] == "monthly"


def test_headings_and_addressees_however_they_are_set(tmp_path):
    """A section heading across the table; an addressee stacked in the recommendation column;
    a heading in the number column's place; a word the column edge cut in two."""
    lines = [
        *HEADER, *TITLE,
        "Main Recommendations to the Governor",
        *cells("S37", "Prisoners at risk of\nself-harm should be\ncared for.", "Accepted",
               "Case managers will be drawn from a trained\ngroup of supervising officers, so that the\n"
               "same officer chairs each review.", "Head of Safety", "30 September\n2019"),
        *cells("", "Recommendation\ns to the Governor"),
        *cells("1.14", "Reception staff should\ninterview arrivals.", "Accepted",
               "The interview room has been refurbished.", "Head of Residence", "Completed"),
        *cells("", "HM Prison and\nProbation Service\nshould:"),
        *cells("2", "Publish the data.", "Rejected", "Rejected. The data cannot be shared.", "Governor", "N/A"),
    ]
    plan = plan_json(write(tmp_path, lines))
    assert [(r["number"], r["addressee"]) for r in plan["recommendations"]] == [
        ("S37", "Main Recommendations to the Governor"),
        ("1.14", "Recommendations to the Governor"),
        ("2", "HM Prison and Probation Service"),
    ]
    assert plan["recommendations"][0]["text"] == "Prisoners at risk of self-harm should be cared for."


def test_page_furniture_is_never_content(tmp_path):
    banner = "Some target dates reflect the pace of regime recovery after COVID-19 and may change."
    lines = [
        f"{'':>70}OFFICIAL", banner, "", *HEADER, *TITLE,
        *cells("R1", "Leaders should restore\na daily regime.", "Agreed",
               "A revised core day has been published on\nevery wing. It sets out unlock times for",
               "Head of Residence and\nRegime", "Complete"),
        "", f"{'':>130}Page 1 of 2", f"{'':>70}OFFICIAL", f"\f{'':>70}OFFICIAL", banner, "", "",
        *TITLE,
        *cells("", "", "", "exercise and domestics."),
        *cells("R2", "Officers should be\nmentored.", "Agreed", "Every new officer has a named mentor.",
               "Governor", "Dec 2021"),
        "", f"{'':>72}7",
    ]
    plan = plan_json(write(tmp_path, lines))
    first, second = plan["recommendations"]
    assert first["actions"][0]["text"] == (
        "A revised core day has been published on every wing. It sets out unlock times for exercise and domestics."
    )
    assert second["actions"][0]["target"]["raw"] == "Dec 2021"
    assert banner not in json.dumps(plan) and "OFFICIAL" not in json.dumps(plan["recommendations"])


def test_utf16_and_crlf_read_like_utf8(tmp_path):
    utf8 = plan_json(write(tmp_path, TWO_PAGES, "a.layout.txt"))
    utf16 = plan_json(write(tmp_path, TWO_PAGES, "b.layout.txt", unicode_text=True))
    assert utf16["recommendations"] == utf8["recommendations"]
    assert utf16["source"]["format"] == "layout_text"


def test_sniff_knows_the_layout_form_by_content(plan_text):
    layout = Content(Path("x.txt"), "\n".join(TWO_PAGES).encode())
    tabbed = Content(Path("x.txt"), plan_text([["1", "Do it.", "Agreed", "Done.", "Head of X", "June 2021"]]).encode())
    prose = Content(Path("x.txt"), b"Each Recommendation is Agreed; the Response names an Owner and a Target Date.\n" * 3)
    assert text_layout.sniff(layout)
    assert not text_layout.sniff(tabbed)
    assert not text_layout.sniff(prose)


def test_a_tab_separated_plan_is_still_read_as_one(write_plan):
    plan = extract(write_plan([["1", "Do it.", "Agreed", "Done.", "Head of X", "June 2021"]]))
    assert plan.source.format == "text"


def test_a_title_row_with_nothing_under_it_is_no_plan(tmp_path):
    with pytest.raises(NotAnActionPlan, match="no rows"):
        extract(write(tmp_path, [*HEADER, *TITLE, "", "\f"]))


def test_text_in_columns_without_a_title_row_is_no_plan(tmp_path):
    lines = ["Term         Definition          Additional comment", "Agreed       Accepted in full    Actions follow"]
    with pytest.raises(NotAnActionPlan, match="no action-plan table"):
        extract(write(tmp_path, lines))


# A portrait page with narrow columns: titles wrap over many lines, run together and are cut.
NARROW = (0, 6, 22, 33, 63, 78)
NARROW_TITLE = (
    "1.    2.              3.         4. Response Action             5. Function    6. Target",
    "Rec   Recommendati    Accepted Taken/Planned                    Responsible/   Date",
    "No    on              /                                         Policy Lead",
    "                      Rejected",
)


def test_a_narrow_title_row_run_together_and_cut_still_names_its_columns(tmp_path):
    lines = [
        *HEADER, *NARROW_TITLE,
        *cells("5.01", "Older prisoners\nshould have care.", "Accepted", "A memorandum of\nunderstanding is agreed.",
               "Adult Social", "Complete", starts=NARROW),
    ]
    rec = plan_json(write(tmp_path, lines))["recommendations"][0]
    assert (rec["number"], rec["agreement_raw"]) == ("5.01", "Accepted")
    assert rec["text"] == "Older prisoners should have care."
    assert rec["actions"][0]["text"] == "A memorandum of understanding is agreed."


def test_numbers_targets_and_words_cut_at_the_column_edge_are_whole(tmp_path):
    """A word too wide for its column is cut where the column ends and finished on the next line."""
    lines = [
        *HEADER, *NARROW_TITLE,
        *cells("1.1\n4", "Reception staff\nshould interview\narrivals.", "Accepted",
               "The room has been\nrefurbished. Administration\nis done by the hub.",
               "Head of\nPopulation\nManagement\n, NOMS\nAdministrati\non", "31.03.20\n18", starts=NARROW),
    ]
    rec = plan_json(write(tmp_path, lines))["recommendations"][0]
    action = rec["actions"][0]
    assert rec["number"] == "1.14"
    assert action["target"]["dates"] == ["2018-03-31"]
    assert action["owner"] == "Head of Population Management, NOMS Administration"


def test_a_spanning_row_wrapped_over_lines_is_one_addressee(tmp_path):
    lines = [
        *HEADER, *NARROW_TITLE,
        "Her Majesty's Prison and Probation Service, together with the Community Rehabilitation",
        "Companies should:",
        *cells("1", "Make sure that every\nwoman is assessed.", "Agreed", "A review has been\ncommissioned.",
               "Chief Probation", "June 2021", starts=NARROW),
    ]
    rec = plan_json(write(tmp_path, lines))["recommendations"][0]
    assert rec["addressee"] == (
        "Her Majesty's Prison and Probation Service, together with the Community Rehabilitation Companies"
    )


def test_a_wrapped_banner_and_the_page_header_above_a_repeated_title_are_furniture(tmp_path):
    banner = ["Actions against target dates are likely to be delayed due to COVID-19", "restrictions."]
    lines = [
        "OFFICIAL", *banner, "", *HEADER, *NARROW_TITLE,
        *cells("R1", "Leaders should\nrestore a\nregime.", "Agreed", "A revised core day\nhas been published", "Governor",
               "Complete", starts=NARROW),
        "", f"{'':>40}Page 1 of 3",
        "\fOFFICIAL", *banner, "",
        *cells("", "", "", "on every wing.", starts=NARROW),
        *cells("R2", "Officers should\nbe mentored.", "Agreed", "Mentors are named.", "Governor", "Dec 2021",
               starts=NARROW),
        "", f"{'':>40}Page 2 of 3",
        "\fOFFICIAL", *banner, "A line above the title row is the page's header.", *NARROW_TITLE,
        *cells("R3", "Medicines\nshould be safe.", "Agreed", "Screens are fitted.", "Head of\nHealthcare",
               "Achieved", starts=NARROW),
    ]
    plan = plan_json(write(tmp_path, lines))
    assert [r["number"] for r in plan["recommendations"]] == ["R1", "R2", "R3"]
    assert [r["addressee"] for r in plan["recommendations"]] == [None, None, None]
    assert plan["recommendations"][0]["actions"][0]["text"] == "A revised core day has been published on every wing."
    assert "restrictions" not in json.dumps(plan["recommendations"]) and "header" not in json.dumps(plan["recommendations"])


def test_an_agreement_in_a_row_pdftotext_shifted_left_is_the_agreement(tmp_path):
    """pdftotext places each row's cells on their own: a row may sit a few positions left of
    the page's columns, its agreement word then starting inside the recommendation column."""
    shifted = (0, 5, 18, 29, 63, 78)  # the agreement and response four or five positions left
    lines = [
        *HEADER, *NARROW_TITLE,
        *cells("5.03", "Staff should\nknow prisoners.", "Accepted", "The scheme has\nbeen relaunched.",
               "Head of\nServices", "Complete", starts=NARROW),
        *cells("5.04", "NOMS should\ntransfer them.", "Rejected", "Rejected. Transfers\nare managed nationally.",
               "Head of\nPopulation", "N/A", starts=shifted),
    ]
    rec = plan_json(write(tmp_path, lines))["recommendations"][1]
    assert (rec["text"], rec["agreement"]) == ("NOMS should transfer them.", "not_agreed")
    assert rec["actions"][0]["text"] == "Rejected. Transfers are managed nationally."


# -- the dev plans (../shared) -----------------------------------------------------------

SCORE_MIN = 0.97  # issue 8's bar for the layout form, --strict


@pytest.mark.parametrize("folder", ["dev", "dev2"])
def test_dev_layout_texts_score_against_their_gold(shared_dir, tmp_path, folder):
    layouts = sorted((shared_dir / folder).glob("*.layout.txt"))
    if not layouts:
        pytest.skip(f"no layout texts in ../shared/{folder}")
    for path in layouts:
        stem = path.name.removesuffix(".layout.txt")
        (tmp_path / f"{stem}.json").write_text(extract(path).model_dump_json(), encoding="utf-8")
        assert extract(path).source.format == "layout_text"
    golds = tmp_path / "gold"
    golds.mkdir()
    for path in layouts:
        shutil.copy(path.with_name(path.name.replace(".layout.txt", ".json")), golds)
    result = subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "score.py"), str(tmp_path), str(golds), "--json", "--strict"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(result.stdout)["f1"] >= SCORE_MIN


def test_tab_separated_extractions_are_not_taken_for_layout_texts(shared_dir):
    texts = [p for folder in ("seeds", "dev", "dev2") for p in sorted((shared_dir / folder).glob("*.txt"))
             if p.suffixes == [".txt"]]
    assert texts
    for path in texts:
        assert not text_layout.sniff(Content(path, path.read_bytes())), path.name


# -- a round trip through poppler (skipped where pdftotext is not installed) ---------------


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_a_pdf_and_its_layout_text_give_the_same_plan(tmp_path):
    pytest.importorskip("fpdf")
    sys.path.insert(0, str(Path(__file__).parent))
    from pdfbuild import build_plan_pdf, sample_plan

    pdf = build_plan_pdf(tmp_path / "plan.pdf", header={"title": "Layout round trip", "submitted": "4th May 2021"},
                         rows=sample_plan(recommendations=4, actions_per_rec=3, words=30), pages_break_every=4)
    layout = tmp_path / "plan.layout.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(layout)], check=True)
    from_pdf, from_layout = extract(pdf), extract(layout)
    assert from_layout.source.format == "layout_text" and from_layout.source.pages == from_pdf.source.pages

    def outline(plan):
        return [(r.number, r.text, r.agreement, [(a.text, a.owner, a.target and a.target.raw) for a in r.actions])
                for r in plan.recommendations]

    assert outline(from_layout) == outline(from_pdf)

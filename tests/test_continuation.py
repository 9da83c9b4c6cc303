"""Stage: does a row continue the action above? (continuation.py)

The cases mirror the judgement calls documented in the gold notes
(../shared/gold/NOTES.md), rebuilt here as small inputs.
"""
from __future__ import annotations

import pytest

from actionplan_ingest.clean import Vocabulary
from actionplan_ingest.continuation import (
    Incoming,
    Previous,
    Relation,
    owner_continues,
    relate,
    split_owners,
    split_run_together,
    target_continues,
    target_is_cut,
)

COMPLETE = Previous(
    text="Work is underway to determine the prioritisation of accredited programmes in prisons.",
    owner="Head of Psychology",
    target="April 2021",
)


def incoming(text, owner="", target="", *, bulleted=False, page_top=False) -> Incoming:
    return Incoming(text=text, owner=owner, target=target, bulleted=bulleted, page_top=page_top)


def test_lowercase_start_continues():
    previous = Previous("The panel will continue to", "Chief Probation Officer", "April 2021")
    row = incoming("scrutinise guidance and ensure consistency of application across the country.")
    assert relate(previous, row) is Relation.CONTINUES


def test_lowercase_start_with_owner_and_target_fragments_continues():
    # 000 l.46+48: text, owner ("... and Deputy") and target ("Completed and to be") all continue.
    previous = Previous(
        "The HMPPS CMT will continue to support CRCs through the recovery process and undertake necessary assurance to ensure",
        "Regional Probation Director (Unpaid Work Lead) and Deputy",
        "Completed and to be",
    )
    row = incoming(
        "that these strategies have been put in place at a local level.",
        "Director Strategic Support, Administration & Assurance.",
        "reviewed monthly",
        page_top=True,
    )
    assert relate(previous, row) is Relation.CONTINUES


def test_opening_bracket_continues():
    # 001 l.38+40: "... Advice Panel" / "(CSAAP), have enabled ..." on the same page.
    previous = Previous("endorsed by the Correctional Services Accreditation and Advice Panel", "Regional Probation Director", "December 2022")
    assert relate(previous, incoming("(CSAAP), have enabled the delivery of accredited programmes.")) is Relation.CONTINUES


LEAD_IN = Previous("HMPPS will increase capacity for the delivery of Accredited Programmes by:", "", "")


def test_bulleted_item_with_own_owner_and_target_after_a_lead_in_is_new():
    # 000 l.61/63: a lead-in ending ':' then list items, each with its owner and target.
    row = incoming(
        "an Alternative Delivery Format has enabled continued accredited programmes delivery.",
        "Regional Probation Director (Accredited Programmes Lead)",
        "Completed and September 2021",
        bulleted=True,
    )
    assert relate(LEAD_IN, row) is Relation.NEW


def test_the_same_item_without_its_bullet_continues():
    row = incoming(
        "an Alternative Delivery Format has enabled continued accredited programmes delivery.",
        "Regional Probation Director (Accredited Programmes Lead)",
        "Completed and September 2021",
    )
    assert relate(LEAD_IN, row) is Relation.CONTINUES


def test_cut_target_after_a_complete_target_is_start_missing():
    # 001 l.29/31: "ary 2021" cannot continue "Completed (to be reviewed monthly)".
    previous = Previous(
        "A strategy to manage the backlog in relation to Unpaid Work (UPW) completion has been developed. All UPW",
        "Probation Deputy Director, Courts,",
        "Completed (to be reviewed monthly)",
    )
    row = incoming("by the Lord Chancellor and programmes have been reinstated in accordance with this.", "", "ary 2021", page_top=True)
    assert relate(previous, row) is Relation.START_MISSING


def test_complete_target_after_a_complete_target_with_mid_sentence_start_is_split():
    # 001 l.80/82: the tail of the row above glued to the start of a new row with its own target.
    previous = Previous(
        "The core evaluation will consider the impact of different modes of contact on sentence and risk",
        "Deputy Director, Insights Group",
        "December 2023",
    )
    row = incoming(
        "management. Case studies will also examine how technology is used.A national Lived Experience Lead commenced in",
        "Deputy Director,",
        "Completed",
        page_top=True,
    )
    assert relate(previous, row) is Relation.SPLIT


def test_capitalised_page_top_row_without_owner_or_target_after_a_complete_row_continues():
    # The overflow of a complete row on the page before.
    row = incoming("A management information dashboard is in place to monitor progress.", page_top=True)
    assert relate(COMPLETE, row) is Relation.CONTINUES


def test_the_same_row_not_at_a_page_top_is_new():
    row = incoming("A management information dashboard is in place to monitor progress.")
    assert relate(COMPLETE, row) is Relation.NEW


def test_capitalised_page_top_row_with_its_own_owner_and_target_is_new():
    # 000 l.84/86: after the page break, a new sentence with its own owner and target.
    previous = Previous("Providers capture good practice and learning during COVID-19.", "", "")
    row = incoming(
        "HMPPS will determine the most effective means by which to formally evaluate work undertaken.",
        "Deputy Director, Service Design",
        "September 2021",
        page_top=True,
    )
    assert relate(previous, row) is Relation.NEW


def test_page_top_row_finishing_an_unfinished_sentence_continues():
    previous = Previous("Work is underway in", "Head of Psychology", "April 2021")
    assert relate(previous, incoming("Prisons across the estate will be reviewed.", page_top=True)) is Relation.CONTINUES


def test_page_top_row_with_a_conflicting_owner_is_new():
    previous = Previous("Work is underway in", "Head of Psychology", "April 2021")
    row = incoming("Prisons across the estate will be reviewed.", "Head of Safety", "June 2022", page_top=True)
    assert relate(previous, row) is Relation.NEW


# -- split_run_together ----------------------------------------------------------------


def test_split_at_glued_sentences():
    head, tail = split_run_together(
        "Case studies will look at how technology is used to support blended supervision.A national Lived "
        "Experience Implementation Lead commenced in"
    )
    assert head == "Case studies will look at how technology is used to support blended supervision."
    assert tail == "A national Lived Experience Implementation Lead commenced in"


def test_split_keeps_sentences_that_refer_back_with_the_row_above():
    text = (
        "The new service began in July. In addition, the department funded further places. "
        "This scheme has helped many people. A monthly meeting of Accommodation leads was set up. It works well."
    )
    head, tail = split_run_together(text)
    assert head == "The new service began in July. In addition, the department funded further places. This scheme has helped many people."
    assert tail == "A monthly meeting of Accommodation leads was set up. It works well."


def test_split_when_every_sentence_refers_back_keeps_all():
    text = "The service started in July. It has 40 beds. These are funded for a year."
    assert split_run_together(text) == (text, "")


def test_split_of_a_single_sentence():
    assert split_run_together("Only one sentence here.") == ("Only one sentence here.", "")


def test_split_does_not_cut_after_an_abbreviation():
    text = "Staff use tools, e.g.Teams and Skype, for meetings."
    assert split_run_together(text) == (text, "")


# -- owners ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("owner", "owners"),
    [
        (
            "Head of Safety Head of Healthcare, Northgate Health Partnership",
            ["Head of Safety", "Head of Healthcare, Northgate Health Partnership"],
        ),
        (
            "Deputy Director, Interventions and Operational Services Deputy Director, Criminal Justice Business Partnering Team.",
            ["Deputy Director, Interventions and Operational Services", "Deputy Director, Criminal Justice Business Partnering Team."],
        ),
        (
            "Regional Probation Director (Unpaid Work Lead) and Deputy Director Strategic Support",
            ["Regional Probation Director (Unpaid Work Lead) and Deputy Director Strategic Support"],
        ),
        ("Probation Deputy Director, Courts", ["Probation Deputy Director, Courts"]),
        ("Chief Probation Officer", ["Chief Probation Officer"]),
        ("Head of Policy, MoJ, Chief Executive", ["Head of Policy, MoJ, Chief Executive"]),
    ],
)
def test_split_owners(owner, owners):
    assert split_owners(owner) == owners


def test_split_owners_after_an_owner_ending_in_group():
    owner = "Deputy Director, Effective Practice and Service Improvement Group Chief Probation Officer"
    assert split_owners(owner) == ["Deputy Director, Effective Practice and Service Improvement Group", "Chief Probation Officer"]


@pytest.mark.parametrize(
    ("previous", "fragment", "continues"),
    [
        ("Regional Probation Director (Unpaid Work Lead) and Deputy", "Director Strategic Support", True),
        ("Deputy Director, Probation Business", "Recovery Programme", True),
        ("Deputy Director,", "Insights Group", True),
        ("Chief Probation Officer", "Head of Psychology", False),
        ("", "Head of Psychology", False),
    ],
)
def test_owner_continues(previous, fragment, continues):
    assert owner_continues(previous, fragment) is continues


@pytest.mark.parametrize(
    ("previous", "fragment", "continues"),
    [
        ("Completed and to be", "reviewed monthly", True),
        ("Completed (to be reviewed", "monthly)", True),
        ("Completed", "ary 2021", False),
        ("Completed", "June 2021", False),
        ("", "June 2021", False),
    ],
)
def test_target_continues(previous, fragment, continues):
    assert target_continues(previous, fragment) is continues


@pytest.mark.parametrize(("target", "cut"), [("ary 2021", True), ("ember 2020", True), ("January 2021", False), ("Completed", False)])
def test_target_is_cut(target, cut):
    assert target_is_cut(target) is cut


@pytest.mark.parametrize(
    ("fragment", "continues"),
    [
        ("Safer Custody Team", False),  # a unit: an owner of its own
        ("Custodial Manager", False),  # a post: an owner of its own
        ("Recovery Programme", True),  # written together with the owner above elsewhere in the document
        ("Team.", True),  # one word cannot be an owner on its own
        ("Operations and Women's Policy", True),  # names no post or unit: the rest of the owner above
    ],
)
def test_owner_fragment_that_names_a_post_stands_alone(fragment, continues):
    vocabulary = Vocabulary.from_texts(["Owner: Deputy Director, Probation Business Recovery Programme."])
    assert owner_continues("Deputy Director, Probation Business", fragment, vocabulary) is continues


def test_page_top_row_with_an_owner_of_its_own_is_new():
    # An unfinished sentence above, but the row brings its own complete owner (a unit).
    previous = Previous("The working group reported on progress in", "Head of Reducing Reoffending", "June 2021")
    row = incoming("Safer custody data is reviewed each month.", "Safer Custody Team", page_top=True)
    assert relate(previous, row, Vocabulary.from_texts([])) is Relation.NEW


@pytest.mark.parametrize(
    ("previous", "fragment", "continues"),
    [
        ("31 December", "2020", True),  # a month with no year, completed by the next line
        ("January 2022 January", "2022", True),
        ("Completed", "(to be reviewed monthly)", True),
        ("Completed", "June 2021", False),  # both complete: two targets
        ("Completed and ongoing.", "January 2022 January 2022", False),
    ],
)
def test_target_cut_at_the_page_edge(previous, fragment, continues):
    assert target_continues(previous, fragment) is continues


def test_owner_seam_written_together_elsewhere_outweighs_a_possible_owner_start():
    vocabulary = Vocabulary.from_texts(["Regional Probation Director (Accredited Programmes Lead)"])
    assert owner_continues("Regional Probation", "Director (Accredited Programmes Lead)", vocabulary)
    assert owner_continues("Regional Probation Director", "(Accredited Programmes Lead) and Chief Probation Officer", vocabulary)
    assert not owner_continues("Regional Probation", "Deputy Director, Data", vocabulary)  # a title word starts an owner

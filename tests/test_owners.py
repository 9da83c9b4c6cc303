"""owners.read_owners: an owner cell -> the individual owners it names (SPEC 1.1)."""
from __future__ import annotations

import json

import pytest

from actionplan_ingest.models import WarningCode
from actionplan_ingest.owners import OwnerContext, OwnerReading, read_owners
from actionplan_ingest.warnings import owners_split_guessed


@pytest.mark.parametrize(
    ("cell", "owners"),
    [
        # one post, whatever "and", "&" or commas it holds
        ("Head of Learning and Skills", ["Head of Learning and Skills"]),
        ("Deputy Director, Victims and Witnesses, MoJ", ["Deputy Director, Victims and Witnesses, MoJ"]),
        ("Equality and Inclusion Manager", ["Equality and Inclusion Manager"]),
        ("Families and Significant Others Lead", ["Families and Significant Others Lead"]),
        ("Deputy Director Strategic Support, Administration & Assurance.", ["Deputy Director Strategic Support, Administration & Assurance"]),
        ("Deputy Director, Competition Lead", ["Deputy Director, Competition Lead"]),
        ("Probation Deputy Director, Courts,", ["Probation Deputy Director, Courts"]),
        ("Governor (Copperdale)", ["Governor (Copperdale)"]),
        ("Regional Probation Director (Accredited Programmes Lead)", ["Regional Probation Director (Accredited Programmes Lead)"]),
        ("Deputy Director, Regional Operations", ["Deputy Director, Regional Operations"]),
        # a title run on after a complete post
        (
            "Head of Safety Head of Healthcare, Northgate Health Partnership",
            ["Head of Safety", "Head of Healthcare, Northgate Health Partnership"],
        ),
        (
            "Deputy Director, Effective Practice and Service Improvement Group Chief Probation Officer",
            ["Deputy Director, Effective Practice and Service Improvement Group", "Chief Probation Officer"],
        ),
        (
            "Head of Move-On Accommodation, MoJ Regional Probation Director, London",
            ["Head of Move-On Accommodation, MoJ", "Regional Probation Director, London"],
        ),
        # "and" / "&" / ", " between two posts
        (
            "Head of Education, Skills and Work and Prison Group Director",
            ["Head of Education, Skills and Work", "Prison Group Director"],
        ),
        (
            "Head of Operations and Staffing and Head of Residence and Regime",
            ["Head of Operations and Staffing", "Head of Residence and Regime"],
        ),
        (
            "Deputy Director, Probation Business Recovery Programme and Probation Deputy Director, Courts",
            ["Deputy Director, Probation Business Recovery Programme", "Probation Deputy Director, Courts"],
        ),
        (
            "Head of Policy, Offender Accommodation and Family Engagement, MoJ, Chief Probation Officer and "
            "Executive Director for Reducing Reoffending, Partnerships and Accommodation",
            [
                "Head of Policy, Offender Accommodation and Family Engagement, MoJ",
                "Chief Probation Officer",
                "Executive Director for Reducing Reoffending, Partnerships and Accommodation",
            ],
        ),
        ("Safer Custody Team & Head of Safety", ["Safer Custody Team", "Head of Safety"]),
        # "/" between two posts; not between two words of one
        (
            "Chief Probation Officer/ Regional Probation Director (Unpaid Work Lead) and Deputy Director Strategic Support, "
            "Administration & Assurance/ Deputy Director, Probation Business Recovery Programme",
            [
                "Chief Probation Officer",
                "Regional Probation Director (Unpaid Work Lead)",
                "Deputy Director Strategic Support, Administration & Assurance",
                "Deputy Director, Probation Business Recovery Programme",
            ],
        ),
        ("Head of Health/ Social Care", ["Head of Health/ Social Care"]),
        # a post named twice is kept once (case and punctuation aside)
        (
            "Divisional Director for Business Strategy & Change Divisional Director for Business Strategy & Change "
            "and Deputy Director Strategic Support, Administration & Assurance.",
            ["Divisional Director for Business Strategy & Change", "Deputy Director Strategic Support, Administration & Assurance"],
        ),
        ("Head of Safety and Head of Safety.", ["Head of Safety"]),
        ("Chief Probation Officer/ chief probation officer,", ["Chief Probation Officer"]),
        # empty and hostile cells
        ("", []),
        ("  \n ", []),
        ("., ;", []),
        ("and", ["and"]),
    ],
)
def test_read_owners(cell, owners):
    assert list(read_owners(cell).owners) == owners


@pytest.mark.parametrize(
    ("cell", "owners"),
    [
        # PDF cells as the reader assembles them: each printed line on its own
        ("Deputy Director,\nElectronic Monitoring", ["Deputy Director, Electronic Monitoring"]),
        ("Regional Probation\nDirector, North West", ["Regional Probation Director, North West"]),
        ("Head of Residence and\nRegime", ["Head of Residence and Regime"]),
        (
            "Regional Probation\nDirector, North West\nDeputy Director,\nWomen's Policy and\nOperations",
            ["Regional Probation Director, North West", "Deputy Director, Women's Policy and Operations"],
        ),
        (
            "Head of\nAccommodation Policy,\nMoJ and Deputy\nDirector, Probation\nCommissioning",
            ["Head of Accommodation Policy, MoJ", "Deputy Director, Probation Commissioning"],
        ),
        (
            "Co-ordinating\nChaplain and\nDeputy\nGovernor\n(Copperdale)",
            ["Co-ordinating Chaplain", "Deputy Governor (Copperdale)"],
        ),
        ("Chief Probation Officer/\nRegional Probation Director", ["Chief Probation Officer", "Regional Probation Director"]),
    ],
)
def test_line_breaks_that_wrap_one_post_do_not_cut_it(cell, owners):
    assert read_owners(cell) == OwnerReading(tuple(owners))


def test_a_post_with_no_separator_is_cut_at_a_change_of_case_with_a_warning():
    cell = "Adult Social\nCare Team\nManager,\ncounty council\nHealthcare\nManager,\nCopperdale\nPrimary Care"
    reading = read_owners(cell)
    owners, guessed = reading.owners, reading.guessed
    assert list(owners) == ["Adult Social Care Team Manager, county council", "Healthcare Manager, Copperdale Primary Care"]
    warning = owners_split_guessed(cell, owners, guessed, None, None)
    assert warning.code is WarningCode.OWNERS_SPLIT_GUESSED
    assert "a change of case" in warning.message and "Healthcare Manager, Copperdale Primary Care" in warning.message


def test_a_paragraph_break_marks_a_post_with_no_separator():
    """'Care' ends its line although 'Security' would have fitted: a new paragraph."""
    reading = read_owners("Lead Pharmacist,\nKellingford Integrated\nCare\nSecurity Governor")
    owners, notes = reading.owners, reading.guessed
    assert list(owners) == ["Lead Pharmacist, Kellingford Integrated Care", "Security Governor"]
    assert "a line break" in notes[0]


def test_a_body_named_elsewhere_in_the_plan_marks_a_post_with_no_separator():
    cell = "Lead Pharmacist, Kellingford Integrated Care Security Governor"
    assert read_owners(cell) == OwnerReading((cell,))  # on its own: nothing marks a seam, so no cut
    context = OwnerContext.from_cells(["Head of Healthcare, Kellingford Integrated Care", "PE Manager, Kellingford", cell])
    reading = read_owners(cell, context)
    owners, notes = reading.owners, reading.guessed
    assert list(owners) == ["Lead Pharmacist, Kellingford Integrated Care", "Security Governor"]
    assert "a body the plan names elsewhere" in notes[0]


def test_bodies_come_only_from_cells_read_without_a_guess():
    guessed = "Adult Social Care Team Manager, county council Healthcare Manager"
    assert OwnerContext.from_cells([guessed]).bodies == frozenset()
    assert OwnerContext.from_cells(["Head of Policy, Offender Accommodation, MoJ"]).bodies == {"offender accommodation", "moj"}


def test_a_title_run_on_within_a_line_is_flagged_but_one_at_a_line_break_is_not():
    """Within a line it says two rows' owners were merged (a warning); at a line break it is a list."""
    assert read_owners("Head of Safety Head of Healthcare").run_on
    assert not read_owners("Head of Safety\nHead of Healthcare").run_on
    assert not read_owners("Head of Safety").run_on


def test_cuts_that_a_rule_makes_are_not_warned_about():
    assert read_owners("Head of Safety Head of Healthcare and Deputy Governor").guessed == ()


def test_every_gold_owner_string_splits_as_the_gold_does(shared_dir):
    """The splitter alone, on every gold owner string (paragraphs joined by spaces), with the plan as context."""
    files = [*sorted((shared_dir / "gold").glob("*.json")), *sorted((shared_dir / "dev").glob("*.json")), *sorted((shared_dir / "dev2").glob("*.json"))]
    checked = 0
    for path in files:
        actions = [a for rec in json.loads(path.read_text(encoding="utf-8"))["recommendations"] for a in rec["actions"] if "owners" in a]
        context = OwnerContext.from_cells(a["owner"] for a in actions if a["owner"])
        for action in actions:
            assert list(read_owners(action["owner"], context).owners) == action["owners"], (path.name, action["owner"])
            checked += 1
    assert checked > 100

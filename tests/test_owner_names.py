"""owner_names: one canonical name per owner across plans, never merging two posts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from actionplan_ingest.owner_names import canonical_names, owner_key, owner_names

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

# The owners of samples/ that name one post in more than one way, canonical name first.
EXPECTED_SAMPLE_CLUSTERS = [
    [
        "Deputy Director Strategic Support, Administration & Assurance",
        "Deputy Director, Strategic Support, Administration & Assurance",
        "Deputy Director, Strategic Support, Administration and Assurance",
    ],
    ["Deputy Director, Probation Business Recovery Programme", "Deputy Director Probation Business Recovery Programme"],
    ["Deputy Director, Criminal Justice Business Partnering Team", "Deputy Director Criminal Justice Business Partnering Team"],
    [
        "Deputy Director for Business Strategy & Change",
        "Deputy Director for Business Strategy and Change",
        "Deputy Director for Business Strategy & Change, HMPPS",
    ],
    ["Probation Deputy Director, Courts", "Probation Deputy Director Courts"],
    ["Divisional Director for Business Strategy & Change", "Divisional Director for Business Strategy & Change, HMPPS"],
    ["Deputy Director, Effective Practice and Service Improvement Group", "Deputy Director, EPSIG"],
    ["Deputy Director, Unpaid Work", "Deputy Director Unpaid Work"],
]

# Pairs of posts that differ by little, yet are two posts.
DIFFERENT_POSTS = [
    ("Deputy Director, Courts", "Deputy Director, Court Practice"),
    ("Regional Probation Director, North West", "Regional Probation Director, North East"),
    ("Deputy Director for Business Strategy & Change", "Divisional Director for Business Strategy & Change"),
    ("Head of Safety", "Head of Security"),
    ("Governor, HMP Kellingford", "Governor, HMP Northgate"),
    ("Head of Residence", "Head of Residence and Regime"),
    ("Deputy Director, Probation Practice", "Deputy Director, Probation Commissioning"),
    ("Deputy Governor", "Governor"),
    ("Head of Unit 1", "Head of Unit 2"),
    ("Deputy Director, EPSIG", "Deputy Director, Electronic Monitoring"),
]


def sample_owners() -> list[str]:
    owners = []
    for path in sorted((SAMPLES / "expected").glob("*.json")):
        plan = json.loads(path.read_text(encoding="utf-8"))
        owners += [o for rec in plan["recommendations"] for action in rec["actions"] for o in action["owners"]]
    return owners


def test_the_samples_owners_form_the_expected_clusters_and_no_others():
    owners = sample_owners()
    found = [list(o.variants) for o in owner_names(owners) if len(o.variants) > 1]
    assert sorted(found) == sorted(EXPECTED_SAMPLE_CLUSTERS)
    names = owner_names(owners)
    assert len(names) < len(set(owners))
    assert sum(o.uses for o in names) == len(owners)
    assert len(names) == len(set(owners)) - sum(len(c) - 1 for c in EXPECTED_SAMPLE_CLUSTERS)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_POSTS)
def test_two_different_posts_are_never_merged(a, b):
    assert len(owner_names([a, b])) == 2


@pytest.mark.parametrize(
    ("variant", "name"),
    [
        ("deputy director, unpaid work.", "Deputy Director, Unpaid Work"),
        ("Deputy Director - Unpaid Work", "Deputy Director, Unpaid Work"),
        ("Head of Accommodation Policy, MoJ", "Head of Accommodation Policy"),
        ("Head of Accommodation Policy, Ministry of Justice", "Head of Accommodation Policy"),
        ("Foreign National Coordinator", "Foreign National Co-ordinator"),
        ("Deputy Director, Women’s Policy and Operations", "Deputy Director, Women's Policy and Operations"),
        ("Deputy Director, Probation Buisness Recovery Programme", "Deputy Director, Probation Business Recovery Programme"),
        ("Deputy Director, Probation Business Recovery Program", "Deputy Director, Probation Business Recovery Programme"),
    ],
)
def test_variants_of_one_post_take_the_name_written_most(variant, name):
    assert canonical_names([name, name, variant]) == {name: name, variant: name}


def test_a_group_never_joins_through_a_third():
    """A~B and B~C by one edit each, A and C two apart: B joins the more used, C stands alone."""
    a, b, c = "Head of Probation Practise", "Head of Probation Practice", "Head of Probation Practical"
    names = {o.name: o.variants for o in owner_names([a, a, a, b, c])}
    assert names[a] == (a, b) and names[c] == (c,)


def test_canonical_name_ties_go_to_the_longer_variant():
    assert owner_names(["Deputy Director, EPSIG", "Deputy Director, Effective Practice and Service Improvement Group"])[0].name == (
        "Deputy Director, Effective Practice and Service Improvement Group"
    )


def test_empty_names_are_ignored():
    assert owner_names(["", "  ", "Governor"]) == owner_names(["Governor"])


def test_owner_key():
    assert owner_key("Deputy Director for Business Strategy & Change, HMPPS.") == "deputy director for business strategy and change"

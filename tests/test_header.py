"""Stage: the header block above the table (header.py), in the three styles SPEC.md lists."""
from __future__ import annotations

import pytest

from actionplan_ingest.header import read_header

PROBATION = [
    "ACTION PLAN: Safety and supervision in approved premises",
    "",
    "Action Plan Submitted: 8th December 2021",
    "A Response to the HMI Probation Inspection:",
    "A thematic inspection of safety and supervision in approved premises",
    "Report Published: 12 October 2021",
    "Updated Action Plan Submitted: 15 November 2022",
]
PRISON = [
    "OFFICIAL Some target dates may change at the next review.",
    "Action Plan: HMP\u00a0Kellingford",
    "Action Plan Submitted: 22 October 2021",
    "A Response to the HMIP Inspection: 7\u201318 June 2021",
    "Report Published: 14 September 2021",
]
OLDER_PRISON = [
    "ACTION PLAN: HMCIP REPORT",
    "ESTABLISHMENT: HMP Copperdale",
    "Report published 14 February 2017",
    "Action Plan Submitted 02 May 2017",
    "POSITION AS AT: April 2017",
]


@pytest.mark.parametrize(
    ("lines", "title", "report", "published", "submitted", "updates"),
    [
        (PROBATION, "Safety and supervision in approved premises",
         "A thematic inspection of safety and supervision in approved premises", "2021-10-12", "2021-12-08", ["2022-11-15"]),
        (PRISON, "HMP Kellingford", "7\u201318 June 2021", "2021-09-14", "2021-10-22", []),
        (OLDER_PRISON, "HMP Copperdale", None, "2017-02-14", "2017-05-02", []),
    ],
    ids=["probation-label-ends-line", "prison-action-plan-colon", "older-prison-establishment"],
)
def test_header_styles(lines, title, report, published, submitted, updates):
    header = read_header(lines)
    assert header.title == title
    assert header.report_title == report
    assert header.published == published
    assert header.submitted == submitted
    assert header.updates == updates  # POSITION AS AT is never an update


def test_a_label_followed_by_another_field_has_no_value():
    header = read_header(["A Response to:", "Report Published: 1 March 2021"])
    assert header.report_title is None
    assert header.published == "2021-03-01"


def test_a_title_that_names_a_report_kind_without_an_establishment_is_kept():
    assert read_header(["ACTION PLAN: HMCIP REPORT"]).title == "HMCIP REPORT"

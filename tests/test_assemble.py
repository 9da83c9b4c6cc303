"""Stage: RawRows -> recommendations and actions (assemble.py), through small built plans.

Each test writes a few table rows shaped like the published extractions and
reads the plan back with the public ``extract``.
"""
from __future__ import annotations

import pytest

from actionplan_ingest import extract
from actionplan_ingest.models import Agreement, PhaseKind, WarningCode

ROW_OFFSET = 9  # the built plans' table rows start on line 10 (header block + title row)


def codes(plan) -> list[WarningCode]:
    return [w.code for w in plan.warnings]


def warnings_of(plan, code: WarningCode):
    return [w for w in plan.warnings if w.code is code]


def test_simple_plan(write_plan):
    plan = extract(write_plan([
        "\tHM Prison and Probation Service should:\t\t\t\t",
        "1\tImprove the testing of plans.\tAgreed\tA new suite has been written.\tHead of Testing\tJune 2021",
        "\t\t\tA second action was agreed.\tHead of Quality\tCompleted and monthly",
        "2\tReview the process.\tPartly Agreed\tThe process will be reviewed.\tChief Probation Officer\t31/03/2022",
    ]))
    assert plan.title == "Testing the quality of probation services."
    assert plan.report.published == "2021-02-25"
    assert plan.submitted == "2021-04-19"
    assert [r.number for r in plan.recommendations] == ["1", "2"]
    first, second = plan.recommendations
    assert first.addressee == second.addressee == "HM Prison and Probation Service"
    assert (first.agreement, second.agreement) == (Agreement.AGREED, Agreement.PARTLY_AGREED)
    assert [a.owner for a in first.actions] == ["Head of Testing", "Head of Quality"]
    assert first.actions[1].target.recurrence.value == "monthly"
    assert [a.source.line_start for a in first.actions] == [ROW_OFFSET + 2, ROW_OFFSET + 3]
    assert second.actions[0].target.dates == ["2022-03-31"]
    assert plan.warnings == []


def test_addressee_cut_into_fake_columns_is_repaired_with_a_warning(write_plan):
    plan = extract(write_plan([
        "Her N\tMajesty's Prison and Pro\tbation Ser\tvice, together with the Community Rehabilitation Companies, should:\t\t",
        "1\tWork with Her Majesty's Prison and Probation Service.\tAgreed\tThe work has started.\tHead of Policy\tJune 2021",
    ]))
    assert plan.recommendations[0].addressee == (
        "Her Majesty's Prison and Probation Service, together with the Community Rehabilitation Companies"
    )
    assert [w.line for w in warnings_of(plan, WarningCode.SPANNING_ROW_REPAIRED)] == [ROW_OFFSET + 1]


def test_recommendation_text_split_with_a_repeated_seam(write_plan):
    plan = extract(write_plan([
        "6\tEvaluate the effectiveness of\tAgreed\tAction Plan commitments (April 2021)\t\t",
        "\teffectiveness of alternative delivery arrangements.\t\tThe panel will review the evidence.\tHead of Research\tMay 2021",
    ]))
    rec = plan.recommendations[0]
    assert rec.text == "Evaluate the effectiveness of alternative delivery arrangements."
    assert "effectiveness of" in warnings_of(plan, WarningCode.DUPLICATE_TEXT_REMOVED)[0].message


def test_phase_labels_set_the_phase_of_following_actions(write_plan):
    plan = extract(write_plan([
        "1\tImprove testing.\tAgreed\tAction Plan commitments (April 2021) A suite has been written.\tHead of Testing\tJune 2021",
        "\t\t\tProgress against commitments (April 2022)\t\t",
        "\t\t\tThe suite now runs nightly.\tHead of Testing\tCompleted",
        "2\tReview the process.\tAgreed\tThe process will be reviewed.\tHead of Quality\tMarch 2022",
    ]))
    first, second = plan.recommendations
    assert first.actions[0].text == "A suite has been written."  # the glued label moved to phase
    assert first.actions[0].phase.kind is PhaseKind.COMMITMENT
    assert first.actions[0].phase.label == "Action Plan commitments (April 2021)"
    assert first.actions[0].phase.as_of == "2021-04"
    assert first.actions[1].phase.kind is PhaseKind.PROGRESS
    assert first.actions[1].phase.as_of == "2022-04"
    assert second.actions[0].phase is None  # a new recommendation starts without a phase


def test_row_broken_over_a_page_continues_text_owner_and_target(write_plan):
    plan = extract(write_plan([
        "1\tResolve the backlog.\tAgreed\tThe team will support CRCs to ensure\tRegional Probation Director and Deputy\tCompleted and to be",
        "",
        "that these strategies are in place locally.\tDirector Strategic Support.\treviewed monthly",
    ]))
    (action,) = plan.recommendations[0].actions
    assert action.text == "The team will support CRCs to ensure that these strategies are in place locally."
    assert action.owner == "Regional Probation Director and Deputy Director Strategic Support."
    assert action.target.raw == "Completed and to be reviewed monthly"
    assert action.target.completed and action.target.recurrence.value == "monthly"
    assert (action.source.line_start, action.source.line_end) == (ROW_OFFSET + 1, ROW_OFFSET + 3)


def test_mid_sentence_split_on_the_same_page_is_joined_with_a_warning(write_plan):
    plan = extract(write_plan([
        "1\tAddress the backlog.\tAgreed\tA suite of interventions has been launched. In line\t\t",
        "\t\t\twith the Framework, toolkits are delivered.\tHead of Interventions\tCompleted",
    ]))
    (action,) = plan.recommendations[0].actions
    assert action.text == "A suite of interventions has been launched. In line with the Framework, toolkits are delivered."
    assert WarningCode.TEXT_SPLIT_MID_SENTENCE in codes(plan)


def test_row_without_owner_or_target_is_its_own_action(write_plan):
    plan = extract(write_plan([
        "1\tIncrease capacity.\tAgreed\tA new approach has been agreed.\tHead of Programmes\tCompleted",
        "\t\t\tHMPPS will increase capacity for the delivery of Accredited Programmes by;\t\t",
    ]))
    actions = plan.recommendations[0].actions
    assert len(actions) == 2
    assert actions[1].owner is None and actions[1].target is None


def test_cut_target_is_kept_raw_and_warned_at_its_line(write_plan):
    plan = extract(write_plan([
        "1\tImprove testing.\tAgreed\tA suite has been written.\tHead of Testing\tCompleted",
        "\t\t\tA second suite has been written.\tHead of Quality\tary 2021",
    ]))
    target = plan.recommendations[0].actions[1].target
    assert target.raw == "ary 2021" and target.dates == [] and target.due is None
    assert [w.line for w in warnings_of(plan, WarningCode.TARGET_TRUNCATED)] == [ROW_OFFSET + 2]


def test_tail_of_a_lost_row_is_kept_as_its_own_action(write_plan):
    plan = extract(write_plan([
        "1\tResolve the backlog.\tAgreed\tA strategy has been developed. All UPW\tProbation Deputy Director, Courts,"
        "\tCompleted (to be reviewed monthly)",
        "",
        "by the Lord Chancellor and programmes have been reinstated in accordance with this.\tary 2021",
    ]))
    actions = plan.recommendations[0].actions
    assert [a.target.raw for a in actions] == ["Completed (to be reviewed monthly)", "ary 2021"]
    assert actions[1].owner is None
    assert {WarningCode.ROW_START_MISSING, WarningCode.TARGET_TRUNCATED} <= set(codes(plan))


def test_repeated_fragment_is_ignored_with_a_warning(write_plan):
    tail = "by the Lord Chancellor and programmes have been reinstated in accordance with this framework"
    plan = extract(write_plan([
        "1\tResolve the backlog.\tAgreed\tA strategy has been developed.\tHead of Programmes\tCompleted",
        "",
        f"{tail}.\tary 2021",
        f"{tail[: tail.index('accordance') + 6]}-\tember 2020",  # cut mid-word, as in 001 l.32
    ]))
    assert len(plan.recommendations[0].actions) == 2
    (duplicate,) = warnings_of(plan, WarningCode.DUPLICATE_FRAGMENT)
    assert "ember 2020" in duplicate.message  # the dropped value is named, not lost silently
    assert duplicate.line == ROW_OFFSET + 4


def test_cut_row_ending_in_a_word_is_not_read_as_an_addressee(write_plan):
    plan = extract(write_plan([
        "\tHM Prison and Probation Service should:\t\t\t\t",
        "1\tResolve the backlog.\tAgreed\tA strategy has been developed.\tHead of Programmes\tCompleted",
        "",
        "by the Lord Chancellor and programmes have been reinstated in\tary 2021",
        "2\tReview the process.\tAgreed\tThe process will be reviewed.\tHead of Quality\tMarch 2022",
    ]))
    assert [r.addressee for r in plan.recommendations] == ["HM Prison and Probation Service"] * 2
    assert [a.target.raw for a in plan.recommendations[0].actions] == ["Completed", "ary 2021"]


def test_rows_run_together_are_split_at_the_glued_sentence(write_plan):
    plan = extract(write_plan([
        "1\tImprove engagement.\tAgreed\tAn evaluation will look at sentence and risk\tDeputy Director, Insights Group\tDecember 2023",
        "",
        "management. Case studies will examine technology.A national Lived Experience Lead commenced in\tDeputy Director,\tCompleted",
        "late June 2021, to strengthen delivery.\tInsights Group\t",
    ]))
    first, second = plan.recommendations[0].actions
    assert first.text == "An evaluation will look at sentence and risk management. Case studies will examine technology."
    assert first.target.raw == "December 2023"
    assert second.text == "A national Lived Experience Lead commenced in late June 2021, to strengthen delivery."
    assert second.owner == "Deputy Director, Insights Group"
    assert second.target.completed
    assert WarningCode.ROWS_RUN_TOGETHER in codes(plan)


@pytest.mark.parametrize(
    ("raw", "agreement"),
    [("Accepted", Agreement.AGREED), ("Partly accepted", Agreement.PARTLY_AGREED), ("Rejected", Agreement.NOT_AGREED),
     ("Not Agreed", Agreement.NOT_AGREED), ("Agreed in part", Agreement.PARTLY_AGREED)],
)
def test_agreement_variants(write_plan, raw, agreement):
    plan = extract(write_plan([f"1\tImprove testing.\t{raw}\tA suite has been written.\tHead of Testing\tJune 2021"]))
    rec = plan.recommendations[0]
    assert rec.agreement is agreement
    assert rec.agreement_raw == raw


def test_missing_header_fields_are_warned(write_plan):
    plan = extract(write_plan(
        ["1\tImprove testing.\tAgreed\tA suite has been written.\tHead of Testing\tJune 2021"], header=[]
    ))
    assert plan.title is None and plan.submitted is None and plan.report.published is None
    assert codes(plan).count(WarningCode.HEADER_FIELD_MISSING) == 3


def test_row_before_any_recommendation_is_an_orphan(write_plan):
    plan = extract(write_plan([
        "\t\t\tSome response text with nowhere to go.\tHead of Testing\tJune 2021",
        "1\tImprove testing.\tAgreed\tA suite has been written.\tHead of Testing\tJune 2021",
    ]))
    assert len(plan.recommendations[0].actions) == 1
    assert [w.line for w in warnings_of(plan, WarningCode.ORPHAN_ROW)] == [ROW_OFFSET + 1]


def test_text_ending_with_a_cut_word_is_warned(write_plan):
    plan = extract(write_plan([
        "1\tImprove testing.\tAgreed\tTraining was delivered to all staff. T\tHead of Training\tMarch 2021",
    ]))
    assert WarningCode.TEXT_TRUNCATED in codes(plan)


@pytest.mark.parametrize("cut", ["I", "A"])
def test_text_ending_with_a_cut_i_or_a_is_warned(write_plan, cut):
    plan = extract(write_plan([
        f"1\tImprove testing.\tAgreed\tTraining was delivered to all staff. {cut}\tHead of Training\tMarch 2021",
    ]))
    assert WarningCode.TEXT_TRUNCATED in codes(plan)


def test_owner_run_together_is_warned_as_merged_rows(write_plan):
    plan = extract(write_plan([
        "1\tImprove safety.\tAgreed\tSafety reviews have been completed.\tHead of Safety Head of Healthcare, Northgate\tCompleted",
    ]))
    assert plan.recommendations[0].actions[0].owner == "Head of Safety Head of Healthcare, Northgate"  # kept raw
    assert WarningCode.MERGED_ROWS in codes(plan)


def test_sub_numbered_recommendation_and_update_phase_label(write_plan):
    plan = extract(write_plan([
        "3a\tImprove testing.\tAgreed\tUpdate (May 2022) A suite has been written.\tHead of Testing\tJune 2021",
    ]))
    rec = plan.recommendations[0]
    assert rec.number == "3a"
    (action,) = rec.actions
    assert action.text == "A suite has been written."
    assert (action.phase.kind.value, action.phase.as_of) == ("progress", "2022-05")


def test_update_line_with_two_dates_records_both(write_plan):
    header = [
        "ACTION PLAN: Testing",
        "A Response to: A thematic inspection of testing",
        "Report Published: 25 February 2021",
        "Action Plan Submitted: 19th April 2021",
        "Updated Action Plan submitted: 8th December 2021 and 26 May 2022",
    ]
    plan = extract(write_plan(["1\tImprove testing.\tAgreed\tA suite has been written.\tHead of Testing\tJune 2021"], header=header))
    assert plan.updates == ["2021-12-08", "2022-05-26"]

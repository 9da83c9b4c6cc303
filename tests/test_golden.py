"""Whole pipeline on the published seeds and the dev plans, scored against their gold.

Needs ../shared (the seeds, the dev plans and their hand-checked gold); skipped without it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from rapidfuzz import fuzz

from actionplan_ingest import extract
from actionplan_ingest.export.json import plan_json
from actionplan_ingest.models import ActionPlan

SEED_MIN_MATCHED = 0.95  # share of gold actions whose owner and target the extraction gets right
DEV_MIN_MATCHED = 0.90  # held-out plans: a little slack for judgement calls the seeds never posed
LINE_SLACK = 1  # a warning may name the first or the last line of a two-line repair


def _norm(value: str | None) -> str | None:
    return " ".join(value.split()) if value is not None else None


def _target_raw(action: dict) -> str | None:
    return _norm(action["target"]["raw"]) if action.get("target") else None


def compare(pred: dict, gold: dict) -> tuple[list[str], int, int]:
    """Field-level comparison per recommendation number.

    Returns the structural problems (recommendation set, addressee, agreement),
    the number of gold actions matched, and the number of gold actions. A gold
    action is matched when the predicted action whose text is most similar
    (rapidfuzz ratio) has the same owner and the same raw target.
    """
    problems: list[str] = []
    pred_recs = {r["number"]: r for r in pred["recommendations"]}
    gold_recs = {r["number"]: r for r in gold["recommendations"]}
    if len(pred["recommendations"]) != len(gold["recommendations"]):
        problems.append(f"{len(pred['recommendations'])} recommendations, gold has {len(gold['recommendations'])}")
    if set(pred_recs) != set(gold_recs):
        problems.append(f"recommendation numbers {sorted(pred_recs)} != gold {sorted(gold_recs)}")
    matched = total = 0
    for number, gold_rec in gold_recs.items():
        total += len(gold_rec["actions"])
        rec = pred_recs.get(number)
        if rec is None:
            continue
        for key in ("addressee", "agreement"):
            if _norm(rec[key]) != _norm(gold_rec[key]):
                problems.append(f"rec {number} {key}: {rec[key]!r} != gold {gold_rec[key]!r}")
        for gold_action in gold_rec["actions"]:
            if not rec["actions"]:
                continue
            best = max(rec["actions"], key=lambda a: fuzz.ratio(_norm(a["text"]), _norm(gold_action["text"])))
            if _norm(best["owner"]) == _norm(gold_action["owner"]) and _target_raw(best) == _target_raw(gold_action):
                matched += 1
    return problems, matched, total


def _extract_json(path: Path) -> dict:
    return json.loads(plan_json(extract(path)))


def _check_against_gold(case: tuple[Path, Path], minimum: float) -> None:
    text_path, gold_path = case
    pred, gold = _extract_json(text_path), json.loads(gold_path.read_text(encoding="utf-8"))
    problems, matched, total = compare(pred, gold)
    assert problems == []
    assert total > 0
    assert matched / total >= minimum, f"{matched}/{total} gold actions matched"


def test_seed_matches_gold(seed_case):
    _check_against_gold(seed_case, SEED_MIN_MATCHED)


def test_dev_plan_matches_gold(dev_case):
    _check_against_gold(dev_case, DEV_MIN_MATCHED)


def test_seed_header_matches_gold(seed_case):
    text_path, gold_path = seed_case
    pred, gold = _extract_json(text_path), json.loads(gold_path.read_text(encoding="utf-8"))
    for key in ("title", "report", "submitted", "updates"):
        assert pred[key] == gold[key], key


def test_seed_has_every_gold_warning(seed_case):
    """Every warning in the gold is raised, with its code, within a line of its place."""
    text_path, gold_path = seed_case
    pred, gold = _extract_json(text_path), json.loads(gold_path.read_text(encoding="utf-8"))
    raised = [(w["code"], w["line"]) for w in pred["warnings"]]
    missing = [
        (w["code"], w["line"])
        for w in gold["warnings"]
        if not any(code == w["code"] and abs((line or 0) - (w["line"] or 0)) <= LINE_SLACK for code, line in raised)
    ]
    assert missing == []


def test_compare_notices_a_wrong_owner(seed_case):
    """The comparison itself can fail: a gold with one owner changed scores lower."""
    text_path, gold_path = seed_case
    pred, gold = _extract_json(text_path), json.loads(gold_path.read_text(encoding="utf-8"))
    _, matched, total = compare(pred, gold)
    gold["recommendations"][0]["actions"][0]["owner"] = "Somebody Else Entirely"
    gold["recommendations"][0]["addressee"] = "Nobody"
    problems, matched_after, _ = compare(pred, gold)
    assert matched_after == matched - 1
    assert any("addressee" in p for p in problems)


# -- the output contract ---------------------------------------------------------------


def _spec_shapes(shared: Path) -> dict[str, list[str]]:
    """Key order of each object in SPEC.md's output example (and its phase rule)."""
    spec = (shared / "SPEC.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", spec, re.S).group(1))
    rec = example["recommendations"][0]
    action = rec["actions"][0]
    phase_rule = re.search(r"`phase`: `(\{.*?\})`", spec).group(1)  # not JSON: "commitment" | "progress"
    phase = re.findall(r'"(\w+)":', phase_rule)
    return {
        "plan": list(example),
        "source": list(example["source"]),
        "report": list(example["report"]),
        "recommendation": list(rec),
        "action": list(action),
        "target": list(action["target"]),
        "action.source": list(action["source"]),
        "phase": list(phase),
        "warning": list(example["warnings"][0]),
    }


def _assert_key_order(doc: dict, shapes: dict[str, list[str]]) -> None:
    assert list(doc) == shapes["plan"]
    assert list(doc["source"]) == shapes["source"]
    assert list(doc["report"]) == shapes["report"]
    for rec in doc["recommendations"]:
        assert list(rec) == shapes["recommendation"]
        for action in rec["actions"]:
            assert list(action) == shapes["action"]
            assert list(action["source"]) == shapes["action.source"]
            if action["target"] is not None:
                assert list(action["target"]) == shapes["target"]
            if action["phase"] is not None:
                assert list(action["phase"]) == shapes["phase"]
    for warning in doc["warnings"]:
        assert list(warning) == shapes["warning"]


def test_output_validates_and_keeps_spec_key_order(plan_case, shared_dir):
    text_path, _ = plan_case
    text = plan_json(extract(text_path))
    ActionPlan.model_validate_json(text, strict=True)
    doc = json.loads(text)
    assert doc["recommendations"], "a published plan has recommendations"
    _assert_key_order(doc, _spec_shapes(shared_dir))


def test_built_plan_keeps_spec_key_order(write_plan, shared_dir):
    path = write_plan([
        "\tHM Prison and Probation Service should:\t\t\t\t",
        "1\tImprove the testing of plans.\tAgreed\tAction Plan commitments (April 2021) A suite was written."
        "\tHead of Testing\tJune 2021",
        "\t\t\tA second action.\tHead of Quality\tary 2021",
    ])
    doc = json.loads(plan_json(extract(path)))
    assert doc["recommendations"][0]["actions"][0]["phase"] is not None
    assert doc["warnings"]
    _assert_key_order(doc, _spec_shapes(shared_dir))


def test_seed_source_lines_are_within_the_file(seed_case):
    text_path, _ = seed_case
    line_count = len(text_path.read_text(encoding="utf-8").split("\n"))
    doc = _extract_json(text_path)
    for rec in doc["recommendations"]:
        for action in rec["actions"]:
            assert 1 <= action["source"]["line_start"] <= action["source"]["line_end"] <= line_count

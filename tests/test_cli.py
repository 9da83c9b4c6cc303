"""Stage: the command line (cli.py), run as a user runs it: a subprocess."""
from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from actionplan_ingest.models import ActionPlan, json_schema

REPO = Path(__file__).resolve().parents[1]
SCHEMA_FILE = REPO / "schemas" / "action-plan.schema.json"

PLAN_ROWS = [
    "\tHM Prison and Probation Service should:\t\t\t\t",
    "1\tImprove the testing of plans.\tAgreed\tA new test suite has been written.\tDeputy Director, Testing\tJune 2021",
    "\t\t\tA second action was agreed with the team.\tHead of Quality\tCompleted and monthly",
    "2\tReview the review process.\tPartly Agreed\tThe process will be reviewed annually.\tChief Probation Officer\t31/03/2022",
]
ACTIONS_IN_PLAN = 3


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"}
    return subprocess.run(
        [sys.executable, "-m", "actionplan_ingest", *args],
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60,
    )


@pytest.fixture
def plan_path(write_plan) -> Path:
    return write_plan(PLAN_ROWS)


# -- bad inputs ---------------------------------------------------------------------------


def _make_empty(folder: Path) -> str:
    (folder / "empty.txt").write_bytes(b"")
    return "empty.txt"


def _make_binary(folder: Path) -> str:
    (folder / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    return "blob.txt"


def _make_not_a_plan(folder: Path) -> str:
    (folder / "notes.txt").write_text("Minutes of the meeting\n\nItem 1\tBudget\tAgreed\n", encoding="utf-8")
    return "notes.txt"


def _make_nothing(folder: Path) -> str:
    return "missing.txt"


def _make_directory(folder: Path) -> str:
    (folder / "plans").mkdir()
    return "plans"


BAD_INPUTS = [
    pytest.param(_make_empty, 1, "empty", id="empty"),
    pytest.param(_make_binary, 1, "binary", id="binary"),
    pytest.param(_make_not_a_plan, 1, "no action-plan table", id="not-a-plan"),
    pytest.param(_make_nothing, 2, "no such file", id="missing"),
    pytest.param(_make_directory, 2, "folder", id="directory"),
]


@pytest.mark.parametrize(("make", "exit_code", "reason"), BAD_INPUTS)
def test_extract_bad_input_with_output_file(tmp_path, make, exit_code, reason):
    name = make(tmp_path)
    before = sorted(os.listdir(tmp_path))
    result = run("extract", name, "-o", "out.json", cwd=tmp_path)
    assert result.returncode == exit_code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0]
    assert reason in lines[0].lower()
    assert "Traceback" not in result.stderr
    assert sorted(os.listdir(tmp_path)) == before  # no out.json, no temp file
    assert result.stdout == ""


@pytest.mark.parametrize(("make", "exit_code", "reason"), BAD_INPUTS)
def test_extract_bad_input_to_stdout(tmp_path, make, exit_code, reason):
    name = make(tmp_path)
    result = run("extract", name, cwd=tmp_path)
    assert result.returncode == exit_code
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_unwritable_output_is_one_line_error(plan_path, tmp_path):
    result = run("extract", plan_path.name, "-o", f"{plan_path.name}/out.json", cwd=tmp_path)
    assert result.returncode == 3  # an output fault, not a document's
    assert len(result.stderr.strip().splitlines()) == 1
    assert "out.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_damaged_pdf_is_named_in_a_one_line_error(tmp_path):
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    result = run("extract", "plan.pdf", "-o", "out.json", cwd=tmp_path)
    assert result.returncode == 1
    assert "plan.pdf" in result.stderr
    assert "internal error" not in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["plan.pdf"]


def test_file_named_pdf_without_a_pdf_header(tmp_path):
    (tmp_path / "plan.pdf").write_text("not really a pdf", encoding="utf-8")
    result = run("extract", "plan.pdf", cwd=tmp_path)
    assert result.returncode == 1
    assert "plan.pdf" in result.stderr and "Traceback" not in result.stderr


def test_verbose_shows_the_traceback(tmp_path):
    _make_empty(tmp_path)
    result = run("-v", "extract", "empty.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" in result.stderr


# -- extract ------------------------------------------------------------------------------


def test_extract_to_stdout_is_valid_json(plan_path, tmp_path):
    result = run("extract", plan_path.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    plan = ActionPlan.model_validate_json(result.stdout, strict=True)
    assert plan.source.file == "plan.txt"
    assert sum(len(r.actions) for r in plan.recommendations) == ACTIONS_IN_PLAN
    assert plan.recommendations[1].actions[0].target.dates == ["2022-03-31"]


def test_extract_output_file_equals_stdout(plan_path, tmp_path):
    to_file = run("extract", plan_path.name, "-o", "out.json", cwd=tmp_path)
    to_stdout = run("extract", plan_path.name, "-o", "-", cwd=tmp_path)
    assert to_file.returncode == to_stdout.returncode == 0
    assert to_file.stdout == ""
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == to_stdout.stdout
    assert sorted(os.listdir(tmp_path)) == ["out.json", "plan.txt"]  # no temp file left


def test_output_file_has_ordinary_permissions(plan_path, tmp_path):
    result = run("extract", plan_path.name, "-o", "out.json", cwd=tmp_path)
    assert result.returncode == 0
    reference = tmp_path / "reference"
    reference.write_text("")
    ordinary = stat.S_IMODE(reference.stat().st_mode)
    if ordinary == 0o600:
        pytest.skip("the umask makes every new file owner-only; nothing to compare")
    assert stat.S_IMODE((tmp_path / "out.json").stat().st_mode) == ordinary


def test_extract_csv_has_a_header_and_one_row_per_action(plan_path, tmp_path):
    result = run("extract", plan_path.name, "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not result.stdout.startswith("\ufeff")  # no byte-order mark on a terminal
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == ACTIONS_IN_PLAN
    assert [r["rec_number"] for r in rows] == ["1", "1", "2"]
    assert [r["owner"] for r in rows] == ["Deputy Director, Testing", "Head of Quality", "Chief Probation Officer"]
    assert rows[0]["addressee"] == rows[2]["addressee"] == "HM Prison and Probation Service"  # repeated per action
    assert rows[1]["completed"] == "true" and rows[1]["recurrence"] == "monthly"
    assert rows[2]["due"] == "2022-03-31"


def test_extract_csv_to_a_file_has_a_byte_order_mark(plan_path, tmp_path):
    result = run("extract", plan_path.name, "--format", "csv", "-o", "out.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert data.startswith("\ufeff")
    assert len(list(csv.DictReader(io.StringIO(data.lstrip("\ufeff"))))) == ACTIONS_IN_PLAN


def test_extract_unknown_format_is_a_usage_error(plan_path, tmp_path):
    result = run("extract", plan_path.name, "--format", "xml", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


# -- schema: the drift test ----------------------------------------------------------------


def test_schema_output_equals_the_committed_schema(tmp_path):
    result = run("schema", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8"), (
        "the models changed: regenerate schemas/action-plan.schema.json with 'actionplan-ingest schema -o ...'"
    )


def test_committed_schema_is_the_models_schema():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema()


def test_schema_to_a_file(tmp_path):
    result = run("schema", "-o", "schema.json", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == SCHEMA_FILE.read_text(encoding="utf-8")


# -- validate ------------------------------------------------------------------------------


@pytest.fixture
def produced_json(plan_path, tmp_path) -> Path:
    result = run("extract", plan_path.name, "-o", "good.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "good.json"


def _tampered(source: Path, name: str, change) -> Path:
    doc = json.loads(source.read_text(encoding="utf-8"))
    change(doc)
    path = source.with_name(name)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_validate_accepts_a_produced_document(produced_json, tmp_path):
    result = run("validate", produced_json.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def _bad_due(doc):
    doc["recommendations"][0]["actions"][0]["target"]["due"] = "2021-13-40"


def _unknown_key(doc):
    doc["recommendations"][1]["colour"] = "blue"


def _impossible_date(doc):
    doc["recommendations"][0]["actions"][0]["target"]["dates"] = ["2021-02-30"]


def _bad_agreement(doc):
    doc["recommendations"][0]["agreement"] = "maybe"


def _missing_field(doc):
    del doc["title"]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (_bad_due, "recommendations.0.actions.0.target.due"),
        (_unknown_key, "recommendations.1.colour"),
        (_impossible_date, "recommendations.0.actions.0.target.dates.0"),
        (_bad_agreement, "recommendations.0.agreement"),
        (_missing_field, "title"),
    ],
)
def test_validate_rejects_a_tampered_document(produced_json, tmp_path, change, where):
    bad = _tampered(produced_json, "bad.json", change)
    result = run("validate", produced_json.name, bad.name, cwd=tmp_path)
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1
    assert errors[0].startswith("bad.json")
    assert where in errors[0]
    assert "Traceback" not in result.stderr


def test_validate_rejects_broken_json(tmp_path):
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    result = run("validate", "broken.json", cwd=tmp_path)
    assert result.returncode == 1
    assert "broken.json" in result.stderr and "Traceback" not in result.stderr


# -- check ---------------------------------------------------------------------------------


def test_check_update_then_pass_then_diff(tmp_path, plan_text):
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "plan.txt").write_text(plan_text(PLAN_ROWS), encoding="utf-8")

    updated = run("check", "samples", "--update", cwd=tmp_path)
    assert updated.returncode == 0, updated.stderr
    expected = samples / "expected" / "plan.txt.json"
    ActionPlan.model_validate_json(expected.read_text(encoding="utf-8"), strict=True)

    same = run("check", "samples", cwd=tmp_path)
    assert same.returncode == 0, same.stdout + same.stderr

    doc = json.loads(expected.read_text(encoding="utf-8"))
    doc["recommendations"][0]["actions"][1]["owner"] = "Head of Qualities"
    expected.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    differs = run("check", "samples", cwd=tmp_path)
    assert differs.returncode == 1
    (line,) = [l for l in differs.stdout.splitlines() if "recommendations[0].actions[1].owner" in l]
    assert "Head of Qualities" in line and "Head of Quality\"" in line
    assert "Traceback" not in differs.stderr


def test_check_reports_a_sample_without_expected_output(tmp_path, plan_text):
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "plan.txt").write_text(plan_text(PLAN_ROWS), encoding="utf-8")
    result = run("check", "samples", cwd=tmp_path)
    assert result.returncode == 1
    assert "plan.txt" in result.stdout


def test_check_of_a_missing_folder_is_a_usage_error(tmp_path):
    result = run("check", "no-such-folder", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no-such-folder" in result.stderr

"""Stage: batch (batch.py, report.py, export/): folders in, JSON + CSV + SQLite out, nothing lost.

The good plans are the samples committed in ``samples/`` (text extractions and
PDFs), so these tests run on a clean clone; the hostile files are built by
``hostile.py``. The acceptance test of issue 4 runs the command as a user
does (a subprocess, ``--timeout 5 --jobs 2``) and takes about ten seconds:
two hostile files only stop at their timeout. Everything else is fast.
"""
from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import hostile
import pytest
from storecheck import (
    TABLES,
    action_count,
    assert_store_agrees,
    leftovers,
    plan_documents,
    read_csv,
    table_counts,
)

from actionplan_ingest.batch import BatchSettings, run_batch
from actionplan_ingest.errors import IngestError

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SUBPROCESS_TIMEOUT = 180  # seconds for a whole batch run, hostile files included
OK_OUTCOMES = frozenset({"ok", "ok_with_warnings"})
SUMMARY_COLUMNS = ["file", "recommendations", "actions", "warnings", "outcome"]

GOOD_FOLDERS = ("", "2021", "2021/deep")  # good plans go round these subfolders of the input folder
HOSTILE_FOLDERS = ("", "bad", "bad/nested")
QUICK_HOSTILE = ("empty.pdf", "empty.txt", "random.pdf", "truncated.pdf", "encrypted.pdf")


def _failure_outcomes() -> frozenset[str]:
    """Every outcome a failed file may have: timeout, crashed, or an input error class's name."""
    classes, found = [IngestError], set()
    while classes:
        cls = classes.pop()
        found.add(cls.outcome)
        classes.extend(cls.__subclasses__())
    return frozenset(found | {"timeout", "crashed"})


FAILURE_OUTCOMES = _failure_outcomes()


# -- helpers -------------------------------------------------------------------------------


def sample_plans() -> list[Path]:
    """The good plans: every .txt and .pdf directly inside samples/ (not samples/expected/)."""
    plans = sorted(p for p in SAMPLES.iterdir() if p.is_file() and p.suffix.lower() in (".txt", ".pdf"))
    assert plans, f"no sample plans in {SAMPLES}"
    return plans


def copy_good_plans(in_dir: Path, folders: tuple[str, ...] = GOOD_FOLDERS) -> list[str]:
    """Copy the sample plans into in_dir, round the folders; return their relative paths."""
    relative = []
    for index, sample in enumerate(sample_plans()):
        rel = Path(folders[index % len(folders)]) / sample.name
        (in_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sample, in_dir / rel)
        relative.append(rel.as_posix())
    return relative


def write_hostile(in_dir: Path, names=tuple(hostile.HOSTILE), folders: tuple[str, ...] = HOSTILE_FOLDERS) -> list[str]:
    """Write the named hostile files into in_dir, round the folders; return their relative paths."""
    relative = []
    for index, name in enumerate(names):
        folder = in_dir / folders[index % len(folders)]
        folder.mkdir(parents=True, exist_ok=True)
        relative.append(hostile.HOSTILE[name](folder, name).relative_to(in_dir).as_posix())
    return relative


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "actionplan_ingest", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=SUBPROCESS_TIMEOUT,
    )


def summary_table(stdout: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The summary table's column titles, and its rows by file as {column: cell}.

    A cell wrapped onto the next line is rejoined.
    """
    header: list[str] | None = None
    rows: list[list[str]] = []
    for line in stdout.splitlines():
        separator = "│" if "│" in line else "┃" if "┃" in line else "|" if "|" in line else None
        if separator is None:
            continue
        cells = [cell.strip() for cell in line.strip().strip(separator).split(separator)]
        if header is None:
            header = cells
        elif rows and not cells[0]:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells)]
        else:
            rows.append(cells)
    assert header is not None, f"no summary table in:\n{stdout}"
    return header, {row[0]: dict(zip(header, row)) for row in rows}


def summary_rows(stdout: str) -> dict[str, dict[str, str]]:
    return summary_table(stdout)[1]


def outcome_of(row: dict[str, str]) -> str:
    return row["outcome"].split(":", 1)[0].strip()


def table_contents(database: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(database) as db:
        return {table: db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in TABLES}


def indexed_columns(database: Path, table: str) -> set[str]:
    """The leading column of every index on table."""
    with sqlite3.connect(database) as db:
        names = [row[1] for row in db.execute(f"PRAGMA index_list({table})")]
        return {db.execute(f"PRAGMA index_info({name})").fetchone()[2] for name in names}


# -- acceptance (issue 4) ------------------------------------------------------------------


def test_batch_of_good_and_hostile_files(tmp_path):
    """Issue 4's acceptance: every good plan converted, every hostile file named and skipped."""
    in_dir, out_dir = tmp_path / "plans", tmp_path / "out"
    good = copy_good_plans(in_dir)
    bad = write_hostile(in_dir)

    result = run_cli("batch", in_dir, "--out", out_dir, "--timeout", "5", "--jobs", "2", cwd=tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    summary = summary_rows(result.stdout)
    assert sorted(summary) == sorted(good + bad)

    plans = assert_store_agrees(out_dir)  # validates every document; CSV and database agree with them
    assert sorted(plans) == sorted(good)  # a JSON for each good plan, none for a hostile file
    for rel in good:
        assert outcome_of(summary[rel]) in OK_OUTCOMES, summary[rel]
        plan = plans[rel]
        assert plan.source.file == Path(rel).name
        assert summary[rel]["recommendations"] == str(len(plan.recommendations))
        assert summary[rel]["actions"] == str(action_count(plan))
        assert summary[rel]["warnings"] == str(len(plan.warnings))
    for rel in bad:
        assert outcome_of(summary[rel]) in FAILURE_OUTCOMES, summary[rel]
        assert not (out_dir / f"{rel}.json").exists()

    database = out_dir / "plans.sqlite"
    assert "owner" in indexed_columns(database, "actions")
    assert "due" in indexed_columns(database, "actions")
    assert "agreement" in indexed_columns(database, "recommendations")
    assert leftovers(out_dir) == []


# -- the same inputs give the same outputs ------------------------------------------------------


def test_rerun_into_the_same_folder_gives_identical_outputs(tmp_path):
    in_dir, out_dir = tmp_path / "plans", tmp_path / "out"
    copy_good_plans(in_dir)
    write_hostile(in_dir, QUICK_HOSTILE)
    args = ("batch", in_dir, "--out", out_dir, "--timeout", "60", "--jobs", "2")

    first = run_cli(*args, cwd=tmp_path)
    assert first.returncode == 1, first.stdout + first.stderr
    documents = {rel: p.read_bytes() for rel, p in plan_documents(out_dir).items()}
    csv_bytes = (out_dir / "actions.csv").read_bytes()
    counts = table_counts(out_dir / "plans.sqlite")
    contents = table_contents(out_dir / "plans.sqlite")

    second = run_cli(*args, cwd=tmp_path)
    assert second.returncode == 1, second.stdout + second.stderr
    assert {rel: p.read_bytes() for rel, p in plan_documents(out_dir).items()} == documents
    assert (out_dir / "actions.csv").read_bytes() == csv_bytes
    assert table_counts(out_dir / "plans.sqlite") == counts  # no duplicated rows
    assert table_contents(out_dir / "plans.sqlite") == contents
    assert leftovers(out_dir) == []


def test_serial_and_process_runners_agree(tmp_path):
    in_dir = tmp_path / "plans"
    copy_good_plans(in_dir)
    serial = run_batch([in_dir], tmp_path / "serial", BatchSettings(runner="serial"))
    processes = run_batch([in_dir], tmp_path / "processes", BatchSettings(runner="process", jobs=2))

    assert [(r.input.relative, r.outcome) for r in serial.results] == [
        (r.input.relative, r.outcome) for r in processes.results
    ]
    assert all(r.outcome in OK_OUTCOMES for r in serial.results), [(r.input, r.message) for r in serial.results]
    assert [r.counts for r in serial.results] == [r.counts for r in processes.results]
    serial_docs = {rel: p.read_bytes() for rel, p in plan_documents(tmp_path / "serial").items()}
    process_docs = {rel: p.read_bytes() for rel, p in plan_documents(tmp_path / "processes").items()}
    assert serial_docs == process_docs
    assert (tmp_path / "serial" / "actions.csv").read_bytes() == (tmp_path / "processes" / "actions.csv").read_bytes()


def test_a_file_that_fails_after_a_good_run_leaves_no_stale_output(tmp_path):
    in_dir, out_dir = tmp_path / "plans", tmp_path / "out"
    sample = sample_plans()[0]
    rel = f"2021/{sample.name}"
    (in_dir / "2021").mkdir(parents=True)
    shutil.copyfile(sample, in_dir / rel)

    first = run_batch([in_dir], out_dir)
    assert [r.outcome in OK_OUTCOMES for r in first.results] == [True]
    assert (out_dir / f"{rel}.json").is_file()

    (in_dir / rel).write_bytes(random.Random(7).randbytes(4096))
    second = run_batch([in_dir], out_dir)
    (result,) = second.results
    assert result.failed and result.outcome in FAILURE_OUTCOMES - {"timeout", "crashed"}, result.outcome
    assert not (out_dir / f"{rel}.json").exists()
    assert plan_documents(out_dir) == {}
    assert read_csv(out_dir / "actions.csv") == []
    assert table_counts(out_dir / "plans.sqlite") == dict.fromkeys(TABLES, 0)
    assert leftovers(out_dir) == []


# -- hostile files one by one (fast ones only: the serial runner has no timeout) ----------------


EXPECTED_OUTCOMES = {
    "empty.pdf": "pdf_unreadable",  # no %PDF header
    "empty.txt": "empty",
    "random.pdf": "pdf_unreadable",
    "encrypted.pdf": "pdf_encrypted",
    "truncated.pdf": None,  # any input error: damaged, or (if a reader recovers a page) no plan in it
    "page-tree-cycle.pdf": "pdf_unreadable",  # malformed: a structural loop, not a scan and not "no plan"
    "self-drawing-form.pdf": "pdf_unreadable",
    "nested-arrays.pdf": None,
}


@pytest.mark.parametrize(("name", "expected"), EXPECTED_OUTCOMES.items())
def test_hostile_file_is_a_clean_input_error(tmp_path, name, expected):
    """Each quick hostile file fails with an input error class (not a crash), and writes no JSON."""
    in_dir, out_dir = tmp_path / "plans", tmp_path / "out"
    write_hostile(in_dir, [name], folders=("",))
    (result,) = run_batch([in_dir], out_dir, BatchSettings(runner="serial")).results
    assert result.failed
    assert result.outcome in FAILURE_OUTCOMES - {"timeout", "crashed"}, (result.outcome, result.message)
    if expected is not None:
        assert result.outcome == expected, result.message
    assert plan_documents(out_dir) == {}


def test_hostile_files_are_small_on_disk(tmp_path):
    paths = [hostile.HOSTILE[name](tmp_path, name) for name in hostile.HOSTILE]
    assert all(path.stat().st_size < 2 * 1024 * 1024 for path in paths), [(p.name, p.stat().st_size) for p in paths]


# -- the summary and the options ---------------------------------------------------------------


def test_summary_table_lists_each_file_with_its_counts_and_outcome(tmp_path, write_plan):
    plan = write_plan(
        [
            "\tHM Prison and Probation Service should:\t\t\t\t",
            "1\tImprove the testing of plans.\tAgreed\tA new test suite has been written.\tDeputy Director\tJune 2021",
            "\t\t\tA second action was agreed.\tHead of Quality\tCompleted",
        ],
        name="plans/good.txt",
    )
    (plan.parent / "empty.txt").write_bytes(b"")
    result = run_cli("batch", "plans", "--out", "out", "--jobs", "1", cwd=tmp_path)

    assert result.returncode == 1
    header, rows = summary_table(result.stdout)
    assert header == SUMMARY_COLUMNS
    assert sorted(rows) == ["empty.txt", "good.txt"]
    assert rows["good.txt"]["recommendations"] == "1"
    assert rows["good.txt"]["actions"] == "2"
    assert outcome_of(rows["good.txt"]) in OK_OUTCOMES
    assert rows["empty.txt"]["actions"] == "-"
    assert outcome_of(rows["empty.txt"]) == "empty"
    assert "1 of 2 files converted" in result.stdout


def test_summary_names_a_file_whose_name_looks_like_markup(tmp_path):
    in_dir = tmp_path / "plans"
    in_dir.mkdir()
    shutil.copyfile(sample_plans()[0], in_dir / "plan [draft].txt")
    (in_dir / "old [red] copy.txt").write_bytes(b"")
    result = run_cli("batch", "plans", "--out", "out", "--jobs", "1", cwd=tmp_path)
    assert result.returncode == 1
    assert sorted(summary_rows(result.stdout)) == ["old [red] copy.txt", "plan [draft].txt"]


def test_same_relative_path_in_two_input_folders_loses_nothing(tmp_path):
    """Each input is either converted to its own outputs or reported as failed; the batch never stops."""
    first, second = sample_plans()[:2]
    for folder, sample in (("2021", first), ("2022", second)):
        (tmp_path / folder).mkdir()
        shutil.copyfile(sample, tmp_path / folder / "plan.txt")
    out_dir = tmp_path / "out"
    report = run_batch([tmp_path / "2021", tmp_path / "2022"], out_dir, BatchSettings(runner="serial"))
    converted = [r for r in report.results if not r.failed]
    assert len(report.results) == 2
    assert len(plan_documents(out_dir)) == len(converted)  # no plan's JSON overwritten by another's
    assert table_counts(out_dir / "plans.sqlite")["plans"] == len(converted)
    assert len({row["file"] for row in read_csv(out_dir / "actions.csv")}) == len(converted)
    failed = [r for r in report.results if r.failed]
    assert [(r.input.path.parent.name, r.outcome) for r in failed] == [("2022", "output_conflict")]
    assert "2021" in failed[0].message
    with sqlite3.connect(out_dir / "plans.sqlite") as db:  # the plan is the first input's, not the conflicting one's
        rows = db.execute("SELECT input, outcome, plan_id FROM files ORDER BY input").fetchall()
    assert [(Path(i).parent.name, o, p) for i, o, p in rows] == [("2021", report.results[0].outcome, 1), ("2022", "output_conflict", None)]


@pytest.mark.parametrize("option", [["--jobs", "0"], ["--timeout", "0"]])
def test_nonpositive_jobs_or_timeout_is_a_usage_error(tmp_path, write_plan, option):
    write_plan(["1\tA recommendation.\tAgreed\tAn action.\tOwner\tJune 2021"], name="plans/good.txt")
    result = run_cli("batch", "plans", "--out", "out", *option, cwd=tmp_path)
    assert result.returncode == 2
    assert option[0] in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


def test_workers_start_from_the_fork_server_while_another_thread_runs(tmp_path):
    """Beside a live thread (the terminal progress bar) workers must not be forked from this process."""
    import threading

    from actionplan_ingest import batch

    in_dir = tmp_path / "plans"
    in_dir.mkdir()
    for sample in sample_plans()[:2]:
        shutil.copyfile(sample, in_dir / sample.name)
    stop = threading.Event()
    ticker = threading.Thread(target=stop.wait, daemon=True)
    ticker.start()
    try:
        assert batch._context().get_start_method() == "forkserver"
        report = run_batch([in_dir], tmp_path / "out", BatchSettings(jobs=2))
    finally:
        stop.set()
        ticker.join()
    assert [r.outcome for r in report.results if r.failed] == []
    assert len(plan_documents(tmp_path / "out")) == 2

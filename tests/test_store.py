"""Stage: the batch out folder as a store (store.py): runs add to it, it always agrees with itself.

Issue 9, defects 5, 6 and 8: a killed run never leaves a mix or temp files,
two batches never share an out folder, and the CSV and database always
describe every plan document in the folder, not only the last run's.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from storecheck import (
    assert_store_agrees,
    leftovers,
    plan_documents,
    read_csv,
    table_counts,
)

from actionplan_ingest.batch import BatchSettings, run_batch
from actionplan_ingest.store import Store

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (REPO / "samples").iterdir() if p.suffix in (".pdf", ".txt"))
SERIAL = BatchSettings(runner="serial")


def copy_samples(folder: Path, names: dict[str, Path]) -> None:
    for name, sample in names.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sample, folder / name)


def snapshot(out_dir: Path) -> tuple:
    """What a reader of the store sees: the documents, the CSV, the database's row counts, its metadata."""
    return (
        {rel: p.read_bytes() for rel, p in plan_documents(out_dir).items()},
        (out_dir / "actions.csv").read_bytes(),
        table_counts(out_dir / "plans.sqlite"),
        (out_dir / "metadata.json").read_bytes(),
    )


# -- the store keeps what earlier runs added (defect 8) ----------------------------------------


def test_a_run_keeps_the_plans_of_earlier_runs(tmp_path):
    out = tmp_path / "out"
    copy_samples(tmp_path / "2021", {"a.txt": SAMPLES[0], "b.pdf": SAMPLES[2]})
    copy_samples(tmp_path / "2022", {"c.txt": SAMPLES[1]})
    run_batch([tmp_path / "2021"], out, SERIAL)
    report = run_batch([tmp_path / "2022"], out, SERIAL)

    assert [r.input.name for r in report.results] == ["c.txt"]
    plans = assert_store_agrees(out)
    assert sorted(plans) == ["a.txt", "b.pdf", "c.txt"]
    with sqlite3.connect(out / "plans.sqlite") as db:  # files: the last run's inputs only
        assert db.execute("SELECT file, outcome, unchanged FROM files").fetchall() == [("c.txt", "ok_with_warnings", 0)]


def test_unchanged_inputs_are_not_converted_again(tmp_path):
    in_dir, out = tmp_path / "plans", tmp_path / "out"
    copy_samples(in_dir, {"a.txt": SAMPLES[0], "b.pdf": SAMPLES[2], "bad.txt": SAMPLES[0]})
    (in_dir / "bad.txt").write_bytes(b"")
    first = run_batch([in_dir], out, SERIAL)
    before = snapshot(out)
    stamps = {rel: p.stat().st_mtime_ns for rel, p in plan_documents(out).items()}

    copy_samples(in_dir, {"new.pdf": SAMPLES[3]})
    second = run_batch([in_dir], out, SERIAL)

    unchanged = {r.input.name: r.unchanged for r in second.results}
    assert unchanged == {"a.txt": True, "b.pdf": True, "bad.txt": True, "new.pdf": False}
    by_name = {r.input.name: r for r in first.results}
    for result in second.results:
        if result.unchanged:  # the same outcome, counts and reason as when it was converted
            earlier = by_name[result.input.name]
            assert (result.outcome, result.counts, result.message) == (earlier.outcome, earlier.counts, earlier.message)
    assert {rel: p.stat().st_mtime_ns for rel, p in plan_documents(out).items() if rel != "new.pdf"} == stamps
    plans = assert_store_agrees(out)
    assert sorted(plans) == ["a.txt", "b.pdf", "new.pdf"]
    assert snapshot(out)[0]["a.txt"] == before[0]["a.txt"]

    (in_dir / "a.txt").write_bytes(SAMPLES[1].read_bytes())  # new bytes: converted again
    third = run_batch([in_dir], out, SERIAL)
    assert {r.input.name: r.unchanged for r in third.results}["a.txt"] is False
    assert assert_store_agrees(out)["a.txt"].source.sha256 == hashlib.sha256(SAMPLES[1].read_bytes()).hexdigest()


def test_clean_empties_the_store_first(tmp_path):
    out = tmp_path / "out"
    copy_samples(tmp_path / "old", {"old.txt": SAMPLES[0]})
    copy_samples(tmp_path / "new", {"new.pdf": SAMPLES[2]})
    run_batch([tmp_path / "old"], out, SERIAL)
    run_batch([tmp_path / "new"], out, SERIAL)
    assert sorted(plan_documents(out)) == ["new.pdf", "old.txt"]

    (out / "notes.json").write_text("{}", encoding="utf-8")  # not a plan: not the store's to remove
    report = run_batch([tmp_path / "new"], out, BatchSettings(runner="serial", clean=True))
    assert [r.unchanged for r in report.results] == [False]  # converted again, not taken from the store
    assert sorted(assert_store_agrees(out, ignore=["notes.json"])) == ["new.pdf"]
    assert report.ignored == ["notes.json"]


def test_the_files_table_holds_each_input_of_the_run_with_its_outcome(tmp_path):
    in_dir, out = tmp_path / "plans", tmp_path / "out"
    copy_samples(in_dir, {"a.txt": SAMPLES[0], "sub/b.pdf": SAMPLES[2]})
    (in_dir / "empty.txt").write_bytes(b"")
    run_batch([in_dir], out, SERIAL)
    with sqlite3.connect(out / "plans.sqlite") as db:
        rows = db.execute(
            "SELECT f.file, f.outcome, f.message IS NOT NULL, p.file FROM files f LEFT JOIN plans p ON p.id = f.plan_id ORDER BY f.file"
        ).fetchall()
    assert rows == [
        ("a.txt", "ok_with_warnings", 0, "a.txt"),
        ("empty.txt", "empty", 1, None),
        ("sub/b.pdf", "ok_with_warnings", 0, "sub/b.pdf"),
    ]


def test_a_json_file_that_is_not_a_plan_is_left_out_and_named(tmp_path):
    in_dir, out = tmp_path / "plans", tmp_path / "out"
    copy_samples(in_dir, {"a.txt": SAMPLES[0]})
    out.mkdir()
    (out / "notes.json").write_text('{"not": "a plan"}', encoding="utf-8")
    report = run_batch([in_dir], out, SERIAL)
    assert report.ignored == ["notes.json"]
    assert sorted(assert_store_agrees(out, ignore=["notes.json"])) == ["a.txt"]
    assert (out / "notes.json").exists()  # not the store's to delete


# -- a kill never leaves a mix (defect 5) ----------------------------------------------------------


def _run_killed_at(in_dir: Path, out: Path, step: int) -> None:
    """Run a batch in a forked child that dies (os._exit: no clean-up runs) at its step-th rename."""
    pid = os.fork()
    if pid == 0:
        calls = [0]
        real_replace = os.replace

        def replace(*args, **kwargs):
            if calls[0] == step:
                os._exit(9)
            calls[0] += 1
            return real_replace(*args, **kwargs)

        os.replace = replace
        try:
            run_batch([in_dir], out, SERIAL)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


@pytest.mark.parametrize("step", range(8))
def test_a_kill_at_any_step_of_the_final_write_leaves_the_store_before_or_after(tmp_path, step):
    in_dir, out, expected = tmp_path / "plans", tmp_path / "out", tmp_path / "expected"
    copy_samples(in_dir, {"a.txt": SAMPLES[0], "b.pdf": SAMPLES[2], "c.pdf": SAMPLES[3]})
    run_batch([in_dir], out, SERIAL)
    before = snapshot(out)
    (in_dir / "a.txt").write_bytes(b"")  # the second run removes a's plan...
    copy_samples(in_dir, {"d.txt": SAMPLES[1], "b.pdf": SAMPLES[4]})  # ...adds d's and replaces b's
    shutil.copytree(out, expected)
    run_batch([in_dir], expected, SERIAL)
    after = snapshot(expected)
    assert after != before

    _run_killed_at(in_dir, out, step)
    with Store.open(out):  # what the next run does first: finish or undo what the killed one left
        pass
    assert snapshot(out) in (before, after)
    assert leftovers(out) == []

    run_batch([in_dir], out, SERIAL)
    assert snapshot(out) == after
    assert_store_agrees(out)


def test_the_next_run_removes_temp_files_that_earlier_versions_left(tmp_path):
    in_dir, out = tmp_path / "plans", tmp_path / "out"
    copy_samples(in_dir, {"a.txt": SAMPLES[0]})
    (out / "sub").mkdir(parents=True)
    left = [out / ".actions.csv.0123456789ab.tmp", out / ".plans.sqlite.0123456789ab.tmp-journal", out / "sub" / ".x.json.ba9876543210.tmp"]
    for path in left:
        path.write_bytes(b"half")
    run_batch([in_dir], out, SERIAL)
    assert [p for p in left if p.exists()] == []
    assert_store_agrees(out)


# -- one batch at a time (defect 6) ----------------------------------------------------------------


def test_a_second_batch_on_the_same_out_folder_is_refused(tmp_path):
    in_dir, out = tmp_path / "plans", tmp_path / "out"
    copy_samples(in_dir, {"a.txt": SAMPLES[0]})
    with Store.open(out):  # another batch holds the store
        result = subprocess.run(
            [sys.executable, "-m", "actionplan_ingest", "batch", str(in_dir), "--out", str(out)],
            capture_output=True, text=True, timeout=120,
        )
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "another batch" in result.stderr and str(out) in result.stderr
    assert plan_documents(out) == {} and not (out / "actions.csv").exists()
    run_batch([in_dir], out, SERIAL)  # the lock went with its holder
    assert sorted(assert_store_agrees(out)) == ["a.txt"]


def test_plans_are_listed_by_path(tmp_path):
    """The CSV and database list plans by their path's parts, so equal stores are byte-identical."""
    copy_samples(tmp_path / "in", {f"{folder}/{i}.txt": SAMPLES[i % 2] for i, folder in enumerate(["b", "a-b", "a/b", "a"])})
    run_batch([tmp_path / "in"], tmp_path / "out", SERIAL)
    files = list(dict.fromkeys(row["file"] for row in read_csv(tmp_path / "out" / "actions.csv")))
    assert files == ["a/3.txt", "a/b/2.txt", "a-b/1.txt", "b/0.txt"]

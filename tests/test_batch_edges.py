"""Stage: the batch at its edges (issue 9): killed parents, memory, output faults, odd folders, conventions.

Run as a user runs it (a subprocess) wherever the behaviour is the
command's: exit codes, the one-line errors, the summary. Output faults
need a small or read-only file system: the tests mount a tmpfs in a
private mount namespace (``unshare``) and are skipped where that is not
allowed.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import hostile
import pytest
from processes import alive, descendants
from storecheck import assert_store_agrees, leftovers, plan_documents

from actionplan_ingest.batch import BatchSettings, run_batch

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (REPO / "samples").iterdir() if p.suffix in (".pdf", ".txt"))
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb", "PYTHONIOENCODING": "utf-8"}
COMMAND = [sys.executable, "-m", "actionplan_ingest"]


def cli(*args: str | Path, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *map(str, args)], cwd=cwd, capture_output=True, text=True, env=ENV, timeout=timeout)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr and "internal error" not in result.stderr
    return lines[0]


def copy_samples(folder: Path, count: int = len(SAMPLES)) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for sample in SAMPLES[:count]:
        shutil.copyfile(sample, folder / sample.name)
    return [s.name for s in SAMPLES[:count]]


def start_slow_batch(tmp_path: Path, timeout: int) -> tuple[subprocess.Popen, set[int]]:
    """A batch of two files that each take far longer than any plan, once both workers run."""
    in_dir = tmp_path / "plans"
    in_dir.mkdir()
    for name in ("slow-1.pdf", "slow-2.pdf"):
        hostile.write_many_text_operators(in_dir, name)
    process = subprocess.Popen(
        [*COMMAND, "batch", str(in_dir), "--out", str(tmp_path / "out"), "--jobs", "2", "--timeout", str(timeout)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # resource tracker, fork server and two workers
        workers = descendants(process.pid)
        if len(workers) >= 4:
            return process, workers
        time.sleep(0.1)
    process.kill()
    pytest.fail("the batch's workers never started")


# -- defect 1: workers die with their parent ---------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_a_killed_batch(tmp_path, signal_number):
    timeout = 60
    process, workers = start_slow_batch(tmp_path, timeout)
    os.kill(process.pid, signal_number)
    process.communicate(timeout=30)
    deadline = time.monotonic() + 5  # far less than the timeout: they die with the batch, not at their deadline
    while alive(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = alive(workers)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == set(), f"{len(left)} of the batch's processes outlived it"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_stops_the_batch_with_one_line_and_exit_130(tmp_path):
    process, workers = start_slow_batch(tmp_path, 60)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends: the whole process group
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines == ["actionplan-ingest: error: interrupted (Ctrl-C)"], stderr
    assert "Traceback" not in stdout
    time.sleep(1)
    assert alive(workers) == set()
    assert plan_documents(tmp_path / "out") == {} and leftovers(tmp_path / "out") == []


# -- defect 2: memory flat in the batch, the cap the worker's own -----------------------------------


def test_the_memory_cap_counts_only_the_workers_own_memory(tmp_path):
    """A parent holding far more than the cap still has its files converted: workers do not inherit it."""
    copy_samples(tmp_path / "plans")
    ballast = bytearray(600 * 1024 * 1024)  # address space in this process (pages untouched, so cheap)
    try:
        report = run_batch([tmp_path / "plans"], tmp_path / "out", BatchSettings(jobs=2, memory_limit_mb=400))
    finally:
        del ballast
    assert [(r.input.name, r.outcome) for r in report.results if r.failed] == []


def _parent_peak(tmp_path: Path, copies: int) -> int:
    """The peak of the parent's Python allocations over a batch of copies of the text samples."""
    in_dir = tmp_path / f"plans-{copies}"
    for copy in range(copies):
        for sample in (s for s in SAMPLES if s.suffix == ".txt"):
            (in_dir / f"copy{copy}").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sample, in_dir / f"copy{copy}" / sample.name)
    tracemalloc.start()
    try:
        run_batch([in_dir], tmp_path / f"out-{copies}", BatchSettings(jobs=2))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_parent_does_not_hold_the_plans(tmp_path):
    """Five times the files, about the same peak of the parent's own allocations."""
    small, large = _parent_peak(tmp_path, 3), _parent_peak(tmp_path, 15)
    assert large < 1.5 * small, (small, large)


def test_a_decompression_bomb_is_out_of_memory(tmp_path):
    in_dir = tmp_path / "plans"
    in_dir.mkdir()
    hostile.write_flate_bomb(in_dir, "bomb.pdf")  # inflates to 400 MB
    copy_samples(in_dir, 1)
    report = run_batch([in_dir], tmp_path / "out", BatchSettings(jobs=2, memory_limit_mb=300, timeout=60))
    results = {r.input.name: r for r in report.results}
    assert {name: r.outcome for name, r in results.items()} == {"bomb.pdf": "out_of_memory", SAMPLES[0].name: "ok_with_warnings"}
    assert "memory cap" in results["bomb.pdf"].message


def test_extract_has_a_memory_cap(tmp_path):
    """A 2 MB file that inflates to 2 GB stops at the cap: one line, exit 1, never gigabytes."""
    hostile.write_flate_bomb(tmp_path, "bomb.pdf", megabytes=2000)
    started = time.monotonic()
    result = cli("extract", "bomb.pdf", cwd=tmp_path, timeout=120)
    assert result.returncode == 1
    assert "memory cap" in one_line_error(result) and "bomb.pdf" in result.stderr
    assert time.monotonic() - started < 60


# -- defect 7: output faults are one-line errors naming the path ------------------------------------


def _in_mount_namespace(tmp_path: Path, mount_options: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command with a fresh tmpfs (mount_options) mounted on tmp_path/out, seen by it alone."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    (tmp_path / "out").mkdir(exist_ok=True)
    probe = subprocess.run(["unshare", "-rm", "mount", "-t", "tmpfs", "tmpfs", str(tmp_path / "out")], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no private mount namespace here")
    script = f'mount -t tmpfs -o {mount_options} tmpfs "$1" && shift && exec "$@"'
    command = ["unshare", "-rm", "sh", "-c", script, "sh", str(tmp_path / "out"), *COMMAND, *args]
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=ENV, timeout=180)


def test_a_full_disk_is_a_one_line_error_with_the_summary(tmp_path):
    copy_samples(tmp_path / "plans")
    result = _in_mount_namespace(tmp_path, "size=96k", "batch", "plans", "--out", "out", "--jobs", "2")
    assert result.returncode == 3, result.stdout + result.stderr
    line = one_line_error(result)
    assert "out/" in line and "No space left on device" in line
    assert "files converted" in result.stdout and "as it was before this run" in result.stdout


def test_a_read_only_out_folder_is_a_one_line_error(tmp_path):
    copy_samples(tmp_path / "plans", 1)
    result = _in_mount_namespace(tmp_path, "ro", "batch", "plans", "--out", "out")
    assert result.returncode == 3, result.stdout + result.stderr
    line = one_line_error(result)
    assert "out" in line and "Read-only file system" in line


# -- defect 8: refused out folders and inputs --------------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "out", "reason"),
    [("plans", "plans", "input"), ("plans", ".", "input"), ("plans/a.txt", "plans", "input"), ("plans", "plans/a.txt", "not a folder")],
    ids=["same", "above", "holds-a-file", "a-file"],
)
def test_an_out_folder_that_is_or_holds_an_input_is_refused(tmp_path, inputs, out, reason):
    (tmp_path / "plans").mkdir()
    shutil.copyfile(SAMPLES[0], tmp_path / "plans" / "a.txt")
    result = cli("batch", inputs, "--out", out, cwd=tmp_path)
    assert result.returncode == 2
    assert reason in one_line_error(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"] and sorted(os.listdir(tmp_path / "plans")) == ["a.txt"]


def test_an_out_folder_inside_the_input_folder_is_left_out_of_the_search(tmp_path):
    copy_samples(tmp_path / "plans", 2)
    first = cli("batch", "plans", "--out", "plans/out", cwd=tmp_path)
    second = cli("batch", "plans", "--out", "plans/out", cwd=tmp_path)
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert sorted(assert_store_agrees(tmp_path / "plans" / "out")) == [s.name for s in SAMPLES[:2]]


@pytest.mark.parametrize("contents", [[], ["notes.md", "sub/readme.rst"]], ids=["empty", "no-plan-files"])
def test_inputs_that_hold_no_plan_file_are_refused(tmp_path, contents):
    (tmp_path / "plans").mkdir()
    for name in contents:
        (tmp_path / "plans" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "plans" / name).write_text("text", encoding="utf-8")
    result = cli("batch", "plans", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert "no plan file" in one_line_error(result)
    assert not (tmp_path / "out").exists()


# -- defect 9: names, links ----------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_a_file_name_that_is_not_utf8(tmp_path):
    in_dir = tmp_path / "plans"
    in_dir.mkdir()
    name = os.fsdecode(b"plan-\xe9t\xe9.txt")  # Latin-1 bytes
    shutil.copyfile(SAMPLES[0], in_dir / name)
    result = cli("batch", "plans", "--out", "out", "--summary-json", "summary.json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "plan-\\xe9t\\xe9.txt" in result.stdout
    plans = assert_store_agrees(tmp_path / "out")
    (plan,) = plans.values()
    assert plan.source.file == "plan-\\xe9t\\xe9.txt"
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["files"][0]["file"] == "plan-\\xe9t\\xe9.txt"


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_links_to_folders_are_followed_and_loops_reported(tmp_path):
    copy_samples(tmp_path / "elsewhere", 1)
    in_dir = tmp_path / "plans"
    copy_samples(in_dir / "real", 2)
    (in_dir / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (in_dir / "real" / "loop").symlink_to(in_dir, target_is_directory=True)
    (in_dir / "gone").symlink_to(tmp_path / "nowhere")
    report = run_batch([in_dir], tmp_path / "out", BatchSettings(runner="serial"))
    outcomes = {r.input.name: r.outcome.split(":")[0] for r in report.results}
    assert outcomes == {
        f"linked/{SAMPLES[0].name}": "ok_with_warnings",
        f"real/{SAMPLES[0].name}": "ok_with_warnings",
        f"real/{SAMPLES[1].name}": "ok_with_warnings",
        "real/loop": "skipped",
        "gone": "skipped",
    }
    messages = {r.input.name: r.message for r in report.results}
    assert "loop" in messages["real/loop"] and "broken link" in messages["gone"]
    assert not any(r.failed for r in report.results)


# -- defect 10: the conventions a user reaches for ------------------------------------------------------


def test_version_and_short_help(tmp_path):
    from actionplan_ingest import __version__

    version = cli("--version", cwd=tmp_path)
    assert (version.returncode, version.stdout.strip()) == (0, f"actionplan-ingest {__version__}")
    for args in (["-h"], ["batch", "-h"], ["extract", "-h"]):
        result = cli(*args, cwd=tmp_path)
        assert result.returncode == 0 and "Usage" in result.stdout, args


def test_help_lists_the_exit_codes(tmp_path):
    text = " ".join(cli("--help", cwd=tmp_path).stdout.split())
    for code in ("0 success", "1 a document failed", "2 bad usage", "3 an output could not be written", "130 interrupted"):
        assert code in text, code


def test_batch_takes_o_and_writes_a_summary_json_that_says_where_the_outputs_are(tmp_path):
    names = copy_samples(tmp_path / "plans", 2)
    (tmp_path / "plans" / "empty.txt").write_bytes(b"")
    result = cli("batch", "plans", "-o", "out", "--summary-json", "summary.json", cwd=tmp_path)
    assert result.returncode == 1
    assert "outputs: out/<input path>.json per plan, out/actions.csv, out/plans.sqlite" in result.stdout
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["outputs"] == {"csv": "out/actions.csv", "database": "out/plans.sqlite"}
    assert summary["totals"] == {"files": 3, "converted": 2, "unchanged": 0, "failed": 1, "skipped": 0}
    by_file = {f["file"]: f for f in summary["files"]}
    assert sorted(by_file) == sorted([*names, "empty.txt"])
    assert by_file["empty.txt"]["outcome"] == "empty" and by_file["empty.txt"]["message"]
    plans = assert_store_agrees(tmp_path / "out")
    for name in names:
        assert by_file[name]["actions"] == sum(len(r.actions) for r in plans[name].recommendations)

    again = cli("batch", "plans", "-o", "out", "--summary-json", "summary.json", cwd=tmp_path)
    assert "unchanged since the last run" in again.stdout
    assert json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))["totals"]["unchanged"] == 3


# -- acceptance: kill -9 at random moments (the small version of bench/kill_batch.py) -------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_at_random_moments_leaves_no_worker_and_a_store_that_agrees(tmp_path):
    from actionplan_ingest.store import Store

    in_dir, out, timeout = tmp_path / "plans", tmp_path / "out", 5
    for copy in range(8):
        copy_samples(in_dir / f"copy{copy}", 2)  # the two text plans: quick, so a run is a few seconds
    command = [*COMMAND, "batch", str(in_dir), "--out", str(out), "--clean", "--jobs", "2", "--timeout", str(timeout)]
    rng = random.Random(5)
    for moment in (rng.uniform(0.2, 4.0) for _ in range(4)):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, start_new_session=True)
        started, seen = time.monotonic(), set()
        while time.monotonic() - started < moment and process.poll() is None:
            seen.update(descendants(process.pid))
            time.sleep(0.005)
        seen.update(descendants(process.pid))
        process.kill()
        process.wait()
        deadline = time.monotonic() + timeout + 2
        while alive(seen) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert alive(seen) == set(), f"killed at {moment:.2f} s"
        with Store.open(out):  # the next run's first step
            pass
        if (out / "actions.csv").exists():
            assert_store_agrees(out)
        else:
            assert plan_documents(out) == {} and leftovers(out) == []
    final = subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=180)
    assert final.returncode == 0, final.stdout + final.stderr
    assert len(assert_store_agrees(out)) == 16

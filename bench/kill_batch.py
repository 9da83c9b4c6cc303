"""Kill -9 a batch at random moments: no worker outlives it, and the store always agrees with itself.

Run: .venv/bin/python bench/kill_batch.py [--files 200] [--kills 20] [--timeout 10] [--seed 1]

Builds a folder of --files plans (copies of samples/, each made unique) and,
--kills times, starts `actionplan-ingest batch --clean` on it (so every run
converts every file), kills the batch process with SIGKILL at a random
moment of its run (seeded; spread over the time a whole run takes, commit
included), then checks:

- every process the batch had started (fork server, workers) is gone within
  --timeout + 2 s of the kill (reported: the slowest, in seconds);
- after the next run's first step (``Store.open``: finish or undo what the
  killed run left), actions.csv, plans.sqlite and the JSON documents agree
  and no temp, staged or journal file is left anywhere.

Finally one run goes to the end and is checked the same way. Exit 1 on any
failure. Linux only (reads /proc).
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bench_batch import make_inputs  # noqa: E402
from processes import alive, descendants  # noqa: E402
from storecheck import assert_store_agrees, plan_documents  # noqa: E402

from actionplan_ingest.store import Store  # noqa: E402


def batch_command(inputs: Path, out: Path, timeout: float) -> list[str]:
    return [sys.executable, "-m", "actionplan_ingest", "batch", str(inputs), "--out", str(out), "--clean",
            "--jobs", "2", "--timeout", str(timeout)]


def kill_at(command: list[str], moment: float, grace: float) -> tuple[float, int]:
    """Run command, SIGKILL it after moment seconds; (seconds until all it started were gone, how many)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    started, seen = time.monotonic(), set()
    while time.monotonic() - started < moment and process.poll() is None:
        seen |= descendants(process.pid)
        time.sleep(0.005)
    seen |= descendants(process.pid)
    process.kill()
    process.wait()
    killed = time.monotonic()
    while alive(seen) and time.monotonic() - killed < grace + 5:
        time.sleep(0.01)
    left = alive(seen)
    for pid in left:  # clean up before reporting, so one failure does not spoil the next round
        os.kill(pid, signal.SIGKILL)
    return (time.monotonic() - killed if not left else float("inf")), len(seen)


def check_store(out: Path) -> int:
    if not out.exists():
        return 0
    with Store.open(out):  # what the next run does first
        pass
    if not (out / "actions.csv").exists():  # killed before the first commit: nothing but the store's own folder
        assert plan_documents(out) == {}, "documents without actions.csv"
        return 0
    return len(assert_store_agrees(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        inputs, out = Path(folder) / "plans", Path(folder) / "out"
        make_inputs(inputs, args.files)
        command = batch_command(inputs, out, args.timeout)
        started = time.monotonic()
        subprocess.run(command, check=False, capture_output=True)
        whole = time.monotonic() - started
        print(f"{args.files} files; a whole run takes {whole:.1f} s; killing at random moments in [0, {whole * 1.05:.1f}] s")
        slowest = 0.0
        for round_number in range(1, args.kills + 1):
            moment = rng.uniform(0, whole * 1.05)
            took, processes = kill_at(command, moment, args.timeout + 2)
            slowest = max(slowest, took)
            try:
                plans = check_store(out)
                verdict = f"store agrees ({plans} plans)"
            except AssertionError as exc:
                failures += 1
                verdict = f"STORE DISAGREES: {exc}"
            if took > args.timeout + 2:
                failures += 1
            print(f"kill {round_number:2d} at {moment:6.2f} s: {processes} processes gone in {took:5.2f} s; {verdict}")
        final = subprocess.run(command, capture_output=True, text=True)
        plans = check_store(out)
        print(f"final run: exit {final.returncode}, {plans} plans, store agrees, nothing left over")
        print(f"slowest death after a kill: {slowest:.2f} s (limit: --timeout + 2 = {args.timeout + 2:g} s); failures: {failures}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

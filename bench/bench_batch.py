"""Batch at scale: memory flat in the number of files, files/s, and a re-run that costs only the new files.

Run: .venv/bin/python bench/bench_batch.py [--small 100] [--large 1000] [--jobs 2]

Builds folders of copies of samples/ (PDFs and text extractions) and runs
whole `actionplan-ingest batch` processes on them, as a user would:

1. --small files into a new store, then --large files into another;
2. the --large folder again, plus 10 new files, into the same store.

Reported: files/s of each first run; the peak resident memory (VmHWM) of
the batch process and of its largest worker, at both sizes, with the ratio
large/small (flat memory: about 1); and the re-run's time as a share of the
first run's (the aim: under 10%). Peaks are sampled from /proc every few
milliseconds (Linux), so a worker's figure is the most it was seen using.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [p for p in sorted((ROOT / "samples").iterdir()) if p.suffix in (".pdf", ".txt")]
POLL = 0.005  # seconds between samples of /proc


def make_inputs(folder: Path, files: int, start: int = 0) -> None:
    """files copies of the samples, round them, in folders of 50; each copy made unique by a trailing line
    (a text plan) or trailing comment (a PDF), so no two inputs have the same bytes."""
    for index in range(start, start + files):
        sample = SAMPLES[index % len(SAMPLES)]
        target = folder / f"part{index // 50:03d}" / f"{index:05d}-{sample.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        tail = f"\n% copy {index}\n" if sample.suffix == ".pdf" else "\n\n"
        target.write_bytes(sample.read_bytes() + tail.encode() + (b"" if sample.suffix == ".pdf" else b" " * (index % 7)))


@dataclass
class Run:
    seconds: float
    parent_kib: int
    worker_kib: int
    exit_code: int


def _hwm(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def run_batch(inputs: Path, out: Path, jobs: int) -> Run:
    command = [sys.executable, "-m", "actionplan_ingest", "batch", str(inputs), "--out", str(out), "--jobs", str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    parent = worker = 0
    while process.poll() is None:
        parent = max(parent, _hwm(process.pid))
        for server in _children(process.pid):  # the fork server (and resource tracker); workers are its children
            for child in _children(server):
                worker = max(worker, _hwm(child))
        time.sleep(POLL)
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        sys.exit(f"batch failed ({process.returncode}): {process.stderr.read().decode()}")
    return Run(seconds, parent, worker, process.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        make_inputs(base / "small", args.small)
        make_inputs(base / "large", args.large)
        small = run_batch(base / "small", base / "out-small", args.jobs)
        large = run_batch(base / "large", base / "out-large", args.jobs)
        make_inputs(base / "large", 10, start=args.large)
        again = run_batch(base / "large", base / "out-large", args.jobs)
        shutil.rmtree(base / "small")

    print(f"{os.cpu_count()} cores, --jobs {args.jobs}, samples/ copied round ({len(SAMPLES)} plans: PDF and text)")
    print(f"{'run':34} {'files':>6} {'seconds':>8} {'files/s':>8} {'parent MiB':>11} {'worker MiB':>11}")
    for name, files, run in (
        ("first run, small", args.small, small),
        ("first run, large", args.large, large),
        ("again, large + 10 new files", args.large + 10, again),
    ):
        print(f"{name:34} {files:6d} {run.seconds:8.2f} {files / run.seconds:8.1f} "
              f"{run.parent_kib / 1024:11.1f} {run.worker_kib / 1024:11.1f}")
    print(f"peak memory, large / small: parent {large.parent_kib / small.parent_kib:.2f}x, "
          f"worker {large.worker_kib / small.worker_kib:.2f}x (flat: about 1)")
    print(f"re-run with 10 new files / first run: {again.seconds / large.seconds:.1%} (aim: under 10%)")


if __name__ == "__main__":
    main()

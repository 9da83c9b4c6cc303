"""Batch throughput: files per second with --jobs 1 and --jobs 2, in one run.

Run: .venv/bin/python bench/bench_batch.py [--copies N] [--rounds R]

Builds a folder of many plans (N copies of every sample in samples/, PDFs
and text extractions) and times whole `actionplan-ingest batch` processes on
it, alternating --jobs 1 and --jobs 2. Reported: median wall time, files per
second and the speed-up of two workers over one (aim: >= 1.8x on two cores).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_inputs(folder: Path, copies: int) -> int:
    samples = [p for p in sorted((ROOT / "samples").iterdir()) if p.suffix in (".pdf", ".txt")]
    for copy in range(copies):
        target = folder / f"copy{copy:02d}"
        target.mkdir(parents=True)
        for sample in samples:
            shutil.copy(sample, target / sample.name)
    return copies * len(samples)


def run_batch(inputs: Path, out: Path, jobs: int) -> float:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "actionplan_ingest", "batch", str(inputs), "--out", str(out), "--jobs", str(jobs)],
        check=True, capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="copies of the samples folder")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        inputs, out = Path(folder) / "plans", Path(folder) / "out"
        files = make_inputs(inputs, args.copies)
        times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(args.rounds):
            for jobs in (1, 2):
                times[jobs].append(run_batch(inputs, out, jobs))
        one, two = statistics.median(times[1]), statistics.median(times[2])
        print(f"{files} files ({args.copies} copies of samples/), {os.cpu_count()} cores, median of {args.rounds} rounds")
        print(f"  --jobs 1: {one:6.2f} s  {files / one:6.1f} files/s")
        print(f"  --jobs 2: {two:6.2f} s  {files / two:6.1f} files/s")
        print(f"  speed-up: {one / two:.2f}x (aim >= 1.8x)")


if __name__ == "__main__":
    main()

"""Batch throughput: pages and files per second with each PDF engine, --jobs 1 and --jobs 2, in one run.

Run: .venv/bin/python bench/bench_batch.py [--copies N] [--rounds R] [--jobs 1 2] [--engines pdfium pdfplumber]

Builds a folder of many plans (N copies of every sample in samples/, PDFs
and text extractions: 20 copies are 100 plans; ``--forms pdf`` copies the
PDFs alone, 34 copies are 102 PDF plans) and times whole
`actionplan-ingest batch` processes on it, alternating engines and job
counts round by round. Reported: median wall time, PDF pages and files per
second, the speed-up of each engine over pdfplumber (the engine every batch
used before pdfium) and of two workers over one.
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


def make_inputs(folder: Path, copies: int, forms: list[str]) -> tuple[int, int]:
    """The files and PDF pages written."""
    import pypdfium2

    samples = [p for p in sorted((ROOT / "samples").iterdir()) if p.suffix.lstrip(".") in forms]
    pages = 0
    for sample in samples:
        if sample.suffix == ".pdf":
            document = pypdfium2.PdfDocument(sample)
            pages += len(document)
            document.close()
    for copy in range(copies):
        target = folder / f"copy{copy:02d}"
        target.mkdir(parents=True)
        for sample in samples:
            shutil.copy(sample, target / sample.name)
    return copies * len(samples), copies * pages


def run_batch(inputs: Path, out: Path, jobs: int, engine: str) -> float:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    command = [sys.executable, "-m", "actionplan_ingest", "batch", str(inputs), "--out", str(out), "--jobs", str(jobs)]
    subprocess.run([*command, "--pdf-engine", engine], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="copies of the samples folder")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--engines", nargs="*", default=["pdfium", "pdfplumber"])
    parser.add_argument("--forms", nargs="*", default=["pdf", "txt"], help="which samples to copy (pdf: pages/s of PDFs alone)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        inputs, out = Path(folder) / "plans", Path(folder) / "out"
        files, pages = make_inputs(inputs, args.copies, args.forms)
        times: dict[tuple[str, int], list[float]] = {}
        for _ in range(args.rounds):
            for engine in args.engines:
                for jobs in args.jobs:
                    times.setdefault((engine, jobs), []).append(run_batch(inputs, out, jobs, engine))
        medians = {key: statistics.median(values) for key, values in times.items()}
        print(
            f"{files} files ({pages} PDF pages; {args.copies} copies of samples/), {os.cpu_count()} cores,"
            f" median of {args.rounds} rounds"
        )
        for (engine, jobs), seconds in medians.items():
            print(f"  {engine:10} --jobs {jobs}: {seconds:6.2f} s  {pages / seconds:6.1f} pages/s  {files / seconds:5.1f} files/s")
        for jobs in args.jobs:
            if ("pdfplumber", jobs) in medians:
                for engine in args.engines:
                    ratio = medians[("pdfplumber", jobs)] / medians[(engine, jobs)]
                    print(f"  --jobs {jobs}: {engine} pages/s = {ratio:.2f}x pdfplumber's")
        for engine in args.engines:
            if (engine, 1) in medians and (engine, 2) in medians:
                print(f"  {engine}: --jobs 2 is {medians[(engine, 1)] / medians[(engine, 2)]:.2f}x --jobs 1")


if __name__ == "__main__":
    main()

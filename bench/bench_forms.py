"""Each input form against the PDF path: ms per plan on the same plans, in one run.

Run: .venv/bin/python bench/bench_forms.py [--seconds S] [FOLDER...]

The shared dev plans (default ../shared/dev and ../shared/dev2) come in
several forms of the same plans: the published PDF, tab-separated text
(``.txt``), plain ``pdftotext`` text (``.raw.txt``), ``pdftotext -layout``
text (``.layout.txt``) and Word (``.docx``). Every file is extracted in this
process, round after round, all forms in each round, so that every form sees
the same machine state. Reported per form: the median ms per plan over the
plans the tool reads both in that form and as a PDF, and its ratio to the
PDF path on those same plans (the baseline: the form plans are published
in). A plan or form the tool does not read is listed as such. One core: the
loop is single-threaded.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from actionplan_ingest import extract
from actionplan_ingest.errors import IngestError

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT.parent / "shared" / "dev", ROOT.parent / "shared" / "dev2"]
FORMS = {  # form name -> the file suffixes that hold it
    "pdf": [".pdf"],
    "tab text": [".txt"],
    "plain text": [".raw", ".txt"],
    "layout text": [".layout", ".txt"],
    "docx": [".docx"],
}


def plan_of(path: Path) -> str:
    return path.name.split(".", 1)[0]


def readable(folders: list[Path], suffixes: list[str]) -> dict[str, Path]:
    """The form's files the tool reads, by plan (this also warms up imports and patterns)."""
    found = {}
    for path in sorted(p for folder in folders for p in folder.glob("*") if p.suffixes == suffixes):
        try:
            extract(path)
        except IngestError as error:
            print(f"  not read: {path.name} ({error})")
            continue
        found[plan_of(path)] = path
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--seconds", type=float, default=5.0, help="time per form, spread over the rounds")
    args = parser.parse_args()
    folders = args.folders or FOLDERS
    forms = {name: readable(folders, suffixes) for name, suffixes in FORMS.items()}
    if not forms["pdf"]:
        raise SystemExit("no readable PDF plans found: the PDF path is the baseline")
    timed = {name: files for name, files in forms.items() if files}
    times: dict[Path, list[float]] = {path: [] for files in timed.values() for path in files.values()}
    deadline = time.perf_counter() + args.seconds * len(timed)
    while time.perf_counter() < deadline or min(len(t) for t in times.values()) < 5:
        for path, runs in times.items():
            started = time.perf_counter()
            extract(path)
            runs.append(1000.0 * (time.perf_counter() - started))
    ms = {path: statistics.median(runs) for path, runs in times.items()}
    pdf = forms["pdf"]
    rounds = min(len(t) for t in times.values())
    print(f"plans read as PDF: {len(pdf)} ({', '.join(sorted(pdf))}); median of {rounds}+ rounds per file")
    for name, files in forms.items():
        common = sorted(set(files) & set(pdf))
        if not common:
            print(f"  {name:12s} {'not read':>12s}")
            continue
        form_ms = sum(ms[files[plan]] for plan in common) / len(common)
        pdf_ms = sum(ms[pdf[plan]] for plan in common) / len(common)
        print(f"  {name:12s} {form_ms:9.1f} ms/plan  {form_ms / pdf_ms:6.2f}x the PDF path ({pdf_ms:.1f} ms/plan)"
              f" on {len(common)} plans")


if __name__ == "__main__":
    main()

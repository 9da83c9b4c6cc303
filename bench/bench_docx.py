"""Word path: ms per plan of ``extract`` on the .docx of each shared plan, beside every other form of the same plans.

Run: .venv/bin/python bench/bench_docx.py [--seconds S] [--shared DIR]

All in one process and one run, on the plans of ../shared/dev and
../shared/dev2, which each come as .docx, .pdf, tab-separated .txt,
.layout.txt and .raw.txt: for every form, the whole pipeline (``extract``,
then the JSON written to a string) on each of its plans. Rounds alternate
between the forms (so a busy machine slows them alike) until ``--seconds``
per form have passed; each form's median round is reported as ms per plan
and as a ratio to the Word reader's. A form this build cannot read is
reported as such.

Baseline for the Word reader itself: python-docx opening the same files and
visiting every table cell's paragraphs (the least a Word reader must do), so
the ratio says what reading the table and the plan costs over that.
One core: the loops are single-threaded; imports and first-use compiling are
warmed up before timing.
"""
from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import docx

from actionplan_ingest import extract
from actionplan_ingest.errors import IngestError
from actionplan_ingest.export.json import plan_json

ROOT = Path(__file__).resolve().parents[1]
FORMS = (".docx", ".pdf", ".txt", ".layout.txt", ".raw.txt")


def python_docx_baseline(path: Path) -> int:
    document = docx.Document(str(path))
    return sum(len(cell.paragraphs) for table in document.tables for row in table.rows for cell in row.cells)


def pipeline(path: Path) -> int:
    return len(plan_json(extract(path)))


def ms_per_plan(works: dict[str, tuple[Callable[[Path], int], list[Path]]], seconds: float) -> dict[str, float]:
    """Each work's median over alternating rounds of the mean milliseconds per file."""
    for work, files in works.values():
        for path in files:
            work(path)  # warm up: imports, compiled patterns
    rounds: dict[str, list[float]] = {name: [] for name in works}
    spent = 0.0
    while spent < seconds * len(works) or min(map(len, rounds.values())) < 3:
        for name, (work, files) in works.items():
            started = time.perf_counter()
            for path in files:
                work(path)
            elapsed = time.perf_counter() - started
            spent += elapsed
            rounds[name].append(elapsed * 1000.0 / len(files))
    return {name: statistics.median(times) for name, times in rounds.items()}


def plans(shared: Path) -> list[Path]:
    """Each plan's path without its form suffix: every plan that has a .docx and a gold JSON."""
    return sorted(p.with_suffix("") for folder in ("dev", "dev2") for p in (shared / folder).glob("*.docx")
                  if p.with_suffix(".json").exists())


def readable(files: list[Path]) -> str | None:
    """None when this build reads every file; else why not (the first error)."""
    for path in files:
        try:
            extract(path)
        except IngestError as error:
            return str(error)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    stems = plans(args.shared)
    if not stems:
        raise SystemExit(f"no .docx plans with gold in {args.shared}/dev or dev2")
    print(f"plans: {len(stems)} ({', '.join(s.name for s in stems)}), ~{args.seconds:g} s per measurement, one core")
    word_files = [s.with_name(s.name + ".docx") for s in stems]
    works: dict[str, tuple[Callable[[Path], int], list[Path]]] = {
        "python-docx open + visit cells": (python_docx_baseline, word_files),
        "extract .docx": (pipeline, word_files),
    }
    for form in FORMS[1:]:
        files = [s.with_name(s.name + form) for s in stems if s.with_name(s.name + form).exists()]
        why_not = readable(files)
        if why_not is None:
            works[f"extract {form}"] = (pipeline, files)
        else:
            print(f"{'extract ' + form:<32}  not read by this build ({why_not})")
    ms = ms_per_plan(works, args.seconds)
    word = ms["extract .docx"]
    for name, value in ms.items():
        note = "baseline for the Word reader" if name.startswith("python-docx") else (
            "the Word reader" if name == "extract .docx" else f"{value / word:5.2f}x the Word reader's time"
        )
        print(f"{name:<32} {value:8.2f} ms/plan   {note}")
    print(f"Word reader / python-docx baseline: {word / ms['python-docx open + visit cells']:.2f}x")


if __name__ == "__main__":
    main()

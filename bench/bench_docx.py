"""Word path: CPU ms per plan of the Word reader and of ``extract``, beside every other form of the same plans.

Run: .venv/bin/python bench/bench_docx.py [--seconds S] [--shared DIR]

All in one process and one run, on the plans of ../shared/dev and
../shared/dev2, which each come as .docx, .pdf, tab-separated .txt,
.layout.txt and .raw.txt. Measured on the same plans in every form: those
this build reads in each form it reads at all (a form it reads in no plan is
named and left out). Two measures per form: the reader alone
(``readers.read``: file -> table rows) and the whole pipeline (``extract``,
then the JSON written to a string). Rounds alternate between the forms until ``--seconds`` of CPU per
form have passed; each form's median round is reported as CPU milliseconds
per plan (process time, so other work on a shared machine does not count)
and as a ratio to the Word form's.

Baseline for the Word reader: python-docx's own ``Document()`` on the same
files, visiting every table cell's paragraphs (the obvious way to read a
Word table), so the ratio says what our reader costs against it.
Imports and first-use compiling are warmed up before timing.
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
from actionplan_ingest.readers import read

ROOT = Path(__file__).resolve().parents[1]
FORMS = (".docx", ".pdf", ".txt", ".layout.txt", ".raw.txt")
Work = Callable[[Path], object]


def python_docx_baseline(path: Path) -> int:
    document = docx.Document(str(path))
    return sum(len(cell.paragraphs) for table in document.tables for row in table.rows for cell in row.cells)


def pipeline(path: Path) -> int:
    return len(plan_json(extract(path)))


def cpu_ms_per_plan(works: dict[str, tuple[Work, list[Path]]], seconds: float) -> dict[str, float]:
    """Each work's median over alternating rounds of the mean CPU milliseconds per file."""
    for work, files in works.values():
        for path in files:
            work(path)  # warm up: imports, compiled patterns
    rounds: dict[str, list[float]] = {name: [] for name in works}
    spent = 0.0
    while spent < seconds * len(works) or min(map(len, rounds.values())) < 3:
        for name, (work, files) in works.items():
            started = time.process_time()
            for path in files:
                work(path)
            elapsed = time.process_time() - started
            spent += elapsed
            rounds[name].append(elapsed * 1000.0 / len(files))
    return {name: statistics.median(times) for name, times in rounds.items()}


def plans(shared: Path) -> list[Path]:
    """Each plan's path without its form suffix: every plan that has a .docx and a gold JSON."""
    return sorted(p.with_suffix("") for folder in ("dev", "dev2") for p in (shared / folder).glob("*.docx")
                  if p.with_suffix(".json").exists())


def read_by_this_build(path: Path) -> str | None:
    """None when this build reads the file; else why not."""
    try:
        extract(path)
    except IngestError as error:
        return str(error)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="CPU seconds per measurement")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    stems = plans(args.shared)
    if not stems:
        raise SystemExit(f"no .docx plans with gold in {args.shared}/dev or dev2")
    print(f"plans: {len(stems)} ({', '.join(s.name for s in stems)}); ~{args.seconds:g} CPU s per measurement, one core")
    refused = {(stem, form): why for stem in stems for form in FORMS
               if (why := read_by_this_build(stem.with_name(stem.name + form))) is not None}
    forms = [form for form in FORMS if any((stem, form) not in refused for stem in stems)]
    common = [stem for stem in stems if not any((stem, form) in refused for form in forms)]
    for form in FORMS:
        reasons = [why for (_, refused_form), why in refused.items() if refused_form == form]
        if form not in forms:
            print(f"  {form}: left out, this build reads none of them ({reasons[0]})")
        for why in reasons if form in forms else ():
            print(f"  {form}: plan left out, not read by this build: {why}")
    print(f"measured: {', '.join(forms)} on {len(common)} plans read in all of them ({', '.join(s.name for s in common)})")
    works: dict[str, tuple[Work, list[Path]]] = {}
    for form in forms:
        files = [stem.with_name(stem.name + form) for stem in common]
        works[f"read {form}"] = (read, files)
        works[f"extract {form}"] = (pipeline, files)
    works["python-docx Document() + cells"] = (python_docx_baseline, works["read .docx"][1])
    ms = cpu_ms_per_plan(works, args.seconds)
    print(f"{'form':<12} {'reader ms/plan':>15} {'x Word':>7} {'extract ms/plan':>16} {'x Word':>7}")
    for form in forms:
        reader, whole = ms[f"read {form}"], ms[f"extract {form}"]
        print(f"{form:<12} {reader:>15.2f} {reader / ms['read .docx']:>7.2f} {whole:>16.2f} {whole / ms['extract .docx']:>7.2f}")
    baseline = ms["python-docx Document() + cells"]
    print(f"python-docx Document() + visiting every cell: {baseline:.2f} ms/plan; "
          f"the Word reader takes {ms['read .docx'] / baseline:.2f}x that, the whole extract {ms['extract .docx'] / baseline:.2f}x")


if __name__ == "__main__":
    main()

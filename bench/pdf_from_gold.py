"""Round trip: gold JSON -> PDF drawn by tests/pdfbuild.py -> extract() -> score.py against the gold.

Run: .venv/bin/python bench/pdf_from_gold.py [--verbose] [--keep] [GOLD_DIR...]

Every gold plan (default: /work/shared/gold and /work/shared/dev) is drawn as
a PDF in each variant: both table templates ("probation": Agreed/Responsible
Owner titles, "prison": Accepted/Rejected and Function Responsible/Policy
Lead titles) and two page-break settings (none, and a new page every 3 table
rows, so rows and merged recommendation cells continue across pages), ruled
with lines; then, with a page break every 3 rows (and once without), in the other layouts
published plans come in (borders as thin filled rectangles, horizontal rules
only with the title row shaded as one or cell by cell, portrait pages, page
furniture: OFFICIAL, a running banner and "Page N of M"). Each PDF
is extracted with ``actionplan_ingest.extract``, its JSON written under the
gold file's name, and the folder scored with score.py; the summary prints
the overall F1 per variant. --verbose passes through to score.py (every
miss); --keep keeps the PDFs and JSON and prints where they are.

What the builder is given, per gold plan: the header from title / report /
published / submitted / updates (ISO dates written out as "25 February
2021"); a spanning row at every change of addressee ("X should:", or a
section title such as "Main Recommendations to the Governor" as is); per
recommendation its number, text and agreement_raw; per action its text,
owner and target.raw; and a PhaseRow (a row with only its response cell
filled, the form a Word table has) whenever the action's phase label changes
within a recommendation. fpdf2's core Helvetica encodes Latin-1 only, so
other characters (the en dash in one report title) are replaced first, and
the replacements are printed.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the test suite's builder, tests/pdfbuild.py (needs fpdf2)
from pdfbuild import LAYOUTS, Action, PhaseRow, Rec, Span, build_plan_pdf

from actionplan_ingest import extract

GOLD_DIRS = [Path("/work/shared/gold"), Path("/work/shared/dev")]
SCORE = Path("/work/shared/tools/score.py")
VARIANTS = [(template, breaks, "lines") for template in ("probation", "prison") for breaks in (None, 3)] + [
    ("probation", 3, layout) for layout in LAYOUTS if layout != "lines"
] + [("prison", None, "horizontal-rules-title-row-shaded")]
LATIN1_FIXES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
SECTION = re.compile(r"^(?:main |other |further )?recommendations? (?:to|for) the\b", re.IGNORECASE)
replaced: set[str] = set()


def latin1(text: str | None) -> str:
    """Text fpdf2's core font can draw; every replaced character is remembered for the report."""
    text = text or ""
    replaced.update(c for c in text if ord(c) > 0xFF)
    return text.translate(LATIN1_FIXES).encode("latin-1", "replace").decode("latin-1")


def written_date(iso: str | None) -> str:
    """"2021-02-25" -> "25 February 2021"; partial dates keep their precision."""
    if not iso:
        return ""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        d = dt.date(*parts)
        return f"{d.day} {d:%B %Y}"
    return dt.date(parts[0], parts[1], 1).strftime("%B %Y") if len(parts) == 2 else str(parts[0])


def plan_rows(gold: dict, fix: Callable[[str | None], str] = latin1) -> list:
    """The builder's rows for a gold plan, each text passed through ``fix`` (Latin-1 for fpdf2's font)."""
    rows, addressee = [], None
    for rec in gold["recommendations"]:
        if rec["addressee"] != addressee and rec["addressee"]:
            addressee = rec["addressee"]
            rows.append(Span(fix(addressee if SECTION.match(addressee) else f"{addressee} should:")))
        actions, phase = [], None
        for action in rec["actions"]:
            label = (action.get("phase") or {}).get("label")
            if label and label != phase:
                actions.append(PhaseRow(fix(label)))
            phase = label
            target = (action.get("target") or {}).get("raw")
            actions.append(Action(fix(action["text"]), owner=fix(action["owner"]), target=fix(target)))
        rows.append(Rec(fix(rec["number"]), fix(rec["text"]), fix(rec["agreement_raw"]), actions))
    return rows


def header(gold: dict, fix: Callable[[str | None], str] = latin1) -> dict:
    return {
        "title": fix(gold["title"]),
        "report": fix((gold["report"] or {}).get("title")),
        "published": written_date((gold["report"] or {}).get("published")),
        "submitted": written_date(gold["submitted"]),
        "updated": [written_date(d) for d in gold["updates"]],
    }


def run_variant(
    golds: list[Path], gold_dir: Path, out: Path, template: str, breaks: int | None, layout: str, verbose: bool
) -> float:
    out.mkdir(parents=True)
    for path in golds:
        gold = json.loads(path.read_text())
        pdf = build_plan_pdf(out / f"{path.stem}.pdf", header=header(gold), rows=plan_rows(gold),
                             template=template, pages_break_every=breaks, style=LAYOUTS[layout])
        try:
            (out / path.name).write_text(extract(pdf).model_dump_json(indent=2))
        except Exception as exc:  # noqa: BLE001  a failed file scores as "no output"
            print(f"  {path.stem}: extract failed: {exc}")
    args = [sys.executable, str(SCORE), str(out), str(gold_dir)]
    print(subprocess.run(args + (["--verbose"] if verbose else []), capture_output=True, text=True, check=True).stdout)
    return json.loads(subprocess.run(args + ["--json"], capture_output=True, text=True, check=True).stdout)["f1"]


def gather_gold(argv: list[str], default_dirs: list[Path], prefix: str) -> tuple[list[Path], Path, Path]:
    """The gold files named (folders in argv, else the defaults), a work folder, and the gold gathered in it.

    score.py pairs files by name within one folder, so the gold files are copied into one.
    """
    dirs = [Path(a) for a in argv if not a.startswith("--")] or default_dirs
    golds = sorted(p for d in dirs for p in d.glob("*.json"))
    work = Path(tempfile.mkdtemp(prefix=prefix))
    gold_dir = work / "gold"
    gold_dir.mkdir()
    for path in golds:
        shutil.copy(path, gold_dir / path.name)
    return golds, work, gold_dir


def main(argv: list[str]) -> int:
    verbose, keep = "--verbose" in argv, "--keep" in argv
    golds, work, gold_dir = gather_gold(argv, GOLD_DIRS, "pdf_from_gold-")
    started, results = time.perf_counter(), []
    for template, breaks, layout in VARIANTS:
        name = f"{template}-{'break' + str(breaks) if breaks else 'nobreak'}-{layout}"
        print(f"=== {name}: template={template!r} pages_break_every={breaks} layout={layout}")
        results.append((name, run_variant(golds, gold_dir, work / name, template, breaks, layout, verbose)))
    print(f"=== summary ({len(golds)} plans, {time.perf_counter() - started:.1f} s)")
    for name, f1 in results:
        print(f"  {name:52s} F1 {f1:.3f}")
    if replaced:
        print(f"  not Latin-1, replaced for fpdf2's core font: {' '.join(sorted(replaced))}")
    keep_or_remove(work, keep, "PDFs and JSON")
    return 0


def keep_or_remove(work: Path, keep: bool, what: str) -> None:
    """--keep: say where the work folder is; else remove it."""
    if keep:
        print(f"  {what} kept in {work}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Round trip for the layout form: gold JSON -> PDF -> ``pdftotext -layout`` -> extract() -> score.py.

Run: .venv/bin/python bench/layout_from_gold.py [--keep] [GOLD_DIR...]

Every gold plan (default: ../shared/gold, ../shared/dev, ../shared/dev2) is
made into PDFs two ways and each PDF's ``pdftotext -layout`` text is
extracted and scored (default and --strict) per variant:

- "fpdf": drawn by tests/pdfbuild.py as bench/pdf_from_gold.py draws it
  (narrow cell padding: pdftotext often runs neighbouring columns together),
  in both title templates, with and without forced page breaks;
- "word": written as a Word document (python-docx) in one of the dev plans'
  page set-ups, converted by LibreOffice as the published plans were, in
  variants of column widths, font size, orientation, numbered or plain
  column titles, a title row repeated or not, and addressee rows merged
  across the table or set in the recommendation column.

Needs poppler's pdftotext; the word route also needs python-docx and
LibreOffice (``soffice``) and is skipped without them. What the builders
cannot carry over (list bullets, cell paragraphs, shading) is lost from the
documents, so some actions the gold keeps apart (rows holding only response
text) run together: the figures are for comparing changes, not a ceiling.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pdf_from_gold import SCORE, build_plan_pdf, header, plan_rows

from actionplan_ingest import extract
from actionplan_ingest.errors import IngestError

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD_DIRS = [SHARED / "gold", SHARED / "dev", SHARED / "dev2"]
FPDF_VARIANTS = [(template, breaks) for template in ("probation", "prison") for breaks in (None, 3)]
TITLES = {
    "plain": ("Rec No", "Recommendation", "Agreed/ Partly Agreed/ Not Agreed", "Response Action Taken/Planned",
              "Responsible Owner", "Target Date"),
    "numbered": ("1. Rec No", "2. Recommendation", "3. Agreed/ Partly Agreed/ Not Agreed", "4. Response Action Taken/Planned",
                 "5. Responsible Owner (including named individuals and their functional role or department)", "6. Target Date"),
    "prison": ("Ref", "Recommendation", "Accepted/ Partly Accepted/ Rejected", "Response Action Taken/Planned",
               "Function Responsible/ Policy Lead", "Target Date"),
}
# (titles, relative column widths, font size, landscape, title row repeated, addressee in the recommendation column)
WORD_VARIANTS = [
    ("numbered", (1.5, 4.8, 2.8, 10.1, 4.6, 2.9), 9, True, False, False),
    ("plain", (1.3, 6.5, 2.4, 8.8, 4.2, 3.5), 10, True, True, False),
    ("prison", (1.2, 3.6, 2.2, 9.0, 3.6, 2.4), 9, False, True, False),
    ("plain", (1.6, 5.0, 2.6, 7.5, 5.0, 3.0), 8, False, False, True),
    ("numbered", (1.2, 3.6, 2.2, 9.0, 3.6, 2.4), 11, True, True, True),
]


def score(out: Path, gold_dir: Path) -> tuple[float, float]:
    def f1(*extra: str) -> float:
        result = subprocess.run([sys.executable, str(SCORE), str(out), str(gold_dir), "--json", *extra],
                                capture_output=True, text=True, check=True)
        return json.loads(result.stdout)["f1"]

    return f1(), f1("--strict")


def extract_layouts(pdfs: list[Path], out: Path) -> None:
    """pdftotext -layout each PDF, extract the text, write <gold name>.json beside it."""
    for pdf in pdfs:
        layout = pdf.with_suffix(".layout.txt")
        subprocess.run(["pdftotext", "-layout", str(pdf), str(layout)], check=True)
        try:
            (out / f"{pdf.stem}.json").write_text(extract(layout).model_dump_json(), encoding="utf-8")
        except IngestError as exc:
            print(f"  {pdf.stem}: {exc}")


def fpdf_route(golds: list[Path], work: Path, gold_dir: Path) -> list[tuple[str, float, float]]:
    results = []
    for template, breaks in FPDF_VARIANTS:
        name = f"fpdf-{template}-{'break' + str(breaks) if breaks else 'nobreak'}"
        out = work / name
        out.mkdir()
        pdfs = []
        for path in golds:
            gold = json.loads(path.read_text(encoding="utf-8"))
            pdfs.append(build_plan_pdf(out / f"{path.stem}.pdf", header=header(gold), rows=plan_rows(gold),
                                       template=template, pages_break_every=breaks))
        extract_layouts(pdfs, out)
        results.append((name, *score(out, gold_dir)))
    return results


def word_route(golds: list[Path], work: Path, gold_dir: Path) -> list[tuple[str, float, float]]:
    if shutil.which("soffice") is None or importlib.util.find_spec("docx") is None:
        print("word route skipped: needs LibreOffice (soffice) and python-docx")
        return []
    from word_plan import write_word_plan

    templates = sorted(SHARED.glob("dev*/*.docx"))
    results = []
    for number, (titles, widths, size, landscape, repeat, addressee_in_rec) in enumerate(WORD_VARIANTS):
        name = f"word-{number}-{titles}-{size}pt-{'landscape' if landscape else 'portrait'}"
        out = work / name
        out.mkdir()
        for k, path in enumerate(golds):
            write_word_plan(json.loads(path.read_text(encoding="utf-8")), templates[(k + number) % len(templates)],
                            out / f"{path.stem}.docx", titles=TITLES[titles], widths=widths, size=size,
                            landscape=landscape, repeat_title_row=repeat, addressee_in_recommendation=addressee_in_rec)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out),
                        *map(str, sorted(out.glob("*.docx")))], capture_output=True, check=True, timeout=900)
        extract_layouts(sorted(out.glob("*.pdf")), out)
        results.append((name, *score(out, gold_dir)))
    return results


def main(argv: list[str]) -> int:
    if shutil.which("pdftotext") is None:
        raise SystemExit("needs poppler's pdftotext (apt-get install poppler-utils)")
    keep = "--keep" in argv
    dirs = [Path(a) for a in argv if not a.startswith("--")] or GOLD_DIRS
    golds = sorted(p for d in dirs for p in d.glob("*.json"))
    work = Path(tempfile.mkdtemp(prefix="layout_from_gold-"))
    try:
        gold_dir = work / "gold"
        gold_dir.mkdir()
        for path in golds:
            shutil.copy(path, gold_dir / path.name)
        results = fpdf_route(golds, work, gold_dir) + word_route(golds, work, gold_dir)
        print(f"=== {len(golds)} gold plans, layout text scored per variant")
        for name, f1, strict in results:
            print(f"  {name:36s} F1 {f1:.3f}  strict {strict:.3f}")
    finally:
        if keep:
            print(f"  PDFs, layout texts and JSON kept in {work}")
        else:
            shutil.rmtree(work)
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Round trip for the layout form: gold JSON -> PDF -> ``pdftotext -layout`` -> extract() -> score.py.

Run: .venv/bin/python bench/layout_from_gold.py [--keep] [GOLD_DIR...]

Every gold plan (default: ../shared/gold, ../shared/dev, ../shared/dev2) is
made into PDFs two ways and each PDF's ``pdftotext -layout`` text is
extracted and scored (default and --strict) per variant:

- "fpdf": drawn by tests/pdfbuild.py as bench/pdf_from_gold.py draws it
  (narrow cell padding: pdftotext often runs neighbouring columns together),
  in both title templates, with and without forced page breaks;
- "word": written as a Word document by tests/docxbuild.py (as
  bench/docx_from_gold.py writes it) and laid out by bench/word_plan.py in
  variants of column widths, font size, orientation and title template, with
  a marking and a banner in the page header, then converted by LibreOffice as
  the published plans were.

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
from pathlib import Path

from pdf_from_gold import SCORE, build_plan_pdf, gather_gold, header, keep_or_remove, plan_rows

from actionplan_ingest import extract
from actionplan_ingest.errors import IngestError

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD_DIRS = [SHARED / "gold", SHARED / "dev", SHARED / "dev2"]
FPDF_VARIANTS = [(template, breaks) for template in ("probation", "prison") for breaks in (None, 3)]
# (title template, relative column widths, font size, landscape)
WORD_VARIANTS = [  # widths as the dev plans' tables have them: landscape, a wider recommendation, portrait
    ("probation", (1.5, 4.8, 2.8, 10.1, 4.6, 2.9), 9, True),
    ("probation", (1.6, 6.0, 2.6, 9.0, 4.2, 3.0), 10, True),
    ("prison", (1.3, 3.5, 2.3, 5.6, 3.0, 2.3), 9, False),
    ("probation", (1.3, 3.5, 2.3, 5.6, 3.0, 2.3), 8, False),
    ("prison", (1.5, 4.8, 2.8, 10.1, 4.6, 2.9), 11, True),
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

    results = []
    for number, (template, widths, size, landscape) in enumerate(WORD_VARIANTS):
        name = f"word-{number}-{template}-{size}pt-{'landscape' if landscape else 'portrait'}"
        out = work / name
        out.mkdir()
        for path in golds:
            write_word_plan(json.loads(path.read_text(encoding="utf-8")), out / f"{path.stem}.docx",
                            template=template, widths=widths, size=size, landscape=landscape)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out),
                        *map(str, sorted(out.glob("*.docx")))], capture_output=True, check=True, timeout=900)
        extract_layouts(sorted(out.glob("*.pdf")), out)
        results.append((name, *score(out, gold_dir)))
    return results


def main(argv: list[str]) -> int:
    if shutil.which("pdftotext") is None:
        raise SystemExit("needs poppler's pdftotext (apt-get install poppler-utils)")
    golds, work, gold_dir = gather_gold(argv, GOLD_DIRS, "layout_from_gold-")
    try:
        results = fpdf_route(golds, work, gold_dir) + word_route(golds, work, gold_dir)
        print(f"=== {len(golds)} gold plans, layout text scored per variant")
        for name, f1, strict in results:
            print(f"  {name:36s} F1 {f1:.3f}  strict {strict:.3f}")
    finally:
        keep_or_remove(work, "--keep" in argv, "PDFs, layout texts and JSON")
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Round trip for the text forms: gold JSON -> PDF -> ``pdftotext`` (``-layout`` and plain) -> extract() -> score.py.

Run: .venv/bin/python bench/layout_from_gold.py [GOLD_DIR...] [--forms layout plain] [--keep]

Every gold plan (default: ../shared/gold, ../shared/dev, ../shared/dev2) is
made into PDFs two ways, and each PDF is turned into text in each form asked
for (default both), the text extracted and the form's outputs scored against
the gold per variant, side by side: F1 (default), strict F1 (--strict) and
the owners F1 score.py prints on its own line (``owners_f1``):

- "layout": ``pdftotext -layout`` (columns side by side; the tool's
  ``layout_text`` reader);
- "plain": ``pdftotext`` with no option (poppler's default reading order,
  each cell's lines on their own; the tool's ``plain_text`` reader).

The reader is chosen by content, as for any input: a text read by another
reader than its form's is named in the output.

The PDFs, per variant:

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
--keep keeps the work folder (per variant: the PDFs, and per form a folder
of texts and JSON that ``score.py --verbose`` can be pointed at).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from pdf_from_gold import SCORE, build_plan_pdf, gather_gold, header, keep_or_remove, plan_rows

from actionplan_ingest import extract
from actionplan_ingest.errors import IngestError

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD_DIRS = [SHARED / "gold", SHARED / "dev", SHARED / "dev2"]
# form -> (pdftotext options, the reader that should take its text)
FORMS = {"layout": (["-layout"], "layout_text"), "plain": ([], "plain_text")}
FPDF_VARIANTS = [(template, breaks) for template in ("probation", "prison") for breaks in (None, 3)]
# (title template, relative column widths, font size, landscape)
WORD_VARIANTS = [  # widths as the dev plans' tables have them: landscape, a wider recommendation, portrait
    ("probation", (1.5, 4.8, 2.8, 10.1, 4.6, 2.9), 9, True),
    ("probation", (1.6, 6.0, 2.6, 9.0, 4.2, 3.0), 10, True),
    ("prison", (1.3, 3.5, 2.3, 5.6, 3.0, 2.3), 9, False),
    ("probation", (1.3, 3.5, 2.3, 5.6, 3.0, 2.3), 8, False),
    ("prison", (1.5, 4.8, 2.8, 10.1, 4.6, 2.9), 11, True),
]


class Scores(NamedTuple):
    f1: float
    strict: float
    owners: float | None  # None: no matched action has a gold owner list


def score(out: Path, gold_dir: Path) -> Scores:
    def run(*extra: str) -> dict:
        result = subprocess.run([sys.executable, str(SCORE), str(out), str(gold_dir), "--json", *extra],
                                capture_output=True, text=True, check=True)
        return json.loads(result.stdout)

    default = run()
    return Scores(default["f1"], run("--strict")["f1"], default["owners_f1"])


def extract_texts(pdfs: list[Path], form: str, out: Path) -> None:
    """pdftotext each PDF in the form, extract the text, write <gold name>.json in ``out``."""
    options, reader = FORMS[form]
    out.mkdir()
    for pdf in pdfs:
        text = out / f"{pdf.stem}.{form}.txt"
        subprocess.run(["pdftotext", *options, str(pdf), str(text)], check=True)
        try:
            plan = extract(text)
        except IngestError as exc:
            print(f"  {form} {pdf.parent.name}/{pdf.stem}: {exc.reason}")
            continue
        if plan.source.format != reader:
            print(f"  {form} {pdf.parent.name}/{pdf.stem}: read as {plan.source.format}, not {reader}")
        (out / f"{pdf.stem}.json").write_text(plan.model_dump_json(), encoding="utf-8")


def fpdf_pdfs(golds: list[Path]) -> list[tuple[str, Callable[[Path], list[Path]]]]:
    """Per fpdf variant: its name and what draws its PDFs in a folder."""
    def draw(template: str, breaks: int | None) -> Callable[[Path], list[Path]]:
        def build(out: Path) -> list[Path]:
            pdfs = []
            for path in golds:
                gold = json.loads(path.read_text(encoding="utf-8"))
                pdfs.append(build_plan_pdf(out / f"{path.stem}.pdf", header=header(gold), rows=plan_rows(gold),
                                           template=template, pages_break_every=breaks))
            return pdfs
        return build

    return [(f"fpdf-{template}-{'break' + str(breaks) if breaks else 'nobreak'}", draw(template, breaks))
            for template, breaks in FPDF_VARIANTS]


def word_pdfs(golds: list[Path]) -> list[tuple[str, Callable[[Path], list[Path]]]]:
    """Per Word variant: its name and what writes and converts its PDFs in a folder (none without LibreOffice)."""
    if shutil.which("soffice") is None or importlib.util.find_spec("docx") is None:
        print("word route skipped: needs LibreOffice (soffice) and python-docx")
        return []
    from word_plan import write_word_plan

    def write(template: str, widths: tuple[float, ...], size: int, landscape: bool) -> Callable[[Path], list[Path]]:
        def build(out: Path) -> list[Path]:
            for path in golds:
                write_word_plan(json.loads(path.read_text(encoding="utf-8")), out / f"{path.stem}.docx",
                                template=template, widths=widths, size=size, landscape=landscape)
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out),
                            *map(str, sorted(out.glob("*.docx")))], capture_output=True, check=True, timeout=900)
            return sorted(out.glob("*.pdf"))
        return build

    return [(f"word-{number}-{template}-{size}pt-{'landscape' if landscape else 'portrait'}",
             write(template, widths, size, landscape))
            for number, (template, widths, size, landscape) in enumerate(WORD_VARIANTS)]


def run_variants(golds: list[Path], work: Path, gold_dir: Path, forms: list[str]) -> tuple[list, dict[str, float]]:
    """Per variant, its PDFs made once and each form extracted and scored: (name, {form: Scores}) and
    the seconds each form took (pdftotext, extract and score.py, summed over the variants)."""
    results, seconds = [], dict.fromkeys(forms, 0.0)
    for name, build in fpdf_pdfs(golds) + word_pdfs(golds):
        out = work / name
        out.mkdir()
        pdfs = build(out)
        scores = {}
        for form in forms:
            started = time.perf_counter()
            extract_texts(pdfs, form, out / form)
            scores[form] = score(out / form, gold_dir)
            seconds[form] += time.perf_counter() - started
        results.append((name, scores))
    return results, seconds


def shown(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dirs", nargs="*", help="folders of gold JSON (default: ../shared gold, dev, dev2)")
    parser.add_argument("--forms", nargs="+", choices=list(FORMS), default=list(FORMS),
                        help="the pdftotext forms to score (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the PDFs, texts and JSON and say where")
    args = parser.parse_args(argv)
    if shutil.which("pdftotext") is None:
        raise SystemExit("needs poppler's pdftotext (apt-get install poppler-utils)")
    forms = list(dict.fromkeys(args.forms))
    golds, work, gold_dir = gather_gold(args.gold_dirs, GOLD_DIRS, "layout_from_gold-")
    started = time.perf_counter()
    try:
        results, seconds = run_variants(golds, work, gold_dir, forms)
        print(f"=== {len(golds)} gold plans, scored per variant and text form: F1 / strict F1 / owners F1"
              f" ({time.perf_counter() - started:.0f} s in all)")
        print(f"  {'':36s}" + "".join(f"  {form:17s}" for form in forms))
        for name, scores in results:
            print(f"  {name:36s}" + "".join(
                f"  {s.f1:.3f} {s.strict:.3f} {shown(s.owners)}" for s in (scores[form] for form in forms)))
        print("  seconds per form (pdftotext, extract, score.py): "
              + ", ".join(f"{form} {seconds[form]:.0f}" for form in forms))
    finally:
        keep_or_remove(work, args.keep, "PDFs, texts and JSON")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

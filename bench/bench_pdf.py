"""PDF path: whole-process cost of `extract` against pdfplumber's own parse, and memory on long PDFs.

Run: .venv/bin/python bench/bench_pdf.py [--rounds N] [--pages 50 150 300] [PDF...]

1. Time. For each PDF, two processes run side by side, alternating, N rounds
   (after compiling our sources to bytecode, as any installed package is):
   the baseline opens the PDF with pdfplumber and reads every page's
   ``chars`` and ``edges``; ours is ``actionplan-ingest extract PDF -o
   /dev/null``. Both include interpreter start-up and imports. Reported: the
   median wall time and CPU time (user + system) of each, their ratio, and
   our ms per page.
2. Memory. Long plans are generated (needs the test extra, fpdf2) and
   extracted in a fresh process each; reported: peak RSS per page count, for
   ours and for the baseline. Flat means pages are released as they are read.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Peak RSS of the process itself: VmHWM is reset by exec, unlike ru_maxrss on
# Linux, which keeps the parent's peak across fork + exec.
PEAK = """
def peak_kib():
    try:
        with open("/proc/self/status") as status:
            return int(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
    except OSError:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
BASELINE = PEAK + """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.chars, page.edges
        page.close()
print(peak_kib())
"""
OURS = PEAK + """
import sys
from actionplan_ingest.cli import run
sys.argv = ["actionplan-ingest", "extract", sys.argv[1], "-o", "/dev/null"]
try:
    run()
except SystemExit as exit:
    if exit.code:
        raise
print(peak_kib())
"""


def timed(code: str, pdf: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (KiB) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, int(done.stdout.strip().splitlines()[-1])


def page_count(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return len(document.pages)


def compare_time(pdfs: list[Path], rounds: int) -> None:
    print(f"time: {rounds} alternating rounds per file, medians (wall | cpu)")
    totals = {"base_wall": 0.0, "ours_wall": 0.0, "base_cpu": 0.0, "ours_cpu": 0.0, "pages": 0}
    for pdf in pdfs:
        base, ours = [], []
        for _ in range(rounds):
            base.append(timed(BASELINE, pdf))
            ours.append(timed(OURS, pdf))
        pages = page_count(pdf)
        bw, bc = statistics.median(b[0] for b in base), statistics.median(b[1] for b in base)
        ow, oc = statistics.median(o[0] for o in ours), statistics.median(o[1] for o in ours)
        totals["base_wall"] += bw
        totals["ours_wall"] += ow
        totals["base_cpu"] += bc
        totals["ours_cpu"] += oc
        totals["pages"] += pages
        print(
            f"  {pdf.name:34} {pages:3} pages  baseline {bw * 1000:6.0f} | {bc * 1000:6.0f} ms"
            f"  extract {ow * 1000:6.0f} | {oc * 1000:6.0f} ms  ratio {ow / bw:4.2f} | {oc / bc:4.2f}"
            f"  {ow * 1000 / pages:5.1f} ms/page"
        )
    print(
        f"  all {len(pdfs)} files, {totals['pages']} pages: ratio wall {totals['ours_wall'] / totals['base_wall']:.2f}"
        f"  cpu {totals['ours_cpu'] / totals['base_cpu']:.2f}"
        f"  extract {totals['ours_wall'] * 1000 / totals['pages']:.1f} ms/page (whole process)"
        f"  target ratio <= 1.10"
    )


def compare_memory(page_counts: list[int]) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from pdfbuild import build_long_plan_pdf  # the test suite's plan builder (fpdf2)
    except ImportError as exc:
        print(f"memory: skipped ({exc}; install the test extra: pip install -e '.[test]')")
        return
    print("memory: peak RSS of one fresh process per long generated plan")
    with tempfile.TemporaryDirectory() as folder:
        for pages in page_counts:
            pdf = build_long_plan_pdf(Path(folder) / f"long-{pages}.pdf", pages=pages)
            actual = page_count(pdf)
            _, _, base_rss = timed(BASELINE, pdf)
            wall, _, ours_rss = timed(OURS, pdf)
            print(
                f"  {actual:4} pages  {os.path.getsize(pdf) / 1e6:5.1f} MB  baseline {base_rss / 1024:6.1f} MiB"
                f"  extract {ours_rss / 1024:6.1f} MiB  ({wall:.1f} s, {wall * 1000 / actual:.1f} ms/page)"
            )


def compile_bytecode() -> None:
    """Compile our sources once, as an installed package is: without it, an
    environment with PYTHONDONTWRITEBYTECODE recompiles every module on every
    start and times start-up, not extraction."""
    import compileall

    compileall.compile_dir(ROOT / "src", quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", type=int, nargs="*", default=[50, 150, 300], help="long plans for the memory run")
    args = parser.parse_args()
    pdfs = args.pdfs or sorted((ROOT / "samples").glob("*.pdf"))
    compile_bytecode()
    compare_time(pdfs, args.rounds)
    if args.pages:
        compare_memory(args.pages)


if __name__ == "__main__":
    main()

"""PDF path: both engines against the libraries' own parses, in process and whole-process, and memory.

Run: .venv/bin/python bench/bench_pdf.py [--rounds N] [--pages 50 150 300] [--batch-plans 100] [--jobs 2]
       [--skip in-process whole-process memory batch] [PDF...]
(default PDFs: ../shared/dev and ../shared/dev2, else samples/)

Every figure is a median over N alternating rounds, taken side by side with
its baselines in the same run (a shared machine's speed drifts minute to
minute): compare the ratios, not the milliseconds.

1. In process, ms per page, the sources read once before timing:
   - ``pdfminer``: pdfplumber opens the PDF and reads every page's ``chars``
     and ``edges`` (the parse the pdfplumber engine is built on);
   - ``pdfium-text``: pypdfium2 opens it and reads every page's text
     (``get_textpage().get_text_range()``), the least any PDFium reader does;
   - ``extract pdfium`` and ``extract pdfplumber``: ``extract(path,
     pdf_engine=...)``, the whole pipeline to a validated plan.
   A file that is not a plan counts the time spent finding that out.
2. Whole process: ``actionplan-ingest extract PDF -o /dev/null`` with each
   engine, against a process that only opens the PDF with pdfplumber and
   reads every page's chars and edges; wall and CPU time, imports included
   (our sources compiled to bytecode first, as an installed package is).
3. Memory: long plans are generated (needs the test extra, fpdf2) and
   extracted in a fresh process each, with each engine; peak RSS per page
   count. Flat means pages are released as they are read.
4. Batch: ``actionplan-ingest batch --jobs J`` over copies of the PDFs in
   samples/ (``--batch-plans``, made unique by a trailing comment), into a
   new store each run, with each engine: PDF pages per second, and pdfium's
   over pdfplumber's; with ``--baseline-cli``, also another checkout's
   command in the same rounds (``git worktree add ../base 1b626de`` and
   ``make -C ../base .venv/.installed``: the code the pdfium issue was filed
   against), and pdfium's pages/s over its.
"""
from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ENGINES = ("pdfium", "pdfplumber")
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
sys.argv = ["actionplan-ingest", "extract", sys.argv[1], "-o", "/dev/null", "--pdf-engine", sys.argv[2]]
try:
    run()
except SystemExit as exit:
    if exit.code not in (None, 0, 1):  # 1: not a plan (yet); its time still counts
        raise
print(peak_kib())
"""


# -- 1. in process -----------------------------------------------------------------------------


def pdfminer_parse(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.chars, page.edges
            page.close()


def pdfium_text(data: bytes) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        document.close()


def extractor(engine: str) -> Callable[[Path], None]:
    from actionplan_ingest.errors import IngestError
    from actionplan_ingest.pipeline import extract
    from actionplan_ingest.readers.pdf_engines import PdfEngine

    def run(path: Path) -> None:
        try:
            extract(path, pdf_engine=PdfEngine(engine))
        except IngestError:
            pass  # not a plan (yet): the time to find that out still counts

    return run


def compare_in_process(pdfs: list[Path], rounds: int) -> None:
    datas = {pdf: pdf.read_bytes() for pdf in pdfs}
    pages = {pdf: page_count(pdf) for pdf in pdfs}
    runs: dict[str, Callable[[Path], None]] = {
        "pdfminer": lambda pdf: pdfminer_parse(datas[pdf]),
        "pdfium-text": lambda pdf: pdfium_text(datas[pdf]),
        "extract pdfium": extractor("pdfium"),
        "extract pdfplumber": extractor("pdfplumber"),
    }
    for pdf in pdfs:  # warm up: imports, caches
        for run in runs.values():
            run(pdf)
    times: dict[tuple[str, Path], list[float]] = {}
    for _ in range(rounds):
        for pdf in pdfs:
            for name, run in runs.items():
                started = time.perf_counter()
                run(pdf)
                times.setdefault((name, pdf), []).append((time.perf_counter() - started) * 1000 / pages[pdf])
    print(f"in process: ms per page, median of {rounds} alternating rounds")
    print(f"  {'file':34} pages " + "".join(f"{name:>19}" for name in runs) + "   pdfium/pdfminer  pdfium/pdfium-text")
    medians = {key: statistics.median(values) for key, values in times.items()}
    for pdf in pdfs:
        row = [medians[(name, pdf)] for name in runs]
        print(
            f"  {pdf.name:34} {pages[pdf]:5} " + "".join(f"{value:19.2f}" for value in row)
            + f"   {row[2] / row[0]:15.2f}  {row[2] / row[1]:18.2f}"
        )
    total = sum(pages.values())
    overall = {name: sum(medians[(name, pdf)] * pages[pdf] for pdf in pdfs) / total for name in runs}
    print(
        f"  {'all (page-weighted)':34} {total:5} " + "".join(f"{overall[name]:19.2f}" for name in runs)
        + f"   {overall['extract pdfium'] / overall['pdfminer']:15.2f}"
        f"  {overall['extract pdfium'] / overall['pdfium-text']:18.2f}"
    )


# -- 2. whole process --------------------------------------------------------------------------


def timed(code: str, *args: str) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (KiB) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, int(done.stdout.strip().splitlines()[-1])


def page_count(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def compare_whole_process(pdfs: list[Path], rounds: int) -> None:
    print(f"whole process: {rounds} alternating rounds per file, medians (wall | cpu), extract / baseline")
    totals = {name: [0.0, 0.0] for name in ("baseline", *ENGINES)}
    for pdf in pdfs:
        samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in totals}
        for _ in range(rounds):
            samples["baseline"].append(timed(BASELINE, str(pdf)))
            for engine in ENGINES:
                samples[engine].append(timed(OURS, str(pdf), engine))
        wall = {name: statistics.median(s[0] for s in values) for name, values in samples.items()}
        cpu = {name: statistics.median(s[1] for s in values) for name, values in samples.items()}
        for name in totals:
            totals[name][0] += wall[name]
            totals[name][1] += cpu[name]
        print(
            f"  {pdf.name:34} {page_count(pdf):3} pages  baseline {wall['baseline'] * 1000:5.0f} | {cpu['baseline'] * 1000:5.0f} ms"
            + "".join(
                f"  {engine} {wall[engine] * 1000:5.0f} | {cpu[engine] * 1000:5.0f} ms"
                f" ({wall[engine] / wall['baseline']:.2f} | {cpu[engine] / cpu['baseline']:.2f})"
                for engine in ENGINES
            )
        )
    base_wall, base_cpu = totals["baseline"]
    print(
        f"  all {len(pdfs)} files: "
        + "  ".join(
            f"{engine} {totals[engine][0] / base_wall:.2f} wall | {totals[engine][1] / base_cpu:.2f} cpu"
            for engine in ENGINES
        )
        + "   (target for pdfium <= 0.80)"
    )


# -- 3. memory ---------------------------------------------------------------------------------


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
            _, _, base_rss = timed(BASELINE, str(pdf))
            line = f"  {actual:4} pages  {os.path.getsize(pdf) / 1e6:5.1f} MB  baseline {base_rss / 1024:6.1f} MiB"
            for engine in ENGINES:
                wall, _, rss = timed(OURS, str(pdf), engine)
                line += f"  {engine} {rss / 1024:6.1f} MiB ({wall:5.1f} s, {wall * 1000 / actual:5.1f} ms/page)"
            print(line)


# -- 4. batch --------------------------------------------------------------------------------


def compare_batch(plans: int, jobs: int, rounds: int, baseline_cli: Path | None = None) -> None:
    """Pages/s of ``batch`` with each engine and, given ``baseline_cli``, with another checkout's command
    (the code as it was when the issue was filed, say), all over the same copies, rounds alternating."""
    samples = sorted((ROOT / "samples").glob("*.pdf"))
    ours = [sys.executable, "-m", "actionplan_ingest", "batch"]
    runs = {engine: [*ours, "--pdf-engine", engine] for engine in ENGINES}
    if baseline_cli is not None:
        runs["baseline"] = [str(baseline_cli), "batch"]
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "plans"
        inputs.mkdir()
        pages = 0
        for index in range(plans):
            sample = samples[index % len(samples)]
            (inputs / f"{index:04d}-{sample.name}").write_bytes(sample.read_bytes() + f"\n% copy {index}\n".encode())
            pages += page_count(sample)
        seconds: dict[str, list[float]] = {name: [] for name in runs}
        for round_ in range(rounds):
            for name, command in runs.items():
                out = Path(folder) / f"out-{name}-{round_}"
                started = time.perf_counter()
                subprocess.run([*command, str(inputs), "--out", str(out), "--jobs", str(jobs)], check=True, capture_output=True)
                seconds[name].append(time.perf_counter() - started)
                shutil.rmtree(out)
    median = {name: statistics.median(values) for name, values in seconds.items()}
    print(f"batch --jobs {jobs}: {plans} PDF plans, {pages} pages, median of {rounds} alternating rounds")
    for name in runs:
        print(f"  {name:10} {median[name]:7.2f} s  {pages / median[name]:6.1f} pages/s  {plans / median[name]:5.1f} plans/s")
    print(f"  pdfium pages/s = {median['pdfplumber'] / median['pdfium']:.2f}x pdfplumber's")
    if baseline_cli is not None:
        print(f"  pdfium pages/s = {median['baseline'] / median['pdfium']:.2f}x the baseline's {baseline_cli} (target >= 4)")


def compile_bytecode() -> None:
    """Compile our sources once, as an installed package is: without it, an
    environment with PYTHONDONTWRITEBYTECODE recompiles every module on every
    start and times start-up, not extraction."""
    import compileall

    compileall.compile_dir(ROOT / "src", quiet=1)


def default_pdfs() -> list[Path]:
    shared = sorted((SHARED / "dev").glob("*.pdf")) + sorted((SHARED / "dev2").glob("*.pdf"))
    return shared or sorted((ROOT / "samples").glob("*.pdf"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--pages", type=int, nargs="*", default=[50, 150, 300], help="long plans for the memory run")
    parser.add_argument("--skip", nargs="*", default=[], choices=["in-process", "whole-process", "memory", "batch"])
    parser.add_argument("--batch-plans", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--baseline-cli", type=Path, help="another checkout's actionplan-ingest, run in the batch rounds too")
    args = parser.parse_args()
    pdfs = args.pdfs or default_pdfs()
    compile_bytecode()
    if "in-process" not in args.skip:
        compare_in_process(pdfs, args.rounds)
    if "whole-process" not in args.skip:
        compare_whole_process(pdfs, args.rounds)
    if "memory" not in args.skip and args.pages:
        compare_memory(args.pages)
    if "batch" not in args.skip:
        compare_batch(args.batch_plans, args.jobs, args.rounds, args.baseline_cli)


if __name__ == "__main__":
    main()

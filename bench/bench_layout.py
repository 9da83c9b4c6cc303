"""Layout-text path beside the PDF path: ms per plan on the same plans, in one run.

Run: .venv/bin/python bench/bench_layout.py [--seconds S] [FOLDER...]

Every plan that has both a ``<name>.pdf`` and its ``pdftotext -layout`` text
``<name>.layout.txt`` in the folders given (default: ../shared/dev,
../shared/dev2 and samples/), and that both forms read, is extracted whole
(read, assemble, normalise, validate, JSON) from each form, in alternating
rounds in one process, so both paths share the machine's state. Reported per form: the median ms per
plan over the rounds, and the layout/PDF ratio. One core: single-threaded.
"""
from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from actionplan_ingest import extract
from actionplan_ingest.errors import IngestError
from actionplan_ingest.export.json import plan_json

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT.parent / "shared" / "dev", ROOT.parent / "shared" / "dev2", ROOT / "samples"]
LAYOUT_SUFFIX = ".layout.txt"


def plan_pairs(folders: list[Path]) -> list[tuple[Path, Path]]:
    """(PDF, layout text) of every plan that has both, one pair per plan name."""
    pairs: dict[str, tuple[Path, Path]] = {}
    for folder in folders:
        for layout in sorted(folder.glob(f"*{LAYOUT_SUFFIX}")):
            name = layout.name.removesuffix(LAYOUT_SUFFIX)
            pdf = layout.with_name(f"{name}.pdf")
            if pdf.exists():
                pairs.setdefault(name, (pdf, layout))
    return list(pairs.values())


def whole(path: Path) -> int:
    return len(plan_json(extract(path)))


def timed(work: Callable[[Path], int], paths: list[Path]) -> float:
    """Milliseconds per plan for one pass over the paths."""
    started = time.perf_counter()
    for path in paths:
        work(path)
    return (time.perf_counter() - started) * 1000 / len(paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--seconds", type=float, default=10.0, help="time for all rounds")
    args = parser.parse_args()
    pairs = []
    for pdf, layout in plan_pairs(args.folders or FOLDERS):
        try:
            whole(pdf), whole(layout)  # also the warm-up: imports, compiled patterns
            pairs.append((pdf, layout))
        except IngestError as exc:
            print(f"left out (one form fails, so the two would not do the same work): {exc}")
    if not pairs:
        raise SystemExit("no plan found with both a .pdf and a .layout.txt that both read")
    pdfs, layouts = [pdf for pdf, _ in pairs], [layout for _, layout in pairs]
    pdf_ms: list[float] = []
    layout_ms: list[float] = []
    deadline = time.perf_counter() + args.seconds
    while time.perf_counter() < deadline or len(pdf_ms) < 3:
        pdf_ms.append(timed(whole, pdfs))
        layout_ms.append(timed(whole, layouts))
    pdf, layout = statistics.median(pdf_ms), statistics.median(layout_ms)
    print(f"plans: {len(pairs)} ({', '.join(pdf.stem for pdf in pdfs)}), {len(pdf_ms)} rounds")
    print(f"pdf (pdfplumber):      {pdf:8.1f} ms/plan")
    print(f"layout text:           {layout:8.1f} ms/plan")
    print(f"ratio layout/pdf:      {layout / pdf:8.2f}")


if __name__ == "__main__":
    main()

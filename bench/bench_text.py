"""Text-path throughput: plans per second on the tab-separated sample extractions (the seeds).

Run: .venv/bin/python bench/bench_text.py [--seconds S] [FILES...]

Reported against a baseline run in the same process on the same files:
reading each file and splitting it into tab-separated cells (the least any
reader must do). The ratio says what the whole pipeline costs over that.
One core: the loop is single-threaded. "cold" clears the readings the
pipeline caches (targets, owners) before every plan, as a batch worker starts
each file; "warm" keeps them, as a long-lived process reading similar plans.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from actionplan_ingest import extract
from actionplan_ingest.dates import read_target
from actionplan_ingest.export.json import plan_json
from actionplan_ingest.owners import read_owners

ROOT = Path(__file__).resolve().parents[1]


def baseline(path: Path) -> int:
    return sum(len(line.split("\t")) for line in path.read_text("utf-8").split("\n"))


def pipeline(path: Path) -> int:
    return len(plan_json(extract(path)))


def pipeline_cold(path: Path) -> int:
    read_target.cache_clear()
    read_owners.cache_clear()
    return pipeline(path)


def rate(work, files: list[Path], seconds: float) -> tuple[float, float]:
    """Plans per second (median of rounds) and per-plan milliseconds."""
    for path in files:
        work(path)  # warm up: imports, compiled patterns
    rounds: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(rounds) < 5:
        started = time.perf_counter()
        for path in files:
            work(path)
        rounds.append(len(files) / (time.perf_counter() - started))
    per_second = statistics.median(rounds)
    return per_second, 1000.0 / per_second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args()
    files = args.files or [p for p in sorted((ROOT / "samples").glob("*.txt")) if p.suffixes == [".txt"]]
    if not files:
        raise SystemExit("no text samples found")
    base, base_ms = rate(baseline, files, args.seconds)
    cold, cold_ms = rate(pipeline_cold, files, args.seconds)
    warm, warm_ms = rate(pipeline, files, args.seconds)
    print(f"files: {len(files)} text extractions ({', '.join(f.name for f in files)})")
    print(f"baseline (read + split cells):    {base:10.1f} plans/s  {base_ms:8.3f} ms/plan")
    print(f"actionplan-ingest extract, cold:  {cold:10.1f} plans/s  {cold_ms:8.3f} ms/plan  ({cold_ms / base_ms:.0f}x baseline)")
    print(f"actionplan-ingest extract, warm:  {warm:10.1f} plans/s  {warm_ms:8.3f} ms/plan  ({warm_ms / base_ms:.0f}x baseline)")
    print(f"aim >= 150 plans/s on one core (cold): {'met' if cold >= 150 else 'NOT met'}")


if __name__ == "__main__":
    main()

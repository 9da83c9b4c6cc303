"""Round trip: gold JSON -> Word document built by tests/docxbuild.py -> extract() -> score.py --strict against the gold.

Run: .venv/bin/python bench/docx_from_gold.py [--verbose] [--keep] [GOLD_DIR...]

Every gold plan (default: ../shared/gold, ../shared/dev and ../shared/dev2)
is written as a .docx with python-docx in each variant below, extracted with
``actionplan_ingest.extract``, its JSON written under the gold file's name,
and the folder scored with score.py, default and --strict (texts must equal
the gold exactly). The rows are pdf_from_gold.py's (a spanning row at each
change of addressee, a phase row where the phase changes), without its
Latin-1 replacements: a .docx holds any text.

Variants, each a way Word plans are laid out:

- ``one-table``: one table, its title row marked to repeat on every page;
- ``split-titled``: the table split after every 3 rows, each part with its
  title row; ``split-bare``: split after every 4 rows, parts without one;
- ``pasted-pages``: every 5 rows, a row holding only "OFFICIAL" and a copy of
  the title row (a plan pasted together from printed pages);
- ``prison-template``: the Accepted/Rejected and Function Responsible titles;
- ``word-paragraphs``: each "a) ..." item of a text its own paragraph, numbered
  by Word itself (the label not in the text), and an owner cell naming
  several owners (its gold ``owners`` joined by spaces) one paragraph each.
"""
from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the test suite's builders (need the test extra)
sys.path.insert(0, str(ROOT / "bench"))
from docxbuild import build_plan_docx  # noqa: E402
from pdf_from_gold import Action, PhaseRow, Rec, gather_gold, header, keep_or_remove, plan_rows  # noqa: E402

from actionplan_ingest import extract  # noqa: E402

SHARED = ROOT.parent / "shared"
GOLD_DIRS = [SHARED / "gold", SHARED / "dev", SHARED / "dev2"]
SCORE = SHARED / "tools" / "score.py"
VARIANTS: dict[str, dict] = {
    "one-table": {},
    "split-titled": {"split_every": 3, "title_in_each_part": True},
    "split-bare": {"split_every": 4},
    "pasted-pages": {"furniture_every": 5},
    "prison-template": {"template": "prison"},
    "word-paragraphs": {"numbered_lists": True, "paragraphs": True},
}
SUB_LIST_ITEM = re.compile(r" (?=[a-z]\) )")  # "...: a) x; b) y" -> one paragraph per item


def as_is(text: str | None) -> str:
    return text or ""


def word_rows(gold: dict, paragraphs: bool) -> list:
    """The builder's rows; with ``paragraphs``, sub-list items and several owners one paragraph each."""
    rows = plan_rows(gold, fix=as_is)
    if not paragraphs:
        return rows
    gold_actions = iter(action for rec in gold["recommendations"] for action in rec["actions"])
    out = []
    for row in rows:
        if isinstance(row, Rec):
            actions = [item if isinstance(item, PhaseRow) else _in_paragraphs(item, next(gold_actions)) for item in row.actions]
            row = dataclasses.replace(row, actions=actions)
        out.append(row)
    return out


def _in_paragraphs(action: Action, gold: dict) -> Action:
    owners = gold.get("owners") or []
    owner = "\n".join(owners) if len(owners) > 1 and " ".join(owners) == action.owner else action.owner
    return dataclasses.replace(action, text="\n".join(SUB_LIST_ITEM.split(action.text)), owner=owner)


def build(path: Path, gold: dict, options: dict) -> Path:
    rows = word_rows(gold, options.get("paragraphs", False))
    table_rows = sum(1 if not isinstance(row, Rec) else max(1, len(row.actions)) for row in rows)
    every = options.get("split_every"), options.get("furniture_every")
    return build_plan_docx(
        path, header(gold, fix=as_is), rows,
        template=options.get("template", "probation"),
        split_after=range(every[0], table_rows, every[0]) if every[0] else (),
        title_in_each_part=options.get("title_in_each_part", False),
        furniture_after=range(every[1], table_rows, every[1]) if every[1] else (),
        numbered_lists=options.get("numbered_lists", False),
    )


def run_variant(golds: list[Path], gold_dir: Path, out: Path, options: dict, verbose: bool) -> tuple[float, float]:
    out.mkdir(parents=True)
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        try:
            document = build(out / f"{path.stem}.docx", gold, options)
            (out / path.name).write_text(extract(document).model_dump_json(indent=2), encoding="utf-8")
        except Exception as exc:  # noqa: BLE001  a failed file scores as "no output"
            print(f"  {path.stem}: failed: {exc}")
    scores = []
    for strict in ([], ["--strict"]):
        args = [sys.executable, str(SCORE), str(out), str(gold_dir), *strict]
        if verbose:
            print(subprocess.run(args + ["--verbose"], capture_output=True, text=True, check=True).stdout)
        scores.append(json.loads(subprocess.run(args + ["--json"], capture_output=True, text=True, check=True).stdout)["f1"])
    return scores[0], scores[1]


def main(argv: list[str]) -> int:
    verbose, keep = "--verbose" in argv, "--keep" in argv
    golds, work, gold_dir = gather_gold(argv, GOLD_DIRS, "docx_from_gold-")
    started, results = time.perf_counter(), []
    for name, options in VARIANTS.items():
        results.append((name, *run_variant(golds, gold_dir, work / name, options, verbose)))
    print(f"=== {len(golds)} gold plans, {len(VARIANTS)} Word layouts, {time.perf_counter() - started:.1f} s")
    for name, f1, strict in results:
        print(f"  {name:18s} F1 {f1:.3f}   strict {strict:.3f}")
    keep_or_remove(work, keep, "documents and JSON")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

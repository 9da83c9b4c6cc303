"""The owner splitter alone, on every gold action's `owner` string, against its gold `owners`.

Run: .venv/bin/python bench/owners_from_gold.py [--verbose] [GOLD_DIR...]

Reading a document well and splitting its owner cells well are two jobs; this
measures the second on its own, free of reader errors. Each gold file (default:
../shared/gold, ../shared/dev, ../shared/dev2) gives every action's `owner`
string as the cell (gold joins a cell's paragraphs with spaces, so no line
breaks: the harder case) and the plan's other owner strings as the context,
as ``pipeline`` gives them. An action agrees when its owners equal the gold
list exactly (the same strings in the same order). Prints agreement per file
and overall, and with --verbose each disagreement and each guessed split.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_DIRS = [SHARED / "gold", SHARED / "dev", SHARED / "dev2"]

sys.path.insert(0, str(ROOT / "src"))
from actionplan_ingest.owners import OwnerContext, read_owners  # noqa: E402


def gold_actions(plan: dict) -> list[dict]:
    return [action for rec in plan["recommendations"] for action in rec["actions"] if "owners" in action]


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    dirs = [Path(a) for a in argv if not a.startswith("--")] or DEFAULT_DIRS
    files = sorted(f for d in dirs for f in d.glob("*.json"))
    if not files:
        print("no gold JSON files found in " + ", ".join(map(str, dirs)), file=sys.stderr)
        return 2
    total = agreed = guessed = 0
    for path in files:
        actions = gold_actions(json.loads(path.read_text(encoding="utf-8")))
        if not actions:
            continue
        context = OwnerContext.from_cells(a["owner"] for a in actions if a["owner"])
        good = 0
        for action in actions:
            reading = read_owners(action["owner"], context)
            found, notes = reading.owners, reading.guessed
            owners = list(found)
            good += owners == action["owners"]
            guessed += bool(notes)
            if verbose and owners != action["owners"]:
                print(f"  {path.name}: {action['owner']!r}\n    gold {action['owners']}\n    got  {owners}")
            if verbose and notes:
                print(f"  {path.name}: guessed: {', '.join(notes)}")
        print(f"{path.parent.name}/{path.name:40} {good:3}/{len(actions):<3} {good / len(actions):.3f}")
        total += len(actions)
        agreed += good
    print(f"ALL owner strings agree with gold owners: {agreed}/{total} = {agreed / total:.3f} ({guessed} splits reported as guesses)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

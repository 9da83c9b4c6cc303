"""Extract every shared set in each input form and score it with score.py: overall F1 and the owners line.

Run: .venv/bin/python bench/score_sets.py [--keep]

Sets: the seeds against ../shared/gold, ../shared/dev and ../shared/dev2
against their own JSON. Forms: tab-separated `.txt`, `pdftotext -layout`
`.layout.txt`, plain `pdftotext` `.raw.txt`, `.pdf` and `.docx`. Each plan
is written as <stem>.json into a folder per set and form, which score.py
pairs with the gold by name. A file the tool cannot read is reported
and left out (score.py counts its gold as missed). --keep keeps the folders.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "tools" / "score.py"
SETS = {"seeds": (SHARED / "seeds", SHARED / "gold"), "dev": (SHARED / "dev", SHARED / "dev"), "dev2": (SHARED / "dev2", SHARED / "dev2")}
FORMS = (".txt", ".layout.txt", ".raw.txt", ".pdf", ".docx")

sys.path.insert(0, str(ROOT / "src"))
from actionplan_ingest.errors import IngestError  # noqa: E402
from actionplan_ingest.pipeline import extract  # noqa: E402
from actionplan_ingest.export.json import plan_json  # noqa: E402


def inputs(folder: Path, form: str) -> list[Path]:
    """The files of one form, named by all their suffixes: ``x.txt`` is tab-separated, ``x.layout.txt`` is not."""
    return sorted(p for p in folder.iterdir() if "." + p.name.partition(".")[2] == form)


def main(argv: list[str]) -> int:
    if not SCORE.exists():
        print(f"no {SCORE}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="score-sets-"))
    for name, (folder, gold) in SETS.items():
        for form in FORMS:
            paths = inputs(folder, form)
            if not paths:
                continue
            out = work / f"{name}{form}"
            out.mkdir()
            for path in paths:
                try:
                    (out / f"{path.name.partition('.')[0]}.json").write_text(plan_json(extract(path)), encoding="utf-8")
                except IngestError as exc:
                    print(f"  {name}{form}: {exc}")
            result = subprocess.run([sys.executable, str(SCORE), str(out), str(gold)], capture_output=True, text=True)
            overall = re.search(r"OVERALL field F1 (\S+)", result.stdout)
            owners = re.search(r"action\.owners\s+(\d+/\d+)\s+R (\S+)\s+P (\S+)", result.stdout)
            print(
                f"{name + form:16} overall F1 {overall.group(1) if overall else '-':6}"
                f" owners {owners.group(1) if owners else '-':>7} R {owners.group(2) if owners else '-'} P {owners.group(3) if owners else '-'}"
            )
    if "--keep" in argv:
        print(f"kept in {work}")
    else:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

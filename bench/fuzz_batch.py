"""Fuzz the batch: seeded mutants of samples/ through `actionplan-ingest batch`, as a user would run it.

Run: .venv/bin/python bench/fuzz_batch.py [--mutants 1000] [--seed 9] [--timeout 10] [--keep DIR] [FILE...]
(FILE...: the plans to mutate, default every plan in samples/; e.g. ../shared/dev*/*.raw.txt for the plain reader)

Each mutant is a sample (PDF or text extraction) changed by one to three
mutations drawn with a seeded random generator: bytes flipped, deleted,
inserted or repeated, the file cut short, two samples spliced, numbers in
a PDF's objects changed (lengths, offsets, counts), a text re-encoded
(UTF-16, Latin-1, with a byte-order mark) or its lines and tabs reshuffled,
a very long line, a Word document's XML parts changed and zipped again. The
same seed gives the same mutants.

One batch converts them all (--jobs 2). Counted, from the summary JSON and
the command's output:

- internal errors: outcome ``crashed`` (a library failure the readers do not
  turn into an input error), and any "internal error" line;
- tracebacks anywhere in the output;
- runs past --timeout + 2 s;
- "ok" outputs that do not validate against the schema (strict).

Exit 1 if any count is not zero. --keep DIR keeps the mutants and outputs.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from actionplan_ingest.models import ActionPlan

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [p for p in sorted((ROOT / "samples").iterdir()) if p.suffix in (".pdf", ".docx", ".txt")]
Mutation = Callable[[random.Random, bytes], bytes]


def flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 32)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def delete(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(max(1, len(data)))
    return data[:start] + data[start + rng.randint(1, 4096):]


def insert(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = rng.choice([rng.randbytes(rng.randint(1, 512)), b"\t" * rng.randint(1, 50), "\u2028\u00a0\ufeff".encode()])
    return data[:at] + junk + data[at:]


def repeat(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(max(1, len(data)))
    chunk = data[start:start + rng.randint(1, 8192)]
    return data[:start] + chunk * rng.randint(2, 50) + data[start:]


def cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(max(1, len(data)))]


def splice(rng: random.Random, data: bytes, sources: Sequence[Path] = SAMPLES) -> bytes:
    other = rng.choice(sources).read_bytes()
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


def renumber(rng: random.Random, data: bytes) -> bytes:
    """Change some numbers: in a PDF these are lengths, offsets, object numbers, counts, coordinates."""
    numbers = list(re.finditer(rb"\d+", data))
    if not numbers:
        return data
    out = data
    for match in sorted(rng.sample(numbers, min(len(numbers), rng.randint(1, 8))), key=lambda m: -m.start()):
        value = rng.choice([b"0", b"-1", b"999999999", str(int(match.group()) + rng.randint(-3, 3)).encode()])
        out = out[: match.start()] + value + out[match.end():]
    return out


def reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    encoding = rng.choice(["utf-16", "utf-16-le", "utf-8-sig", "latin-1", "cp1252"])
    return text.encode(encoding, "replace")


def reshuffle(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    if len(lines) > 2:
        i, j = sorted(rng.sample(range(len(lines)), 2))
        lines[i:j] = rng.sample(lines[i:j], j - i) if rng.random() < 0.5 else [line.replace(b"\t", b"") for line in lines[i:j]]
    return b"\n".join(lines)


def long_line(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"word " * rng.randint(2_000, 20_000) + data[at:]


def inside_word(rng: random.Random, data: bytes) -> bytes:
    """Mutate a Word document's parts (its XML) and zip it again, so the damage gets past the zip layer."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            parts = {info.filename: source.read(info) for info in source.infolist()}
    except Exception:  # an earlier mutation broke the zip (zipfile raises many kinds): damage its bytes instead
        return flip(rng, data)
    name = rng.choice([n for n in parts if n.endswith(".xml")] or list(parts))
    parts[name] = rng.choice([flip, delete, insert, repeat, cut, renumber, reshuffle])(rng, parts[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)
    return out.getvalue()


MUTATIONS: dict[str, list[Mutation]] = {
    ".pdf": [flip, delete, insert, repeat, cut, splice, renumber, renumber],
    ".docx": [flip, delete, cut, splice, inside_word, inside_word, inside_word],
    ".txt": [flip, delete, insert, repeat, cut, splice, reencode, reshuffle, long_line],
}


def make_mutants(folder: Path, count: int, seed: int, sources: Sequence[Path]) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for index in range(count):
        sample = sources[index % len(sources)]
        data = sample.read_bytes()
        for _ in range(rng.randint(1, 3)):
            mutation = rng.choice(MUTATIONS[sample.suffix])
            data = mutation(rng, data, sources) if mutation is splice else mutation(rng, data)
        (folder / f"{index:04d}-{sample.name}").write_bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--keep", type=Path, help="keep the mutants and outputs in this (new) folder")
    parser.add_argument("inputs", nargs="*", type=Path, help="files to mutate (default: every plan in samples/)")
    args = parser.parse_args()
    sources = args.inputs or SAMPLES
    with tempfile.TemporaryDirectory() as scratch:
        base = args.keep or Path(scratch)
        mutants, out, summary_path = base / "mutants", base / "out", base / "summary.json"
        make_mutants(mutants, args.mutants, args.seed, sources)
        result = subprocess.run(
            [sys.executable, "-m", "actionplan_ingest", "batch", str(mutants), "--out", str(out), "--jobs", "2",
             "--timeout", str(args.timeout), "--summary-json", str(summary_path)],
            capture_output=True, text=True, encoding="utf-8",
        )
        output = result.stdout + result.stderr
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
        files = summary["files"]
        outcomes = Counter(f["outcome"] for f in files)
        crashed = [f for f in files if f["outcome"] == "crashed"]
        overran = [f for f in files if f["seconds"] > args.timeout + 2]
        invalid = []
        for f in files:
            if f["outcome"] in ("ok", "ok_with_warnings"):
                try:
                    ActionPlan.model_validate_json((out / f"{f['file']}.json").read_bytes(), strict=True)
                except (OSError, ValueError) as exc:
                    invalid.append((f["file"], str(exc).splitlines()[0]))
        counts = {
            "internal errors": len(crashed) + output.count("internal error"),
            "tracebacks": output.count("Traceback"),
            f"runs past timeout + 2 s ({args.timeout + 2:g} s)": len(overran),
            "ok outputs that do not validate": len(invalid),
        }
        print(f"{len(files)} mutants of {len(sources)} files (seed {args.seed}), --timeout {args.timeout:g}; "
              f"batch exit {result.returncode}")
        print("outcomes: " + ", ".join(f"{name} {n}" for name, n in outcomes.most_common()))
        print(f"slowest file: {max(f['seconds'] for f in files):.2f} s")
        for name, n in counts.items():
            print(f"{name}: {n}")
        for f in crashed[:20]:
            print(f"  crashed: {f['file']}: {f['message']}")
        for name, problem in invalid[:20]:
            print(f"  invalid: {name}: {problem}")
    sys.exit(1 if any(counts.values()) else 0)


if __name__ == "__main__":
    main()

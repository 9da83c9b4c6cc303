"""Regression check: re-extract every sample and compare it with its expected JSON.

Expected outputs live at ``<samples>/expected/<input path>.json``; ``--update``
rewrites them. The diff names each changed field by its JSON path so a
reviewer sees what moved without reading two whole documents.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .discover import find_inputs
from .errors import IngestError
from .export.atomic import write_atomic
from .export.json import plan_json
from .pipeline import extract
from .readers.pdf_engines import DEFAULT_PDF_ENGINE, PdfEngine

EXPECTED_DIR = "expected"
MAX_DIFF_LINES = 40  # per sample; the rest is counted, not printed


@dataclass
class SampleResult:
    name: str
    status: str  # "same", "differs", "missing", "updated", "failed"
    diff: list[str] = field(default_factory=list)


def check_samples(samples: Path, update: bool = False, pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE) -> list[SampleResult]:
    expected_root = samples / EXPECTED_DIR
    results = []
    for item in find_inputs([samples], skip=[expected_root]):
        name = item.relative.as_posix()
        expected_path = expected_root / item.output_name
        try:
            actual_text = plan_json(extract(item.path, pdf_engine=pdf_engine))
        except IngestError as exc:
            results.append(SampleResult(name, "failed", [exc.reason]))
            continue
        if update:
            write_atomic(expected_path, actual_text.encode("utf-8"))
            results.append(SampleResult(name, "updated"))
        elif not expected_path.exists():
            results.append(SampleResult(name, "missing", [f"no {expected_path} (run 'check --update' to create it)"]))
        else:
            lines = list(diff_json(json.loads(expected_path.read_text("utf-8")), json.loads(actual_text)))
            if len(lines) > MAX_DIFF_LINES:
                lines = lines[:MAX_DIFF_LINES] + [f"... and {len(lines) - MAX_DIFF_LINES} more differences"]
            results.append(SampleResult(name, "differs" if lines else "same", lines))
    return results


def diff_json(expected: object, actual: object, path: str = "") -> Iterator[str]:
    """One line per difference: ``recommendations[2].actions[0].owner: 'A' -> 'B'``."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in [*expected, *(k for k in actual if k not in expected)]:
            child = f"{path}.{key}" if path else key
            if key not in actual:
                yield f"{child}: removed (was {_short(expected[key])})"
            elif key not in expected:
                yield f"{child}: added {_short(actual[key])}"
            else:
                yield from diff_json(expected[key], actual[key], child)
    elif isinstance(expected, list) and isinstance(actual, list):
        for index, (old, new) in enumerate(zip(expected, actual)):
            yield from diff_json(old, new, f"{path}[{index}]")
        for index in range(len(actual), len(expected)):
            yield f"{path}[{index}]: removed (was {_short(expected[index])})"
        for index in range(len(expected), len(actual)):
            yield f"{path}[{index}]: added {_short(actual[index])}"
    elif expected != actual:
        yield f"{path}: {_short(expected)} -> {_short(actual)}"


def _short(value: object, width: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 3] + "..."

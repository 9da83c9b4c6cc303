"""Every committed sample, extracted again, equals its expected JSON exactly.

The safety net that runs in any clone (no ``../shared`` needed): one case per
input file in ``samples/``, found by glob, compared field by field so a
failure names the JSON path that moved.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from actionplan_ingest import extract
from actionplan_ingest.check import diff_json
from actionplan_ingest.discover import find_inputs
from actionplan_ingest.export.json import plan_json

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
EXPECTED = SAMPLES / "expected"
CASES = find_inputs([SAMPLES], skip=[EXPECTED])


def test_samples_are_there():
    """The golden test below must never pass by finding nothing."""
    assert len(CASES) >= 5
    assert {item.path.suffix for item in CASES} >= {".pdf", ".docx", ".txt"}


@pytest.mark.parametrize("item", CASES, ids=[item.relative.as_posix() for item in CASES])
def test_sample_equals_expected(item):
    expected = json.loads((EXPECTED / item.output_name).read_text(encoding="utf-8"))
    actual = json.loads(plan_json(extract(item.path)))
    assert list(diff_json(expected, actual)) == []

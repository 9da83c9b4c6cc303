"""Start-up: each command imports only what it needs.

A fresh interpreter runs the command line in-process and reports which of
the heavy libraries ended up in ``sys.modules``: the PDF stack (pdfplumber,
pdfminer, pypdfium2) only for a command that reads a PDF, and only the
engine that reads it; rich only for the commands that draw with it;
pydantic not for ``--help``.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
PDF_STACK = {"pdfplumber", "pdfminer", "pypdfium2"}
WATCHED = sorted(PDF_STACK | {"rich", "pydantic"})
_PROBE = f"""
import json, sys
from actionplan_ingest.cli import run
sys.argv = ["actionplan-ingest", *sys.argv[1:]]
try:
    run()
except SystemExit:
    pass
print(json.dumps([name for name in {WATCHED!r} if name in sys.modules]), file=sys.stderr)
"""


def loaded(*args: str) -> set[str]:
    """The watched libraries a command imported, run in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=120,
        env={"PATH": "", "NO_COLOR": "1", "COLUMNS": "120"},
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_loads_neither_the_pdf_stack_nor_the_models():
    assert not loaded("--help") & (PDF_STACK | {"pydantic"})


@pytest.mark.parametrize("args", [("schema",), ("validate", str(SAMPLES / "expected" / "dev-northgate-2019.pdf.json"))])
def test_schema_and_validate_do_not_load_the_pdf_stack(args):
    modules = loaded(*args)
    assert "pydantic" in modules
    assert not modules & PDF_STACK


def test_extracting_a_pdf_loads_pdfium_only_and_no_rich(tmp_path):
    modules = loaded("extract", str(SAMPLES / "dev-northgate-2019.pdf"), "-o", str(tmp_path / "plan.json"))
    assert (tmp_path / "plan.json").exists()
    assert modules & PDF_STACK == {"pypdfium2"}
    assert "rich" not in modules


def test_the_reference_engine_loads_pdfplumber_only(tmp_path):
    out = tmp_path / "plan.json"
    modules = loaded("extract", str(SAMPLES / "dev-northgate-2019.pdf"), "--pdf-engine", "pdfplumber", "-o", str(out))
    assert out.exists()
    assert modules & PDF_STACK == {"pdfplumber", "pdfminer"}


def test_extracting_a_text_loads_no_pdf_library(tmp_path):
    text = sorted(SAMPLES.glob("*.txt"))[0]
    modules = loaded("extract", str(text), "-o", str(tmp_path / "plan.json"))
    assert (tmp_path / "plan.json").exists()
    assert not modules & (PDF_STACK | {"rich"})

"""A bad input, checked as the library and a user meet it: its error class; one line, exit 1, nothing written."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from actionplan_ingest import extract
from actionplan_ingest.errors import ExitCode, IngestError


def extract_error(path: Path, error: type[IngestError]) -> IngestError:
    """Extract a bad input; assert it raised exactly ``error`` for that file with exit code 1, and return it."""
    with pytest.raises(IngestError) as caught:
        extract(path)
    assert type(caught.value) is error
    assert caught.value.exit_code == ExitCode.DOCUMENT_FAILED
    assert caught.value.path == str(path)
    return caught.value


def failed_extract_message(path: Path, out_dir: Path) -> str:
    """Run ``extract PATH -o out_dir/plan.json`` as a user does; assert it failed cleanly
    (exit 1, one line on stderr naming the file, no traceback, no output file) and return that line."""
    result = subprocess.run(
        [sys.executable, "-m", "actionplan_ingest", "extract", str(path), "-o", str(out_dir / "plan.json")],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"},
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert path.name in lines[0]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stdout == ""
    assert os.listdir(out_dir) == []  # no output file, no temp file
    return lines[0]

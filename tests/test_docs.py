"""Every command of SPEC.md's command-line block is in the CLI's help and in the README."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("actionplan-ingest")
    return [str(script)] if script.exists() else [sys.executable, "-m", "actionplan_ingest"]


def help_text(*args: str) -> str:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"}
    result = subprocess.run([*_cli(), *args, "--help"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def spec_commands(shared: Path) -> dict[str, list[str]]:
    """Command -> its options, from the code block under SPEC.md's '## Command line'."""
    spec = (shared / "SPEC.md").read_text(encoding="utf-8")
    block = re.search(r"## Command line.*?```\n(.*?)```", spec, re.S).group(1)
    commands = {}
    for line in block.splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] == "actionplan-ingest":
            commands[words[1]] = re.findall(r"(?<![\w-])--?[a-z][a-z-]*", line)
    return commands


@pytest.fixture
def commands(shared_dir) -> dict[str, list[str]]:
    found = spec_commands(shared_dir)
    assert found, "SPEC.md lists no commands"
    return found


def test_spec_block_is_parsed(commands):
    assert {"extract", "batch", "check", "schema", "validate"} <= set(commands)
    assert "--format" in commands["extract"] and "-o" in commands["extract"]


def test_every_spec_command_is_in_the_help(commands):
    text = help_text()
    for command in commands:
        assert re.search(rf"\b{command}\b", text), f"{command} missing from --help"


def test_every_spec_option_is_in_its_command_help(commands):
    for command, options in commands.items():
        text = help_text(command)
        for option in options:
            assert re.search(rf"(?<![\w-]){re.escape(option)}\b", text), f"{command} {option} missing from its --help"


def test_every_command_has_a_description():
    described = {}
    for line in help_text().splitlines():
        match = re.match(r"[│|\s]*(extract|batch|report|check|schema|validate)\s+(\S.*)", line)
        if match:
            described[match.group(1)] = match.group(2).strip("│| ")
    assert set(described) == {"extract", "batch", "report", "check", "schema", "validate"}
    assert all(len(text) > 10 for text in described.values()), described


def test_every_spec_command_is_in_the_readme(commands):
    readme = REPO / "README.md"
    if not readme.exists():
        pytest.skip("README.md not written yet")
    text = readme.read_text(encoding="utf-8")
    for command in commands:
        assert f"actionplan-ingest {command}" in text, f"README.md does not show 'actionplan-ingest {command}'"


def test_batch_help_says_what_jobs_defaults_to():
    assert "number of cores" in help_text("batch")


def _readme_queries() -> list[tuple[str, list[list[str]]]]:
    """Each ```sql block of the README with the rows of the output block under it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    pairs = re.findall(r"```sql\n(.*?)```\n```\n(.*?)```", readme, re.S)
    return [(sql, [[cell.strip() for cell in line.split("|")] for line in output.splitlines()[1:]]) for sql, output in pairs]


def test_readme_queries_give_the_output_shown(tmp_path):
    """The README's SQL, run on a batch of samples/, gives the rows it shows (long cells shortened there)."""
    import sqlite3

    from actionplan_ingest.batch import BatchSettings, run_batch

    queries = _readme_queries()
    assert len(queries) == 3
    run_batch([REPO / "samples"], tmp_path, BatchSettings(runner="serial"))
    db = sqlite3.connect(tmp_path / "plans.sqlite")
    for sql, shown in queries:
        rows = [["" if v is None else str(v) for v in row] for row in db.execute(sql)]
        assert len(rows) == len(shown), sql
        for got, expected in zip(rows, shown):
            for cell, text in zip(got, expected):
                assert cell == text or (text.endswith("...") and cell.startswith(text[:-3].rstrip(", "))), sql

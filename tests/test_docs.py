"""Every command of SPEC.md's command-line block is in the CLI's help and in the README."""
from __future__ import annotations

import datetime as dt
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


def _readme_queries() -> list[tuple[str, list[str], list[list[str]]]]:
    """Each ```sql block of the README with the header and rows of the output block under it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    pairs = re.findall(r"```sql\n(.*?)```\n```\n(.*?)```", readme, re.S)
    tables = [[[cell.strip() for cell in line.split("|")] for line in output.splitlines()] for _, output in pairs]
    return [(sql, table[0], table[1:]) for (sql, _), table in zip(pairs, tables)]


def test_readme_queries_give_the_output_shown(samples_store):
    """The README's SQL, run on a batch of samples/, gives the rows it shows (long cells shortened there)."""
    import sqlite3

    db = sqlite3.connect(samples_store / "plans.sqlite")
    latest_due = db.execute("SELECT max(due) FROM actions").fetchone()[0]
    assert latest_due < dt.date.today().isoformat(), "a sample is due later: the README's answers 'today' will change"
    queries = _readme_queries()
    assert queries
    for sql, header, shown in queries:
        cursor = db.execute(sql)
        assert [d[0] for d in cursor.description] == header, sql
        rows = [["" if v is None else str(v) for v in row] for row in cursor]
        assert len(rows) == len(shown), sql
        for got, expected in zip(rows, shown):
            assert len(got) == len(expected), sql
            for cell, text in zip(got, expected):
                assert cell == text or (text.endswith("...") and cell.startswith(text[:-3].rstrip(", "))), sql


def test_the_readme_shows_every_question_view_and_full_text_search():
    """Each canned query of metadata.json is in the README, its example values written in; each view and FTS too."""
    from actionplan_ingest.export.questions import QUESTIONS
    from actionplan_ingest.export.views import VIEWS

    shown = [sql for sql, _, _ in _readme_queries()]
    for question in QUESTIONS:
        assert set(re.findall(r":(\w+)", question.sql)) == set(question.example), question.name
        written = re.sub(r":(\w+)", lambda m: "'" + question.example[m[1]].replace("'", "''") + "'", question.sql)
        assert written in shown, f"README.md does not show the question {question.name!r} as questions.py has it"
    for view in VIEWS:
        assert any(re.search(rf"\b{view.name}\b", sql) for sql in shown), view.name
    assert any(re.search(r"\w+_fts MATCH", sql) for sql in shown)


def test_the_readme_needs_no_workaround_to_group_owners():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "rtrim(" not in readme


def test_the_readme_counts_the_samples_owners_as_the_database_does(samples_store):
    import sqlite3

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    with sqlite3.connect(samples_store / "plans.sqlite") as db:
        counts = db.execute("SELECT (SELECT count(DISTINCT as_written) FROM action_owners), (SELECT count(*) FROM owners)").fetchone()
    claims = re.findall(r"(\d+) spellings of (\d+) owners", readme) + re.findall(r"Over the samples: (\d+) spellings, (\d+) owners", readme)
    assert len(claims) == 2
    assert {tuple(map(int, claim)) for claim in claims} == {counts}

"""plans.sqlite beyond the tables: owners across plans, status in SQL, full-text search, indexes, the CSV as
the action_list view, and the Datasette metadata beside it. Built from a batch of samples/."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from storecheck import load_plans, read_csv
from test_owner_names import DIFFERENT_POSTS, EXPECTED_SAMPLE_CLUSTERS

from actionplan_ingest.batch import BatchSettings, run_batch
from actionplan_ingest.export.csv import COLUMNS, plans_csv
from actionplan_ingest.export.questions import QUESTIONS
from actionplan_ingest.export.records import plan_rows
from actionplan_ingest.export.schema import ACTION_LIST
from actionplan_ingest.export.sqlite import PlanDatabase
from actionplan_ingest.export.views import VIEWS, status_sql
from actionplan_ingest.models import ActionPlan
from actionplan_ingest.owner_names import owner_names
from actionplan_ingest.report.figures import store_figures
from actionplan_ingest.status import Status, status_as_of


@pytest.fixture(scope="session")
def store(samples_store) -> Path:
    return samples_store


@pytest.fixture(scope="module")
def plans(store) -> dict[str, ActionPlan]:
    return load_plans(store)


@pytest.fixture
def db(store):
    with sqlite3.connect(store / "plans.sqlite") as connection:
        yield connection


def as_of_day(day: dt.date, database: Path) -> sqlite3.Connection:
    """A connection to the database on which 'today' (date('now', 'localtime')) is ``day``.

    An application function overrides SQLite's built-in date() of two arguments;
    the views call it only as date('now', 'localtime').
    """
    connection = sqlite3.connect(database)
    connection.create_function("date", 2, lambda value, modifier: day.isoformat() if (value, modifier) == ("now", "localtime") else None)
    return connection


def targets_by_action_id(db: sqlite3.Connection, plans: dict[str, ActionPlan]) -> dict[int, object]:
    """Each action's target, found in its plan document by the plan's file and the positions."""
    rows = db.execute(
        "SELECT a.id, p.file, r.position, a.position FROM actions a "
        "JOIN recommendations r ON r.id = a.recommendation_id JOIN plans p ON p.id = a.plan_id"
    )
    return {i: plans[file].recommendations[rec - 1].actions[position - 1].target for i, file, rec, position in rows}


def _action_count(plans: dict[str, ActionPlan]) -> int:
    """Actions in the sample plan documents, counted from the documents, not the database."""
    return sum(len(rec.actions) for plan in plans.values() for rec in plan.recommendations)


def status_dates(db: sqlite3.Connection) -> list[dt.date]:
    """Every due date of the samples, the days either side, and days before and after them all."""
    dues = [dt.date.fromisoformat(d) for (d,) in db.execute("SELECT DISTINCT due FROM actions WHERE due IS NOT NULL")]
    around = {day + dt.timedelta(days=shift) for day in dues for shift in (-1, 0, 1)}
    return sorted(around | {dt.date(2000, 1, 1), dt.date(2099, 12, 31)})


# -- status in SQL is status.py --------------------------------------------------------------------


def test_the_status_sql_is_status_py_on_every_action_on_every_date(db, plans):
    targets = targets_by_action_id(db, plans)
    dates = status_dates(db)
    assert len(targets) == _action_count(plans) and len(dates) > 50
    for day in dates:
        got = dict(db.execute(f"SELECT a.id, {status_sql('date(:as_of)')} FROM actions a", {"as_of": day.isoformat()}))
        assert got == {i: status_as_of(target, day).value for i, target in targets.items()}, day


def test_the_action_status_view_is_status_py_on_every_action_whatever_day_today_is(store, plans):
    database = store / "plans.sqlite"
    with sqlite3.connect(database) as db:
        targets = targets_by_action_id(db, plans)
        dates = status_dates(db)
    seen = Counter()
    for day in dates:
        with as_of_day(day, database) as db:
            rows = db.execute("SELECT action_id, status, status_as_of FROM action_status").fetchall()
        assert {i: s for i, s, _ in rows} == {i: status_as_of(t, day).value for i, t in targets.items()}, day
        assert {a for _, _, a in rows} == {day.isoformat()}
        seen.update(s for _, s, _ in rows)
    assert set(seen) == {"completed", "overdue", "ongoing", "due_later", "no_date"}  # every rule was exercised


def test_the_views_judge_on_the_local_date_today(db, plans):
    today = dt.datetime.now().date()
    rows = db.execute("SELECT action_id, status, status_as_of FROM action_status").fetchall()
    targets = targets_by_action_id(db, plans)
    assert {i: s for i, s, _ in rows} == {i: status_as_of(t, today).value for i, t in targets.items()}
    assert {a for _, _, a in rows} == {today.isoformat()}


def test_overdue_actions_are_the_action_list_rows_overdue_longest_first(store, plans):
    day = dt.date(2022, 1, 1)
    overdue_by_status_py = sum(
        status_as_of(a.target, day) is Status.OVERDUE for p in plans.values() for r in p.recommendations for a in r.actions
    )
    with as_of_day(day, store / "plans.sqlite") as db:
        overdue = db.execute("SELECT action_id, due, days_overdue FROM overdue_actions").fetchall()
        expected = db.execute("SELECT action_id, due FROM action_list WHERE status = 'overdue'").fetchall()
    assert sorted((i, d) for i, d, _ in overdue) == sorted(expected) and len(overdue) == overdue_by_status_py > 0
    assert [d for _, d, _ in overdue] == sorted(d for _, d, _ in overdue)
    assert all(days == (day - dt.date.fromisoformat(due)).days > 0 for _, due, days in overdue)


@pytest.mark.parametrize("day", [dt.date(2021, 1, 1), dt.date(2022, 1, 1), dt.date(2023, 6, 30)])
def test_the_canned_status_query_gives_the_report_figures(db, plans, day):
    question = next(q for q in QUESTIONS if q.name == "status_on_a_date")
    cursor = db.execute(question.sql, {"as_of": day.isoformat()})
    names = [d[0] for d in cursor.description]
    got = {row[0]: dict(zip(names[2:], row[2:])) for row in cursor}
    figures = store_figures(sorted(plans.items()), day)
    assert got == {p.name: {s.value: n for s, n in p.status.items()} for p in figures.plans}


def test_the_canned_status_query_gives_nothing_for_a_date_that_is_not_one(db):
    question = next(q for q in QUESTIONS if q.name == "status_on_a_date")
    assert db.execute(question.sql, {"as_of": "1 January 2022"}).fetchall() == []


# -- owners across plans -----------------------------------------------------------------------------


def test_the_owners_table_holds_the_expected_clusters_of_the_samples(db, plans):
    variants = [json.loads(v) for (v,) in db.execute("SELECT variants FROM owners")]
    assert sorted(v for v in variants if len(v) > 1) == sorted(EXPECTED_SAMPLE_CLUSTERS)
    written = {w for (w,) in db.execute("SELECT DISTINCT as_written FROM action_owners")}
    assert len(variants) < len(written)
    assert len(variants) == len(written) - sum(len(c) - 1 for c in EXPECTED_SAMPLE_CLUSTERS)
    names = [o for plan in plans.values() for rec in plan.recommendations for a in rec.actions for o in a.owners]
    assert [(n,) for n in sorted(o.name for o in owner_names(names))] == db.execute("SELECT name FROM owners ORDER BY name").fetchall()


def test_each_action_links_to_its_owners_in_order_as_written(db, plans):
    links = db.execute(
        "SELECT p.file, r.position, a.position, l.position, l.as_written, o.variants FROM action_owners l "
        "JOIN owners o ON o.id = l.owner_id JOIN actions a ON a.id = l.action_id "
        "JOIN recommendations r ON r.id = a.recommendation_id JOIN plans p ON p.id = a.plan_id "
        "ORDER BY a.id, l.position"
    ).fetchall()
    by_action: dict[tuple, list[str]] = {}
    for file, rec, action, position, written, variants in links:
        assert written in json.loads(variants)
        by_action.setdefault((file, rec, action), []).append(written)
        assert position == len(by_action[(file, rec, action)])
    expected = {
        (file, r, a): action.owners
        for file, plan in plans.items()
        for r, rec in enumerate(plan.recommendations, start=1)
        for a, action in enumerate(rec.actions, start=1)
        if action.owners
    }
    assert by_action == expected


def test_an_owner_counts_its_actions_and_plans(db):
    counted = db.execute(
        "SELECT o.name, o.actions, o.plans, count(DISTINCT l.action_id), count(DISTINCT a.plan_id) FROM owners o "
        "JOIN action_owners l ON l.owner_id = o.id JOIN actions a ON a.id = l.action_id GROUP BY o.id"
    ).fetchall()
    assert counted and all(row[1:3] == row[3:] for row in counted)
    assert db.execute("SELECT actions, plans FROM owners WHERE name = 'Chief Probation Officer'").fetchone() == (11, 3)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_POSTS)
def test_the_database_never_merges_two_posts(tmp_path, plans, a, b):
    """Two plans, each naming one post three ways: one owner per post, each with its three spellings."""
    spellings = {a: [a, a.lower(), f"{a}, HMPPS"], b: [b, b.upper(), f"{b}."]}
    database = PlanDatabase(tmp_path / "plans.sqlite")
    template = plans["dev-northgate-2019.pdf"]
    for post, names in spellings.items():
        plan = _with_owners(template, names)
        database.add_plan(plan_rows(post, plan, database.ids))
    database.close()
    with sqlite3.connect(tmp_path / "plans.sqlite") as db:
        owners = {name: json.loads(v) for name, v in db.execute("SELECT name, variants FROM owners")}
    assert sorted(sorted(v) for v in owners.values()) == sorted(sorted(v) for v in spellings.values())
    assert all(name in variants for name, variants in owners.items())


def _with_owners(plan: ActionPlan, names: list[str]) -> ActionPlan:
    """The plan with its actions' owners replaced by names, one per action in turn."""
    actions = iter(range(10_000))
    return plan.model_copy(update={"recommendations": [
        rec.model_copy(update={"actions": [
            action.model_copy(update={"owners": [names[next(actions) % len(names)]]}) for action in rec.actions
        ]})
        for rec in plan.recommendations
    ]})


# -- full-text search ----------------------------------------------------------------------------


def test_full_text_search_covers_every_recommendation_and_action(db):
    for table in ("recommendations", "actions"):
        rows = db.execute(f"SELECT id, text FROM {table} WHERE text IS NOT NULL").fetchall()
        assert rows
        for row_id, text in rows:
            word = max(re.findall(r"[A-Za-z]{4,}", text), key=len)
            found = {i for (i,) in db.execute(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?", [f'"{word}"'])}
            assert row_id in found, (table, word)


def test_full_text_search_finds_a_word_in_its_other_forms(db):
    question = next(q for q in QUESTIONS if q.name == "search")
    singular = db.execute(question.sql, {"words": "curfew"}).fetchall()
    plural = db.execute(question.sql, {"words": "curfews"}).fetchall()
    assert singular == plural and {row[2] for row in singular} == {"recommendation", "action"}
    assert all("[curfew" in row[3] for row in singular)
    assert db.execute(question.sql, {"words": "zeppelin"}).fetchall() == []


# -- indexes -------------------------------------------------------------------------------------


def test_every_foreign_key_has_an_index(db):
    tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")]
    checked = 0
    for table in tables:
        leading = {
            db.execute(f"PRAGMA index_info({name})").fetchone()[2]
            for name in (row[1] for row in db.execute(f"PRAGMA index_list({table})"))
        }
        for foreign_key in db.execute(f"PRAGMA foreign_key_list({table})"):
            assert foreign_key[3] in leading, f"{table}.{foreign_key[3]} has no index"
            checked += 1
    assert checked == 7  # recommendations 1, actions 2, warnings 1, files 1, action_owners 2


# -- actions.csv is the action_list view ----------------------------------------------------------------


def test_the_csv_has_the_rows_of_the_action_list_view_by_the_same_names(store, plans):
    rows = read_csv(store / "actions.csv")
    run_day = dt.date.fromisoformat(rows[0]["status_as_of"])
    with as_of_day(run_day, store / "plans.sqlite") as db:
        cursor = db.execute("SELECT * FROM action_list")
        names = [d[0] for d in cursor.description]
        view = [dict(zip(names, row)) for row in cursor]
    assert names == list(COLUMNS) == list(rows[0]) == [c.name for c in ACTION_LIST]
    assert len(view) == len(rows) == _action_count(plans)
    flags = {c.name for c in ACTION_LIST if c.column is not None and c.column.type is bool}
    assert flags == {"completed", "ongoing"}
    for record, row in zip(view, rows):
        assert {k: _as_csv(v, k in flags) for k, v in record.items()} == row


def _as_csv(value: object, flag: bool) -> str:
    """A database value as the CSV writes it: flags 0/1 as false/true, NULL as empty."""
    if value is None:
        return ""
    return ("true" if value else "false") if flag else str(value)


def test_the_csv_writes_flags_lists_owners_and_ids_as_the_database_holds_them(store, plans):
    rows = read_csv(store / "actions.csv")
    with sqlite3.connect(store / "plans.sqlite") as db:
        ids = dict(db.execute("SELECT id, plan_id FROM actions"))
    documents = [
        (file, plan, action)
        for file, plan in sorted(plans.items(), key=lambda item: Path(item[0]).parts)
        for rec in plan.recommendations
        for action in rec.actions
    ]
    for row, (file, plan, action) in zip(rows, documents, strict=True):
        assert row["file"] == file and int(row["plan_id"]) == ids[int(row["action_id"])]
        assert row["owners"] == "; ".join(action.owners)
        assert row["updates"] == "; ".join(plan.updates)
        assert row["status"] == status_as_of(action.target, dt.date.fromisoformat(row["status_as_of"])).value
        assert row["completed"] == ("" if action.target is None else str(action.target.completed).lower())
    assert any(";" in row["owners"] for row in rows) and any(row["updates"] for row in rows)


def test_extract_csv_numbers_one_plan_as_a_database_of_it_would(plans, tmp_path):
    plan = plans["dev-electronic-monitoring.pdf"]
    day = dt.date(2022, 1, 1)
    rows = list(csv.DictReader(io.StringIO(plans_csv([plan], day, bom=False))))
    assert {row["plan_id"] for row in rows} == {"1"}
    assert [row["action_id"] for row in rows] == [str(i) for i in range(1, 14)]
    assert Counter(row["status"] for row in rows) == Counter(
        status_as_of(a.target, day).value for rec in plan.recommendations for a in rec.actions
    )
    assert {row["status_as_of"] for row in rows} == {"2022-01-01"}


# -- metadata.json for Datasette ------------------------------------------------------------------------


def test_the_metadata_describes_every_table_view_and_column_that_exists(store, db):
    metadata = json.loads((store / "metadata.json").read_text(encoding="utf-8"))
    database = metadata["databases"]["plans"]  # Datasette names a database after its file
    described = database["tables"]
    existing = {
        name: [row[1] for row in db.execute(f"PRAGMA table_info({name})")]
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE '%_fts%'")
    }
    assert set(described) == set(existing)
    assert {view.name for view in VIEWS} <= set(described)
    for name, table in described.items():
        assert table["description"], name
        assert list(table["columns"]) == existing[name], name
        assert all(table["columns"].values()), name
    for name, table in described.items():
        for key in ("fts_table",):
            if key in table:
                assert db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [table[key]]).fetchone(), name
        for key in ("fts_pk", "sort_desc", "label_column"):
            if key in table:
                assert table[key] in existing[name], (name, key)
    assert described["action_list"]["fts_table"] == "actions_fts"


def test_the_metadata_canned_queries_are_the_questions_and_run(store, db):
    queries = json.loads((store / "metadata.json").read_text(encoding="utf-8"))["databases"]["plans"]["queries"]
    assert list(queries) == [q.name for q in QUESTIONS]
    for question in QUESTIONS:
        query = queries[question.name]
        assert query["title"] and query["description"] and query["sql"] == question.sql
        assert set(re.findall(r":(\w+)", query["sql"])) == set(question.example)
        assert db.execute(query["sql"], question.example).fetchall(), question.name


def test_a_store_with_no_plan_still_has_a_database_its_metadata_and_queries_that_run(tmp_path):
    in_dir, out = tmp_path / "plans", tmp_path / "out"
    in_dir.mkdir()
    (in_dir / "empty.txt").write_bytes(b"")
    run_batch([in_dir], out, BatchSettings(runner="serial"))
    queries = json.loads((out / "metadata.json").read_text(encoding="utf-8"))["databases"]["plans"]["queries"]
    with sqlite3.connect(out / "plans.sqlite") as db:
        for question in QUESTIONS:
            assert db.execute(queries[question.name]["sql"], question.example).fetchall() == []
        assert db.execute("SELECT count(*) FROM owners").fetchone() == (0,)
        assert db.execute("SELECT file, outcome, plan_id FROM files").fetchall() == [("empty.txt", "empty", None)]

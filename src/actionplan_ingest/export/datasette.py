"""The Datasette metadata written beside plans.sqlite: ``datasette plans.sqlite -m metadata.json`` opens a ready view.

Titles and descriptions of every table and view and of their columns (from
schema.py and views.py), a search box on the action list (Datasette finds
the tables' full-text indexes itself), and the
analysts' questions (questions.py) as canned queries. Datasette is not a
dependency: this is only the file it reads (its 0.x metadata format).
"""
from __future__ import annotations

import json
from pathlib import PurePath

from .questions import QUESTIONS
from .schema import ACTION_LIST, ACTIONS, TABLES
from .views import ACTION_LIST_VIEW, VIEWS

METADATA_NAME = "metadata.json"


def metadata(database: PurePath, version: str) -> dict:
    """The metadata for the database file ``database`` (Datasette names a database after its file's stem)."""
    tables = {
        table.name: {"description": table.description, "columns": {c.name: c.description for c in table.columns}}
        for table in TABLES
    }
    flat = {c.name: c.meaning for c in ACTION_LIST}
    for view in VIEWS:
        tables[view.name] = {"description": view.description, "columns": {c: flat.get(c) or dict(view.notes)[c] for c in view.columns}}
    tables[ACTION_LIST_VIEW.name].update(fts_table=f"{ACTIONS.name}_fts", fts_pk="action_id")  # a search box on the view
    tables["owners"].update(sort_desc="actions", label_column="name")
    return {
        "title": "Action plans",
        "description": (
            "HMPPS/MoJ action plans answering HM Inspectorate of Probation and HM Inspectorate of Prisons reports: "
            "every plan in the batch store, its recommendations and actions, their owners across plans, "
            "and each action's status today."
        ),
        "source": f"actionplan-ingest {version}",
        "databases": {
            database.stem: {
                "tables": tables,
                "queries": {
                    q.name: {"title": q.title, "description": q.description, "sql": q.sql}
                    for q in QUESTIONS
                },
            }
        },
    }


def metadata_json(database: PurePath, version: str) -> str:
    return json.dumps(metadata(database, version), indent=2, ensure_ascii=False) + "\n"

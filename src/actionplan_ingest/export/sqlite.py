"""Plans -> one SQLite database, built one plan at a time with sqlite-utils.

The tables, indexes and full-text indexes are those of ``schema.py``, the
views those of ``views.py``; ``PlanDatabase`` creates the tables in
``_create``, fills them from ``records.plan_rows`` in ``add_plan``, and in
``_finish`` adds what needs every plan: the owners across plans, the
indexes, full-text search and the views.

The database is always built whole into a new file (the batch store builds it
in its staging folder and renames it into place at its commit point), so
there is no journal to keep: writes are unjournalled and unsynced until
``close`` syncs the file once.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from ..owner_names import owner_names
from ..results import OK_OUTCOMES
from .records import Ids, PlanRows
from .schema import ACTION_OWNERS, FILES, FULL_TEXT, INDEXES, OWNERS, TABLES
from .views import VIEWS


@dataclass(frozen=True)
class FileRow:
    """One input of a batch run, as the ``files`` table records it."""

    file: str
    input: str
    sha256: str | None
    outcome: str
    message: str | None
    unchanged: bool
    seconds: float


class PlanDatabase:
    """A new database file, filled one plan at a time so memory stays flat."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ids = Ids()  # the CSV built beside the database numbers its rows with these ids too
        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self._create()
        self.db.conn.execute("BEGIN")

    def _create(self) -> None:
        for table in TABLES:
            self.db[table.name].create(
                {c.name: c.type for c in table.columns}, pk=table.pk, not_null=set(table.not_null),
                foreign_keys=list(table.foreign_keys),
            )

    def add_plan(self, rows: PlanRows) -> None:
        """One plan's rows (``records.plan_rows``, numbered with ``self.ids``) in every table."""
        self._insert("plans", [rows.plan])
        self._insert("recommendations", rows.recommendations)
        self._insert("actions", rows.actions)
        self._insert("warnings", rows.warnings)

    def add_files(self, rows: Iterable[FileRow]) -> None:
        """The inputs of the run, each linked to its plan when the database holds one."""
        self._insert(FILES.name, (
            {"file": row.file, "input": row.input, "sha256": row.sha256, "outcome": row.outcome,
             "message": row.message, "unchanged": int(row.unchanged), "seconds": round(row.seconds, 3), "plan_id": None}
            for row in rows
        ))
        self.db.execute(  # an input that did not give a plan has none, though another input's plan may share its path
            f"UPDATE files SET plan_id = (SELECT id FROM plans WHERE plans.file = files.file) "
            f"WHERE outcome IN ({', '.join('?' * len(OK_OUTCOMES))})", sorted(OK_OUTCOMES),
        )

    def _insert(self, table: str, records: Iterable[dict]) -> None:
        self.db[table].insert_all(records, batch_size=500)

    def close(self) -> None:
        """Finish, commit, and sync the file to disk once."""
        try:
            self._finish()
            self.db.conn.commit()
        finally:
            self.db.close()
        with open(self.path, "rb") as written:
            os.fsync(written.fileno())

    def _finish(self) -> None:
        for table, columns, unique in INDEXES:
            self.db[table].create_index(list(columns), index_name=f"{table}_{'_'.join(columns)}", unique=unique)
        self._add_owners()
        for table, columns in FULL_TEXT.items():  # built once over the finished table: it never changes after
            self.db[table].enable_fts(list(columns), fts_version="FTS5", tokenize="porter")
        for view in VIEWS:
            self.db.execute(view.sql)

    def _add_owners(self) -> None:
        """The owners across every plan (owner_names.py) and each action's link to its owners.

        Only the distinct names are read into memory: the links are made in SQL,
        from each action's ``owners`` list through a temporary name -> owner table.
        """
        uses = Counter(dict(self.db.execute(
            "SELECT o.value, count(*) FROM actions a, json_each(a.owners) o GROUP BY o.value"
        ).fetchall()))
        owners = owner_names(uses.elements())
        self._insert(OWNERS.name, (
            {"id": owner_id, "name": owner.name, "variants": list(owner.variants), "actions": 0, "plans": 0}
            for owner_id, owner in enumerate(owners, start=1)
        ))
        self.db.execute("CREATE TEMP TABLE owner_spelling (as_written TEXT PRIMARY KEY, owner_id INTEGER NOT NULL)")
        self.db.conn.executemany(
            "INSERT INTO owner_spelling VALUES (?, ?)",
            ((variant, owner_id) for owner_id, owner in enumerate(owners, start=1) for variant in owner.variants),
        )
        self.db.execute(
            f"INSERT INTO {ACTION_OWNERS.name} (action_id, owner_id, position, as_written) "
            "SELECT a.id, s.owner_id, o.key + 1, o.value FROM actions a, json_each(a.owners) o "
            "JOIN owner_spelling s ON s.as_written = o.value ORDER BY a.id, o.key"
        )
        self.db.execute("DROP TABLE owner_spelling")
        self.db.execute(
            "UPDATE owners SET "
            "actions = (SELECT count(DISTINCT action_id) FROM action_owners WHERE owner_id = owners.id), "
            "plans = (SELECT count(DISTINCT a.plan_id) FROM action_owners l JOIN actions a ON a.id = l.action_id "
            "WHERE l.owner_id = owners.id)"
        )

"""The batch out folder as a store: plan documents, actions.csv and plans.sqlite that always agree.

Layout of an out folder::

    <input path>.json        one plan document per converted input
    actions.csv              every action of every plan document in the folder
    plans.sqlite             the same plans, and the last run's inputs (table files)
    metadata.json            Datasette's description of plans.sqlite (not a plan document)
    .actionplan-ingest/      the store's own files
        lock                 held (flock) by the one batch writing the store
        inputs.jsonl         per input: the bytes (sha256) and tool it was read with, its outcome
        staging/             a run's new files, until its commit
        commit               the commit record (JSON)

A run writes nothing outside ``staging/`` until it commits. Its commit builds
``actions.csv``, ``plans.sqlite``, ``metadata.json`` (and the new ``inputs.jsonl``) into
``staging/`` from every plan document the store will hold, reading them one
at a time, then writes the commit record: the list of renames and deletions
that turn the old store into the new one. Renaming that record into place
is the commit point. Before it, the store is untouched and the next run
throws the staged files away; after it, the renames are carried out, and if
they are cut short the next run carries out the rest (every step can be
repeated). Rebuilding the CSV and database from the documents, rather than
patching them, means they describe exactly the documents in the folder,
whatever an earlier run, a person or a bug left there.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from . import __version__
from .discover import display_name
from .errors import OutFolderRefused, OutputError
from .export.csv import ActionsCsv
from .export.datasette import METADATA_NAME, metadata_json
from .export.records import plan_rows
from .export.sqlite import FileRow, PlanDatabase
from .models import ActionPlan
from .results import FileResult, PlanCounts

CSV_NAME = "actions.csv"
DATABASE_NAME = "plans.sqlite"
STATE_DIR = ".actionplan-ingest"
_CACHE_NAME = "inputs.jsonl"
_COMMIT_NAME = "commit"
_STAGED_PLANS = "plans"
# Temp files of an atomic write (export/atomic.py), and SQLite's journals beside them.
_TEMP_FILE = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp(-journal|-wal|-shm)?$")


@cache
def tool_version() -> str:
    """The version, plus a digest of the package's code: a changed reader re-converts every input."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


@dataclass(frozen=True)
class Reused:
    """What the store knows of an input it converted before (a line of inputs.jsonl)."""

    outcome: str
    message: str | None
    counts: PlanCounts | None


def refuse_overlap(out_dir: Path, inputs: list[Path]) -> None:
    """An out folder that is an input folder, or holds an input, would convert its own outputs."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutFolderRefused(out_dir, "is a file, not a folder")
    out = out_dir.resolve()
    for path in inputs:
        given = path.resolve()
        if given == out:
            raise OutFolderRefused(out_dir, "is also an input folder; write the outputs to a folder of their own")
        if given.is_relative_to(out):
            raise OutFolderRefused(out_dir, f"contains the input {display_name(str(path))}; choose an out folder outside the inputs")


class Store:
    """An out folder, locked by this process; see the module docstring for its layout."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.state = root / STATE_DIR
        self.staging = self.state / "staging"
        self._lock_fd: int | None = None
        self._cache: dict[str, dict] = {}
        self._results: list[FileResult] = []
        self.ignored: list[str] = []  # JSON files in the folder that are not plan documents

    @classmethod
    @contextmanager
    def open(cls, root: Path) -> Iterator[Store]:
        """Lock the store and finish or throw away what a stopped run left; unlock on the way out.

        If the run stops before its commit, its staged files are removed; if
        it stops during its commit, the commit is finished.
        """
        store = cls(root)
        with _output_errors(root):
            store.state.mkdir(parents=True, exist_ok=True)
            store._lock()
        try:
            with _output_errors(root):
                store._recover()
                store._cache = store._read_cache()
                store.staging.mkdir()
            yield store
        finally:
            try:
                store._recover()
            finally:
                store._unlock()

    # -- a run -------------------------------------------------------------------------

    def reusable(self, output_name: PurePosixPath, sha256: str) -> Reused | None:
        """The earlier result for an input, if its bytes and the tool are unchanged and its output is still here."""
        entry = self._cache.get(str(output_name))
        if not entry or entry["sha256"] != sha256 or entry["tool"] != tool_version():
            return None
        if entry["outcome"] in ("ok", "ok_with_warnings") and not (self.root / output_name).is_file():
            return None
        counts = entry.get("counts")
        return Reused(entry["outcome"], entry.get("message"), PlanCounts(*counts) if counts else None)

    def add(self, result: FileResult, document: str | None = None) -> None:
        """Record one input's result; stage its plan document, when it has one, as it arrives."""
        if document is not None:
            target = self.staging / _STAGED_PLANS / result.input.output_name
            with _output_errors(self.root / result.input.output_name):
                target.parent.mkdir(parents=True, exist_ok=True)
                _write_synced(target, document.encode("utf-8"))
        self._results.append(result)

    def commit(self, clean: bool = False) -> None:
        """Make this run's results the store's, all at once (``clean``: drop every other plan)."""
        kept, staged = self._plan_documents()
        ran = {str(r.input.output_name) for r in self._results}
        converted = {str(r.input.output_name) for r in self._results if r.has_plan}
        gone = {
            name for name in kept - staged
            if (name in ran and name not in converted) or (clean and self._read_plan(name, self.root / name, note=False))
        }
        plans = sorted(
            [(name, self.root / name) for name in kept - gone - staged]
            + [(name, self.staging / _STAGED_PLANS / name) for name in staged],
            key=lambda item: PurePosixPath(item[0]).parts,
        )
        self._build_exports(plans)
        self._write_cache(clean, {name for name, _ in plans})
        moves = [(f"{_STAGED_PLANS}/{name}", name) for name in sorted(staged)]
        moves += [(name, name) for name in (CSV_NAME, DATABASE_NAME, METADATA_NAME)]
        moves.append((_CACHE_NAME, f"{STATE_DIR}/{_CACHE_NAME}"))
        record = {"moves": moves, "deletions": sorted(gone)}
        with _output_errors(self.state / _COMMIT_NAME):
            _write_synced(self.state / f".{_COMMIT_NAME}.tmp", json.dumps(record).encode("ascii"))
            os.replace(self.state / f".{_COMMIT_NAME}.tmp", self.state / _COMMIT_NAME)  # the commit point
            _sync_folder(self.state)
        self._recover()

    def _plan_documents(self) -> tuple[set[str], set[str]]:
        """Output names of the plan documents in the store (its metadata.json left out), and of those this run staged."""
        return _json_files(self.root, skip=self.state) - {METADATA_NAME}, _json_files(self.staging / _STAGED_PLANS)

    def _build_exports(self, plans: list[tuple[str, Path]]) -> None:
        """actions.csv, plans.sqlite and its metadata.json in staging, from the documents one at a time.

        The CSV judges each action's status on the day of the run, and numbers
        plans and actions with the database's ids.
        """
        csv_path, db_path = self.staging / CSV_NAME, self.staging / DATABASE_NAME
        with _output_errors(self.root / DATABASE_NAME):
            database = PlanDatabase(db_path)
            try:
                with _output_errors(self.root / CSV_NAME), open(csv_path, "w", encoding="utf-8", newline="") as stream:
                    actions = ActionsCsv(stream, dt.date.today())
                    for name, path in plans:
                        plan = self._read_plan(name, path)
                        if plan is not None:
                            rows = plan_rows(display_name(name.removesuffix(".json")), plan, database.ids)
                            actions.add(rows)
                            database.add_plan(rows)
                    stream.flush()
                    os.fsync(stream.fileno())
                database.add_files(_file_row(r) for r in self._results)
            finally:
                database.close()
        with _output_errors(self.root / METADATA_NAME):
            _write_synced(self.staging / METADATA_NAME, metadata_json(db_path, tool_version()).encode("utf-8"))

    def _read_plan(self, name: str, path: Path, note: bool = True) -> ActionPlan | None:
        """The plan document at path; None (noted, unless not ``note``) if it is not one."""
        try:
            return ActionPlan.model_validate_json(path.read_bytes())
        except (OSError, ValidationError):
            if note:
                self.ignored.append(display_name(name))
            return None

    # -- the cache of unchanged inputs -------------------------------------------------

    def _read_cache(self) -> dict[str, dict]:
        """Output name -> entry; an unreadable cache is an empty one (everything is converted again)."""
        try:
            with open(self.state / _CACHE_NAME, encoding="ascii") as lines:
                return {entry.pop("output"): entry for entry in map(json.loads, lines)}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def _write_cache(self, clean: bool, plans: set[str]) -> None:
        """The new inputs.jsonl: earlier entries whose plans remain (all dropped by ``clean``), then this run's."""
        entries = {} if clean else {
            name: entry for name, entry in self._cache.items()
            if name in plans or entry["outcome"] not in ("ok", "ok_with_warnings")
        }
        for result in self._results:
            name = str(result.input.output_name)
            entries.pop(name, None)
            if result.reusable and (not result.has_plan or name in plans):
                counts = result.counts
                entries[name] = {
                    "sha256": result.sha256, "tool": tool_version(), "outcome": result.outcome, "message": result.message,
                    "counts": [counts.recommendations, counts.actions, counts.warnings] if counts else None,
                }
        with _output_errors(self.state / _CACHE_NAME):
            lines = "".join(json.dumps({"output": name, **entry}) + "\n" for name, entry in sorted(entries.items()))
            _write_synced(self.staging / _CACHE_NAME, lines.encode("ascii"))

    # -- recovery, lock -----------------------------------------------------------------

    def _recover(self) -> None:
        """Finish a commit whose record is written; remove staged and temp files."""
        record_path = self.state / _COMMIT_NAME
        if record_path.exists():
            record = json.loads(record_path.read_text("ascii"))
            for source, target in record["moves"]:
                staged = self.staging / source
                if staged.exists():
                    (self.root / target).parent.mkdir(parents=True, exist_ok=True)
                    os.replace(staged, self.root / target)
            for name in record["deletions"]:
                (self.root / name).unlink(missing_ok=True)
                _remove_empty_folders((self.root / name).parent, self.root)
            _sync_folder(self.root)
            record_path.unlink()
        shutil.rmtree(self.staging, ignore_errors=True)
        for folder, _, files in os.walk(self.root):
            for name in files:
                if _TEMP_FILE.match(name) or name == f".{_COMMIT_NAME}.tmp":
                    Path(folder, name).unlink(missing_ok=True)

    def _lock(self) -> None:
        fd = os.open(self.state / "lock", os.O_RDWR | os.O_CREAT, 0o666)
        try:
            _try_lock(fd)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise OutFolderRefused(self.root, f"another batch (process {holder}) is writing to it; wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the lock; the kernel does the same for a killed process
            self._lock_fd = None


def _try_lock(fd: int) -> None:
    """An exclusive lock on the open file, or BlockingIOError if another process holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            raise BlockingIOError(str(exc)) from exc
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _file_row(result: FileResult) -> FileRow:
    return FileRow(
        file=result.input.name, input=display_name(str(result.input.path)), sha256=result.sha256,
        outcome=result.outcome, message=result.message, unchanged=result.unchanged, seconds=result.seconds,
    )


def _json_files(folder: Path, skip: Path | None = None) -> set[str]:
    """Relative paths (POSIX) of the .json files under folder, leaving out skip."""
    found = set()
    for current, folders, files in os.walk(folder):
        if skip is not None and Path(current) == folder:
            folders[:] = [f for f in folders if folder / f != skip]
        relative = PurePosixPath(Path(current).relative_to(folder).as_posix())
        found.update(str(relative / name) for name in files if name.endswith(".json") and not name.startswith("."))
    return found


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _sync_folder(folder: Path) -> None:
    """Make renames in folder durable (where the platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_empty_folders(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


@contextmanager
def _output_errors(path: Path) -> Iterator[None]:
    """A failed write (full disk, read-only folder) as an OutputError naming the output it was for."""
    try:
        yield
    except OutputError:
        raise
    except sqlite3.Error as exc:
        raise OutputError(display_name(str(path)), f"cannot be written ({exc})") from exc
    except OSError as exc:
        raise OutputError(display_name(str(path)), f"cannot be written ({exc.strerror or exc})") from exc

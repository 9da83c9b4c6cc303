"""Shared fixtures: where the shared ground truth lives, and small plans built by the tests.

Most tests write their own small tab-separated plans (``write_plan``), so they
run on a clean clone. Tests over the published seeds and the dev plans need
the ``shared`` folder next to the repository and are skipped when it is absent.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
_NO_SHARED = "the shared ground truth (../shared) is not available"

HEADER_LINES: tuple[str, ...] = (
    "ACTION PLAN: Testing the quality of probation services.",
    "",
    "A Response to: A thematic inspection of the quality of probation services.",
    "",
    "Report Published: 25 February 2021",
    "",
    "Action Plan Submitted: 19th April 2021",
    "",
)
TITLE_ROW = (
    "1. Rec No\t2. Recommendation\t3. Agreed/ Partly Agreed/ Not Agreed"
    "\t4. Response Action Taken/Planned\t5. Responsible Owner\t6. Target Date"
)

Row = str | Sequence[str]
"""A table row: a line as written, or its cells (joined with tabs)."""


def plan_lines(rows: Sequence[Row], header: Sequence[str] = HEADER_LINES) -> list[str]:
    """The lines of a minimal plan: header block, column-title row, then the rows."""
    body = [row if isinstance(row, str) else "\t".join(row) for row in rows]
    return [*header, TITLE_ROW, *body]


@pytest.fixture(scope="session")
def samples_store(tmp_path_factory) -> Path:
    """The out folder of a batch of samples/, shared by the tests that only read it."""
    from actionplan_ingest.batch import BatchSettings, run_batch

    out = tmp_path_factory.mktemp("samples_store")
    run_batch([Path(__file__).resolve().parents[1] / "samples"], out, BatchSettings(runner="serial"))
    return out


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip(_NO_SHARED)
    return SHARED_DIR


def _shared_plans(shared_dir: Path, folder: str, pattern: str) -> list[Path]:
    paths = sorted((shared_dir / folder).glob(pattern))
    if not paths:
        pytest.skip(f"no {pattern} plans in ../shared/{folder}")
    return paths


@pytest.fixture
def seed_paths(shared_dir: Path) -> list[Path]:
    return _shared_plans(shared_dir, "seeds", "*.txt")


@pytest.fixture
def dev_text_paths(shared_dir: Path) -> list[Path]:
    return _shared_plans(shared_dir, "dev", "*.txt")


@pytest.fixture
def header_lines() -> tuple[str, ...]:
    return HEADER_LINES


@pytest.fixture
def plan_text() -> Callable[..., str]:
    """Build the text of a minimal valid plan from its table rows."""

    def build(rows: Sequence[Row], header: Sequence[str] = HEADER_LINES) -> str:
        return "\n".join(plan_lines(rows, header)) + "\n"

    return build


@pytest.fixture
def write_plan(tmp_path: Path, plan_text: Callable[..., str]) -> Callable[..., Path]:
    """Write a minimal valid plan into tmp_path and return its path."""

    def write(rows: Sequence[Row], name: str = "plan.txt", header: Sequence[str] = HEADER_LINES) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(plan_text(rows, header), encoding="utf-8")
        return path

    return write


def _shared_cases(kind: str) -> list:
    """(text input, gold JSON) pairs for parametrising, or one skipped case without ../shared."""
    if kind == "seed":
        pairs = [(p, SHARED_DIR / "gold" / f"{p.stem}.json") for p in sorted((SHARED_DIR / "seeds").glob("*.txt"))]
    else:
        tabbed = [p for p in sorted((SHARED_DIR / "dev").glob("*.txt")) if p.suffixes == [".txt"]]
        pairs = [(p, p.with_suffix(".json")) for p in tabbed]
    if not pairs:
        return [pytest.param(None, marks=pytest.mark.skip(reason=_NO_SHARED), id=f"{kind}-missing")]
    return [pytest.param(pair, id=pair[0].stem) for pair in pairs]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``seed_case`` / ``dev_case`` / ``plan_case``: one test per shared plan (text, gold)."""
    if "seed_case" in metafunc.fixturenames:
        metafunc.parametrize("seed_case", _shared_cases("seed"))
    if "dev_case" in metafunc.fixturenames:
        metafunc.parametrize("dev_case", _shared_cases("dev"))
    if "plan_case" in metafunc.fixturenames:
        cases = [c for c in _shared_cases("seed") + _shared_cases("dev") if c.values[0] is not None]
        metafunc.parametrize("plan_case", cases or _shared_cases("seed"))

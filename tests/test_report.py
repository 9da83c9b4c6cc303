"""The report: figures counted by hand, the command on a batch of samples/, and the HTML page."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from storecheck import plan_documents

from actionplan_ingest.errors import InputNotFound, NoPlansFound, NotAFile
from actionplan_ingest.models import ActionPlan
from actionplan_ingest.owner_names import canonical_names
from actionplan_ingest.report.figures import days_between, store_figures
from actionplan_ingest.report.store_plans import read_store_plans
from actionplan_ingest.status import Status

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2022-01-01"


# -- figures, counted by hand ----------------------------------------------------------------


def _target(raw: str | None, completed=False, ongoing=False, dates=(), recurrence=None, due=None) -> dict | None:
    if raw is None:
        return None
    return {"raw": raw, "completed": completed, "ongoing": ongoing, "dates": list(dates), "recurrence": recurrence, "due": due}


def _action(owners: list[str], target: dict | None) -> dict:
    return {
        "text": "An action.",
        "owner": " and ".join(owners) or None,
        "owners": owners,
        "target": target,
        "phase": None,
        "source": {"page": None, "line_start": None, "line_end": None},
    }


def _plan(published: str | None, submitted: str | None, recs: list[tuple[str | None, list[dict]]]) -> ActionPlan:
    return ActionPlan.model_validate(
        {
            "source": {"file": "plan.txt", "sha256": "0" * 64, "format": "text", "pages": None},
            "title": "A plan",
            "report": {"title": "A report", "published": published},
            "submitted": submitted,
            "updates": [],
            "recommendations": [
                {"number": str(n), "addressee": None, "text": "Do it.", "agreement": agreement, "agreement_raw": agreement, "actions": actions}
                for n, (agreement, actions) in enumerate(recs, start=1)
            ],
            "warnings": [],
        }
    )


PLAN_A = _plan(
    "2021-02-25",
    "2021-04-19",
    [
        ("agreed", [
            _action(["Head of Safety"], _target("Completed", completed=True)),
            _action(["Head of Safety", "Governor"], _target("May 2021", dates=["2021-05"], due="2021-05-31")),
        ]),
        ("partly_agreed", [_action([], _target("Ongoing", ongoing=True))]),
        (None, [_action(["Deputy Director, Unpaid Work"], None)]),
    ],
)
PLAN_B = _plan(
    "2021-06",
    "2021-08-01",
    [
        ("not_agreed", [
            _action(["Deputy Director Unpaid Work"], _target("March 2022", dates=["2022-03"], due="2022-03-31")),
            _action(["head of safety"], _target("January 2021 and ongoing", ongoing=True, dates=["2021-01"], due="2021-01-31")),
        ]),
    ],
)


def test_figures_counted_by_hand():
    figures = store_figures([("a.txt", PLAN_A), ("b.pdf", PLAN_B)], dt.date(2021, 7, 1))
    a, b = figures.plans
    assert a.agreement == {"agreed": 1, "partly_agreed": 1, "not_agreed": 0, "not_stated": 1}
    assert b.agreement == {"agreed": 0, "partly_agreed": 0, "not_agreed": 1, "not_stated": 0}
    assert a.status == {Status.COMPLETED: 1, Status.OVERDUE: 1, Status.ONGOING: 1, Status.DUE_LATER: 0, Status.NO_DATE: 1}
    assert b.status == {Status.COMPLETED: 0, Status.OVERDUE: 1, Status.ONGOING: 0, Status.DUE_LATER: 1, Status.NO_DATE: 0}
    assert figures.status[Status.OVERDUE] == 2 and sum(figures.status.values()) == 6
    assert figures.agreement == {"agreed": 1, "partly_agreed": 1, "not_agreed": 1, "not_stated": 1}
    assert (a.days_to_submission, b.days_to_submission) == (53, None)  # "2021-06" names no day
    assert figures.median_days_to_submission == 53
    # "Head of Safety" x2 and "head of safety" are one owner; so are the two Unpaid Work spellings (the longer named).
    assert [(o.name, o.open, o.overdue, o.plans) for o in figures.owners] == [
        ("Head of Safety", 2, 2, 2),
        ("Deputy Director, Unpaid Work", 2, 0, 2),
        ("Governor", 1, 1, 1),
    ]
    assert figures.open_without_owner == 1
    assert a.open_by_owner == {"Head of Safety": 1, "Governor": 1, "Deputy Director, Unpaid Work": 1}


def test_terminal_tables_show_the_same_figures():
    import io

    from rich.console import Console

    from actionplan_ingest.report.tables import print_tables

    figures = store_figures([("a.txt", PLAN_A), ("b.pdf", PLAN_B)], dt.date(2021, 7, 1))
    buffer = io.StringIO()
    print_tables(figures, Console(file=buffer, width=200, force_terminal=False, color_system=None))
    text = buffer.getvalue()
    assert "Actions as of 2021-07-01" in text and "Open actions by owner" in text
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines() if line.count("│") > 3]
    assert ["Head of Safety", "2", "2", "2"] in rows
    assert [row[1:] for row in rows if row[0] == "All 2 plans"] == [
        ["", "", "", "53 (median)"],
        ["1", "1", "1", "1", "4"],
        ["1", "2", "1", "1", "1", "6"],
    ]


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [("2021-02-25", "2021-04-19", 53), ("2021-06", "2021-08-01", None), (None, "2021-08-01", None), ("2021-08-02", "2021-08-01", -1)],
)
def test_days_between(start, end, days):
    assert days_between(start, end) == days


# -- reading a store ---------------------------------------------------------------------------


def test_store_plans_skips_json_that_is_not_a_plan_and_names_broken_plans(tmp_path):
    (tmp_path / "2021").mkdir()
    (tmp_path / "2021" / "a.txt.json").write_text(PLAN_A.model_dump_json(), encoding="utf-8")
    (tmp_path / "metadata.json").write_text('{"title": "Datasette metadata"}', encoding="utf-8")
    (tmp_path / ".staging").mkdir()
    (tmp_path / ".staging" / "b.txt.json").write_text("{half", encoding="utf-8")
    broken = json.loads(PLAN_B.model_dump_json())
    broken["recommendations"][0]["agreement"] = "maybe"
    (tmp_path / "b.pdf.json").write_text(json.dumps(broken), encoding="utf-8")
    store = read_store_plans(tmp_path)
    assert [name for name, _ in store.plans] == ["2021/a.txt"]
    [skipped] = store.skipped
    assert skipped.startswith(str(tmp_path / "b.pdf.json")) and "recommendations.0.agreement" in skipped


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda p: p / "missing", InputNotFound),
        (lambda p: p, NoPlansFound),
        (lambda p: (p / "plans.sqlite").write_bytes(b"") or p / "plans.sqlite", NotAFile),
    ],
    ids=["missing", "empty", "a-file"],
)
def test_store_plans_refuses_a_folder_without_plans(tmp_path, make, error):
    with pytest.raises(error):
        read_store_plans(make(tmp_path))


# -- the command on a batch of samples/ ----------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"}
    return subprocess.run(
        [sys.executable, "-m", "actionplan_ingest", *args], capture_output=True, text=True, encoding="utf-8", env=env, timeout=120
    )


@pytest.fixture(scope="module")
def report_run(samples_store, tmp_path_factory):
    page = tmp_path_factory.mktemp("page") / "report.html"
    result = run_cli("report", str(samples_store), "--as-of", AS_OF, "--html", str(page))
    assert result.returncode == 0, result.stderr
    return result.stdout, page


def markdown_tables(text: str) -> dict[str, list[list[str]]]:
    """'## title' -> the rows of the pipe table under it (header row first, bold marks removed)."""
    tables = {}
    for title, body in re.findall(r"^## (.+)\n\n((?:\|.*\|\n)+)", text, re.M):
        rows = [[cell.strip().strip("*") for cell in re.split(r"(?<!\\)\|", line)[1:-1]] for line in body.splitlines()]
        tables[title] = [rows[0], *rows[2:]]
    return tables


def expected_from_json(store: Path) -> dict[str, dict]:
    """Counted straight from the JSON documents, without the report code."""
    as_of = AS_OF
    counts = {}
    for path in plan_documents(store).values():
        plan = json.loads(path.read_text(encoding="utf-8"))
        agreement = Counter(rec["agreement"] or "not_stated" for rec in plan["recommendations"])
        status = Counter()
        for rec in plan["recommendations"]:
            for action in rec["actions"]:
                t = action["target"]
                if t is None:
                    status["no_date"] += 1
                elif t["completed"]:
                    status["completed"] += 1
                elif t["due"] and t["due"] < as_of:
                    status["overdue"] += 1
                elif t["ongoing"] or t["recurrence"]:
                    status["ongoing"] += 1
                elif t["due"]:
                    status["due_later"] += 1
                else:
                    status["no_date"] += 1
        published, submitted = plan["report"]["published"], plan["submitted"]
        days = (dt.date.fromisoformat(submitted) - dt.date.fromisoformat(published)).days
        counts[path.name.removesuffix(".json")] = {"agreement": agreement, "status": status, "days": days, "plan": plan}
    return counts


def test_report_prints_the_figures_counted_from_the_json(samples_store, report_run):
    stdout, _ = report_run
    tables = markdown_tables(stdout)
    expected = expected_from_json(samples_store)
    assert len(expected) == 8

    agreement = {row[0]: [int(v) for v in row[1:]] for row in tables["Recommendations by agreement"][1:]}
    status = {row[0]: [int(v) for v in row[1:]] for row in tables[f"Actions as of {AS_OF}"][1:]}
    plans = {row[0]: row for row in tables["Plans: days from report publication to plan submission"][1:]}
    for name, e in expected.items():
        a = [e["agreement"][k] for k in ("agreed", "partly_agreed", "not_agreed", "not_stated")]
        assert agreement[name] == [*a, len(e["plan"]["recommendations"])], name
        s = [e["status"][k] for k in ("completed", "overdue", "ongoing", "due_later", "no_date")]
        assert status[name] == [*s, sum(len(r["actions"]) for r in e["plan"]["recommendations"])], name
        assert plans[name][-1] == str(e["days"])
    every = "All 8 plans"
    assert agreement[every] == [sum(col) for col in zip(*(v for k, v in agreement.items() if k != every))]
    assert status[every] == [sum(col) for col in zip(*(v for k, v in status.items() if k != every))]
    assert status[every][-1] == 209  # 137 in the five text and PDF samples, 24 in the Word plan, 28 in the layout text, 20 in the plain text

    owners = {row[0]: [int(v) for v in row[1:]] for row in tables[f"Open actions by owner as of {AS_OF}"][1:]}
    names = canonical_names(o for e in expected.values() for r in e["plan"]["recommendations"] for a in r["actions"] for o in a["owners"])
    open_pairs = Counter()
    for e in expected.values():
        for rec in e["plan"]["recommendations"]:
            for action in rec["actions"]:
                if not (action["target"] or {}).get("completed"):
                    open_pairs.update({names[o] for o in action["owners"]})
    assert {name: row[0] for name, row in owners.items()} == dict(open_pairs)
    assert len(owners) < len({o for e in expected.values() for r in e["plan"]["recommendations"] for a in r["actions"] for o in a["owners"]})


def test_readme_shows_the_report_output_on_the_samples(report_run):
    stdout, _ = report_run
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```markdown\n(.*?)```", readme, re.S)
    assert len(blocks) >= 2
    for block in blocks:
        assert block in stdout, block


def test_report_without_as_of_judges_today(samples_store):
    result = run_cli("report", str(samples_store))
    assert result.returncode == 0, result.stderr
    assert f"as of {dt.date.today().isoformat()}" in result.stdout


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_report_on_a_folder_without_plans_is_a_one_line_error(tmp_path, folder):
    if folder == "empty":
        (tmp_path / folder).mkdir()
    result = run_cli("report", str(tmp_path / folder))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(tmp_path / folder) in result.stderr and "Traceback" not in result.stderr


def test_a_bad_as_of_date_is_bad_usage(samples_store):
    assert run_cli("report", str(samples_store), "--as-of", "31/12/2021").returncode == 2


def test_extract_never_imports_the_plotting_library():
    code = "import sys, actionplan_ingest.cli, actionplan_ingest.pipeline, actionplan_ingest.report.tables; print('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


# -- the HTML page --------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Every element's tag and attributes, and the ids of elements inside each <figure>."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.figures: dict[str, list[tuple[str, str]]] = {}
        self._figure: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        if tag == "figure":
            self._figure = attributes["id"]
            self.figures[self._figure] = []
        elif self._figure:
            self.figures[self._figure].append((tag, attributes.get("id", "")))

    def handle_endtag(self, tag):
        if tag == "figure":
            self._figure = None


def bars(page: _Page, chart: str) -> dict[tuple[int, str], int]:
    """(row, series) -> value, from the ids the chart gives its bar segments."""
    found = {}
    for _, element_id in page.figures[chart]:
        match = re.fullmatch(rf"{chart}-(\d+)-([a-z-]+?)-(\d+)", element_id)
        if match:
            found[int(match.group(1)), match.group(2)] = int(match.group(3))
    return found


def test_html_page_loads_nothing_and_draws_each_chart_from_the_figures(samples_store, report_run):
    stdout, page_path = report_run
    text = page_path.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text
    page = _Page()
    page.feed(text)
    assert not [(t, a) for t, a in page.elements if t in ("script", "link", "img", "iframe", "object", "embed")]
    assert not [a for _, a in page.elements if any(k in ("src", "href") for k in a)]
    assert set(page.figures) == {"agreement-by-plan", "status-by-plan", "open-by-owner"}
    for chart, elements in page.figures.items():
        assert sum(tag == "svg" for tag, _ in elements) == 1, chart

    tables = markdown_tables(stdout)
    plan_rows = tables["Recommendations by agreement"][1:-1]
    agreement = bars(page, "agreement-by-plan")
    for row, values in enumerate(plan_rows):
        assert [agreement[row, s] for s in ("agreed", "partly-agreed", "not-agreed", "not-stated")] == [int(v) for v in values[1:5]]
    status = bars(page, "status-by-plan")
    for row, values in enumerate(tables[f"Actions as of {AS_OF}"][1:-1]):
        assert [status[row, s] for s in ("completed", "overdue", "ongoing", "due-later", "no-date")] == [int(v) for v in values[1:6]]
    owners = bars(page, "open-by-owner")
    owner_rows = tables[f"Open actions by owner as of {AS_OF}"][1:]
    assert len(owners) == 2 * len(owner_rows)
    for row, (_, open_count, overdue, _) in enumerate(owner_rows):
        assert owners[row, "overdue"] == int(overdue)
        assert owners[row, "overdue"] + owners[row, "open-not-overdue"] == int(open_count)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (optional)")
def test_html_page_renders_its_charts_in_headless_chromium(report_run, tmp_path):
    from PIL import Image  # installed with matplotlib

    _, page_path = report_run
    shot = tmp_path / "page.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1200,2400", page_path.as_uri()],
        capture_output=True, timeout=120, check=False,
    )
    assert shot.exists()
    colours = {rgb: count for count, rgb in Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 24)}
    for hex_colour in ("#009E73", "#D55E00", "#0072B2"):  # agreed/completed, overdue/not agreed, due later/open
        rgb = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        assert colours.get(rgb, 0) > 200, hex_colour

"""Report figures -> one self-contained HTML page: charts (matplotlib, inline SVG) and the tables.

The page loads nothing: styles are inline, each chart is an ``<svg>`` element
in the page (text kept as text, so it is searchable and small), and the SVG's
XML prologue, metadata and namespace declarations, which name web addresses
but fetch nothing, are left out. matplotlib is imported here only, so
``extract`` and ``batch`` never pay for it.

Each bar segment carries an id naming its chart, row, series and value
(``status-by-plan-2-overdue-4``), so what a chart shows can be checked
against the figures without rendering it.
"""
from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..status import Status
from .figures import AGREEMENT_LABELS, AGREEMENTS, StoreFigures
from .tables import Table, report_tables, report_title

# Okabe-Ito colours: told apart with any colour vision.
AGREEMENT_COLOURS = {"agreed": "#009E73", "partly_agreed": "#E69F00", "not_agreed": "#D55E00", "not_stated": "#999999"}
STATUS_COLOURS = {
    Status.COMPLETED: "#009E73",
    Status.OVERDUE: "#D55E00",
    Status.ONGOING: "#56B4E9",
    Status.DUE_LATER: "#0072B2",
    Status.NO_DATE: "#999999",
}
OPEN_COLOURS = {"overdue": "#D55E00", "open, not overdue": "#0072B2"}
LABEL_CHARS = 48  # longer row labels are shortened on the charts (the tables keep them whole)
ROW_INCHES = 0.32
_SVG_CLUTTER = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<metadata>.*?</metadata>|\s+xmlns(?::\w+)?=\"[^\"]*\"", re.S)
_SLUG = re.compile(r"[^a-z0-9]+")

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
figure { margin: 1.5rem 0; } figcaption { font-weight: 600; margin-bottom: .5rem; }
svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; border-top: 2px solid #999; }
p.note { color: #555; font-size: .85rem; }
"""


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[int]


def report_html(figures: StoreFigures) -> str:
    """The whole page."""
    title = report_title(figures)
    charts = [
        _figure(
            "agreement-by-plan",
            "Recommendations by agreement, by plan",
            [p.name for p in figures.plans],
            [Series(AGREEMENT_LABELS[a], AGREEMENT_COLOURS[a], [p.agreement[a] for p in figures.plans]) for a in AGREEMENTS],
            "recommendations",
        ),
        _figure(
            "status-by-plan",
            f"Actions by status as of {figures.as_of.isoformat()}, by plan",
            [p.name for p in figures.plans],
            [Series(s.label, STATUS_COLOURS[s], [p.status[s] for p in figures.plans]) for s in Status],
            "actions",
        ),
        _figure(
            "open-by-owner",
            f"Open actions by owner as of {figures.as_of.isoformat()}",
            [o.name for o in figures.owners],
            [
                Series("overdue", OPEN_COLOURS["overdue"], [o.overdue for o in figures.owners]),
                Series("open, not overdue", OPEN_COLOURS["open, not overdue"], [o.open - o.overdue for o in figures.owners]),
            ],
            "open actions",
        ),
    ]
    tables = [_html_table(table) for table in report_tables(figures)]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{html.escape(title)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n<h1>{html.escape(title)}</h1>\n"
        + "\n".join(charts)
        + "\n"
        + "\n".join(tables)
        + "\n</body>\n</html>\n"
    )


def _figure(chart_id: str, caption: str, rows: list[str], series: list[Series], unit: str) -> str:
    body = _stacked_bars_svg(chart_id, rows, series, unit) if rows else "<p class=\"note\">Nothing to show.</p>"
    return f"<figure id=\"{chart_id}\">\n<figcaption>{html.escape(caption)}</figcaption>\n{body}\n</figure>"


def _stacked_bars_svg(chart_id: str, rows: list[str], series: list[Series], unit: str) -> str:
    """Horizontal bars, one per row, stacked by series, as an inline ``<svg>`` element."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    settings = {"svg.fonttype": "none", "svg.hashsalt": chart_id, "font.family": "sans-serif", "font.size": 9}
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(9, 1.1 + ROW_INCHES * len(rows)), layout="constrained")
        axes = figure.add_subplot()
        positions = list(range(len(rows)))
        left = [0] * len(rows)
        for one in series:
            bars = axes.barh(positions, one.values, left=left, color=one.colour, label=one.name, height=0.7)
            for row, (bar, value) in enumerate(zip(bars, one.values)):
                bar.set_gid(f"{chart_id}-{row}-{_SLUG.sub('-', one.name.lower()).strip('-')}-{value}")
            left = [a + b for a, b in zip(left, one.values)]
        for position, total in zip(positions, left):
            axes.annotate(str(total), (total, position), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
        axes.set_yticks(positions, labels=[_shorten(row) for row in rows])
        axes.set_ylim(len(rows) - 0.5, -0.5)  # first row at the top, no padding
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlim(0, max(max(left, default=0) * 1.08, 1))
        axes.set_xlabel(unit)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(series), frameon=False, fontsize=8)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg")
    return _SVG_CLUTTER.sub("", buffer.getvalue()).strip()


def _html_table(table: Table) -> str:
    def cells(values: Sequence[str], tag: str) -> str:
        numeric = ' class="n"'
        return "".join(
            f"<{tag}{numeric if i >= table.numeric_from else ''}>{html.escape(v)}</{tag}>" for i, v in enumerate(values)
        )

    rows = [f"<tr>{cells(row, 'td')}</tr>" for row in table.rows]
    if table.total:
        rows.append(f"<tr class=\"total\">{cells(table.total, 'td')}</tr>")
    note = f"\n<p class=\"note\">{html.escape(table.note)}</p>" if table.note else ""
    return (
        f"<h2>{html.escape(table.title)}</h2>\n<table>\n<thead><tr>{cells(table.columns, 'th')}</tr></thead>\n"
        f"<tbody>\n" + "\n".join(rows) + f"\n</tbody>\n</table>{note}"
    )


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"

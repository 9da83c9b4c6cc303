"""Tables ruled across but not down: where their columns are, found from the text.

Word tables are often drawn with horizontal rules only. pdfplumber's "text"
strategy finds such columns from the alignment of words; this does the same
from the chars, anchored on the column-title row. The steps, each a small
pure function: ``rule_stacks`` (horizontal rules one under another) ->
``chars_in_bands`` -> ``text_cells`` (a band's text split at its gutters: the
title row's cells) -> ``column_boundaries`` (between two title cells, at a
vertical rule if one is drawn there, else where the body text leaves its
widest gap) -> ``column_rules`` (a vertical rule down every boundary in each
band whose text does not cross it). The grid steps in ``pdf_geometry`` then
read the table as if it had been ruled both ways.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from .pdf_geometry import JOIN, SNAP, Segment, char_lines, line_text

GUTTER = 0.4  # share of the font size: a wider gap inside a line separates two cells (a space is ~0.25)
STACK_OVERLAP = 0.5  # share of a rule's length that must lie within a stack's width for it to join the stack


@dataclass(frozen=True)
class RuleStack:
    """Horizontal rules one under another within one width: a table's rows, ruled down or not."""

    left: float
    right: float
    ys: tuple[float, ...]  # the rules' positions, top to bottom
    ends: tuple[float, ...] = ()  # where rules that span some columns only start or end: column edges

    def bands(self) -> list[tuple[float, float]]:
        return list(pairwise(self.ys))

    def matches(self, left: float, right: float) -> bool:
        """The stack has these outer edges (the same table on another page)."""
        return abs(self.left - left) <= 2 * SNAP and abs(self.right - right) <= 2 * SNAP


@dataclass(frozen=True)
class TextCell:
    """Text that gutters set apart within a band: one cell of a row drawn without vertical rules."""

    x0: float
    x1: float
    text: str


def rule_stacks(segments: Sequence[Segment]) -> list[RuleStack]:
    """Horizontal rules grouped top to bottom into stacks of two or more that share one width.

    A rule joins the stack it mostly lies within (a rule under some columns
    only, as between the action rows of one recommendation, joins the table's).
    """
    stacks: list[tuple[float, float, list[float], set[float]]] = []
    for rule in sorted((s for s in segments if s.horizontal), key=lambda s: s.at):
        for index, (left, right, ys, ends) in enumerate(stacks):
            if min(right, rule.b) - max(left, rule.a) >= STACK_OVERLAP * (rule.b - rule.a):
                if ys[-1] != rule.at:
                    ys.append(rule.at)
                stacks[index] = (min(left, rule.a), max(right, rule.b), ys, ends | {rule.a, rule.b})
                break
        else:
            stacks.append((rule.a, rule.b, [rule.at], {rule.a, rule.b}))
    return [
        RuleStack(left, right, tuple(ys), tuple(sorted(x for x in ends if left + SNAP < x < right - SNAP)))
        for left, right, ys, ends in stacks
        if len(ys) >= 2
    ]


def chars_in_bands(stack: RuleStack, chars: Sequence[dict]) -> list[list[dict]]:
    """The chars in each band of the stack, by where their centres lie."""
    bands: list[list[dict]] = [[] for _ in range(len(stack.ys) - 1)]
    top, bottom = stack.ys[0], stack.ys[-1]
    for char in chars:
        x = (char["x0"] + char["x1"]) * 0.5
        y = (char["top"] + char["bottom"]) * 0.5
        if stack.left <= x <= stack.right and top <= y < bottom:
            bands[bisect_right(stack.ys, y) - 1].append(char)
    return bands


def open_bands(stack: RuleStack, segments: Sequence[Segment]) -> list[bool]:
    """For each band, True when no vertical rule crosses it between the stack's outer edges."""
    inner = [s for s in segments if not s.horizontal and stack.left + SNAP < s.at < stack.right - SNAP]
    return [not any(s.covers(top + JOIN, bottom - JOIN) for s in inner) for top, bottom in stack.bands()]


def text_cells(chars: Sequence[dict]) -> list[TextCell]:
    """A band's text as cells, left to right: each line cut at its gutters, and the pieces
    of different lines that overlap across joined into one cell."""
    runs = sorted(((run[0]["x0"], run[-1]["x1"], top, run) for top, line in char_lines(chars) for run in _runs(line)),
                  key=lambda run: run[0])
    groups: list[list[tuple[float, float, float, list[dict]]]] = []
    for run in runs:
        if groups and run[0] < max(r[1] for r in groups[-1]):
            groups[-1].append(run)
        else:
            groups.append([run])
    return [
        TextCell(
            min(r[0] for r in group),
            max(r[1] for r in group),
            "\n".join(line_text(r[3]) for r in sorted(group, key=lambda r: r[2])),
        )
        for group in groups
    ]


def column_boundaries(
    cells: Sequence[TextCell], rules: Sequence[float], body: Sequence[dict], left: float, right: float
) -> list[float]:
    """The x of every column edge of a table whose title row holds ``cells``, outer edges included.

    Between two title cells the edge is a rule drawn there (a shaded title
    cell's side, or the end of a rule under some columns only), else the
    middle of the widest gap that the body text below leaves between them
    (cell text is aligned to its column's edges).
    """
    runs = _run_spans(body)
    xs = [snapped(left, rules)]
    for before, after in pairwise(cells):
        drawn = [x for x in rules if before.x1 <= x <= after.x0]
        xs.append(drawn[0] if drawn else _widest_gap(before.x1, after.x0, runs))
    xs.append(snapped(right, rules))
    return xs


def column_rules(stack: RuleStack, xs: Sequence[float], bands: Sequence[Sequence[dict]], ruled: range) -> list[Segment]:
    """Vertical rules down the columns at ``xs``, through the bands ``ruled``.

    A boundary that a line's text crosses is not ruled in that band (the
    cells are merged); a band whose text crosses from the first column into
    the second is a row spanning the table (an addressee or section row) and
    is ruled at its outer edges only. A rule runs on unbroken through the
    bands it is drawn in, so it meets the rules across that bound the table.
    """
    spans: dict[float, list[list[float]]] = {x: [] for x in xs}
    for (top, bottom), chars in list(zip(stack.bands(), bands))[ruled.start : ruled.stop]:
        runs = _run_spans(chars)
        crossed = [any(x0 < x < x1 for x0, x1 in runs) for x in xs]
        spanning = len(xs) > 2 and crossed[1]
        for index, x in enumerate(xs):
            if index in (0, len(xs) - 1) or not (spanning or crossed[index]):
                if spans[x] and spans[x][-1][1] == top:
                    spans[x][-1][1] = bottom
                else:
                    spans[x].append([top, bottom])
    return [Segment(False, x, top, bottom) for x, ranges in spans.items() for top, bottom in ranges]


def _runs(line: Sequence[dict]) -> list[list[dict]]:
    """A line's chars (left to right) cut where a gap is a gutter between cells, not a space."""
    runs: list[list[dict]] = []
    for char in line:
        if char["text"].isspace():
            continue
        if runs and char["x0"] - runs[-1][-1]["x1"] <= GUTTER * char["size"]:
            runs[-1].append(char)
        else:
            runs.append([char])
    return runs


def _run_spans(chars: Sequence[dict]) -> list[tuple[float, float]]:
    """Where each run of text (a line's text between gutters) starts and ends across."""
    return [(run[0]["x0"], run[-1]["x1"]) for _, line in char_lines(chars) for run in _runs(line)]


def _widest_gap(lo: float, hi: float, runs: Sequence[tuple[float, float]]) -> float:
    """The middle of the stretch of (lo, hi) that the fewest runs of text cover, widest first."""
    points = sorted({lo, hi, *(x for run in runs for x in run if lo < x < hi)})
    best = max(
        pairwise(points),
        key=lambda span: (-sum(1 for x0, x1 in runs if x0 < (span[0] + span[1]) / 2 < x1), span[1] - span[0]),
    )
    return (best[0] + best[1]) / 2


def snapped(x: float, rules: Sequence[float]) -> float:
    """A drawn vertical rule's x when one is within SNAP of x (so no sliver column appears), else x."""
    return min(rules, key=lambda rule: abs(rule - x)) if any(abs(rule - x) <= SNAP for rule in rules) else x

"""Owner and target cells of a plain extraction's page -> the rows they belong to.

``pdftotext`` mostly writes a row's response, owner and target one after
another, but it may write a row's owner and target before its response (a
response set right under a phase row is read with the phase label, after
its cells), or an owner's second paragraph after the page number. So the
page's runs of owner and target pieces (cut where a kind comes again: one
row's cells each) are given to rows by cost:

- a row costs nothing when the cells follow its response, a little when they
  come just before it, more for every row between;
- a row that gets a second owner or target cell costs extra, a row left
  without one costs too (most rows have both); a row whose two owner cells
  name the same post costs more still (one cell rarely names a post twice:
  the other is most likely a paragraph of another row's cell, read late);
- the rest of a row broken over the page takes only the cells that follow it
  (the pieces of its owner and target cut by the page's end).

``pdftotext`` may also set a cell's later paragraph (or a whole cell) at the
page's end, after the cells of the row the page's end cuts. That row runs to
the page's foot, so on the page none of its cells runs more lines than its
response: a later group that would make its owner or target cell run longer
is not its own, and is read as if it came before the page's first row (where
the paragraphs so set have come from in the plans seen).

The assignment with the lowest total is found by local search from the
cheapest choice for each run.

On a page ``pdftotext`` read in column blocks, the right block may hold
every response first and then each row's owner and target: there the
text's order says nothing of which row a run belongs to, and each run is
read as if right after the row of its rank (``in_row_order``).
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..owners import owner_key
from .plain_kinds import Kind
from .plain_rows import Row, Typed


@dataclass(frozen=True)
class CellSettings:
    leads: float = 1.0  # the cells come just before their row's response
    per_row_between: float = 1.0  # each row between the cells and their row
    second_cell: float = 1.5  # a row gets a second owner (or target) cell
    missing_cell: float = 1.0  # a row is left with no owner (or target) cell
    same_owner: float = 3.0  # a row gets two owner cells that name the same post
    not_following: float = 10.0  # the rest of a broken row takes cells that do not follow it
    crossing: float = 0.5  # two groups given to rows in the opposite order to their own
    search_margin: float = 4.0  # rows dearer than a group's cheapest by more are not tried for it
    search_groups_max: int = 80  # pages with more groups keep each group's cheapest row (no search)


CELLS = CellSettings()
_CELL_KINDS = (Kind.OWNER, Kind.TARGET)


@dataclass(frozen=True)
class Group:
    """One row's owner and target pieces, as they come together in the reading order."""

    pieces: tuple[Typed, ...]
    page_end: bool = False  # set at the page's end: read as if before the page's first row
    after_row: int | None = None  # on a page read in column blocks: read as if right after this row

    @property
    def order(self) -> float:
        if self.page_end:
            return -1
        return self.pieces[0].order if self.after_row is None else self.after_row + 0.5

    def lines(self, kind: Kind) -> int:
        """Lines its cell of that kind runs (0: it has none)."""
        return sum(len(typed.piece.lines) for typed in self.pieces if typed.kind is kind)

    @property
    def kinds(self) -> frozenset[Kind]:
        return frozenset(typed.kind for typed in self.pieces)

    @property
    def owner(self) -> str | None:
        """The post its owner piece names, compared without case and punctuation (a group has one at most)."""
        return next((owner_key(t.piece.text) for t in self.pieces if t.kind is Kind.OWNER), None)


def cell_groups(page: Sequence[Typed]) -> list[Group]:
    """Runs of owner and target pieces, cut where a kind comes again (the next row's cells)."""
    groups: list[list[Typed]] = []
    for index, typed in enumerate(page):
        if typed.kind not in _CELL_KINDS:
            continue
        joins = index and page[index - 1].kind in _CELL_KINDS and groups
        if not joins or typed.kind in {t.kind for t in groups[-1]}:
            groups.append([])
        groups[-1].append(typed)
    return [Group(tuple(group)) for group in groups]


def in_row_order(groups: Sequence[Group], rows: Sequence[Row]) -> list[Group]:
    """The groups of a page ``pdftotext`` read in column blocks, each read as if right after the
    row of its rank, where the right block gives every response before any owner or target (a
    column block of its own) and a group for each row: they then come in the rows' order. The
    rest of a row broken over the page before takes the first group only when the page has more
    groups than rows of its own."""
    own = sorted((row for row in rows if row.kind is Kind.RESPONSE and not row.continues), key=lambda row: row.order)
    broken = [row for row in rows if row.continues]
    ranked = [*broken, *own] if len(groups) > len(own) else own
    if len(own) < 2 or len(groups) < len(own) or any(group.order < ranked[-1].order for group in groups):
        return list(groups)  # cells row by row, or rows without cells: the text's order says more
    return [replace(group, after_row=ranked[min(k, len(ranked) - 1)].order) for k, group in enumerate(groups)]


@dataclass(frozen=True)
class Placement:
    """Where a group of cells went: its row (None: the page has no row for it) and what that cost."""

    group: Group
    row: Row | None
    cost: float  # 0: the cells follow their row's response in the text


def attach_cells(groups: Sequence[Group], rows: Sequence[Row], settings: CellSettings = CELLS) -> list[Placement]:
    """Give each group of cells to a response row (the rows' owner and target lists fill up)."""
    rows = [row for row in rows if row.kind is Kind.RESPONSE]
    if not rows:
        return [Placement(group, None, 0.0) for group in groups]
    groups = sorted(_set_at_page_end(groups, rows), key=lambda group: group.order)
    costs = _costs(groups, rows, settings)
    choice = [min(range(len(rows)), key=lambda r: (costs[g][r], r)) for g in range(len(groups))]
    if len(groups) <= settings.search_groups_max:
        choice = _improve(choice, costs, _Objective(costs, groups, rows, settings), settings)
    for group, r in zip(groups, choice):
        for typed in group.pieces:
            (rows[r].owners if typed.kind is Kind.OWNER else rows[r].targets).append(typed.piece)
    for row in rows:
        row.owners.sort(key=lambda piece: piece.line)
        row.targets.sort(key=lambda piece: piece.line)
    return [Placement(group, rows[r], costs[g][r]) for g, (group, r) in enumerate(zip(groups, choice))]


def _set_at_page_end(groups: Sequence[Group], rows: Sequence[Row]) -> list[Group]:
    """Groups read after the response of the row the page's end cuts (the last in the reading order,
    its text left open) that would make its owner or target cell run more lines than its response
    runs on the page: paragraphs ``pdftotext`` set at the page's end. The first cell of each kind
    read after the response is the row's own, however long."""
    last = max(rows, key=lambda row: row.order)
    if last.continues or not last.open:
        return list(groups)
    room = sum(len(piece.lines) for piece in last.pieces)
    held = {kind: 0 for kind in _CELL_KINDS}
    marked = []
    for group in groups:
        if group.order > last.order:
            if any(held[kind] and held[kind] + group.lines(kind) > room for kind in _CELL_KINDS):
                group = replace(group, page_end=True)
            else:
                held = {kind: held[kind] + group.lines(kind) for kind in _CELL_KINDS}
        marked.append(group)
    return marked


def _improve(choice: list[int], costs: Sequence[Sequence[float]], total: _Objective, settings: CellSettings) -> list[int]:
    """Local search: move one group to another row, or swap two groups' rows, while the total falls.
    Rows far dearer than a group's cheapest are never tried for it."""
    best = total(choice)
    candidates = [
        [r for r, cost in enumerate(row_costs) if cost <= min(row_costs) + settings.search_margin]
        for row_costs in costs
    ]
    improved = True
    while improved:
        improved = False
        for g, rows in enumerate(candidates):
            for r in rows:
                if r == choice[g]:
                    continue
                trials = [[*choice[:g], r, *choice[g + 1 :]]]
                for other, chosen in enumerate(choice):
                    if chosen == r:
                        swapped = list(choice)
                        swapped[g], swapped[other] = r, choice[g]
                        trials.append(swapped)
                for trial in trials:
                    value = total(trial)
                    if value < best - 1e-9:
                        choice, best, improved = trial, value, True
                        break
    return choice


def _costs(groups: Sequence[Group], rows: Sequence[Row], settings: CellSettings) -> list[list[float]]:
    """What giving each group to each row costs, by where each sits in the reading order: nothing
    for the row the cells follow, a little for the row they come just before, more for every row
    between; the rest of a broken row takes only the cells that follow it."""
    placed = sorted(row.order for row in rows if not row.continues)
    index = {order: i for i, order in enumerate(placed)}
    by_order = sorted(rows, key=lambda row: row.order)
    costs = []
    for group in groups:
        after = bisect_left(placed, group.order)  # rows read before the group: placed[:after]
        previous = next((row for row in reversed(by_order) if row.order < group.order), None)
        row_costs = []
        for row in rows:
            if row.continues:
                row_costs.append(0.0 if previous is row else settings.not_following)
                continue
            at = index[row.order]
            if at == after - 1:
                row_costs.append(0.0)
            else:
                between = at - after if at >= after else after - 1 - at
                row_costs.append(settings.leads + settings.per_row_between * between)
        costs.append(row_costs)
    return costs


class _Objective:
    """The total cost of an assignment (one row index per group): the groups' own costs, a second
    cell or a missing cell per row and kind, a post named twice in a row's owner cells, and every
    pair of groups whose rows cross their order."""

    def __init__(self, costs: Sequence[Sequence[float]], groups: Sequence[Group], rows: Sequence[Row],
                 settings: CellSettings) -> None:
        self.costs = costs
        self.settings = settings
        self.has_owner = [Kind.OWNER in group.kinds for group in groups]
        self.has_target = [Kind.TARGET in group.kinds for group in groups]
        self.owners = [group.owner for group in groups]
        self.ranks = [row.order if not row.continues else -1 for row in rows]
        self.wanting = [not row.continues for row in rows]

    def __call__(self, choice: Sequence[int]) -> float:
        settings = self.settings
        total = 0.0
        owners = [0] * len(self.ranks)
        targets = [0] * len(self.ranks)
        named: set[tuple[int, str]] = set()
        for g, r in enumerate(choice):
            total += self.costs[g][r]
            owners[r] += self.has_owner[g]
            targets[r] += self.has_target[g]
            if self.owners[g] is not None:
                total += settings.same_owner * ((r, self.owners[g]) in named)
                named.add((r, self.owners[g]))
        for counts in (owners, targets):
            for r, count in enumerate(counts):
                if count > 1:
                    total += settings.second_cell * (count - 1)
                elif count == 0 and self.wanting[r]:
                    total += settings.missing_cell
        ranks = [self.ranks[r] for r in choice]
        crossings = sum(1 for a, first in enumerate(ranks) for second in ranks[a + 1 :] if first > second)
        return total + settings.crossing * crossings

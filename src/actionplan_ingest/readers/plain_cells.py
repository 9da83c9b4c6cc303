"""Owner and target cells of a plain extraction's page -> the rows they belong to.

``pdftotext`` mostly writes a row's response, owner and target one after
another, but it may write a row's owner and target before its response, or
an owner's second paragraph after the page number. So each run of owner and
target pieces (split where a kind repeats: one row's cells each) is given to
a row by cost: the row it follows costs nothing, the row it leads a little,
a row further off more with every row between; a row that already has that
cell costs extra. The cheapest pairs are taken first.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from .plain_kinds import Kind
from .plain_rows import Row, Typed


@dataclass(frozen=True)
class CellSettings:
    leads_cost: float = 1.0  # the cells come just before their row's response
    per_row_between: float = 0.5  # each row between the cells and their row
    occupied_cost: float = 2.0  # the row already has that cell (a second paragraph, or a wrong row)


CELLS = CellSettings()
_CELL_KINDS = (Kind.OWNER, Kind.TARGET)


@dataclass
class _Group:
    """One row's owner and target pieces, as they come together in the reading order."""

    pieces: list[Typed]

    @property
    def order(self) -> int:
        return self.pieces[0].order

    def kinds(self) -> set[Kind]:
        return {typed.kind for typed in self.pieces}


def attach_cells(page: Sequence[Typed], rows: Sequence[Row], settings: CellSettings = CELLS) -> list[Typed]:
    """Give every owner and target piece of the page to a response row; returns the pieces no row could take."""
    anchors = sorted((row for row in rows if row.kind is Kind.RESPONSE), key=lambda row: row.order)
    groups = _groups(page)
    if not anchors:
        return [typed for group in groups for typed in group.pieces]
    orders = [row.order for row in anchors]
    taken: dict[int, set[Kind]] = {id(row): set() for row in anchors}
    pending = list(groups)
    while pending:
        cost, group, row = min(
            ((_cost(group, index, orders, taken[id(anchors[index])], settings), group, anchors[index])
             for group in pending for index in range(len(anchors))),
            key=lambda item: (item[0], item[1].order, item[2].order),
        )
        pending.remove(group)
        for typed in group.pieces:
            (row.owners if typed.kind is Kind.OWNER else row.targets).append(typed.piece)
        taken[id(row)] |= group.kinds()
    for row in anchors:
        row.owners.sort(key=lambda piece: piece.line)
        row.targets.sort(key=lambda piece: piece.line)
    return []


def _groups(page: Sequence[Typed]) -> list[_Group]:
    """Runs of owner and target pieces, cut where a kind comes again (the next row's cells)."""
    groups: list[_Group] = []
    current: _Group | None = None
    for typed in page:
        if typed.kind not in _CELL_KINDS:
            current = None
            continue
        if current is None or typed.kind in current.kinds():
            current = _Group([])
            groups.append(current)
        current.pieces.append(typed)
    return groups


def _cost(group: _Group, index: int, orders: Sequence[int], taken: set[Kind], settings: CellSettings) -> float:
    """What giving the group to the row at ``index`` (rows in reading order) costs."""
    after = bisect_left(orders, group.order)  # rows before the group: orders[:after]
    if index == after - 1:
        cost = 0.0  # the row the cells follow
    elif index == after:
        cost = settings.leads_cost  # the row the cells come just before
    elif index < after:
        cost = settings.leads_cost + settings.per_row_between * (after - 1 - index)
    else:
        cost = settings.leads_cost + settings.per_row_between * (index - after)
    return cost + settings.occupied_cost * len(group.kinds() & taken)

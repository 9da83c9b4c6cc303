"""How coherent a reading of a table is: used to choose between readings of one text.

A text that more than one text form could have produced is read by each of
them; the reading in which more cells hold what their column should
(numbers, agreement words, readable targets) is the one kept.
"""
from __future__ import annotations

from .cells import agreement_value, rec_number, target_reading
from .rows import Column, TableRead

RECOMMENDATION_WEIGHT = 3  # a numbered row with a readable agreement is strong evidence


def coherence(table: TableRead) -> float:
    """Cells that hold what their column should, less rows that hold nothing a column expects."""
    score = 0.0
    for row in table.rows:
        number, agreement = row.cell(Column.NUMBER), row.cell(Column.AGREEMENT)
        if number and rec_number(number):
            score += RECOMMENDATION_WEIGHT if agreement and agreement_value(agreement) else 1
        target = row.cell(Column.TARGET)
        if target:
            reading = target_reading(target)
            score += 1 if reading is not None and reading.says_something else -1
    return score

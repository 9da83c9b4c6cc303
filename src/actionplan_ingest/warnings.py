"""Every warning a plan can carry, built in one place: one constructor per code.

The assembler and the pipeline decide *that* something was guessed or could
not be read; the wording a person reads, and the place it names, are made
here, so one code always reads the same way.
"""
from __future__ import annotations

from collections.abc import Sequence

from .dates import TargetReading
from .models import PlanWarning, WarningCode
from .table.rows import RawRow, ReadNote


def _at(code: WarningCode, message: str, page: int | None = None, line: int | None = None) -> PlanWarning:
    return PlanWarning(code=code, message=message, page=page, line=line)


def _row(code: WarningCode, message: str, row: RawRow) -> PlanWarning:
    return _at(code, message, row.page, row.line_start)


# -- what a reader had to skip or repair ----------------------------------------------
def from_read_note(note: ReadNote) -> PlanWarning:
    return _at(WarningCode(note.code), note.message, note.page, note.line)


# -- the header block -------------------------------------------------------------------
def header_field_missing(field: str) -> PlanWarning:
    return _at(WarningCode.HEADER_FIELD_MISSING, f"no {field} found above the table")


# -- recommendations ---------------------------------------------------------------------
def agreement_unrecognised(number: str, raw: str, page: int | None, line: int | None) -> PlanWarning:
    return _at(
        WarningCode.AGREEMENT_UNRECOGNISED,
        f"recommendation {number}: agreement {raw!r} is not agreed/partly/not agreed",
        page, line,
    )


def numbering_gap(previous: str, number: str, page: int | None, line: int | None) -> PlanWarning:
    return _at(
        WarningCode.NUMBERING_GAP,
        f"recommendation {number} follows {previous}: the numbering skips, so content may be missing",
        page, line,
    )


def spanning_row_repaired(row: RawRow, guesses: Sequence[str], text: str) -> PlanWarning:
    return _row(
        WarningCode.SPANNING_ROW_REPAIRED,
        f"spanning row cut into fake columns ({' '.join(guesses)}); read as {text!r}",
        row,
    )


def duplicate_text_removed(row: RawRow, number: str, repeated: str) -> PlanWarning:
    return _row(
        WarningCode.DUPLICATE_TEXT_REMOVED,
        f"recommendation {number} text repeats {repeated!r} where it is split over rows; the repeat was dropped",
        row,
    )


def orphan_row(row: RawRow, what: str, text: str) -> PlanWarning:
    return _row(WarningCode.ORPHAN_ROW, f"{what} {text!r} comes before anything it can belong to; left out", row)


# -- how rows were joined into actions -------------------------------------------------
def row_start_missing(row: RawRow, target: str, previous_target: str) -> PlanWarning:
    return _row(
        WarningCode.ROW_START_MISSING,
        f"{row.place} is the tail of a row whose start was lost at the page edge: its target "
        f"{target!r} cannot continue the target above ({previous_target!r}); kept as its own action",
        row,
    )


def text_split_mid_sentence(row: RawRow, first_line: int | None, before: str, after: str) -> PlanWarning:
    return _row(
        WarningCode.TEXT_SPLIT_MID_SENTENCE,
        f"response text split mid-sentence over lines {first_line}-{row.line_start} "
        f"({before[-30:]!r} / {after[:30]!r}); joined as one action",
        row,
    )


def row_continued_across_page(row: RawRow, text: str) -> PlanWarning:
    return _row(
        WarningCode.ROW_CONTINUED_ACROSS_PAGE,
        f"the first row after a page break ({row.place}) starts a sentence ({text[:30]!r}) but "
        "brings no owner or target of its own; read as the rest of the row above",
        row,
    )


def rows_split(row: RawRow, head: str, glued: bool) -> PlanWarning:
    return _row(
        WarningCode.ROWS_RUN_TOGETHER if glued else WarningCode.MERGED_ROWS,
        f"{row.place} holds the end of the row above and the start of another; split after {head[-40:]!r}",
        row,
    )


def owner_after_complete_owner(row: RawRow, owner: str, previous: str) -> PlanWarning:
    return _row(
        WarningCode.MERGED_ROWS,
        f"owner {owner!r} follows a complete owner ({previous!r}); two rows probably merged; kept as one action",
        row,
    )


def owner_split_across_rows(row: RawRow, owner: str, previous: str) -> PlanWarning:
    return _row(
        WarningCode.OWNER_SPLIT_ACROSS_ROWS,
        f"owner text {owner!r} on {row.place} completes the owner above ({'...' + previous[-30:]!r}); "
        "joined to that action",
        row,
    )


def duplicate_fragment(row: RawRow, text: str, target: str) -> PlanWarning:
    return _row(
        WarningCode.DUPLICATE_FRAGMENT,
        f"{row.place} repeats the text above ({text[:30]!r} ...)"
        + (f" with target {target!r}" if target else "")
        + "; ignored as a duplicate",
        row,
    )


def text_truncated(text: str, page: int | None, line: int | None) -> PlanWarning:
    return _at(WarningCode.TEXT_TRUNCATED, f"response text ends with a cut-off word {text[-1]!r}", page, line)


def owners_run_together(owners: Sequence[str], page: int | None, line: int | None) -> PlanWarning:
    return _at(
        WarningCode.MERGED_ROWS,
        f"owner cell holds {len(owners)} owners run together ({' | '.join(owners)}); rows probably merged; "
        "kept as one action",
        page, line,
    )


def owners_split_guessed(
    cell: str, owners: Sequence[str], guessed: Sequence[str], page: int | None, line: int | None
) -> PlanWarning:
    return _at(
        WarningCode.OWNERS_SPLIT_GUESSED,
        f"owner cell {' '.join(cell.split())!r} read as {len(owners)} owners ({'; '.join(owners)}): "
        f"where one ends and the next begins is a guess ({', '.join(guessed)})",
        page, line,
    )


# -- target cells ---------------------------------------------------------------------------
def target_warnings(reading: TargetReading, page: int | None, line: int | None) -> list[PlanWarning]:
    """What a target cell held that was guessed or could not be read."""
    warnings = [
        _at(WarningCode.DATE_APPROXIMATED, f"{a.span!r} read as {a.date.iso()} ({a.why})", page, line)
        for a in reading.approximated
    ]
    warnings += [
        _at(WarningCode.TARGET_TRUNCATED, f"target date {span!r} is cut off; month unknown", page, line)
        for span in reading.cut_off
    ]
    warnings += [
        _at(WarningCode.DATE_UNREADABLE, f"{span!r} {why}; left out", page, line) for span, why in reading.unreadable
    ]
    if reading.leftover:
        warnings.append(
            _at(
                WarningCode.TARGET_UNRECOGNISED,
                f"target {reading.raw!r}: could not read {' '.join(reading.leftover)!r} as a date or status",
                page, line,
            )
        )
    return warnings

"""RawRows -> plan skeleton: addressees, recommendations, phases and actions.

One pass over the rows keeps the state a reader of the printed table keeps
in their head: who the recommendations are addressed to, which
recommendation and phase we are in, and the action a following row may
continue. Every repair that involves a guess leaves a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import warnings as warn
from .clean import (
    Vocabulary,
    clean_text,
    join_cut_cells,
    join_fragments,
    starts_mid_sentence,
    starts_with_bullet,
)
from .continuation import (
    Incoming,
    Previous,
    Relation,
    owner_completes,
    owner_continues,
    relate,
    split_owners,
    split_run_together,
    target_continues,
)
from .dates import find_dates
from .models import Phase, PhaseKind, PlanWarning
from .numbering import numbering_gaps
from .table.cells import addressee_of, phase_label
from .table.rows import Column, RawRow
from .vocab import PHASE_KEYWORDS

_CUT_LAST_WORD = re.compile(r"[.!?]\s+[A-Z]$")  # a lone capital ending a cell after a full stop: a word cut off
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
DUPLICATE_MIN_CHARS = 40  # a repeated fragment shorter than this may be a real repeat
DUPLICATE_WINDOW = 300  # characters of each row's opening compared


@dataclass
class ActionDraft:
    text: str
    owner: str
    target: str
    phase: Phase | None
    page: int | None
    line_start: int | None
    line_end: int | None
    target_line: int | None


@dataclass
class RecommendationDraft:
    number: str
    addressee: str | None
    text: str
    agreement_raw: str
    page: int | None
    line: int | None
    actions: list[ActionDraft] = field(default_factory=list)


@dataclass
class PlanDraft:
    recommendations: list[RecommendationDraft]
    warnings: list[PlanWarning]


def assemble(rows: list[RawRow] | tuple[RawRow, ...], vocabulary: Vocabulary) -> PlanDraft:
    """Group table rows into recommendations and actions."""
    assembler = _Assembler(vocabulary)
    for row in rows:
        assembler.add(row)
    return assembler.finish()


class _Assembler:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.recommendations: list[RecommendationDraft] = []
        self.warnings: list[PlanWarning] = []
        self.addressee: str | None = None
        self.phase: Phase | None = None
        self.last: ActionDraft | None = None  # the action a following row may continue
        self.last_opening = ""  # the previous row's response opening (letters, digits): repeats show here

    # -- the row ---------------------------------------------------------------
    def add(self, row: RawRow) -> None:
        if row.span:
            self._read_spanning_row(row)
        if row.cell(Column.NUMBER):
            self._start_recommendation(row)
        else:
            self._continue_recommendation(row)
        self._read_response(row)

    def finish(self) -> PlanDraft:
        for rec in self.recommendations:
            for action in rec.actions:
                self._check_finished_action(action)
        recs = self.recommendations
        for index in numbering_gaps([rec.number for rec in recs]):
            self.warnings.append(warn.numbering_gap(recs[index - 1].number, recs[index].number, recs[index].page, recs[index].line))
        return PlanDraft(self.recommendations, self.warnings)

    def clean(self, text: str) -> str:
        return clean_text(text, self.vocabulary)

    def clean_lines(self, text: str) -> str:
        """Clean each line but keep the breaks: owners listed one per line are not run together."""
        return "\n".join(line for line in (self.clean(part) for part in text.split("\n")) if line)

    # -- spanning rows and recommendations -------------------------------------------
    def _read_spanning_row(self, row: RawRow) -> None:
        text, guesses = join_cut_cells(row.span, self.vocabulary)
        text = addressee_of(self.clean(text))
        if guesses:
            self.warnings.append(warn.spanning_row_repaired(row, guesses, text))
        self.addressee = text or None

    def _start_recommendation(self, row: RawRow) -> None:
        rec = RecommendationDraft(
            number=row.cell(Column.NUMBER).strip(),
            addressee=self.addressee,
            text=self.clean(row.cell(Column.RECOMMENDATION)),
            agreement_raw=self.clean(row.cell(Column.AGREEMENT)),
            page=row.page,
            line=row.line_start,
        )
        self.recommendations.append(rec)
        self.phase = None
        self.last = None

    def _continue_recommendation(self, row: RawRow) -> None:
        text = self.clean(row.cell(Column.RECOMMENDATION))
        agreement = self.clean(row.cell(Column.AGREEMENT))
        if not (text or agreement):
            return
        if not self.recommendations:
            self.warnings.append(warn.orphan_row(row, "text", text or agreement))
            return
        rec = self.recommendations[-1]
        if text:
            rec.text, repeated = join_fragments(rec.text, text)
            if repeated:
                self.warnings.append(warn.duplicate_text_removed(row, rec.number, repeated))
        if agreement and not rec.agreement_raw:
            rec.agreement_raw = agreement

    # -- the response, owner and target cells ---------------------------------------
    def _read_response(self, row: RawRow) -> None:
        raw = row.cell(Column.RESPONSE)
        text, owner, target = self.clean(raw), self.clean_lines(row.cell(Column.OWNER)), self.clean(row.cell(Column.TARGET))
        if not (text or owner or target):
            return
        if not self.recommendations:
            self.warnings.append(warn.orphan_row(row, "row", text or owner or target))
            return
        if label := phase_label(text):
            self.phase = _phase(label.group(1))
            text = text[label.end() :]
            self.last = None
        if not text:
            self._attach_loose_cells(owner, target, row)
            return
        if self._is_repeat(text, target, row):
            return
        previous = self.last
        if previous is None or row.cell(Column.NUMBER):
            self._new_action(text, owner, target, row)
            return
        incoming = Incoming(text, owner, target, starts_with_bullet(raw), row.page_top, row.ruled)
        relation = relate(Previous(previous.text, previous.owner, previous.target), incoming, self.vocabulary)
        if relation is Relation.CONTINUES:
            self._continue(previous, incoming, row)
            self._phase_completed(previous)
        elif relation is Relation.SPLIT:
            self._split(previous, incoming, row)
        elif relation is Relation.START_MISSING:
            self.warnings.append(warn.row_start_missing(row, target, previous.target))
            self._new_action(text, owner, target, row)
        else:
            if row.page_top or not row.ruled:  # a ruled row within a page owns all its cells
                owner, target = self._give_fragments_back(previous, owner, target, row)
            self._new_action(text, owner, target, row)

    def _new_action(self, text: str, owner: str, target: str, row: RawRow) -> None:
        action = ActionDraft(
            text=text,
            owner=owner,
            target=target,
            phase=self.phase,
            page=row.page,
            line_start=row.line_start,
            line_end=row.line_end,
            target_line=row.line_start if target else None,
        )
        self.recommendations[-1].actions.append(action)
        self.last = action

    def _continue(self, action: ActionDraft, row_cells: Incoming, row: RawRow) -> None:
        mid_sentence = starts_mid_sentence(row_cells.text)
        if not row.page_top and mid_sentence:
            self.warnings.append(warn.text_split_mid_sentence(row, action.line_end, action.text, row_cells.text))
        elif row.page_top and not mid_sentence:  # only the cells' content says the row goes on
            self.warnings.append(warn.row_continued_across_page(row, row_cells.text))
        action.text, _ = join_fragments(action.text, row_cells.text)
        self._extend_cells(action, row_cells.owner, row_cells.target, row)

    def _phase_completed(self, action: ActionDraft) -> None:
        """An "action" that is only a phase label broken over a page ("Action Plan commitments" +
        "(December 2021)") is the phase row it was cut from."""
        label = phase_label(action.text)
        if label and label.end() == len(action.text) and not (action.owner or action.target):
            self.recommendations[-1].actions.remove(action)
            self.phase = _phase(label.group(1))
            self.last = None

    def _split(self, action: ActionDraft, row_cells: Incoming, row: RawRow) -> None:
        """The row ends the action above and then starts a new one run into it."""
        head, tail = split_run_together(row_cells.text)
        owner = row_cells.owner
        if owner and owner_continues(action.owner, owner, self.vocabulary):
            first, *rest = split_owners(owner)
            action.owner, _ = join_fragments(action.owner, first)
            owner = " ".join(rest)
        action.text, _ = join_fragments(action.text, head)
        action.line_end = row.line_end
        if not tail:
            self._extend_cells(action, owner, row_cells.target, row)
            return
        glued = head[-1:] in ".!?" and not row_cells.text[len(head) : len(head) + 1].isspace()
        self.warnings.append(warn.rows_split(row, head, glued))
        self._new_action(tail, owner, row_cells.target, row)

    def _extend_cells(self, action: ActionDraft, owner: str, target: str, row: RawRow) -> None:
        if owner:
            if action.owner and not owner_continues(action.owner, owner, self.vocabulary):
                self.warnings.append(warn.owner_after_complete_owner(row, owner, action.owner))
            action.owner, _ = join_fragments(action.owner, owner)
        if target:
            action.target, _ = join_fragments(action.target, target)
            action.target_line = action.target_line or row.line_start
        action.line_end = row.line_end

    def _give_fragments_back(self, previous: ActionDraft, owner: str, target: str, row: RawRow) -> tuple[str, str]:
        """A new action's owner or target cell may complete the action above instead."""
        if owner and previous.owner and owner_completes(previous.owner, owner, self.vocabulary):
            self.warnings.append(warn.owner_split_across_rows(row, owner, previous.owner))
            previous.owner, _ = join_fragments(previous.owner, owner)
            previous.line_end = row.line_end
            owner = ""
        if target and previous.target and target_continues(previous.target, target):
            previous.target, _ = join_fragments(previous.target, target)
            target = ""
        return owner, target

    def _attach_loose_cells(self, owner: str, target: str, row: RawRow) -> None:
        """An owner or target cell with no response text belongs to the action above."""
        if not (owner or target):
            return
        if self.last is None:
            self.warnings.append(warn.orphan_row(row, "owner/target", owner or target))
            return
        self._extend_cells(self.last, owner, target, row)

    def _is_repeat(self, text: str, target: str, row: RawRow) -> bool:
        """A fragment the extraction repeated (the same words again, cut shorter or longer).

        Compared on their openings: a repeat shares its whole start with the row above.
        """
        previous, current = self.last_opening, _comparable(text[:DUPLICATE_WINDOW])
        size = min(len(previous), len(current))
        if size < DUPLICATE_MIN_CHARS or previous[:size] != current[:size]:
            self.last_opening = current
            return False
        self.warnings.append(warn.duplicate_fragment(row, text, target))
        return True

    def _check_finished_action(self, action: ActionDraft) -> None:
        if _CUT_LAST_WORD.search(action.text):
            self.warnings.append(warn.text_truncated(action.text, action.page, action.line_start))


def _comparable(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


def _phase(label: str) -> Phase:
    lowered = label.lower()
    kind = next((PhaseKind(k) for word, k in PHASE_KEYWORDS if word in lowered), PhaseKind.COMMITMENT)
    dates = find_dates(label).dates
    return Phase(kind=kind, label=label.strip(), as_of=dates[0].iso() if dates else None)

"""extract() = read -> assemble -> normalise -> validate. The whole pipeline, top to bottom."""
from __future__ import annotations

from pathlib import Path

from . import warnings as warn
from .assemble import ActionDraft, PlanDraft, RecommendationDraft, assemble
from .clean import Vocabulary, collapse_spaces
from .dates import read_target
from .errors import NotAnActionPlan
from .header import Header, read_header
from .models import (
    Action,
    ActionPlan,
    ActionSource,
    Agreement,
    PlanWarning,
    Recommendation,
    Recurrence,
    Report,
    Source,
    Target,
)
from .owners import OwnerContext, read_owners
from .readers import RawDocument, read
from .readers.pdf_engines import DEFAULT_PDF_ENGINE, PdfEngine
from .table.cells import agreement_value


def extract(path: str | Path, *, pdf_engine: PdfEngine | str = DEFAULT_PDF_ENGINE) -> ActionPlan:
    """Read one published action plan (PDF or text extraction) into validated data.

    A PDF is read with ``pdf_engine`` (both engines give the same plan).
    Raises an ``IngestError`` subclass, with a message for the user, when the
    file cannot be read or holds no action plan.
    """
    document = read(Path(path), pdf_engine)
    vocabulary = Vocabulary.from_texts(_all_text(document))
    header = read_header(document.preamble, vocabulary)
    draft = assemble(document.rows, vocabulary)
    if not draft.recommendations:
        raise NotAnActionPlan(path, "has an action-plan table but no numbered recommendation in it")
    return _build_plan(document, header, draft)


def _all_text(document: RawDocument) -> list[str]:
    texts = list(document.preamble)
    for row in document.rows:
        texts.extend(cell for cell in row.cells if cell)
    return texts


def _build_plan(document: RawDocument, header: Header, draft: PlanDraft) -> ActionPlan:
    warnings = [warn.from_read_note(note) for note in document.notes] + list(draft.warnings)
    owners = OwnerContext.from_cells(action.owner for rec in draft.recommendations for action in rec.actions)
    recommendations = [_recommendation(rec, owners, warnings) for rec in draft.recommendations]
    for field, value in (("title", header.title), ("report title", header.report_title), ("submission date", header.submitted)):
        if value is None:
            warnings.append(warn.header_field_missing(field))
    warnings.sort(key=lambda w: (w.page or 0, w.line or 0))
    return ActionPlan(
        source=Source(file=document.file, sha256=document.sha256, format=document.format, pages=document.pages),
        title=header.title,
        report=Report(title=header.report_title, published=header.published),
        submitted=header.submitted,
        updates=header.updates,
        recommendations=recommendations,
        warnings=warnings,
    )


def _recommendation(rec: RecommendationDraft, owners: OwnerContext, warnings: list[PlanWarning]) -> Recommendation:
    value = agreement_value(rec.agreement_raw) if rec.agreement_raw else None
    if rec.agreement_raw and value is None:
        warnings.append(warn.agreement_unrecognised(rec.number, rec.agreement_raw, rec.page, rec.line))
    return Recommendation(
        number=rec.number,
        addressee=rec.addressee,
        text=rec.text or None,
        agreement=Agreement(value) if value else None,
        agreement_raw=rec.agreement_raw or None,
        actions=[_action(action, owners, warnings) for action in rec.actions],
    )


def _action(action: ActionDraft, owners: OwnerContext, warnings: list[PlanWarning]) -> Action:
    return Action(
        text=action.text,
        owner=collapse_spaces(action.owner) or None,
        owners=_owners(action, owners, warnings),
        target=_target(action, warnings),
        phase=action.phase,
        source=ActionSource(page=action.page, line_start=action.line_start, line_end=action.line_end),
    )


def _owners(action: ActionDraft, context: OwnerContext, warnings: list[PlanWarning]) -> list[str]:
    reading = read_owners(action.owner, context)
    if reading.run_on:
        warnings.append(warn.owners_run_together(reading.owners, action.page, action.line_start))
    if reading.guessed:
        warnings.append(
            warn.owners_split_guessed(action.owner, reading.owners, reading.guessed, action.page, action.line_start)
        )
    return list(reading.owners)


def _target(action: ActionDraft, warnings: list[PlanWarning]) -> Target | None:
    if not action.target:
        return None
    reading = read_target(action.target)
    warnings.extend(warn.target_warnings(reading, action.page, action.target_line))
    return Target(
        raw=reading.raw,
        completed=reading.completed,
        ongoing=reading.ongoing,
        dates=[date.iso() for date in reading.dates],
        recurrence=Recurrence(reading.recurrence) if reading.recurrence else None,
        due=reading.due,
    )

"""The header block above the table: title, report, and the dates of the plan."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .clean import Vocabulary, clean_text, collapse_spaces
from .dates import find_dates, parse_header_date

_TITLE = re.compile(r"^action\s+plan\s*[:\-\u2013]\s*(.+)$", re.IGNORECASE)
_REPORT = re.compile(r"^a\s+response\s+to\b[^:]{0,80}:\s*(.+)$", re.IGNORECASE)
_PUBLISHED = re.compile(r"^report\s+published\s*:?\s*(.+)$", re.IGNORECASE)
_SUBMITTED = re.compile(r"^action\s+plan\s+submitted\s*:?\s*(.+)$", re.IGNORECASE)
_UPDATED = re.compile(r"^update[ds]?\b(?:\s+action\s+plan)?\s+submitted\s*:?\s*(.+)$", re.IGNORECASE)
_FIELDS = (_TITLE, _REPORT, _PUBLISHED, _SUBMITTED, _UPDATED)


@dataclass
class Header:
    title: str | None = None
    report_title: str | None = None
    published: str | None = None
    submitted: str | None = None
    updates: list[str] = field(default_factory=list)


def read_header(lines: Sequence[str], vocabulary: Vocabulary | None = None) -> Header:
    """Read the header fields from the lines above the table.

    A title that wraps onto the next line (as PDF text does) is continued
    until a blank line or the next field.
    """
    header = Header()
    # Only lines that can be fields (or continue one) need the full repair.
    cleaned = [collapse_spaces(line) for line in lines]
    for i, line in enumerate(cleaned):
        if any(pattern.match(line) for pattern in _FIELDS):
            cleaned[i] = line = clean_text(line, vocabulary)
        if m := _TITLE.match(line):
            header.title = header.title or clean_text(_with_wrapped(m.group(1), cleaned[i + 1 :]), vocabulary)
        elif m := _REPORT.match(line):
            header.report_title = header.report_title or clean_text(_with_wrapped(m.group(1), cleaned[i + 1 :]), vocabulary)
        elif m := _PUBLISHED.match(line):
            header.published = header.published or parse_header_date(m.group(1))
        elif m := _SUBMITTED.match(line):
            header.submitted = header.submitted or parse_header_date(m.group(1))
        elif m := _UPDATED.match(line):
            header.updates.extend(d.iso() for d in find_dates(m.group(1)).dates if d.iso() not in header.updates)
    return header


def _with_wrapped(value: str, following: Sequence[str]) -> str:
    for line in following:
        if not line or any(pattern.match(line) for pattern in _FIELDS) or line.isupper():
            break
        value = f"{value} {line}"
    return value.strip()

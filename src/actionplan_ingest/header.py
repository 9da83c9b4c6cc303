"""The header block above the table: title, report, and the dates of the plan."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import dropwhile

from .clean import Vocabulary, clean_text, collapse_spaces
from .dates import find_dates, parse_header_date

_TITLE = re.compile(r"^action\s+plan\s*[:\-\u2013]\s*(.+)$", re.IGNORECASE)
_ESTABLISHMENT = re.compile(r"^establishment\s*:\s*(.+)$", re.IGNORECASE)
# A title line that only names the kind of report ("ACTION PLAN: HMCIP REPORT").
_REPORT_KIND = re.compile(r"^(?:hm\s*cip|hmip|hmi\s*p(?:robation)?|inspection|inspectorate)?\s*(?:inspection\s+)?report$", re.I)
# "A Response to: ...", "A Response to the HMIP Inspection: ...": the value may be on the next line.
_REPORT = re.compile(r"^a\s+response\s+to\b[^:]{0,80}:\s*(.*)$", re.IGNORECASE)
_POSITION = re.compile(r"^position\s+as\s+at\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"^report\s+published\s*:?\s*(.+)$", re.IGNORECASE)
_SUBMITTED = re.compile(r"^action\s+plan\s+submitted\s*:?\s*(.+)$", re.IGNORECASE)
_UPDATED = re.compile(r"^update[ds]?\b(?:\s+action\s+plan)?\s+submitted\s*:?\s*(.+)$", re.IGNORECASE)
_FIELDS = (_TITLE, _ESTABLISHMENT, _REPORT, _PUBLISHED, _SUBMITTED, _UPDATED, _POSITION)


@dataclass
class Header:
    title: str | None = None
    establishment: str | None = None
    report_title: str | None = None
    published: str | None = None
    submitted: str | None = None
    updates: list[str] = field(default_factory=list)


def read_header(lines: Sequence[str], vocabulary: Vocabulary | None = None) -> Header:
    """Read the header fields from the lines above the table.

    A value that wraps onto the next line (as PDF text does) is continued
    until a blank line or the next field; a label that ends its line takes
    the next line as its value. A title that only names the report's kind
    gives way to the establishment.
    """
    header = Header()
    # Only lines that can be fields (or continue one) need the full repair.
    cleaned = [collapse_spaces(line) for line in lines]
    for i, line in enumerate(cleaned):
        if any(pattern.match(line) for pattern in _FIELDS):
            cleaned[i] = line = clean_text(line, vocabulary)
        following = cleaned[i + 1 :]
        if m := _TITLE.match(line):
            header.title = header.title or _value(m.group(1), following, vocabulary)
        elif m := _ESTABLISHMENT.match(line):
            header.establishment = header.establishment or _value(m.group(1), following, vocabulary)
        elif m := _REPORT.match(line):
            header.report_title = header.report_title or _value(m.group(1), following, vocabulary)
        elif m := _PUBLISHED.match(line):
            header.published = header.published or parse_header_date(m.group(1))
        elif m := _SUBMITTED.match(line):
            header.submitted = header.submitted or parse_header_date(m.group(1))
        elif m := _UPDATED.match(line):
            header.updates.extend(d.iso() for d in find_dates(m.group(1)).dates if d.iso() not in header.updates)
    if header.establishment and (header.title is None or _REPORT_KIND.match(header.title)):
        header.title = header.establishment
    return header


def _value(first: str, following: Sequence[str], vocabulary: Vocabulary | None) -> str | None:
    """A field's value: the rest of its line, wrapped on; or, when the label ends its line, the next line."""
    if not first.strip():
        following = list(dropwhile(lambda line: not line, following))
        if not following or any(pattern.match(following[0]) for pattern in _FIELDS):
            return None
        first, following = following[0], following[1:]
    return clean_text(_with_wrapped(first, following), vocabulary) or None


def _with_wrapped(value: str, following: Sequence[str]) -> str:
    for line in following:
        if not line or any(pattern.match(line) for pattern in _FIELDS) or line.isupper():
            break
        value = f"{value} {line}"
    return value.strip()

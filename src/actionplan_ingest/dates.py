"""Target cells and header dates -> structured dates that keep their precision.

A target cell mixes statuses ("Completed"), recurrences ("to be reviewed
monthly") and dates in many forms. Each date form is a named strategy (a
precompiled pattern and a builder); all strategies scan the cell, earlier
strategies win where matches overlap, and what no strategy and no status word
explains is reported, never guessed silently.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from dateutil import parser as dateutil_parser

from .clean import collapse_spaces
from .vocab import (
    COMPLETED_WORDS,
    MONTHS,
    ONGOING_WORDS,
    RECURRENCE_WORDS,
    SEASON_LAST_MONTH,
    TARGET_WORDS,
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def last_day(self) -> dt.date:
        """The last day the date covers: "2021-06" -> 2021-06-30."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"((?:19|20)\d{2})"


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")[:3]
    return next(i for i, name in enumerate(MONTHS, start=1) if name.startswith(word))


@lru_cache(maxsize=4096)
def _parse_day_first(text: str) -> PartialDate:
    """Full dates go through dateutil, day first as UK documents write them (cached: cells repeat dates)."""
    parsed = dateutil_parser.parse(text, dayfirst=True, default=dt.datetime(2000, 1, 1))
    return PartialDate(parsed.year, parsed.month, parsed.day)


def _parse_numeric_day_first(text: str) -> PartialDate | None:
    """"31/03/2022" is day first; where that names no day ("1/13/2021") dateutil would
    silently read it month first instead, so that reading is refused."""
    day, month = (int(part) for part in re.split(r"[/.]", text)[:2])
    date = _parse_day_first(text)
    return date if (date.day, date.month) == (day, month) else None


@dataclass(frozen=True)
class _Strategy:
    """One date form: its pattern, how to build the date, and what a failure means."""

    name: str
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str]], PartialDate | None]  # None: named but unreadable
    accepts: Callable[[re.Match[str]], bool] = lambda m: True
    guess: str | None = None  # the reading is an approximation: why, for its warning
    needs: tuple[str, ...] = ()  # cheap test first: the lower-cased text holds one of these
    cut: bool = False  # a match is a date cut off at the cell edge, never a date
    unreadable: str = "is not a calendar date"  # why a match that builds no date is left out


def _financial_year(m: re.Match[str]) -> PartialDate | None:
    start, end = int(m.group(1)), m.group(2)
    end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
    return PartialDate(end_year, 3) if end_year == start + 1 else None


def _quarter(m: re.Match[str]) -> PartialDate:
    quarter, year, fy_end = int(m.group(1)), int(m.group(2)), m.group(3)
    if fy_end:  # financial-year quarter: Q1 is April to June of the first year
        month = quarter * 3 + 3
        return PartialDate(year + 1, month - 12) if month > 12 else PartialDate(year, month)
    return PartialDate(year, quarter * 3)


def _is_cut_month(m: re.Match[str]) -> bool:
    fragment = m.group(1).lower()
    return any(month.endswith(fragment) and month != fragment for month in MONTHS)


_STRATEGIES: tuple[_Strategy, ...] = (
    _Strategy(
        "numeric_day_first",
        re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b"),
        lambda m: _parse_numeric_day_first(m.group(0)),
        needs=("/", "."),
    ),
    _Strategy(
        "iso_date",
        re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
        lambda m: PartialDate(*dt.date.fromisoformat(m.group(0)).timetuple()[:3]),
        needs=("-",),
    ),
    _Strategy(
        "day_month_year",
        re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
        lambda m: _parse_day_first(m.group(0)),
    ),
    _Strategy(
        "quarter",
        re.compile(rf"\b(?:Q|quarter\s*)([1-4])\s*(?:of\s+)?{_YEAR}(?:\s*/\s*(\d{{2}}))?\b", re.I),
        _quarter,
        needs=("q",),
    ),
    _Strategy(
        "month_year",
        re.compile(rf"\b({_MONTH}),?\s+{_YEAR}\b", re.I),
        lambda m: PartialDate(int(m.group(2)), _month_number(m.group(1))),
    ),
    _Strategy(
        "month_short_year",  # "Mar-22", "Sept '21"
        re.compile(rf"\b({_MONTH})\s*[-'\u2019]\s*(\d{{2}})\b", re.I),
        lambda m: PartialDate(2000 + int(m.group(2)), _month_number(m.group(1))),
        guess="a two-digit year",
        needs=("-", "'", "\u2019"),
    ),
    _Strategy(
        "financial_year",
        re.compile(rf"\b{_YEAR}\s*[/\u2013-]\s*(\d{{4}}|\d{{2}})\b"),
        _financial_year,
        needs=("/", "-", "\u2013"),
    ),
    _Strategy(
        "season",
        re.compile(rf"\b({'|'.join(SEASON_LAST_MONTH)})\s+(?:of\s+)?{_YEAR}\b", re.I),
        lambda m: PartialDate(int(m.group(2)), SEASON_LAST_MONTH[m.group(1).lower()]),
        guess="its last month",
        needs=tuple(SEASON_LAST_MONTH),
    ),
    _Strategy(
        "numeric_month_year",
        re.compile(rf"\b(0?[1-9]|1[0-2])/{_YEAR}\b"),
        lambda m: PartialDate(int(m.group(2)), int(m.group(1))),
        needs=("/",),
    ),
    _Strategy(
        "cut_month",  # a month name cut at the cell edge: "ary 2021"
        re.compile(rf"\b([a-z]{{2,8}})\s+{_YEAR}\b"),
        lambda m: None,
        accepts=_is_cut_month,
        cut=True,
    ),
    _Strategy("year", re.compile(rf"\b{_YEAR}\b"), lambda m: PartialDate(int(m.group(1)))),
    _Strategy(
        "quarter_alone",  # "End of Q3" whose year is on the next page or was never written
        re.compile(r"\bQ[1-4]\b", re.I),
        lambda m: None,
        unreadable="is a quarter with no year",
        needs=("q",),
    ),
    _Strategy(
        "month_alone",
        re.compile(r"\b(?:(?i:january|february|march|april|june|july|august|september|october|november|december)|May)\b"),
        lambda m: None,
        unreadable="is a month with no year",
    ),
)

_COMPLETED = re.compile(COMPLETED_WORDS, re.I)
# "not yet completed", "to be completed", "yet to be achieved": not done.
_NEGATED = re.compile(r"\b(?:not|never|yet|to\s+be|be)\s+(?:yet\s+)?$", re.I)
NEGATION_WINDOW = 24  # characters before a status word searched for a negation
_ONGOING = re.compile(ONGOING_WORDS, re.I)
# One pass for all recurrences; the first one named in the cell wins.
_RECURRENCE = re.compile("|".join(f"(?P<r{i}>{p})" for i, (p, _) in enumerate(RECURRENCE_WORDS)), re.I)
_RECURRENCE_VALUES = {f"r{i}": value for i, (_, value) in enumerate(RECURRENCE_WORDS)}
_WORD = re.compile(r"[A-Za-z]{2,}")
_DIGIT = re.compile(r"\d")
_YEARLESS = tuple(s for s in _STRATEGIES if s.name == "month_alone")  # all others need a digit


@dataclass(frozen=True)
class Approximation:
    span: str
    date: PartialDate
    why: str


@dataclass(frozen=True)
class DateScan:
    """Every date a text names, and what in it could not be read as one."""

    dates: list[PartialDate]
    approximated: list[Approximation]
    cut_off: list[str]  # dates cut at a cell edge ("ary 2021")
    unreadable: list[tuple[str, str]]  # (span, why): named but not a calendar date
    blanked: str  # the text with every date span blanked out, for the leftover check


def find_dates(text: str) -> DateScan:
    """Every date named in text, in order and without repeats.

    Earlier strategies win where matches overlap. Linear in the text: taken
    spans are kept sorted and each match is checked against its neighbours only.
    """
    taken: list[tuple[int, int, PartialDate | None, _Strategy]] = []
    starts: list[int] = []
    lowered = text.lower()
    for strategy in _STRATEGIES if _DIGIT.search(text) else _YEARLESS:
        if strategy.needs and not any(cue in lowered for cue in strategy.needs):
            continue
        for m in strategy.pattern.finditer(text):
            at = bisect_left(starts, m.start())
            if (at < len(taken) and taken[at][0] < m.end()) or (at and taken[at - 1][1] > m.start()):
                continue  # overlaps a date an earlier strategy found
            if not strategy.accepts(m):
                continue
            try:
                date = strategy.build(m)
            except (ValueError, OverflowError):
                date = None
            taken.insert(at, (m.start(), m.end(), date, strategy))
            starts.insert(at, m.start())

    scan = DateScan(dates=[], approximated=[], cut_off=[], unreadable=[], blanked="")
    pieces, position = [], 0
    for start, end, date, strategy in taken:
        span = text[start:end]
        pieces += (text[position:start], " " * len(span))
        position = end
        if date is None and strategy.cut:
            scan.cut_off.append(span)
        elif date is None:
            scan.unreadable.append((span, strategy.unreadable))
        else:
            if strategy.guess:
                scan.approximated.append(Approximation(span, date, strategy.guess))
            if date not in scan.dates:
                scan.dates.append(date)
    pieces.append(text[position:])
    return replace(scan, blanked="".join(pieces))


@dataclass(frozen=True)
class TargetReading:
    """What a target cell says, and what in it could not be read."""

    raw: str
    completed: bool
    ongoing: bool
    dates: list[PartialDate]
    recurrence: str | None  # a Recurrence value
    approximated: list[Approximation]
    cut_off: list[str]
    unreadable: list[tuple[str, str]]
    leftover: list[str]  # words read neither as a date nor as a status

    @property
    def due(self) -> dt.date | None:
        """The last day of the latest date named."""
        return max((d.last_day() for d in self.dates), default=None)

    @property
    def says_something(self) -> bool:
        """The cell names a date, a status or a recurrence."""
        return bool(self.dates or self.completed or self.ongoing or self.recurrence)

    @property
    def reads_badly(self) -> bool:
        """Something in the cell names no date that can be read (cut-offs aside)."""
        return bool(self.unreadable or self.leftover)


def read_target(raw: str) -> TargetReading:
    """Read one target cell per SPEC.md's table; every guess and everything unreadable is kept."""
    raw = collapse_spaces(raw)
    scan = find_dates(raw)
    return TargetReading(
        raw=raw,
        completed=any(
            not _NEGATED.search(raw[max(0, m.start() - NEGATION_WINDOW) : m.start()]) for m in _COMPLETED.finditer(raw)
        ),
        ongoing=bool(_ONGOING.search(raw)),
        dates=scan.dates,
        recurrence=_RECURRENCE_VALUES[m.lastgroup] if (m := _RECURRENCE.search(raw)) and m.lastgroup else None,
        approximated=scan.approximated,
        cut_off=scan.cut_off,
        unreadable=scan.unreadable,
        leftover=[word for word in _WORD.findall(scan.blanked) if word.lower() not in TARGET_WORDS],
    )


def parse_header_date(text: str) -> str | None:
    """The first date in a header line ("Report Published: 9th March 2021"), ISO and partial."""
    dates = find_dates(text).dates
    return dates[0].iso() if dates else None

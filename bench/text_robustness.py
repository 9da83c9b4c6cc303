"""Text-path robustness: gold plans rendered back into broken text extractions.

Run: .venv/bin/python bench/text_robustness.py [--seeds N] [--mix NAME ...] [--plan NAME ...]
         [--verbose] [--worst K] [--dump DIR] [--rate NAME=P ...]
(To measure another source tree, put its src/ first: PYTHONPATH=/path/to/src .venv/bin/python ...)

Each gold JSON (the two seeds' and the three dev plans') is rendered back into
a tab-separated text extraction laid out as the published ones are: the
header block (file 000's or file 001's order and wording), an introduction and
Term/Definition table copied from a real extraction, "ACTION PLAN: ...", the
six-column title row, spanning "... should:" rows, then one line per table
row ("N\tREC\tAGREEMENT\tRESPONSE\tOWNER\tTARGET", further actions
"\t\t\tRESPONSE\tOWNER\tTARGET", phase rows "\t\t\tLABEL\t\t"). That text
is broken with the artefacts SPEC.md lists, at random but reproducibly: each
artefact draws from its own stream seeded by plan and seed, so switching one
artefact on or off leaves the others' choices alone. The text is read with
``actionplan_ingest.extract`` and scored with ``/work/shared/tools/score.py``'s
``score_doc`` against the gold it was rendered from.

Artefacts (each switchable; the renderer counts every application):

  pagebreak  a blank line between rows, half the time after a page-number row
             ("\t\t\t2\t\t", "\t2\t\t2", "2\t\t"). Never right above a row with
             neither owner nor target: at a page top that row reads as the overflow
             of the row above (dev-electronic-monitoring l.35), so it could not be
             recovered (counted as pagebreak.skipped_ownerless)
  notabs     pages whose rows lose their leading tabs ("RESPONSE\tOWNER\tTARGET"),
             a fifth of them keeping one (file 001's pages); needs page breaks, so
             its mix is measured together with them
  rowbreak   a row broken over a page: its cells are wrapped at the document's
             column widths and the page ends after k lines of the response, so
             response, owner and target (and a recommendation row's text) are cut at
             the same height; the cut is mid-sentence, as in every published case;
             the rest follows the page break on a line with no leading tabs
  recsplit   a recommendation's text split over its row and the next
  spancut    a spanning row cut mid-word into fake columns ("Her M\tajesty's Prison
             and Pro\tbation Ser\tvice, ... should:\t"), a third of them with one seam
             garbled as published ("Her N|Majesty's", "Co|ompanies")
  phaseglue  a phase label glued to the start of the next action's response
  italics    <i>...</i> around a phrase, with the stray space before punctuation
  hyphen     hyphenation gaps ("decision- making")
  bullets    private-use bullet glyphs (U+F0B7) at the start of list items
  ordinal    ordinal gaps ("10 th December"), in the text and the header dates

The clean rendering keeps the one bullet a reader needs: a list item that
starts in lower case (as the published files have it); without it the item
could not be told from a continuation.

Reported: mean and minimum field F1 per artefact mix (clean; each artefact
alone; all together), the share of text fields equal to the gold character
for character ("exact": the scorer's fuzzy match forgives a repair left
undone), and how often each artefact was applied; with ``--verbose``, the
scorer's differences and the inexact texts for the worst cases.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from actionplan_ingest import extract
from actionplan_ingest.errors import IngestError

SHARED = Path("/work/shared")
GOLD_FILES = (
    SHARED / "gold" / "000_9cff3f8497916393.json",
    SHARED / "gold" / "001_b16963539069cfda.json",
    SHARED / "dev" / "dev-electronic-monitoring.json",
    SHARED / "dev" / "dev-northgate-2019.json",
    SHARED / "dev" / "dev-women-probation.json",
)
SCORER = SHARED / "tools" / "score.py"

ARTEFACTS = (
    "pagebreak", "notabs", "rowbreak", "recsplit", "spancut",
    "phaseglue", "italics", "hyphen", "bullets", "ordinal",
)
# An artefact that cannot exist without another brings it along in its "alone" mix.
NEEDS = {"notabs": ("pagebreak",)}

BULLET = "\uf0b7"
COLUMNS = 6
FUNCTION_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "in", "is", "it",
    "of", "on", "or", "that", "the", "this", "to", "was", "were", "which", "will", "with",
))


@dataclass(frozen=True)
class Rates:
    """How often each artefact strikes where it can (when it is switched on)."""

    page_break: float = 0.2  # before any table row: pages of about five rows
    page_number: float = 0.5  # a page-number row above the blank line
    notabs_page: float = 0.5  # a page whose rows lose their leading tabs
    notabs_one_tab: float = 0.2  # ... keeping one leading tab instead of none (file 001's pages)
    row_break: float = 0.15  # an action row broken over a page
    rec_split: float = 0.5
    span_cut: float = 0.8
    span_garble: float = 0.3  # one seam of a cut row garbled ("Her N|Majesty's", "Co|ompanies")
    phase_glue: float = 0.5
    italics: float = 0.25  # per response
    italics_per_word: float = 0.3  # "<i>body</i> <i>scanner</i>" rather than "<i>body scanner</i>"
    hyphen: float = 0.5  # per hyphenated word
    bullets: float = 0.8  # per list item
    ordinal: float = 1.0  # per ordinal


RATES = Rates()


# -- the clean rendering ---------------------------------------------------------------------

# The introduction and Term/Definition table, as published: lines from "INTRODUCTION" up to the
# "ACTION PLAN:" line of a real extraction (probation plans use either wording, prison plans theirs).
INTRODUCTION_SOURCES = {
    "probation": (SHARED / "seeds" / "000_9cff3f8497916393.txt", SHARED / "dev" / "dev-electronic-monitoring.txt"),
    "prison": (SHARED / "dev" / "dev-northgate-2019.txt",),
}


def introduction(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("INTRODUCTION")
    end = next(i for i, line in enumerate(lines) if line.startswith("ACTION PLAN:"))
    return lines[start:end]


TITLE_ROW = (
    "1. Rec No", "2. Recommendation", "3. Agreed/ Partly Agreed/ Not Agreed", "4. Response Action Taken/Planned",
    "5. Responsible Owner (including named individuals and their functional role or department)", "6. Target Date",
)
PRISON_TITLE_ROW = (
    "1. Rec No", "2. Recommendation", "3. Accepted/ Rejected", "4. Response Action Taken/Planned",
    "5. Function Responsible/ Policy Lead", "6. Target Date",
)
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_SECTION = re.compile(r"^(?:main\s+|other\s+|further\s+)?recommendations?\s+(?:to|for)\s+the\b", re.IGNORECASE)


@dataclass
class Row:
    """One table row as the extraction lays it out: six cells, "" where empty."""

    cells: list[str]
    kind: str  # span | rec | action | phase | reccont | pageno | blank
    breakable: bool = False  # may be broken over a page (it holds an action)
    no_tabs: int | None = None  # leading tabs kept on this line (None: all)

    def line(self) -> str:
        cells = self.cells
        if self.no_tabs is not None:
            first = next((i for i, c in enumerate(cells) if c), len(cells))
            cells = cells[max(0, first - self.no_tabs) :]
        return "\t".join(cells)


def blank() -> Row:
    return Row([], "blank")


def _ordinal(day: int) -> str:
    return "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


class Renderer:
    """Renders one gold plan as a text extraction with the chosen artefacts.

    The stages run in document order: cell texts (italics, hyphens, bullets,
    ordinals), table rows (span cuts, recommendation splits, glued phase
    labels), then the page layout (row breaks, page breaks, page numbers,
    pages without leading tabs). ``counts`` records every application.
    """

    def __init__(self, gold: dict, artefacts: Iterable[str], seed: str, rates: Rates = RATES) -> None:
        self.gold = gold
        self.on = frozenset(artefacts)
        self.seed = seed
        self.rates = rates
        self.counts: Counter[str] = Counter()
        # One random stream per artefact: switching one artefact on or off leaves the
        # others' choices alone, so each "alone" mix is a part of the "all" mix.
        self.rngs = {name: random.Random(f"{seed}/{name}") for name in (*ARTEFACTS, "layout")}
        # Printed column widths in characters (Rec No, Recommendation, Agreement, Response, Owner, Target).
        layout = self.rngs["layout"]
        self.widths = (
            5, layout.randint(28, 40), 10, layout.randint(65, 90), layout.randint(18, 30), layout.randint(10, 16)
        )

    def chance(self, artefact: str, p: float) -> bool:
        return artefact in self.on and self.rngs[artefact].random() < p

    # -- whole document -----------------------------------------------------------------
    def render(self) -> str:
        rows = self.table_rows()
        rows = self.layout(rows)
        return "\n".join(self.header_lines() + [row.line() for row in rows])

    def header_lines(self) -> list[str]:
        g = self.gold
        report = g.get("report") or {}
        about, dates = [], []
        if report.get("title"):
            about += [f"A Response to: {report['title']}", ""]
        if report.get("published"):
            about += [f"Report Published: {self.header_date(report['published'])}", ""]
        if g.get("submitted"):
            dates += [f"Action Plan Submitted: {self.header_date(g['submitted'])}", ""]
        # Both published layouts: file 000's order and wording, or file 001's (dates first, "Update Submitted").
        file_001 = self.rngs["layout"].random() < 0.5
        for update in g.get("updates") or []:
            label = "Update Submitted" if file_001 else "Updated Action Plan submitted"
            dates += [f"{label}: {self.header_date(update)}", ""]
        lines = ["", "", *(dates + about if file_001 else about + dates)]
        prison = any(
            re.search(r"accept|reject", r.get("agreement_raw") or "", re.IGNORECASE) for r in g["recommendations"]
        )
        lines += introduction(self.rngs["layout"].choice(INTRODUCTION_SOURCES["prison" if prison else "probation"]))
        lines += [f"ACTION PLAN: {g.get('title') or ''}", ""]
        lines.append("\t".join(PRISON_TITLE_ROW if prison else TITLE_ROW))
        return lines

    def header_date(self, iso: str) -> str:
        parts = [int(p) for p in iso.split("-")]
        if len(parts) == 1:
            return str(parts[0])
        month = MONTH_NAMES[parts[1] - 1]
        if len(parts) == 2:
            return f"{month} {parts[0]}"
        day = parts[2]
        if self.chance("ordinal", self.rates.ordinal):
            self.counts["ordinal"] += 1
            return f"{day} {_ordinal(day)} {month} {parts[0]}"
        suffix = _ordinal(day) if self.rngs["layout"].random() < 0.5 else ""  # both forms are published
        return f"{day}{suffix} {month} {parts[0]}"

    # -- cell texts ----------------------------------------------------------------------
    def text(self, text: str | None, *, response: bool = False) -> str:
        if not text:
            return ""
        if response and self.chance("italics", self.rates.italics):
            text = self.italicise(text)
        if "bullets" in self.on and response:
            text = self.inline_bullets(text)
        text = self.hyphen_gaps(text)
        text = self.ordinal_gaps(text)
        return text

    def italicise(self, text: str) -> str:
        """<i>...</i> around one to three words, leaving Word's stray spaces beside punctuation."""
        words = list(re.finditer(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]", text))
        if len(words) < 4:
            return text
        start = self.rngs["italics"].randrange(1, len(words) - 1)
        end = min(len(words) - 1, start + self.rngs["italics"].randrange(3))
        first, last = words[start], words[end]
        phrase = text[first.start() : last.end()]
        # Published italics mark names and terms ("Microsoft Teams", "blended supervision").
        if re.search(r"[^A-Za-z'\- ]", phrase) or any(w.lower() in FUNCTION_WORDS for w in phrase.split(" ")):
            return text
        if " " in phrase and self.rngs["italics"].random() < self.rates.italics_per_word:
            tagged = " ".join(f"<i>{w}</i>" for w in phrase.split(" "))
        else:
            tagged = f"<i>{phrase}</i>"
        before, after = text[: first.start()], text[last.end() :]
        if re.match(r"[,.;:!?)]|'\)", after):
            after = " " + after  # "<i>Microsoft Teams</i> ,"
        if re.search(r"\(['\"]$", before):
            before = before + " "  # "(' <i>Your Views Matter</i> ')"
        self.counts["italics"] += 1
        return before + tagged + after

    def inline_bullets(self, text: str) -> str:
        """A list run into one cell ("setting out: a; b; c") gets a glyph before each item."""
        m = re.search(r": (?=[^:]*; )", text)
        if not m or text.count("; ") < 2:
            return text
        head, items = text[: m.end()], text[m.end() :]
        parts = items.split("; ")
        out = []
        for part in parts:
            if self.chance("bullets", self.rates.bullets):
                self.counts["bullets"] += 1
                out.append(f"{BULLET} {part}")
            else:
                out.append(part)
        return head + "; ".join(out)

    def hyphen_gaps(self, text: str) -> str:
        if "hyphen" not in self.on:
            return text

        def gap(m: re.Match[str]) -> str:
            if self.rngs["hyphen"].random() < self.rates.hyphen:
                self.counts["hyphen"] += 1
                return "- "
            return "-"

        return re.sub(r"(?<=[A-Za-z0-9])-(?=[A-Za-z0-9])", gap, text)

    def ordinal_gaps(self, text: str) -> str:
        if "ordinal" not in self.on:
            return text

        def gap(m: re.Match[str]) -> str:
            if self.rngs["ordinal"].random() < self.rates.ordinal:
                self.counts["ordinal"] += 1
                return f"{m.group(1)} {m.group(2)}"
            return m.group(0)

        return re.sub(r"\b(\d{1,2})(st|nd|rd|th)\b", gap, text)

    # -- table rows ----------------------------------------------------------------------
    def table_rows(self) -> list[Row]:
        rows: list[Row] = []
        addressee: str | None = None
        for rec in self.gold["recommendations"]:
            if rec.get("addressee") and rec["addressee"] != addressee:
                addressee = rec["addressee"]
                rows.append(self.span_row(addressee))
            rows.extend(self.recommendation_rows(rec))
        return rows

    def span_row(self, addressee: str) -> Row:
        text = addressee if _SECTION.match(addressee) else f"{addressee} should:"
        if self.chance("spancut", self.rates.span_cut):
            pieces = self.cut_span(text, should=not _SECTION.match(addressee))
            if len(pieces) > 1:
                self.counts["spancut"] += 1
                return Row(pieces + [""] * (COLUMNS - len(pieces)), "span")
        return Row(["", text, "", "", "", ""], "span")

    def cut_span(self, text: str, should: bool) -> list[str]:
        """Cut a spanning row at column edges, mid-word as the extractions do."""
        rng = self.rngs["spancut"]
        widths = [rng.randint(3, 7), rng.randint(14, 28), rng.randint(8, 14), rng.randint(25, 50)]
        cuts, position = [], 0
        for width in widths:
            position += width
            if position >= len(text) - 2:
                break
            # Move the edge into a word: a letter before it, a lower-case letter after it.
            for shift in range(8):
                p = position + shift
                if p < len(text) - 1 and text[p - 1].isalpha() and text[p].isalpha() and text[p].islower():
                    cuts.append(p)
                    position = p
                    break
            else:
                break
        if not cuts or cuts[0] > 12:  # the first piece fits the narrow Rec No column
            return [text]
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
        if self.rngs["spancut"].random() < self.rates.span_garble and len(pieces) > 1:
            seam = self.rngs["spancut"].randrange(1, len(pieces))
            if should and seam == 1 and self.rngs["spancut"].random() < 0.5 and " " in pieces[0]:
                # "Her N|Majesty's": the first cut falls at a word edge behind a stray capital.
                head, _, cut = pieces[0].rpartition(" ")
                pieces[0], pieces[1] = f"{head} N", cut + pieces[1]
            else:
                # "Co|ompanies": the letter at the cut printed twice.
                pieces[seam] = pieces[seam][0] + pieces[seam]
            self.counts["spancut.garbled"] += 1
        return pieces

    def recommendation_rows(self, rec: dict) -> list[Row]:
        number = rec["number"]
        agreement = rec.get("agreement_raw") or ""
        rec_text = self.text(rec.get("text"))
        actions = rec.get("actions") or []
        body: list[Row] = []  # action and phase rows, in order
        phase = None
        glue_next: str | None = None
        for index, action in enumerate(actions):
            label = (action.get("phase") or {}).get("label")
            if label and label != phase:
                phase = label
                if self.chance("phaseglue", self.rates.phase_glue):
                    self.counts["phaseglue"] += 1
                    glue_next = label
                else:
                    body.append(Row(["", "", "", label, "", ""], "phase"))
            response = self.text(action.get("text"), response=True)
            if glue_next:
                response = f"{glue_next} {response}"
                glue_next = None
            elif self.needs_bullet(actions, index):
                response = f"{BULLET} {response}"
            target = (action.get("target") or {}).get("raw") or ""
            cells = ["", "", "", response, self.text(action.get("owner")), self.text(target)]
            body.append(Row(cells, "action", breakable=True))

        # The recommendation row takes the first body row's cells (an action or a phase label).
        rec_row = Row([number, rec_text, agreement, "", "", ""], "rec")
        if body:
            first = body.pop(0)
            rec_row.cells[3:] = first.cells[3:]
            rec_row.breakable = first.kind == "action"
        rows = [rec_row, *body]
        if self.chance("recsplit", self.rates.rec_split):
            words = rec_text.split(" ")
            if len(words) >= 8:
                cut = self.rngs["recsplit"].randint(3, len(words) - 4)
                rec_row.cells[1] = " ".join(words[:cut])
                rest = " ".join(words[cut:])
                # The rest goes to the next row: the first action's (if the rec row held a
                # phase label) or, either way, any following row; else a row of its own.
                if len(rows) > 1 and rows[1].kind in ("action", "phase"):
                    rows[1].cells[1] = rest
                    rows[1].kind = "reccont" if rows[1].kind == "action" else "phase"
                else:
                    rows.insert(1, Row(["", rest, "", "", "", ""], "reccont"))
                self.counts["recsplit"] += 1
        return rows

    def needs_bullet(self, actions: Sequence[dict], index: int) -> bool:
        """A list item after a lead-in ("... by:", "... by;"): the published files bullet it."""
        text = actions[index].get("text") or ""
        lead_in = index > 0 and re.search(r"[:;]$", (actions[index - 1].get("text") or "").rstrip())
        in_list = index > 0 and (lead_in or (actions[index - 1].get("text") or "").rstrip().endswith(";"))
        if not in_list:
            return False
        if text[:1].islower():
            return True  # the clean rendering keeps it: the file shows it and a reader needs it
        if self.chance("bullets", self.rates.bullets):
            self.counts["bullets"] += 1
            return True
        return False

    # -- page layout ---------------------------------------------------------------------
    def layout(self, rows: list[Row]) -> list[Row]:
        out: list[Row] = []
        page = 1
        page_no_tabs: int | None = None

        def page_break() -> None:
            nonlocal page, page_no_tabs
            if "pagebreak" in self.on and self.rngs["pagebreak"].random() < self.rates.page_number:
                form = self.rngs["pagebreak"].choice(("\t\t\t{n}\t\t", "\t{n}\t\t{n}", "{n}\t\t"))
                out.append(Row(form.format(n=page).split("\t"), "pageno"))
                self.counts["pagebreak.number"] += 1
            out.append(blank())
            page += 1
            page_no_tabs = None
            if self.chance("notabs", self.rates.notabs_page):
                page_no_tabs = 1 if self.rngs["notabs"].random() < self.rates.notabs_one_tab else 0
                self.counts["notabs"] += 1

        for index, row in enumerate(rows):
            if index and self.chance("pagebreak", self.rates.page_break):
                if row.kind in ("action", "reccont") and row.cells[3] and not (row.cells[4] or row.cells[5]):
                    # A row with neither owner nor target at a page top reads as the
                    # overflow of the row above (dev-electronic-monitoring l.35): not recoverable.
                    self.counts["pagebreak.skipped_ownerless"] += 1
                else:
                    self.counts["pagebreak"] += 1
                    page_break()
            row.no_tabs = page_no_tabs
            if row.breakable and self.chance("rowbreak", self.rates.row_break):
                broken = self.break_row(row)
                if broken:
                    first, rest = broken
                    first.no_tabs = page_no_tabs
                    out.append(first)
                    self.counts["rowbreak"] += 1
                    page_break()
                    rest.no_tabs = page_no_tabs if page_no_tabs is not None else 0
                    out.append(rest)
                    continue
            out.append(row)
        return out

    def break_row(self, row: Row) -> tuple[Row, Row] | None:
        """The page ends inside the row: each cell keeps the lines printed above the page edge.

        Cells are wrapped at the document's column widths and the page ends
        after k lines of the response, so the owner, target (and, on a
        recommendation row, its text) are cut at the same height. The cut is
        mid-sentence, as in every published case, so the rest reads as a
        continuation.
        """
        widths = self.widths
        response_lines = wrap(row.cells[3], widths[3])
        candidates = [
            k for k in range(1, len(response_lines))
            if self.cut_ok(" ".join(response_lines[:k]), " ".join(response_lines[k:]))
        ]
        if not candidates:
            return None
        k = self.rngs["rowbreak"].choice(candidates)
        heads, tails = [], []
        for column in (1, 3, 4, 5):
            lines = wrap(row.cells[column], widths[column]) if column != 3 else response_lines
            heads.append(" ".join(lines[:k]))
            tails.append(" ".join(lines[k:]))
        rec_head, head, owner_head, target_head = heads
        rec_tail, tail, owner_tail, target_tail = tails
        if row.kind != "rec":
            rec_head, rec_tail = row.cells[1], ""
        first = Row([row.cells[0], rec_head, row.cells[2], head, owner_head, target_head], row.kind)
        rest_cells = ["", rec_tail, "", tail, owner_tail, target_tail]
        if rec_tail and self.rngs["rowbreak"].random() < 0.5:
            rest_cells = ["", rec_tail, tail, owner_tail, target_tail]  # file 001's form: no agreement cell
        for column, (a, b) in zip(("owner", "target"), ((owner_head, owner_tail), (target_head, target_tail))):
            if a and b:
                self.counts[f"rowbreak.{column}_cut"] += 1
        return first, Row(rest_cells, "action")

    @staticmethod
    def cut_ok(before: str, after: str) -> bool:
        """A cut a reader can see through: mid-sentence, outside tags and phase labels."""
        if len(before.split()) < 5 or len(after.split()) < 3:
            return False
        if re.search(r"[.!?:;]$", before) or before.count("<i>") != before.count("</i>"):
            return False
        if BULLET in before[-2:] + after[:2]:
            return False
        return not re.fullmatch(r"(?:Action Plan commitments|Progress against commitments) \(\w+ \d{4}\)", before)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap on spaces only (so words and hyphenated compounds stay whole)."""
    lines: list[str] = []
    for word in text.split(" ") if text else []:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


# -- scoring ---------------------------------------------------------------------------------


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Case:
    plan: str
    mix: str
    seed: int
    f1: float
    counts: Counter
    text_path: Path
    pred: dict | None
    error: str | None = None
    log: list[str] = field(default_factory=list)
    exact: int = 0  # text fields equal to the gold, character for character
    compared: int = 0
    diffs: list[str] = field(default_factory=list)


def mixes(selected: Sequence[str] | None) -> dict[str, frozenset[str]]:
    table = {"clean": frozenset()}
    for artefact in ARTEFACTS:
        table[artefact] = frozenset((artefact, *NEEDS.get(artefact, ())))
    table["all"] = frozenset(ARTEFACTS)
    if selected:
        unknown = [m for m in selected if m not in table]
        if unknown:
            raise SystemExit(f"unknown mix {', '.join(unknown)}; choose from {', '.join(table)}")
        table = {name: table[name] for name in selected}
    return table


def run_case(
    scorer, gold: dict, plan: str, mix: str, artefacts: frozenset[str], seed: int, folder: Path, rates: Rates
) -> Case:
    renderer = Renderer(gold, artefacts, f"{plan}/{seed}", rates)
    text = renderer.render()
    path = folder / f"{plan}.{mix}.{seed}.txt"
    path.write_text(text, encoding="utf-8")
    pred, error = None, None
    try:
        pred = json.loads(extract(path).model_dump_json())
    except IngestError as exc:
        error = str(exc)
    log: list[str] = []
    tally = scorer.score_doc(gold, pred, log.append)
    f1 = scorer.f1(*tally.total())[0]
    same, compared, diffs = exact_text(scorer, gold, pred)
    return Case(plan, mix, seed, f1, renderer.counts, path, pred, error, log, same, compared, diffs)


def exact_text(scorer, gold: dict, pred: dict | None) -> tuple[int, int, list[str]]:
    """Text fields compared exactly (the scorer's fuzzy match hides a small repair left undone).

    Counts the header titles, and the addressee and text of each recommendation found and the
    text, owner and target of each action paired (by the scorer's own pairing).
    """
    if pred is None:
        return 0, 0, []
    pairs: list[tuple[str, str | None, str | None]] = [
        ("title", gold.get("title"), pred.get("title")),
        ("report.title", (gold.get("report") or {}).get("title"), (pred.get("report") or {}).get("title")),
    ]
    found = {scorer.rec_key(r): r for r in pred.get("recommendations", [])}
    for rec in gold.get("recommendations", []):
        other = found.get(scorer.rec_key(rec))
        if other is None:
            continue
        where = f"rec {rec['number']}"
        pairs += [(f"{where} addressee", rec.get("addressee"), other.get("addressee")),
                  (f"{where} text", rec.get("text"), other.get("text"))]
        gacts, pacts = rec.get("actions") or [], other.get("actions") or []
        for i, j in scorer.pair_actions(gacts, pacts):
            g, p = gacts[i], pacts[j]
            pairs += [
                (f"{where} action {i + 1} text", g.get("text"), p.get("text")),
                (f"{where} action {i + 1} owner", g.get("owner"), p.get("owner")),
                (f"{where} action {i + 1} target", (g.get("target") or {}).get("raw"), (p.get("target") or {}).get("raw")),
            ]
    diffs = []
    for name, a, b in pairs:
        if a != b:
            diffs.append(f"{name}: {_first_difference(a, b)}")
    return len(pairs) - len(diffs), len(pairs), diffs


def _first_difference(a: str | None, b: str | None) -> str:
    if a is None or b is None:
        return f"gold={a!r:.60} pred={b!r:.60}"
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"gold=...{a[max(0, i - 25) : i + 25]!r} pred=...{b[max(0, i - 25) : i + 25]!r}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="seeds per plan and mix (default 10)")
    parser.add_argument("--mix", nargs="*", help="mixes to run (default: all)")
    parser.add_argument("--plan", nargs="*", help="plans to run, by file stem (default: all five)")
    parser.add_argument("--verbose", action="store_true", help="print the scorer's differences for the worst cases")
    parser.add_argument("--worst", type=int, default=10, help="cases shown with --verbose (default 10)")
    parser.add_argument("--dump", type=Path, help="keep the rendered texts and predictions in this folder")
    parser.add_argument(
        "--rate", action="append", default=[], metavar="NAME=P",
        help=f"override one artefact rate (repeatable): {', '.join(f.name for f in fields(Rates))}",
    )
    args = parser.parse_args(argv)
    rates = RATES
    for item in args.rate:
        name, _, value = item.partition("=")
        if name not in {f.name for f in fields(Rates)}:
            raise SystemExit(f"unknown rate {name!r}")
        rates = replace(rates, **{name: float(value)})

    scorer = load_scorer()
    golds = {p.stem: json.loads(p.read_text()) for p in GOLD_FILES if not args.plan or p.stem in args.plan}
    if not golds:
        raise SystemExit("no gold plan selected")
    table = mixes(args.mix)
    started = time.perf_counter()
    cases: list[Case] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dump or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for mix, artefacts in table.items():
            for plan, gold in golds.items():
                for seed in range(args.seeds):
                    case = run_case(scorer, gold, plan, mix, artefacts, seed, folder, rates)
                    cases.append(case)
                    if args.dump and case.pred is not None:
                        case.text_path.with_suffix(".json").write_text(json.dumps(case.pred, indent=2))
        if args.dump:
            print(f"texts and predictions kept in {folder}")
        report(table, golds, cases, args)
    print(f"{len(cases)} extractions in {time.perf_counter() - started:.1f} s")
    return 0


def report(table: dict[str, frozenset[str]], golds: dict, cases: list[Case], args) -> None:
    plans = list(golds)
    short = {p: p.split("_")[0].replace("dev-", "")[:10] for p in plans}
    print(f"field F1 per artefact mix: {len(plans)} plans x {args.seeds} seeds\n")
    columns = " ".join(f"{short[p]:>10s}" for p in plans)
    header = f"{'mix':18s} {'mean':>6s} {'min':>6s} {'exact':>6s}  {columns}  applied"
    print(header)
    print("-" * len(header))
    for mix in table:
        mine = [c for c in cases if c.mix == mix]
        f1s = [c.f1 for c in mine]
        per_plan = " ".join(
            f"{statistics.mean(c.f1 for c in mine if c.plan == p):10.3f}" for p in plans
        )
        counts: Counter[str] = Counter()
        for c in mine:
            counts.update(c.counts)
        applied = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "-"
        name = mix if mix not in NEEDS else f"{mix}+{'+'.join(NEEDS[mix])}"
        exact = sum(c.exact for c in mine) / max(1, sum(c.compared for c in mine))
        print(f"{name:18s} {statistics.mean(f1s):6.3f} {min(f1s):6.3f} {exact:6.3f}  {per_plan}  {applied}")
    errors = [c for c in cases if c.error]
    for c in errors:
        print(f"ERROR {c.plan} {c.mix} seed {c.seed}: {c.error}")
    if args.verbose:
        worst = sorted((c for c in cases if c.f1 < 1.0 or c.diffs), key=lambda c: (c.f1, c.exact - c.compared))
        for c in worst[: args.worst]:
            print(f"\n== {c.plan} mix={c.mix} seed={c.seed} F1 {c.f1:.3f}  ({c.text_path.name})")
            for line in c.log:
                print("   ", line)
            for line in c.diffs:
                print("    exact:", line)


if __name__ == "__main__":
    sys.exit(main())

"""Ruling lines and characters -> table grids with merged cells, and lines of free text.

The steps are named for their data flow, each a small pure function:
``edges_to_segments`` -> ``segments_to_tables`` -> ``table_to_grid`` ->
``chars_to_cells``. A cell with no border between it and its neighbour is
merged with it; as in pdfplumber, a merged region's text sits in its
top-left cell and the other positions are ``None``.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter

SNAP = 3.0  # points: edges closer than this are the same ruling line
JOIN = 3.0  # points: collinear segments closer than this are one segment
MIN_SIZE = 2.0  # points: a cell narrower or shorter than this is a drawing artefact
LINE_OVERLAP = 0.5  # share of the smaller char's height two chars must overlap to share a line
SPACE_GAP = 0.25  # a gap wider than this share of the font size between chars is a space
CHAR_DESCENT = 0.2  # share of its size a char's box reaches below the baseline (the rest is above)
WORD_SPACE = 0.3  # share of the font size a space takes at most when a word processor fills a line
PARAGRAPH_GAP = 0.25  # share of the font size by which a wider line gap marks the end of a paragraph
PARAGRAPH_PITCH = 1.5  # free text: lines further apart than this times the font size are two paragraphs
RULE_MAX_THICKNESS = 4.0  # points: a filled rectangle no thicker than this is a rule, not shading


@dataclass(frozen=True)
class PdfPage:
    """One page as every PDF engine delivers it: chars, stroked edges and filled rectangles,
    top-down coordinates.

    A char is a dict with ``text``, ``x0``, ``x1``, ``top``, ``bottom`` and
    ``size``; an edge one with ``orientation`` ("h"/"v"), ``x0``, ``x1``,
    ``top`` and ``bottom`` (pdfplumber's names, so its objects fit as they
    are): a stroked line or a side of a stroked rectangle. A fill is a
    rectangle painted without an outline (``x0``, ``x1``, ``top``,
    ``bottom``): a rule drawn as a thin rectangle, or a shaded area; which
    of the two is decided here (``fills_to_rules``), not by the engine.
    A char's box runs along the baseline from its origin to its advance, and
    across it from CHAR_DESCENT of its size below the baseline to the rest
    above: every engine knows the baseline and size exactly, whereas the
    font's own descent is whatever its descriptor says (LibreOffice writes 0)
    or an engine makes of it.
    """

    number: int  # 1-based
    count: int  # pages in the document
    width: float
    height: float
    chars: list[dict]
    edges: list[dict]
    fills: list[dict] = field(default_factory=list)
    damage: tuple[PdfDamage, ...] = ()  # what the engine skipped or repaired to read this page


@dataclass(frozen=True)
class PdfDamage:
    """Something an engine had to skip or repair: what it means for the text, in words."""

    what: str  # "a compressed stream is corrupt and was only partly decoded"
    page: int | None  # None: the document as a whole (its cross-reference table, say)
    times: int = 1
    loop: bool = False  # the structure refers to itself (a page tree, a drawing): malformed, not scanned


@dataclass(frozen=True)
class Segment:
    """A horizontal (y fixed, from a to b along x) or vertical (x fixed, a to b along y) ruling line."""

    horizontal: bool
    at: float
    a: float
    b: float

    def covers(self, start: float, end: float) -> bool:
        return self.a - JOIN <= start and end <= self.b + JOIN


@dataclass
class Table:
    """One ruled table: its segments and bounding box."""

    horizontals: list[Segment]
    verticals: list[Segment]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        xs = [s.at for s in self.verticals]
        ys = [s.at for s in self.horizontals]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass
class Grid:
    """A table as bands (rows between horizontal rules) and columns, with merged regions."""

    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # band boundaries, top to bottom
    region_of: list[list[int]]  # region id of each (band, column)
    origins: dict[int, tuple[int, int]]  # region id -> its top-left (band, column)
    spans: dict[int, tuple[int, int]]  # region id -> (first column, last column)
    texts: dict[int, list[dict]] = field(default_factory=dict)  # region id -> its chars

    @property
    def columns(self) -> int:
        return len(self.xs) - 1

    def rows(self) -> list[list[str | None]]:
        """Cell texts band by band: text at a region's origin, None where merged."""
        out = []
        for band, regions in enumerate(self.region_of):
            row: list[str | None] = []
            for column, region in enumerate(regions):
                if self.origins[region] == (band, column):
                    first, last = self.spans[region]
                    row.append(chars_to_text(self.texts.get(region, []), self.xs[first], self.xs[last + 1]))
                else:
                    row.append(None)
            out.append(row)
        return out

    def spanning(self, band: int) -> bool:
        """True when the band's first cell spans every column (an addressee or section row)."""
        region = self.region_of[band][0]
        return self.origins[region] == (band, 0) and self.spans[region] == (0, self.columns - 1)


def fills_to_rules(fills: Iterable[dict]) -> tuple[list[dict], list[dict]]:
    """Filled rectangles -> (the edges of those that are rules, the shaded areas).

    A thin one is a rule (Word exports borders so); any other is shading: a
    cell's background or a shaded paragraph inside a cell, whose sides are
    no rules (they would cut the cell), though a cell's may show where a
    column ends.
    """
    rules: list[dict] = []
    shading: list[dict] = []
    for fill in fills:
        x0, x1, top, bottom = fill["x0"], fill["x1"], fill["top"], fill["bottom"]
        if min(x1 - x0, bottom - top) > RULE_MAX_THICKNESS:
            shading.append(fill)
        elif x1 - x0 >= bottom - top:
            rules.append({"orientation": "h", "x0": x0, "x1": x1, "top": top, "bottom": bottom})
        else:
            rules.append({"orientation": "v", "x0": x0, "x1": x1, "top": top, "bottom": bottom})
    return rules, shading


def edges_to_segments(edges: Iterable[dict]) -> list[Segment]:
    """pdfplumber edges -> ruling segments, snapped to shared positions and joined end to end."""
    raw: dict[bool, list[tuple[float, float, float]]] = {True: [], False: []}
    for edge in edges:
        if edge["orientation"] == "h":
            raw[True].append(((edge["top"] + edge["bottom"]) / 2, edge["x0"], edge["x1"]))
        elif edge["orientation"] == "v":
            raw[False].append(((edge["x0"] + edge["x1"]) / 2, edge["top"], edge["bottom"]))
    segments: list[Segment] = []
    for horizontal, items in raw.items():
        for at, spans in _snap(items):
            for a, b in _join(spans):
                if b - a >= MIN_SIZE:
                    segments.append(Segment(horizontal, at, a, b))
    return segments


def _snap(items: list[tuple[float, float, float]]) -> list[tuple[float, list[tuple[float, float]]]]:
    """Group segments whose fixed coordinate is within SNAP; each group at its mean position."""
    groups: list[list[tuple[float, float, float]]] = []
    for item in sorted(items):
        if groups and item[0] - groups[-1][-1][0] <= SNAP:
            groups[-1].append(item)
        else:
            groups.append([item])
    return [(sum(i[0] for i in g) / len(g), [(min(i[1], i[2]), max(i[1], i[2])) for i in g]) for g in groups]


def _join(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    joined: list[list[float]] = []
    for a, b in sorted(spans):
        if joined and a <= joined[-1][1] + JOIN:
            joined[-1][1] = max(joined[-1][1], b)
        else:
            joined.append([a, b])
    return [(a, b) for a, b in joined]


def segments_to_tables(segments: Sequence[Segment]) -> list[Table]:
    """Connected groups of crossing segments with at least two rules each way, top to bottom."""
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontals = [i for i, s in enumerate(segments) if s.horizontal]
    verticals = [i for i, s in enumerate(segments) if not s.horizontal]
    for h in horizontals:
        hs = segments[h]
        for v in verticals:
            vs = segments[v]
            if hs.a - JOIN <= vs.at <= hs.b + JOIN and vs.a - JOIN <= hs.at <= vs.b + JOIN:
                parent[find(h)] = find(v)
    groups: dict[int, Table] = {}
    for i, segment in enumerate(segments):
        table = groups.setdefault(find(i), Table([], []))
        (table.horizontals if segment.horizontal else table.verticals).append(segment)
    tables = [t for t in groups.values() if len(t.horizontals) >= 2 and len(t.verticals) >= 2]
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))


def table_to_grid(table: Table) -> Grid:
    """Bands and columns from the rules; cells with no rule between them are one region."""
    xs = sorted({s.at for s in table.verticals})
    ys = sorted({s.at for s in table.horizontals})
    bands, columns = len(ys) - 1, len(xs) - 1
    parent = list(range(bands * columns))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for band in range(bands):
        for column in range(columns):
            here = band * columns + column
            x0, x1, y0, y1 = xs[column], xs[column + 1], ys[band], ys[band + 1]
            if band and not any(s.at == y0 and s.covers(x0 + JOIN, x1 - JOIN) for s in table.horizontals):
                parent[find(here)] = find(here - columns)
            if column and not any(s.at == x0 and s.covers(y0 + JOIN, y1 - JOIN) for s in table.verticals):
                parent[find(here)] = find(here - 1)
    region_of = [[find(band * columns + column) for column in range(columns)] for band in range(bands)]
    origins: dict[int, tuple[int, int]] = {}
    spans: dict[int, tuple[int, int]] = {}
    for band in range(bands):
        for column in range(columns):
            region = region_of[band][column]
            origins.setdefault(region, (band, column))
            first, last = spans.get(region, (column, column))
            spans[region] = (min(first, column), max(last, column))
    return Grid(xs, ys, region_of, origins, spans)


def chars_to_cells(chars: Iterable[dict], grids: Sequence[Grid]) -> list[dict]:
    """Put each char in the grid region holding its centre; return the chars in no grid.

    A page's chars come line by line, so most share the cell of the char
    before: that cell is tried first.
    """
    free = []
    boxes = [(g.xs, g.ys, g.region_of, g.texts) for g in grids]
    left = right = top = bottom = 0.0
    cell: list[dict] | None = None  # the chars of the last char's cell, which spans left-right, top-bottom
    for char in chars:
        x = (char["x0"] + char["x1"]) * 0.5
        y = (char["top"] + char["bottom"]) * 0.5
        if cell is not None and left <= x < right and top <= y < bottom:
            cell.append(char)
            continue
        for xs, ys, region_of, texts in boxes:
            if xs[0] <= x < xs[-1] and ys[0] <= y < ys[-1]:
                row, column = bisect_right(ys, y) - 1, bisect_right(xs, x) - 1
                cell = texts.setdefault(region_of[row][column], [])
                cell.append(char)
                left, right, top, bottom = xs[column], xs[column + 1], ys[row], ys[row + 1]
                break
        else:
            free.append(char)
            cell = None
    return free


def chars_to_paragraphs(chars: Sequence[dict]) -> list[tuple[float, list[str]]]:
    """Free text -> its paragraphs top to bottom, each with its top and its lines.

    A line starts a new paragraph when it sits further below the line above
    than wrapped lines do (PARAGRAPH_PITCH times the font size).
    """
    paragraphs: list[tuple[float, list[str]]] = []
    above: tuple[float, float] | None = None  # the top and font size of the line above
    for top, line in char_lines(chars):
        text = line_text(line)
        if not text:
            continue
        if above is None or top - above[0] > PARAGRAPH_PITCH * above[1]:
            paragraphs.append((top, []))
        paragraphs[-1][1].append(text)
        above = top, max(char["size"] for char in line)
    return paragraphs


def char_lines(chars: Sequence[dict]) -> list[tuple[float, list[dict]]]:
    """Chars grouped into lines top to bottom (each with its top), each line's chars left to right."""
    lines: list[tuple[float, list[dict]]] = []
    line: list[dict] = []
    top = bottom = 0.0
    for char in sorted(chars, key=itemgetter("top")):
        char_top, char_bottom = char["top"], char["bottom"]
        if line:
            if char_top == top and char_bottom == bottom:  # the commonest case: the line's font again
                line.append(char)
                continue
            overlap = (bottom if bottom < char_bottom else char_bottom) - (top if top > char_top else char_top)
            height, char_height = bottom - top, char_bottom - char_top
            if overlap >= LINE_OVERLAP * (height if height < char_height else char_height):
                line.append(char)
                top = top if top < char_top else char_top
                bottom = bottom if bottom > char_bottom else char_bottom
                continue
            lines.append((top, sorted(line, key=itemgetter("x0"))))
        line, top, bottom = [char], char_top, char_bottom
    if line:
        lines.append((top, sorted(line, key=itemgetter("x0"))))
    return lines


def line_text(chars: list[dict]) -> str:
    """One line's chars (left to right) -> its text, with a space wherever a gap is wider than SPACE_GAP."""
    parts: list[str] = []
    previous_x1 = None
    for char in chars:
        text = char["text"]
        if previous_x1 is not None and text != " " and parts[-1] != " ":
            if char["x0"] - previous_x1 > SPACE_GAP * char["size"]:
                parts.append(" ")
        parts.append(text)
        previous_x1 = char["x1"]
    return "".join(parts).strip()


def chars_to_text(chars: Sequence[dict], left: float, right: float) -> str:
    """A cell's chars (the cell spans ``left`` to ``right``) -> its text: the lines a
    paragraph wrapped onto joined by a space, paragraphs by a newline.

    A line ends its paragraph when the next line's first word would have
    fitted after it (a word processor wraps only a word that does not fit),
    or when the gap above the next line is wider than the cell's closest
    line spacing (space after a paragraph).
    """
    texts, lines = [], []  # each line's text (its space chars count) and its inked chars
    for _, line in char_lines(chars):
        if ink := [char for char in line if not char["text"].isspace()]:
            texts.append(line_text(line))
            lines.append(ink)
    if not lines:
        return ""
    tops = [min(char["top"] for char in line) for line in lines]
    pitches = [below - above for above, below in pairwise(tops)]
    closest = min(pitches) if len(pitches) >= 2 else None
    limit = right - (min(line[0]["x0"] for line in lines) - left)  # the right padding taken as the left
    parts = [texts[0]]
    for index, (line, following) in enumerate(pairwise(lines)):
        gapped = closest is not None and pitches[index] > closest + PARAGRAPH_GAP * following[0]["size"]
        parts.append("\n" if gapped or _next_word_fits(line, following, limit) else " ")
        parts.append(texts[index + 1])
    return "".join(parts)


def _next_word_fits(line: Sequence[dict], following: Sequence[dict], limit: float) -> bool:
    """The first word of the following line would have fitted at the end of this one
    (never after a hyphen: a word processor breaks a long compound there).

    Both lines are given without their space chars.
    """
    if line[-1]["text"].endswith(("-", "\u2010", "\u2011")):
        return False
    word = [following[0]]
    for char in following[1:]:
        if char["x0"] - word[-1]["x1"] > SPACE_GAP * char["size"]:
            break
        word.append(char)
    width = word[-1]["x1"] - word[0]["x0"]
    return line[-1]["x1"] + WORD_SPACE * following[0]["size"] + width <= limit

"""Word paragraphs -> the text Word prints: their runs, and the list labels Word numbers itself.

python-docx's ``Paragraph.text`` reads a paragraph's direct runs and links
only, so text inside a tracked insertion, a content control, a field or a
smart tag would be lost. Here every run of a paragraph is read (each by
python-docx's own run text: tabs, line breaks, non-breaking hyphens) except
what Word does not print: deleted text, hidden text, and the fallback copy of
an alternate-content block. Text boxes are paragraphs of their own.

The labels of numbered lists ("a)", "1.", "iv.") are not in the runs: Word
generates them from the numbering definitions as it lays the document out.
The published PDF shows them and SPEC keeps them, so ``ListLabels`` counts
them as Word does (one counter per level of each list, a level restarting
when a higher one moves on). A bullet gives no label: bullet glyphs are not
text.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import nsmap, qn
from lxml import etree

_RUN = qn("w:r")
# What a run prints, each element as python-docx renders it (str(): a tab, a line break, a hyphen, text).
_RUN_TEXT = frozenset(qn(tag) for tag in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:ptab"))
_W = {"w": nsmap["w"]}
# Runs marked hidden (w:vanish on, its default); paragraphs numbered by their own properties, or with a style.
_HIDDEN_RUNS = etree.XPath("//w:r[w:rPr/w:vanish[not(@w:val='0' or @w:val='false' or @w:val='off')]]", namespaces=_W)
_NUMBERED_PARAGRAPHS = etree.XPath("//w:p[w:pPr/w:numPr]", namespaces=_W)
_STYLED_PARAGRAPHS = etree.XPath("//w:p[w:pPr/w:pStyle]", namespaces=_W)
_NOT_PRINTED = frozenset(
    {
        qn("w:pPr"),
        qn("w:del"),
        qn("w:moveFrom"),
        qn("w:txbxContent"),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }
)
_VAL = qn("w:val")
_LEVELS = 9  # Word lists have levels 0..8
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
# Tag and attribute names (an attribute and an element of one name are the same Clark name).
_NUM, _NUM_ID, _ABSTRACT, _ABSTRACT_ID = qn("w:num"), qn("w:numId"), qn("w:abstractNum"), qn("w:abstractNumId")
_LEVEL, _ILVL, _LEVEL_OVERRIDE, _START_OVERRIDE = qn("w:lvl"), qn("w:ilvl"), qn("w:lvlOverride"), qn("w:startOverride")
_START, _LEVEL_TEXT, _NUMBER_FORMAT, _SUFFIX = qn("w:start"), qn("w:lvlText"), qn("w:numFmt"), qn("w:suff")
_PARAGRAPH_PROPERTIES, _NUMBERING_PROPERTIES, _PARAGRAPH_STYLE = qn("w:pPr"), qn("w:numPr"), qn("w:pStyle")

Element = Any  # a python-docx oxml element (lxml, with python-docx's xpath namespaces)


class PrintedText:
    """The text Word prints for each paragraph of one document: its list label, then its runs.

    Ask for every paragraph in document order (list counts run on through the
    document). Hidden runs and numbered paragraphs are found once for the whole
    document by a compiled XPath, so the many plain paragraphs cost no lookups.
    """

    def __init__(self, document: Element, numbering: Element | None) -> None:
        self._hidden = set(_HIDDEN_RUNS(document))  # kept alive, so each run is the same Python object later
        self._labels = ListLabels(numbering, document)

    def __call__(self, paragraph: Element) -> str:
        """The paragraph's printed text; a line break is "\\n", a tab "\\t"."""
        runs = "".join(str(part) for run in self._printed_runs(paragraph) for part in run if part.tag in _RUN_TEXT)
        return self._labels.label(paragraph) + runs

    def _printed_runs(self, element: Element) -> Iterator[Element]:
        for item in element:
            if item.tag == _RUN:
                if item not in self._hidden:
                    yield item
            elif item.tag not in _NOT_PRINTED:
                yield from self._printed_runs(item)


def _child(element: Element | None, tag: str) -> Element | None:
    """The first child of a tag (a C-level scan: ``find`` parses its path argument in Python each call)."""
    return None if element is None else next(element.iterchildren(tag), None)


def _val(element: Element | None, tag: str) -> str | None:
    """The w:val of the element's first child of a tag, or None."""
    found = _child(element, tag)
    return None if found is None else found.get(_VAL)


@dataclass(frozen=True)
class _List:
    """A list as counted: the abstract list it counts in, and its levels' definitions."""

    abstract: str  # instances of one abstract list share its counts
    levels: tuple[Element | None, ...]  # each level's w:lvl, an instance's own override first
    restarts: dict[int, int]  # level -> the start an instance restarts it at ("Restart numbering")

    def start(self, depth: int) -> int:
        if depth in self.restarts:
            return self.restarts[depth]
        start = _val(self.levels[depth], _START)
        return int(start) if start is not None and start.isdigit() else 0


class ListLabels:
    """The label Word prints before each numbered paragraph, counted in document order.

    Call ``label`` for every paragraph in the order they stand in the
    document: a list's count runs on through the paragraphs between its items.

    A paragraph is numbered by its own ``w:numPr``, or by its style: the list
    level that names the style (``w:lvl/w:pStyle``) is the one it takes, as the
    standard says and Word writes, so the style definitions (often ten times
    the size of the document) are never parsed. A style that only inherits its
    numbering from the style it is based on is not followed.
    Definitions are looked up by id in dictionaries, never by a path built
    from the document's own ids.
    """

    def __init__(self, numbering: Element | None, document: Element) -> None:
        self._instances: dict[str, Element] = {}
        self._abstracts: dict[str, Element] = {}
        self._styled: dict[str, tuple[str, int]] = {}  # paragraph style -> (abstract list, level)
        if numbering is not None:
            self._instances = {n.get(_NUM_ID): n for n in numbering.iterchildren(_NUM)}
            self._abstracts = {a.get(_ABSTRACT_ID): a for a in numbering.iterchildren(_ABSTRACT)}
            for abstract, definition in self._abstracts.items():
                for level in definition.iterchildren(_LEVEL):
                    style, depth = _val(level, _PARAGRAPH_STYLE), _level_index(level)
                    if style is not None and depth is not None:
                        self._styled.setdefault(style, (abstract, depth))
        self._counts: dict[str, list[int | None]] = {}  # abstract list -> the count at each level
        self._lists: dict[str, _List | None] = {}  # numId, or "style:" + abstract -> the list, once met
        self._candidates: set[Element] = set()  # paragraphs that may be numbered (kept alive: same objects later)
        if self._abstracts:
            self._candidates.update(_NUMBERED_PARAGRAPHS(document))
            if self._styled:
                self._candidates.update(_STYLED_PARAGRAPHS(document))

    def label(self, paragraph: Element) -> str:
        """ "a) ", "1. ", "iv. " for a numbered paragraph; "" for any other (bullets included)."""
        if paragraph not in self._candidates:
            return ""
        numbered = self._numbered(paragraph)
        if numbered is None:
            return ""
        key, depth = numbered
        first_use = key not in self._lists
        if first_use:
            self._lists[key] = self._find_list(key)
        found = self._lists[key]
        if found is None or found.levels[depth] is None:
            return ""
        counts = self._counts.setdefault(found.abstract, [None] * _LEVELS)
        if first_use:
            for restarted in found.restarts:
                counts[restarted] = None
        count = counts[depth]
        counts[depth] = found.start(depth) if count is None else count + 1
        counts[depth + 1 :] = [None] * (_LEVELS - depth - 1)
        level = found.levels[depth]
        text = _val(level, _LEVEL_TEXT) or ""
        if _val(level, _NUMBER_FORMAT) in ("bullet", "none") or not text:
            return ""
        for index in range(depth + 1):
            shown = counts[index] if counts[index] is not None else found.start(index)
            text = text.replace(f"%{index + 1}", _format(shown, _val(found.levels[index], _NUMBER_FORMAT)))
        return text if _val(level, _SUFFIX) == "nothing" else f"{text} "

    def _numbered(self, paragraph: Element) -> tuple[str, int] | None:
        """(list key, level) of a numbered paragraph, from its own properties or its style."""
        properties = _child(paragraph, _PARAGRAPH_PROPERTIES)
        if properties is None:
            return None
        own = _child(properties, _NUMBERING_PROPERTIES)
        number_id, depth = _val(own, _NUM_ID), _val(own, _ILVL)
        if number_id == "0":
            return None  # numbering switched off
        if number_id is not None:
            return number_id, min(int(depth), _LEVELS - 1) if depth is not None and depth.isdigit() else 0
        styled = self._styled.get(_val(properties, _PARAGRAPH_STYLE) or "") if self._styled else None
        return None if styled is None else (f"style:{styled[0]}", styled[1])

    def _find_list(self, key: str) -> _List | None:
        if key.startswith("style:"):
            abstract, instance = key.removeprefix("style:"), None
        else:
            instance = self._instances.get(key)
            abstract = _val(instance, _ABSTRACT_ID)
        definition = self._abstracts.get(abstract) if abstract is not None else None
        if abstract is None or definition is None:
            return None
        levels: list[Element | None] = [None] * _LEVELS
        for level in definition.iterchildren(_LEVEL):
            if (index := _level_index(level)) is not None:
                levels[index] = level
        restarts: dict[int, int] = {}
        for override in () if instance is None else instance.iterchildren(_LEVEL_OVERRIDE):
            index = _level_index(override)
            if index is None:
                continue
            if (level := _child(override, _LEVEL)) is not None:
                levels[index] = level
            if (start := _val(override, _START_OVERRIDE)) is not None and start.isdigit():
                restarts[index] = int(start)
        return _List(abstract, tuple(levels), restarts)


def _level_index(element: Element) -> int | None:
    index = element.get(_ILVL, "")
    return int(index) if index.isdigit() and int(index) < _LEVELS else None


def _format(count: int, style: str | None) -> str:
    """A count as a level's number format shows it (Word's letters go a..z, aa..zz)."""
    if style in ("lowerLetter", "upperLetter") and count > 0:
        letter = chr(ord("a") + (count - 1) % 26) * ((count - 1) // 26 + 1)
        return letter if style == "lowerLetter" else letter.upper()
    if style in ("lowerRoman", "upperRoman") and count > 0:
        roman = ""
        for value, numeral in _ROMAN:
            while count >= value:
                roman, count = roman + numeral, count - value
        return roman if style == "lowerRoman" else roman.upper()
    if style == "decimalZero":
        return f"{count:02d}"
    return str(count)  # decimal, and the forms Word spells out, shown as numbers

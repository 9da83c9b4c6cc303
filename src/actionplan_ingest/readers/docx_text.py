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

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

_RUN = qn("w:r")
_NOT_PRINTED = frozenset(
    {
        qn("w:pPr"),
        qn("w:del"),
        qn("w:moveFrom"),
        qn("w:txbxContent"),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }
)
_OFF = frozenset({"0", "false", "off"})
_LEVELS = 9  # Word lists have levels 0..8
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_STYLE_DEPTH = 10  # basedOn links followed to find a style's numbering (guards a cycle)

Element = Any  # a python-docx oxml element (lxml, with python-docx's xpath namespaces)


def paragraph_runs_text(paragraph: Element) -> str:
    """The printed text of a paragraph's runs; a line break is "\\n", a tab "\\t"."""
    return "".join(run.text for run in _printed_runs(paragraph))


def _printed_runs(element: Element) -> Iterator[Element]:
    for child in element:
        if child.tag == _RUN:
            if not _hidden(child):
                yield child
        elif child.tag not in _NOT_PRINTED:
            yield from _printed_runs(child)


def _hidden(run: Element) -> bool:
    vanish = run.find(f"{qn('w:rPr')}/{qn('w:vanish')}")
    return vanish is not None and vanish.get(qn("w:val"), "true") not in _OFF


def _val(element: Element | None, path: str) -> str | None:
    """The w:val of the element at path under element, or None."""
    if element is None:
        return None
    found = element.find(path)
    return None if found is None else found.get(qn("w:val"))


@dataclass(frozen=True)
class _List:
    """One list instance (a numId): the abstract list it counts in, and its levels."""

    abstract: str  # instances of one abstract list share its counts
    levels: tuple[Element | None, ...]  # each level's w:lvl, the instance's own override first
    restarts: dict[int, int]  # level -> the start this instance restarts it at

    def start(self, depth: int) -> int:
        if depth in self.restarts:
            return self.restarts[depth]
        start = _val(self.levels[depth], qn("w:start"))
        return int(start) if start is not None and start.isdigit() else 0


class ListLabels:
    """The label Word prints before each numbered paragraph, counted in document order.

    Call ``label`` for every paragraph in the order they stand in the
    document: a list's count runs on through the paragraphs between its items.
    """

    def __init__(self, numbering: Element | None, styles: Element | None) -> None:
        self._numbering = numbering
        self._styles = styles
        self._counts: dict[str, list[int | None]] = {}  # abstract list -> the count at each level
        self._lists: dict[str, _List | None] = {}  # numId -> its definition, once met

    @classmethod
    def of(cls, document: Document) -> ListLabels:
        """The numbering and style definitions of a document (either may be absent)."""
        parts = []
        for relationship in (RT.NUMBERING, RT.STYLES):
            try:
                parts.append(document.part.part_related_by(relationship).element)
            except KeyError:
                parts.append(None)
        return cls(*parts)

    def label(self, paragraph: Element) -> str:
        """ "a) ", "1. ", "iv. " for a numbered paragraph; "" for any other (bullets included)."""
        numbered = self._numbered(paragraph)
        if numbered is None:
            return ""
        number_id, depth = numbered
        first_use = number_id not in self._lists
        found = self._list(number_id)
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
        text = _val(level, qn("w:lvlText")) or ""
        if _val(level, qn("w:numFmt")) in ("bullet", "none") or not text:
            return ""
        for index in range(depth + 1):
            shown = counts[index] if counts[index] is not None else found.start(index)
            text = text.replace(f"%{index + 1}", _format(shown, _val(found.levels[index], qn("w:numFmt"))))
        return text if _val(level, qn("w:suff")) == "nothing" else f"{text} "

    def _numbered(self, paragraph: Element) -> tuple[str, int] | None:
        """(numId, level) of a numbered paragraph, from its own properties or its style's."""
        properties = paragraph.find(qn("w:pPr"))
        own = None if properties is None else properties.find(qn("w:numPr"))
        number_id, depth = _val(own, qn("w:numId")), _val(own, qn("w:ilvl"))
        style = _val(properties, qn("w:pStyle"))
        for _ in range(_STYLE_DEPTH):
            if number_id is not None or style is None or self._styles is None:
                break
            element = self._styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style}']")
            if element is None:
                break
            inherited = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            number_id = _val(inherited, qn("w:numId"))
            depth = depth if depth is not None else _val(inherited, qn("w:ilvl"))
            style = _val(element, qn("w:basedOn"))
        if number_id in (None, "0") or not (depth or "0").isdigit():
            return None
        return number_id, min(int(depth or 0), _LEVELS - 1)

    def _list(self, number_id: str) -> _List | None:
        if number_id not in self._lists:
            self._lists[number_id] = self._find_list(number_id)
        return self._lists[number_id]

    def _find_list(self, number_id: str) -> _List | None:
        if self._numbering is None:
            return None
        instance = self._numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='{number_id}']")
        abstract = _val(instance, qn("w:abstractNumId"))
        definition = None if abstract is None else self._numbering.find(
            f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract}']"
        )
        if abstract is None or definition is None:
            return None
        levels: list[Element | None] = [definition.find(f"{qn('w:lvl')}[@{qn('w:ilvl')}='{i}']") for i in range(_LEVELS)]
        restarts: dict[int, int] = {}
        for override in instance.findall(qn("w:lvlOverride")):
            index = override.get(qn("w:ilvl"), "")
            if not index.isdigit() or int(index) >= _LEVELS:
                continue
            if (level := override.find(qn("w:lvl"))) is not None:
                levels[int(index)] = level
            if (start := _val(override, qn("w:startOverride"))) is not None and start.isdigit():
                restarts[int(index)] = int(start)
        return _List(abstract, tuple(levels), restarts)


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

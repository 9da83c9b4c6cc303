"""Is a PDF's structure whole? A quick look at its bytes, for an engine that repairs in silence.

PDFium reads a damaged file without a word: it rebuilds a broken
cross-reference table, takes a free entry at its word, decodes a corrupt
stream as far as it can. pdfminer says what it repairs, and the pdfplumber
engine turns that into warnings; PDFium offers no such report. So before
the pdfium engine trusts a file, this module checks the damage a published
plan shows (``../shared/repro``): a file that fails goes to the reference
engine, which reads it and says what is missing. The checks, each on the
bytes alone:

- every entry of a classic cross-reference table points at its object
  (``N G obj``), and no free entry does (a flipped ``n``);
- every stream's data ends where its ``/Length`` says (``endstream``
  follows), so no byte was lost or added inside it;
- every Flate stream decompresses to its end, and every page's content
  stream (and form XObject) is a sequence of PDF tokens and operators, so
  no byte in it was changed into one that breaks its syntax, and no longer
  than 16 MiB (a decompression bomb) (all skipped for an encrypted file,
  whose streams are ciphertext).

A false alarm only costs speed: the reference engine reads the file. The
content check is one regular expression run by the C engine (possessive, so
linear), about as costly as PDFium's own text extraction.
"""
from __future__ import annotations

import re
import zlib

# Each search opens with its literal word, so the regex engine skips to it as ``bytes.find`` does
# (a pattern opening with a look-behind or a digit is tried at every byte of the file).
_XREF_TABLE = re.compile(rb"xref(?<![a-z]xref)\s+((?:\d+\s+\d+\s+(?:\d{10}\s\d{5}\s[nf][ \t]*\r?\n?)*)+)")
_SUBSECTION = re.compile(rb"(\d+)\s+(\d+)\s+((?:\d{10}\s\d{5}\s[nf][ \t]*\r?\n?)*)")
_ENTRY = re.compile(rb"(\d{10})\s(\d{5})\s([nf])")
_STREAM = re.compile(rb"stream(?<!endstream)(?:\r\n|\n|\r)")
_LENGTH = re.compile(rb"/Length(?![\w#])\s*(\d+)(?:\s+(\d+)\s+R)?")
_FLATE_FIRST = re.compile(rb"/Filter\s*(?:\[\s*)?/(?:FlateDecode|Fl)(?![\w#])")
_END = re.compile(rb"\s{0,3}endstream")
_OBJECT_HEAD = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_INTEGER_OBJECT = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\s*(\d+)\s*endobj")
_OBJ_WORD = re.compile(rb"obj\b")
_BEFORE_OBJ = re.compile(rb"(\d+)\s+\d+\s+$")  # what precedes "obj" in an object's header
_CONTENTS = re.compile(rb"/Contents\s*(?:(\d+)\s+\d+\s+R|\[((?:\s*\d+\s+\d+\s+R)*)\s*\])")
_REFERENCE = re.compile(rb"(\d+)\s+\d+\s+R")
_FORM = re.compile(rb"/Subtype\s*/Form(?![\w#])")
_OTHER_FILTER = re.compile(rb"/(?:LZWDecode|LZW|ASCII85Decode|A85|ASCIIHexDecode|AHx|RunLengthDecode|RL|Crypt)(?![\w#])")


def _content_syntax() -> re.Pattern[bytes]:
    """A content stream: whitespace, comments, operands (numbers, names, strings, arrays,
    dictionaries), the PDF operators, and inline images, in any order."""
    operators = (
        b"b B b* B* BDC BMC BT BX c cm CS cs d d0 d1 Do DP EMC ET EX f F f* G g gs h i j J K k l m M MP n q Q "
        b"re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \" true false null"
    ).split()
    space = rb"[\x00\t\n\x0c\r ]"
    regular = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
    literal = rb"\((?:[^()\\]|\\.)*+\)"
    for _ in range(2):  # strings with balanced parentheses, two deep
        literal = rb"\((?:[^()\\]|\\.|" + literal + rb")*+\)"
    keyword = b"|".join(re.escape(op) for op in sorted(operators, key=len, reverse=True))
    token = (
        space + rb"++|[+-]?(?:\d+\.?\d*|\.\d+)(?!" + regular + rb")|<[0-9A-Fa-f\x00\t\n\x0c\r ]*+>|\[|\]"
        rb"|(?:" + keyword + rb")(?!" + regular + rb")|/" + regular + rb"*+|" + literal + rb"|<<|>>|%[^\r\n]*+"
        rb"|BI(?!" + regular + rb").*?ID" + space + rb".*?" + space + rb"EI(?!" + regular + rb")"
    )
    return re.compile(rb"(?:" + token + rb")*+", re.S)


_CONTENT = _content_syntax()
OBJECT_HEAD = 40  # bytes at an offset in which the object's header must appear
DICTIONARY_REACH = 4096  # bytes before "stream" searched for its object's header
INFLATE_CHUNK = 1 << 20  # bytes of inflated data held at once
# bytes: a longer content stream is no plan's page but a decompression bomb, which would take PDFium
# past a memory cap (PDFium aborts the process where Python raises MemoryError: the reference reads it)
CONTENT_CHECKED = 16 << 20


def damage(data: bytes, encrypted: bool) -> str | None:
    """What is wrong with the file's structure, in words, or None when it looks whole."""
    offsets: dict[int, int] = {}
    for entries in _xref_entries(data):
        for number, (offset, generation, kind) in entries.items():
            at_object = _object_at(data, offset, number, generation)
            if kind == b"n" and not at_object:
                return f"its cross-reference table points object {number} at the wrong place"
            if kind == b"f" and offset and at_object:
                return f"its cross-reference table marks object {number} free though it is there"
            if kind == b"n":
                offsets[number] = offset
    return _stream_damage(data, offsets, encrypted)


def _xref_entries(data: bytes) -> list[dict[int, tuple[int, int, bytes]]]:
    """Each classic cross-reference table: object number -> (offset, generation, n|f)."""
    tables = []
    for table in _XREF_TABLE.finditer(data):
        entries: dict[int, tuple[int, int, bytes]] = {}
        for subsection in _SUBSECTION.finditer(table.group(1)):
            first = int(subsection.group(1))
            for index, entry in enumerate(_ENTRY.finditer(subsection.group(3))):
                entries[first + index] = (int(entry.group(1)), int(entry.group(2)), entry.group(3))
        tables.append(entries)
    return tables


def _object_at(data: bytes, offset: int, number: int, generation: int) -> bool:
    head = _OBJECT_HEAD.match(data, offset, offset + OBJECT_HEAD)
    return head is not None and int(head.group(1)) == number and int(head.group(2)) == generation


def _stream_damage(data: bytes, offsets: dict[int, int], encrypted: bool) -> str | None:
    streams = []
    position = 0
    while (found := _STREAM.search(data, position)) is not None:
        head = _object_head(data, found.start())
        dictionary = data[head[1] : found.start()] if head else b""
        length = _length(data, dictionary, offsets) if head else None
        if head is None or length is None:
            position = found.end()
            continue
        start, end = found.end(), found.end() + length
        if not _END.match(data, end):
            return "a stream's data does not end where its length says (bytes lost or added)"
        streams.append((head[0], dictionary, data[start:end]))
        position = end
    if encrypted:
        return None
    contents = _content_streams(data, streams)
    for number, dictionary, raw in streams:
        flate = _FLATE_FIRST.search(dictionary) is not None
        if (number in contents or _FORM.search(dictionary)) and not _OTHER_FILTER.search(dictionary):
            decoded, whole = _inflated(raw) if flate else (raw[: CONTENT_CHECKED + 1], True)
            if not whole:
                return "a compressed stream is corrupt"
            if len(decoded) > CONTENT_CHECKED:
                return f"a page's content runs past {CONTENT_CHECKED >> 20} MiB (a decompression bomb?)"
            if not _CONTENT.fullmatch(decoded):
                return "a page's content holds bytes that are not PDF"
        elif flate and not _inflates(raw):
            return "a compressed stream is corrupt"
    return None


def _object_head(data: bytes, stream: int) -> tuple[int, int] | None:
    """The number of the object whose header ("N G obj") comes last in the DICTIONARY_REACH bytes
    before ``stream``, and where its header ends; None when there is none."""
    reach = max(0, stream - DICTIONARY_REACH)
    words = [word.start() for word in _OBJ_WORD.finditer(data, reach, stream)]
    for at in reversed(words):
        before = _BEFORE_OBJ.search(data, max(reach, at - OBJECT_HEAD), at)
        if before is not None:
            return int(before.group(1)), at + 3
    return None


def _content_streams(data: bytes, streams: list[tuple[int, bytes, bytes]]) -> set[int]:
    """The object numbers the pages name as their /Contents (where the page objects are not
    themselves compressed into an object stream)."""
    numbers = set()
    for found in _CONTENTS.finditer(data):
        if found.group(1):
            numbers.add(int(found.group(1)))
        else:
            numbers.update(int(reference.group(1)) for reference in _REFERENCE.finditer(found.group(2)))
    return numbers


def _length(data: bytes, dictionary: bytes, offsets: dict[int, int]) -> int | None:
    found = _LENGTH.search(dictionary)
    if found is None:
        return None
    if found.group(2) is None:
        return int(found.group(1))
    number, generation = int(found.group(1)), int(found.group(2))
    if number not in offsets:
        return None  # not in a classic table: PDFium's own check stands
    value = _INTEGER_OBJECT.match(data, offsets[number])
    if value is None or (int(value.group(1)), int(value.group(2))) != (number, generation):
        return None
    return int(value.group(3))


def _inflated(raw: bytes) -> tuple[bytes, bool]:
    """A content stream's first CONTENT_CHECKED bytes and more (to tell it is longer), and
    whether it inflates to its end."""
    decompressor = zlib.decompressobj()
    try:
        decoded = decompressor.decompress(raw, CONTENT_CHECKED + 1)
    except zlib.error:
        return b"", False
    if decompressor.eof:
        return decoded, True
    return decoded, _inflates(decompressor.unconsumed_tail, decompressor)


def _inflates(raw: bytes, decompressor: zlib._Decompress | None = None) -> bool:
    """The data inflates to its end; a megabyte at a time, so a decompression bomb costs no memory."""
    decompressor = decompressor or zlib.decompressobj()
    try:
        decompressor.decompress(raw, INFLATE_CHUNK)
        while decompressor.unconsumed_tail and not decompressor.eof:
            decompressor.decompress(decompressor.unconsumed_tail, INFLATE_CHUNK)
    except zlib.error:
        return False
    return decompressor.eof

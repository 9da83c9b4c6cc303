"""Bytes of a text extraction -> its text, whatever encoding and line ends it was saved with."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import EmptyInput, NotText

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
CONTROL_MAX = 8  # control characters tolerated in the first 4 KiB of a text
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 with or without a byte-order mark, UTF-16 with one (Word's "Unicode Text"),
    or Windows-1252; CRLF and CR line ends become LF. Raise when it is not text at all."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if not text.strip():
        raise EmptyInput(path, "the file is empty")
    if "\x00" in text or len(_CONTROL.findall(text[:4096])) > CONTROL_MAX:
        raise NotText(path, "the file is binary, not a text extraction, a PDF or a Word document")
    return text.replace("\r\n", "\n").replace("\r", "\n")

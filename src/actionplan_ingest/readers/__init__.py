"""File -> RawDocument, one module per format; the format is sniffed from the bytes."""
from __future__ import annotations

from pathlib import Path

from ..errors import IngestError, InputNotFound, NotAFile, PdfError
from .rows import RawDocument, RawRow

__all__ = ["RawDocument", "RawRow", "read"]

PDF_MAGIC = b"%PDF-"


def read(path: Path) -> RawDocument:
    """Read one input file, PDF or text extraction, whatever its name says."""
    if not path.exists():
        raise InputNotFound(path, "no such file")
    if path.is_dir():
        raise NotAFile(path, "is a folder, not a file (use 'batch' to convert a folder)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if PDF_MAGIC in data[:1024]:
        from .pdf import read_pdf  # each reader is imported only when its format is read

        return read_pdf(path, data)
    if path.suffix.lower() == ".pdf":
        raise PdfError(path, "is not a PDF (no %PDF header): the file is damaged or mislabelled")
    from .text import read_text

    return read_text(path, data)

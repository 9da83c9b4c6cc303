"""Hostile input files for the batch tests: each writer puts one file in a folder.

Every writer takes the folder and a file name and returns the path it wrote;
its docstring says what the file attacks. PDFs that need a malformed
structure are laid out byte by byte by ``raw_pdf``, which numbers the objects
and computes a correct cross-reference table, so each file is a well-formed
PDF apart from its one deliberate attack (a reader cannot fall back on
"damaged xref, rebuild" and skip past it). Every file is small on disk
(well under 2 MB), however much work or memory it asks of a reader.
"""
from __future__ import annotations

import functools
import random
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from fpdf import FPDF

Writer = Callable[[Path, str], Path]

TEXT_OPERATORS = 300_000  # "(x) Tj" operators on one page: pdfplumber makes a char object for each
BOMB_MEGABYTES = 400  # what the FlateDecode bomb inflates to (about 400 KB on disk)
NESTING_DEPTH = 100_000  # levels of '[' in the deeply nested array

_HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PAGE_RESOURCES = b"<< /Font << /F1 3 0 R >> >>"


# -- building blocks ----------------------------------------------------------------------


def raw_pdf(objects: Sequence[bytes], root: int = 1) -> bytes:
    """A PDF whose object n is ``objects[n - 1]``, with a correct xref table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(data: bytes, entries: bytes = b"", compressed: bytes | None = None) -> bytes:
    """A stream object's body; Flate-compressed when ``compressed`` (the deflated data) is given."""
    if compressed is not None:
        return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(compressed), entries) + compressed + b"\nendstream"
    return b"<< /Length %d %s>>\nstream\n" % (len(data), entries) + data + b"\nendstream"


def one_page_pdf(content_object: bytes, page_extra: bytes = b"", extra_objects: Sequence[bytes] = ()) -> bytes:
    """Catalog (1), Pages (2), Helvetica (3), one Page (4) drawing content object 5, then extra_objects (6...)."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            _HELVETICA,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 5 0 R %s>>"
            % (_PAGE_RESOURCES, page_extra),
            content_object,
            *extra_objects,
        ]
    )


def _fpdf_document(encrypt: bool = False) -> bytes:
    """A valid fpdf2 PDF of a few pages of text (not an action plan)."""
    pdf = FPDF()
    if encrypt:
        pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")  # before any page
    pdf.set_font("helvetica", size=11)
    for page in range(1, 4):
        pdf.add_page()
        for line in range(40):
            pdf.cell(0, 6, f"Page {page}, line {line}: the action plan text that a reader would extract.")
            pdf.ln()
    return bytes(pdf.output())


# -- the hostile files --------------------------------------------------------------------


def write_empty(folder: Path, name: str = "empty.pdf") -> Path:
    """Zero bytes (as .pdf or .txt): no header, no text, nothing to sniff."""
    path = folder / name
    path.write_bytes(b"")
    return path


def write_random_bytes(folder: Path, name: str = "random.pdf") -> Path:
    """64 KB of (seeded) random bytes named .pdf: not a PDF, not text."""
    path = folder / name
    path.write_bytes(random.Random(4).randbytes(64 * 1024))
    return path


def write_truncated(folder: Path, name: str = "truncated.pdf") -> Path:
    """A valid PDF cut in half: a stream ends mid-data, the xref and trailer are gone."""
    data = _fpdf_document()
    path = folder / name
    path.write_bytes(data[: len(data) // 2])
    return path


def write_encrypted(folder: Path, name: str = "encrypted.pdf") -> Path:
    """A PDF that needs a user password to open."""
    path = folder / name
    path.write_bytes(_fpdf_document(encrypt=True))
    return path


def write_many_text_operators(folder: Path, name: str = "many-operators.pdf", count: int = TEXT_OPERATORS) -> Path:
    """One page with hundreds of thousands of ``(x) Tj`` operators: tiny on disk, slow to lay out.

    Each operator is a character object for pdfplumber; the page takes it
    far longer than any real plan (tens of seconds), so only a timeout stops it.
    """
    content = b"BT /F1 1 Tf 10 10 Td\n" + b"(x) Tj\n" * count + b"ET\n"
    path = folder / name
    path.write_bytes(one_page_pdf(stream(b"", compressed=zlib.compress(content, 9))))
    return path


@functools.lru_cache(maxsize=2)
def _deflated_zeros(megabytes: int) -> bytes:
    """zlib data that inflates to ``megabytes`` MB of NUL bytes (PDF whitespace), in about a second.

    After a full flush a compressor starts afresh, so each further megabyte
    of zeros compresses to the same bytes: those are repeated rather than
    computed again, then an empty final block and the checksum of it all.
    """
    chunk = bytes(1024 * 1024)
    compressor = zlib.compressobj(9)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(chunk, checksum)
    return first + again * (megabytes - 1) + b"\x03\x00" + checksum.to_bytes(4, "big")


def write_flate_bomb(folder: Path, name: str = "flate-bomb.pdf", megabytes: int = BOMB_MEGABYTES) -> Path:
    """A page content stream of ~400 KB that FlateDecode inflates to hundreds of MB (about 1000:1)."""
    path = folder / name
    path.write_bytes(one_page_pdf(stream(b"", compressed=_deflated_zeros(megabytes))))
    return path


def write_page_tree_cycle(folder: Path, name: str = "page-tree-cycle.pdf") -> Path:
    """The Pages node lists itself among its Kids (beside a real page): walking the tree never ends."""
    content = b"BT /F1 12 Tf 72 720 Td (A page inside a page tree that contains itself.) Tj ET\n"
    data = raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 2 >>",
            _HELVETICA,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 5 0 R >>" % _PAGE_RESOURCES,
            stream(content),
        ]
    )
    path = folder / name
    path.write_bytes(data)
    return path


def write_self_drawing_form(folder: Path, name: str = "self-drawing-form.pdf") -> Path:
    """A form XObject whose content stream draws itself (``/Fm1 Do`` inside Fm1): endless recursion."""
    form = stream(
        b"BT /F1 12 Tf 72 720 Td (again) Tj ET\n/Fm1 Do\n",
        b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> /XObject << /Fm1 6 0 R >> >> ",
    )
    data = raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            _HELVETICA,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Fm1 6 0 R >> >> /Contents 5 0 R >>",
            stream(b"/Fm1 Do\n"),
            form,
        ]
    )
    path = folder / name
    path.write_bytes(data)
    return path


def write_nested_arrays(folder: Path, name: str = "nested-arrays.pdf", depth: int = NESTING_DEPTH) -> Path:
    """A page whose /CropBox is an object of 100,000 nested arrays: recursive parsers and resolvers overflow."""
    nested = b"[" * depth + b"]" * depth
    content = stream(b"BT /F1 12 Tf 72 720 Td (A page with a deeply nested crop box.) Tj ET\n")
    path = folder / name
    path.write_bytes(one_page_pdf(content, page_extra=b"/CropBox 6 0 R ", extra_objects=[nested]))
    return path


HOSTILE: dict[str, Writer] = {
    "empty.pdf": write_empty,
    "empty.txt": write_empty,
    "random.pdf": write_random_bytes,
    "truncated.pdf": write_truncated,
    "encrypted.pdf": write_encrypted,
    "many-operators.pdf": write_many_text_operators,
    "flate-bomb.pdf": write_flate_bomb,
    "page-tree-cycle.pdf": write_page_tree_cycle,
    "self-drawing-form.pdf": write_self_drawing_form,
    "nested-arrays.pdf": write_nested_arrays,
}
"""Every hostile file by its default name; ``HOSTILE[name](folder, name)`` writes it."""


def write_all(folder: Path, names: Sequence[str] = tuple(HOSTILE)) -> list[Path]:
    """Write the named hostile files into folder (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [HOSTILE[name](folder, name) for name in names]

"""A .docx file -> the XML parts the Word reader reads, or a one-line reason it is not one.

python-docx's ``Document()`` parses every XML part of a package as it opens
it: the styles (Word writes 350 KB of them), a second copy of them with
effects, settings, fonts, theme, page headers and footers. On a plan that is
nine tenths of its opening time, for parts this reader never reads. So
python-docx's own physical package reader, relationship parser and element
classes load just what is read: the main document and the numbering
definitions.

A file that is an OLE compound file rather than a zip is an encrypted
(password-protected) .docx, an old Word .doc, or another Office file; which
one is told by the streams its directory names.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import parse_xml as parse_rels
from docx.opc.packuri import PACKAGE_URI, PackURI
from docx.opc.phys_pkg import PhysPkgReader
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from lxml import etree

from ..errors import DocxEncrypted, DocxError
from ..table.rows import ReadNote
from . import CFB_MAGIC
from .docx_text import Element

MAX_PART_BYTES = 64 * 2**20  # a plan's document part is well under 1 MiB: a larger one is a zip bomb
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # how an encrypted .docx holds the real one
_ZIP_ENCRYPTED = 0x1  # general-purpose flag bit 0 of a zip entry
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # the main stream of a Word 97-2003 .doc


@dataclass
class WordPackage:
    """The parts of one Word document the reader needs, and what could not be read of them."""

    document: Element  # w:document
    numbering: Element | None
    notes: list[ReadNote]


def open_package(path: Path, data: bytes) -> WordPackage:
    """The document's parts; raise a DocxError saying why when the file is no readable .docx.

    A missing or damaged numbering part is not fatal: the table is read
    without the list labels it gives, and a note says so.
    """
    if data.startswith(CFB_MAGIC):
        raise _ole_error(path, data)
    notes: list[ReadNote] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sizes = {item.filename: item.file_size for item in archive.infolist()}  # as declared: reads stop there
            if any(item.flag_bits & _ZIP_ENCRYPTED for item in archive.infolist()):
                raise DocxEncrypted(path, "has parts encrypted with a zip password: save it again from Word without one")
        package = PhysPkgReader(io.BytesIO(data))
        try:
            main, numbering = _parts_read(path, package, sizes)
            document = parse_xml(package.blob_for(main))
            numbering_xml = None
            if numbering is not None and numbering.membername not in sizes:
                notes.append(ReadNote("input_damaged", f"the part {numbering.membername} is missing: list labels are left out"))
            elif numbering is not None:
                numbering_xml = package.blob_for(numbering)
        finally:
            package.close()
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as exc:
        # NotImplementedError: a compression method zipfile lacks; ValueError: bytes lost before the
        # central directory put a part's header at a negative offset
        raise DocxError(path, f"is a damaged Word document: the zip archive cannot be read ({exc})") from exc
    except etree.XMLSyntaxError as exc:
        raise DocxError(path, f"is a damaged Word document: its XML cannot be parsed ({exc.msg})") from exc
    if document.tag != qn("w:document"):
        raise DocxError(path, f"is not a Word document: its main part is <{etree.QName(document).localname}>")
    parts = WordPackage(document, None, notes)
    if numbering_xml is not None:
        try:
            parts.numbering = parse_xml(numbering_xml)
        except etree.XMLSyntaxError as exc:
            notes.append(
                ReadNote("input_damaged", f"the list numbering definitions cannot be parsed ({exc.msg}): list labels are left out")
            )
    return parts


def _parts_read(path: Path, package: PhysPkgReader, sizes: dict[str, int]) -> tuple[PackURI, PackURI | None]:
    """The main document part and the numbering part it names (if any), each checked for size."""
    main = _related(package, PACKAGE_URI, RT.OFFICE_DOCUMENT)
    if main is None:
        raise DocxError(path, "is a damaged Word document: it names no main document part")
    if main.membername not in sizes:
        raise DocxError(path, f"is a damaged Word document: its main part {main.membername} is missing")
    numbering = _related(package, main, RT.NUMBERING)
    for part in (main, numbering):
        if part is not None and sizes.get(part.membername, 0) > MAX_PART_BYTES:
            size = sizes[part.membername] / 2**20
            raise DocxError(path, f"is refused: its part {part.membername} would inflate to {size:,.0f} MiB (a zip bomb?)")
    return main, numbering


def _related(package: PhysPkgReader, source: PackURI, relationship: str) -> PackURI | None:
    """The part a source's relationship of one type points to, if it names one inside the package."""
    rels_xml = package.rels_xml_for(source)
    if rels_xml is None:
        return None
    for rel in parse_rels(rels_xml).Relationship_lst:
        if rel.reltype == relationship and rel.target_mode != RTM.EXTERNAL:
            return PackURI.from_rel_ref(source.baseURI, rel.target_ref)
    return None


def _ole_error(path: Path, data: bytes) -> DocxError:
    if _ENCRYPTED_STREAM in data:
        return DocxEncrypted(path, "is encrypted (password-protected): remove the password in Word and save it again")
    if _WORD_STREAM in data:
        return DocxError(path, "is an old Word .doc (Word 97-2003), not a .docx: open it in Word and save it as .docx")
    return DocxEncrypted(path, "is encrypted/password-protected or an old .doc (an OLE compound file, not a .docx)")

"""The two PDF engines: pdfium (the default) gives the same JSON as pdfplumber (the reference).

Every PDF we have is read with both, and the JSON documents (or the errors)
must be identical: the samples, the shared dev, dev2 and repro plans, and
PDFs built here (plans in both templates, long and broken across pages,
protected, scanned, damaged, not PDFs at all). Below that, the pages the
engines deliver are compared (chars, spaces, ligatures, edges from lines,
rects, curves and form XObjects, turned pages), and the checks that send a
damaged file to the reference engine are tested on files damaged here.
"""
from __future__ import annotations

import json
import random
import re
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path

import hostile
import pytest
from pdfbuild import (
    SAMPLE_HEADER,
    LAYOUTS,
    Action,
    PhaseRow,
    Rec,
    Span,
    build_plan_pdf,
    build_scanned_pdf,
    build_text_only_pdf,
    page_content_objects,
    sample_plan,
    with_stream_corrupted,
    with_xref_entry_moved,
)

from actionplan_ingest.check import diff_json
from actionplan_ingest.errors import IngestError
from actionplan_ingest.export.json import plan_json
from actionplan_ingest.pipeline import extract
from actionplan_ingest.readers import read
from actionplan_ingest.readers import pdf_pdfium, pdf_pdfplumber
from actionplan_ingest.readers.pdf_engines import PdfEngine
from actionplan_ingest.readers.pdf_geometry import PdfPage, char_lines, line_text
from actionplan_ingest.readers.pdf_integrity import damage

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
INK_OVERHANG_MAX = 0.4  # points an italic glyph's ink reaches past its advance, as seen in the dev plans
HEADER = SAMPLE_HEADER


def _outcome(path: Path, engine: PdfEngine) -> str:
    """The JSON document, or the error class and message: what a user of the engine gets."""
    try:
        return plan_json(extract(path, pdf_engine=engine))
    except IngestError as error:
        return f"{type(error).__name__}: {error}"


def assert_same_json(path: Path) -> None:
    reference, fast = _outcome(path, PdfEngine.PDFPLUMBER), _outcome(path, PdfEngine.PDFIUM)
    if reference != fast and reference.startswith("{") and fast.startswith("{"):
        differences = list(diff_json(json.loads(reference), json.loads(fast)))
        pytest.fail(f"{path.name}: the engines differ:\n" + "\n".join(differences[:20]))
    assert fast == reference


# -- every PDF we have ---------------------------------------------------------------------------


def _shared_pdfs() -> list:
    paths = [path for folder in ("dev", "dev2", "repro") for path in sorted((SHARED / folder).glob("*.pdf"))]
    if not paths:
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared is not available"), id="shared-missing")]
    return [pytest.param(path, id=f"{path.parent.name}/{path.stem}") for path in paths]


@pytest.mark.parametrize("path", sorted(REPO.glob("samples/*.pdf")), ids=lambda p: p.stem)
def test_samples_give_the_same_json_with_both_engines(path):
    assert_same_json(path)


@pytest.mark.parametrize("path", _shared_pdfs())
def test_shared_pdfs_give_the_same_json_with_both_engines(path):
    assert_same_json(path)


def _prison_plan(folder: Path) -> Path:
    rows = [
        Span("Main Recommendations to the Governor"),
        Rec("5.01", "Prisoners should be able to see a doctor within a week. (S12)", "Partly accepted", [
            PhaseRow("Action Plan commitments (April 2021)"),
            Action("A weekly clinic will be arranged.", owner="Head of Healthcare", target="End of Q3 2021/22"),
        ]),
        Rec("5.02", "Staff should record every use of force.", "Rejected", [
            Action("No further action.", owner="Governor", target="N/A"),
        ]),
    ]
    return build_plan_pdf(folder / "prison.pdf", header=HEADER, rows=rows, template="prison")


def _corrupt_stream(folder: Path) -> Path:
    """A built plan whose first page's content stream fails its checksum (its last bytes
    changed): the text inflates whole, but the stream is damaged."""
    path = build_plan_pdf(folder / "corrupt.pdf", header=HEADER, rows=sample_plan(3, 2))
    data = bytearray(path.read_bytes())
    end = data.index(b"endstream")
    data[end - 3] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def _damaged(folder: Path, damage: Callable[[bytes, int], bytes]) -> Path:
    """A built plan damaged as a broken download or a bad disk leaves it (on its second page)."""
    path = build_plan_pdf(folder / "damaged.pdf", header=HEADER, rows=sample_plan(6, 3, words=50))
    data = path.read_bytes()
    path.write_bytes(damage(data, page_content_objects(data)[1]))
    return path


BUILT: dict[str, Callable[[Path], Path]] = {
    **{
        f"layout-{name}": (
            lambda folder, name=name, style=style: build_plan_pdf(
                folder / f"{name}.pdf", header=HEADER, rows=sample_plan(6, 3, words=50), style=style
            )
        )
        for name, style in LAYOUTS.items()
    },
    "xref-entry-moved": lambda folder: _damaged(folder, with_xref_entry_moved),
    "stream-corrupted": lambda folder: _damaged(folder, with_stream_corrupted),
    "plan": lambda folder: build_plan_pdf(folder / "plan.pdf", header=HEADER, rows=sample_plan(4, 3)),
    "plan-with-intro": lambda folder: build_plan_pdf(
        folder / "intro.pdf", header=HEADER, rows=sample_plan(3, 2), intro=True
    ),
    "rows-broken-across-pages": lambda folder: build_plan_pdf(
        folder / "long.pdf", header=HEADER, rows=sample_plan(12, 3, words=60, seed=5), repeat_title_row=False
    ),
    "page-break-every-row": lambda folder: build_plan_pdf(
        folder / "breaks.pdf", header=HEADER, rows=sample_plan(5, 2), pages_break_every=1
    ),
    "prison-template": _prison_plan,
    "owner-password": lambda folder: build_plan_pdf(
        folder / "protected.pdf", header=HEADER, rows=sample_plan(2, 2), encrypt_owner_password="owner"
    ),
    "user-password": lambda folder: build_plan_pdf(
        folder / "locked.pdf", header=HEADER, rows=sample_plan(2, 2), encrypt_user_password="secret"
    ),
    "scanned-image": lambda folder: build_scanned_pdf(folder / "scanned.pdf", kind="image"),
    "rules-but-no-text": lambda folder: build_scanned_pdf(folder / "drawn.pdf", kind="shapes"),
    "text-but-no-table": lambda folder: build_text_only_pdf(folder / "letter.pdf", ["ACTION PLAN: x", "A Response to: y"]),
    "corrupt-stream": _corrupt_stream,
    **{
        f"hostile-{name}": (lambda folder, name=name: hostile.HOSTILE[name](folder, name))
        for name in ("empty.pdf", "random.pdf", "truncated.pdf", "encrypted.pdf", "page-tree-cycle.pdf",
                     "self-drawing-form.pdf", "nested-arrays.pdf")
    },
}


@pytest.mark.parametrize("build", BUILT.values(), ids=BUILT.keys())
def test_built_pdfs_give_the_same_json_or_error_with_both_engines(tmp_path, build):
    assert_same_json(build(tmp_path))


# -- the pages the engines deliver ---------------------------------------------------------------


def chars_to_lines(chars: list[dict]) -> list[tuple[float, str]]:
    """A page's text lines, each with its top, as the shared text layer reads them."""
    return [(top, line_text(line)) for top, line in char_lines(chars)]


def _pages(path: Path) -> list[tuple[PdfPage, PdfPage]]:
    data = path.read_bytes()
    return list(zip(pdf_pdfplumber.open_pages(path, data), pdf_pdfium.open_pages(data)))


def _as_pdfminer_text(text: str) -> str:
    """The two documented differences in a char's text: PDFium splits U+FB00-FB06 into its letters,
    and gives a space set on its own as a plain space."""
    return unicodedata.normalize("NFKC", text).replace("\xa0", " ")


@pytest.mark.parametrize("path", _shared_pdfs())
def test_pdfium_reads_the_same_lines_as_pdfminer(path):
    """Every page's text lines (which decide cells, spaces and line order) are the same."""
    if damage(path.read_bytes(), encrypted=False):
        pytest.skip("a damaged file is read by the reference engine")
    for reference, fast in _pages(path):
        assert [(round(top, 1), _as_pdfminer_text(text)) for top, text in chars_to_lines(fast.chars)] == [
            (round(top, 1), _as_pdfminer_text(text)) for top, text in chars_to_lines(reference.chars)
        ]


def _unmatched(reference: list[dict], fast: list[dict]) -> list[dict]:
    """The reference chars no fast char matches: same text (as pdfminer writes it), same size, x0,
    top and bottom, and x1 within a glyph's ink overhang (PDFium's box is widened to the ink)."""
    by_place: dict[tuple[str, int], list[dict]] = {}
    for char in fast:
        by_place.setdefault((_as_pdfminer_text(char["text"]), round(char["x0"])), []).append(char)
    missing = []
    for want in reference:
        text, x = _as_pdfminer_text(want["text"]), round(want["x0"])
        candidates = [c for dx in (-1, 0, 1) for c in by_place.get((text, x + dx), [])]
        found = next(
            (
                c for c in candidates
                if abs(c["x0"] - want["x0"]) <= 0.01
                and (abs(c["x1"] - want["x1"]) <= INK_OVERHANG_MAX or text.isspace())  # a space set on its own
                and abs(c["size"] - want["size"]) <= 0.01 and abs(c["top"] - want["top"]) <= 0.01
                and abs(c["bottom"] - want["bottom"]) <= 0.01
            ),
            None,
        )
        if found is None:
            missing.append(want)
        else:
            by_place[(text, round(found["x0"]))].remove(found)
    return missing


@pytest.mark.parametrize("path", _shared_pdfs())
def test_pdfium_char_boxes_are_pdfminers(path):
    """Same chars, same boxes (up to a glyph's ink overhang along the line)."""
    if damage(path.read_bytes(), encrypted=False):
        pytest.skip("a damaged file is read by the reference engine")
    for reference, fast in _pages(path):
        assert (fast.width, fast.height) == pytest.approx((reference.width, reference.height), abs=0.01)
        assert len(fast.chars) == len(reference.chars)
        assert _unmatched(reference.chars, fast.chars) == []


def test_a_ligature_glyph_is_one_char_with_its_letters(shared_dir):
    """DejaVu Sans sets ff, fi, fl and ffi as one glyph each; pdfminer reads it as one char
    with two or three letters, and so does the pdfium engine (PDFium gives a char per letter)."""
    path = shared_dir / "dev2" / "dev2-copperdale-2017.pdf"
    if not path.exists():
        pytest.skip("no copperdale plan")
    seen: set[str] = set()
    for reference, fast in _pages(path):
        want = sorted((c["text"], round(c["x0"])) for c in reference.chars if len(c["text"]) > 1)
        got = sorted((c["text"], round(c["x0"])) for c in fast.chars if len(c["text"]) > 1)
        assert got == want
        seen.update(text for text, _ in got)
    assert {"ff", "fi", "fl", "ffi"} <= seen


def test_spaces_pdfium_generates_are_not_chars(tmp_path):
    """PDFium adds a space between words and a line break between lines of its own; they are not
    in the page, so no line reads with a doubled space and the char counts agree."""
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=sample_plan(3, 2))
    for reference, fast in _pages(path):
        assert len(fast.chars) == len(reference.chars)
        assert not any(c["text"] in ("\r", "\n") for c in fast.chars)
        assert all("  " not in text for _, text in chars_to_lines(fast.chars))


# A page drawn every way the engines must agree on: a turned page whose media box is not at the
# origin, text, a stroked line, a stroked rect, a thin filled rect (Word's borders), a closed
# four-sided path, a curve followed by a line, a line scaled by the CTM, a form XObject (placed
# by its /Matrix) holding text, a line and a rect, and a space set on its own.
_DRAWN_PAGE = b"""BT /F1 12 Tf 72 700 Td (Hello world) Tj ET
BT /F1 12 Tf 150 700 Td ( ) Tj ET
BT /F1 12 Tf 160 700 Td (again) Tj ET
0.5 w 72 690 m 300 690 l S
72 600 200 50 re S
72 500 200 0.5 re f
100 400 m 150 400 l 150 450 l 100 450 l h S
100 300 m 120 320 130 330 150 300 c 200 300 l S
q 2 0 0 2 0 0 cm 40 100 m 80 100 l S Q
/Fm1 Do
"""
_FORM = b"BT /F1 10 Tf 10 10 Td (In a form) Tj ET 0 0 m 100 0 l S 0 30 50 20 re S\n"


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_lines_rects_curves_forms_and_turned_pages_give_the_same_page(tmp_path, rotate):
    data = hostile.raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [10 20 605 862] /Rotate %d "
        b"/Resources << /Font << /F1 3 0 R >> /XObject << /Fm1 6 0 R >> >> /Contents 5 0 R >>" % rotate,
        hostile.stream(_DRAWN_PAGE),
        hostile.stream(
            _FORM, b"/Type /XObject /Subtype /Form /BBox [0 0 200 100] /Matrix [1 0 0 1 50 50] "
            b"/Resources << /Font << /F1 3 0 R >> >> ",
        ),
    ])
    path = tmp_path / f"drawn-{rotate}.pdf"
    path.write_bytes(data)
    ((reference, fast),) = _pages(path)
    assert (fast.width, fast.height) == pytest.approx((reference.width, reference.height))
    edge = lambda e: (e["orientation"], *(round(e[k], 2) for k in ("x0", "x1", "top", "bottom")))  # noqa: E731
    assert sorted(map(edge, fast.edges)) == sorted(map(edge, reference.edges))
    assert len(reference.edges) >= 16
    lines = lambda page: [text for _, text in chars_to_lines(page.chars)]  # noqa: E731
    assert lines(fast) == lines(reference)
    if rotate == 0:
        assert "In a form" in lines(fast) and "Hello world again" in lines(fast)


# -- which engine read the file, and why -------------------------------------------------------


def test_a_clean_pdf_is_read_with_pdfium(tmp_path):
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=sample_plan(2, 2))
    assert read(path).engine == "pdfium"
    assert read(path, PdfEngine.PDFPLUMBER).engine == "pdfplumber"


def test_an_engine_named_by_its_string_is_that_engine(tmp_path):
    """The library's callers write extract(path, pdf_engine="pdfium"): that must not fall back."""
    path = build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=sample_plan(2, 2))
    assert read(path, "pdfium").engine == "pdfium"
    assert read(path, "pdfplumber").engine == "pdfplumber"
    with pytest.raises(ValueError, match="pdfminer"):
        read(path, "pdfminer")


def test_a_damaged_pdf_falls_back_to_pdfplumber_and_says_why(tmp_path):
    path = _corrupt_stream(tmp_path)
    assert read(path).engine.startswith("pdfplumber (pdfium: a compressed stream is corrupt")
    assert_same_json(path)


def test_a_pdf_pdfium_cannot_open_is_read_with_pdfplumber(tmp_path):
    """The reference engine decides what a file PDFium refuses is: here, an encrypted one."""
    path = BUILT["user-password"](tmp_path)
    assert _outcome(path, PdfEngine.PDFIUM) == _outcome(path, PdfEngine.PDFPLUMBER)
    assert _outcome(path, PdfEngine.PDFIUM).startswith("PdfEncrypted")


# -- the damage checks ----------------------------------------------------------------------------


@pytest.fixture
def clean(tmp_path) -> bytes:
    return build_plan_pdf(tmp_path / "plan.pdf", header=HEADER, rows=sample_plan(2, 2)).read_bytes()


def _raw_page(content: bytes, compress: bool = True) -> bytes:
    body = hostile.stream(content, compressed=zlib.compress(content)) if compress else hostile.stream(content)
    return hostile.one_page_pdf(body)


_TEXT = b"BT /F1 12 Tf 72 720 Td [(A) 120 (ction) -250 (plan)] TJ ET 0.5 w 72 700 m 300 700 l S\n"


def test_whole_files_pass_the_checks(clean):
    assert damage(clean, encrypted=False) is None
    assert damage(_raw_page(_TEXT), encrypted=False) is None
    assert damage(_raw_page(_TEXT, compress=False), encrypted=False) is None


def test_a_wrong_cross_reference_offset_is_damage(clean):
    table = clean.rindex(b"\nxref")
    entry = re.compile(rb"(\d{10}) 00000 n").search(clean, table)
    moved = b"%010d" % (int(entry.group(1)) + 7)
    assert "cross-reference" in damage(clean[: entry.start(1)] + moved + clean[entry.end(1) :], encrypted=False)


def test_a_flipped_free_entry_is_damage(clean):
    table = clean.rindex(b"\nxref")
    entry = re.compile(rb"\d{10} 00000 (n)").search(clean, table)
    assert "free" in damage(clean[: entry.start(1)] + b"f" + clean[entry.end(1) :], encrypted=False)


def test_bytes_lost_inside_a_stream_are_damage():
    data = _raw_page(_TEXT, compress=False)
    cut = data.index(b"(ction)")
    assert "length" in damage(data[:cut] + data[cut + 3 :], encrypted=False)


def test_a_corrupt_compressed_stream_is_damage():
    data = bytearray(_raw_page(_TEXT))
    start = data.index(b"stream\n") + len(b"stream\n")
    data[start + 10] ^= 0x5A
    assert "corrupt" in damage(bytes(data), encrypted=False)


@pytest.mark.parametrize("broken", [b"[(A) 120 (ction) -250 plan)] TJ", b"[<41>2F0316> -250 (plan)] TJ", b"(Action plan) Tx"])
def test_content_that_is_not_pdf_syntax_is_damage(broken):
    content = _TEXT.replace(b"[(A) 120 (ction) -250 (plan)] TJ", broken)
    assert "not PDF" in damage(_raw_page(content), encrypted=False)


def test_inline_images_strings_and_comments_are_pdf_syntax():
    binary = bytes(random.Random(3).randbytes(64)).replace(b"EI", b"ei")
    content = (
        b"% a comment\nq BI /W 8 /H 8 /BPC 8 /CS /G ID " + binary + b" EI Q\n"
        b"BT /F1 12 Tf (nested (parentheses) and \\) escapes) Tj /Span << /ActualText (x) >> BDC EMC ET\n"
    )
    assert damage(_raw_page(content), encrypted=False) is None


def test_an_encrypted_file_is_not_inflated(tmp_path):
    data = BUILT["owner-password"](tmp_path).read_bytes()
    assert damage(data, encrypted=True) is None


def test_threads_take_turns_with_pdfium():
    """PDFium keeps global state: plans extracted from several threads at once come out whole."""
    from concurrent.futures import ThreadPoolExecutor

    paths = sorted(REPO.glob("samples/*.pdf")) * 3
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda path: plan_json(extract(path)), paths))
    assert together == [plan_json(extract(path)) for path in paths]

"""Stage: Word documents -> RawRows (readers/docx.py, readers/docx_text.py), and the Word path end to end.

The documents are built here with python-docx (``docxbuild``): merged cells,
split tables, repeated title rows, furniture rows, numbered lists, tracked
changes, and the damaged or foreign files a reader must refuse cleanly. The
plans in ../shared/dev and ../shared/dev2 check that a .docx and its PDF give
the same plan, and score the .docx against the gold.
"""
from __future__ import annotations

import copy
import importlib.util
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from clean_failure import extract_error, failed_extract_message
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docxbuild import BANNER, build_plan_docx
from pdfbuild import A1, HMPPS, REC1, SAMPLE_HEADER, Action, PhaseRow, Rec, Span, sample_plan, small_plan_rows

from actionplan_ingest import extract
from actionplan_ingest.errors import DocxEncrypted, DocxError, NotAnActionPlan
from actionplan_ingest.export.json import plan_json
from actionplan_ingest.readers import read
from actionplan_ingest.table.rows import Column

HEADER = SAMPLE_HEADER
SMALL_PLAN = small_plan_rows()


def actions_of(plan) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(number, text, owner, target raw, phase label) of every action, in order."""
    return [
        (rec.number, action.text, action.owner, action.target.raw if action.target else None,
         action.phase.label if action.phase else None)
        for rec in plan.recommendations
        for action in rec.actions
    ]


def built_actions(rows) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """What ``actions_of`` must give for plan rows built by docxbuild (paragraphs joined by a space)."""
    out, phase = [], None
    for row in rows:
        if not isinstance(row, Rec):
            continue
        phase = None
        for item in row.actions:
            if isinstance(item, PhaseRow):
                phase = item.label
                continue
            owner = " ".join(item.owner.split()) or None
            out.append((row.number, " ".join(item.text.split()), owner, item.target or None, phase))
    return out


@pytest.fixture
def small_docx(tmp_path) -> Path:
    return build_plan_docx(tmp_path / "small.docx", HEADER, SMALL_PLAN, intro=True)


# -- the grid: merged cells, spanning rows, empty cells ---------------------------------------------


def test_vmerged_cells_are_none_and_empty_cells_are_empty(small_docx):
    rows = read(small_docx).rows
    first, second, phase, third, rec2 = rows[1:]
    assert first.cells[Column.NUMBER] == "1" and first.cells[Column.RECOMMENDATION] == REC1
    for row in (second, phase, third):
        assert row.cells[: Column.RESPONSE] == (None, None, None)  # merged down from the recommendation
    assert second.cells[Column.OWNER] == ""  # an empty cell stays an empty cell
    assert third.cells[Column.TARGET] == ""
    assert rec2.cells[Column.RESPONSE :] == ("", "", "")


def test_a_cell_merged_across_the_table_is_a_spanning_row(small_docx):
    spanning = read(small_docx).rows[0]
    assert spanning.span == (HMPPS,)
    assert spanning.cells == ("",) * len(Column)


def test_word_rows_are_ruled_whole_rows_with_no_page_or_line(small_docx):
    document = read(small_docx)
    assert document.format == "docx" and document.pages is None
    assert all(row.ruled and not row.page_top for row in document.rows)
    assert all(row.page is None and row.line_start is None and row.line_end is None for row in document.rows)


# -- the whole plan -----------------------------------------------------------------------------------


def test_a_word_plan_gives_every_action_it_was_built_with(tmp_path):
    rows = sample_plan(recommendations=6, actions_per_rec=3, words=30)
    plan = extract(build_plan_docx(tmp_path / "plan.docx", HEADER, rows))
    assert actions_of(plan) == built_actions(rows)
    assert [rec.addressee for rec in plan.recommendations] == ["HM Prison and Probation Service"] * 6
    assert plan.warnings == []


def test_the_small_plan_end_to_end(small_docx):
    plan = extract(small_docx)
    assert actions_of(plan) == built_actions(SMALL_PLAN)
    assert [(r.number, r.agreement_raw, len(r.actions)) for r in plan.recommendations] == [
        ("1", "Agreed", 3), ("2", "Not Agreed", 0),
    ]
    assert plan.source.format == "docx" and plan.source.pages is None
    assert all(a.source.page is None and a.source.line_start is None for r in plan.recommendations for a in r.actions)


def test_the_header_block_is_the_paragraphs_before_the_table(small_docx):
    plan = extract(small_docx)
    assert plan.title == HEADER["title"]
    assert plan.report.title == HEADER["report"]
    assert (plan.report.published, plan.submitted) == ("2021-03-09", "2021-05-04")


def test_page_headers_and_footers_are_never_content(small_docx):
    document = read(small_docx)
    everything = " ".join([*document.preamble, *(c for row in document.rows for c in (*row.cells, *row.span) if c)])
    assert "OFFICIAL" not in everything
    assert BANNER not in everything
    assert "Page 1 of 1" not in everything


def test_a_cells_paragraphs_are_its_lines_and_join_with_a_space(tmp_path):
    rows = [Rec("1", "First part of the recommendation.\nSecond part.", "Agreed", [
        Action("It will set out:\n\ta)\tthe risks;\n\tb)\tthe contacts.", owner="Head of Safety\nHead of Healthcare, Northgate", target="June 2021\nJune 2021"),
    ])]
    path = build_plan_docx(tmp_path / "plan.docx", HEADER, rows)
    row = read(path).rows[0]
    assert row.cells[Column.OWNER] == "Head of Safety\nHead of Healthcare, Northgate"
    plan = extract(path)
    rec = plan.recommendations[0]
    assert rec.text == "First part of the recommendation. Second part."
    action = rec.actions[0]
    assert action.text == "It will set out: a) the risks; b) the contacts."
    assert action.owner == "Head of Safety Head of Healthcare, Northgate"
    assert action.owners == ["Head of Safety", "Head of Healthcare, Northgate"]
    assert action.target.raw == "June 2021 June 2021" and action.target.dates == ["2021-06"]


def test_a_phase_label_as_the_first_paragraph_of_a_cell_is_the_phase(tmp_path):
    rows = [Rec("1", REC1, "Agreed", [Action(f"Action Plan commitments (May 2021)\n{A1}", owner="Head of Quality", target="May 2021")])]
    action = extract(build_plan_docx(tmp_path / "plan.docx", HEADER, rows)).recommendations[0].actions[0]
    assert action.text == A1
    assert action.phase.label == "Action Plan commitments (May 2021)" and action.phase.as_of == "2021-05"


# -- a table in parts, repeated title rows, furniture rows ------------------------------------------------


@pytest.mark.parametrize("title_in_each_part", [False, True], ids=["continued-bare", "title-repeated"])
@pytest.mark.parametrize("split_after", [1, 3, 5])
def test_a_table_split_in_two_reads_as_one(tmp_path, split_after, title_in_each_part):
    rows = sample_plan(recommendations=3, actions_per_rec=2, words=20)
    whole = extract(build_plan_docx(tmp_path / "whole.docx", HEADER, rows))
    split_path = build_plan_docx(
        tmp_path / "split.docx", HEADER, rows, split_after=(split_after,), title_in_each_part=title_in_each_part
    )
    assert len(docx.Document(str(split_path)).tables) == 2
    split = extract(split_path)
    assert actions_of(split) == actions_of(whole) == built_actions(rows)
    assert [r.model_dump() for r in split.recommendations] == [r.model_dump() for r in whole.recommendations]


@pytest.mark.parametrize("furniture", ["OFFICIAL", "Page 2 of 3", "OFFICIAL - SENSITIVE"])
def test_furniture_and_title_rows_inside_the_table_are_skipped(tmp_path, furniture):
    rows = sample_plan(recommendations=3, actions_per_rec=2, words=20)
    clean = extract(build_plan_docx(tmp_path / "clean.docx", HEADER, rows))
    path = build_plan_docx(tmp_path / "pasted.docx", HEADER, rows, furniture_after=(4,), furniture=furniture)
    plan = extract(path)
    assert actions_of(plan) == actions_of(clean) == built_actions(rows)
    assert all(furniture not in (row.span or ("",))[0] for row in read(path).rows)


def test_a_banner_row_repeated_in_the_table_is_furniture(tmp_path):
    rows = sample_plan(recommendations=3, actions_per_rec=1, words=20)
    with_banner = [rows[0], rows[1], Span(BANNER), rows[2], Span(BANNER), rows[3]]
    plan = extract(build_plan_docx(tmp_path / "plan.docx", HEADER, with_banner))
    assert actions_of(plan) == built_actions(rows)
    assert {rec.addressee for rec in plan.recommendations} == {"HM Prison and Probation Service"}


def test_rows_repeated_at_each_page_top_with_the_title_row_are_skipped(tmp_path):
    path = build_plan_docx(tmp_path / "plan.docx", HEADER, SMALL_PLAN)
    document = docx.Document(str(path))
    table = document.tables[0]
    caption = copy.deepcopy(table.rows[0]._tr)  # a second row under the title row, marked to repeat with it
    for text in caption.iter(qn("w:t")):
        text.text = "Actions are reviewed monthly"
    table.rows[0]._tr.addnext(caption)
    document.save(str(path))
    assert actions_of(extract(path)) == built_actions(SMALL_PLAN)


def test_a_column_split_in_two_under_one_title_is_one_column(tmp_path):
    """Physical grid columns map to the logical column whose title covers them."""
    document = docx.Document()
    document.add_paragraph(f"ACTION PLAN: {HEADER['title']}")
    table = document.add_table(rows=3, cols=7)
    titles = table.rows[0].cells
    titles[3].merge(titles[4])
    for cell, text in zip([titles[i] for i in (0, 1, 2, 3, 5, 6)], ["Rec No", "Recommendation", "Agreed/ Partly Agreed/ Not Agreed",
                                                                    "Response Action Taken/Planned", "Responsible Owner", "Target Date"]):
        cell.text = text
    for row, values in zip(table.rows[1:], [("1", REC1, "Agreed", "First half of the response.", "", "Head of Quality", "June 2021"),
                                           ("", "", "", "A second action.", "Its second part.", "Head of Safety", "Completed")]):
        for cell, text in zip(row.cells, values):
            cell.text = text
    document.save(str(tmp_path / "plan.docx"))
    rows = read(tmp_path / "plan.docx").rows
    assert rows[0].cells[Column.RESPONSE] == "First half of the response."
    assert rows[1].cells[Column.RESPONSE] == "A second action.\nIts second part."
    assert [a.owner for a in extract(tmp_path / "plan.docx").recommendations[0].actions] == ["Head of Quality", "Head of Safety"]


# -- the text Word prints: list labels, tracked changes, hidden text, content controls -----------------


LETTERED_LIST = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%2."/></w:lvl>'
    "</w:abstractNum>"
)


def _edit_response_cell(path: Path, edit: Callable) -> Path:
    """Open a built plan, let ``edit(document, cell)`` change the first action's response cell, save."""
    document = docx.Document(str(path))
    edit(document, document.tables[-1].rows[2].cells[3])
    document.save(str(path))
    return path


def _add_numbered(document, cell, items: list[tuple[int, str]], num_id: int = 90) -> None:
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(LETTERED_LIST))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in items:
        paragraph = cell.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )


def test_list_labels_word_numbers_itself_are_in_the_text(small_docx):
    items = [(0, "the risks;"), (0, "the contacts:"), (1, "by day;"), (1, "by night;"), (0, "the review date.")]
    _edit_response_cell(small_docx, lambda document, cell: _add_numbered(document, cell, items))
    text = extract(small_docx).recommendations[0].actions[0].text
    assert text == f"{A1} a) the risks; b) the contacts: i. by day; ii. by night; c) the review date."


def test_sub_lists_word_numbers_read_as_the_typed_ones(tmp_path):
    """"a)" items typed with tabs, or numbered by Word (a list counted afresh in each cell), give the same text."""
    rows = [Rec("1", REC1, "Agreed", [
        Action("It will set out:\n\ta)\tthe risks;\n\tb)\tthe contacts.", owner="Head of Safety", target="June 2021"),
        Action("Staff will record:\n\ta)\ta warning;\n\tb)\ta referral;\n\tc)\ta report.", owner="Head of Safety", target="May 2021"),
    ])]
    typed = extract(build_plan_docx(tmp_path / "typed.docx", HEADER, rows))
    numbered_path = build_plan_docx(tmp_path / "numbered.docx", HEADER, rows, numbered_lists=True)
    item = docx.Document(str(numbered_path)).tables[0].rows[1].cells[3].paragraphs[1]
    assert item.text == "the risks;"  # the label is Word's to draw, not in the runs
    numbered = extract(numbered_path)
    assert actions_of(numbered) == actions_of(typed)
    assert [a.text for a in numbered.recommendations[0].actions] == [
        "It will set out: a) the risks; b) the contacts.",
        "Staff will record: a) a warning; b) a referral; c) a report.",
    ]


def test_bullets_give_no_label_and_numbered_styles_count(small_docx):
    def edit(document, cell):
        for text, style in (("first", "List Number"), ("a point", "List Bullet"), ("second", "List Number")):
            cell.add_paragraph(text, style=style)

    _edit_response_cell(small_docx, edit)
    assert extract(small_docx).recommendations[0].actions[0].text == f"{A1} 1. first a point 2. second"


def test_tracked_changes_hidden_text_and_content_controls(small_docx):
    def edit(document, cell):
        paragraph = cell.add_paragraph("Kept")
        paragraph._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t xml:space="preserve"> inserted</w:t></w:r></w:ins>'))
        paragraph._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText> deleted</w:delText></w:r></w:del>'))
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> hidden</w:t></w:r>'))
        paragraph._p.append(parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:r><w:t xml:space="preserve"> controlled</w:t></w:r></w:sdtContent></w:sdt>'))
        paragraph._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")}><w:r><w:t xml:space="preserve"> linked.</w:t></w:r></w:hyperlink>'))

    _edit_response_cell(small_docx, edit)
    assert extract(small_docx).recommendations[0].actions[0].text == f"{A1} Kept inserted controlled linked."


# -- recognised by content; bad documents -------------------------------------------------------------


@pytest.mark.parametrize("name", ["plan", "plan.bin", "plan.txt", "plan.pdf"])
def test_a_word_document_is_known_by_its_content_not_its_name(small_docx, tmp_path, name):
    renamed = tmp_path / "renamed" / name
    renamed.parent.mkdir()
    shutil.copy(small_docx, renamed)
    plan = extract(renamed)
    assert plan.source.format == "docx"
    assert actions_of(plan) == built_actions(SMALL_PLAN)


def _no_action_table(folder: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Minutes of the meeting")
    table = document.add_table(rows=2, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Item", "Decision"
    path = folder / "minutes.docx"
    document.save(str(path))
    return path


def _plan_bytes(tmp_path: Path) -> bytes:
    return build_plan_docx(tmp_path / "source.docx", HEADER, SMALL_PLAN).read_bytes()


def _truncated(folder: Path) -> Path:
    data = _plan_bytes(folder)
    (folder / "cut.docx").write_bytes(data[: len(data) // 2])
    return folder / "cut.docx"


def _rezipped(folder: Path, name: str, change: Callable[[str, bytes], bytes | None]) -> Path:
    source = zipfile.ZipFile(io.BytesIO(_plan_bytes(folder)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.namelist():
            data = change(item, source.read(item))
            if data is not None:
                target.writestr(item, data)
    (folder / name).write_bytes(out.getvalue())
    return folder / name


def _broken_xml(folder: Path) -> Path:
    return _rezipped(folder, "broken.docx", lambda item, data: data[:300] if item == "word/document.xml" else data)


def _no_package_relationships(folder: Path) -> Path:
    return _rezipped(folder, "norels.docx", lambda item, data: None if item == "_rels/.rels" else data)


def _main_part_missing(folder: Path) -> Path:
    def change(item: str, data: bytes) -> bytes:
        return data.replace(b"word/document.xml", b"word/body.xml") if item == "_rels/.rels" else data

    return _rezipped(folder, "parts.docx", change)


def _zip_bomb(folder: Path) -> Path:
    """The main document part padded to inflate past what any plan needs (a few hundred KB on disk)."""
    padding = b" " * (65 * 2**20)

    def change(item: str, data: bytes) -> bytes:
        return data.replace(b"<w:body>", b"<w:body>" + padding, 1) if item == "word/document.xml" else data

    return _rezipped(folder, "bomb.docx", change)


def _bytes_lost_before_directory(folder: Path) -> Path:
    """Bytes cut out of the parts' data: every part's offset in the central directory now points too far."""
    data = _plan_bytes(folder)
    directory = data.find(b"PK\x01\x02")
    (folder / "lost.docx").write_bytes(data[: directory // 4] + data[directory // 2 :])
    return folder / "lost.docx"


def _central_directory_patched(folder: Path, name: str, offset: int, patch: Callable[[int], int]) -> Path:
    """Each central-directory entry's 16-bit field at ``offset`` rewritten."""
    data = bytearray(_plan_bytes(folder))
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:
        struct.pack_into("<H", data, entry + offset, patch(struct.unpack_from("<H", data, entry + offset)[0]))
        entry = data.find(b"PK\x01\x02", entry + 4)
    (folder / name).write_bytes(data)
    return folder / name


def _ole(folder: Path, stream: str, name: str) -> Path:
    """An OLE compound file: its magic, then a directory entry naming the stream (UTF-16)."""
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + stream.encode("utf-16-le") + bytes(2000)
    (folder / name).write_bytes(data)
    return folder / name


BAD_DOCX = [
    pytest.param(_no_action_table, NotAnActionPlan, "no action-plan table", id="no-action-table"),
    pytest.param(_truncated, DocxError, "damaged", id="truncated-zip"),
    pytest.param(_broken_xml, DocxError, "xml cannot be parsed", id="broken-xml"),
    pytest.param(_no_package_relationships, DocxError, "no main document part", id="no-relationships"),
    pytest.param(_main_part_missing, DocxError, "main part word/body.xml is missing", id="missing-part"),
    pytest.param(_zip_bomb, DocxError, "zip bomb", id="zip-bomb"),
    pytest.param(_bytes_lost_before_directory, DocxError, "zip archive cannot be read", id="bytes-lost"),
    pytest.param(
        lambda f: _central_directory_patched(f, "method.docx", 10, lambda _: 99), DocxError, "zip archive cannot be read",
        id="unknown-compression",
    ),
    pytest.param(
        lambda f: _central_directory_patched(f, "zipcrypto.docx", 8, lambda flags: flags | 1), DocxEncrypted, "zip password",
        id="zip-password",
    ),
    pytest.param(lambda f: _ole(f, "EncryptedPackage", "locked.docx"), DocxEncrypted, "password", id="encrypted"),
    pytest.param(lambda f: _ole(f, "WordDocument", "old.docx"), DocxError, "old word .doc", id="old-doc"),
    pytest.param(lambda f: _ole(f, "Something", "ole.docx"), DocxEncrypted, "encrypted/password-protected or an old .doc", id="other-ole"),
]


@pytest.mark.parametrize(("make", "error", "reason"), BAD_DOCX)
def test_a_bad_word_document_raises_its_error_class(tmp_path, make, error, reason):
    assert reason in extract_error(make(tmp_path), error).reason.lower()


@pytest.mark.parametrize(("make", "error", "reason"), BAD_DOCX)
def test_a_bad_word_document_on_the_command_line(tmp_path, make, error, reason):
    source = tmp_path / "in"
    source.mkdir()
    path = make(source)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    assert reason in failed_extract_message(path, out_dir).lower()


@pytest.mark.parametrize("damage", ["cut", "dropped"])
def test_damaged_numbering_is_a_warning_and_the_table_is_still_read(small_docx, tmp_path, damage):
    items = [(0, "the risks;"), (0, "the contacts.")]
    _edit_response_cell(small_docx, lambda document, cell: _add_numbered(document, cell, items))
    source = zipfile.ZipFile(io.BytesIO(small_docx.read_bytes()))
    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.namelist():
            if item == "word/numbering.xml" and damage == "dropped":
                continue
            data = source.read(item)
            target.writestr(item, data[:200] if item == "word/numbering.xml" else data)
    plan = extract(path)
    assert plan.recommendations[0].actions[0].text == f"{A1} the risks; the contacts."
    assert [w.code.value for w in plan.warnings] == ["input_damaged"]
    assert "list labels" in plan.warnings[0].message


def test_a_file_named_docx_that_is_no_zip_is_named_as_damaged(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(_plan_bytes(tmp_path)[:200])  # cut before any part's name
    with pytest.raises(DocxError, match="not a Word document"):
        extract(path)


def test_batch_converts_word_documents(small_docx, tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(small_docx, plans / "small.docx")
    result = subprocess.run(
        [sys.executable, "-m", "actionplan_ingest", "batch", str(plans), "--out", str(tmp_path / "out"), "--jobs", "1"],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"},
    )
    assert result.returncode == 0, result.stderr
    written = json.loads((tmp_path / "out" / "small.docx.json").read_text(encoding="utf-8"))
    assert written["source"]["format"] == "docx"
    assert len(written["recommendations"]) == 2


# -- the shared plans: the .docx gives the plan its PDF gives, and scores against the gold -------------

_SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV_PLANS = sorted(p.stem for p in (_SHARED / "dev").glob("*.docx") if p.with_suffix(".pdf").exists()) or ["no-dev-plans"]
ALL_PLANS = sorted(str(p.relative_to(_SHARED)) for p in _SHARED.glob("dev*/*.docx")) or ["no-plans"]
STRICT_F1_MIN = 0.99


def _json(path: Path) -> dict:
    return json.loads(plan_json(extract(path)))


def _plan_content(doc: dict) -> tuple[list, list]:
    recs = [(r["number"], r["addressee"], r["text"], r["agreement"], r["agreement_raw"]) for r in doc["recommendations"]]
    actions = [
        (r["number"], a["text"], a["owner"], a["owners"], a["target"], a["phase"]) for r in doc["recommendations"] for a in r["actions"]
    ]
    return recs, actions


@pytest.mark.parametrize("name", DEV_PLANS)
def test_dev_docx_gives_the_same_plan_as_its_pdf(shared_dir, name):
    docx_path, pdf_path = shared_dir / "dev" / f"{name}.docx", shared_dir / "dev" / f"{name}.pdf"
    if not (docx_path.exists() and pdf_path.exists()):
        pytest.skip(f"no dev plan {name} with both .docx and .pdf")
    from_docx, from_pdf = _json(docx_path), _json(pdf_path)
    assert _plan_content(from_docx) == _plan_content(from_pdf)
    for key in ("title", "report", "submitted", "updates"):
        assert from_docx[key] == from_pdf[key], key


def _score_module(shared_dir: Path):
    spec = importlib.util.spec_from_file_location("shared_score", shared_dir / "tools" / "score.py")
    if spec is None or not (shared_dir / "tools" / "score.py").exists():
        pytest.skip("no ../shared/tools/score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("relative", ALL_PLANS)
def test_shared_docx_scores_against_the_gold_strictly(shared_dir, relative):
    path = shared_dir / relative
    gold_path = path.with_suffix(".json")
    if not (path.exists() and gold_path.exists()):
        pytest.skip(f"no {relative} with its gold")
    score = _score_module(shared_dir)
    score.STRICT = True
    tally = score.score_doc(json.loads(gold_path.read_text(encoding="utf-8")), _json(path))
    f1, _, _ = score.f1(*tally.total())
    assert f1 >= STRICT_F1_MIN

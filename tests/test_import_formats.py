"""The three formats read to the same document; every refused file gets its Chinese message."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.importing import errors
from desktop_app.core.importing.reader import DocumentReadError, read_document
from tests.import_helpers import FIXTURES, fixture_paragraphs, make_docx, make_pdf

FIXTURE_NAMES = ["jiangle-county-measures.txt", "sanming-tech-rules-draft.txt"]


def _shape(path: Path) -> tuple[object, list[tuple[Any, ...]]]:
    doc = read_document(path)
    items = [
        (i.kind, i.article, i.locator, i.path, i.title, i.text, i.departments) for i in doc.items
    ]
    return doc.metadata, items


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_docx_reads_like_the_text(tmp_path: Path, name: str) -> None:
    docx_file = make_docx(tmp_path / "doc.docx", fixture_paragraphs(name))
    assert _shape(docx_file) == _shape(FIXTURES / name)


def _pdf_artefacts(paragraph: str) -> str:
    """What PDF extraction does to justified text: spaces inside numbers and words."""
    return (
        paragraph.replace("第10条", "第 1 0 条")
        .replace("30万元", "30 万元")
        .replace("亩均", "亩 均")
        .replace("500万元", "5 0 0 万元")
    )


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_pdf_with_wraps_page_breaks_footers_and_spaces_reads_like_the_text(
    tmp_path: Path, name: str
) -> None:
    paragraphs = [_pdf_artefacts(p) for p in fixture_paragraphs(name)]
    assert paragraphs != fixture_paragraphs(name)
    pdf = make_pdf(tmp_path / "doc.pdf", paragraphs, lines_per_page=18, running_head="内部资料")
    assert _shape(pdf) == _shape(FIXTURES / name)


def test_pdf_page_footer_forms_are_dropped(tmp_path: Path) -> None:
    paragraphs = fixture_paragraphs("jiangle-county-measures.txt")
    for footer in ("第{n}页", "第 {n} 页 共 9 页", "- {n} -", "{n}"):
        pdf = make_pdf(tmp_path / "f.pdf", paragraphs, lines_per_page=15, footer=footer)
        doc = read_document(pdf)
        assert "第2页" not in doc.text.replace(" ", "")
        assert _shape(pdf) == _shape(FIXTURES / "jiangle-county-measures.txt"), footer


def test_docx_task_table_reads_rows_as_items(tmp_path: Path) -> None:
    table = [
        ["序号", "工作任务", "责任单位"],
        ["一、强化财政支持", "一、强化财政支持", "一、强化财政支持"],
        [
            "1",
            "对新认定的省级专精特新中小企业给予20万元奖励。",
            "市工信局、财政局（以下责任单位均需各县（市、区）人民政府，不再一一列出）",
        ],
        ["2", "落实小微企业贷款贴息政策，贴息比例不超过50%。", "市财政局、金融办"],
    ]
    path = make_docx(tmp_path / "t.docx", ["某市惠企政策任务分解表", "<TABLE 0>"], [table])
    doc = read_document(path)
    items = [i for i in doc.items if i.kind != "preamble"]
    assert [(i.article, i.text, i.path) for i in items] == [
        ("1", table[2][1], ["一、强化财政支持"]),
        ("2", table[3][1], ["一、强化财政支持"]),
    ]
    # "以下…" names the units of the rows below, not of the row that says it
    assert [(d["name"], d["basis"]) for d in items[0].departments] == [
        ("市工信局", "item"),
        ("市财政局", "item"),
    ]
    assert [(d["name"], d["basis"]) for d in items[1].departments] == [
        ("市财政局", "item"),
        ("市金融办", "item"),
        ("各县（市、区）人民政府", "standing"),
    ]


SAMPLE = "某县促进中小企业发展若干措施\n一、财政支持\n（一）对新认定的企业给予10万元奖励。\n"


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-8", SAMPLE.encode("utf-8")),
        ("utf-8 BOM", codecs.BOM_UTF8 + SAMPLE.encode("utf-8")),
        ("gb18030", SAMPLE.encode("gb18030")),
        ("utf-16 BOM", SAMPLE.encode("utf-16")),
        ("utf-16-be BOM", codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")),
        ("utf-16-le no BOM", ("ABC 2024\n" + SAMPLE).encode("utf-16-le")),
        ("crlf", SAMPLE.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_text_encodings_are_detected(tmp_path: Path, encoding: str, data: bytes) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    doc = read_document(path)
    texts = [i.text for i in doc.items]
    assert "（一）对新认定的企业给予10万元奖励。" in texts, encoding
    assert doc.items[-1].path == ["一、财政支持"]


_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream of a password-locked .docx


def _ole(payload: bytes = b"") -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + payload


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _scanned_pdf(path: Path) -> bytes:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for _ in range(2):
        pdf.rect(50, 50, 400, 600, fill=1)  # a page image stands in for the scan
        pdf.showPage()
    pdf.save()
    return path.read_bytes()


def _encrypted_pdf(path: Path) -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    from desktop_app.core.pdf.fonts import register_fonts

    secret = pdfencrypt.StandardEncryption("mima123", "owner-mima")
    pdf = canvas.Canvas(str(path), encrypt=secret)
    pdf.setFont(register_fonts(), 12)
    pdf.drawString(72, 700, "第一条 对新认定的企业给予10万元奖励。")
    pdf.save()
    return path.read_bytes()


@pytest.mark.parametrize(
    "name, make, message",
    [
        ("old.doc", lambda p: _ole(), errors.LEGACY_DOC),
        ("renamed.docx", lambda p: _ole(), errors.LEGACY_DOC),
        ("file.wps", lambda p: _ole(), errors.WPS),
        ("locked.docx", lambda p: _ole(_ENCRYPTED), errors.ENCRYPTED_DOCX),
        ("doc.ofd", lambda p: _zip({"OFD.xml": b"<ofd:OFD/>"}), errors.OFD),
        ("named-wrong.zip", lambda p: _zip({"OFD.xml": b"<ofd:OFD/>"}), errors.OFD),
        ("scan.pdf", _scanned_pdf, errors.SCANNED_PDF),
        ("locked.pdf", _encrypted_pdf, errors.ENCRYPTED_PDF),
        ("cut.pdf", lambda p: b"%PDF-1.4\n1 0 obj << /Type /Catalog", errors.BROKEN_PDF),
        ("cut.docx", lambda p: _zip({"word/other.xml": b"x"}), errors.BROKEN_DOCX),
        ("garbage.docx", lambda p: b"PK\x03\x04 not really a zip", errors.BROKEN_DOCX),
        ("empty.docx", lambda p: b"", errors.EMPTY_FILE),
        ("empty.txt", lambda p: b"", errors.EMPTY_FILE),
        ("blank.txt", lambda p: "\n \n\u3000\n".encode(), errors.NO_TEXT),
        ("binary.txt", lambda p: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\x00", errors.BINARY_TXT),
        ("sheet.xlsx", lambda p: b"hello", errors.unsupported_type(".xlsx")),
    ],
)
def test_refused_files_say_what_to_do(
    tmp_path: Path, name: str, make: object, message: str
) -> None:
    path = tmp_path / name
    data = make(path)  # type: ignore[operator]
    path.write_bytes(data)
    with pytest.raises(DocumentReadError) as caught:
        read_document(path)
    assert caught.value.message == message
    assert str(caught.value) == message
    assert "。" in message and ("请" in message)


def test_missing_file_and_folder_are_read_errors(tmp_path: Path) -> None:
    with pytest.raises(DocumentReadError, match="文件不存在"):
        read_document(tmp_path / "nowhere.docx")
    with pytest.raises(DocumentReadError, match="文件夹"):
        read_document(tmp_path)


def test_gb18030_rejects_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("政策".encode("gb18030") + b"\xff\x80\xff")
    with pytest.raises(DocumentReadError):
        read_document(path)


def test_sha256_and_name_are_of_the_file(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "doc.txt"
    path.write_bytes(SAMPLE.encode("gb18030"))
    doc = read_document(path)
    assert doc.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.source_name == "doc.txt"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_committed_fixture_files_read_like_their_text(name: str, suffix: str) -> None:
    """The binary copies in tests/data/import (make_fixtures.py) have not drifted."""
    assert _shape((FIXTURES / name).with_suffix(suffix)) == _shape(FIXTURES / name)


def test_docx_table_with_lead_and_supporting_columns_and_merged_cells(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某县2025年惠企政策重点任务清单")
    rows = [
        ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"],
        [
            "1",
            "技改补助",
            "对设备投资200万元以上的项目按5%给予补助。",
            "县工信局",
            "县财政局",
            "2025年6月",
        ],
        ["2", "贷款贴息", "对新增流动资金贷款给予贴息。", "县财政局", "县金融办", "2025年底"],
        ["3", "人才补贴", "对引进的硕士以上人才给予生活补贴。", "", "县人社局", "长期"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(2, 3).merge(table.cell(3, 3))  # one lead unit for rows 2 and 3
    document.save(str(tmp_path / "list.docx"))
    doc = read_document(tmp_path / "list.docx")
    items = [i for i in doc.items if i.kind != "preamble"]
    assert [i.article for i in items] == ["1", "2", "3"]
    assert items[0].text == (
        "对设备投资200万元以上的项目按5%给予补助。\n重点任务：技改补助\n完成时限：2025年6月"
    )
    assert [(d["name"], d["lead"]) for d in items[0].departments] == [
        ("县工信局", True),
        ("县财政局", False),
    ]
    assert [(d["name"], d["lead"]) for d in items[2].departments] == [
        ("县财政局", True),
        ("县人社局", False),
    ]
    assert doc.metadata.title == "某县2025年惠企政策重点任务清单"

"""The 告知单 as an editable Word file (python-docx): officials adjust the wording before they
print. The content is the same Notice object the PDF renders; the PDF stays the exact record.

    write_docx(notice, "告知单.docx")
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

from desktop_app import APP_NAME
from desktop_app.core.notice import render_text as rt
from desktop_app.core.notice.model import Notice
from desktop_app.core.user_files import UserFileError, write_user_file

_DROP = {"Cc", "Cs", "Co", "Cn"}
FONT = "宋体"  # on every Chinese Windows; Word substitutes elsewhere
MUTED = RGBColor(0x55, 0x55, 0x55)
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)


class DocxWriteError(OSError):
    """The Word file could not be written (folder missing, file open in Word, disk full)."""


def _text(value: str) -> str:
    # XML cannot hold control characters (python-docx refuses them); emoji and the like stay
    # as typed, Word has fonts for them
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in _DROP)


def new_document(notice: Notice, title: str) -> DocxDocument:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for name in ("Title", "Heading 1", "Heading 2"):
        style = doc.styles[name]
        style.font.name = FONT
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        style.font.color.rgb = ACCENT
    doc.styles["Title"].font.size = Pt(18)
    doc.styles["Heading 1"].font.size = Pt(13)
    doc.styles["Heading 2"].font.size = Pt(11.5)
    props = doc.core_properties
    props.title = f"{title}：{_text(notice.enterprise)}"
    props.author = _text(notice.office.unit) or APP_NAME
    props.subject = title
    props.created = props.modified = datetime.now().replace(microsecond=0)
    props.last_modified_by = props.author
    heading = doc.add_heading(title, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in notice.header_lines():
        p = doc.add_paragraph(_text(line))
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return doc


def add_notice(doc: DocxDocument, n: Notice) -> None:
    doc.add_heading(rt.money_heading(n), level=1)
    stated = [m for m in n.money if m.stated_amount]
    if stated:
        _table(
            doc,
            ["序号", "措施及出处", "金额及依据", "咨询部门", "有效期"],
            [
                [
                    str(m.number),
                    rt.measure_text(m),
                    "\n".join(x for x in (m.amount, m.basis) if x),
                    m.contact + ("" if m.payer == "未注明" else f"\n出资：{m.payer}"),
                    m.validity,
                ]
                for m in stated
            ],
            [1.0, 6.6, 4.2, 3.4, 1.8],
        )
    _paragraphs(doc, rt.unstated_money(n))
    if not n.money:
        doc.add_paragraph(rt.NO_ITEMS)
    _small(doc, n.total_note)

    doc.add_heading(rt.possible_heading(n), level=1)
    rows = [p for p in n.possible if p.stated_amount]
    if rows:
        _table(
            doc,
            ["序号", "措施及出处", "可能金额", "需补充或确认（咨询部门见“下一步”）"],
            [[str(p.number), rt.measure_text(p), p.amount, "\n".join(p.needs)] for p in rows],
            [1.0, 7.4, 2.6, 6.0],
        )
    _paragraphs(doc, rt.grouped_possible([p for p in n.possible if not p.stated_amount]))
    if not n.possible:
        doc.add_paragraph(rt.NO_ITEMS)

    doc.add_heading(rt.services_heading(n), level=1)
    _paragraphs(doc, rt.grouped_services(n.services) or [rt.NO_ITEMS])

    doc.add_heading("四、下一步", level=1)
    doc.add_paragraph(_text(n.bring))
    doc.add_paragraph(_text(rt.next_steps_line(n)))
    for step in n.next_steps:
        for g in step.guidance:
            _small(doc, f"● {g}")

    rows_office = rt.office_rows(n)
    table = doc.add_table(rows=len(rows_office), cols=3)
    table.style = "Table Grid"
    for i, (key, value) in enumerate(rows_office):
        table.cell(i, 0).text = key
        table.cell(i, 1).text = _text(value)
    sign = table.cell(0, 2).merge(table.cell(len(rows_office) - 1, 2))
    sign.text = "签字（盖章）："
    _widths(table, [2.4, 7.0, 7.6])
    doc.add_paragraph()
    _small(doc, n.disclaimer, muted=False)
    for line in rt.small_print(n):
        _small(doc, line)


def write_docx(notice: Notice, path: Path | str) -> None:
    """The 告知单 alone (the 简版)."""
    doc = new_document(notice, notice.title)
    add_notice(doc, notice)
    save(doc, path)


def _paragraphs(doc: DocxDocument, lines: Sequence[str]) -> None:
    for line in lines:
        doc.add_paragraph(_text(line))


def _small(doc: DocxDocument, text: str, *, muted: bool = True) -> None:
    run = doc.add_paragraph().add_run(_text(text))
    run.font.size = Pt(9)
    if muted:
        run.font.color.rgb = MUTED


def _table(
    doc: DocxDocument, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
) -> Table:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.font.bold = True
    # the header row repeats on every page the table spans
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = _text(text)
    _widths(table, widths)
    return table


def _widths(table: Table, widths: Sequence[float]) -> None:
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=False):
            cell.width = Cm(w)


def save(doc: DocxDocument, path: Path | str) -> None:
    """Write atomically, with the permissions of any file the user creates (umask)."""
    buffer = io.BytesIO()
    doc.save(buffer)
    try:
        write_user_file(Path(path), buffer.getvalue(), opened_by="其他程序（如 Word）")
    except UserFileError as exc:
        raise DocxWriteError(str(exc)) from exc

"""The 告知单 on paper: one A4 page for a typical enterprise (two at most).

    pages = notice_builder(notice).build("告知单.pdf")

add_notice() puts the same content at the front of the full report (详版), whose detail then
refers to the notice's numbers.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop_app import APP_NAME
from desktop_app.core.model import UNSTATED
from desktop_app.core.notice.model import Notice, PossibleLine, ServiceLine
from desktop_app.core.notice.render_text import (
    NO_ITEMS,
    OFFICE_BLANK,
    grouped_possible,
    grouped_services,
    measure_text,
    money_heading,
    next_steps_line,
    office_rows,
    possible_heading,
    services_heading,
    small_print,
    unstated_money,
)
from desktop_app.core.pdf.builder import PdfBuilder
from desktop_app.core.pdf.markup import escape
from desktop_app.core.pdf.page import CONTENT_WIDTH
from desktop_app.core.pdf.styles import ACCENT, KEY_FILL, MUTED, RULE, PdfStyles
from desktop_app.core.pdf.summary_tables import Cell, grid

_MONEY_WIDTHS = (0.9, 6.9, 4.2, 3.4, 1.6)
_POSSIBLE_WIDTHS = (0.9, 7.4, 2.6, 6.1)


@functools.cache
def _styles(s: PdfStyles) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    heading = ParagraphStyle(
        "NoticeHeading",
        parent=s.h2,
        fontSize=11.5,
        leading=15,
        spaceBefore=5,
        spaceAfter=2,
        textColor=ACCENT,
        keepWithNext=1,
    )
    body = ParagraphStyle("NoticeBody", parent=s.cell, fontSize=9.5, leading=13.5, spaceAfter=1.5)
    small = ParagraphStyle("NoticeSmall", parent=s.small, fontSize=9, leading=12.5, spaceAfter=1)
    return heading, body, small


def notice_builder(notice: Notice) -> PdfBuilder:
    """The 告知单 alone (the 简版) as an unbuilt document."""
    pdf = new_builder(notice, notice.title)
    add_notice(pdf, notice)
    return pdf


def new_builder(notice: Notice, title: str) -> PdfBuilder:
    return PdfBuilder(
        title,
        notice.header_lines(),
        generated=notice.generated,
        # the name on every page keeps a loose page attributable to its enterprise
        header_title=f"{title}　{notice.enterprise}",
        author=notice.office.unit or APP_NAME,
        subject=f"{title}：{notice.enterprise}",
    )


def add_notice(pdf: PdfBuilder, notice: Notice) -> None:
    pdf.flowables(lambda s: _money(s, notice))
    pdf.flowables(lambda s: _possible(s, notice))
    pdf.flowables(lambda s: _services(s, notice))
    pdf.flowables(lambda s: _next_steps(s, notice))
    pdf.flowables(lambda s: _office(s, notice))


def _heading(s: PdfStyles, text: str) -> list[Flowable]:
    heading, _, _ = _styles(s)
    # a heading never ends a page: it needs room for itself and two table rows
    return [CondPageBreak(2.2 * cm), Paragraph(escape(text), heading)]


def _para(s: PdfStyles, text: str, kind: str = "body") -> Paragraph:
    _, body, small = _styles(s)
    return Paragraph(escape(text), small if kind == "small" else body)


def _money(s: PdfStyles, n: Notice) -> list[Flowable]:
    out = _heading(s, money_heading(n))
    if not n.money:
        return [*out, _para(s, NO_ITEMS), _para(s, n.total_note, "small")]
    rows: list[list[Cell]] = [
        [
            str(line.number),
            measure_text(line),
            [(line.amount, "strong"), (line.basis, "muted")],
            _contact_cell(line.contact, line.payer),
            line.validity,
        ]
        for line in n.money
        if line.stated_amount
    ]
    if not rows:
        return [*out, *(_para(s, t) for t in unstated_money(n)), _para(s, n.total_note, "small")]
    table = grid(
        ["序号", "措施及出处", "金额及依据", "咨询部门", "有效期"], rows, s, widths_cm=_MONEY_WIDTHS
    )
    rest = [_para(s, t) for t in unstated_money(n)]
    return [*out, table, Spacer(1, 2), *rest, _para(s, n.total_note, "small")]


def _contact_cell(contact: str, payer: str) -> list[tuple[str, str]]:
    # who pays is printed where the engine states it; 未注明 on every row would be noise
    # next to the department to ask
    cell = [(contact, "cell")]
    if payer != UNSTATED:
        cell.append((f"出资：{payer}", "muted"))
    return cell


def _possible(s: PdfStyles, n: Notice) -> list[Flowable]:
    out = _heading(s, possible_heading(n))
    if not n.possible:
        return [*out, _para(s, NO_ITEMS)]
    money = [p for p in n.possible if p.stated_amount]
    if money:
        out.append(_possible_table(s, money))
    rest = [p for p in n.possible if not p.stated_amount]
    if rest:
        if money:
            out.append(Spacer(1, 3))
        out += [_para(s, line) for line in grouped_possible(rest)]
    return out


def _possible_table(s: PdfStyles, lines: Sequence[PossibleLine]) -> Table:
    rows: list[list[Cell]] = [
        [
            str(p.number),
            measure_text(p),
            [(p.amount, "strong")],
            [(need, "cell") for need in p.needs],
        ]
        for p in lines
    ]
    return grid(
        ["序号", "措施及出处", "可能金额", "需补充或确认（咨询部门见“下一步”）"],
        rows,
        s,
        widths_cm=_POSSIBLE_WIDTHS,
    )


def _services(s: PdfStyles, n: Notice) -> list[Flowable]:
    out = _heading(s, services_heading(n))
    lines: Sequence[ServiceLine] = n.services
    if not lines:
        return [*out, _para(s, NO_ITEMS)]
    return [*out, *(_para(s, text) for text in grouped_services(lines))]


def _next_steps(s: PdfStyles, n: Notice) -> list[Flowable]:
    out = _heading(s, "四、下一步")
    out.append(_para(s, n.bring))
    out.append(_para(s, next_steps_line(n)))
    out += [_para(s, f"● {g}", "small") for step in n.next_steps for g in step.guidance]
    return out


def _office(s: PdfStyles, n: Notice) -> list[Flowable]:
    """服务单位 / 经办人 / 联系电话 / 日期 beside room for a signature or stamp, then the
    disclaimer and the small print, kept together at the foot of the notice."""
    _, body, small = _styles(s)
    rows = office_rows(n)
    half = len(rows) // 2
    cells = [
        [Paragraph(escape(k), small), Paragraph(escape(v or OFFICE_BLANK), body)] for k, v in rows
    ]
    data = [[*cells[i], *cells[i + half]] for i in range(half)]
    key = 1.9 * cm
    info_width = CONTENT_WIDTH * 0.66
    info = Table(data, colWidths=[key, info_width / 2 - key] * 2)
    pad = [
        # Table names Helvetica for every cell unless told, and the file would then carry it
        ("FONT", (0, 0), (-1, -1), s.font_name, small.fontSize),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    info.setStyle(
        TableStyle(
            [
                *pad,
                ("BACKGROUND", (0, 0), (0, -1), KEY_FILL),
                ("BACKGROUND", (2, 0), (2, -1), KEY_FILL),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ]
        )
    )
    sign = Paragraph(escape("签字（盖章）："), small)
    box = Table(
        [[info, sign]],
        colWidths=[info_width, CONTENT_WIDTH - info_width],
        rowHeights=[max(1.9 * cm, 0)],
    )
    box.setStyle(
        TableStyle(
            [
                *pad,
                ("BOX", (0, 0), (-1, -1), 0.75, ACCENT),
                ("LINEBEFORE", (1, 0), (1, 0), 0.4, RULE),
            ]
        )
    )
    muted = ParagraphStyle("NoticeDisclaimer", parent=body, textColor=MUTED, spaceBefore=3)
    notes = [Paragraph(escape(line), small) for line in small_print(n)]
    return [Spacer(1, 5), KeepTogether([box, Paragraph(escape(n.disclaimer), muted), *notes])]

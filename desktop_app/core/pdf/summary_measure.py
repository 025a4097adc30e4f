"""One measure in the full report's detail (二、逐项说明): its heading and result lines, the
conditions with the enterprise's values and the quotes, the benefits with their working, and
the remarks (stacking, notes, where imported rules came from, local guidance).

    flowables = measure_detail(styles, ctx=DetailContext(...), m=measure)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer

from desktop_app.core.eligibility.conditions import UNMET, ConditionResult
from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.results import BenefitResult, MatchResult, MeasureResult
from desktop_app.core.eligibility.rules import BENEFIT_KINDS
from desktop_app.core.model import UNSTATED
from desktop_app.core.notice import wording
from desktop_app.core.pdf import summary_text as t
from desktop_app.core.pdf.markup import escape
from desktop_app.core.pdf.styles import MUTED, PdfStyles
from desktop_app.core.pdf.summary_tables import Cell, KeepOrSplit, grid
from desktop_app.core.structuring.guidance import MARK as GUIDANCE_MARK
from desktop_app.core.structuring.guidance import guidance_lines

_DETAIL_WIDTHS = (2.4, 4.4, 5.0, 5.2)
# A measure that does not fit in the space left moves to the next page, unless more than this
# is left: then it starts here and continues overleaf, so no page is left half empty.
_SPLIT_ABOVE = 6 * cm


@dataclass(frozen=True)
class DetailContext:
    """What every measure's detail refers to: the notice's numbers and titles, the marks,
    and the conditions printed once per document."""

    result: MatchResult
    registry: FactsRegistry
    numbers: dict[str, int]
    titles: dict[str, str]
    marks: t.Marks
    # conditions printed once per document in the detail rather than with each measure
    shared: dict[str, list[ConditionResult]]


@dataclass(frozen=True)
class _DetailStyles:
    heading: ParagraphStyle
    info: ParagraphStyle  # the lines under a heading, kept with it and the table below
    remark: ParagraphStyle


@functools.cache
def _detail_styles(s: PdfStyles) -> _DetailStyles:
    # keepWithNext takes effect when a measure is split over two pages: reportlab then keeps
    # the heading, the lines under it and the first table together.
    heading = ParagraphStyle(
        "MeasureHeading", parent=s.h2, fontSize=11, leading=16, spaceBefore=10, spaceAfter=2
    )
    info = ParagraphStyle(
        "MeasureInfo", parent=s.cell, fontSize=9, leading=13.5, spaceAfter=2, keepWithNext=1
    )
    remark = ParagraphStyle("MeasureRemark", parent=info, keepWithNext=0, spaceBefore=2)
    return _DetailStyles(heading, info, remark)


def _info_line(pairs: Sequence[tuple[str, str]]) -> str:
    """Markup for 标签：值　　标签：值 with muted labels; every piece of text is escaped."""
    muted = MUTED.hexval()[2:]
    # non-breaking spaces: reportlab's CJK wrap shrinks a run of ideographic spaces to one gap
    return ("&nbsp;" * 6).join(
        f'<font color="#{muted}">{escape(label)}：</font>{escape(value)}' for label, value in pairs
    )


def _citation(m: MeasureResult) -> str:
    if wording.library_numbered(m):
        # the library's sequence number, never presented as the document's own
        return f"{wording.source_text(m)}（原文条目无编号）"
    return m.citation


def measure_detail(s: PdfStyles, *, ctx: DetailContext, m: MeasureResult) -> list[Flowable]:
    """One measure: heading, result lines, conditions and benefits. Each table carries the
    measure's number and title in a caption row repeated on every page, so a table that
    starts or continues on a new page still names its measure."""
    st = _detail_styles(s)
    doc = m.document
    number = ctx.numbers[m.item.id]
    lines = [
        [("评估结果", t.status_mark(m.status, ctx.marks)), ("估算金额", m.amount.text or UNSTATED)],
        [("出处", _citation(m)), ("文号", doc.doc_number or UNSTATED)],
        [("联系部门", t.departments_full(t.local_item(m)))],
    ]
    parts: list[Flowable] = [
        Paragraph(escape(f"{number}．{wording.title(m)}"), st.heading),
        *(Paragraph(_info_line(pairs), st.info) for pairs in lines),
    ]
    caption = f"{number}．{wording.title(m)}"
    tables: list[Flowable] = []
    conditions = _condition_rows(m, ctx)
    if conditions:
        tables.append(
            grid(
                ["结果", "条件", "企业情况", "原文依据"],
                conditions,
                s,
                widths_cm=_DETAIL_WIDTHS,
                caption=f"{caption}　适用条件",
            )
        )
    # A second table (not a sub-heading row) so a page break inside it repeats its own header.
    tables.append(
        grid(
            ["待遇", "估算金额", "计算过程", "原文依据"],
            [_benefit_row(b) for b in m.benefits],
            s,
            widths_cm=_DETAIL_WIDTHS,
            caption=f"{caption}　待遇与金额",
        )
    )
    rest = [*tables[1:], *(Paragraph(escape(r), st.remark) for r in _remarks(m, ctx))]
    rest.append(Spacer(1, 8))
    return [KeepOrSplit([*parts, tables[0]], rest, _SPLIT_ABOVE)]


def _condition_rows(m: MeasureResult, ctx: DetailContext) -> list[list[Cell]]:
    rows: list[list[Cell]] = []

    def add(cond: ConditionResult, prefix: str = "") -> None:
        text: list[tuple[str, str]] = [(cond.text, "cell")]
        if prefix:
            text.insert(0, (prefix, "muted"))
        rows.append(
            [
                t.condition_mark(cond, ctx.marks),
                text,
                _value(cond, ctx),
                [(t.quoted(cond.quote), "muted")],
            ]
        )
        for child in cond.children:
            add(child, "其中一项：" if "或" in cond.text else "其中：")

    for cond in m.conditions[len(ctx.shared.get(m.document.id, [])) :]:
        add(cond)
    for benefit in m.benefits:
        for cond in benefit.conditions:
            add(cond, f"仅限“{benefit.label}”")
    return rows


def _value(cond: ConditionResult, ctx: DetailContext) -> str:
    size = ctx.result.size
    if cond.value == f"{size.label}（{size.explanation}）":
        # the engine's size text repeats the whole working printed under 企业规模
        return f"{size.label}（划型过程见“企业规模”）"
    return cond.value or t.UNFILLED


def _benefit_row(b: BenefitResult) -> list[Cell]:
    label: list[tuple[str, str]] = [(b.label, "cell")]
    kind = {"met": "", "unknown": "，需确认", "unmet": "，条件不符合"}.get(b.state, "")
    label.append((f"（{_kind_label(b.kind)}{kind}）", "muted"))
    if b.state == UNMET:
        # the benefit's own condition fails: its amount would mislead on paper
        amount: Cell = "不适用"
        working: Cell = "本项条件不符合，不计算"
    else:
        amount = [(b.amount.text or UNSTATED, "strong")]
        if b.payer:
            amount.append((f"出资：{b.payer['name']}", "muted"))
        pieces = [(b.amount.working or UNSTATED, "cell")]
        for p in b.parameters:
            pieces.append(
                (
                    f"{p.get('label', '')}：{p.get('value', '')}{p.get('unit', '')}"
                    f"（原文：{t.quoted(p.get('quote', ''))}）",
                    "muted",
                )
            )
        working = pieces
    return [label, amount, working, [(t.quoted(b.quote), "muted")]]


def _kind_label(kind: str) -> str:
    return BENEFIT_KINDS.get(kind, kind)


def _remarks(m: MeasureResult, ctx: DetailContext) -> list[str]:
    out = []
    for b in m.benefits:
        if b.stacks_with:
            out.append(f"“{b.label}”" + t.stacks_text(b.stacks_with, ctx.numbers, ctx.titles))
        out += [f"“{b.label}”说明：{note}" for note in b.notes]
    # the validity sentence is already in the conditions table
    out += [f"说明：{note}" for note in m.notes if note != m.validity.detail]
    badge_line = wording.provenance_badge(m)
    if badge_line:
        out.append(f"来源：{badge_line}")
    out += [f"{GUIDANCE_MARK}　{line}" for line in guidance_lines(m.guidance)]
    return out

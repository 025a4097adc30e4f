"""The report for one enterprise: the 惠企政策告知单, and in the full version (详版) after it
every measure it lists in detail, for the enterprise to keep and the official to check.

    pages = build_summary_pdf(match(store, profile, as_of), "告知单.pdf", brief=True)

Full version: the 告知单 (core.notice) on page 1; then the profile as entered and the size class
with its working; 二 each listed measure under the 告知单's number (conditions, amounts with
working, source and quotes); 三 what information to add; 四 the measures of the region that do
not apply and why (officials get asked); then the notes and disclaimer.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Unpack

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.results import (
    NOT_IN_FORCE,
    MatchResult,
    MeasureResult,
)
from desktop_app.core.model import UNSTATED
from desktop_app.core.notice import verdicts, wording
from desktop_app.core.notice.model import Notice, ReportOptions, report_notice
from desktop_app.core.notice.pdf import add_notice, new_builder, notice_builder
from desktop_app.core.notice.render_text import small_print
from desktop_app.core.pdf import summary_text as t
from desktop_app.core.pdf.builder import PdfBuilder
from desktop_app.core.pdf.excerpt import DISCLAIMER
from desktop_app.core.pdf.markup import escape
from desktop_app.core.pdf.styles import PdfStyles
from desktop_app.core.pdf.summary_measure import DetailContext, measure_detail
from desktop_app.core.pdf.summary_reference import HEADING as NOT_IN_FORCE_HEADING
from desktop_app.core.pdf.summary_reference import not_in_force_table
from desktop_app.core.pdf.summary_tables import Cell, grid

__all__ = ["DISCLAIMER", "TITLE", "build_summary_pdf", "summary_builder"]

TITLE = t.TITLE
# Column widths in cm on the 17 cm text width.
_FAILED_WIDTHS = (0.9, 7.4, 8.7)
_HEADING_ROOM = 5.5 * cm

NOTES = (
    "本清单依据企业填写的信息，对照程序内置的政策文件逐条评估生成。"
    "“符合”指按所填信息满足原文列明的全部条件；“可能符合”指尚缺少信息或有需要主管部门"
    "认定的条件；“不符合”指至少有一项条件不满足；“文件不在有效期内”的措施仅供参考，"
    "不计入上述各类和金额合计；适用于其他地区的措施不列入。",
    "估算金额按所填信息和原文标准计算，“最高”为原文规定的上限；"
    "原文未写明金额或标准的，不作估算。“未注明”指原文没有写明该项内容。",
    "联系部门为原文所列的责任单位；申请渠道、材料和时限请向该部门咨询。"
    "原文所列为外地单位的，已注明，请向当地对应部门咨询。",
)


DETAIL_TITLE = "附：惠企政策适用清单（详版）"


def build_summary_pdf(
    result: MatchResult, path: Path | str, **options: Unpack[ReportOptions]
) -> int:
    """Write the report of `result` to `path` (atomically) and return its page count."""
    return summary_builder(result, **options).build(path)


def summary_builder(result: MatchResult, **options: Unpack[ReportOptions]) -> PdfBuilder:
    """The report as an unbuilt document (for build_bytes, previews and tests).

    `brief` gives the 告知单 alone (one page for a typical enterprise); the full version (详版)
    starts with the same 告知单 and then explains every measure it lists, under its number."""
    registry = options.get("registry") or load_registry()
    notice = report_notice(result, {**options, "registry": registry})
    if options.get("brief"):
        return notice_builder(notice)
    pdf = new_builder(notice, notice.title)
    add_notice(pdf, notice)
    pdf.page_break()
    add_detail(pdf, result, notice, registry)
    return pdf


def detail_measures(result: MatchResult) -> tuple[list[MeasureResult], list[MeasureResult]]:
    """(the measures the notice lists, in its order; the others of the region that do not
    apply)."""
    ours = [m for m in result.results if verdicts.in_region(m, result)]
    listed = [m for m in ours if verdicts.applies(m) or verdicts.may_apply(m)]
    others = [m for m in ours if m not in listed and verdicts.in_force(m)]
    return listed, others


def add_detail(
    pdf: PdfBuilder, result: MatchResult, notice: Notice, registry: FactsRegistry
) -> None:
    """The 详版 after the 告知单: profile and size, each listed measure under the notice's
    number, what to add, and the measures that do not apply."""
    numbers = notice.numbers()
    listed, ineligible = detail_measures(result)
    listed.sort(key=lambda m: numbers[m.item.id])
    for m in ineligible:
        numbers[m.item.id] = len(numbers) + 1
    ctx = DetailContext(
        result=result,
        registry=registry,
        numbers=numbers,
        titles={m.item.id: wording.title(m) for m in result.results},
        marks=t.marks(),
        shared=t.document_conditions(listed),
    )
    pdf.flowables(lambda s: [Paragraph(escape(DETAIL_TITLE), s.title)])
    pdf.paragraph(
        "以下按告知单的序号逐项列出适用条件、企业情况、金额计算过程和原文依据，供核对。",
        style="small",
    )
    _heading(pdf, "一、企业基本情况")
    pdf.key_value_table(t.profile_rows(result.profile, registry, result.profile_notes))
    _heading(pdf, "企业规模", level=2)
    pdf.key_value_table(t.size_rows(result.size))
    _full_sections(pdf, ctx, listed, ineligible, notice)
    outside = result.by_status(NOT_IN_FORCE)
    for m in outside:
        ctx.numbers.setdefault(m.item.id, len(ctx.numbers) + 1)
    _heading(pdf, f"五、{NOT_IN_FORCE_HEADING}（{len(outside)}项，仅供参考）")
    not_in_force_table(pdf, outside, ctx.numbers, ctx.titles)
    pdf.spacer(4).note_box(
        "\n\n".join([*(f"{n}. {text}" for n, text in enumerate(NOTES, start=1)), DISCLAIMER]),
        title="说明",
    )


def _full_sections(
    pdf: PdfBuilder,
    ctx: DetailContext,
    listed: Sequence[MeasureResult],
    ineligible: Sequence[MeasureResult],
    notice: Notice,
) -> None:
    """二 per-measure explanations, 三 supplements, 四 the measures that do not apply."""
    _heading(pdf, "二、逐项说明")
    if not listed:
        pdf.paragraph("无。")
    else:
        _document_conditions(pdf, ctx, listed)
    for measure in listed:
        pdf.flowables(functools.partial(measure_detail, ctx=ctx, m=measure))

    _heading(pdf, "三、补充信息后可能适用")
    _supplements(pdf, ctx)

    _heading(pdf, f"四、不符合的措施（{len(ineligible)}项，供解答参考）")
    if ineligible:
        rows: list[list[Cell]] = [
            [str(ctx.numbers[m.item.id]), _measure_cell(m), _lines(t.failed_text(m))]
            for m in ineligible
        ]
        pdf.flowables(
            lambda s: [
                grid(["序号", "措施及出处", "不符合的条件"], rows, s, widths_cm=_FAILED_WIDTHS),
                Spacer(1, 8),
            ]
        )
    else:
        pdf.paragraph("无。")
    for line in small_print(notice)[:-1]:
        pdf.paragraph(line, style="small")


@functools.cache
def _free_headings(s: PdfStyles) -> tuple[ParagraphStyle, ParagraphStyle]:
    return (
        ParagraphStyle("SummaryH1", parent=s.h1, keepWithNext=0),
        ParagraphStyle("SummaryH2", parent=s.h2, keepWithNext=0),
    )


def _heading(pdf: PdfBuilder, text: str, level: int = 1) -> None:
    """A heading that starts a new page when less than _HEADING_ROOM is left.

    PdfBuilder.heading keeps a heading with what follows through keepWithNext, which reportlab
    turns into a KeepTogether; with a table taller than a page after it, that KeepTogether
    breaks the page even at the top of a fresh one when a spacer sits there (an empty page).
    Tables here split between rows, so reserving room for the heading and a few rows is enough.
    """

    def recipe(s: PdfStyles) -> list[Flowable]:
        h1, h2 = _free_headings(s)
        return [CondPageBreak(_HEADING_ROOM), Paragraph(escape(text), h1 if level == 1 else h2)]

    pdf.flowables(recipe)


# -- sections ---------------------------------------------------------------------------------


def _lines(texts: Sequence[str]) -> list[tuple[str, str]]:
    """One paragraph per entry: a line break inside a cell can leave an empty line."""
    return [(text, "cell") for text in texts]


def _measure_cell(m: MeasureResult) -> list[tuple[str, str]]:
    return [(wording.title(m), "cell"), (wording.source_text(m), "muted")]


def _supplements(pdf: PdfBuilder, ctx: DetailContext) -> None:
    supplements = ctx.result.supplements
    if not supplements:
        pdf.paragraph("无。所填信息已足以判断，或其余措施的条件与补充信息无关。")
        return
    pdf.paragraph(
        "补充以下信息（或取得相应认定）后，所列措施可能变为“符合”，可重新评估。", style="small"
    )
    rows: list[list[Cell]] = []
    for s in supplements:
        ids = [str(i) for i in s.get("measures", [])]
        named = [f"{ctx.numbers[i]}．{ctx.titles[i]}" if i in ctx.numbers else i for i in ids]
        rows.append([str(s.get("label") or s.get("key") or UNSTATED), _lines(named)])
    pdf.flowables(
        lambda st: [
            grid(["可补充的信息", "涉及的措施（序号）"], rows, st, widths_cm=(6, 11)),
            Spacer(1, 8),
        ]
    )


def _document_conditions(
    pdf: PdfBuilder, ctx: DetailContext, measures: Sequence[MeasureResult]
) -> None:
    """Each document once: its conditions shared by all its measures, and its scope remark."""
    docs = {m.document.id: m for m in measures}
    rows: list[list[Cell]] = []
    for doc_id, m in docs.items():
        doc = m.document
        source: list[tuple[str, str]] = [
            (f"《{t.nested_title(doc.title)}》", "cell"),
            (_doc_number(m), "muted"),
        ]
        lines: list[tuple[str, str]] = [
            (f"{t.condition_mark(c, ctx.marks)}：{c.text}（{c.value or t.UNFILLED}）", "cell")
            for c in ctx.shared.get(doc_id, [])
        ]
        if doc.scope_note:
            lines.append((f"适用范围：{doc.scope_note}", "muted"))
        rows.append([source, lines or t.NONE_MARK])
    pdf.paragraph(
        "各项措施所属文件的地区和有效期条件、适用范围如下，逐项说明中不再重复：", style="small"
    )
    pdf.flowables(
        lambda s: [
            grid(["政策文件", "地区和有效期条件"], rows, s, widths_cm=(6.5, 10.5)),
            Spacer(1, 4),
        ]
    )


def _doc_number(m: MeasureResult) -> str:
    return f"文号：{m.document.doc_number or UNSTATED}"

"""The full report (详版) as a Word file: the 告知单, then each listed measure's conditions,
amounts with their working and quotes, what to add, and the measures that do not apply —
the same selection and numbers as the PDF (core.pdf.summary)."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK

from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.results import (
    NOT_IN_FORCE,
    STATUS_LABELS,
    MatchResult,
    MeasureResult,
)
from desktop_app.core.eligibility.rules import BENEFIT_KINDS
from desktop_app.core.model import UNSTATED
from desktop_app.core.notice import wording
from desktop_app.core.notice.docx_writer import _small, _table, add_notice, new_document, save
from desktop_app.core.notice.model import Notice
from desktop_app.core.pdf import summary_text as t
from desktop_app.core.pdf.summary import DETAIL_TITLE, NOTES, detail_measures
from desktop_app.core.pdf.summary_reference import HEADING as NOT_IN_FORCE_HEADING
from desktop_app.core.pdf.summary_reference import NOTE as NOT_IN_FORCE_NOTE


def write_full_docx(
    result: MatchResult, notice: Notice, path: Path | str, registry: FactsRegistry
) -> None:
    doc = new_document(notice, notice.title)
    add_notice(doc, notice)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    add_detail(doc, result, notice, registry)
    save(doc, path)


def add_detail(
    doc: DocxDocument, result: MatchResult, notice: Notice, registry: FactsRegistry
) -> None:
    numbers = notice.numbers()
    listed, ineligible = detail_measures(result)
    listed.sort(key=lambda m: numbers[m.item.id])
    for m in ineligible:
        numbers[m.item.id] = len(numbers) + 1
    doc.add_heading(DETAIL_TITLE, level=0)
    doc.add_heading("一、企业基本情况", level=1)
    _table(
        doc,
        ["项目", "内容"],
        t.profile_rows(result.profile, registry, result.profile_notes),
        [4, 13],
    )
    doc.add_heading("企业规模", level=2)
    _table(doc, ["项目", "内容"], t.size_rows(result.size), [4, 13])
    doc.add_heading("二、逐项说明", level=1)
    if not listed:
        doc.add_paragraph("无。")
    marks = t.marks()
    for m in listed:
        _measure(doc, m, numbers[m.item.id], marks)
    doc.add_heading("三、补充信息后可能适用", level=1)
    rows = []
    for s in result.supplements:
        ids = [str(i) for i in s.get("measures", []) if str(i) in numbers]
        if ids:
            named = "；".join(f"{numbers[i]}．{_title_of(result, i)}" for i in ids)
            rows.append([str(s.get("label") or s.get("key") or UNSTATED), named])
    if rows:
        _table(doc, ["可补充的信息", "涉及的措施（序号）"], rows, [6, 11])
    else:
        doc.add_paragraph("无。所填信息已足以判断，或其余措施的条件与补充信息无关。")
    doc.add_heading(f"四、不符合的措施（{len(ineligible)}项，供解答参考）", level=1)
    if ineligible:
        _table(
            doc,
            ["序号", "措施及出处", "不符合的条件"],
            [
                [
                    str(numbers[m.item.id]),
                    f"{wording.title(m)}\n{wording.source_text(m)}",
                    "\n".join(t.failed_text(m)),
                ]
                for m in ineligible
            ],
            [1.2, 7.4, 8.4],
        )
    else:
        doc.add_paragraph("无。")
    outside = result.by_status(NOT_IN_FORCE)
    for m in outside:
        numbers.setdefault(m.item.id, len(numbers) + 1)
    doc.add_heading(f"五、{NOT_IN_FORCE_HEADING}（{len(outside)}项，仅供参考）", level=1)
    if outside:
        _small(doc, NOT_IN_FORCE_NOTE)
        _table(
            doc,
            ["序号", "措施及出处", "文件有效性", "条件评估"],
            [
                [
                    str(numbers[m.item.id]),
                    f"{wording.title(m)}\n{wording.source_text(m)}",
                    f"{m.validity.label}\n{m.validity.detail}",
                    STATUS_LABELS.get(m.conditions_status, m.conditions_status),
                ]
                for m in outside
            ],
            [1.2, 6.2, 6.4, 3.2],
        )
    else:
        doc.add_paragraph("无。")
    doc.add_heading("说明", level=2)
    for n, text in enumerate(NOTES, start=1):
        _small(doc, f"{n}. {text}", muted=False)
    _small(doc, notice.disclaimer, muted=False)


def _title_of(result: MatchResult, measure_id: str) -> str:
    m = next(r for r in result.results if r.item.id == measure_id)
    return wording.title(m)


def _measure(doc: DocxDocument, m: MeasureResult, number: int, marks: t.Marks) -> None:
    doc.add_heading(f"{number}．{wording.title(m)}", level=2)
    doc.add_paragraph(
        f"评估结果：{t.status_mark(m.status, marks)}　估算金额：{m.amount.text or UNSTATED}"
    )
    source = wording.source_text(m) + ("（原文条目无编号）" if wording.library_numbered(m) else "")
    doc.add_paragraph(f"出处：{source}　文号：{m.document.doc_number or UNSTATED}")
    doc.add_paragraph(f"联系部门：{t.departments_full(m.item)}")
    badge = wording.provenance_badge(m)
    if badge:
        doc.add_paragraph(f"来源：{badge}")
    conditions = [c for c in m.conditions] + [c for b in m.benefits for c in b.conditions]
    if conditions:
        _table(
            doc,
            ["结果", "条件", "企业情况", "原文依据"],
            [
                [t.condition_mark(c, marks), c.text, c.value or t.UNFILLED, t.quoted(c.quote)]
                for c in conditions
            ],
            [2.4, 4.4, 5.0, 5.2],
        )
    _table(
        doc,
        ["待遇", "估算金额", "计算过程", "原文依据"],
        [
            [
                f"{b.label}（{BENEFIT_KINDS.get(b.kind, b.kind)}）",
                "不适用" if b.state == "unmet" else (b.amount.text or UNSTATED),
                "本项条件不符合，不计算" if b.state == "unmet" else (b.amount.working or UNSTATED),
                t.quoted(b.quote),
            ]
            for b in m.benefits
        ],
        [2.4, 4.4, 5.0, 5.2],
    )

"""The summary's list of measures whose document is not in force on the evaluation date.

They are never among 符合 or 可能符合 and never in a total: the list says why (the validity and
its basis, 推定 where derived) and what the conditions alone would give, for reference only.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer

from desktop_app.core.eligibility.results import STATUS_LABELS, MeasureResult
from desktop_app.core.pdf.builder import PdfBuilder
from desktop_app.core.pdf.styles import PdfStyles
from desktop_app.core.pdf.summary_tables import Cell, grid

HEADING = "文件不在有效期内的措施"
NOTE = (
    "以下措施所在文件在评估日不在有效期内（已失效、已过执行期、尚未生效或为征求意见稿），"
    "仅供参考，不计入“符合”“可能符合”和金额合计；“条件评估”为仅按条件判断的结果。"
)
_WIDTHS = (0.9, 11.6, 4.5)


def _table(s: PdfStyles, rows: list[list[Cell]]) -> list[Flowable]:
    header = ["序号", "措施及出处", "条件评估（仅供参考）"]
    return [grid(header, rows, s, widths_cm=_WIDTHS), Spacer(1, 8)]


def not_in_force_table(
    pdf: PdfBuilder,
    measures: Sequence[MeasureResult],
    numbers: dict[str, int],
    titles: dict[str, str],
) -> None:
    """Per document: its validity once (label, detail with the 推定 basis), then its measures
    with what their conditions alone say."""
    if not measures:
        pdf.paragraph("无。")
        return
    pdf.paragraph(NOTE, style="small")
    by_doc: dict[str, list[MeasureResult]] = {}
    for m in measures:
        by_doc.setdefault(m.document.id, []).append(m)
    for group in by_doc.values():
        first = group[0]
        v = first.validity
        pdf.paragraph(
            f"《{first.document.short_title or first.document.title}》：{v.label}。{v.detail}"
        )
        rows: list[list[Cell]] = [
            [
                str(numbers[m.item.id]),
                [(titles.get(m.item.id, m.summary), "cell"), (m.citation, "muted")],
                STATUS_LABELS.get(m.conditions_status, m.conditions_status),
            ]
            for m in group
        ]
        pdf.flowables(functools.partial(_table, rows=rows))

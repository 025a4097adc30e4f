"""The summary's list of measures whose document is not in force on the evaluation date.

They are never among 符合 or 可能符合 and never in a total: the list says why (the validity and
its basis, 推定 where derived) and what the conditions alone would give, for reference only.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Spacer

from desktop_app.core.eligibility.results import STATUS_LABELS, MeasureResult
from desktop_app.core.pdf.builder import PdfBuilder
from desktop_app.core.pdf.summary_tables import Cell, grid

HEADING = "文件不在有效期内的措施"
NOTE = (
    "以下措施所在文件在评估日不在有效期内（已失效、已过执行期、尚未生效或为征求意见稿），"
    "仅供参考，不计入“符合”“可能符合”和金额合计；“条件评估”为仅按条件判断的结果。"
)
_WIDTHS = (0.9, 6.2, 6.4, 3.5)


def validity_cell(m: MeasureResult) -> Cell:
    v = m.validity
    return [(v.label, "strong"), (v.detail, "muted")]


def not_in_force_table(
    pdf: PdfBuilder,
    measures: Sequence[MeasureResult],
    numbers: dict[str, int],
    titles: dict[str, str],
) -> None:
    if not measures:
        pdf.paragraph("无。")
        return
    pdf.paragraph(NOTE, style="small")
    rows: list[list[Cell]] = []
    for m in measures:
        source = m.citation
        rows.append(
            [
                str(numbers[m.item.id]),
                [(titles.get(m.item.id, m.summary), "cell"), (source, "muted")],
                validity_cell(m),
                STATUS_LABELS.get(m.conditions_status, m.conditions_status),
            ]
        )
    pdf.flowables(
        lambda s: [
            grid(["序号", "措施及出处", "文件有效性", "条件评估"], rows, s, widths_cm=_WIDTHS),
            Spacer(1, 8),
        ]
    )

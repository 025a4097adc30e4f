"""The size class as the user types: each indicator's own class, which one decides, the
explanation and the clause of the 规定 it rests on."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop_app.core import size_class
from desktop_app.core.size_class import SizeInputError, SizeResult
from desktop_app.gui import theme


def size_html(result: SizeResult) -> str:
    rows = []
    for w in result.working:
        value = (
            f"{size_class.format_number(w.value)}{w.unit}"
            if w.value is not None
            else '<span style="color:#8a5300;">未填写</span>'
        )
        mark = "（决定结果）" if w.decisive else ""
        rows.append(
            f"<tr><td>{escape(w.name)}</td><td>{value}</td>"
            f"<td><b>{escape(w.size_label)}</b>{mark}</td>"
            f'<td style="color:{theme.TEXT_MUTED};">{escape(w.rule or "")}</td></tr>'
        )
    colour = theme.ACCENT if result.size else "#8a5300"
    notes = "".join(f"<li>{escape(n)}</li>" for n in result.notes)
    return (
        f'<p style="font-size:large;"><b style="color:{colour};">'
        f"企业规模：{escape(result.size_label)}</b></p>"
        f'<table cellpadding="4" cellspacing="0">'
        f'<tr style="color:{theme.TEXT_MUTED};"><td>划型指标</td><td>填写</td>'
        f"<td>单项结果</td><td>标准</td></tr>{''.join(rows)}</table>"
        f"<p>{escape(result.explanation)}</p>"
        + (f"<ul>{notes}</ul>" if notes else "")
        + f'<p style="color:{theme.TEXT_MUTED};">依据：{escape(result.source)}</p>'
    )


class SizePanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Panel")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.text)
        self.result: SizeResult | None = None

    def update_size(
        self,
        industry: str | None,
        employees: float | None,
        revenue: float | None,
        assets: float | None,
        *,
        individual_business: bool,
    ) -> None:
        self.result = None
        if not industry:
            self.text.setText(
                '<p style="font-size:large;"><b style="color:#8a5300;">企业规模：无法判断</b></p>'
                "<p>请先在第1步选择所属行业，才能按《中小企业划型标准规定》划型。</p>"
            )
            return
        try:
            self.result = size_class.classify(
                industry,
                employees,
                revenue,
                assets,
                individual_business=individual_business,
            )
        except SizeInputError as exc:
            self.text.setText(f"<p>{escape(str(exc))}</p>")
            return
        self.text.setText(size_html(self.result))

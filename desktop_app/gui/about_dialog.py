"""关于: the program version and the data version (documents, items, build date)."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app import APP_NAME, __version__
from desktop_app.core.data_label import data_version_label
from desktop_app.core.model import Document
from desktop_app.gui import theme


def format_built_at(value: str | None) -> str:
    """2026-11-22T06:29:51+00:00 -> 2026年11月22日 06:29 (or 未注明)."""
    if not value:
        return "未注明"
    day, _, time_part = value.partition("T")
    try:
        year, month, dom = (int(p) for p in day.split("-"))
    except ValueError:
        return value
    return f"{year}年{month}月{dom}日" + (f" {time_part[:5]}" if time_part else "")


def _label(meta: dict[str, str], documents: list[Document]) -> str:
    try:
        day: date | None = date.fromisoformat(meta.get("data_date") or "")
    except ValueError:
        day = None
    return data_version_label(day, documents)


def about_html(meta: dict[str, str], documents: list[Document]) -> str:
    doc_rows = "".join(f"<li>{escape(d.short_title)}（{d.item_count} 条）</li>" for d in documents)
    item_count = meta.get("item_count") or str(sum(d.item_count for d in documents))
    return (
        f"<p>离线查询中小企业惠企政策，每条内容都标明出处文件和条目。</p>"
        f'<table cellspacing="0" style="margin-top:6px;">'
        f"<tr><td style='color:{theme.TEXT_MUTED};padding-right:14px;'>程序版本</td>"
        f"<td>{escape(__version__)}</td></tr>"
        f"<tr><td style='color:{theme.TEXT_MUTED};padding-right:14px;'>数据版本</td>"
        f"<td>{escape(_label(meta, documents))}"
        f"<br><small style='color:{theme.TEXT_MUTED};'>数据代码 "
        f"{escape(meta.get('data_version') or '未注明')}</small></td></tr>"
        f"<tr><td style='color:{theme.TEXT_MUTED};padding-right:14px;'>收录文件</td>"
        f"<td>{len(documents)} 份，共 {escape(item_count)} 条</td></tr>"
        f"<tr><td style='color:{theme.TEXT_MUTED};padding-right:14px;'>数据生成时间</td>"
        f"<td>{escape(format_built_at(meta.get('built_at')))}</td></tr>"
        f"</table>"
        f"<ul>{doc_rows}</ul>"
        f"<p style='color:{theme.TEXT_MUTED};'>界面字体：文泉驿微米黑（Apache-2.0）。"
        f"内容依据公开政策文件整理，仅供参考，以主管部门最终认定为准。</p>"
    )


class AboutDialog(QDialog):
    def __init__(
        self, meta: dict[str, str], documents: list[Document], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"关于{APP_NAME}")
        title = QLabel(APP_NAME, self)
        title.setObjectName("AppTitle")
        body = QLabel(about_html(meta, documents), self)
        body.setWordWrap(True)
        body.setObjectName("AboutBody")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(body)
        layout.addWidget(buttons)
        self.body = body
        # A word-wrapped rich-text label does not tell the dialog how tall it gets: fix its
        # width and ask it, or the last lines are cut off.
        body.setFixedWidth(520)
        body.setMinimumHeight(body.heightForWidth(520))

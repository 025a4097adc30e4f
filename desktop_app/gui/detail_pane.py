"""The detail pane: one item in full, with where it comes from and what it offers.

Shows the document title, 文号, article and heading path, responsible units (lead unit
marked), validity on the check date, the curated 待遇与条件 (fed through set_benefits), and
the full text with the matches highlighted. 复制引用 puts a citation such as
《…》第（十四）条 on the clipboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.citation import nested_title
from desktop_app.core.model import (
    IMPORTED_LABEL,
    UNSTATED,
    UNSTRUCTURED_LABEL,
    Department,
    Document,
    Item,
)
from desktop_app.core.services import PolicyData
from desktop_app.core.structuring.provenance import local_info
from desktop_app.gui import theme
from desktop_app.gui.catalog import article_label, doc_number_label, import_date_label
from desktop_app.gui.html_text import badge, highlighted

EMPTY_HTML = (
    f'<div style="color:{theme.TEXT_MUTED};margin-top:40px;">'
    "<p>在左侧结果中选择一条政策，这里显示它的全文、出处和责任单位。</p>"
    "<p>用 ↑ ↓ 键浏览结果，按 Enter 打开原文。</p></div>"
)
NO_BENEFITS = "尚未整理该条的待遇与条件，请以原文为准。"
UNSTRUCTURED_NOTE = (
    "该条来自自行导入的文件，尚未整理待遇与条件（结构化），不参与企业评估。请以原文为准。"
)


def origin_html(doc: Document) -> str:
    """Where an imported document came from: 自行导入, when, which file (its SHA-256)."""
    when = import_date_label(doc)
    version = f"，第{doc.version}版" if doc.version > 1 else ""
    return (
        f"{badge(IMPORTED_LABEL, 'unknown')}　{escape(when)} 导入{version}，"
        f"文件 {escape(doc.source_file)}（SHA-256 {escape(doc.source_sha256[:12])}…）"
    )


BASIS_NOTE = {
    "standing": "按文件“以下责任单位均需…”列出",
    "heading": "按所在部门标题确定",
}


def departments_html(departments: Sequence[Department]) -> str:
    """The units, the lead one marked; how a unit was found said once for all it applies to
    (not after each unit)."""
    if not departments:
        return UNSTATED
    parts = []
    for dep in departments:
        label = escape(dep.name)
        if dep.lead:
            label = f"<b>{label}</b>（牵头）"
        parts.append(label)
    notes = []
    for basis, note in BASIS_NOTE.items():
        named = [d.name for d in departments if d.basis == basis]
        if len(named) == len(departments):
            notes.append(f"均{note}")
        elif named:
            notes.append(f"其中{escape('、'.join(named))}{note}")
    return "、".join(parts) + "".join(f"（{n}）" for n in notes)


def other_place_note(doc: Document | None) -> str:
    """Units of the issuing place for measures that apply wider (the Xiamen table's units for
    the province's measures): said beside the units, so no reader elsewhere calls them."""
    if doc is None or not doc.region_code or doc.region_code == doc.scope_region_code:
        return ""
    return (
        f'<br><span style="color:{theme.TEXT_MUTED};">以上为{escape(doc.region_name)}的单位；'
        "本条适用范围更广，其他地区的企业请咨询当地对应部门。</span>"
    )


def _condition_text(condition: object) -> str:
    if isinstance(condition, dict):
        text = escape(str(condition.get("text") or ""))
        quote = condition.get("quote")
        if quote:
            text += f'<span style="color:{theme.TEXT_MUTED};">（原文：{escape(str(quote))}）</span>'
        return text
    return escape(str(condition))


def benefits_html(benefits: Sequence[dict[str, Any]]) -> str:
    """Empty-safe rendering of curated benefits (keys: overview.detail_benefits)."""
    if not benefits:
        return f'<p style="color:{theme.TEXT_MUTED};">{NO_BENEFITS}</p>'
    out = ["<ul>"]
    for entry in benefits:
        title = entry.get("title") or entry.get("label")
        head = escape(str(title or entry.get("summary") or "待遇"))
        kind = entry.get("kind_label")
        amount = entry.get("amount") or entry.get("amount_text")
        line = f"<b>{head}</b>" + (f"（{escape(str(kind))}）" if kind else "")
        line += f"：{escape(str(amount))}" if amount else ""
        summary = entry.get("summary")
        if summary and title:
            line += f"<br>{escape(str(summary))}"
        conditions = entry.get("conditions") or []
        if conditions:
            line += "<br>条件：" + "；".join(_condition_text(c) for c in conditions)
        for note in entry.get("notes") or []:
            line += f"<br>注：{escape(str(note))}"
        reference = entry.get("reference") or entry.get("quote")
        if reference:
            line += (
                f'<br><span style="color:{theme.TEXT_MUTED};">依据：{escape(str(reference))}</span>'
            )
        out.append(f'<li style="margin-bottom:6px;">{line}</li>')
    out.append("</ul>")
    return "".join(out)


GUIDANCE_LINK = "policy-desk:guidance"


class DetailPane(QWidget):
    open_reader = Signal(str)  # item id
    edit_guidance = Signal(str)  # item id: 本地补充 for this measure
    citation_copied = Signal(str)

    def __init__(self, data: PolicyData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = data
        self._item: Item | None = None
        self._highlights: tuple[tuple[int, int], ...] = ()
        self._benefits: list[dict[str, Any]] = []
        self._as_of = date.today()

        self.title = QLabel(self)
        self.title.setObjectName("TitleLarge")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = QLabel(self)
        self.source.setObjectName("Muted")
        self.source.setWordWrap(True)

        self.copy_button = QPushButton("复制引用", self)
        self.copy_button.setToolTip("复制形如《…》第（十四）条的引用（Ctrl+Shift+C）")
        self.copy_button.clicked.connect(self.copy_citation)
        self.reader_button = QPushButton("查看原文", self)
        self.reader_button.setToolTip("在原文中查看本条（Enter）")
        self.reader_button.clicked.connect(self._request_reader)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.reader_button)
        buttons.addStretch(1)

        self.body = QTextBrowser(self)
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._link)
        self.body.setAccessibleName("政策全文")
        self.body.document().setDocumentMargin(14)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.source)
        layout.addLayout(buttons)
        layout.addWidget(self.body, 1)
        self.clear()

    def set_data(self, data: PolicyData) -> None:
        self._data = data
        self.clear()

    @property
    def item(self) -> Item | None:
        return self._item

    def clear(self) -> None:
        self._item = None
        self.title.setText("政策详情")
        self.source.setText("")
        self.source.hide()
        self.copy_button.setEnabled(False)
        self.reader_button.setEnabled(False)
        self.body.setHtml(EMPTY_HTML)

    def show_item(
        self,
        item_id: str,
        text_highlights: Sequence[tuple[int, int]] = (),
        as_of: date | None = None,
    ) -> None:
        item = self._data.item(item_id)
        if item is None:
            self.clear()
            return
        self._item = item
        self._highlights = tuple(text_highlights)
        self._as_of = as_of or date.today()
        self.set_benefits(self._data.benefits(item.id))

    def set_benefits(self, benefits: Sequence[dict[str, Any]] | None) -> None:
        """Fill the 待遇与条件 section (None or [] shows the not-curated note)."""
        self._benefits = list(benefits or [])
        self._render()

    def citation(self) -> str:
        return self._data.citation(self._item) if self._item else ""

    def copy_citation(self) -> None:
        text = self.citation()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.citation_copied.emit(text)

    def _link(self, url: QUrl) -> None:
        if url.toString() == GUIDANCE_LINK and self._item is not None:
            self.edit_guidance.emit(self._item.id)

    def _request_reader(self) -> None:
        if self._item:
            self.open_reader.emit(self._item.id)

    def refresh_fonts(self) -> None:
        # The rich text was laid out for the old size.
        if self._item:
            self._render()

    def _benefits_html(self, doc: Document | None) -> str:
        if not self._benefits and doc is not None and doc.is_imported:
            return f"<p>{badge(UNSTRUCTURED_LABEL, 'draft')}　{escape(UNSTRUCTURED_NOTE)}</p>"
        return benefits_html(self._benefits)

    def _render(self) -> None:
        item = self._item
        if item is None:
            return
        doc = self._data.document(item.document_id)
        validity = self._data.validity(item.document_id, self._as_of)
        self.title.setText(item.display_title)
        self.source.setText(
            f"{doc.short_title if doc else item.document_id}　{article_label(item)}"
        )
        self.source.show()
        self.copy_button.setEnabled(True)
        self.reader_button.setEnabled(True)

        rows = [
            ("文件", f"《{escape(nested_title(doc.title))}》" if doc else escape(item.document_id)),
            ("文号", escape(doc_number_label(doc))),
            ("条目", escape(article_label(item))),
            ("所在章节", escape(" › ".join(item.path)) if item.path else "（无）"),
            ("责任单位", departments_html(item.departments) + other_place_note(doc)),
        ]
        if validity:
            # a derived period's basis is already in the validity's own sentence
            shown = doc and doc.validity_basis and not validity.derived
            basis = f"（{doc.validity_basis}）" if shown and doc else ""
            rows.append(
                (
                    "有效性",
                    f"{badge(validity.label, validity.state)}　{escape(validity.detail + basis)}",
                )
            )
        if doc is not None and doc.is_imported:
            rows.append(("来源", origin_html(doc)))
        table = "".join(
            f'<tr><td style="color:{theme.TEXT_MUTED};padding:3px 12px 3px 0;'
            f'white-space:nowrap;">{label}</td><td style="padding:3px 0;">{value}</td></tr>'
            for label, value in rows
        )
        notes = "".join(f"<li>{escape(n)}</li>" for n in item.source_notes)
        # the result page's views load evaluation's modules: with the first item shown
        from desktop_app.gui.views.result_html import local_html

        html = (
            f'<table cellspacing="0">{table}</table>'
            f'<h3 style="color:{theme.ACCENT};">待遇与条件</h3>{self._benefits_html(doc)}'
            f"{local_html(**local_info(self._data.store, item.id))}"
            f'<p><a href="{GUIDANCE_LINK}">添加或修改本地补充信息（受理窗口、电话、申报时间、材料）'
            "</a>（Ctrl+G）</p>"
            f'<h3 style="color:{theme.ACCENT};">原文</h3>'
            f'<p style="line-height:150%;">{highlighted(item.text, self._highlights)}</p>'
            f'<p style="color:{theme.TEXT_MUTED};">引用：{escape(self.citation())}</p>'
        )
        if notes:
            html += f'<h3 style="color:{theme.ACCENT};">整理说明</h3><ul>{notes}</ul>'
        self.body.setHtml(html)

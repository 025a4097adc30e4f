"""The two dialogs of policy packages: which imported documents to export (and whether with
the local guidance, for which office), and the preview of an import — new / updated /
unchanged documents, the measures whose amounts or conditions change side by side, and the
choice to let the package's structuring replace this office's own."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.dates import iso_date_text
from desktop_app.core.model import Document
from desktop_app.core.packages.importer import PackagePreview
from desktop_app.core.packages.plan import KEPT, NEW, UNCHANGED, UPDATED
from desktop_app.gui import theme
from desktop_app.gui.catalog import import_date_label

ACTION_COLOURS = {
    NEW: "#1d6f42",
    UPDATED: "#9a5b00",
    UNCHANGED: theme.TEXT_MUTED,
    KEPT: theme.TEXT_MUTED,
}


@dataclass
class Previews:
    """The dry run keeping this office's structuring, and, when some documents are structured
    differently on both sides, the one with the package's structuring winning."""

    keep: PackagePreview
    replace: PackagePreview | None


def _buttons(dialog: QDialog, action: str) -> tuple[QDialogButtonBox, QPushButton]:
    """The action (the dialog's accept) and 取消."""
    box = QDialogButtonBox(dialog)
    button = box.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, button


class ExportPackageDialog(QDialog):
    """Documents to put in the package (all ticked), guidance yes/no, the office's name."""

    def __init__(
        self, documents: list[Document], office: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出政策包")
        self.resize(720, 480)
        self.documents = documents
        intro = QLabel(
            "选择要交给其他单位的自行导入文件。政策包包含文件原文、识别出的信息及其依据、"
            "条目和已确认的规则，其他单位导入后无需重新结构化。",
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("要导出的文件")
        for doc in documents:
            when = import_date_label(doc)
            row = QListWidgetItem(
                f"{doc.title}　{doc.doc_number or '文号未注明'}　{doc.item_count} 条　"
                f"第{doc.version}版，{when} 导入"
            )
            row.setToolTip(f"本机编号 {doc.id}")
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(row)
        if documents:
            self.list.setCurrentRow(0)
        self.list.itemChanged.connect(lambda _item: self._update())
        self.guidance = QCheckBox("同时导出本地补充信息（办理窗口、电话、材料等）(&G)", self)
        self.guidance.setChecked(True)
        self.guidance.setToolTip("本地补充信息是本单位填写的，不是原文；对方导入后仍标明为本地补充")
        self.office = QLineEdit(office, self)
        self.office.setPlaceholderText("例如：××县工信局（在告知单设置中填写后自动带出）")
        self.office.setMaxLength(60)
        form = QFormLayout()
        form.addRow("导出单位(&O)：", self.office)
        buttons, self.ok = _buttons(self, "导出(&E)…")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.guidance)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._update()

    def chosen(self) -> list[str]:
        return [
            doc.id
            for n, doc in enumerate(self.documents)
            if (row := self.list.item(n)) is not None and row.checkState() == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.chosen()))


def _lines(values: list[Any]) -> str:
    shown = [escape(str(v)) for v in values if v]
    return "<br>".join(shown) if shown else "（无）"


def _side(view: dict[str, Any] | None) -> dict[str, str]:
    if view is None:
        return dict.fromkeys(("amount", "conditions", "benefits", "by"), "（本机没有）")
    by = view.get("structured_by") or "未注明"
    when = iso_date_text(str(view.get("structured_at") or "")) or ""
    return {
        "amount": escape(view.get("amount") or "未注明"),
        "conditions": _lines(view.get("conditions") or []),
        "benefits": _lines(view.get("benefits") or []),
        "by": escape(f"{by} {when}".strip()),
    }


def measures_html(document: dict[str, Any]) -> str:
    """The measures of one planned document whose structuring differs: 本机现有 | 政策包中."""
    measures = document["measures_changed"]
    if not measures:
        return f"<p style='color:{theme.TEXT_MUTED}'>这份文件的措施在本机和政策包中相同。</p>"
    head = (
        "<tr><th></th><th align='left'>本机现有</th><th align='left'>政策包中</th></tr>"
        if document["local_id"]
        else "<tr><th></th><th align='left'>（新文件）</th><th align='left'>政策包中</th></tr>"
    )
    parts = [f"<h3>{escape(document['title'])}：{len(measures)} 项措施有变化</h3>"]
    for m in measures:
        before, after = _side(m["before"]), _side(m["after"])
        rows = "".join(
            f"<tr><td style='color:{theme.TEXT_MUTED};padding-right:8px'>{label}</td>"
            f"<td style='padding-right:16px'>{before[key]}</td><td>{after[key]}</td></tr>"
            for key, label in (
                ("amount", "金额"),
                ("conditions", "条件"),
                ("benefits", "支持方式"),
                ("by", "结构化"),
            )
        )
        title = escape(f"{m['article'] or m['locator'] or ''} {m['title']}".strip())
        parts.append(
            f"<p><b>{title}</b></p><table cellspacing='0' cellpadding='3'>{head}{rows}</table>"
        )
    return "".join(parts)


class PackagePreviewDialog(QDialog):
    """The dry run, shown; accepted means: apply the preview `chosen()` returns."""

    COLUMNS = ("处理", "文件", "文号", "条目", "规则", "有变化的措施")

    def __init__(self, previews: Previews, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep, replace = previews.keep, previews.replace
        self.keep, self.replace = keep, replace
        self.setWindowTitle(f"导入政策包 — {keep.path.name}")
        self.resize(1000, 680)
        m = keep.manifest
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("Lead")
        origin = QLabel(
            f"来自：{m.get('office') or '未注明单位'}　制作于 {str(m.get('created', ''))[:10]}　"
            f"惠企政策通 {m.get('app_version', '')}　共 {len(keep.plans)} 份文件",
            self,
        )
        origin.setObjectName("Muted")
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setAccessibleName("政策包中的文件")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_measures(row))
        self.measures = QTextBrowser(self)
        self.measures.setAccessibleName("措施的变化")
        self.replace_check = QCheckBox(self)
        self.replace_check.setVisible(replace is not None)
        if replace is not None:
            count = len(keep.conflicts)
            self.replace_check.setText(
                f"以政策包的结构化结果为准(&R)：本机已有 {count} 份文件结构化的结果与政策包不同，"
                "默认保留本机的"
            )
        self.replace_check.toggled.connect(lambda _on: self._fill())
        buttons, self.apply_button = _buttons(self, "导入(&A)")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(origin)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.measures, 3)
        layout.addWidget(self.replace_check)
        layout.addWidget(buttons)
        self._fill()

    def chosen(self) -> PackagePreview:
        if self.replace is not None and self.replace_check.isChecked():
            return self.replace
        return self.keep

    def _fill(self) -> None:
        preview = self.chosen()
        self._documents = preview.to_dict()["documents"]
        if preview.changes_anything:
            self.summary.setText(f"导入后：{preview.summary()}")
        else:
            self.summary.setText(f"{preview.summary()}本机政策库不会有任何改动。")
        self.apply_button.setEnabled(preview.changes_anything)
        self.table.setRowCount(len(self._documents))
        for row, doc in enumerate(self._documents):
            cells = (
                doc["action_label"],
                doc["title"],
                doc["doc_number"] or "未注明",
                str(doc["items"]),
                str(doc["rules"]),
                str(len(doc["measures_changed"])) if doc["measures_changed"] else "—",
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 0:
                    cell.setForeground(QColor(ACTION_COLOURS[doc["action"]]))
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        current = max(0, self.table.currentRow())
        if self._documents:
            self.table.setCurrentCell(current, 0)
            self._show_measures(current)

    def _show_measures(self, row: int) -> None:
        if 0 <= row < len(self._documents):
            self.measures.setHtml(measures_html(self._documents[row]))

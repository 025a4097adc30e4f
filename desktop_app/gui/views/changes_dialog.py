"""变化提醒: for each saved enterprise whose evaluation would now differ, what changed and why
(the document and the cause), as one list to read, print or export (CSV for Excel)."""

from __future__ import annotations

import csv
from html import escape
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.changes.compare import MeasureChange
from desktop_app.core.changes.reevaluate import ChangeReport

CSV_HEADER = ["企业", "比较的评估日期", "变化", "措施", "文件", "出处", "原来", "现在", "原因"]


def report_html(report: ChangeReport) -> str:
    parts = [
        f"<h2>变化提醒（{report.as_of.isoformat()}）</h2>",
        f"<p>{escape(report.summary())}每家企业都与它最后一次保存的评估比较；"
        "已保存的评估不会被改动。</p>",
        f"<p style='color:#52606d'>现在的数据：{escape(report.data_version_label)}"
        f"<small>（数据代码 {escape(report.data_version)}）</small></p>",
    ]
    for enterprise in report.enterprises:
        parts.append(
            f"<h3>{escape(enterprise.name)}</h3><p style='color:#52606d'>"
            f"与 {escape(enterprise.baseline_as_of)} 的评估比较"
            f"（当时的数据：{escape(enterprise.baseline_data_label)}）</p><ul>"
        )
        # changes with one cause (a document past its period) are said once, then listed
        groups: dict[tuple[str, str], list[MeasureChange]] = {}
        for change in enterprise.changes:
            groups.setdefault((change.kind_label, change.reason), []).append(change)
        for (kind, reason), changes in groups.items():
            if len(changes) == 1:
                c = changes[0]
                parts.append(
                    f"<li><b>［{escape(kind)}］{escape(c.title)}</b>：{escape(reason)}"
                    f"<br><span style='color:#52606d'>{escape(c.citation)}</span></li>"
                )
                continue
            titles = "；".join(f"{escape(c.title)}（{escape(_article(c))}）" for c in changes)
            parts.append(
                f"<li><b>［{escape(kind)}］{len(changes)} 项</b>：{escape(reason)}<br>{titles}</li>"
            )
        parts.append("</ul>")
    if report.unreadable:
        parts.append("<h3>无法重新评估</h3><ul>")
        parts += [f"<li>{escape(u['name'])}：{escape(u['reason'])}</li>" for u in report.unreadable]
        parts.append("</ul>")
    if report.not_evaluated:
        names = "、".join(escape(n) for n in report.not_evaluated)
        parts.append(f"<p style='color:#52606d'>尚未评估过、无从比较的企业：{names}</p>")
    if report.cancelled:
        parts.append("<p><b>核对已取消，以上只是已核对的部分。</b></p>")
    return "".join(parts)


def _article(change: MeasureChange) -> str:
    """第6项 of 《…》第6项: the document is named once in the group's reason."""
    citation = change.citation
    return citation.rsplit("》", 1)[-1] or citation


def write_csv(report: ChangeReport, path: Path) -> None:
    """UTF-8 with a BOM, so Excel opens the Chinese text right."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_HEADER)
        for e in report.enterprises:
            for c in e.changes:
                writer.writerow(
                    [
                        e.name,
                        e.baseline_as_of,
                        c.kind_label,
                        c.title,
                        c.document_title,
                        c.citation,
                        c.before,
                        c.after,
                        c.reason,
                    ]
                )


class ChangesDialog(QDialog):
    recheck_requested = Signal()

    def __init__(self, report: ChangeReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("变化提醒")
        self.report = report
        self.browser = QTextBrowser(self)
        self.browser.setHtml(report_html(report))
        self.browser.document().setDocumentMargin(14)
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton("打印(&P)…", self)
        self.export_button = QPushButton("导出为表格(&X)…", self)
        self.recheck_button = QPushButton("重新核对(&R)", self)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("关闭")
        for button in (self.print_button, self.export_button, self.recheck_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_report)
        self.export_button.clicked.connect(self.export_report)
        self.recheck_button.clicked.connect(self.recheck_requested)
        self.export_button.setEnabled(bool(report.enterprises))
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(900, 680)

    def print_report(self) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle("打印预览 — 变化提醒")
        preview.paintRequested.connect(self.browser.document().print_)
        preview.exec()

    def export_report(self) -> None:
        name = f"变化提醒-{self.report.as_of:%Y%m%d}.csv"
        path_text, _ = QFileDialog.getSaveFileName(self, "导出变化提醒", name, "表格 (*.csv)")
        if not path_text:
            return
        path = Path(path_text).with_suffix(".csv")
        try:
            write_csv(self.report, path)
        except OSError as exc:
            QMessageBox.warning(self, "导出变化提醒", f"无法写入 {path}：{exc.strerror or exc}")

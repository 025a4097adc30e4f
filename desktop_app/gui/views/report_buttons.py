"""The row of report buttons shared by the result page and a reopened evaluation:
导出PDF, 导出Word, 打印预览, 打印 and the 简版 switch (default from 告知单设置)."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QCheckBox, QPushButton, QWidget


class ReportButtons:
    def __init__(self, parent: QWidget) -> None:
        self.pdf_button = QPushButton("导出PDF(&P)…", parent)
        self.pdf_button.setToolTip("导出“惠企政策告知单”PDF（存档用的准确版本）")
        self.word_button = QPushButton("导出Word(&W)…", parent)
        self.word_button.setToolTip("导出可编辑的 Word 文件，调整措辞后再打印")
        self.preview_button = QPushButton("打印预览(&V)…", parent)
        self.preview_button.setToolTip("先看打印出来的样子，可在预览中直接打印")
        self.print_button = QPushButton("打印(&R)…", parent)
        self.print_button.setToolTip("打印“惠企政策告知单”")
        self.brief_check = QCheckBox("简版(&J)", parent)
        self.brief_check.setToolTip(
            "简版：一页的惠企政策告知单；详版：告知单之后另附每项措施的条件、金额计算和原文依据"
        )

    def buttons(self) -> list[QPushButton]:
        return [self.pdf_button, self.word_button, self.preview_button, self.print_button]

    def add_to(self, layout: QBoxLayout) -> None:
        for button in self.buttons():
            layout.addWidget(button)
        layout.addWidget(self.brief_check)

    def set_available(self, *, pdf: bool, printing: bool, reason: str = "") -> None:
        self.pdf_button.setEnabled(pdf)
        self.word_button.setEnabled(pdf)
        self.preview_button.setEnabled(pdf and printing)
        self.print_button.setEnabled(pdf and printing)
        if reason:
            for button in self.buttons():
                button.setToolTip(reason)

    def set_default_brief(self, settings: object | None) -> None:
        brief = getattr(settings, "notice_brief", None)
        if callable(brief):
            self.brief_check.setChecked(bool(brief()))

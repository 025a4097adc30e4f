"""导入政策文件: the preview of a file read but not yet stored.

Each detected metadata value is shown in an editable field with the passage of the text that
states it underneath; a value the reader did not find is empty and reads 未注明. The user
confirms (导入) or corrects first; the list below shows every item found. Nothing is stored
until 导入 is pressed, and then by the caller, off the GUI thread.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import regions
from desktop_app.core.library.importer import FIELDS, ImportPreview
from desktop_app.core.model import UNSTATED
from desktop_app.gui.wizard.region_picker import RegionPicker

KIND_LABELS = {"measure": "措施", "general": "一般条目", "preamble": "前言"}
LEVEL_CHOICES = ("省", "市", "区县")
STATUS_CHOICES = ("", "征求意见稿")
NOT_FOUND = "文中未找到，请核对原文后填写，或保留为未注明。"
NO_PASSAGE = "未摘录依据原文，请对照原文核对。"


class ImportPreviewDialog(QDialog):
    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"导入政策文件 — {preview.path.name}")
        self.resize(1100, 760)
        self._detected = preview.metadata
        evidence = preview.evidence
        self.editors: dict[str, QLineEdit | QComboBox | RegionPicker] = {}

        intro = QLabel(
            "请逐项核对从文件中识别出的信息：每项下方是文中的依据。识别有误的请直接改正；"
            f"文中没有写明的保持空白，显示为“{UNSTATED}”。确认无误后按“导入”。",
            self,
        )
        intro.setWordWrap(True)

        form_host = QWidget(self)
        form = QFormLayout(form_host)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for key, label in FIELDS.items():
            editor = self._editor(key)
            self.editors[key] = editor
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(editor)
            passage = evidence.get(key)
            if passage:
                basis_text = f"依据：{passage}"
            else:
                basis_text = NO_PASSAGE if self._detected.get(key) else NOT_FOUND
            basis = QLabel(basis_text, form_host)
            basis.setObjectName("Muted")
            basis.setWordWrap(True)
            basis.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(basis)
            form.addRow(f"{label}：", column)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(form_host)
        meta_box = QGroupBox("文件信息", self)
        meta_layout = QVBoxLayout(meta_box)
        meta_layout.addWidget(scroll)

        items_box = QGroupBox(f"识别出的条目（{len(preview.read.items)} 条）", self)
        items_layout = QVBoxLayout(items_box)
        self.items = QListWidget(items_box)
        self.items.setAccessibleName("识别出的条目")
        self.items.setWordWrap(True)
        for item in preview.read.items:
            self.items.addItem(_item_row(item))
        items_layout.addWidget(self.items)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(meta_box)
        splitter.addWidget(items_box)
        splitter.setSizes([680, 400])

        warnings = preview.to_dict()["warnings"]
        self.warnings = QLabel("\n".join(f"• {w}" for w in warnings), self)
        self.warnings.setObjectName("Warning")
        self.warnings.setWordWrap(True)
        self.warnings.setVisible(bool(warnings))

        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.import_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.warnings)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        source = QLabel(f"文件：{preview.path}（SHA-256 {preview.read.source_sha256[:16]}…）", self)
        source.setObjectName("Muted")
        bottom.addWidget(source, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

    def _editor(self, key: str) -> QLineEdit | QComboBox | RegionPicker:
        value = self._detected.get(key)
        if key == "region_code":
            picker = RegionPicker(self)
            for combo in picker.combos:
                combo.setMinimumWidth(110)
            picker.set_code(value)
            picker.setAccessibleName("发文地区")
            return picker
        if key in ("level", "status"):
            combo = QComboBox(self)
            choices = LEVEL_CHOICES if key == "level" else STATUS_CHOICES
            combo.addItem(UNSTATED if key == "level" else "正式印发（未注明征求意见）", "")
            for choice in choices:
                if choice:
                    combo.addItem(choice, choice)
            combo.setCurrentIndex(max(0, combo.findData(value or "")))
            combo.setAccessibleName(FIELDS[key])
            return combo
        edit = QLineEdit(str(value) if value else "", self)
        edit.setPlaceholderText(UNSTATED + ("（YYYY-MM-DD）" if key in _DATES else ""))
        edit.setAccessibleName(FIELDS[key])
        return edit

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, RegionPicker):
                out[key] = editor.code()
            elif isinstance(editor, QComboBox):
                out[key] = editor.currentData() or None
            else:
                out[key] = editor.text().strip() or None
        return out

    def corrections(self) -> dict[str, Any]:
        """The fields the user changed: {field: new value (None = 未注明)}."""
        changed = {}
        for key, value in self.values().items():
            detected = self._detected.get(key) or None
            if key == "region_code" and value and detected:
                with contextlib.suppress(LookupError):
                    detected = regions.resolve(detected).code
            if value != detected:
                changed[key] = value
        return changed


_DATES = ("issued", "valid_from", "valid_to")


def _item_row(item: Any) -> QListWidgetItem:
    kind = KIND_LABELS.get(item.kind, item.kind)
    head = item.article or item.locator
    title = item.title or item.text[:40]
    path = " › ".join(item.path)
    text = f"{head}　{title}\n{kind}" + (f"　{path}" if path else "")
    row = QListWidgetItem(text)
    row.setToolTip(item.text)
    return row

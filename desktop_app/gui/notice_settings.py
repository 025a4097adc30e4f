"""告知单设置: the office block printed on every 惠企政策告知单 (服务单位名称, 经办人, 联系电话)
and the default version (简版 / 详版), kept in settings.ini; the same dialog, titled 打印落款,
lets the official change them for one printout just before it is made."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.notice.office import MAX_FIELD, OfficeInfo


class NoticeMemory(Protocol):
    """What the dialog reads and writes (gui.settings.Settings)."""

    def office(self) -> OfficeInfo: ...

    def set_office(self, office: OfficeInfo) -> None: ...

    def notice_brief(self) -> bool: ...

    def set_notice_brief(self, brief: bool) -> None: ...


class NoticeSettingsDialog(QDialog):
    def __init__(
        self, settings: NoticeMemory, parent: QWidget | None = None, *, for_print: bool = False
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.for_print = for_print
        self.setWindowTitle("打印落款" if for_print else "告知单设置")
        office = settings.office()
        self.unit = self._line(office.unit, "例如：××街道企业服务中心")
        self.officer = self._line(office.officer, "经办人姓名")
        self.phone = self._line(office.phone, "例如：0592-1234567")
        form = QFormLayout()
        form.addRow("服务单位名称(&U)：", self.unit)
        form.addRow("经办人(&O)：", self.officer)
        form.addRow("联系电话(&T)：", self.phone)
        self.brief = QRadioButton("简版：惠企政策告知单（一页）(&J)", self)
        self.full = QRadioButton("详版：告知单另附逐项说明(&X)", self)
        group = QButtonGroup(self)
        group.addButton(self.brief)
        group.addButton(self.full)
        (self.brief if settings.notice_brief() else self.full).setChecked(True)
        versions = QVBoxLayout()
        versions.addWidget(self.brief)
        versions.addWidget(self.full)
        form.addRow("默认版本：" if not for_print else "本次打印：", versions)
        hint = QLabel(
            "这些信息印在告知单末尾的落款处（留有签字盖章位置）；留空的项目打印为空白，可手写。",
            self,
        )
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        self.remember = QCheckBox("同时保存为默认设置(&S)", self)
        self.remember.setVisible(for_print)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("继续(&G)" if for_print else "保存(&S)")
        ok.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        row = QHBoxLayout()
        row.addWidget(self.remember)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.resize(560, self.sizeHint().height())

    def _line(self, text: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setPlaceholderText(placeholder)
        edit.setMaxLength(MAX_FIELD)
        return edit

    def office(self) -> OfficeInfo:
        return OfficeInfo(self.unit.text(), self.officer.text(), self.phone.text()).cleaned()

    def is_brief(self) -> bool:
        return self.brief.isChecked()

    def accept(self) -> None:
        if not self.for_print or self.remember.isChecked():
            self.settings.set_office(self.office())
            self.settings.set_notice_brief(self.is_brief())
        super().accept()


def edit_settings(parent: QWidget | None, settings: NoticeMemory) -> bool:
    """The settings dialog (企业 → 告知单设置); True when saved."""
    dialog = NoticeSettingsDialog(settings, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def ask_for_print(
    parent: QWidget | None, settings: NoticeMemory, brief: bool
) -> tuple[OfficeInfo, bool] | None:
    """The office block and version for one printout, prefilled from the settings (Enter
    accepts); None when cancelled. Replaced in tests."""
    dialog = NoticeSettingsDialog(settings, parent, for_print=True)
    (dialog.brief if brief else dialog.full).setChecked(True)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.office(), dialog.is_brief()
    finally:
        dialog.deleteLater()

"""Step 1: name, 统一社会信用代码 and contact (printed, never evaluated), region, industry
(with what falls in each), entity type, date established."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_app.core import credit_code, size_class
from desktop_app.core.eligibility.profile import ENTITY_TYPES, MAX_CONTACT, MAX_NAME
from desktop_app.gui.widgets.fields import ComboField, DateField, muted
from desktop_app.gui.wizard.page_base import QuestionPage
from desktop_app.gui.wizard.region_picker import RegionPicker


def industry_help(name: str | None) -> str:
    """What falls in an industry, from the 规定's own list and the editorial hints."""
    if not name:
        return "按《中小企业划型标准规定》的16个行业选择；用于判断企业规模。"
    try:
        industry = next(i for i in size_class.industries() if i.name == name)
    except StopIteration:
        return ""
    parts = []
    if industry.examples:
        parts.append("包括：" + "、".join(industry.examples))
    if industry.hints:
        parts.append("例如：" + "、".join(industry.hints))
    parts.append(f"划型依据：第四条{industry.clause}")
    return "；".join(parts)


class BasicPage(QuestionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "第1步　基本信息",
            "填写企业的基本情况。每一项都可以不填，不填表示“不确定”，相关措施会标为“需确认”。",
            parent,
        )
        layout = self.scrolled()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setVerticalSpacing(10)
        form.setHorizontalSpacing(16)
        layout.addLayout(form)
        layout.addStretch(1)

        self.name = QLineEdit(self)
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText("例如：厦门某某精密制造有限公司")
        self.name.setMinimumWidth(520)
        self.name.setAccessibleName("企业名称")
        form.addRow(self._label("企业名称(&M)", self.name), self.name)

        # printed on the 告知单 only; a wrong check character is said here as it is typed
        self.credit_code = QLineEdit(self)
        self.credit_code.setMaxLength(credit_code.LENGTH + 6)  # room for spaces typed in it
        self.credit_code.setPlaceholderText("18位，选填，打印在告知单上")
        self.credit_code.setMinimumWidth(300)
        self.credit_code.setAccessibleName(credit_code.LABEL)
        code_box, self.credit_code_error = self._with_error_line(self.credit_code)
        self.credit_code.textChanged.connect(self._show_code_error)
        form.addRow(self._label("统一社会信用代码(&C)", self.credit_code), code_box)

        self.contact = QLineEdit(self)
        self.contact.setMaxLength(MAX_CONTACT)
        self.contact.setPlaceholderText("联系人及电话，选填，打印在告知单上")
        self.contact.setMinimumWidth(520)
        self.contact.setAccessibleName("联系方式")
        form.addRow(self._label("联系方式(&P)", self.contact), self.contact)

        self.region = RegionPicker(self)
        form.addRow(self._label("所在地区(&R)", self.region.province), self.region)

        self.industry = QComboBox(self)
        self.industry.addItem("未填写（不确定）", None)
        for industry in size_class.industries():
            self.industry.addItem(f"{industry.clause} {industry.name}", industry.name)
            self.industry.setItemData(
                self.industry.count() - 1,
                industry_help(industry.name),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.industry.setMinimumWidth(300)
        self.industry.setAccessibleName("所属行业")
        self.industry_help = muted(industry_help(None), self)
        self.industry_help.setMinimumWidth(520)
        self.industry.currentIndexChanged.connect(
            lambda _i: self.industry_help.setText(industry_help(self.industry.currentData()))
        )
        form.addRow(self._label("所属行业(&I)", self.industry), self.industry)
        form.addRow("", self.industry_help)

        self.entity_type = self.watch(
            ComboField([(label, key) for key, label in ENTITY_TYPES.items()], self, width=220)
        )
        assert isinstance(self.entity_type, ComboField)
        form.addRow(self._label("主体类型(&T)", self.entity_type.combo), self.entity_type)

        self.established = self.watch(DateField(latest=date.today(), parent=self))
        assert isinstance(self.established, DateField)
        date_box, self.established_error = self._with_error_line(self.established)
        self.established.changed.connect(self._show_date_error)
        form.addRow(self._label("成立日期(&D)", self.established.line), date_box)

        self.notes = QLineEdit(self)
        self.notes.setPlaceholderText("联系人、跟进事项等，只保存在本机，不参与评估")
        self.notes.setMinimumWidth(520)
        self.notes.setAccessibleName("备注")
        form.addRow(self._label("备注(&O)", self.notes), self.notes)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _with_error_line(self, field: QWidget) -> tuple[QWidget, QLabel]:
        """The field above a red line that says what is wrong with it (hidden until then)."""
        error = muted("", self)
        error.setStyleSheet("color: #b42318;")
        # one line as wide as it needs: a wrapped label in the form's row is cut off at the
        # height the row had before the message appeared
        error.setWordWrap(False)
        error.hide()
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)  # the message may be wider
        layout.addWidget(error)
        return box, error

    def _show_date_error(self) -> None:
        error = self.established.error()
        self.established_error.setText(error or "")
        self.established_error.setVisible(bool(error))

    def _show_code_error(self) -> None:
        code = credit_code.normalized(self.credit_code.text())
        error = credit_code.credit_code_problem(code) if code else None
        # while typing, a short code is not yet an error worth a red line
        if error and len(code) < credit_code.LENGTH:
            error = None
        self.credit_code_error.setText(error or "")
        self.credit_code_error.setVisible(bool(error))

    def load(self, profile: dict[str, Any]) -> None:
        self.name.setText(profile.get("name") or "")
        self.credit_code.setText(profile.get("credit_code") or "")
        self.contact.setText(profile.get("contact") or "")
        self.region.set_code(profile.get("region"))
        industry = profile.get("industry")
        index = self.industry.findData(industry)
        if index < 0 and industry:
            # kept rather than dropped, so re-saving never loses what was saved
            self.industry.addItem(f"{industry}（已保存的值，不是标准行业名称）", industry)
            index = self.industry.count() - 1
        self.industry.setCurrentIndex(max(0, index))
        self.entity_type.set_value(profile.get("entity_type"))
        established = profile.get("established")
        self.established.set_value(date.fromisoformat(established) if established else None)

    def collect(self, into: dict[str, Any]) -> None:
        established = self.established.value()
        into.update(
            name=self.name.text().strip() or None,
            credit_code=self.credit_code.text().strip() or None,
            contact=self.contact.text().strip() or None,
            region=self.region.code(),
            industry=self.industry.currentData(),
            entity_type=self.entity_type.value(),
            established=established.isoformat() if isinstance(established, date) else None,
        )

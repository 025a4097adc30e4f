"""本地补充信息: the office's own 受理窗口, 电话, 申报时间 and 材料 for one measure."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from desktop_app.core.structuring.guidance import MARK, LocalGuidance, guidance_from
from desktop_app.gui.structuring.form_parts import FormDialog


class GuidanceDialog(FormDialog):
    def __init__(
        self,
        title: str,
        measure_id: str,
        current: dict[str, Any] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"本地补充信息 — {title}", parent)
        self.measure_id = measure_id
        self.saved: LocalGuidance | None = None
        current = current or {}
        intro = QLabel(
            f"这里填写原文没有写明、由本地掌握的办理信息。显示和打印时一律标为“{MARK}”，"
            "不与原文混在一起。",
            self,
        )
        intro.setWordWrap(True)
        self.office = self.line(current.get("office") or "")
        self.address = self.line(current.get("address") or "")
        self.phone = self.line(current.get("phone") or "")
        self.period = self.line(current.get("period") or "", "如：每年3月1日至4月30日")
        self.year_round = QCheckBox("常年申报(&Y)", self)
        self.year_round.setChecked(bool(current.get("year_round")))
        self.year_round.toggled.connect(lambda on: self.period.setEnabled(not on))
        self.period.setEnabled(not self.year_round.isChecked())
        materials = "\n".join(current.get("materials") or [])
        self.materials = self.text_area(materials, "每行一项，如：申请表、营业执照复印件")
        self.note = self.text_area(current.get("note") or "")
        for label, field in (("受理窗口(&O)", self.office), ("地址(&D)", self.address),
                             ("联系电话(&P)", self.phone), ("申报时间(&T)", self.period),
                             ("", self.year_round), ("申报材料(&M)", self.materials),
                             ("备注(&N)", self.note)):  # fmt: skip
            self.form.addRow(label, field)
        self.finish(620, 520, above=intro)

    def values(self) -> dict[str, Any]:
        return {
            "office": self.office.text(),
            "address": self.address.text(),
            "phone": self.phone.text(),
            "period": "" if self.year_round.isChecked() else self.period.text(),
            "year_round": self.year_round.isChecked(),
            "materials": self.materials.toPlainText(),
            "note": self.note.toPlainText(),
        }

    def _save(self) -> None:
        guidance = guidance_from(self.measure_id, self.values())
        if guidance.problems:
            self.problems.setText("无法保存：" + "；".join(guidance.problems))
            return
        self.saved = guidance
        self.accept()

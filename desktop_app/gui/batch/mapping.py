"""The column-mapping step: each header of the roster with the field it fills (recognised or
remembered), an example value, and a list to change it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from desktop_app.core.batch import columns as cols
from desktop_app.core.eligibility.facts import FactsRegistry


class MappingTable(QTableWidget):
    def __init__(self, registry: FactsRegistry, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.registry = registry
        self.setHorizontalHeaderLabels(["名册中的列", "示例", "对应到"])
        self.setAccessibleName("列对应")
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setVisible(False)
        self.specs: list[cols.ColumnSpec] = []
        self._fields = [None, *cols.all_fields(registry)]

    def load(self, specs: list[cols.ColumnSpec], examples: list[Any]) -> None:
        self.specs = list(specs)
        self.setRowCount(len(specs))
        for n, spec in enumerate(specs):
            self.setItem(n, 0, QTableWidgetItem(spec.header or f"（第{spec.index + 1}列，无列名）"))
            example = examples[spec.index] if spec.index < len(examples) else ""
            if isinstance(example, datetime):
                example = example.date().isoformat()
            self.setItem(n, 1, QTableWidgetItem("" if example is None else str(example)))
            for column in (0, 1):
                item = self.item(n, column)
                assert item is not None
                item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
            box = QComboBox(self)
            for field in self._fields:
                box.addItem(cols.field_label(field, self.registry), field)
            box.setCurrentIndex(self._fields.index(spec.field) if spec.field in self._fields else 0)
            box.setAccessibleName(f"“{spec.header}”对应到")
            self.setCellWidget(n, 2, box)

    def mapping(self) -> list[cols.ColumnSpec]:
        out = []
        for n, spec in enumerate(self.specs):
            box = self.cellWidget(n, 2)
            field = box.currentData() if isinstance(box, QComboBox) else spec.field
            out.append(cols.ColumnSpec(spec.index, spec.header, field, spec.unit))
        return out

    def problem(self) -> str | None:
        fields = [s.field for s in self.mapping() if s.field]
        if "name" not in fields:
            return "请指定哪一列是“企业名称”"
        doubled = sorted({f for f in fields if fields.count(f) > 1})
        if doubled:
            names = "、".join(cols.field_label(f, self.registry) for f in doubled)
            return f"同一项不能对应两列：{names}"
        return None

"""The result views of a screening: 按企业, 按措施 (with the enterprises of the chosen measure),
未纳入的行 and 说明, each a sortable table with a filter box."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.batch.screen import BatchResult, Outcome
from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.gui.batch.models import (
    OBJECT_ROLE,
    EnterpriseModel,
    FilterProxy,
    MeasureFirmsModel,
    MeasureModel,
)


def _table(parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setAccessibleName(name)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def _filter(parent: QWidget, hint: str, proxy: FilterProxy) -> QLineEdit:
    box = QLineEdit(parent)
    box.setPlaceholderText(hint)
    box.setClearButtonEnabled(True)
    box.setAccessibleName(hint)
    box.textChanged.connect(proxy.set_text)
    return box


class ResultViews(QTabWidget):
    open_requested = Signal(object)  # Outcome

    def __init__(self, registry: FactsRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.result: BatchResult | None = None
        self._firms_of_model: MeasureFirmsModel | None = None
        # 按企业
        page = QWidget(self)
        self.firm_proxy = FilterProxy(self)
        self.firm_filter = _filter(page, "筛选企业：名称、地区、行业、规模…", self.firm_proxy)
        self.firms = _table(page, "按企业")
        self.firms.setModel(self.firm_proxy)
        self.firms.doubleClicked.connect(lambda _i: self._open_current())
        layout = QVBoxLayout(page)
        layout.addWidget(self.firm_filter)
        layout.addWidget(self.firms)
        self.addTab(page, "按企业(&1)")
        # 按措施
        page = QWidget(self)
        self.measure_proxy = FilterProxy(self)
        self.measure_filter = _filter(page, "筛选措施：标题、文件…", self.measure_proxy)
        self.measures = _table(page, "按措施")
        self.measures.setModel(self.measure_proxy)
        self.firms_of_measure = _table(page, "该措施的企业")
        self.firms_of_proxy = FilterProxy(self)
        self.firms_of_measure.setModel(self.firms_of_proxy)
        self.firms_of_measure.doubleClicked.connect(lambda _i: self._open_of_measure())
        self.measure_caption = QLabel("选择一项措施，下方列出符合和可能符合的企业", page)
        split = QSplitter(Qt.Orientation.Vertical, page)
        split.addWidget(self.measures)
        lower = QWidget(split)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.measure_caption)
        lower_layout.addWidget(self.firms_of_measure)
        split.addWidget(lower)
        split.setSizes([300, 300])
        layout = QVBoxLayout(page)
        layout.addWidget(self.measure_filter)
        layout.addWidget(split)
        self.addTab(page, "按措施(&2)")
        # 未纳入的行 / 说明
        self.rejected_text = QPlainTextEdit(self)
        self.rejected_text.setReadOnly(True)
        self.rejected_text.setAccessibleName("未纳入的行")
        self.addTab(self.rejected_text, "未纳入的行(&3)")
        self.notes_text = QPlainTextEdit(self)
        self.notes_text.setReadOnly(True)
        self.notes_text.setAccessibleName("读取说明")
        self.addTab(self.notes_text, "说明(&4)")

    def show_result(self, result: BatchResult) -> None:
        self.result = result
        # the proxies do not own their models: each is kept here and parented to the view, or
        # Python would collect a model the proxy still reads
        self._firm_model = EnterpriseModel(result)
        self._firm_model.setParent(self)
        self._measure_model = MeasureModel(result)
        self._measure_model.setParent(self)
        self.firm_proxy.setSourceModel(self._firm_model)
        self.firms.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # most measures first
        self.measure_proxy.setSourceModel(self._measure_model)
        self.measures.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        for view, widths in ((self.firms, [50, 260, 170, 110, 70, 50, 70, 60, 80, 120]),
                             (self.measures, [380, 330, 100, 130])):  # fmt: skip
            for column, width in enumerate(widths):
                view.setColumnWidth(column, width)
        selection = self.measures.selectionModel()
        selection.currentRowChanged.connect(lambda current, _p: self._measure_chosen(current))
        self._measure_chosen(QModelIndex())
        self.setTabText(2, f"未纳入 {len(result.rejected)} 行(&3)")
        self.rejected_text.setPlainText(
            "\n".join(f"第{r.row}行：{r.reason}" for r in result.rejected) or "所有行都已纳入。"
        )
        roster = result.roster
        lines = [
            f"评估日期：{result.as_of.isoformat()}　数据版本：{result.data_version_text}",
            f"名册：{roster.source}（工作表“{roster.sheet}”，表头在第{roster.header_row}行）",
            f"已评估 {len(result.outcomes)} 家企业，每家对照 {len(result.measures)} 项措施；"
            f"未纳入 {len(result.rejected)} 行。",
            "合计仅含“符合”的措施中可计算的金额；未注明金额的措施不计入。",
            "",
            *roster.notes,
        ]
        self.notes_text.setPlainText("\n".join(lines))

    def _measure_chosen(self, current: QModelIndex) -> None:
        measure = current.data(OBJECT_ROLE) if current.isValid() else None
        old = self._firms_of_model
        self._firms_of_model = MeasureFirmsModel(measure, self.registry)
        self._firms_of_model.setParent(self)
        self.firms_of_proxy.setSourceModel(self._firms_of_model)
        if old is not None:
            old.deleteLater()
        for column, width in enumerate([80, 50, 260, 120]):
            self.firms_of_measure.setColumnWidth(column, width)
        if measure is None:
            self.measure_caption.setText("选择一项措施，下方列出符合和可能符合的企业")
        else:
            self.measure_caption.setText(
                f"{measure['item'].display_title}：符合 {len(measure['eligible'])} 家，"
                f"可能符合 {len(measure['possible'])} 家（双击或按 Enter 打开企业）"
            )

    def current_outcome(self) -> Outcome | None:
        if self.currentIndex() == 1:
            index = self.firms_of_measure.currentIndex()
            row = index.data(OBJECT_ROLE) if index.isValid() else None
            return row[1] if row else None
        index = self.firms.currentIndex()
        value = index.data(OBJECT_ROLE) if index.isValid() else None
        return value if isinstance(value, Outcome) else None

    def selected_outcomes(self) -> list[Outcome]:
        rows = self.firms.selectionModel().selectedRows() if self.firms.selectionModel() else []
        return [r.data(OBJECT_ROLE) for r in rows]

    def _open_current(self) -> None:
        outcome = self.current_outcome()
        if outcome is not None:
            self.open_requested.emit(outcome)

    def _open_of_measure(self) -> None:
        self._open_current()

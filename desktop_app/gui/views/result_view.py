"""The result of one evaluation: a summary on top; on the left the measures grouped as
符合 / 可能符合（需确认）/ 不符合 (collapsed) and 补充信息后可能适用; on the right the selected
measure in full. Enter on a measure (or the link) opens it in the main window.

It renders the typed MatchResult, so a live evaluation and one reopened from the history look
the same.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.eligibility.results import (
    ELIGIBLE,
    INELIGIBLE,
    NOT_IN_FORCE,
    POSSIBLE,
    STATUS_LABELS,
    MatchResult,
    MeasureResult,
)
from desktop_app.gui import theme
from desktop_app.gui.views import result_html

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "measure" | "supplement" | "group"
# 文件不在有效期内 last: for reference only, never among the measures that apply
GROUPS = (ELIGIBLE, POSSIBLE, INELIGIBLE, NOT_IN_FORCE)
SUPPLEMENTS = "supplements"
DEFAULT_HINT = "在问卷中补充这些信息后重新评估，结果可能更完整。"


def _children(node: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [c for i in range(node.childCount()) if (c := node.child(i)) is not None]


class ResultView(QWidget):
    open_measure_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, can_open: bool = True) -> None:
        super().__init__(parent)
        self.can_open = can_open
        self.supplement_hint = DEFAULT_HINT
        self.result: MatchResult | None = None
        self._measures: dict[str, MeasureResult] = {}
        self._supplements: list[dict[str, Any]] = []

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["措施", "估算金额"])
        self.tree.setAccessibleName("评估结果")
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda current, _prev: self._show(current))
        self.tree.itemActivated.connect(lambda item, _col: self._activate(item))

        self.detail = QTextBrowser(self)
        self.detail.setOpenLinks(False)
        self.detail.setAccessibleName("措施详情")
        self.detail.document().setDocumentMargin(12)
        self.detail.anchorClicked.connect(self._link)
        self.open_button = QPushButton("在主窗口查看原文(&O)", self)
        self.open_button.setToolTip("在主窗口的原文阅读器中打开这条措施（Enter）")
        self.open_button.clicked.connect(self.open_current)
        self.open_button.setVisible(can_open)
        self.open_button.setEnabled(False)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)

    # -- content -----------------------------------------------------------------------------
    def clear(self, message: str = "") -> None:
        self.result = None
        self._measures = {}
        self._supplements = []
        self.tree.clear()
        self.summary.setText(message)
        self.detail.clear()
        self.open_button.setEnabled(False)

    def show_result(self, result: MatchResult, name: str | None = None) -> None:
        self.clear()
        self.result = result
        self.summary.setText(
            result_html.summary_html(result, name or result.profile.name or "（未填写企业名称）")
        )
        self._measures = {m.item.id: m for m in result.results}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        first: QTreeWidgetItem | None = None
        for status in GROUPS:
            group = result.by_status(status)
            node = QTreeWidgetItem([f"{STATUS_LABELS[status]}（{len(group)} 项）", ""])
            node.setData(0, KIND_ROLE, "group")
            node.setData(0, ID_ROLE, status)
            node.setFont(0, bold)
            node.setForeground(0, QBrush(QColor(result_html.STATUS_COLOURS[status])))
            self.tree.addTopLevelItem(node)
            for m in group:
                shown = status in (ELIGIBLE, POSSIBLE)
                title = m.title
                if m.provenance:  # 自行导入 (未复核): the rules were structured in this office
                    title += (
                        "【自行导入" + ("·未复核" if m.provenance.get("unreviewed") else "") + "】"
                    )
                child = QTreeWidgetItem([title, m.amount.text if shown else "—"])
                child.setData(0, ID_ROLE, m.item.id)
                child.setData(0, KIND_ROLE, "measure")
                child.setToolTip(0, m.citation)
                node.addChild(child)
                if first is None:
                    first = child
            # 不符合 starts collapsed: it is the long list nobody needs first
            node.setExpanded(status in (ELIGIBLE, POSSIBLE))
        self._supplements = list(result.supplements)
        node = QTreeWidgetItem([f"补充信息后可能适用（{len(self._supplements)} 项）", ""])
        node.setData(0, KIND_ROLE, "group")
        node.setData(0, ID_ROLE, SUPPLEMENTS)
        node.setFont(0, bold)
        node.setForeground(0, QBrush(QColor(theme.ACCENT)))
        self.tree.addTopLevelItem(node)
        for index, s in enumerate(self._supplements):
            child = QTreeWidgetItem(
                [s.get("label") or s.get("key", ""), f"{len(s.get('measures') or [])} 项措施"]
            )
            child.setData(0, ID_ROLE, index)
            child.setData(0, KIND_ROLE, "supplement")
            node.addChild(child)
        node.setExpanded(True)
        target = first or self.tree.topLevelItem(0)
        if target is not None:
            self.tree.setCurrentItem(target)

    # -- queries (used by tests and by the wizard) -------------------------------------------
    def group_node(self, key: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            node = self.tree.topLevelItem(i)
            if node is not None and node.data(0, ID_ROLE) == key:
                return node
        return None

    def ids_in_group(self, key: str) -> list[str]:
        node = self.group_node(key)
        if node is None:
            return []
        return [str(child.data(0, ID_ROLE)) for child in _children(node)]

    def supplement_labels(self) -> list[str]:
        node = self.group_node(SUPPLEMENTS)
        return [child.text(0) for child in _children(node)] if node else []

    def current_measure_id(self) -> str | None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, KIND_ROLE) == "measure":
            return str(item.data(0, ID_ROLE))
        return None

    def select_measure(self, measure_id: str) -> bool:
        for status in GROUPS:
            node = self.group_node(status)
            if node is None:
                continue
            for child in _children(node):
                if child.data(0, ID_ROLE) == measure_id:
                    node.setExpanded(True)
                    self.tree.setCurrentItem(child)
                    self.tree.scrollToItem(child)
                    return True
        return False

    # -- behaviour ---------------------------------------------------------------------------
    def _titles(self) -> dict[str, str]:
        return {mid: m.title for mid, m in self._measures.items()}

    def _show(self, item: QTreeWidgetItem | None) -> None:
        kind = item.data(0, KIND_ROLE) if item is not None else None
        self.open_button.setEnabled(kind == "measure" and self.can_open)
        if item is None:
            self.detail.clear()
        elif kind == "measure":
            m = self._measures[str(item.data(0, ID_ROLE))]
            self.detail.setHtml(result_html.measure_html(m, can_open=self.can_open))
        elif kind == "supplement":
            s = self._supplements[int(item.data(0, ID_ROLE))]
            self.detail.setHtml(
                result_html.supplement_html(s, self._titles(), self.supplement_hint)
            )
        else:
            self.detail.setHtml(self._group_html(str(item.data(0, ID_ROLE))))

    def _group_html(self, key: str) -> str:
        if key == SUPPLEMENTS:
            if not self._supplements:
                return "<p>没有可以补充的信息：已填信息足以判断全部措施。</p>"
            return (
                "<p>下面每一项信息如果补充（或取得相应认定），就可能让更多措施适用。"
                "选中一项可查看涉及哪些措施。</p>"
            )
        texts = {
            "eligible": "按所填信息，满足原文列明的全部条件的措施。",
            "possible": "尚缺少信息，或有需要主管部门认定的条件的措施。选中一项查看需要确认什么。",
            "ineligible": "至少有一项条件不满足的措施。",
            "not_in_force": "所在文件在评估日不在有效期内（已失效、已过执行期、尚未生效或为"
            "征求意见稿）的措施，仅供参考，不计入合计。选中一项查看有效期及其依据。",
        }
        return f"<p>{texts.get(key, '')}</p><p>用 ↑ ↓ 选择措施，→ 展开分组。</p>"

    def _activate(self, item: QTreeWidgetItem) -> None:
        if item.data(0, KIND_ROLE) == "measure":
            self.open_current()

    def open_current(self) -> None:
        measure_id = self.current_measure_id()
        if measure_id and self.can_open:
            self.open_measure_requested.emit(measure_id)

    def _link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith(result_html.OPEN_PREFIX):
            self.open_measure_requested.emit(target[len(result_html.OPEN_PREFIX) :])
        elif target.startswith(result_html.SELECT_PREFIX):
            self.select_measure(target[len(result_html.SELECT_PREFIX) :])

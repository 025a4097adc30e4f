"""结构化: an imported document item by item — the text with each proposal's passage
highlighted, accept / edit / reject each, add one from a selected passage, mark an item
非企业可申请, and save (the build-db validation runs and refuses with the reason)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.library.store import PolicyLibrary
from desktop_app.core.model import Document, Item
from desktop_app.core.structuring.describe import CONFIDENCE_LABELS, describe_proposal
from desktop_app.core.structuring.library_rules import (
    save_review,
    stored_review,
    structurable_items,
)
from desktop_app.core.structuring.proposal import Proposal
from desktop_app.core.structuring.review import (
    ACCEPTED,
    PENDING,
    REJECTED,
    ItemReview,
    proposal_from_selection,
)

COLOURS = {"benefit": "#fff0b3", "condition": "#d6e8ff"}
CURRENT = "#ffc46b"
DECISION_LABELS = {PENDING: "待定", ACCEPTED: "接受", REJECTED: "拒绝"}


class ReviewDialog(QDialog):
    def __init__(
        self,
        library: PolicyLibrary,
        document: Document,
        registry: FactsRegistry,
        user: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"结构化 — {document.title}")
        self.library, self.document, self.registry, self.user = library, document, registry, user
        self.items: list[Item] = structurable_items(library, document.id)
        self.reviews: dict[str, ItemReview] = {}
        self.saved_any = False

        self.item_list = QListWidget(self)
        self.item_list.setAccessibleName("条目")
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.text.setAccessibleName("条目原文（选中一段可添加待遇或条件）")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["类型", "内容", "置信度", "处理"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("建议")
        self.tree.setColumnWidth(0, 60)
        self.tree.setColumnWidth(1, 560)
        self.tree.setWordWrap(True)
        self.about = QLabel("", self)  # the current proposal's passage, payer, handler, notes
        self.about.setWordWrap(True)
        self.about.setObjectName("Muted")
        self.status = QLabel("", self)
        self.status.setWordWrap(True)

        self.accept_button = self._button("接受(&A)", lambda: self._decide(ACCEPTED))
        self.reject_button = self._button("拒绝(&R)", lambda: self._decide(REJECTED))
        self.edit_button = self._button("编辑(&E)…", self._edit)
        self.add_benefit = self._button("选中原文→添加待遇(&B)", lambda: self._add("benefit"))
        self.add_condition = self._button("选中原文→添加条件(&C)", lambda: self._add("condition"))
        self.accept_all = self._button("全部接受(&L)", self._accept_all)
        self.not_enterprise = QCheckBox("非企业可申请（政府工作任务）(&N)", self)
        self.not_enterprise.toggled.connect(self._mark_not_enterprise)
        self.save_button = self._button("保存本条(&S)", self._save)
        self.save_button.setDefault(True)
        save_key = QShortcut(QKeySequence("Ctrl+S"), self)
        save_key.activated.connect(self._save)
        close = self._button("关闭", self.accept)

        actions = QHBoxLayout()
        for b in (self.accept_button, self.reject_button, self.edit_button, self.accept_all):
            actions.addWidget(b)
        actions.addStretch(1)
        adding = QHBoxLayout()
        for b in (self.add_benefit, self.add_condition):
            adding.addWidget(b)
        adding.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.not_enterprise)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("原文（黄色：待遇，蓝色：条件；选中一段文字可添加）", right))
        right_layout.addWidget(self.text, 2)
        right_layout.addLayout(adding)
        right_layout.addWidget(QLabel("建议（每项都有原文依据；数字不在引文中的不会出现）", right))
        right_layout.addWidget(self.tree, 3)
        right_layout.addWidget(self.about)
        right_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.item_list)
        splitter.addWidget(right)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        self.resize(1280, 820)

        for item in self.items:
            self.item_list.addItem(QListWidgetItem(self._item_label(item)))
        self.item_list.currentRowChanged.connect(self._show_item)
        self.tree.currentItemChanged.connect(lambda *_: self._highlight())
        self.tree.itemDoubleClicked.connect(lambda *_: self._edit())
        if self.items:
            self.item_list.setCurrentRow(0)

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return button

    # -- items -------------------------------------------------------------------------
    def _item_label(self, item: Item) -> str:
        row = self.library.rules(item.id)
        state = "未结构化"
        if row is not None:
            state = "已保存，未复核" if row["unreviewed"] else "已保存"
        elif (
            item.enterprise_facing is False
            and item.id in self.reviews
            and self.reviews[item.id].not_enterprise
        ):
            state = "非企业可申请"
        return f"{item.article or item.locator}　{item.display_title}\n　　{state}"

    def review(self) -> ItemReview | None:
        row = self.item_list.currentRow()
        if not 0 <= row < len(self.items):
            return None
        item = self.items[row]
        if item.id not in self.reviews:
            self.reviews[item.id] = stored_review(self.library, item, self.registry)
        return self.reviews[item.id]

    def _show_item(self, _row: int) -> None:
        review = self.review()
        if review is None:
            return
        self.text.setPlainText(review.item.text)
        self.not_enterprise.blockSignals(True)
        self.not_enterprise.setChecked(review.not_enterprise)
        self.not_enterprise.blockSignals(False)
        self._fill_tree()
        self.status.setText(
            f"{len(review.proposals)} 项建议。逐项接受或拒绝，或选中原文添加，然后保存本条。"
        )

    def _fill_tree(self, select: str | None = None) -> None:
        review = self.review()
        self.tree.clear()
        if review is None:
            return
        chosen = None
        for p in review.proposals:
            row = QTreeWidgetItem(
                [
                    "待遇" if p.kind == "benefit" else "条件",
                    describe_proposal(p, self.registry),
                    CONFIDENCE_LABELS.get(p.confidence, p.confidence),
                    DECISION_LABELS[review.decision(p.id)],
                ]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, p.id)
            row.setToolTip(1, f"引文：{p.quote}" + ("\n" + "\n".join(p.notes) if p.notes else ""))
            self.tree.addTopLevelItem(row)
            if p.id == select:
                chosen = row
        first = chosen or self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._highlight()

    def current(self) -> Proposal | None:
        review, row = self.review(), self.tree.currentItem()
        if review is None or row is None:
            return None
        pid = row.data(0, Qt.ItemDataRole.UserRole)
        return next((p for p in review.proposals if p.id == pid), None)

    def _highlight(self) -> None:
        review = self.review()
        if review is None:
            return
        current = self.current()
        self.about.setText(self._about(current))
        selections = []
        # the current one on top, and a short passage over the long one that holds it
        for p in sorted(review.proposals, key=lambda p: (p is current, p.start - p.end)):
            if review.decision(p.id) == REJECTED or p.end <= p.start:
                continue
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(p.start)
            cursor.setPosition(p.end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(CURRENT if p is current else COLOURS[p.kind]))
            if p is current:
                fmt.setFontUnderline(True)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.text.setExtraSelections(selections)

    def _about(self, p: Proposal | None) -> str:
        if p is None:
            return ""
        parts = [f"引文：“{p.quote}”"]
        if p.payer:
            parts.append(f"出资：{p.payer}")
        if p.handler:
            parts.append(f"受理/负责：{p.handler}")
        parts += p.notes
        return "　".join(parts)

    # -- decisions -----------------------------------------------------------------------
    def _decide(self, decision: str) -> None:
        review, p = self.review(), self.current()
        if review is None or p is None:
            return
        review.set_decision(p.id, decision)
        selected = self.tree.currentItem()
        index = self.tree.indexOfTopLevelItem(selected) if selected is not None else 0
        self._fill_tree()
        following = self.tree.topLevelItem(min(index + 1, self.tree.topLevelItemCount() - 1))
        if following is not None:
            self.tree.setCurrentItem(following)

    def _accept_all(self) -> None:
        review = self.review()
        if review is not None:
            for p in review.proposals:
                review.set_decision(p.id, ACCEPTED)
            self._fill_tree()

    def _edit(self) -> None:
        from desktop_app.gui.structuring.proposal_editor import ProposalEditor

        review, p = self.review(), self.current()
        if review is None or p is None:
            return
        editor = ProposalEditor(review, p, self.registry, self)
        if editor.exec() and editor.saved is not None:
            review.replace(editor.saved)
            self._fill_tree(select=editor.saved.id)

    def _add(self, kind: str) -> None:
        review = self.review()
        if review is None:
            return
        cursor = self.text.textCursor()
        proposal, errors = proposal_from_selection(
            review, cursor.selectionStart(), cursor.selectionEnd(), kind, self.registry
        )
        if proposal is None:
            self.status.setText("未能添加：" + "；".join(e.split(": ", 1)[-1] for e in errors))
            return
        review.add(proposal)
        self._fill_tree(select=proposal.id)
        self.status.setText(f"已添加：{describe_proposal(proposal, self.registry)}")

    def _mark_not_enterprise(self, on: bool) -> None:
        review = self.review()
        if review is not None:
            review.not_enterprise = on

    def _save(self) -> None:
        review = self.review()
        if review is None:
            return
        outcome = save_review(
            self.library, review, structured_by=self.user, reviewed=True, registry=self.registry
        )
        if review.item.id in outcome.refused:
            reasons = [e.split(": ", 1)[-1] for e in outcome.refused[review.item.id]]
            QMessageBox.warning(self, "不能保存", "本条未保存，原因：\n" + "\n".join(reasons))
            self.status.setText("未保存：" + "；".join(reasons))
            return
        self.saved_any = True
        row = self.item_list.currentRow()
        self.item_list.item(row).setText(self._item_label(review.item))
        self.status.setText("已保存（标为已复核）。" if outcome.saved else "已标为“非企业可申请”。")
        if row + 1 < len(self.items):
            self.item_list.setCurrentRow(row + 1)

"""Editing one proposal: its label, its passage and its amount or condition (as YAML)."""

from __future__ import annotations

from typing import Any

import yaml
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.structuring.proposal import Proposal
from desktop_app.core.structuring.review import ItemReview, edited
from desktop_app.gui.structuring.form_parts import FormDialog


def _dump(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=70).strip()


class ProposalEditor(FormDialog):
    """Saving runs the build-db validation on the edited proposal and refuses with the reason."""

    def __init__(
        self,
        review: ItemReview,
        proposal: Proposal,
        registry: FactsRegistry,
        parent: QWidget | None = None,
    ) -> None:
        benefit = proposal.kind == "benefit"
        super().__init__("编辑待遇" if benefit else "编辑条件", parent)
        self.review, self.proposal, self.registry = review, proposal, registry
        self.saved: Proposal | None = None
        self.label = self.line(proposal.label or "")
        self.quote = self.text_area(proposal.quote)
        self.quote.setFixedHeight(80)
        body = (
            proposal.amount
            if benefit
            else {k: v for k, v in (proposal.test or {}).items() if k != "quote"}
        )
        self.body = self.text_area(_dump(body))
        hint = QLabel(
            "金额的格式见 db/benefits/README.md（type: fixed / up_to / per_unit / rate …）；"
            "每个数字都必须出现在引文中。"
            if benefit
            else "条件的格式见 db/benefits/README.md（test: qualification / fact_min …）。",
            self,
        )
        hint.setWordWrap(True)
        if benefit:
            self.form.addRow("名称(&L)", self.label)
        self.form.addRow("原文引文(&Q)", self.quote)
        self.form.addRow("金额(&M)" if benefit else "条件(&C)", self.body)
        self.finish(640, 460, below=hint)

    def _save(self) -> None:
        try:
            body = yaml.safe_load(self.body.toPlainText())
        except yaml.YAMLError:
            self.problems.setText(
                "无法保存：写法有误（应为 YAML，如 {type: fixed, value: 5, unit: 万元}）"
            )
            return
        if not isinstance(body, dict):
            self.problems.setText("无法保存：请写成“键: 值”的形式")
            return
        quote = " ".join(self.quote.toPlainText().split()) or self.proposal.quote
        changes: dict[str, Any] = {"quote": quote}
        if self.proposal.kind == "benefit":
            changes.update(amount=body, label=self.label.text().strip() or self.proposal.label)
        else:
            changes["test"] = {**body, "quote": quote}
        new, errors = edited(self.review, self.proposal, changes, self.registry)
        if new is None:
            self.problems.setText("无法保存：" + "；".join(e.split(": ", 1)[-1] for e in errors))
            return
        self.saved = new
        self.accept()

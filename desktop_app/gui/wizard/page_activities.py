"""Step 4: activities and plans — only the questions that can still change a result.

One editor exists for every fact in the registry (so answers survive going back and changing
the region); the page shows those the question plan (core.userdata.questions) lists for the
answers so far and the evaluation date, grouped as the registry groups them, two per row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.userdata.questions import QuestionPlan
from desktop_app.gui.widgets.fields import FieldBlock, FieldEditor, heading, make_editor, muted
from desktop_app.gui.wizard.page_base import QuestionPage

PlanSource = Callable[[], QuestionPlan | None]  # None: the answers so far cannot be read
NONE_TEXT = "在所选地区和评估日期，没有还需要回答的经营活动问题。可以直接点“下一步”。"


class ActivitiesPage(QuestionPage):
    def __init__(
        self, registry: FactsRegistry, plan_source: PlanSource, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "第4步　经营活动与计划",
            "只列出会影响所在地区、评估日期内适用措施的问题。都可以不填（不确定）。",
            parent,
        )
        self.registry = registry
        self.plan_source = plan_source
        self.plan: QuestionPlan | None = None
        layout = self.scrolled()
        self.intro = muted("", self)
        layout.addWidget(self.intro)
        self.fact_editors: dict[str, FieldEditor] = {}
        self.blocks: dict[str, FieldBlock] = {}
        self.group_titles: dict[str, QLabel] = {}
        self.group_grids: dict[str, QGridLayout] = {}
        for fact in registry.facts.values():
            if fact.group not in self.group_grids:
                title = heading(fact.group, self)
                grid = QGridLayout()
                grid.setHorizontalSpacing(28)
                grid.setColumnStretch(0, 1)
                grid.setColumnStretch(1, 1)
                layout.addWidget(title)
                layout.addLayout(grid)
                self.group_titles[fact.group] = title
                self.group_grids[fact.group] = grid
            editor = self.watch(make_editor(fact, self))
            block = FieldBlock(fact.label, editor, fact.help, self)
            block.hide()
            self.fact_editors[fact.id] = editor
            self.blocks[fact.id] = block
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.apply_plan(self.plan_source())

    def apply_plan(self, plan: QuestionPlan | None) -> None:
        self.plan = plan
        shown = {q.fact.id: q for g in plan.groups for q in g.questions} if plan else {}
        for grid in self.group_grids.values():
            for block in self.blocks.values():
                grid.removeWidget(block)
        positions: dict[str, int] = {}
        for fact in self.registry.facts.values():
            block = self.blocks[fact.id]
            question = shown.get(fact.id)
            if question is None and plan is not None:
                block.hide()
                continue
            n = positions.get(fact.group, 0)
            self.group_grids[fact.group].addWidget(block, n // 2, n % 2)
            positions[fact.group] = n + 1
            note = ""
            if question is not None and question.answered_only:
                note = "已填写，但与所选地区和日期的措施无关；可清空。"
            elif question is not None:
                note = f"关系到 {len(question.measures)} 项措施。"
            fact_help = self.registry.facts[fact.id].help
            block.help.setText(" ".join(t for t in (fact_help, note) if t))
            block.help.setVisible(bool(block.help.text()))
            block.show()
        for group, title in self.group_titles.items():
            title.setVisible(positions.get(group, 0) > 0)
        if plan is None:
            self.intro.setText("无法按已填信息筛选问题，下面列出全部问题。")
        elif not shown:
            self.intro.setText(NONE_TEXT)
        else:
            self.intro.setText(
                f"根据所在地区和评估日期，共有 {len(plan.measures_in_play)} 项措施可能适用，"
                f"下面 {len(shown)} 个问题会影响它们的判断或金额。"
            )

    def problems(self) -> list[str]:
        # a question hidden by the plan cannot be corrected, so it cannot block either
        return [
            error
            for fact_id, editor in self.fact_editors.items()
            if not self.blocks[fact_id].isHidden() and (error := editor.error())
        ]

    def visible_fact_ids(self) -> list[str]:
        return [fid for fid, block in self.blocks.items() if not block.isHidden()]

    def load(self, profile: dict[str, Any]) -> None:
        facts = profile.get("facts") or {}
        for fact_id, editor in self.fact_editors.items():
            value = facts.get(fact_id)
            if self.registry.facts[fact_id].type == "date" and isinstance(value, str):
                value = date.fromisoformat(value)
            editor.set_value(value)

    def collect(self, into: dict[str, Any]) -> None:
        facts: dict[str, Any] = {}
        for fact_id, editor in self.fact_editors.items():
            value = editor.value()
            if value is None:
                continue
            facts[fact_id] = value.isoformat() if isinstance(value, date) else value
        into["facts"] = facts

"""The questionnaire's flow (企业评估): collect the pages' answers into one profile, ask which
activity questions matter, evaluate on the worker, save with the evaluation, export and print,
and what closing with unsaved changes does. It owns no widgets: it reads the view's pages and
tells the result page what to show.

Closing with unsaved changes asks 保存 / 不保存 / 取消, so nothing typed is lost by accident.
"""

from __future__ import annotations

import contextlib
import json
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop_app.core import regions, size_class
from desktop_app.core.eligibility.engine import PolicySource
from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.profile import ENTITY_TYPES, Profile, ProfileError
from desktop_app.core.eligibility.results import MatchResult
from desktop_app.core.store import data_date
from desktop_app.core.userdata.profiles import (
    EnterpriseRecord,
    clean_notes,
    display_time,
    normalise_profile,
)
from desktop_app.core.userdata.questions import QuestionPlan, plan_questions
from desktop_app.gui.operations import evaluation
from desktop_app.gui.operations import summary as summary_ops
from desktop_app.gui.printing import FolderMemory
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.user_data import UserData
from desktop_app.gui.widgets import prompts

if TYPE_CHECKING:
    from desktop_app.gui.wizard.wizard import EvaluationWizard

EVALUATION_CHANNEL = "enterprise-evaluation"
UNFILLED = "未填写"


class EvaluationController(QObject):
    saved = Signal(str)  # enterprise id
    evaluated = Signal()  # a result (or a failure message) is on the result page

    def __init__(
        self,
        view: EvaluationWizard,
        data: PolicySource,
        user_data: UserData,
        runner: TaskRunner | None,
        registry: FactsRegistry,
        record: EnterpriseRecord | None,
        settings: FolderMemory | None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.data = data
        self.user_data = user_data
        self.runner = runner or TaskRunner(self)
        self.registry = registry
        self.settings = settings
        self.record_id: str | None = record.id if record else None
        self.match_result: MatchResult | None = None
        self._result_saved = False
        self._closing = False
        # one channel per wizard: a newer evaluation here supersedes an older one here only
        self._channel = f"{EVALUATION_CHANNEL}:{id(self)}"
        self._baseline = ""

    def start(self, record: EnterpriseRecord | None) -> None:
        """Fill the pages from the saved enterprise (or leave them blank)."""
        profile = record.profile if record else {}
        for page in self.view.question_pages():
            page.load(profile)
        self.view.basic.notes.setText(record.notes if record else "")
        self._baseline = self._fingerprint()

    # -- answers ---------------------------------------------------------------------------
    def profile_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for page in self.view.question_pages():
            page.collect(data)
        return data

    def profile(self) -> Profile:
        """The answers as a Profile (raises ProfileError with Chinese problems)."""
        return Profile.from_dict(self.profile_dict(), self.registry)

    def notes(self) -> str:
        return clean_notes(self.view.basic.notes.text())

    def enterprise_name(self) -> str:
        return self.view.basic.name.text().strip() or "未命名企业"

    def _fingerprint(self) -> str:
        """What "unsaved changes" compares: the canonical profile and the notes."""
        data = self.profile_dict()
        # invalid input is compared as typed: still a change
        with contextlib.suppress(ProfileError, TypeError, ValueError):
            _name, data = normalise_profile(data)
        return json.dumps([data, self.notes()], ensure_ascii=False, sort_keys=True, default=str)

    def is_dirty(self) -> bool:
        return self._fingerprint() != self._baseline

    # -- question plan ---------------------------------------------------------------------
    def plan(self, as_of: date | None = None) -> QuestionPlan | None:
        try:
            profile = self.profile()
        except ProfileError:
            return None
        return plan_questions(self.data, profile, as_of or self.view.as_of(), self.registry)

    def new_questions(self, as_of: date) -> int:
        """How many questions the date brings that step 4 did not show."""
        plan = self.plan(as_of)
        activities = self.view.activities
        if plan is None or activities.plan is None:
            return 0
        shown = set(activities.visible_fact_ids())
        return len([f for f in plan.fact_ids if f not in shown])

    def recap_rows(self) -> list[tuple[str, str]]:
        data = self.profile_dict()
        region = data.get("region")
        try:
            where = regions.path_label(region) if region else UNFILLED
        except LookupError:
            where = str(region)
        override = data.get("size_override")
        if override:
            label = size_class.SIZE_LABELS.get(override["size"], "")
            size = f"{label}（手动指定：{override['reason']}）"
        else:
            result = self.view.scale.panel.result
            size = result.size_label if result else "无法判断"
        quals = [self.registry.qualifications[q["id"]].label for q in data["qualifications"]]
        return [
            ("企业名称", data.get("name") or UNFILLED),
            ("所在地区", where),
            ("所属行业", data.get("industry") or UNFILLED),
            ("主体类型", ENTITY_TYPES.get(data.get("entity_type") or "", UNFILLED)),
            ("成立日期", data.get("established") or UNFILLED),
            ("企业规模", size),
            ("资质与认定", "、".join(quals) if quals else "无"),
            ("经营活动", f"已回答 {len(data['facts'])} 个问题"),
        ]

    # -- evaluation ------------------------------------------------------------------------
    def start_evaluation(self) -> None:
        page = self.view.result_page
        try:
            profile = self.profile()
        except ProfileError as exc:
            self._failed("无法评估，所填信息有误：" + "；".join(exc.problems))
            return
        self.match_result = None
        self._result_saved = False
        page.set_busy("正在逐条评估…")
        evaluation.evaluate(
            self.runner,
            self.data,
            profile,
            self.view.as_of(),
            self.registry,
            self._evaluated,
            self._failed,
            channel=self._channel,
        )

    def _evaluated(self, result: MatchResult) -> None:
        self.match_result = result
        self._result_saved = False
        self.view.result_page.set_result(result, self.enterprise_name())
        self._show_save_state()
        self.evaluated.emit()

    def _failed(self, message: str) -> None:
        self.view.result_page.set_failed(escape(message))
        self.evaluated.emit()

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the profile (and the shown evaluation, once) in one transaction."""
        data = self.profile_dict()
        try:
            normalise_profile(data)
        except ProfileError as exc:
            prompts.warn(self.view, "无法保存", "所填信息有误：\n" + "\n".join(exc.problems))
            return False
        repo = self.user_data.repository(self.view)
        if repo is None:
            return False
        shown = self.match_result if not self._result_saved else None
        outcome = evaluation.save_enterprise(repo, data, self.record_id, self.notes(), shown)
        if outcome.record is None:
            prompts.warn(self.view, "无法保存", outcome.problem)
            return False
        self.record_id = outcome.record.id
        if shown is not None:
            self._result_saved = True
        self._baseline = self._fingerprint()
        self._show_save_state(outcome.record.updated)
        self.user_data.notify_changed()
        self.saved.emit(outcome.record.id)
        return True

    def _show_save_state(self, updated: str | None = None) -> None:
        page = self.view.result_page
        if updated:
            page.status.setText(f"已保存（{display_time(updated)}），本次评估已记入历史。")
        elif self.record_id and not self.is_dirty():
            page.status.setText("本次评估结果尚未记入历史；点“保存”记入。")
        else:
            page.status.setText("尚未保存。")
        page.save_button.setEnabled(self.match_result is not None)
        shown = self.match_result is not None
        page.report.set_available(pdf=shown, printing=shown)

    # -- PDF, Word and printing ----------------------------------------------------------
    def _report(self, suffix: str | None, preview: bool = False) -> None:
        if self.match_result is None:
            return
        brief = self.view.result_page.report.brief_check.isChecked()
        day = data_date(self.data)
        if suffix is None:
            summary_ops.print_summary(
                self.view, self.match_result, self.runner, brief, self.settings, day, preview
            )
            return
        summary_ops.export_report(
            self.view,
            self.match_result,
            self.enterprise_name(),
            self.runner,
            self.settings,
            brief=brief,
            suffix=suffix,
            data_day=day,
        )

    def export_pdf(self) -> None:
        self._report(".pdf")

    def export_docx(self) -> None:
        self._report(".docx")

    def preview_summary(self) -> None:
        self._report(None, preview=True)

    def print_summary(self) -> None:
        self._report(None)

    # -- closing ---------------------------------------------------------------------------
    def may_close(self) -> bool:
        """Whether the window may close now (asking about unsaved answers first)."""
        if self._closing or not self.is_dirty():
            return self._finish()
        answer = prompts.ask_unsaved(self.view, self.enterprise_name())
        if answer == prompts.SAVE:
            return self.save() and self._finish()
        return answer == prompts.DISCARD and self._finish()

    def _finish(self) -> bool:
        self._closing = True
        self.runner.invalidate(self._channel)
        return True

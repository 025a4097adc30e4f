"""The enterprise questionnaire: five steps generated from the facts registry, then the result.

The wizard is the controller: it collects the pages' answers into one profile dict (the form
Profile.from_dict reads and the user database stores), asks core.userdata.questions which
activity questions matter, runs the engine on the task helper's worker, and saves the profile
with its evaluation in one transaction. Pages only hold widgets.

Closing with unsaved changes asks 保存 / 不保存 / 取消, so nothing typed is lost by accident.
"""

from __future__ import annotations

import contextlib
import json
import logging
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from desktop_app.core import regions, size_class
from desktop_app.core.eligibility.engine import PolicySource, match
from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.profile import ENTITY_TYPES, Profile, ProfileError
from desktop_app.core.eligibility.results import MatchResult
from desktop_app.core.size_class import SizeInputError
from desktop_app.core.userdata.profiles import (
    EnterpriseRecord,
    RecordNotFoundError,
    clean_notes,
    display_time,
    normalise_profile,
)
from desktop_app.core.userdata.questions import QuestionPlan, plan_questions
from desktop_app.gui import errors
from desktop_app.gui.enterprises.user_data import UserData
from desktop_app.gui.printing import FolderMemory
from desktop_app.gui.tasks import TaskError, TaskRunner
from desktop_app.gui.wizard import prompts, summary_export
from desktop_app.gui.wizard.fields import DISABLED_STYLE
from desktop_app.gui.wizard.page_activities import ActivitiesPage
from desktop_app.gui.wizard.page_base import QuestionPage
from desktop_app.gui.wizard.page_basic import BasicPage
from desktop_app.gui.wizard.page_date import DatePage
from desktop_app.gui.wizard.page_qualifications import QualificationsPage
from desktop_app.gui.wizard.page_result import ResultPage
from desktop_app.gui.wizard.page_scale import ScalePage

log = logging.getLogger(__name__)

BASIC, SCALE, QUALIFICATIONS, ACTIVITIES, DATE, RESULT = range(6)
EVALUATION_CHANNEL = "enterprise-evaluation"
BUTTON_TEXTS = {
    QWizard.WizardButton.BackButton: "< 上一步(&B)",
    QWizard.WizardButton.NextButton: "下一步(&N) >",
    QWizard.WizardButton.FinishButton: "完成(&F)",
    QWizard.WizardButton.CancelButton: "取消",
}


class EvaluationWizard(QWizard):
    open_measure_requested = Signal(str)  # item id, for the main window's reader
    saved = Signal(str)  # enterprise id
    evaluated = Signal()  # a result (or a failure message) is on the result page

    def __init__(
        self,
        store: PolicySource,
        user_data: UserData,
        runner: TaskRunner | None = None,
        record: EnterpriseRecord | None = None,
        *,
        registry: FactsRegistry | None = None,
        settings: FolderMemory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.store = store
        self.user_data = user_data
        self.runner = runner
        self.registry = registry or load_registry()
        self.record_id: str | None = record.id if record else None
        self.match_result: MatchResult | None = None
        self._result_saved = False
        self._closing = False
        # one channel per wizard: a newer evaluation here supersedes an older one here only,
        # never another wizard's
        self._channel = f"{EVALUATION_CHANNEL}:{id(self)}"

        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in BUTTON_TEXTS.items():
            self.setButtonText(button, text)
        self.setStyleSheet(DISABLED_STYLE)
        self.resize(1160, 720)
        self.setMinimumSize(900, 600)

        self.basic = BasicPage(self)
        self.scale = ScalePage(self._industry, self)
        self.qualifications = QualificationsPage(self.registry, self)
        self.activities = ActivitiesPage(self.registry, self.plan, self)
        self.date_page = DatePage(self.recap_html, self.new_questions, self)
        self.date_page.setButtonText(QWizard.WizardButton.NextButton, "开始评估(&E) >")
        self.result_page = ResultPage(self)
        for page_id, page in enumerate([*self.question_pages(), self.result_page]):
            self.setPage(page_id, page)
        self.result_page.view.open_measure_requested.connect(self.open_measure_requested)
        self.result_page.save_button.clicked.connect(self.save)
        self.result_page.pdf_button.clicked.connect(self.export_pdf)
        self.result_page.print_button.clicked.connect(self.print_summary)
        self.currentIdChanged.connect(self._page_changed)

        profile = record.profile if record else {}
        for page in self.question_pages():
            page.load(profile)
        self.basic.notes.setText(record.notes if record else "")
        self._baseline = self._fingerprint()
        self._update_title()

    # -- collecting answers ----------------------------------------------------------------
    def question_pages(self) -> list[QuestionPage]:
        return [self.basic, self.scale, self.qualifications, self.activities, self.date_page]

    def profile_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for page in self.question_pages():
            page.collect(data)
        return data

    def profile(self) -> Profile:
        """The answers as a Profile (raises ProfileError with Chinese problems)."""
        return Profile.from_dict(self.profile_dict(), self.registry)

    def notes(self) -> str:
        return clean_notes(self.basic.notes.text())

    def as_of(self) -> date:
        return self.date_page.as_of()

    def enterprise_name(self) -> str:
        return self.basic.name.text().strip() or "未命名企业"

    def _industry(self) -> tuple[str | None, bool]:
        return self.basic.industry.currentData(), self.basic.entity_type.value() == (
            "individual_business"
        )

    def _fingerprint(self) -> str:
        """What "unsaved changes" compares: the canonical profile and the notes."""
        data = self.profile_dict()
        # invalid input is compared as typed: still a change
        with contextlib.suppress(ProfileError, TypeError, ValueError):
            _name, data = normalise_profile(data)
        return json.dumps([data, self.notes()], ensure_ascii=False, sort_keys=True, default=str)

    def is_dirty(self) -> bool:
        return self._fingerprint() != self._baseline

    def _update_title(self) -> None:
        name = self.basic.name.text().strip()
        self.setWindowTitle(f"企业评估 — {name}" if name else "企业评估 — 新企业")

    # -- question plan ---------------------------------------------------------------------
    def plan(self, as_of: date | None = None) -> QuestionPlan | None:
        try:
            profile = self.profile()
        except ProfileError:
            return None
        return plan_questions(self.store, profile, as_of or self.as_of(), self.registry)

    def new_questions(self, as_of: date) -> int:
        """How many questions the date brings that step 4 did not show."""
        plan = self.plan(as_of)
        if plan is None or self.activities.plan is None:
            return 0
        shown = set(self.activities.visible_fact_ids())
        return len([f for f in plan.fact_ids if f not in shown])

    def recap_html(self) -> str:
        data = self.profile_dict()
        rows: list[tuple[str, str]] = [("企业名称", data.get("name") or "未填写")]
        region = data.get("region")
        try:
            rows.append(("所在地区", regions.path_label(region) if region else "未填写"))
        except LookupError:
            rows.append(("所在地区", str(region)))
        rows.append(("所属行业", data.get("industry") or "未填写"))
        rows.append(("主体类型", ENTITY_TYPES.get(data.get("entity_type") or "", "未填写")))
        rows.append(("成立日期", data.get("established") or "未填写"))
        size = self.scale.panel.result
        override = data.get("size_override")
        if override:
            label = size_class.SIZE_LABELS.get(override["size"], "")
            rows.append(("企业规模", f"{label}（手动指定：{override['reason']}）"))
        else:
            rows.append(("企业规模", size.size_label if size else "无法判断"))
        quals = [self.registry.qualifications[q["id"]].label for q in data["qualifications"]]
        rows.append(("资质与认定", "、".join(quals) if quals else "无"))
        rows.append(("经营活动", f"已回答 {len(data['facts'])} 个问题"))
        return (
            "<table cellpadding='3'>"
            + "".join(
                f"<tr><td style='color:#52606d;padding-right:14px;'>{escape(k)}</td>"
                f"<td>{escape(v)}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )

    # -- evaluation ------------------------------------------------------------------------
    def _page_changed(self, page_id: int) -> None:
        self._update_title()
        if page_id == RESULT:
            self.start_evaluation()

    def start_evaluation(self) -> None:
        try:
            profile = self.profile()
        except ProfileError as exc:
            self._evaluation_failed_text("无法评估，所填信息有误：" + "；".join(exc.problems))
            return
        as_of = self.as_of()
        self.match_result = None
        self._result_saved = False
        self.result_page.set_busy("正在逐条评估…")
        store, registry = self.store, self.registry

        def work() -> MatchResult:
            return match(store, profile, as_of, registry)

        if self.runner is None:
            try:
                outcome = work()
            except Exception as exc:
                self._evaluation_failed(TaskError(exc, ""))
                return
            self._evaluated(outcome)
            return
        self.runner.run(work, self._evaluated, self._evaluation_failed, channel=self._channel)

    @property
    def result_dict(self) -> dict[str, Any] | None:
        """The shown evaluation in its stored form (what 保存 records in the history)."""
        return self.match_result.to_dict() if self.match_result is not None else None

    def _evaluated(self, outcome: MatchResult) -> None:
        self.match_result = outcome
        self._result_saved = False
        self.result_page.set_result(outcome, self.enterprise_name())
        self.result_page.pdf_button.setEnabled(True)
        self.result_page.print_button.setEnabled(True)
        self._show_save_state()
        self.evaluated.emit()

    def _evaluation_failed(self, error: TaskError) -> None:
        if isinstance(error.exception, SizeInputError | ProfileError):
            self._evaluation_failed_text(f"无法评估：{error.exception}")
            return
        errors.log_exception(error.exception, error.traceback or None)
        self._evaluation_failed_text(
            f"评估没有完成，出现了意外问题。请点“上一步”后再试一次。\n详细记录：{errors.log_path()}"
        )

    def _evaluation_failed_text(self, message: str) -> None:
        self.result_page.set_failed(escape(message))
        self.evaluated.emit()

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the profile (and the shown evaluation, once) in one transaction."""
        try:
            data = self.profile_dict()
            normalise_profile(data)
        except ProfileError as exc:
            prompts.warn(self, "无法保存", "所填信息有误：\n" + "\n".join(exc.problems))
            return False
        repo = self.user_data.repository(self)
        if repo is None:
            return False
        evaluation = self.result_dict if not self._result_saved else None
        record_id = self.record_id
        if record_id is not None and not repo.exists(record_id):
            record_id = None  # deleted from the list meanwhile: save as a new enterprise
        try:
            record = repo.save(data, record_id, notes=self.notes(), evaluation=evaluation)
        except (ProfileError, RecordNotFoundError, ValueError) as exc:
            prompts.warn(self, "无法保存", str(exc))
            return False
        except Exception as exc:  # disk full, locked file: tell, keep the wizard open
            errors.log_exception(exc)
            prompts.warn(
                self,
                "无法保存",
                "保存没有成功，已保存的内容保持不变。请稍后再试；如果反复出现，"
                f"请把日志文件发给技术支持：\n{errors.log_path()}",
            )
            return False
        self.record_id = record.id
        if evaluation is not None:
            self._result_saved = True
        self._baseline = self._fingerprint()
        self._show_save_state(record.updated)
        self.user_data.notify_changed()
        self.saved.emit(record.id)
        return True

    def _show_save_state(self, updated: str | None = None) -> None:
        page = self.result_page
        if updated:
            page.status.setText(f"已保存（{display_time(updated)}），本次评估已记入历史。")
        elif self.record_id and not self.is_dirty():
            page.status.setText("本次评估结果尚未记入历史；点“保存”记入。")
        else:
            page.status.setText("尚未保存。")
        page.save_button.setEnabled(self.match_result is not None)

    # -- PDF and printing ------------------------------------------------------------------
    def export_pdf(self) -> None:
        if self.match_result is not None:
            summary_export.export_pdf(
                self,
                self.match_result,
                self.enterprise_name(),
                self.runner,
                self.settings,
                brief=self.result_page.brief_check.isChecked(),
            )

    def print_summary(self) -> None:
        if self.match_result is not None:
            summary_export.print_summary(
                self, self.match_result, self.runner, brief=self.result_page.brief_check.isChecked()
            )

    # -- closing ---------------------------------------------------------------------------
    def _may_close(self) -> bool:
        if not self.is_dirty():
            return True
        answer = prompts.ask_unsaved(self, self.enterprise_name())
        if answer == prompts.SAVE:
            return self.save()
        return answer == prompts.DISCARD

    def reject(self) -> None:
        if self._closing or self._may_close():
            self._finish_closing()
            super().reject()

    def accept(self) -> None:
        if self._closing or self._may_close():
            self._finish_closing()
            super().accept()

    def _finish_closing(self) -> None:
        self._closing = True
        if self.runner is not None:
            self.runner.invalidate(self._channel)

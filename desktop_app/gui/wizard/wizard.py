"""企业评估: the questionnaire's window — five steps generated from the facts registry, then
the result. This is the view: it lays the pages out and wires them to the EvaluationController
(gui/controllers/evaluation.py), which owns the flow; saving, evaluating and exporting are
operations (gui/operations/)."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QWidget, QWizard

from desktop_app.core.eligibility.engine import PolicySource
from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import MatchResult
from desktop_app.core.userdata.profiles import EnterpriseRecord
from desktop_app.core.userdata.questions import QuestionPlan
from desktop_app.gui.controllers.evaluation import EvaluationController
from desktop_app.gui.printing import FolderMemory
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.user_data import UserData
from desktop_app.gui.widgets.fields import DISABLED_STYLE
from desktop_app.gui.wizard.page_activities import ActivitiesPage
from desktop_app.gui.wizard.page_base import QuestionPage
from desktop_app.gui.wizard.page_basic import BasicPage
from desktop_app.gui.wizard.page_date import DatePage
from desktop_app.gui.wizard.page_qualifications import QualificationsPage
from desktop_app.gui.wizard.page_result import ResultPage
from desktop_app.gui.wizard.page_scale import ScalePage

BASIC, SCALE, QUALIFICATIONS, ACTIVITIES, DATE, RESULT = range(6)
BUTTON_TEXTS = {
    QWizard.WizardButton.BackButton: "< 上一步(&B)",
    QWizard.WizardButton.NextButton: "下一步(&N) >",
    QWizard.WizardButton.FinishButton: "完成(&F)",
    QWizard.WizardButton.CancelButton: "取消",
}


class EvaluationWizard(QWizard):
    open_measure_requested = Signal(str)  # item id, for the main window's reader

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
        self.registry = registry or load_registry()
        self.controller = EvaluationController(
            self, store, user_data, runner, self.registry, record, settings
        )
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in BUTTON_TEXTS.items():
            self.setButtonText(button, text)
        self.setStyleSheet(DISABLED_STYLE)
        self.resize(1160, 720)
        self.setMinimumSize(900, 600)

        c = self.controller
        self.basic = BasicPage(self)
        self.scale = ScalePage(self._industry, self)
        self.qualifications = QualificationsPage(self.registry, self)
        self.activities = ActivitiesPage(self.registry, c.plan, self)
        self.date_page = DatePage(self.recap_html, c.new_questions, self)
        self.date_page.setButtonText(QWizard.WizardButton.NextButton, "开始评估(&E) >")
        self.result_page = ResultPage(self)
        for page_id, page in enumerate([*self.question_pages(), self.result_page]):
            self.setPage(page_id, page)
        self.result_page.view.open_measure_requested.connect(self.open_measure_requested)
        self.result_page.save_button.clicked.connect(c.save)
        self.result_page.report.pdf_button.clicked.connect(c.export_pdf)
        self.result_page.report.word_button.clicked.connect(c.export_docx)
        self.result_page.report.preview_button.clicked.connect(c.preview_summary)
        self.result_page.report.print_button.clicked.connect(c.print_summary)
        self.result_page.report.set_default_brief(settings)
        self.currentIdChanged.connect(self._page_changed)
        c.start(record)
        self._update_title()

    # -- what the controller reads ---------------------------------------------------------
    def question_pages(self) -> list[QuestionPage]:
        return [self.basic, self.scale, self.qualifications, self.activities, self.date_page]

    def as_of(self) -> date:
        return self.date_page.as_of()

    def _industry(self) -> tuple[str | None, bool]:
        return self.basic.industry.currentData(), self.basic.entity_type.value() == (
            "individual_business"
        )

    def recap_html(self) -> str:
        return (
            "<table cellpadding='3'>"
            + "".join(
                f"<tr><td style='color:#52606d;padding-right:14px;'>{escape(k)}</td>"
                f"<td>{escape(v)}</td></tr>"
                for k, v in self.controller.recap_rows()
            )
            + "</table>"
        )

    def _update_title(self) -> None:
        name = self.basic.name.text().strip()
        self.setWindowTitle(f"企业评估 — {name}" if name else "企业评估 — 新企业")

    def _page_changed(self, page_id: int) -> None:
        self._update_title()
        if page_id == RESULT:
            self.controller.start_evaluation()

    # -- the controller's state and signals, as the enterprise feature and the tests read it -
    @property
    def saved(self) -> SignalInstance:
        """The controller's: emitted with the enterprise id once an evaluation is saved."""
        return self.controller.saved

    @property
    def evaluated(self) -> SignalInstance:
        """The controller's: a result (or a failure message) is on the result page."""
        return self.controller.evaluated

    @property
    def record_id(self) -> str | None:
        return self.controller.record_id

    @property
    def match_result(self) -> MatchResult | None:
        return self.controller.match_result

    @property
    def result_dict(self) -> dict[str, Any] | None:
        """The shown evaluation in its stored form (what 保存 records in the history)."""
        result = self.controller.match_result
        return result.to_dict() if result is not None else None

    def profile_dict(self) -> dict[str, Any]:
        return self.controller.profile_dict()

    def profile(self) -> Profile:
        return self.controller.profile()

    def plan(self, as_of: date | None = None) -> QuestionPlan | None:
        return self.controller.plan(as_of)

    def is_dirty(self) -> bool:
        return self.controller.is_dirty()

    def save(self) -> bool:
        return self.controller.save()

    # -- closing ---------------------------------------------------------------------------
    def reject(self) -> None:
        if self.controller.may_close():
            super().reject()

    def accept(self) -> None:
        if self.controller.may_close():
            super().accept()

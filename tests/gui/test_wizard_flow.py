"""The enterprise wizard end to end, driven like a user: a profile typed in page by page (Chinese
through an input method), the result page checked against the engine, saved, reopened from
the list, edited and evaluated again. Screenshots of every page go to
/tmp/policy-desk-screens/wizard-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from conftest import screenshot
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from wizard_helpers import AS_OF, SAMPLE, choose, click_next, fill, type_into

from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import ELIGIBLE, INELIGIBLE, POSSIBLE
from desktop_app.core.store import PolicyStore
from desktop_app.core.userdata.questions import plan_questions
from desktop_app.gui.enterprises.list_dialog import EnterprisesDialog
from desktop_app.gui.enterprises.result_dialog import ResultDialog
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.widgets import prompts
from desktop_app.gui.widgets.fields import DateField
from desktop_app.gui.wizard.wizard import (
    ACTIVITIES,
    BASIC,
    DATE,
    QUALIFICATIONS,
    RESULT,
    SCALE,
    EvaluationWizard,
)


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


def make_wizard(qtbot, store, user_data, runner=None, record=None) -> EvaluationWizard:
    wizard = EvaluationWizard(store, user_data, runner, record)
    qtbot.addWidget(wizard)
    wizard.resize(1266, 708)  # what is left of 1366×768 after the taskbar and frame
    wizard.show()
    return wizard


def to_result(qtbot, wizard: EvaluationWizard) -> None:
    with qtbot.waitSignal(wizard.evaluated, timeout=10_000):
        click_next(qtbot, wizard)
    assert wizard.currentId() == RESULT


def type_sample(qtbot, wizard: EvaluationWizard, shots: str | None = None) -> None:
    """Enter the Xiamen sample enterprise through the widgets, page by page."""
    assert wizard.currentId() == BASIC
    basic = wizard.basic
    type_into(qtbot, basic.name, SAMPLE["name"])
    choose(basic.region.province, "350000")
    choose(basic.region.city, "350200")
    choose(basic.region.district, "350206")
    choose(basic.industry, "工业")
    assert "制造业" in basic.industry_help.text()
    fill(qtbot, basic.entity_type, "enterprise")
    fill(qtbot, basic.established, "2019-04-18")
    if shots:
        screenshot(wizard, f"{shots}-1-basic")
    click_next(qtbot, wizard)

    assert wizard.currentId() == SCALE
    fill(qtbot, wizard.scale.employees, "85")
    assert "企业规模：无法判断" in wizard.scale.panel.text.text()  # revenue still missing
    fill(qtbot, wizard.scale.revenue, "4,200")  # separators are fine
    fill(qtbot, wizard.scale.assets, "３６００")  # full-width digits from a Chinese IME
    panel = wizard.scale.panel
    assert panel.result is not None and panel.result.size == "small"
    assert "企业规模：小型" in panel.text.text() and "取最低" in panel.text.text()
    if shots:
        screenshot(wizard, f"{shots}-2-scale")
    click_next(qtbot, wizard)

    assert wizard.currentId() == QUALIFICATIONS
    quals = wizard.qualifications
    assert not quals.dates["specialized_sme"].isEnabled()
    quals.boxes["specialized_sme"].click()
    fill(qtbot, quals.dates["specialized_sme"], "2023年6月30日")
    quals.boxes["foreign_trade"].click()
    if shots:
        screenshot(wizard, f"{shots}-3-qualifications")
    click_next(qtbot, wizard)

    assert wizard.currentId() == ACTIVITIES
    for fact_id, value in SAMPLE["facts"].items():
        assert fact_id in wizard.activities.visible_fact_ids(), fact_id
        fill(qtbot, wizard.activities.fact_editors[fact_id], value)
    if shots:
        screenshot(wizard, f"{shots}-4-activities")
    click_next(qtbot, wizard)

    assert wizard.currentId() == DATE
    wizard.date_page.set_as_of(AS_OF)


def assert_matches_engine(wizard: EvaluationWizard, store: PolicyStore, profile: Profile) -> None:
    expected = match(store, profile, AS_OF)
    view = wizard.result_page.view
    for status in (ELIGIBLE, POSSIBLE, INELIGIBLE):
        assert view.ids_in_group(status) == [r.item.id for r in expected.by_status(status)]
    total = expected.totals["eligible"]["text"]
    assert "可计算金额合计：</span>" not in view.summary.text()
    assert total in view.summary.text()
    assert view.supplement_labels() == [s["label"] for s in expected.supplements]
    ineligible = view.group_node(INELIGIBLE)
    assert ineligible is not None and not ineligible.isExpanded()
    eligible = view.group_node(ELIGIBLE)
    assert eligible is not None and eligible.isExpanded()


def test_profile_typed_in_matches_engine_then_saved_reopened_and_edited(
    qtbot, gui_app, store, user_data, prompt_log, runner
) -> None:
    wizard = make_wizard(qtbot, store, user_data, runner)
    assert wizard.button(QWizard.WizardButton.NextButton).text().startswith("下一步")
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "取消"
    type_sample(qtbot, wizard, shots="wizard")
    assert wizard.profile() == Profile.from_dict(SAMPLE)
    assert "开始评估" in wizard.button(QWizard.WizardButton.NextButton).text()
    assert "专精特新中小企业、外贸企业" in wizard.date_page.recap.text()
    screenshot(wizard, "wizard-5-date")

    to_result(qtbot, wizard)  # evaluated on the task helper's worker
    assert_matches_engine(wizard, store, Profile.from_dict(SAMPLE))
    view = wizard.result_page.view
    assert "4500元" in view.summary.text()
    assert view.current_measure_id() == "xm-30"
    html = view.detail.toHtml()
    for text in ("3人 × 1500元 = 4500元", "市人社局", "第30项", "对招用16-24岁登记失业人员"):
        assert text in html, text
    assert "√ 符合" in view.detail.toPlainText()
    screenshot(wizard, "wizard-6-result")

    # 不符合 is collapsed; opening it shows why a measure fails
    ineligible = view.group_node(INELIGIBLE)
    assert ineligible is not None and ineligible.child(0) is not None
    view.tree.setCurrentItem(ineligible.child(0))  # type: ignore[arg-type]
    assert "不符合的原因" in view.detail.toPlainText()
    supplements = view.group_node("supplements")
    assert supplements is not None and supplements.childCount() > 0
    view.tree.setCurrentItem(supplements.child(0))  # type: ignore[arg-type]
    assert "上一步" in view.detail.toPlainText()
    screenshot(wizard, "wizard-6b-supplement")

    wizard.result_page.save_button.click()
    repo = user_data.repository()
    assert repo is not None
    [record] = repo.search()
    assert record.name == SAMPLE["name"] and record.id == wizard.record_id
    assert record.to_profile() == Profile.from_dict(SAMPLE)
    [evaluation] = repo.evaluations(record.id)
    assert evaluation.as_of == AS_OF.isoformat()
    assert evaluation.total_text == "4500元"
    assert "已保存" in wizard.result_page.status.text()
    wizard.result_page.save_button.click()  # a second click does not record the result twice
    assert len(repo.evaluations(record.id)) == 1
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()
    assert prompt_log.asked == []  # nothing unsaved: closed without a question

    # reopen from the list, edit, evaluate again
    dialog = EnterprisesDialog(user_data)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.names() == [SAMPLE["name"]]
    assert dialog.history.topLevelItemCount() == 1
    screenshot(dialog, "wizard-7-enterprises")
    with qtbot.waitSignal(dialog.edit_requested) as edit:
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert edit.args == [record.id]
    edited = make_wizard(qtbot, store, user_data, runner, repo.get(record.id))
    assert edited.basic.name.text() == SAMPLE["name"]
    assert edited.basic.region.code() == "350206"
    assert edited.scale.employees.line.text() == "85"
    assert edited.qualifications.boxes["specialized_sme"].isChecked()
    assert edited.qualifications.dates["specialized_sme"].line.text() == "2023-06-30"
    assert edited.profile() == Profile.from_dict(SAMPLE)
    assert not edited.is_dirty()
    click_next(qtbot, edited)
    fill(qtbot, edited.scale.employees, "400")
    assert edited.scale.panel.result is not None
    assert edited.scale.panel.result.size == "medium"
    for _ in range(3):
        click_next(qtbot, edited)
    edited.date_page.set_as_of(AS_OF)
    to_result(qtbot, edited)
    changed = dict(SAMPLE, employees=400)
    assert_matches_engine(edited, store, Profile.from_dict(changed))
    edited.result_page.save_button.click()
    assert repo.get(record.id).to_profile().employees == 400
    assert len(repo.evaluations(record.id)) == 2
    assert dialog.history.topLevelItemCount() == 2  # the list refreshed itself
    edited.accept()

    # the first evaluation reopens exactly as it was, although the profile has changed since
    first = repo.get_evaluation(repo.evaluations(record.id)[-1].id)
    shown = ResultDialog(first, record.name)
    qtbot.addWidget(shown)
    shown.show()
    expected = match(store, Profile.from_dict(SAMPLE), AS_OF)
    assert shown.view.ids_in_group(ELIGIBLE) == [r.item.id for r in expected.by_status(ELIGIBLE)]
    assert "4500元" in shown.view.summary.text()
    screenshot(shown, "wizard-8-history-result")


def test_blank_questionnaire_is_accepted_and_means_unknown(
    qtbot, gui_app, store, user_data, prompt_log
) -> None:
    wizard = make_wizard(qtbot, store, user_data)
    for _page in range(4):
        click_next(qtbot, wizard)
    wizard.date_page.set_as_of(AS_OF)
    to_result(qtbot, wizard)
    assert wizard.profile() == Profile()
    assert wizard.profile_dict()["employees"] is None  # blank is unknown, not 0
    assert_matches_engine(wizard, store, Profile())
    assert "未命名企业" in wizard.result_page.view.summary.text()
    screenshot(wizard, "wizard-blank-result")


def test_invalid_input_shows_chinese_messages_and_blocks_only_where_it_must(
    qtbot, gui_app, store, user_data, prompt_log
) -> None:
    wizard = make_wizard(qtbot, store, user_data)
    basic = wizard.basic
    fill(qtbot, basic.established, "2019-02-30")
    assert basic.established.error() == "没有这一天：2019年2月30日"
    assert basic.established_error.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "标红" in basic.message.text()
    fill(qtbot, basic.established, "2999-01-01")
    assert "不能晚于" in (basic.established.error() or "")
    fill(qtbot, basic.established, "")
    assert basic.established.error() is None
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    choose(basic.industry, "工业")
    click_next(qtbot, wizard)

    scale = wizard.scale
    cases = {
        "-5": "不能为负数",
        "85.5": "请填写整数",
        "abc": "请填写数字，例如 85；不知道可以不填",
        "99999999": "不能超过1000万人，请检查数值和单位",
        "3万": "请只填阿拉伯数字（单位已是人），例如 4200",
    }
    for text, message in cases.items():
        fill(qtbot, scale.employees, text)
        assert scale.employees.error() == message, text
        assert scale.blocks["employees"].error_label.text() == message
        assert not scale.blocks["employees"].error_label.isHidden()
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    screenshot(wizard, "wizard-invalid-employees")
    fill(qtbot, scale.employees, "85人")  # the field's unit typed along is fine
    assert scale.employees.value() == 85 and scale.employees.error() is None
    assert scale.blocks["employees"].error_label.isHidden()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    # an override needs a reason: the one place where 下一步 is blocked without a bad value
    scale.override.click()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "请填写理由" in scale.message.text()
    screenshot(wizard, "wizard-override-without-reason")
    choose(scale.override_size, "micro")
    type_into(qtbot, scale.override_reason, "经区工信局认定为微型企业")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not scale.message.isVisible()
    for _ in range(3):
        click_next(qtbot, wizard)
    wizard.date_page.set_as_of(AS_OF)
    to_result(qtbot, wizard)
    summary = wizard.result_page.view.summary.text()
    assert "微型" in summary and "经区工信局认定为微型企业" in summary


def test_activity_page_asks_only_what_matters_in_the_region(
    qtbot, gui_app, store, user_data, prompt_log
) -> None:
    wizard = make_wizard(qtbot, store, user_data)
    wizard.date_page.set_as_of(AS_OF)
    choose(wizard.basic.region.province, "130000")  # 河北: its report offers no fact questions
    for _ in range(3):
        click_next(qtbot, wizard)
    assert wizard.activities.visible_fact_ids() == []
    assert "没有还需要回答" in wizard.activities.intro.text()
    screenshot(wizard, "wizard-4-activities-hebei")
    for _ in range(3):
        wizard.back()
    choose(wizard.basic.region.province, "350000")
    choose(wizard.basic.region.city, "350200")
    for _ in range(3):
        click_next(qtbot, wizard)
    plan = plan_questions(store, Profile.from_dict({"region": "350200"}), AS_OF)
    assert wizard.activities.visible_fact_ids() == plan.fact_ids
    assert plan.fact_ids
    # blocks are laid out two per row
    first = wizard.activities.blocks[plan.fact_ids[0]]
    assert first.isVisible()


def test_answers_survive_going_back_and_changing_region(
    qtbot, gui_app, store, user_data, prompt_log
) -> None:
    wizard = make_wizard(qtbot, store, user_data)
    choose(wizard.basic.region.province, "350000")
    choose(wizard.basic.region.city, "350200")
    for _ in range(3):
        click_next(qtbot, wizard)
    fill(qtbot, wizard.activities.fact_editors["youth_hires_count"], "3")
    for _ in range(3):
        wizard.back()
    choose(wizard.basic.region.province, "130000")
    for _ in range(3):
        click_next(qtbot, wizard)
    # the answer is kept and shown (marked as unrelated), never silently kept hidden
    assert "youth_hires_count" in wizard.activities.visible_fact_ids()
    block = wizard.activities.blocks["youth_hires_count"]
    assert "无关" in block.help.text()
    assert wizard.profile().facts == {"youth_hires_count": 3}


def test_closing_with_unsaved_changes_asks_and_respects_the_answer(
    qtbot, gui_app, store, user_data, prompt_log
) -> None:
    wizard = make_wizard(qtbot, store, user_data)
    assert not wizard.is_dirty()
    type_into(qtbot, wizard.basic.name, "未保存的企业")
    assert wizard.is_dirty()
    prompt_log.unsaved_answers = [prompts.CANCEL]
    wizard.reject()
    assert wizard.isVisible()
    prompt_log.unsaved_answers = [prompts.SAVE]
    wizard.reject()
    assert not wizard.isVisible()
    repo = user_data.repository()
    assert repo is not None
    assert [r.name for r in repo.search()] == ["未保存的企业"]
    assert repo.evaluations(repo.search()[0].id) == []  # no result yet: profile only

    other = make_wizard(qtbot, store, user_data)
    type_into(qtbot, other.basic.name, "不要了")
    prompt_log.unsaved_answers = [prompts.DISCARD]
    qtbot.keyClick(other, Qt.Key.Key_Escape)
    assert not other.isVisible()
    assert [r.name for r in repo.search()] == ["未保存的企业"]


def test_result_view_opens_measures_by_keyboard_and_link(
    qtbot, gui_app, store, user_data, prompt_log
) -> None:
    record = None
    wizard = make_wizard(qtbot, store, user_data, None, record)
    wizard.basic.load(SAMPLE)
    wizard.scale.load(SAMPLE)
    for _ in range(4):
        click_next(qtbot, wizard)
    wizard.date_page.set_as_of(AS_OF)
    to_result(qtbot, wizard)
    view = wizard.result_page.view
    with qtbot.waitSignal(wizard.open_measure_requested) as opened:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert opened.args == [view.current_measure_id()]
    target = view.ids_in_group(POSSIBLE)[0]
    from PySide6.QtCore import QUrl

    view.detail.anchorClicked.emit(QUrl(f"measure:{target}"))
    assert view.current_measure_id() == target
    with qtbot.waitSignal(wizard.open_measure_requested) as opened:
        view.detail.anchorClicked.emit(QUrl(f"open:{target}"))
    assert opened.args == [target]
    with qtbot.waitSignal(wizard.open_measure_requested):
        view.open_button.click()
    QApplication.processEvents()


def test_saved_values_the_pickers_do_not_know_are_kept(
    qtbot, gui_app, store, user_data, prompt_log
) -> None:
    repo = user_data.repository()
    assert repo is not None
    # saved by version 0.1, whose schema still let codes and names the pickers lack through
    from desktop_app.core.userdata.user_db import transaction

    old = {"name": "旧数据企业", "region": "350299", "industry": "制造业"}
    with transaction(repo.conn):
        record = repo.get(repo._write("旧数据企业", old, None, None))
    wizard = make_wizard(qtbot, store, user_data, None, record)
    assert wizard.profile_dict()["region"] == "350299"
    assert wizard.profile_dict()["industry"] == "制造业"
    assert wizard.basic.region.orphan_label.isVisible()
    assert not wizard.is_dirty()
    screenshot(wizard, "wizard-1-basic-kept-values")
    for _ in range(4):
        click_next(qtbot, wizard)
    to_result(qtbot, wizard)
    # the engine cannot size an unknown industry: a Chinese message, not a traceback
    assert "无法评估" in wizard.result_page.view.summary.text()
    assert "工业" in wizard.result_page.view.summary.text()
    wizard.accept()
    assert repo.get(record.id).profile["region"] == "350299"
    # choosing a region replaces the kept code
    again = make_wizard(qtbot, store, user_data, None, repo.get(record.id))
    choose(again.basic.region.province, "350000")
    assert again.basic.region.code() == "350000"
    assert not again.basic.region.orphan_label.isVisible()


def test_calendar_button_fills_the_date(qtbot, gui_app, store, user_data, prompt_log) -> None:
    from PySide6.QtCore import QDate

    wizard = make_wizard(qtbot, store, user_data)
    field = wizard.basic.established
    assert isinstance(field, DateField)
    field.button.click()
    assert field.calendar is not None and field.calendar.isVisible()
    field.calendar.activated.emit(QDate(2020, 3, 15))
    assert field.line.text() == "2020-03-15"
    assert field.value() == date(2020, 3, 15)
    assert not field.calendar.isVisible()


def test_two_wizards_evaluating_at_once_both_get_their_result(
    qtbot, gui_app, store, user_data, prompt_log, runner
) -> None:
    first = make_wizard(qtbot, store, user_data, runner)
    second = make_wizard(qtbot, store, user_data, runner)
    first.basic.load(SAMPLE)
    for wizard in (first, second):
        for _ in range(4):
            click_next(qtbot, wizard)
        wizard.date_page.set_as_of(AS_OF)
    with qtbot.waitSignals([first.evaluated, second.evaluated], timeout=10_000):
        click_next(qtbot, first)
        click_next(qtbot, second)
    assert first.result_dict is not None and second.result_dict is not None
    assert first.result_dict["profile"]["name"] == SAMPLE["name"]
    assert second.result_dict["profile"]["name"] is None

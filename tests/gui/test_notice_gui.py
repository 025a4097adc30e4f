"""The 告知单 from the window: 告知单设置 kept in settings.ini, the office block asked before a
printout, 导出Word, 打印预览 from the result page and from a reopened evaluation, and 打印
on a reopened evaluation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import screenshot
from docx import Document
from pdf_helpers import flat, page_texts
from PySide6.QtWidgets import QApplication
from wizard_helpers import AS_OF, SAMPLE, click_next

from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.notice.office import OfficeInfo, read_settings
from desktop_app.gui import notice_settings, printing
from desktop_app.gui.enterprises.result_dialog import ResultDialog
from desktop_app.gui.operations import summary as summary_export
from desktop_app.gui.wizard.wizard import RESULT, EvaluationWizard

OFFICE = OfficeInfo("湖里区企业服务中心", "张三", "0592-5551234")


def test_settings_dialog_keeps_the_office_in_settings_ini(  # type: ignore[no-untyped-def]
    qtbot, gui_app, settings
) -> None:
    dialog = notice_settings.NoticeSettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.unit.setText("  湖里区企业服务中心, “一站式”窗口 ")
    dialog.officer.setText("张三")
    dialog.phone.setText("0592-5551234")
    dialog.full.setChecked(True)
    dialog.accept()
    settings.sync()
    assert settings.office() == OfficeInfo(
        "湖里区企业服务中心, “一站式”窗口", "张三", "0592-5551234"
    )
    assert settings.notice_brief() is False
    # the command line reads the same file without Qt
    read = read_settings(settings.path)
    assert read.office == settings.office() and read.brief is False
    again = notice_settings.NoticeSettingsDialog(settings)
    qtbot.addWidget(again)
    assert again.unit.text() == "湖里区企业服务中心, “一站式”窗口" and again.full.isChecked()


def test_print_dialog_changes_this_printout_only_unless_remembered(  # type: ignore[no-untyped-def]
    qtbot, gui_app, settings
) -> None:
    settings.set_office(OFFICE)
    dialog = notice_settings.NoticeSettingsDialog(settings, for_print=True)
    qtbot.addWidget(dialog)
    assert dialog.remember.isVisibleTo(dialog) and dialog.unit.text() == OFFICE.unit
    dialog.officer.setText("李四")
    dialog.accept()
    assert dialog.office().officer == "李四" and settings.office().officer == "张三"
    dialog = notice_settings.NoticeSettingsDialog(settings, for_print=True)
    qtbot.addWidget(dialog)
    dialog.officer.setText("李四")
    dialog.remember.setChecked(True)
    dialog.accept()
    assert settings.office().officer == "李四"


def _result_wizard(qtbot, store, user_data, settings) -> EvaluationWizard:  # type: ignore[no-untyped-def]
    wizard = EvaluationWizard(store, user_data, settings=settings)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.basic.load(SAMPLE)
    wizard.scale.load(SAMPLE)
    for _ in range(4):
        click_next(qtbot, wizard)
    wizard.date_page.set_as_of(AS_OF)
    with qtbot.waitSignal(wizard.evaluated, timeout=10_000):  # evaluated on the worker
        click_next(qtbot, wizard)
    assert wizard.currentId() == RESULT
    return wizard


def test_result_page_exports_word_and_previews_with_the_office_block(  # type: ignore[no-untyped-def]
    qtbot, gui_app, store, user_data, settings, prompt_log, tmp_path, monkeypatch
) -> None:
    settings.set_office(OFFICE)
    asked: list[bool] = []

    def ask(_parent: Any, _settings: Any, brief: bool) -> tuple[OfficeInfo, bool]:
        asked.append(brief)
        return OfficeInfo(OFFICE.unit, "王五", OFFICE.phone), brief

    monkeypatch.setattr(notice_settings, "ask_for_print", ask)
    wizard = _result_wizard(qtbot, store, user_data, settings)
    page = wizard.result_page
    assert page.report.brief_check.isChecked()  # the default version from the settings: 简版
    for button in page.report.buttons():  # PDF, Word, preview, print
        assert button.isEnabled(), button.text()
    target = tmp_path / "告知单.docx"
    monkeypatch.setattr(summary_export, "choose_docx_path", lambda *_a: target)
    page.report.word_button.click()  # built on the worker; the prompt says it is done
    qtbot.waitUntil(lambda: any(t == "导出Word" for t, _x in prompt_log.asked), timeout=30_000)
    doc = Document(str(target))
    cells = flat("".join(c.text for t in doc.tables for row in t.rows for c in row.cells))
    assert "王五" in cells and "湖里区企业服务中心" in cells
    assert prompt_log.asked[-1][0] == "导出Word"

    previewed: list[Path] = []
    monkeypatch.setattr(printing, "preview_pdf", lambda _p, path: previewed.append(Path(path)))
    page.report.preview_button.click()
    qtbot.waitUntil(lambda: bool(previewed), timeout=30_000)
    assert asked == [True, True]
    text = flat("".join(page_texts(previewed[0].read_bytes())))
    assert "惠企政策告知单" in text and "经办人王五" in text
    assert "二、逐项说明" not in text


def test_preview_and_print_from_a_reopened_evaluation(  # type: ignore[no-untyped-def]
    qtbot, gui_app, store, user_data, settings, monkeypatch
) -> None:
    settings.set_office(OFFICE)
    settings.set_notice_brief(False)
    monkeypatch.setattr(notice_settings, "ask_for_print", lambda _p, s, brief: (s.office(), brief))
    repo = user_data.repository()
    assert repo is not None
    result = match(store, Profile.from_dict(SAMPLE), AS_OF).to_dict()
    record = repo.save(SAMPLE, evaluation=result)
    evaluation = repo.get_evaluation(repo.evaluations(record.id)[0].id)
    dialog = ResultDialog(evaluation, record.name, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.brief_check.isChecked()  # 详版 is this office's default
    for button in (dialog.pdf_button, dialog.word_button, dialog.preview_button):
        assert button.isEnabled()
    handed: list[tuple[str, Path]] = []
    monkeypatch.setattr(printing, "preview_pdf", lambda _p, path: handed.append(("preview", path)))
    monkeypatch.setattr(printing, "print_pdf", lambda _p, path: handed.append(("print", path)))
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: len(handed) == 1, timeout=30_000)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: len(handed) == 2, timeout=30_000)
    assert [kind for kind, _ in handed] == ["preview", "print"]
    text = flat("".join(page_texts(Path(handed[1][1]).read_bytes())))
    assert "经办人张三" in text and "二、逐项说明" in text
    assert "4500元" in text  # the stored result's money section, read back


def test_print_preview_dialog_shows_the_notice(  # type: ignore[no-untyped-def]
    qtbot, gui_app, store, tmp_path
) -> None:
    from desktop_app.core.notice.report import write_report

    result = match(store, Profile.from_dict(SAMPLE), AS_OF)
    pdf = tmp_path / "告知单.pdf"
    write_report(result, pdf, office=OFFICE)
    dialog = printing.preview_dialog(None, pdf)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 1100)
    dialog.show()
    QApplication.processEvents()
    path = screenshot(dialog, "notice-print-preview")
    assert path.stat().st_size > 10_000
    dialog.close()


def test_menu_opens_the_settings_dialog(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.gui.enterprises.hook import EnterpriseMenu, install_enterprise_menu

    hook = getattr(window, "enterprise_menu", None)
    if not isinstance(hook, EnterpriseMenu):
        hook = install_enterprise_menu(window)
    opened: list[object] = []

    def edit_settings(_parent: object, settings: object) -> bool:
        opened.append(settings)
        return True

    monkeypatch.setattr(notice_settings, "edit_settings", edit_settings)
    hook.notice_action.trigger()
    assert opened == [window.settings]

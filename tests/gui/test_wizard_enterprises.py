"""已保存企业 and the main-window seam: search, duplicate, delete with confirmation, export and
import through the dialogs (including a broken file), a damaged user database, PDF export and
printing from the result page, and the 企业 menu opening measures in the main window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import screenshot
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from wizard_helpers import AS_OF, SAMPLE, click_next, type_into

from desktop_app import paths
from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.gui.enterprises import transfer
from desktop_app.gui.enterprises.hook import EnterpriseMenu, install_enterprise_menu
from desktop_app.gui.enterprises.list_dialog import EnterprisesDialog
from desktop_app.gui.enterprises.result_dialog import ResultDialog
from desktop_app.gui.operations import summary as summary_export
from desktop_app.gui.user_data import UserData
from desktop_app.gui.wizard.wizard import RESULT, EvaluationWizard


@pytest.fixture
def repo(user_data: UserData) -> ProfileRepository:
    repository = user_data.repository()
    assert repository is not None
    return repository


def seed(repo: ProfileRepository, store: Any) -> dict[str, str]:
    ids = {}
    for name, region in (
        ("厦门精密", "350206"),
        ("三明农业合作社", "350404"),
        ("ＡＢＣ贸易", "350102"),
    ):
        data = dict(SAMPLE, name=name, region=region)
        result = match(store, Profile.from_dict(data), AS_OF).to_dict()
        ids[name] = repo.save(data, notes=f"{name}的联系人", evaluation=result).id
    return ids


def make_dialog(qtbot, user_data: UserData) -> EnterprisesDialog:
    dialog = EnterprisesDialog(user_data)
    qtbot.addWidget(dialog)
    dialog.resize(1266, 708)
    dialog.show()
    return dialog


def test_search_duplicate_delete(qtbot, gui_app, store, user_data, repo, prompt_log) -> None:
    ids = seed(repo, store)
    dialog = make_dialog(qtbot, user_data)
    assert set(dialog.names()) == set(ids)
    assert "共 3 家" in dialog.count_label.text()
    type_into(qtbot, dialog.search, "abc")  # width- and case-insensitive
    assert dialog.names() == ["ＡＢＣ贸易"]
    type_into(qtbot, dialog.search, "联系人")  # notes are searched too
    assert len(dialog.names()) == 3
    type_into(qtbot, dialog.search, "没有这家")
    assert dialog.names() == [] and "没有名称或备注包含" in dialog.empty.text()
    screenshot(dialog, "enterprises-no-match")
    type_into(qtbot, dialog.search, "")

    dialog.select(ids["厦门精密"])
    assert dialog.history.topLevelItemCount() == 1
    assert "厦门精密的联系人" in dialog.notes.text()
    qtbot.keyClick(dialog.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "厦门精密（副本）" in dialog.names()
    current = dialog.list.currentItem()
    assert current is not None and current.text(0) == "厦门精密（副本）"
    assert dialog.history.topLevelItemCount() == 0  # history is not copied
    screenshot(dialog, "enterprises-list")

    prompt_log.confirm_answers = [False]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert "厦门精密（副本）" in dialog.names()  # 取消 keeps it
    title, text = prompt_log.asked[-1]
    assert title == "删除企业" and "无法恢复" in text
    dialog.select(ids["厦门精密"])
    prompt_log.confirm_answers = [True]
    dialog.delete_button.click()
    assert "以及它的 1 条评估记录" in prompt_log.asked[-1][1]
    assert "厦门精密" not in dialog.names()
    assert repo.count() == 3


def test_export_and_import_through_the_dialog(
    qtbot, gui_app, store, user_data, repo, prompt_log, tmp_path, monkeypatch
) -> None:
    seed(repo, store)
    dialog = make_dialog(qtbot, user_data)
    target = tmp_path / "备份"  # no suffix: .json is added
    monkeypatch.setattr(transfer, "choose_export_path", lambda _p: target)
    dialog.export_button.click()
    exported = target.with_suffix(".json")
    assert exported.exists()
    assert prompt_log.asked[-1][0] == "导出完成" and "3 家" in prompt_log.asked[-1][1]

    for record in repo.search():
        repo.delete(record.id)
    user_data.notify_changed()
    assert dialog.names() == []
    assert "还没有保存任何企业" in dialog.empty.text()
    screenshot(dialog, "enterprises-empty")
    monkeypatch.setattr(transfer, "choose_import_path", lambda _p: exported)
    dialog.import_button.click()
    assert prompt_log.asked[-1][0] == "导入完成"
    assert "新增 3 家" in prompt_log.asked[-1][1]
    assert len(dialog.names()) == 3

    broken = tmp_path / "坏文件.json"
    broken.write_text(
        '{"format": "policy-desk-enterprises", "format_version": 1, "enterpri', "utf-8"
    )
    monkeypatch.setattr(transfer, "choose_import_path", lambda _p: broken)
    before = [(r.id, r.updated) for r in repo.search()]
    dialog.import_button.click()
    title, text = prompt_log.asked[-1]
    assert title == "导入失败" and "没有导入任何内容" in text
    assert [(r.id, r.updated) for r in repo.search()] == before


def test_damaged_user_database_is_moved_aside_and_reported(qtbot, gui_app, prompt_log) -> None:
    path = paths.user_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database" * 100)
    data = UserData()
    try:
        repo = data.repository()
        assert repo is not None and repo.count() == 0
        title, text = prompt_log.asked[-1]
        assert title == "已保存企业的数据库已损坏" and "corrupt-" in text
        assert list(path.parent.glob("user.sqlite.corrupt-*"))
    finally:
        data.close()


def test_pdf_export_and_print_from_the_result_page(
    qtbot, gui_app, store, user_data, prompt_log, tmp_path, monkeypatch
) -> None:
    wizard = EvaluationWizard(store, user_data)
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
    page = wizard.result_page
    assert page.report.pdf_button.isEnabled()
    pdf = tmp_path / "清单.pdf"
    monkeypatch.setattr(summary_export, "choose_pdf_path", lambda *_a: pdf)
    page.report.pdf_button.click()  # built on the worker; the prompt says it is done
    qtbot.waitUntil(lambda: any(t == "导出PDF" for t, _x in prompt_log.asked), timeout=30_000)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert prompt_log.asked[-1][0] == "导出PDF" and str(pdf) in prompt_log.asked[-1][1]
    from pypdf import PdfReader

    full_pages = len(PdfReader(pdf).pages)
    brief = tmp_path / "简版.pdf"
    monkeypatch.setattr(summary_export, "choose_pdf_path", lambda *_a: brief)
    page.report.brief_check.setChecked(True)
    page.report.pdf_button.click()
    qtbot.waitUntil(lambda: str(brief) in prompt_log.asked[-1][1], timeout=30_000)
    assert 0 < len(PdfReader(brief).pages) < full_pages
    printed: list[Path] = []
    import desktop_app.gui.printing as printing

    monkeypatch.setattr(printing, "print_pdf", lambda _p, path: printed.append(Path(path)))
    assert page.report.print_button.isEnabled()
    page.report.print_button.click()
    qtbot.waitUntil(lambda: bool(printed), timeout=30_000)
    assert printed[0].read_bytes().startswith(b"%PDF")


def test_old_data_version_is_explained_in_the_reopened_result(
    qtbot, gui_app, store, repo, prompt_log, tmp_path, monkeypatch
) -> None:
    result = match(store, Profile.from_dict(SAMPLE), AS_OF).to_dict()
    result["data_version"] = "0ld"
    record = repo.save(SAMPLE, evaluation=result)
    evaluation = repo.get_evaluation(repo.evaluations(record.id)[0].id)
    dialog = ResultDialog(
        evaluation,
        record.name,
        current_data_version=store.meta()["data_version"],
        current_data_label=store.data_version_label,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    # the same data date, another build: the labels read alike, so the codes are named too
    label = store.data_version_label
    assert (
        f"（{label}，代码 0ld）与现在的（{label}，代码 {store.data_version}）" in dialog.note.text()
    )
    # the stored result exports as it was computed, though the data version differs
    assert dialog.pdf_button.isEnabled()
    pdf = tmp_path / "历史.pdf"
    monkeypatch.setattr(summary_export, "choose_pdf_path", lambda *_a: pdf)
    dialog.pdf_button.click()
    qtbot.waitUntil(lambda: any(t == "导出PDF" for t, _x in prompt_log.asked), timeout=30_000)
    from pypdf import PdfReader

    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert "数据代码 0ld" in text  # the version it was computed with, in small print


def test_menu_in_main_window_opens_wizard_list_and_measures(
    qtbot, window, store, prompt_log
) -> None:
    hook = getattr(window, "enterprise_menu", None)
    if not isinstance(hook, EnterpriseMenu):
        hook = install_enterprise_menu(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert "企业(&Q)" in titles
    assert titles.index("企业(&Q)") == titles.index("帮助(&H)") - 1
    assert hook.new_action.shortcut().toString() == "Ctrl+N"
    assert hook.list_action.shortcut().toString() == "Ctrl+E"
    hook.new_action.trigger()
    feature = hook.feature()
    assert len(feature.wizards) == 1
    wizard = feature.wizards[0]
    assert wizard.isVisible()
    screenshot(window, "enterprises-menu-main-window")

    # a measure opened from the result goes to the main window's reader
    wizard.open_measure_requested.emit("xm-30")
    QApplication.processEvents()
    assert window.reader().isVisible()

    # closing the main window first asks about the wizard's unsaved answers
    type_into(qtbot, wizard.basic.name, "未保存")
    prompt_log.unsaved_answers = ["cancel"]
    assert not window.close()
    assert window.isVisible() and wizard.isVisible()
    prompt_log.unsaved_answers = ["discard"]
    wizard.reject()
    assert not wizard.isVisible()

    hook.list_action.trigger()
    assert feature.dialog is not None and feature.dialog.isVisible()
    feature.dialog.close()

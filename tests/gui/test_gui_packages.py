"""文件 → 导入政策包… / 导出政策包… / 撤销上次导入政策包 driven in the real window with real
package files, made by the core in a second temporary home (the exporting office). The
preview dialog is screenshotted into /tmp/policy-desk-screens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import screenshot
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from test_gui_import import _reload_on_change

from desktop_app.core.notice.office import OfficeInfo
from desktop_app.core.packages import container
from desktop_app.core.packages.container import PackageError
from desktop_app.core.packages.export import export_package
from desktop_app.core.packages.importer import preview_package
from desktop_app.core.services import PolicyData
from desktop_app.gui import package_menu
from desktop_app.gui.package_dialogs import ExportPackageDialog, PackagePreviewDialog
from tests.package_helpers import LOAN_RULE, dump, library_at, structured_library

OFFICE = "柳河县工信局"


def _package(tmp_path: Path) -> Path:
    """What another office exports: one imported document with its rule and guidance."""
    home = tmp_path / "office-a"
    doc_id = structured_library(home, tmp_path / "src-a")
    out = tmp_path / f"柳河{container.SUFFIX}"
    library = library_at(home)
    try:
        export_package(library, [doc_id], out, office=OFFICE)
    finally:
        library.close()
    return out


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The package menu's message boxes, recorded instead of shown; confirm says yes."""
    seen: dict[str, list[str]] = {"inform": [], "confirm": [], "warning": []}
    prompts = package_menu.prompts
    monkeypatch.setattr(prompts, "inform", lambda _p, _t, text: seen["inform"].append(text))

    def confirm(_p: Any, _t: str, text: str, _a: str = "") -> bool:
        seen["confirm"].append(text)
        return True

    monkeypatch.setattr(prompts, "confirm", confirm)
    monkeypatch.setattr(
        package_menu.QMessageBox,
        "warning",
        staticmethod(lambda _p, _t, text: seen["warning"].append(text)),
    )
    return seen


def _preview(window: Any, qtbot: Any, path: Path) -> PackagePreviewDialog:
    window.package_menu.last_dialog = None
    window.package_menu.read_file(path)
    qtbot.waitUntil(
        lambda: isinstance(window.package_menu.last_dialog, PackagePreviewDialog), timeout=20_000
    )
    dialog = window.package_menu.last_dialog
    assert isinstance(dialog, PackagePreviewDialog)
    return dialog


def _action(dialog: PackagePreviewDialog) -> str:
    cell = dialog.table.item(0, 0)
    return cell.text() if cell is not None else ""


def _imported(window: Any) -> list[str]:
    return [d.title for d in window.data.documents if d.is_imported]


def test_preview_import_and_undo_of_a_real_package(
    window: Any, qtbot: Any, tmp_path: Path, told: dict[str, list[str]], isolated_user_data: Path
) -> None:
    _reload_on_change(window, qtbot)
    package = _package(tmp_path)
    before = _imported(window)
    dialog = _preview(window, qtbot, package)
    assert dialog.table.rowCount() == 1 and _action(dialog) == "新增"
    assert "新增 1 份" in dialog.summary.text()
    assert OFFICE in "".join(label.text() for label in dialog.findChildren(QLabel))
    html = dialog.measures.toPlainText()
    assert "最高20万元" in html and "贷款贴息" in html and "（新文件）" in html
    assert not dialog.replace_check.isVisible() and dialog.apply_button.isEnabled()
    screenshot(dialog, "package-preview-new")
    dialog.accept()
    qtbot.waitUntil(lambda: len(_imported(window)) == len(before) + 1, timeout=20_000)
    assert not told["warning"]

    # 撤销上次导入政策包: asked with what it undoes, then the library is as before
    window.package_menu.undo()
    qtbot.waitUntil(lambda: _imported(window) == before, timeout=20_000)
    assert told["confirm"] and package.name in told["confirm"][0]
    window.package_menu.undo()  # only once
    qtbot.waitUntil(lambda: bool(told["inform"]), timeout=20_000)
    assert "没有可以撤销的政策包导入" in told["inform"][-1]


def test_newer_structuring_wins_only_when_the_user_agrees(
    window: Any, qtbot: Any, tmp_path: Path, told: dict[str, list[str]], isolated_user_data: Path
) -> None:
    _reload_on_change(window, qtbot)
    # this office imported the same text and structured it its own way (no size condition)
    own = dict(LOAN_RULE, conditions=[])
    doc_id = structured_library(isolated_user_data, tmp_path / "src-b", rule=own)
    dialog = _preview(window, qtbot, _package(tmp_path))
    assert _action(dialog) == "保留本机结构化"
    assert not dialog.apply_button.isEnabled()  # kept: nothing would change
    assert dialog.replace_check.isVisibleTo(dialog)
    text = dialog.measures.toPlainText()
    assert "本机现有" in text and "政策包中" in text and "小微企业" in text
    dialog.replace_check.setChecked(True)
    assert _action(dialog) == "更新" and dialog.apply_button.isEnabled()
    screenshot(dialog, "package-preview-conflict")
    dialog.accept()

    def replaced() -> bool:
        library = library_at(isolated_user_data)
        try:
            row = library.rules(f"{doc_id}-2")
            return row is not None and row["rules"] == LOAN_RULE
        finally:
            library.close()

    qtbot.waitUntil(replaced, timeout=20_000)
    assert not told["warning"]


def test_a_damaged_package_is_refused_in_chinese_and_nothing_changes(
    window: Any, qtbot: Any, tmp_path: Path, told: dict[str, list[str]], isolated_user_data: Path
) -> None:
    package = _package(tmp_path)
    data = package.read_bytes()
    truncated = tmp_path / f"截断{container.SUFFIX}"
    truncated.write_bytes(data[: len(data) // 2])
    library_at(isolated_user_data).close()
    before = dump(isolated_user_data / "library.sqlite")
    library = library_at(isolated_user_data)
    try:
        with pytest.raises(PackageError) as refused:
            preview_package(library, truncated)
    finally:
        library.close()
    window.package_menu.read_file(truncated)
    qtbot.waitUntil(lambda: bool(told["warning"]), timeout=20_000)
    assert told["warning"] == [str(refused.value)] and "政策包" in told["warning"][0]
    assert window.package_menu.import_action.isEnabled()  # usable again
    assert dump(isolated_user_data / "library.sqlite") == before


def test_export_asks_documents_guidance_and_office_then_writes_a_package(
    window: Any,
    qtbot: Any,
    tmp_path: Path,
    told: dict[str, list[str]],
    isolated_user_data: Path,
    policy_db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    structured_library(isolated_user_data, tmp_path / "src")
    window.set_data(PolicyData.open(policy_db_path))  # the window's data with the document
    window.settings.set_office(OfficeInfo(unit=OFFICE))
    written = tmp_path / f"交换{container.SUFFIX}"
    monkeypatch.setattr(package_menu, "choose_output", lambda _w, _name: written)
    window.package_menu.choose_export()
    dialog = window.package_menu.last_dialog
    assert isinstance(dialog, ExportPackageDialog)
    assert dialog.office.text() == OFFICE and len(dialog.chosen()) == 1
    text = dialog.list.item(0).text()  # the date as people read it; the id only in the tip
    assert "导入" in text and "imp-" not in text and "imp-" in dialog.list.item(0).toolTip()
    screenshot(dialog, "package-export")
    dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.ok.isEnabled()  # nothing chosen: nothing to export
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.guidance.setChecked(False)
    dialog.accept()
    qtbot.waitUntil(lambda: bool(told["inform"]), timeout=20_000)
    assert "已导出政策包" in told["inform"][0] and written.name in told["inform"][0]
    # read back by the core, into a third home
    other = library_at(tmp_path / "office-c")
    try:
        preview = preview_package(other, written)
    finally:
        other.close()
    assert preview.manifest["office"] == OFFICE and preview.manifest["counts"]["guidance"] == 0
    assert [p.action for p in preview.plans] == ["new"]


def test_the_window_names_package_files_as_the_core_does() -> None:
    assert package_menu.SUFFIX == container.SUFFIX
    assert package_menu.suggested_name(OFFICE) == f"{OFFICE}-政策包{container.SUFFIX}"
    assert package_menu.suggested_name("") == f"本单位-政策包{container.SUFFIX}"
    assert package_menu.suggested_name("a/b:c") == f"a_b_c-政策包{container.SUFFIX}"


def test_file_menu_accelerators_are_unique(window: Any) -> None:
    texts = [a.text() for a in window.file_menu.actions() if a.text()]
    assert {"导入政策包(&P)…", "导出政策包(&B)…", "撤销上次导入政策包(&U)…"} <= set(texts)
    keys = [t.split("(&", 1)[1][0] for t in texts if "(&" in t]
    assert len(keys) == len(set(keys)), texts

"""企业 → 批量筛查…: a 200-row roster through the real dialog, its views, the wizard and saving."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import screenshot
from PySide6.QtCore import QDate, Qt

from desktop_app.core.batch.synthetic import generate, write_xlsx


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_xlsx(generate(200, seed=5), tmp_path / "园区企业名录.xlsx")


def _screen(window, qtbot, roster: Path):  # type: ignore[no-untyped-def]
    assert window.enterprise_menu.batch_action.shortcut().toString() == "Ctrl+Shift+B"
    feature = window.enterprise_menu.feature()
    dialog = feature.open_batch()
    qtbot.waitExposed(dialog)
    dialog.load_file(roster)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1, timeout=20_000)
    dialog.date_edit.setDate(QDate(2026, 12, 1))
    return feature, dialog


def test_batch_dialog_screens_a_roster(window, qtbot, roster: Path) -> None:  # type: ignore[no-untyped-def]
    feature, dialog = _screen(window, qtbot, roster)
    assert dialog.mapping.mapping()[1].field == "name"
    assert dialog.mapping.rowCount() == 15
    screenshot(dialog, "batch-mapping")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 2, timeout=60_000)
    result = dialog.screening
    assert result is not None and len(result.outcomes) + len(result.rejected) == 200
    firms = dialog.views.firms.model()
    assert firms.rowCount() == len(result.outcomes)
    # sorted by the number of measures that apply, most first
    counts = [firms.index(r, 5).data(Qt.ItemDataRole.UserRole + 1) for r in range(20)]
    assert counts == sorted(counts, reverse=True)
    # 不在有效期 counted as match() counts it
    assert firms.headerData(8, Qt.Orientation.Horizontal) == "不在有效期"
    for r in range(20):
        outcome = firms.index(r, 0).data(Qt.ItemDataRole.UserRole + 2)
        assert firms.index(r, 8).data() == str(outcome.counts()["not_in_force"])
    screenshot(dialog, "batch-by-enterprise")
    dialog.views.firm_filter.setText("湖里区")
    assert 0 < firms.rowCount() < len(result.outcomes)
    dialog.views.firm_filter.setText("")
    dialog.views.setCurrentIndex(1)
    measures = dialog.views.measures
    measures.setCurrentIndex(measures.model().index(0, 0))
    lower = dialog.views.firms_of_measure.model()
    first = measures.model().index(0, 0).data(Qt.ItemDataRole.UserRole + 2)
    assert lower.rowCount() == len(first["eligible"]) + len(first["possible"])
    screenshot(dialog, "batch-by-measure")
    dialog.views.setCurrentIndex(2)
    assert f"未纳入 {len(result.rejected)} 行" in dialog.views.tabText(2)
    assert "第" in dialog.views.rejected_text.toPlainText()
    # open one enterprise in the wizard, prefilled
    dialog.views.setCurrentIndex(0)
    dialog.views.firms.setCurrentIndex(firms.index(0, 1))
    outcome = dialog.views.current_outcome()
    wizard = feature.open_screened(outcome)
    assert wizard is not None
    assert wizard.profile().to_dict() == outcome.row.profile.to_dict()
    wizard.close()
    _finish(qtbot, dialog)


def _finish(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """Close the dialog and let queued events run while the window's task runner still works."""
    dialog.reject()
    qtbot.wait(300)


def test_batch_save_and_bad_file(window, qtbot, roster: Path, prompt_log, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    feature, dialog = _screen(window, qtbot, roster)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 2, timeout=60_000)
    qtbot.waitUntil(lambda: not dialog._running, timeout=10_000)
    outcomes = dialog.screening.outcomes[:3]
    feature.save_screened(outcomes)
    repo = feature.user_data.repository(window)
    assert {r.name for r in repo.search()} == {o.name for o in outcomes}
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"%PDF-1.4")
    dialog.load_file(bad)
    qtbot.waitUntil(lambda: not dialog._running, timeout=10_000)
    assert any("不是电子表格文件" in text for _title, text in prompt_log.asked)
    _finish(qtbot, dialog)


def test_batch_notices_use_the_office_settings(  # type: ignore[no-untyped-def]
    window, qtbot, roster: Path, tmp_path: Path, monkeypatch
) -> None:
    from pdf_helpers import flat, page_texts

    from desktop_app.core.notice.office import OfficeInfo
    from desktop_app.gui import notice_settings
    from desktop_app.gui.batch import dialog as batch_dialog

    window.settings.set_office(OfficeInfo("湖里区企业服务中心", "张三", "0592-5551234"))
    asked: list[OfficeInfo] = []

    def ask(parent, settings, brief):  # type: ignore[no-untyped-def]
        asked.append(settings.office())  # prefilled from the settings, changed for this print
        return OfficeInfo(settings.office().unit, "李四", settings.office().phone), brief

    monkeypatch.setattr(notice_settings, "ask_for_print", ask)
    folder = tmp_path / "告知单"
    monkeypatch.setattr(batch_dialog, "choose_folder", lambda parent, start: folder)
    _feature, dialog = _screen(window, qtbot, roster)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 2, timeout=60_000)
    qtbot.waitUntil(lambda: not dialog._running, timeout=10_000)
    firms = dialog.views.firms
    firms.selectRow(0)
    firms.selectionModel().select(
        firms.model().index(1, 0),
        firms.selectionModel().SelectionFlag.Select | firms.selectionModel().SelectionFlag.Rows,
    )
    dialog.export_notices()
    qtbot.waitUntil(lambda: not dialog._running, timeout=60_000)
    assert asked == [OfficeInfo("湖里区企业服务中心", "张三", "0592-5551234")]
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 2 and "已生成 2 份告知单" in dialog.status.text()
    for path in pdfs:
        text = flat("".join(page_texts(path.read_bytes())))
        assert "湖里区企业服务中心" in text and "经办人李四" in text and "0592-5551234" in text
    _finish(qtbot, dialog)

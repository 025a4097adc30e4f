"""文件 → 导入政策文件…: the preview dialog (detected values with their passages, 未注明,
corrections, the items), the import off the GUI thread, the imported document in the window
(自行导入, 未结构化), and removal. Screenshots go to /tmp/policy-desk-screens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import screenshot

from desktop_app.core.library import importer
from desktop_app.gui import library_menu
from desktop_app.gui.import_dialog import ImportPreviewDialog
from tests.library_helpers import metadata, stand_in_reader, write_source


@pytest.fixture(autouse=True)
def _stand_in_reader(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    if "real" in request.node.name:
        return
    real = importer.preview_import

    def preview(library: Any, path: Path, **kwargs: Any) -> Any:
        return real(library, path, reader=stand_in_reader(metadata(status=None, doc_type=None)))

    monkeypatch.setattr(importer, "preview_import", preview)


def _reload_on_change(window: Any, qtbot: Any) -> None:
    """What Startup.reload does: reopen the data (bundled + library) and swap it in."""
    from desktop_app.gui.startup import open_policy_data

    def reload(note: str) -> None:
        opened = open_policy_data(window.data.path)
        window.controller.set_backend(opened.policy, opened.engine)
        window.set_data(opened.policy)
        window.announce(note)
        window.controller.search_now()

    window.library_menu.changed.connect(reload)


def _search(window: Any, qtbot: Any, text: str) -> None:
    window.search_panel.set_text(text)
    qtbot.waitUntil(
        lambda: (
            window.controller.last_outcome is not None
            and window.controller.last_outcome.query == text
        ),
        timeout=10_000,
    )


def _preview_dialog(window: Any, qtbot: Any, path: Path) -> ImportPreviewDialog:
    window.library_menu.read_file(path)
    qtbot.waitUntil(lambda: isinstance(window.library_menu.last_dialog, ImportPreviewDialog))
    dialog = window.library_menu.last_dialog
    assert isinstance(dialog, ImportPreviewDialog)
    return dialog


def test_preview_import_and_the_imported_document_in_the_window(
    window: Any, qtbot: Any, tmp_path: Path
) -> None:
    _reload_on_change(window, qtbot)
    assert window.library_menu.import_action.shortcut().toString() == "Ctrl+O"
    assert window.library_menu.import_action in window.file_menu.actions()

    dialog = _preview_dialog(window, qtbot, write_source(tmp_path))
    dialog.resize(1100, 760)
    path = screenshot(dialog, "import-preview")
    assert path.exists()
    editors = dialog.editors
    assert editors["title"].text() == "柳河县支持中小企业发展若干措施"  # type: ignore[union-attr]
    assert editors["doc_number"].text() == "柳政发〔2026〕3号"  # type: ignore[union-attr]
    assert editors["region_code"].code() == "220524"  # type: ignore[union-attr]
    assert editors["doc_type"].text() == ""  # type: ignore[union-attr]
    assert editors["doc_type"].placeholderText() == "未注明"  # type: ignore[union-attr]
    labels = [w.text() for w in dialog.findChildren(type(dialog.warnings))]
    assert "依据：柳政发〔2026〕3号" in labels
    assert any(text.startswith("文中未找到") for text in labels)
    assert dialog.items.count() == 4
    assert dialog.items.item(1).text().startswith("（一）　加大贴息支持")

    editors["issuer"].setText("柳河县人民政府办公室")  # type: ignore[union-attr]
    assert dialog.corrections() == {"issuer": "柳河县人民政府办公室"}
    with qtbot.waitSignal(window.library_menu.changed, timeout=10_000) as changed:
        dialog.accept()
    assert "已导入《柳河县支持中小企业发展若干措施》" in changed.args[0]
    qtbot.waitUntil(lambda: window.data.document("imp-0001") is not None, timeout=10_000)
    assert window.data.document("imp-0001").issuer == "柳河县人民政府办公室"

    _search(window, qtbot, "人参")
    assert [r.item_id for r in window.model._rows] == ["imp-0001-3"]
    assert window.model._rows[0].document_label.startswith("［自行导入］")
    window.detail.show_item("imp-0001-3")
    html = window.detail.body.toHtml()
    assert "自行导入" in html and "未结构化" in html and "不参与企业评估" in html
    assert "推定：自2026年3月1日起施行，有效期三年" in html  # a derived period says so
    assert "柳政发〔2026〕3号" in window.detail.citation()
    labels = [
        window.filters.documents.item(n).text() for n in range(window.filters.documents.count())
    ]
    assert any(t.startswith("［自行导入］柳河县") for t in labels)
    assert window.filters.department.findData("县工信局") >= 0
    screenshot(window, "import-main-window")
    window.open_reader("imp-0001-3")
    reader = window.reader()
    assert reader.isVisible()
    screenshot(reader, "import-reader")


def test_the_same_file_twice_is_refused_with_a_message(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _reload_on_change(window, qtbot)
    source = write_source(tmp_path)
    dialog = _preview_dialog(window, qtbot, source)
    with qtbot.waitSignal(window.library_menu.changed, timeout=10_000):
        dialog.accept()
    shown: list[str] = []
    monkeypatch.setattr(
        library_menu.QMessageBox, "warning", staticmethod(lambda _p, _t, text: shown.append(text))
    )
    window.library_menu.read_file(source)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "已经导入过" in shown[0]


def test_removal_from_the_window(window: Any, qtbot: Any, tmp_path: Path) -> None:
    _reload_on_change(window, qtbot)
    dialog = _preview_dialog(window, qtbot, write_source(tmp_path))
    with qtbot.waitSignal(window.library_menu.changed, timeout=10_000):
        dialog.accept()
    qtbot.waitUntil(lambda: window.data.document("imp-0001") is not None, timeout=10_000)
    window.library_menu.open_manager()
    manager = window.library_menu.last_dialog
    row = manager.list.item(0)  # the title and date as people read them; the id in the tip
    assert manager.list.count() == 1 and row.text().startswith("柳河县支持中小企业发展若干措施")
    assert "imp-0001" not in row.text() and "imp-0001" in row.toolTip()
    screenshot(manager, "import-manager")
    with qtbot.waitSignal(window.library_menu.changed, timeout=10_000) as changed:
        window.library_menu.remove_now("imp-0001")
    assert "已删除" in changed.args[0]
    qtbot.waitUntil(lambda: window.data.document("imp-0001") is None, timeout=10_000)
    _search(window, qtbot, "人参")
    assert window.model._rows == [] or all(
        not r.item_id.startswith("imp-") for r in window.model._rows
    )


def test_preview_of_a_real_word_file(window: Any, qtbot: Any, tmp_path: Path) -> None:
    """The real reader on a .docx written by python-docx: the values and passages it found."""
    from desktop_app.core.library import samples

    path = samples.write_docx(tmp_path / "柳河县若干措施.docx", 6)
    dialog = _preview_dialog(window, qtbot, path)
    dialog.resize(1100, 760)
    screenshot(dialog, "import-preview-real")
    assert dialog.editors["doc_number"].text() == samples.NUMBER  # type: ignore[union-attr]
    assert dialog.editors["region_code"].code() == "220524"  # type: ignore[union-attr]
    labels = [w.text() for w in dialog.findChildren(type(dialog.warnings))]
    assert "依据：本措施自2026年3月1日起施行，有效期三年" in labels
    assert dialog.items.count() >= 6


def test_a_damaged_library_is_moved_aside_and_the_user_told(
    gui_app: Any, qtbot: Any, settings: Any, isolated_user_data: Path, monkeypatch: Any
) -> None:
    from desktop_app.gui import errors
    from desktop_app.gui.startup import Startup

    isolated_user_data.mkdir(parents=True, exist_ok=True)
    (isolated_user_data / "library.sqlite").write_bytes(b"garbage" * 500)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(
        errors, "show_error", lambda parent, message, **kw: told.append((kw["title"], message))
    )
    startup = Startup(gui_app, settings)
    with qtbot.waitSignal(startup.window_ready, timeout=60_000):
        startup.begin()
    try:
        qtbot.waitUntil(lambda: bool(told), timeout=5_000)
        assert told[0][0] == "自行导入的政策库" and "已改名保存" in told[0][1]
        assert list(isolated_user_data.glob("library.sqlite.corrupt-*"))
        assert startup.window is not None and startup.window.model.rowCount() > 0
    finally:
        startup.shutdown()
        if startup.window is not None:
            startup.window.close()
            startup.window.deleteLater()

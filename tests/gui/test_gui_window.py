"""The main window driven like a user would: typing (with an input method too), filtering,
opening, keyboard shortcuts. Screenshots of each view go to /tmp/policy-desk-screens."""

from __future__ import annotations

from datetime import date

from conftest import screenshot
from PySide6.QtCore import QDate, QEvent, QModelIndex, Qt
from PySide6.QtGui import QAction, QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMenu

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.results_model import ResultRow


def type_with_input_method(widget, text: str) -> None:
    """What a pinyin IME does on commit (qtbot.keyClicks cannot type Chinese)."""
    widget.setFocus()
    preedit = QInputMethodEvent("dai", [])  # composing: nothing is inserted yet
    QApplication.sendEvent(widget, preedit)
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def search(qtbot, window: MainWindow, text: str) -> None:
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        window.search_panel.set_text(text)


def rows(window: MainWindow) -> list[ResultRow]:
    return [r for n in range(window.model.rowCount()) if (r := window.model.row_at(n))]


def test_empty_query_lists_items_in_document_order(window: MainWindow, qtbot) -> None:
    catalog = window.data
    assert window.model.total == len(catalog.items)
    first = rows(window)
    assert [r.item_id for r in first] == [i.id for i in catalog.items[: len(first)]]
    assert window.stack.currentWidget() is window.results_view
    # behind the start page the detail pane is not filled (it reads the measures' rules);
    # it shows the current result as soon as the results appear
    assert window.on_start_page() and window.detail.item is None
    window.show_results_page()
    assert window.detail.item is not None and window.detail.item.id == first[0].item_id
    assert "共" in window.statusBar().currentMessage()
    screenshot(window, "01-main-empty-query")


def test_typing_with_input_method_searches_and_highlights(window: MainWindow, qtbot) -> None:
    box = window.search_panel.box
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000) as blocker:
        type_with_input_method(box, "贷款")
    assert box.text() == "贷款"
    outcome = blocker.args[0]
    assert outcome.query == "贷款"
    found = rows(window)
    assert found, "贷款 should match items"
    for row in found[:10]:
        item = window.data.item(row.item_id)
        assert item is not None
        assert row.snippet_highlights, row
        marked = {row.snippet[a:b] for a, b in row.snippet_highlights}
        # the engine also matches synonyms (融资, 信贷): the marks are the matched words
        assert marked <= set(row.matched_terms), (marked, row.matched_terms)
    # the detail pane shows the full text with the match highlighted
    html = window.detail.body.toHtml()
    assert "background-color:#ffe58a" in html
    screenshot(window, "02-search-highlights")


def test_preedit_alone_does_not_search(window: MainWindow, qtbot) -> None:
    box = window.search_panel.box
    box.setFocus()
    QApplication.sendEvent(box, QInputMethodEvent("rongzi", []))
    assert box.text() == ""
    qtbot.wait(120)
    assert not window.controller.pending()


def test_typing_fast_only_the_last_query_is_shown(window: MainWindow, qtbot) -> None:
    seen: list[str] = []
    window.controller.results_ready.connect(lambda o: seen.append(o.query))
    box = window.search_panel.box
    for text in ("融", "融资", "融资担"):
        box.setText(text)
    qtbot.waitUntil(lambda: bool(seen) and not window.controller.pending(), timeout=10_000)
    qtbot.wait(100)
    assert seen[-1] == "融资担"
    assert seen.count("融") == 0  # debounced away
    assert window.controller.last_outcome is not None
    assert window.controller.last_outcome.query == "融资担"


def test_filters_with_counts_and_one_click_clear(window: MainWindow, qtbot) -> None:
    panel = window.filters
    texts = [panel.documents.item(n).text() for n in range(panel.documents.count())]
    assert all("(" in t for t in texts), texts  # counts shown
    yj = next(n for n in range(panel.documents.count()) if "雁江" in panel.documents.item(n).text())
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        panel.documents.item(yj).setCheckState(Qt.CheckState.Checked)
    assert {r.document_id for r in rows(window)} == {"yj2020"}
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        panel.facing.setChecked(True)
    facing = rows(window)
    assert facing and all(window.data.item(r.item_id).enterprise_facing for r in facing)  # type: ignore[union-attr]
    assert panel.active_count() == 2
    assert "2" in panel.clear_button.text()
    screenshot(window, "03-filters-applied")
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        panel.clear_button.click()
    assert panel.active_count() == 0
    assert window.model.total == len(window.data.items)


def test_region_cascade(window: MainWindow, qtbot) -> None:
    panel = window.filters
    # the provinces are listed once the panel shows (it is behind the start page at start)
    assert panel.province.count() == 1
    window.show_results_page()
    fujian = panel.province.findText("福建省")
    assert fujian > 0
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        panel.province.setCurrentIndex(fujian)
    assert panel.city.isEnabled() and panel.city.count() > 1
    assert panel.region_code() == "350000"
    sanming = panel.city.findText("三明市")
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        panel.city.setCurrentIndex(sanming)
    assert panel.region_code() == "350400"
    assert panel.district.count() > 1
    outcome = window.controller.last_outcome
    assert outcome is not None
    docs = {k for k, v in outcome.result.facets["document"].items() if v}
    assert "hb2019" not in docs and "yj2020" not in docs
    assert "sm" in docs
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        panel.set_region("512002")
    assert panel.province.currentText() == "四川省"
    assert panel.district.currentData() == "512002"


def test_validity_filter_and_badges(window: MainWindow, qtbot) -> None:
    labels = {r.document_id: r.validity_label for r in rows(window)}
    assert labels["fj2019"] == "已过执行期（推定）"  # the 2019 work plan, checked on today's date
    panel = window.filters
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        panel.documents.set_checked(["sm"])
        panel.documents.itemChanged.emit(panel.documents.item(0))
    # a draft whose stated period (to 2025-12-31) has also ended says both
    assert {r.validity_label for r in rows(window)} == {"征求意见稿·有效期已届满"}
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        panel.valid_only.setChecked(True)
    assert window.model.rowCount() == 0  # a draft is never in force
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        panel.as_of.setDate(QDate(2023, 6, 1))
    assert panel.filters().as_of == date(2023, 6, 1)


def test_no_results_offers_suggestions(window: MainWindow, qtbot) -> None:
    search(qtbot, window, "龘龘")
    assert window.model.rowCount() == 0
    assert window.stack.currentWidget() is window.empty
    assert window.empty.kind == "no-results"
    text = window.empty.label.text()
    assert "没有找到" in text and "suggest:" in text
    assert window.detail.item is None
    screenshot(window, "04-no-results")
    # following a suggestion searches for it
    href = text.split('href="')[1].split('"')[0]
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        window.empty.label.linkActivated.emit(href)
    assert window.search_panel.text() != "龘龘"


def test_partial_matches_are_announced(window: MainWindow, qtbot) -> None:
    search(qtbot, window, "火星基地")
    outcome = window.controller.last_outcome
    assert outcome is not None and outcome.result.fallback
    assert window.notice.isVisible()
    assert "火星基地" in window.notice.label.text()
    search(qtbot, window, "担保")
    assert not window.notice.isVisible()


def test_detail_pane_and_copy_citation(window: MainWindow, qtbot) -> None:
    search(qtbot, window, "政府采购")
    row = window.model.row_of("yj2020-14")
    assert row >= 0
    window.results_view.setCurrentIndex(window.model.index(row, 0))
    detail = window.detail
    assert detail.item is not None and detail.item.id == "yj2020-14"
    html = detail.body.toPlainText()
    assert "资雁府办发〔2020〕19号" in html
    assert "区财政局（牵头）" in html
    assert "待遇与条件" in html and "原文" in html
    assert "四、加大财税支持力度" in html
    detail.copy_button.click()
    expected = "《资阳市雁江区促进中小企业健康发展实施方案》（资雁府办发〔2020〕19号）第（十四）条"
    assert QGuiApplication.clipboard().text() == expected
    assert "已复制引用" in window.statusBar().currentMessage()
    screenshot(window, "05-detail-pane")


def test_curated_benefits_reach_the_list_and_the_detail_pane(window: MainWindow, qtbot) -> None:
    search(qtbot, window, "扩岗")
    assert window.data.amount_label("xm-30") == "每人1500元"
    row = window.model.row_of("xm-30")
    assert row >= 0
    window.results_view.setCurrentIndex(window.model.index(row, 0))
    text = window.detail.body.toPlainText()
    for part in (
        "中小微企业扩岗补助",
        "每人1500元",
        "给予每人1500元的中小微企业扩岗补助",
        "缴纳失业、工伤、职工养老保险满3个月以上",
    ):
        assert part in text, part
    screenshot(window, "05b-detail-benefits")


def test_detail_pane_benefits_are_empty_safe(window: MainWindow) -> None:
    window.show_results_page()  # the pane shows the first result
    detail = window.detail
    detail.set_benefits(None)
    assert "尚未整理" in detail.body.toPlainText()
    detail.set_benefits(
        [{"title": "贷款贴息", "amount": "最高50万元", "conditions": ["小微企业"], "x": 1}]
    )
    text = detail.body.toPlainText()
    assert "贷款贴息" in text and "最高50万元" in text and "小微企业" in text
    # the shape of desktop_app.core.eligibility.overview.BenefitOverview.to_dict()
    detail.set_benefits(
        [
            {
                "label": "稳岗返还",
                "kind_label": "资金补助",
                "amount_text": "每人1500元",
                "quote": "按每人1500元标准",
                "conditions": [{"text": "参保职工不少于10人", "quote": "参保人数10人以上"}],
                "notes": ["以人社部门核定为准"],
            }
        ]
    )
    text = detail.body.toPlainText()
    for part in ("稳岗返还", "资金补助", "每人1500元", "参保职工不少于10人", "以人社部门核定为准"):
        assert part in text


def test_keyboard_navigation_and_enter_opens_reader(window: MainWindow, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = window.search_panel.box
    assert box.hasFocus() or QApplication.focusWidget() is box
    search(qtbot, window, "担保")
    assert window.results_view.currentIndex().row() == 0
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert window.results_view.currentIndex().row() == 2
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert window.results_view.currentIndex().row() == 1
    current = window.current_row()
    assert current is not None and window.detail.item is not None
    assert window.detail.item.id == current.item_id
    qtbot.keyClick(box, Qt.Key.Key_Return)
    reader = window.reader()
    assert reader.isVisible()
    assert reader.current_item_id == current.item_id
    assert window.settings.history()[0] == "担保"
    assert window.search_panel.history()[0] == "担保"
    reader.close()
    # Enter on the list itself opens too
    window.results_view.setFocus()
    qtbot.keyClick(window.results_view, Qt.Key.Key_Down)
    qtbot.keyClick(window.results_view, Qt.Key.Key_Return)
    assert reader.isVisible() and reader.current_item_id == window.current_row().item_id  # type: ignore[union-attr]
    reader.close()


def test_escape_clears_query_then_filters(window: MainWindow, qtbot) -> None:
    search(qtbot, window, "人才")
    box = window.search_panel.box
    box.setFocus()
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        window.filters.facing.setChecked(True)
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert window.filters.active_count() == 0


def test_font_size_shortcuts(window: MainWindow, qtbot) -> None:
    base = QApplication.font().pointSize()
    height = window.results_view.sizeHintForRow(0)
    try:
        qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.font().pointSize() == base + 1
        assert window.settings.font_size() == base + 1
        assert window.results_view.sizeHintForRow(0) > height
        assert window.detail.title.font().pointSize() == base + 1 + 3
        qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.font().pointSize() == base - 1
        for _ in range(20):
            window.change_font_size(+1)
        assert QApplication.font().pointSize() == 20
        screenshot(window, "08-font-size-20")
    finally:
        window.set_font_size(base)
    assert QApplication.font().pointSize() == base


def test_document_reader_tree_and_jump(window: MainWindow, qtbot) -> None:
    search(qtbot, window, "政府采购")
    window.results_view.setCurrentIndex(window.model.index(window.model.row_of("yj2020-14"), 0))
    window.open_current()
    reader = window.reader()
    qtbot.waitExposed(reader)
    qtbot.wait(20)  # the scroll is applied again once the dialog is laid out
    assert reader.current_item_id == "yj2020-14"
    model = reader.tree.model()
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "四、加大财税支持力度" in top
    current = reader.tree.currentIndex()
    assert "加大政府采购支持力度" in current.data()
    assert current.parent().data() == "四、加大财税支持力度"
    # the text is scrolled to the item: its paragraph is in view
    cursor = reader.text.cursorForPosition(reader.text.viewport().rect().center())
    assert cursor.position() > 0
    assert reader.text.verticalScrollBar().value() > 0
    screenshot(reader, "06-document-reader")
    # walking the tree moves the marked paragraph
    qtbot.keyClick(reader.tree, Qt.Key.Key_Up)
    assert reader.current_item_id == "yj2020-13"
    # another document replaces the tree
    assert reader.open_item("xm-40")
    top = [reader.tree.model().index(r, 0).data() for r in range(reader.tree.model().rowCount())]
    assert any(t.startswith("五、") for t in top)
    reader.close()


def test_about_dialog_shows_data_version(window: MainWindow, qtbot) -> None:
    dialog = window.about_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    text = dialog.body.text()
    meta = window.data.meta
    assert meta["data_version"] in text
    assert f"{len(window.data.documents)} 份" in text
    assert meta["item_count"] in text
    assert "年" in text and "月" in text  # build date in Chinese
    screenshot(dialog, "07-about")
    dialog.close()


def test_window_remembers_geometry_and_splitter(window: MainWindow, settings, qtbot) -> None:
    window.resize(760, 560)  # within the offscreen screen (800×600): no clamping
    window.splitter.setSizes([260, 250, 250])
    sizes = window.splitter.sizes()
    window.close()
    window.save_state()
    from desktop_app.gui.settings import Settings

    again = Settings(settings.path)
    assert again.geometry() is not None
    assert again.splitter_state("main") is not None
    other = type(window)(window.data, window.controller, again, window.runner, ["其他"])
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    assert abs(other.splitter.sizes()[0] - sizes[0]) <= 2
    assert abs(other.width() - 760) <= 1


def test_fetch_more_appends_pages(window: MainWindow, qtbot) -> None:
    total = window.model.total
    assert window.model.rowCount() < total  # the first page only
    with qtbot.waitSignal(window.controller.more_ready, timeout=10_000):
        window.model.fetchMore(QModelIndex())
    assert window.model.rowCount() > 50
    ids = [r.item_id for r in rows(window)]
    assert len(ids) == len(set(ids))
    while window.model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(window.controller.more_ready, timeout=10_000):
            window.model.fetchMore(QModelIndex())
    assert window.model.rowCount() == total


def test_tip_dismissed_is_remembered(window: MainWindow, qtbot) -> None:
    assert window.tip.isVisible()
    assert window.tip.close_button is not None
    window.tip.close_button.click()
    assert not window.tip.isVisible()
    assert window.settings.tip_dismissed()
    tip_action = next(a for a in window.findChildren(QAction) if a.text().startswith("使用提示"))
    tip_action.trigger()
    assert window.tip.isVisible()


def test_menus_are_chinese(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "企业(&Q)", "帮助(&H)"]
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if action.text():
                assert any("\u4e00" <= ch <= "\u9fff" for ch in action.text()), action.text()


def test_event_type_sanity() -> None:
    # QInputMethodEvent is what input methods send; keep the helper honest
    assert QInputMethodEvent().type() == QEvent.Type.InputMethod


def test_export_excerpt_pdf_of_current_results(
    window: MainWindow, qtbot, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    assert window.export_action.isEnabled()  # desktop_app.core.pdf.excerpt is present
    search(qtbot, window, "政府采购")
    target = tmp_path / "摘编"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "PDF 文件 (*.pdf)")),
    )
    with qtbot.waitSignal(window.export_finished, timeout=60_000) as blocker:
        window.export_action.trigger()
    written = tmp_path / "摘编.pdf"
    assert blocker.args == [str(written)]
    assert written.read_bytes().startswith(b"%PDF-")
    assert "已导出" in window.statusBar().currentMessage()
    assert window.settings.last_folder("export") == str(tmp_path)
    assert window.export_action.isEnabled()


def test_alt_number_moves_between_panels(window: MainWindow, qtbot) -> None:
    window.activateWindow()
    for key, target in (
        (Qt.Key.Key_1, window.filters.province),
        (Qt.Key.Key_2, window.results_view),
        (Qt.Key.Key_3, window.detail.body),
    ):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is target


def test_history_menu_reuses_a_query(window: MainWindow, qtbot) -> None:
    search(qtbot, window, "贴息")
    window.remember_query()
    search(qtbot, window, "")
    menu = window.search_panel.history_menu
    window.search_panel.fill_history_menu(menu)
    entry = next(a for a in menu.actions() if a.text() == "贴息")
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        entry.trigger()
    assert window.search_panel.text() == "贴息"
    clear = next(a for a in menu.actions() if a.text() == "清除搜索历史")
    clear.trigger()
    assert window.settings.history() == [] and window.search_panel.history() == []


def test_enter_right_after_typing_opens_the_new_first_result(window: MainWindow, qtbot) -> None:
    window.controller._timer.setInterval(5_000)  # typing has not paused yet
    box = window.search_panel.box
    box.setText("稳岗")
    assert window.controller.pending()
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    reader = window.reader()
    first = window.model.row_at(0)
    assert first is not None
    assert reader.isVisible() and reader.current_item_id == first.item_id
    assert window.settings.history()[0] == "稳岗"
    reader.close()

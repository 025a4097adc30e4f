"""Every item model checked with pytest-qt's qtmodeltester, plus the delegate and HTML helpers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop_app.core.search import SearchFilters
from desktop_app.gui.catalog import article_label
from desktop_app.gui.document_reader import ITEM_ID_ROLE, build_tree
from desktop_app.gui.html_text import highlighted, merge_spans
from desktop_app.gui.result_delegate import ResultDelegate
from desktop_app.gui.results_model import ResultRow, ResultsModel, Roles, decorate


def _rows(policy_data, query: str = "", limit: int = 20) -> list[ResultRow]:
    result = policy_data.search_engine().search(query, SearchFilters(), limit=limit)
    return decorate(result.hits, policy_data, date(2024, 1, 1))


def test_results_model_passes_modeltester(qtmodeltester, policy_data) -> None:
    model = ResultsModel()
    qtmodeltester.check(model)
    rows = _rows(policy_data, "担保")
    model.set_rows(rows, total=len(rows) + 30)
    qtmodeltester.check(model)
    index = model.index(0, 0)
    assert model.data(index, Roles.ROW) == rows[0]
    assert model.data(index, Roles.ITEM_ID) == rows[0].item_id
    assert model.data(index) == rows[0].title
    assert "，" in model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    assert model.data(model.index(999, 0)) is None


def test_results_model_fetch_more_and_append(qtmodeltester, policy_data) -> None:
    model = ResultsModel()
    rows = _rows(policy_data, "", limit=60)
    model.set_rows(rows[:50], total=60)
    asked: list[int] = []
    model.more_requested.connect(asked.append)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # already fetching: not asked twice
    assert asked == [50]
    model.append_rows(rows[45:60])  # overlap is dropped
    assert model.rowCount() == 60
    assert len({model.row_at(n).item_id for n in range(60)}) == 60  # type: ignore[union-attr]
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    model.append_rows([])  # a page with nothing new stops further requests
    assert not model.canFetchMore(QModelIndex())
    model.clear()
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def _leaf_ids(model, parent: QModelIndex) -> list[str]:
    found: list[str] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data(ITEM_ID_ROLE):
            found.append(index.data(ITEM_ID_ROLE))
            assert "\n" not in index.data()
        found += _leaf_ids(model, index)
    return found


def test_document_tree_passes_modeltester(qtmodeltester, policy_data) -> None:
    for document in policy_data.documents:
        items = policy_data.document_items(document.id)
        model = build_tree(items)
        qtmodeltester.check(model)
        leaves = _leaf_ids(model, QModelIndex())
        assert leaves == [i.id for i in items], document.id  # every item, in order


def test_tree_nests_items_under_their_headings(policy_data) -> None:
    model = build_tree(policy_data.document_items("xm"))
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    part = model.index(top.index("五、优化中小微企业发展环境"), 0)
    children = [model.index(r, 0, part).data() for r in range(model.rowCount(part))]
    assert "（十四）支持参与消费品以旧换新" in children


def test_delegate_paints_every_validity_state(gui_app, policy_data) -> None:
    delegate = ResultDelegate()
    model = ResultsModel()
    base = _rows(policy_data, "担保", limit=1)[0]
    states = [
        ("in_force", "有效"),
        ("expired", "已失效"),
        ("draft", "征求意见稿"),
        ("unknown", "未注明"),
    ]
    rows = [
        ResultRow(
            **{
                **base.__dict__,
                "item_id": f"x{n}",
                "validity_state": s,
                "validity_label": label,
                "amount": "最高50万元" if n == 0 else None,
            }
        )
        for n, (s, label) in enumerate(states)
    ]
    model.set_rows(rows, len(rows))
    image = QImage(600, 120 * len(rows), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.font = gui_app.font()
    height = delegate.sizeHint(option, model.index(0, 0)).height()
    assert height > 3 * option.fontMetrics.height()
    for n in range(len(rows)):
        option.rect = QRect(0, n * height, 600, height)
        delegate.paint(painter, option, model.index(n, 0))
    painter.end()

    def colours(n: int) -> set[str]:
        return {
            image.pixelColor(x, y).name()
            for x in range(0, 600, 2)
            for y in range(n * height, (n + 1) * height, 2)
        }

    assert "#e3f3e8" in colours(0)  # 有效 badge
    assert "#e8f0fa" in colours(0)  # amount chip
    assert "#fdf1d6" in colours(2)  # 征求意见稿 badge
    assert "#ffe58a" in colours(1)  # the highlighted match in the snippet


def test_article_labels_match_citations(policy_data) -> None:
    catalog = policy_data
    assert article_label(catalog.item("yj2020-14")) == "第（十四）条"
    assert article_label(catalog.item("xm-40")) == "第40项"
    for item in catalog.items:
        label = article_label(item)
        assert label, item.id
        if not item.locator.startswith("第"):
            assert catalog.citation(item).endswith(label), item.id


def test_highlight_html_escapes_and_merges() -> None:
    assert merge_spans([(3, 5), (0, 2), (4, 8), (9, 9)], 7) == [(0, 2), (3, 7)]
    html = highlighted("a<b>&贷款", [(5, 7)])
    assert "a&lt;b&gt;&amp;" in html and ">贷款</span>" in html


def test_a_long_amount_badge_is_elided_to_leave_room_for_the_title(gui_app) -> None:
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    from desktop_app.gui.result_paint import draw_badge

    image = QImage(800, 40, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        long_amount = (
            "获得国家制造业转型升级基金（或其一级子基金）股权投资的实际到资额的5‰，最高100万元"
        )
        left = draw_badge(
            painter,
            QFont(),
            long_amount,
            QColor("black"),
            QColor("white"),
            780,
            0,
            30,
            max_width=300,
        )
    finally:
        painter.end()
    assert left >= 780 - 300

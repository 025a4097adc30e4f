"""A real county document through the whole path: the .docx of 将乐县促进中小企业高质量发展若干措施
(tests/data/import, in the style of the published county 若干措施) imported by the generic
reader, reviewed in the 结构化 view (screenshots for looking at), and its reviewed measure in a
wizard result with its amount and the 自行导入 badge."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.facts import load_registry
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.library.combined import with_library
from desktop_app.core.library.importer import preview_import, store_import
from desktop_app.core.library.store import PolicyLibrary
from desktop_app.core.store import PolicyStore
from desktop_app.core.structuring.review import REJECTED
from desktop_app.gui.structuring.review_dialog import ReviewDialog
from desktop_app.gui.views.result_view import ResultView
from tests.gui.conftest import screenshot

DOCX = Path(__file__).parents[1] / "data" / "import" / "jiangle-county-measures.docx"
ENTERPRISE = {
    "name": "将乐县金森竹木制品有限公司",
    "region": "350428",  # 福建省三明市将乐县
    "industry": "工业",
    "employees": 86,
    "revenue": 9800,
    "assets": 7200,
    "established": "2012-04-10",
    # newly recognised 省级专精特新中小企业 inside the document's period (2024-06-01 起, 三年)
    "qualifications": [{"id": "specialized_sme", "granted": "2025-03-18"}],
}


@pytest.fixture
def jiangle():  # type: ignore[no-untyped-def]
    library = PolicyLibrary.open()
    stored = store_import(library, preview_import(library, DOCX))
    yield library, stored.document
    library.close()


def _row(dialog: ReviewDialog, article: str) -> int:
    return next(n for n, item in enumerate(dialog.items) if item.article == article)


def test_review_view_on_a_real_county_document(gui_app, qtbot, jiangle, policy_db_path) -> None:  # type: ignore[no-untyped-def]
    library, doc = jiangle
    assert doc.title == "将乐县促进中小企业高质量发展若干措施"
    assert doc.doc_number == "将政综〔2024〕15号" and doc.region_code == "350428"
    dialog = ReviewDialog(library, doc, load_registry(), "王科员")
    qtbot.addWidget(dialog)
    dialog.resize(1280, 820)
    dialog.show()
    qtbot.waitExposed(dialog)

    # 第二条: a rate with its cap, and a threshold condition, each highlighted in the text
    dialog.item_list.setCurrentRow(_row(dialog, "第二条"))
    review = dialog.review()
    assert review is not None
    amounts = [p.amount or {} for p in review.proposals if p.kind == "benefit"]
    assert {"type": "rate", "percent": 5, "cap": 100, "cap_unit": "万元"}.items() <= amounts[
        0
    ].items()
    visible = [p for p in review.proposals if p.end > p.start]
    assert len(dialog.text.extraSelections()) == len(visible) >= 3
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))  # type: ignore[arg-type]
    screenshot(dialog, "structuring-review-jiangle-article2")

    # 第四条: three tiers (one of them, never added), each with its own 新认定 condition
    dialog.item_list.setCurrentRow(_row(dialog, "第四条"))
    review = dialog.review()
    assert review is not None
    tiers = [p for p in review.proposals if p.kind == "benefit"]
    assert [(p.amount or {}).get("value") for p in tiers] == [50, 20, 5]
    screenshot(dialog, "structuring-review-jiangle-article4")
    # the reviewer accepts the tiers and their conditions, and rejects the catch-all condition
    # "专精特新企业" (the tiers name their own qualifications)
    for row in range(dialog.tree.topLevelItemCount()):  # as a person does: row, then 接受 / 拒绝
        dialog.tree.setCurrentItem(dialog.tree.topLevelItem(row))  # type: ignore[arg-type]
        p = dialog.current()
        assert p is not None
        general = p.kind == "condition" and not p.applies_to
        (dialog.reject_button if general else dialog.accept_button).click()
    assert [review.decision(p.id) for p in review.proposals].count(REJECTED) == 1
    screenshot(dialog, "structuring-review-jiangle-article4-decided")
    dialog._save()
    item_id = dialog.items[_row(dialog, "第四条")].id
    saved = library.rules(item_id)
    assert saved is not None and saved["unreviewed"] == 0 and saved["structured_by"] == "王科员"

    # the reviewed measure in a wizard result: eligible, 20万元 (the 省级 tier), 自行导入
    store, _ = with_library(PolicyStore.open(policy_db_path))
    try:
        result = match(store, Profile.from_dict(ENTERPRISE), date(2026, 12, 1))
    finally:
        store.close()
    m = next(r for r in result.results if r.item.id == item_id)
    assert m.status == "eligible" and m.amount.value_yuan == 200000, m.amount.text
    view = ResultView()
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show_result(result, str(ENTERPRISE["name"]))
    view.show()
    assert view.select_measure(item_id)
    line = view.tree.currentItem().text(0)  # type: ignore[union-attr]
    assert "自行导入" in line and "培育专精特新企业" in line
    html = view.detail.toHtml()
    assert "自行导入（王科员" in html and "将政综〔2024〕15号" in html
    today = date.today()  # structured just now: the date as the paper prints it, not ISO
    assert f"王科员 {today.year}年{today.month}月{today.day}日 结构化" in html
    assert today.isoformat() not in html
    assert "20万元" in html or "200000元" in html
    screenshot(view, "structuring-jiangle-result-page")

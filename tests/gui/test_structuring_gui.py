"""The 结构化 review view over an imported document, the proposal editor, local guidance in
the detail pane, and an imported measure in the wizard's result page and the PDF."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtGui import QTextCursor

from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.facts import load_registry
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.library.combined import with_library
from desktop_app.core.library.store import PolicyLibrary
from desktop_app.core.pdf.summary import build_summary_pdf
from desktop_app.core.store import PolicyStore
from desktop_app.core.structuring.review import ACCEPTED
from desktop_app.gui.structuring.guidance_dialog import GuidanceDialog
from desktop_app.gui.structuring.proposal_editor import ProposalEditor
from desktop_app.gui.structuring.review_dialog import ReviewDialog
from desktop_app.gui.views.result_view import ResultView
from tests.gui.conftest import SCREENSHOT_DIR
from tests.library_helpers import import_file, metadata, stand_in_reader, write_source
from tests.structuring_helpers import PROFILE
from tests.structuring_labels import DATA


def _county_measures() -> list[tuple[str, str, str]]:
    """The articles of the hand-written county document: (article, title, rest of text)."""
    out = []
    for line in (DATA / "county-industry-measures.txt").read_text(encoding="utf-8").splitlines():
        head, _, rest = line.partition("、")
        if rest and head in "一二三四五六七八九十十一十二十三十四十五十六" and "。" in rest:
            title, _, body = rest.partition("。")
            out.append((f"{head}、", title, body))
    return out


@pytest.fixture
def county(tmp_path: Path):  # type: ignore[no-untyped-def]
    library = PolicyLibrary.open()
    meta = metadata(
        title="某县关于支持工业经济高质量发展的若干措施", doc_number="某政发〔2026〕1号"
    )
    reader = stand_in_reader(meta, _county_measures())
    stored = import_file(library, write_source(tmp_path, "若干措施.txt"), reader=reader)
    yield library, stored.document
    library.close()


def test_review_view_highlights_accepts_and_saves(gui_app, qtbot, county) -> None:  # type: ignore[no-untyped-def]
    library, doc = county
    dialog = ReviewDialog(library, doc, load_registry(), "测试员")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.item_list.setCurrentRow(1)  # 二、鼓励企业做大做强: three tiers
    review = dialog.review()
    assert review is not None
    visible = [p for p in review.proposals if p.end > p.start]
    assert len(dialog.text.extraSelections()) == len(visible) >= 4
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(2))  # type: ignore[arg-type]
    dialog.grab().save(str(SCREENSHOT_DIR / "structuring-review.png"))
    dialog.item_list.setCurrentRow(0)

    dialog._accept_all()
    dialog._save()
    saved = library.rules(dialog.items[0].id)
    assert saved is not None and saved["unreviewed"] == 0 and saved["structured_by"] == "测试员"
    assert dialog.item_list.currentRow() == 1  # moved on to the next item

    # add a benefit from a selected passage
    review = dialog.review()
    assert review is not None
    text = review.item.text
    cursor = dialog.text.textCursor()
    start = text.index("50万元一次性奖励")
    cursor.setPosition(start)
    cursor.setPosition(start + len("50万元一次性奖励"), QTextCursor.MoveMode.KeepAnchor)
    dialog.text.setTextCursor(cursor)
    before = len(review.proposals)
    dialog._add("benefit")
    assert len(review.proposals) == before + 1
    assert review.proposals[-1].amount == {"type": "fixed", "value": 50, "unit": "万元"}

    # mark an item 非企业可申请
    dialog.item_list.setCurrentRow(len(dialog.items) - 1)
    dialog.not_enterprise.setChecked(True)
    dialog._save()
    last = library.items(doc.id)[-1]
    assert last.enterprise_facing is False


def test_saving_refuses_with_the_reason(gui_app, qtbot, county, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    library, doc = county
    dialog = ReviewDialog(library, doc, load_registry(), "测试员")
    qtbot.addWidget(dialog)
    warnings: list[str] = []
    monkeypatch.setattr(
        "desktop_app.gui.structuring.review_dialog.QMessageBox.warning",
        lambda _parent, _title, text: warnings.append(text),
    )
    dialog._save()  # nothing accepted yet
    assert warnings and "至少需要接受一项待遇" in warnings[0]
    assert library.rules(dialog.items[0].id) is None

    review = dialog.review()
    assert review is not None
    benefit = next(p for p in review.proposals if p.kind == "benefit")
    editor = ProposalEditor(review, benefit, load_registry())
    qtbot.addWidget(editor)
    editor.body.setPlainText("{type: fixed, value: 999, unit: 万元}")
    editor._save()
    assert editor.saved is None and "999" in editor.problems.text()
    editor.body.setPlainText("{type: up_to, value: 200, unit: 万元}")
    editor._save()
    assert editor.saved is not None and editor.saved.amount == {
        "type": "up_to",
        "value": 200,
        "unit": "万元",
    }
    review.replace(editor.saved)
    assert review.decision(benefit.id) == ACCEPTED


def test_guidance_dialog_checks_and_returns_values(gui_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = GuidanceDialog("测试措施", "xm-30", None)
    qtbot.addWidget(dialog)
    dialog.phone.setText("请找王科长")
    dialog._save()
    assert dialog.saved is None and "联系电话" in dialog.problems.text()
    dialog.phone.setText("0592-1234567")
    dialog.office.setText("思明区政务服务中心 5号窗口")
    dialog.year_round.setChecked(True)
    dialog.materials.setPlainText("申请表\n劳动合同复印件")
    dialog._save()
    assert dialog.saved is not None
    assert dialog.saved.materials == ("申请表", "劳动合同复印件") and dialog.saved.year_round


def test_guidance_shows_in_the_detail_pane(request, isolated_user_data, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    library = PolicyLibrary.open()
    library.set_guidance(
        "xm-30",
        updated_by="测试员",
        office="思明区人社局3号窗口",
        phone="0592-1234567",
        year_round=True,
    )
    library.close()
    window = request.getfixturevalue("window")
    window.detail.show_item("xm-30")
    html = window.detail.body.toHtml()
    assert "本地补充（非原文）" in html and "0592-1234567" in html and "常年申报" in html
    # the link in the pane opens the editor (through the window's hook) and saving shows at once
    from PySide6.QtCore import QUrl

    from desktop_app.gui.detail_pane import GUIDANCE_LINK
    from desktop_app.gui.structuring import guidance_dialog

    def fill_and_save(dialog: guidance_dialog.GuidanceDialog) -> int:
        assert dialog.phone.text() == "0592-1234567"  # the stored values are shown
        dialog.phone.setText("0592-7654321")
        dialog._save()
        return 1

    monkeypatch.setattr(guidance_dialog.GuidanceDialog, "exec", fill_and_save)
    window.detail._link(QUrl(GUIDANCE_LINK))
    assert "0592-7654321" in window.detail.body.toHtml()
    library = PolicyLibrary.open()
    try:
        history = library.history("guidance", "xm-30")
    finally:
        library.close()
    assert [h["phone"] for h in history] == ["0592-1234567", "0592-7654321"]
    window.detail.grab().save(str(SCREENSHOT_DIR / "structuring-guidance-detail.png"))


def _pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def test_reviewed_imported_measure_in_result_page_and_pdf(
    gui_app, qtbot, county, policy_db_path, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    library, doc = county
    dialog = ReviewDialog(library, doc, load_registry(), "王科员")
    qtbot.addWidget(dialog)
    dialog.item_list.setCurrentRow(3)  # 四、推动梯度培育
    dialog._accept_all()
    dialog._save()
    item_id = dialog.items[3].id
    library.set_guidance(
        item_id, updated_by="王科员", office="县工信局企业服务股", phone="0435-1234567"
    )
    store, _ = with_library(PolicyStore.open(policy_db_path))
    try:
        result = match(store, Profile.from_dict(PROFILE), date(2026, 12, 1))
    finally:
        pass
    m = next(r for r in result.results if r.item.id == item_id)
    assert (m.status == "eligible" and m.amount.text == "200000元") or "20万" in m.amount.text
    data = json.loads(json.dumps(result.to_dict(), default=str))
    assert next(r for r in data["results"] if r["measure_id"] == item_id)["imported"] is True
    view = ResultView()
    qtbot.addWidget(view)
    view.show_result(result, "柳河县测试机械有限公司")
    assert view.select_measure(item_id)
    assert "自行导入" in view.tree.currentItem().text(0)  # type: ignore[union-attr]
    html = view.detail.toHtml()
    assert "自行导入（王科员" in html and "本地补充（非原文）" in html
    view.resize(1100, 700)
    view.grab().save(str(SCREENSHOT_DIR / "structuring-result-page.png"))
    pdf = tmp_path / "report.pdf"
    build_summary_pdf(result, pdf)
    text = _pdf_text(pdf)
    store.close()
    assert "自行导入" in text and "本地补充" in text and "县工信局企业服务股" in text
    from desktop_app.core.notice.model import build_notice

    notice = build_notice(result)
    steps = [n for step in notice.next_steps for n in step.guidance]
    assert any("县工信局企业服务股" in n and "本地补充（非原文）" in n for n in steps)

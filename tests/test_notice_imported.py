"""An office's imported document on the 告知单: imported, its proposals accepted unreviewed
(`rules accept --all-proposals`), evaluated for an enterprise of its county, printed; the PDF
and the Word file both carry the measure's amount and its 自行导入 badge with who structured it,
when, and 未复核."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from pdf_helpers import flat, page_texts

from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.library.store import PolicyLibrary
from desktop_app.core.notice.model import build_notice
from desktop_app.core.notice.office import OfficeInfo
from desktop_app.core.notice.report import write_report
from desktop_app.core.services import PolicyData
from desktop_app.core.structuring.library_rules import accept_all_proposals
from tests.structuring_helpers import PROFILE, import_county

AS_OF = date(2026, 12, 1)
OFFICE = OfficeInfo("柳河县企业服务中心", "李四", "0435-1234567")


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return flat("".join(parts))


def test_accepted_imported_measure_prints_with_amount_and_badge(
    tmp_path: Path, policy_db_path: Path
) -> None:
    doc_id = import_county(tmp_path).document.id
    library = PolicyLibrary.open()
    try:
        saved = accept_all_proposals(library, doc_id, structured_by="王科员").saved
    finally:
        library.close()
    assert saved

    data = PolicyData.open(policy_db_path)
    try:
        result = data.match(Profile.from_dict(PROFILE), AS_OF)
    finally:
        data.close()
    tier = next(m for m in result.results if m.item.id == f"{doc_id}-3")
    assert tier.provenance is not None and tier.amount.text == "20万元"

    notice = build_notice(result, OFFICE, generated=AS_OF)
    line = next(m for m in notice.money if m.measure_id == tier.item.id)
    today = date.fromisoformat(str(tier.provenance["structured_at"])[:10])
    badge = f"自行导入（王科员于{today.year}年{today.month}月{today.day}日结构化，未复核）"
    assert line.badge == badge

    for brief in (True, False):
        pdf, docx = tmp_path / f"notice{brief}.pdf", tmp_path / f"notice{brief}.docx"
        write_report(result, pdf, brief=brief, office=OFFICE, generated=AS_OF)
        write_report(result, docx, brief=brief, office=OFFICE, generated=AS_OF)
        pages = page_texts(pdf.read_bytes())
        first = flat(pages[0])
        money = first[first.index("一、可申请的资金支持") : first.index("二、可能适用")]
        for text in (money, _docx_text(docx)):
            # the row names the measure, its amount and the badge
            assert flat(line.title) in text and "20万元" in text, brief
            assert flat(f"【{badge}】") in text, brief
        if not brief:
            # the detail says where the rules came from as well
            detail = flat("".join(pages[1:]))
            assert flat(f"来源：{badge}") in detail
            assert flat(f"来源：{badge}") in _docx_text(docx)


def test_bundled_measures_carry_no_badge(tmp_path: Path, policy_db_path: Path) -> None:
    data = PolicyData.open(policy_db_path)
    try:
        result = data.match(Profile.from_dict(PROFILE | {"region": "350206"}), AS_OF)
    finally:
        data.close()
    notice = build_notice(result, OFFICE, generated=AS_OF)
    badges = [x.badge for x in notice.money] + [x.badge for x in notice.possible]
    badges += [x.badge for x in notice.services]
    assert badges and not any(badges)
    pdf = tmp_path / "bundled.pdf"
    write_report(result, pdf, brief=True, office=OFFICE, generated=AS_OF)
    assert "自行导入" not in flat("".join(page_texts(pdf.read_bytes())))

"""惠企政策告知单: the notice read back from its PDF and its Word file, for three enterprises."""

from __future__ import annotations

import io
import json
import os
import stat
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pdf_helpers import ENTERPRISES, flat, page_texts
from pypdf import PdfReader

from desktop_app.cli.main import main
from desktop_app.core.eligibility.engine import MatchResult, match
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.notice import verdicts, wording
from desktop_app.core.notice.model import LocalGuidance, Notice, build_notice
from desktop_app.core.notice.office import OfficeInfo, read_settings
from desktop_app.core.notice.pdf import notice_builder
from desktop_app.core.notice.report import write_report
from desktop_app.core.pdf.summary import summary_builder
from desktop_app.core.store import PolicyStore

AS_OF = date(2026, 12, 1)
OFFICE = OfficeInfo("湖里区企业服务中心", "张三", "0592-5551234")


def _result(store: PolicyStore, name: str) -> MatchResult:
    data: dict[str, Any] = json.loads(ENTERPRISES[name].read_text(encoding="utf-8"))
    return match(store, Profile.from_dict(data), AS_OF)


def _notice(result: MatchResult) -> Notice:
    return build_notice(result, OFFICE, generated=AS_OF)


def _body(texts: list[str]) -> str:
    """The pages' text without the running header and the page numbers, flattened."""
    lines = [
        ln
        for t in texts
        for ln in t.splitlines()
        if "生成日期：" not in ln
        and "页 共" not in ln
        and not ln.startswith("惠企政策告知单\u3000")
    ]
    return flat("".join(lines))


def _other_region_names(result: MatchResult) -> set[str]:
    """Places of documents that do not cover the enterprise's region."""
    return {m.document.region_name for m in result.results if not verdicts.in_region(m, result)} - {
        m.document.region_name for m in result.results if verdicts.in_region(m, result)
    }


def _check_notice_text(result: MatchResult, notice: Notice, text: str) -> None:
    # the money section lists exactly the measures the engine says apply, with their amounts
    applying = [
        m
        for m in result.results
        if verdicts.applies(m) and verdicts.in_region(m, result) and verdicts.is_money(m)
    ]
    assert [line.measure_id for line in notice.money] == [m.item.id for m in applying]
    money_part = text[text.index("一、可申请的资金支持") : text.index("二、可能适用")]
    for m in applying:
        assert flat(wording.title(m)) in money_part, m.item.id
        assert flat(m.amount.text) in money_part, m.item.id
    total = wording.total_text(result)
    if total:
        assert f"可估算金额合计{total}" in money_part
    # the office block, the signature space and the one-sentence disclaimer
    for label, value in (("服务单位", OFFICE.unit), ("经办人", OFFICE.officer)):
        assert f"{label}{value}" in text
    assert "0592-5551234" in text and "签字（盖章）" in text
    assert "以主管部门最终认定为准" in text
    # nothing of another region
    for m in result.results:
        if not verdicts.in_region(m, result):
            assert flat(wording.source_text(m)) not in text, m.item.id
    for place in _other_region_names(result):
        assert place not in text, place


@pytest.mark.parametrize("name", list(ENTERPRISES))
def test_notice_is_at_most_two_pages_and_lists_what_applies(store: PolicyStore, name: str) -> None:
    result = _result(store, name)
    notice = _notice(result)
    data = notice_builder(notice).build_bytes()
    texts = page_texts(data)
    assert len(texts) <= 2, (name, len(texts))
    _check_notice_text(result, notice, _body(texts))


@pytest.mark.parametrize("name", list(ENTERPRISES))
def test_full_report_starts_with_the_same_notice(store: PolicyStore, name: str) -> None:
    result = _result(store, name)
    notice = _notice(result)
    brief_pages = len(page_texts(notice_builder(notice).build_bytes()))
    full = page_texts(summary_builder(result, office=OFFICE, generated=AS_OF).build_bytes())
    front = _body(full[:brief_pages])
    _check_notice_text(result, notice, front)
    assert "附：惠企政策适用清单（详版）" not in front
    assert "附：惠企政策适用清单（详版）" in flat(full[brief_pages])


def test_yanjiang_service_firm_fits_on_one_page(store: PolicyStore) -> None:
    notice = _notice(_result(store, "yanjiang service"))
    assert len(page_texts(notice_builder(notice).build_bytes())) == 1


def test_possible_measures_come_largest_first_with_what_is_missing(store: PolicyStore) -> None:
    notice = _notice(_result(store, "sample"))
    stated = [p for p in notice.possible if p.stated_amount]
    amounts = [p.potential_yuan or Decimal(0) for p in stated if p.potential_yuan is not None]
    assert amounts == sorted(amounts, reverse=True) and amounts
    xm5 = next(p for p in notice.possible if p.measure_id == "xm-5")
    assert xm5.amount == "最高300万元"
    assert xm5.needs == ("需补充：入选省技术创新重点攻关及产业化项目",)
    # a document's bare 符合条件的企业 is not echoed as something to confirm
    for p in notice.possible:
        assert "需确认：符合条件的企业" not in p.needs, p.measure_id


def test_numbers_run_through_the_notice_and_next_steps_cover_them(store: PolicyStore) -> None:
    notice = _notice(_result(store, "sample"))
    numbers = sorted(notice.numbers().values())
    assert numbers == list(range(1, len(numbers) + 1))
    stepped = sorted(n for step in notice.next_steps for n in step.numbers)
    assert stepped == numbers


def test_local_guidance_goes_into_next_steps_marked_as_such(store: PolicyStore) -> None:
    result = _result(store, "sample")
    guidance = [LocalGuidance("xm-30", window="湖里区人社局二楼3号窗口", phone="0592-5550000")]
    notice = build_notice(result, OFFICE, generated=AS_OF, guidance=guidance)
    text = flat("".join(page_texts(notice_builder(notice).build_bytes())))
    number = notice.numbers()["xm-30"]
    assert f"第{number}项：受理窗口：湖里区人社局二楼3号窗口；电话：0592-5550000" in text
    assert "（本地补充（非原文））" in text


def test_a_draft_of_the_enterprises_own_city_is_one_line(store: PolicyStore) -> None:
    result = _result(store, "little giant")
    notice = _notice(result)
    drafts = [line for line in notice.inactive if "三明市优质中小企业梯度培育行动方案" in line]
    assert len(drafts) == 1
    assert "征求意见稿" in drafts[0] and "2025年12月31日" in drafts[0]
    assert "相关措施仅供参考" in drafts[0]
    listed = notice.numbers()
    assert not [m for m in result.results if m.document.id == "sm" and m.item.id in listed]


def test_docx_holds_the_same_measures_and_amounts_as_the_pdf(
    store: PolicyStore, tmp_path: Path
) -> None:
    result = _result(store, "sample")
    for brief in (True, False):
        pdf, docx = tmp_path / f"r{brief}.pdf", tmp_path / f"r{brief}.docx"
        write_report(result, pdf, brief=brief, office=OFFICE, generated=AS_OF)
        write_report(result, docx, brief=brief, office=OFFICE, generated=AS_OF)
        pdf_text = _body(page_texts(pdf.read_bytes()))
        doc = Document(str(docx))
        parts = [p.text for p in doc.paragraphs]
        parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
        word_text = flat("".join(parts))
        notice = _notice(result)
        lines: list[Any] = [*notice.money, *notice.possible]
        for line in lines:
            for piece in (line.title, line.amount, line.source):
                assert flat(piece) in pdf_text, (brief, line.measure_id, piece)
                assert flat(piece) in word_text, (brief, line.measure_id, piece)
        for s in notice.services:
            assert flat(s.title) in word_text and flat(s.title) in pdf_text
        assert "湖里区企业服务中心" in word_text and "签字（盖章）" in word_text
        assert doc.core_properties.author == "湖里区企业服务中心"
        if not brief:
            assert "附：惠企政策适用清单（详版）" in word_text
            assert "二、逐项说明" in word_text and "二、逐项说明" in pdf_text
            # the measures not in force, in both, with the same validity
            for m in result.by_status("not_in_force"):
                for piece in (wording.title(m), m.validity.label):
                    assert flat(piece) in word_text and flat(piece) in pdf_text, m.item.id


def test_files_get_user_permissions_and_pdf_metadata(store: PolicyStore, tmp_path: Path) -> None:
    result = _result(store, "yanjiang service")
    old = os.umask(0o022)
    try:
        for suffix in (".pdf", ".docx"):
            target = tmp_path / f"告知单{suffix}"
            write_report(result, target, office=OFFICE, generated=AS_OF)
            assert stat.S_IMODE(target.stat().st_mode) == 0o644, suffix
    finally:
        os.umask(old)
    info = PdfReader(tmp_path / "告知单.pdf").metadata
    assert info is not None
    assert info.title == "惠企政策告知单"
    assert info.author == "湖里区企业服务中心"
    assert info.creation_date is not None and info.creation_date.year >= 2026


def test_report_command_writes_word_and_reads_the_office_from_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = Path(os.environ["POLICY_DESK_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.ini").write_text(
        '[notice]\nunit="雁江区企业服务中心, 一楼"\nofficer=李四\nphone=028-1234\nbrief=true\n',
        encoding="utf-8",
    )
    assert read_settings(home / "settings.ini").office.unit == "雁江区企业服务中心, 一楼"
    target = tmp_path / "告知单.docx"
    profile = str(ENTERPRISES["yanjiang service"])
    assert main(["report", "--profile", profile, "--output", str(target)]) == 0
    assert "已生成惠企政策告知单" in capsys.readouterr().out
    doc = Document(str(target))
    cells = flat("".join(c.text for t in doc.tables for row in t.rows for c in row.cells))
    assert "雁江区企业服务中心,一楼" in cells and "李四" in cells and "028-1234" in cells
    # a flag overrides the settings
    pdf = tmp_path / "告知单.pdf"
    args = ["report", "--profile", profile, "-o", str(pdf), "--officer", "王五", "--full"]
    assert main(args) == 0
    text = flat("".join(page_texts(pdf.read_bytes())))
    assert "经办人王五" in text and "二、逐项说明" in text


def test_hostile_office_and_names_print_literally(store: PolicyStore, tmp_path: Path) -> None:
    data = json.loads(ENTERPRISES["yanjiang service"].read_text(encoding="utf-8"))
    data["name"] = "R&D <研发> 公司\x07"
    result = match(store, Profile.from_dict(data), AS_OF)
    office = OfficeInfo("<b>街道&办</b>", "张\x00三", "电话\n123").cleaned()
    notice = build_notice(result, office, generated=AS_OF)
    text = flat("".join(page_texts(notice_builder(notice).build_bytes())))
    assert "R&D<研发>公司" in text and "<b>街道&办</b>" in text
    target = tmp_path / "x.docx"
    write_report(result, target, office=office, generated=AS_OF)
    assert "R&D <研发> 公司" in "".join(p.text for p in Document(str(target)).paragraphs)


def test_pdf_bytes_do_not_depend_on_building_twice(store: PolicyStore) -> None:
    notice = _notice(_result(store, "yanjiang service"))
    builder = notice_builder(notice)
    first = builder.build_bytes()
    assert len(PdfReader(io.BytesIO(first)).pages) == len(
        PdfReader(io.BytesIO(builder.build_bytes())).pages
    )

"""The batch workbook (read back with openpyxl), the 告知单 folder and saving."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from pdf_helpers import flat, page_texts

from desktop_app.cli.main import main
from desktop_app.core.batch.notices import safe_file_stem, save_outcomes, write_notices
from desktop_app.core.batch.roster import read_roster
from desktop_app.core.batch.screen import BatchResult, screen
from desktop_app.core.batch.workbook import WAN_FORMAT, write_workbook
from desktop_app.core.notice.office import OfficeInfo
from tests.batch_helpers import write_roster


@pytest.fixture
def result(store, tmp_path: Path) -> BatchResult:  # type: ignore[no-untyped-def]
    return screen(store, read_roster(write_roster(tmp_path / "r.xlsx")), date(2026, 12, 1))


def test_workbook_holds_both_views_and_the_notes(result: BatchResult, tmp_path: Path) -> None:
    import openpyxl

    path = write_workbook(result, tmp_path / "out.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["按企业", "按措施", "未纳入的行", "说明"]
    firms = book["按企业"]
    assert firms.freeze_panes == "C2" and firms.auto_filter.ref
    header = [c.value for c in firms[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=False)) for row in firms.iter_rows(2)]
    assert [r["行号"] for r in rows] == [o.row.row for o in result.outcomes]
    for row, outcome in zip(rows, result.outcomes, strict=True):
        assert row["企业名称"] == outcome.name
        assert row["符合"] == outcome.counts()["eligible"]
        assert row["不在有效期"] == outcome.counts()["not_in_force"]  # as match() counts
        assert row["企业规模"] == outcome.size.label
        value = outcome.total_yuan()
        assert row["可计算金额合计"] == (None if value is None else float(value))
    assert any(r["不在有效期"] for r in rows)  # the bundled draft is not in force
    amount_cell = firms.cell(2, header.index("可计算金额合计") + 1)
    assert amount_cell.number_format == WAN_FORMAT
    measures = book["按措施"]
    assert measures.freeze_panes and measures.auto_filter.ref
    listed = {r[0].value: r for r in measures.iter_rows(2)}
    assert set(listed) == {m.id for m in result.measures}
    statuses = ("符合", "可能符合", "不符合")
    assert not any(s in ("eligible", "possible") for r in listed.values() for s in [r[3].value])
    assert all(isinstance(r[3].value, int) for r in listed.values())
    left_out = [[c.value for c in r] for r in book["未纳入的行"].iter_rows(2)]
    assert [r[0] for r in left_out] == [5, 7]
    notes = {r[0].value: r[1].value for r in book["说明"].iter_rows(2)}
    assert notes["评估日期"] == "2026-12-01" and notes["数据版本"] == result.data_version_text
    assert result.data_version in notes["数据版本"] and "政策数据" in notes["数据版本"]
    assert "2 行" in notes["未纳入的行"]
    text = "\n".join(str(r[1].value) for r in book["说明"].iter_rows(2))
    assert "亿元，已换算为万元" in text and statuses[1] in text


def test_one_readable_notice_per_enterprise(store, result: BatchResult, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    folder = tmp_path / "告知单"
    paths = write_notices(store, result, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)
    assert len(paths) == len(result.outcomes)
    for path, outcome in zip(paths, result.outcomes, strict=True):
        pdf = pdfium.PdfDocument(str(path))
        text = pdf[0].get_textpage().get_text_range()
        assert outcome.name in text.replace("\r", "").replace("\n", "")
        pdf.close()
    merged = write_notices(store, result, tmp_path / "合集", merged=True)
    assert len(merged) == 1
    pdf = pdfium.PdfDocument(str(merged[0]))
    assert len(pdf) >= len(result.outcomes)
    pdf.close()


def test_notices_carry_the_office_block(store, result: BatchResult, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office = OfficeInfo("湖里区企业服务中心", "张三", "0592-5551234")
    paths = write_notices(store, result, tmp_path / "告知单", office=office)
    assert len(paths) == len(result.outcomes)
    for path in paths:
        text = flat("".join(page_texts(path.read_bytes())))
        assert "湖里区企业服务中心" in text and "经办人张三" in text and "0592-5551234" in text


def test_cli_notices_take_the_office_from_settings_and_flags(tmp_path: Path) -> None:
    home = Path(os.environ["POLICY_DESK_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.ini").write_text(
        '[notice]\nunit="湖里区企业服务中心, 二楼"\nofficer=李四\nphone=0592-1111\n', "utf-8"
    )
    roster = write_roster(tmp_path / "r.xlsx")
    folder = tmp_path / "pdf"
    args = ["batch", "--input", str(roster), "--as-of", "2026-12-01", "--pdf-dir", str(folder)]
    assert main([*args, "--officer", "王五", "--json"]) == 0
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 3
    for path in pdfs:
        text = flat("".join(page_texts(path.read_bytes())))
        assert "湖里区企业服务中心,二楼" in text and "0592-1111" in text
        assert "经办人王五" in text and "李四" not in text  # the flag overrides the settings


def test_safe_file_names() -> None:
    assert safe_file_stem('甲/乙:丙*?"<>|公司', 3) == "00003-甲_乙_丙______公司"
    assert safe_file_stem("CON", 9) == "00009-_CON"
    assert safe_file_stem("  ..  ", 1) == "00001-未命名企业"
    assert len(safe_file_stem("长" * 300, 1)) <= 86


def test_save_adds_then_updates(result: BatchResult) -> None:
    from desktop_app.core.userdata.profiles import ProfileRepository
    from desktop_app.core.userdata.user_db import open_user_db

    assert save_outcomes(result) == {"added": 3, "updated": 0}
    assert save_outcomes(result) == {"added": 0, "updated": 3}
    opened = open_user_db()
    saved = ProfileRepository(opened.conn).search()
    opened.conn.close()
    assert sorted(r.name for r in saved) == sorted(o.name for o in result.outcomes)
    assert all("来自名册" in r.notes for r in saved)

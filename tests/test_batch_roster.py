"""Reading rosters: header recognition, units, regions, bad rows, bad files."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.batch import columns
from desktop_app.core.batch.roster import read_roster
from desktop_app.core.batch.sheet import RosterError
from desktop_app.core.eligibility.facts import load_registry
from tests.batch_helpers import HEADERS, ROWS, write_roster


def test_chinese_headers_units_and_bad_rows(tmp_path: Path) -> None:
    roster = read_roster(write_roster(tmp_path / "r.xlsx"))
    assert roster.header_row == 2  # the merged title row above is not the header
    assert roster.columns_dict()["资产总额（万元）"] == "assets"
    assert roster.columns_dict()["是否专精特新"] == "qualification:specialized_sme"
    by_row = {r.row: r.profile for r in roster.rows}
    assert sorted(by_row) == [3, 4, 6]
    first, second, fourth = by_row[3], by_row[4], by_row[6]
    assert (first.region, first.industry, first.employees, first.revenue) == (
        "350206", "工业", 85, 4200
    )  # fmt: skip
    assert (second.employees, second.revenue, str(second.established)) == (1200, 4200, "2019-04-18")
    assert {q.id for q in second.qualifications} == {"specialized_sme", "tech_sme"}
    assert fourth.region == "350203"
    assert [(q.id, str(q.granted)) for q in fourth.qualifications] == [
        ("specialized_sme", "2023-06-30")
    ]
    reasons = {r.row: r.reason for r in roster.rejected}
    assert set(reasons) == {5, 7}
    assert "“abc”不是人数" in reasons[5] and "火星市奥林匹斯区" in reasons[5]
    assert reasons[7] == "缺少企业名称"
    notes = "\n".join(roster.notes)
    assert "亿元，已换算为万元（第4行）" in notes
    assert "Excel 日期序号" in notes and "按当月1日计（第6行）" in notes
    assert "“制造业”按划型标准归入“工业”" in notes
    assert "资质“五星诚信单位”本程序未收录" in notes


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "r.csv"
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS)
        writer.writerows(ROWS)
    roster = read_roster(path)
    assert [r.row for r in roster.rows] == [2, 3, 5]
    assert roster.rows[0].profile.name == "厦门甲精密制造有限公司"


def test_mapping_is_remembered_for_the_same_shape(tmp_path: Path) -> None:
    registry = load_registry()
    first = read_roster(write_roster(tmp_path / "a.xlsx"))
    assert not first.remembered
    changed = [
        columns.ColumnSpec(c.index, c.header, "notes" if c.header == "资质" else c.field, c.unit)
        for c in first.columns
    ]
    columns.remember(changed)
    again = read_roster(write_roster(tmp_path / "b.xlsx"))
    assert again.remembered and again.columns_dict()["资质"] == "notes"
    assert columns.recognise("资质", registry) == "qualifications"  # guessing is unchanged


def test_formulas_give_their_cached_values(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "f.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("名录")
    sheet.write_row(0, 0, ["企业名称", "所在地区", "从业人员", "营业收入"])
    sheet.write_row(1, 0, ["甲公司", "湖里区", 40])
    sheet.write_formula(1, 3, "=C2*100", None, 4000)
    book.close()
    assert read_roster(path).rows[0].profile.revenue == 4000


def test_merged_cells_in_data_fill_their_rows(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "m.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["企业名称", "所在地区", "从业人员"])
    sheet.append(["甲", "湖里区", 5])
    sheet.append(["乙", None, 6])
    sheet.merge_cells("B2:B3")
    book.save(path)
    roster = read_roster(path)
    assert [r.profile.region for r in roster.rows] == ["350206", "350206"]
    assert any("合并单元格" in n and "B2:B3" in n for n in roster.notes)


def _book(path: Path, build) -> Path:  # type: ignore[no-untyped-def]
    import openpyxl

    book = openpyxl.Workbook()
    build(book)
    book.save(path)
    return path


def test_bad_files_each_get_a_chinese_message(tmp_path: Path) -> None:
    cases: dict[str, Path] = {}
    cases["不是电子表格"] = tmp_path / "a.xlsx"
    cases["不是电子表格"].write_bytes(b"%PDF-1.7\n...")
    docx = tmp_path / "b.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    cases["Word"] = docx
    cases["密码"] = tmp_path / "c.xlsx"
    cases["密码"].write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le")
    )
    cases["空"] = tmp_path / "d.csv"
    cases["空"].write_bytes(b"")

    def merged_header(book):  # type: ignore[no-untyped-def]
        book.active.append(["企业名称", "营业收入", None])
        book.active.append([None, "2024", "2025"])
        book.active.merge_cells("B1:C1")

    cases["表头"] = _book(tmp_path / "e.xlsx", merged_header)

    def hidden_only(book):  # type: ignore[no-untyped-def]
        book.active.title = "空表"
        hidden = book.create_sheet("名录")
        hidden.append(["企业名称", "所在地区"])
        hidden.append(["甲", "湖里区"])
        hidden.sheet_state = "hidden"

    cases["隐藏"] = _book(tmp_path / "f.xlsx", hidden_only)
    cases["都是空的"] = _book(tmp_path / "g.xlsx", lambda book: None)
    cases["找不到表头"] = _book(tmp_path / "h.xlsx", lambda book: book.active.append(["a", "b"]))
    for expected, path in cases.items():
        with pytest.raises(RosterError) as info:
            read_roster(path)
        assert expected in str(info.value), (path, str(info.value))
    # the hidden sheet can still be read by name, and says so
    roster = read_roster(cases["隐藏"], "名录")
    assert roster.rows[0].profile.name == "甲"
    assert any("隐藏" in n for n in roster.notes)
    with pytest.raises(RosterError, match="没有名为“其他”的工作表"):
        read_roster(cases["隐藏"], "其他")


def test_row_limit_is_stated(tmp_path: Path) -> None:
    rows = [[n, f"企业{n}", "湖里区", "工业", 5, 10, 10, "", "", ""] for n in range(60)]
    path = write_roster(tmp_path / "big.xlsx", rows)
    assert len(read_roster(path, limit=60).rows) == 60
    with pytest.raises(RosterError, match="超过 50 行数据"):
        read_roster(path, limit=50)


def test_region_text_matching() -> None:
    from desktop_app.core.batch.region_text import RegionMatcher
    from desktop_app.core.batch.values import ValueProblem

    m = RegionMatcher()
    for text in ("湖里区", "厦门市湖里区", "福建省厦门市湖里区", "厦门湖里区金山街道", "350206"):
        assert m.match(text) == "350206", text
    assert m.match("厦门市") == "350200"
    for bad in ("火星市", "厦门市某某区金山街道", "999999"):
        with pytest.raises(ValueProblem):
            m.match(bad)

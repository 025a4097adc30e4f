"""A genuine Excel 97–2003 roster (tests/data/batch/huli-roster.xls, saved by LibreOffice Calc;
see make_xls_fixtures.py): `policy-desk batch --json` on it gives, for every good row, what
`policy-desk match` gives for the profile a person reads in that row, and lists every bad row
with its reason; damaged and password-protected .xls files are refused in Chinese (exit 2)."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli.main import main

FIXTURES = Path(__file__).parent / "data" / "batch"
XLS = FIXTURES / "huli-roster.xls"
AS_OF = "2026-12-01"


def _q(qid: str, granted: str | None = None) -> dict[str, Any]:
    return {"id": qid, "granted": granted}


# Each good row as a person reads it (labelled by hand from the sheet): 万元 for money, the
# region's code, the 划型 industry. Rows are the spreadsheet's own (title row 1, headers row 2).
# fmt: off
EXPECTED: dict[int, dict[str, Any]] = {
    3: {"name": "厦门嘉联精密制造有限公司", "region": "350206", "industry": "工业",
        "employees": 85.0, "revenue": 4200.0, "assets": 3600.0, "established": "2019-04-18",
        "qualifications": [_q("specialized_sme")]},
    4: {"name": "厦门海翼智能科技有限公司", "region": "350206", "industry": "软件和信息技术服务业",
        "employees": 1200.0, "revenue": 4200.0, "assets": 3600.0, "established": "2016-09-01",
        "qualifications": [_q("specialized_sme"), _q("high_tech"), _q("tech_sme"),
                           _q("above_scale")]},
    5: {"name": "厦门同舟物流有限公司", "region": "350203", "industry": "交通运输业",
        "employees": 46.0, "revenue": 2850.0, "assets": 1980.0, "established": "2012-07-03",
        "qualifications": []},
    6: {"name": "厦门鹭岛餐饮管理有限公司", "region": "350206", "industry": "餐饮业",
        "employees": 23.0, "revenue": 680.0, "assets": 150.0, "established": "2021-03-15",
        "qualifications": []},
    7: {"name": "厦门星海外贸有限公司", "region": "350211", "industry": "批发业",
        "employees": 18.0, "revenue": 12500.0, "assets": 3200.0, "established": "2015-11-20",
        "qualifications": [_q("foreign_trade")]},
    12: {"name": "厦门金鹭新材料股份有限公司", "region": "350205", "industry": "工业",
         "employees": 320.0, "revenue": 36000.0, "assets": 52000.0, "established": "2008-12-30",
         "qualifications": [_q("specialized_sme", "2023-06-30"), _q("high_tech"),
                            _q("provincial_tech_center")]},
    14: {"name": "湖里区小林便民超市", "region": "350206", "industry": "零售业",
         "employees": 3.0, "revenue": 56.0, "assets": 12.0, "established": "2022-08-08",
         "qualifications": []},
}
# fmt: on
# bad rows and a word their reason must carry
REJECTED = {8: "约八十人", 9: "2023年", 10: "火星市奥林匹斯区", 11: "企业名称", 13: "2019-13-45"}


def _cli(*args: str) -> tuple[int, Any, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    text = out.getvalue()
    return code, (json.loads(text) if code == 0 and text.startswith("{") else text), err.getvalue()


def test_the_fixture_is_a_genuine_biff8_workbook() -> None:
    import python_calamine

    data = XLS.read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # OLE2 compound file
    assert "Workbook".encode("utf-16-le") in data  # the BIFF8 stream (BIFF5 calls it "Book")
    sheet = python_calamine.CalamineWorkbook.from_path(str(XLS)).get_sheet_by_name("企业名录")
    cells = sheet.to_python()
    assert cells[1][1] == "单位名称"
    assert type(cells[2][8]).__name__ == "date"  # a real date cell, not text


def test_xls_roster_equals_match_row_by_row(tmp_path: Path) -> None:
    code, batch, err = _cli("batch", "--input", str(XLS), "--as-of", AS_OF, "--json")
    assert code == 0, err
    assert batch["columns"]["单位名称"] == "name"
    assert batch["columns"]["所在区县"] == "region"
    assert batch["columns"]["主营业务收入"] == "revenue"
    assert batch["columns"]["是否专精特新"] == "qualification:specialized_sme"
    # the units said in the report: 亿元 converted, 万元 assumed for the bare numbers
    assert any("亿元，已换算为万元" in n and "第4、12行" in n for n in batch["notes"])
    assert any("按万元读取" in n for n in batch["notes"])
    assert {r["row"]: r["reason"] for r in batch["rejected"]}.keys() == REJECTED.keys()
    for r in batch["rejected"]:
        assert REJECTED[r["row"]] in r["reason"], r
    assert [e["row"] for e in batch["enterprises"]] == sorted(EXPECTED)
    listed = {m["measure_id"]: m for m in batch["measures"]}
    for enterprise in batch["enterprises"]:
        profile = enterprise["profile"]
        for field, value in EXPECTED[enterprise["row"]].items():
            assert profile[field] == value, (enterprise["row"], field)
        path = tmp_path / f"row{enterprise['row']}.json"
        path.write_text(json.dumps(EXPECTED[enterprise["row"]], ensure_ascii=False), "utf-8")
        code, single, err = _cli("match", "--profile", str(path), "--as-of", AS_OF, "--json")
        assert code == 0, err
        assert enterprise["size"]["size"] == single["size"]["size"]
        assert enterprise["counts"] == single["counts"]
        assert enterprise["total"] == single["totals"]["eligible"]
        assert [(r["measure_id"], r["status"], r["amount"]) for r in enterprise["results"]] == [
            (r["measure_id"], r["status"], r["amount"]) for r in single["results"]
        ]
        for r in single["results"]:
            measure = listed[r["measure_id"]]
            assert (enterprise["row"] in measure["eligible"]) == (r["status"] == "eligible")
            assert (enterprise["row"] in measure["possible"]) == (r["status"] == "possible")
    assert any(e["counts"]["not_in_force"] for e in batch["enterprises"])


def _damaged(tmp_path: Path) -> dict[str, Path]:
    data = XLS.read_bytes()
    cases = {
        "truncated": data[: len(data) // 2],
        "overwritten": data[:4096] + bytes(b ^ 0xFF for b in data[4096:6000]) + data[6000:],
        "zeroed": data[:2048] + b"\0" * (len(data) - 2048),
    }
    out = {}
    for name, content in cases.items():
        out[name] = tmp_path / f"{name}.xls"
        out[name].write_bytes(content)
    return out


@pytest.mark.parametrize("kind", ["truncated", "overwritten", "zeroed", "password"])
def test_damaged_or_locked_xls_is_refused_in_chinese(tmp_path: Path, kind: str) -> None:
    path = FIXTURES / "huli-roster-password.xls" if kind == "password" else _damaged(tmp_path)[kind]
    report = tmp_path / "out.xlsx"
    code, out, err = _cli("batch", "--input", str(path), "--output", str(report), "--json")
    assert code == 2 and not out.strip()
    assert not report.exists() and list(tmp_path.glob(".*.part")) == []  # nothing half-saved
    if kind == "password":
        assert "设置了密码" in err and "取消密码" in err
    else:
        assert "可能已损坏" in err and "另存为 .xlsx" in err
    assert "Traceback" not in err

"""Small rosters written with the real libraries for the batch tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

HEADERS = [
    "序号",
    "企业名称",
    "所在地区",
    "所属行业",
    "从业人员",
    "营业收入",
    "资产总额（万元）",
    "成立日期",
    "是否专精特新",
    "资质",
]
# fmt: off
ROWS: list[list[Any]] = [
    [1, "厦门甲精密制造有限公司", "厦门市湖里区", "制造业", "85人", "４２００", 3600,
     "2019-04-18", "是", ""],
    [2, "厦门乙科技有限公司", "湖里区", "工业", "1,200", "0.42亿元", "3600", 43573, "√",
     "科小、五星诚信单位"],
    [3, "坏行", "火星市奥林匹斯区", "工业", "abc", "4200万元", "", None, "", ""],
    [4, "丁软件有限公司", "思明区", "软件和信息技术服务业", 12, "500", 100, "2024年3月",
     "2023-06-30", ""],
    [5, "", "湖里区", "工业", 5, 10, 10, "", "", ""],
]
# fmt: on


def write_roster(path: Path, rows: list[list[Any]] | None = None, title: str = "名录") -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(["湖里区重点企业名录（2026年）"])
    sheet.merge_cells("A1:H1")
    sheet.append(HEADERS)
    for row in rows if rows is not None else ROWS:
        sheet.append(row)
    book.save(path)
    return path

"""Write the genuine Excel 97–2003 (.xls, BIFF8) rosters of tests/data/batch with LibreOffice.

    apt-get install -y --no-install-recommends libreoffice-calc-nogui python3-uno
    .venv/bin/python tests/data/batch/make_xls_fixtures.py

The roster is first written as .xlsx with openpyxl (real date cells with a Chinese date format,
a merged title row, numbers and text as offices type them), then LibreOffice Calc saves it as
"MS Excel 97" twice: plain (`huli-roster.xls`) and with the password 1234 to open
(`huli-roster-password.xls`, Calc's RC4 CryptoAPI encryption, as Excel writes it). The tests
read the committed files only; neither LibreOffice nor this script is needed to run them.
"""

from __future__ import annotations

import subprocess
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
TITLE = "湖里区重点企业服务名录（2026年第四季度）"
HEADERS = [
    "序号", "单位名称", "统一社会信用代码", "所在区县", "国民经济行业", "职工人数",
    "主营业务收入", "资产总额（万元）", "成立日期", "是否专精特新", "高新技术企业", "资质", "备注",
]  # fmt: skip
D = datetime
# fmt: off
ROWS: list[list[Any]] = [
    [1, "厦门嘉联精密制造有限公司", "91350206MA2Y3K5L1X", "厦门市湖里区", "制造业", "85人",
     "４２００", 3600, D(2019, 4, 18), "是", "", "", ""],
    [2, "厦门海翼智能科技有限公司", "91350206MA31TQ8R2C", "湖里区", "软件和信息技术服务业",
     "1,200", "0.42亿元", "3600", D(2016, 9, 1), "√", "是", "科小、规上企业", ""],
    [3, "厦门同舟物流有限公司", "91350203MA8RX1JQ4W", "思明区", "交通运输业", 46,
     "2850万元", "1,980", "2012年7月3日", "否", "", "", "重点联系企业"],
    [4, "厦门鹭岛餐饮管理有限公司", "91350206MA34C2LW7N", "厦门市湖里区禾山街道", "餐饮业",
     "23", "680", 150, D(2021, 3, 15), "", "", "", ""],
    [5, "厦门星海外贸有限公司", "91350211MA2XY6N93B", "集美区", "批发业", 18, "12,500",
     "3200", "2015/11/20", "", "", "外贸企业", ""],
    [6, "坏行：人数写成文字", "91350206MA2Y000001", "湖里区", "工业", "约八十人", "4200万元",
     "", D(2018, 1, 1), "", "", "", ""],
    [7, "厦门云帆软件有限公司", "91350206MA8U5PQ02K", "湖里区", "信息传输业", "５", "95.5",
     "40", "2023年", "", "", "", ""],
    [8, "坏行：地区不在中国", "91350206MA2Y000002", "火星市奥林匹斯区", "工业", 30, 500, 200,
     D(2020, 5, 5), "", "", "", ""],
    [9, "", "91350206MA2Y000003", "湖里区", "工业", 5, 10, 10, D(2020, 6, 6), "", "", "", ""],
    [10, "厦门金鹭新材料股份有限公司", "91350200MA2Y8TT11D", "海沧区", "工业", "320人",
     "3.6亿元", "52000", D(2008, 12, 30), "2023-06-30", "是", "省级企业技术中心", ""],
    [11, "坏行：成立日期不存在", "91350206MA2Y000004", "湖里区", "零售业", 12, 300, 80,
     "2019-13-45", "", "", "", ""],
    [12, "湖里区小林便民超市", "92350206MA2Y9C7X5P", "湖里区", "零售业", 3, "56万元", 12,
     D(2022, 8, 8), "", "", "", "个体工商户"],
]
# fmt: on


def write_xlsx(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "企业名录"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    for (cell,) in sheet.iter_rows(min_row=3, min_col=9, max_col=9):
        if isinstance(cell.value, datetime):
            cell.number_format = 'yyyy"年"m"月"d"日"'
    book.save(path)


_UNO_SAVE = r"""
import sys, time, subprocess, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

source, plain, locked, profile = sys.argv[1:5]
office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
    f"-env:UserInstallation=file://{profile}",
    "--accept=pipe,name=policydeskxls;urp;StarOffice.ComponentContext"])
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve(
                "uno:pipe,name=policydeskxls;urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                       (prop("Hidden", True),))
    doc.storeToURL(uno.systemPathToFileUrl(plain), (prop("FilterName", "MS Excel 97"),))
    doc.storeToURL(uno.systemPathToFileUrl(locked),
                   (prop("FilterName", "MS Excel 97"), prop("Password", "1234")))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        office.kill()
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "huli-roster.xlsx"
        write_xlsx(source)
        script = Path(work) / "save_xls.py"
        script.write_text(_UNO_SAVE, "utf-8")
        subprocess.run(
            [
                "/usr/bin/python3",
                str(script),
                str(source),
                str(HERE / "huli-roster.xls"),
                str(HERE / "huli-roster-password.xls"),
                str(Path(work) / "profile"),
            ],
            check=True,
        )
    for name in ("huli-roster.xls", "huli-roster-password.xls"):
        data = (HERE / name).read_bytes()
        assert data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), name  # OLE2: BIFF8 inside
        print(name, len(data), "bytes")


if __name__ == "__main__":
    main()

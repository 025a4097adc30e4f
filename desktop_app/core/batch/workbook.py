"""The screening as an .xlsx workbook (XlsxWriter): 按企业, 按措施, 未纳入的行, 说明.

Amounts are numbers in 元 (what a formula or a sum in Excel should work with) displayed in 万元."""

from __future__ import annotations

import os
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop_app.core.batch.screen import BatchResult, Outcome
from desktop_app.core.eligibility.amounts import NOT_COMPUTABLE
from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.results import ELIGIBLE, INELIGIBLE, NOT_IN_FORCE, POSSIBLE

CELL_LIMIT = 32767  # Excel's most characters in one cell
# Excel has no ÷10000 in a number format: "," divides the shown value by 1000 and the literal
# "." (escaped with !) before the last two digits makes that ÷100000·100, so 1234567 (元) shows
# as 123.46万元 while the cell keeps 1234567.
WAN_FORMAT = '0!.00,"万元"'


def missing_label(key: str, registry: FactsRegistry) -> str:
    if key in registry.facts:
        return registry.facts[key].label
    if key in registry.qualifications:
        return f"取得{registry.qualifications[key].label}认定"
    if key.endswith(".granted") and key[:-8] in registry.qualifications:
        return f"{registry.qualifications[key[:-8]].label}的认定日期"
    return {
        "size": "企业规模（行业、从业人员、营业收入、资产总额）",
        "region": "所在地区",
        "entity_type": "主体类型",
        "established": "成立日期",
    }.get(key, key)


def region_text(code: str | None) -> str:
    from desktop_app.core.regions import place_text

    return place_text(code)


def write_workbook(result: BatchResult, path: Path, registry: FactsRegistry | None = None) -> Path:
    """Written to a temporary file beside `path` and renamed: an existing file is replaced only
    by a complete workbook."""
    import xlsxwriter

    registry = registry or load_registry()
    tmp = path.with_name(f".{path.name}.part")
    book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_numbers": False})
    try:
        fmt = _formats(book)
        _by_enterprise(book, fmt, result)
        _by_measure(book, fmt, result, registry)
        _rejected(book, fmt, result)
        _notes(book, fmt, result)
        book.close()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _formats(book: Any) -> dict[str, Any]:
    base = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "top"}
    return {
        "head": book.add_format({**base, "bold": True, "bg_color": "#DDE6F0", "border": 1,
                                 "text_wrap": True}),
        "text": book.add_format(base),
        "wrap": book.add_format({**base, "text_wrap": True}),
        "int": book.add_format({**base, "num_format": "0"}),
        "wan": book.add_format({**base, "num_format": WAN_FORMAT}),
        "ok": book.add_format({**base, "font_color": "#1B5E20"}),
        "maybe": book.add_format({**base, "font_color": "#8D6E00"}),
        "title": book.add_format({**base, "bold": True, "font_size": 12}),
    }  # fmt: skip


def _header(sheet: Any, fmt: dict[str, Any], headers: list[tuple[str, int]], rows: int) -> None:
    for col, (text, width) in enumerate(headers):
        sheet.write_string(0, col, text, fmt["head"])
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 2 if len(headers) > 2 else 1)
    sheet.autofilter(0, 0, max(rows, 1), len(headers) - 1)


def _by_enterprise(book: Any, fmt: dict[str, Any], result: BatchResult) -> None:
    sheet = book.add_worksheet("按企业")
    headers = [
        ("行号", 6), ("企业名称", 28), ("统一社会信用代码", 20), ("所在地区", 16), ("行业", 12),
        ("企业规模", 9), ("符合", 6), ("可能符合", 8), ("不符合", 7), ("不在有效期", 9),
        ("可计算金额合计", 14), ("合计说明", 18), ("主要措施（符合，金额大者在前）", 50),
    ]  # fmt: skip
    _header(sheet, fmt, headers, len(result.outcomes))
    for n, outcome in enumerate(result.outcomes, start=1):
        profile = outcome.row.profile
        counts = outcome.counts()
        sheet.write_number(n, 0, outcome.row.row, fmt["int"])
        sheet.write_string(n, 1, profile.name or "", fmt["text"])
        sheet.write_string(n, 2, outcome.row.credit_code or "", fmt["text"])
        sheet.write_string(n, 3, region_text(profile.region), fmt["text"])
        sheet.write_string(n, 4, profile.industry or "", fmt["text"])
        sheet.write_string(n, 5, outcome.size.label, fmt["text"])
        sheet.write_number(n, 6, counts[ELIGIBLE], fmt["int"])
        sheet.write_number(n, 7, counts[POSSIBLE], fmt["int"])
        sheet.write_number(n, 8, counts[INELIGIBLE], fmt["int"])
        sheet.write_number(n, 9, counts[NOT_IN_FORCE], fmt["int"])
        _amount(sheet, n, 10, outcome, fmt)
        sheet.write_string(n, 11, outcome.total["text"], fmt["text"])
        sheet.write_string(n, 12, _top_text(outcome), fmt["text"])


def _amount(sheet: Any, row: int, col: int, outcome: Outcome, fmt: dict[str, Any]) -> None:
    value = outcome.total_yuan()
    if value is None:
        sheet.write_blank(row, col, None, fmt["wan"])
    else:
        sheet.write_number(row, col, float(value), fmt["wan"])


def _top_text(outcome: Outcome) -> str:
    parts = []
    for r in outcome.top():
        amount = r.amount.text if r.amount.kind != NOT_COMPUTABLE else "金额未注明"
        parts.append(f"{r.item.display_title}（{amount}）")
    return "；".join(parts)


def _names(pairs: list[tuple[Outcome, Any]], registry: FactsRegistry, with_missing: bool) -> str:
    parts = []
    used = 0
    for n, (outcome, r) in enumerate(pairs):
        text = f"{outcome.name}（第{outcome.row.row}行）"
        if with_missing and (r.missing or r.confirmations):
            lacks = [missing_label(m, registry) for m in r.missing] + (
                ["需人工确认"] if r.confirmations else []
            )
            text += "缺：" + "、".join(lacks)
        if used + len(text) + 40 > CELL_LIMIT:
            parts.append(f"……以下从略（共{len(pairs)}家，其余{len(pairs) - n}家见“按企业”表）")
            break
        parts.append(text)
        used += len(text) + 1
    return "\n".join(parts)


def _by_measure(
    book: Any, fmt: dict[str, Any], result: BatchResult, registry: FactsRegistry
) -> None:
    sheet = book.add_worksheet("按措施")
    headers = [
        ("措施编号", 12), ("措施", 40), ("出处", 40), ("符合（家）", 9), ("可能符合（家）", 10),
        ("符合的企业金额合计", 16), ("可能符合者最常缺的信息", 36), ("符合的企业", 40),
        ("可能符合的企业及尚缺信息", 60),
    ]  # fmt: skip
    rows = result.by_measure()
    rows.sort(key=lambda m: (-len(m["eligible"]), -len(m["possible"])))
    _header(sheet, fmt, headers, len(rows))
    for n, m in enumerate(rows, start=1):
        item = m["item"]
        sheet.write_string(n, 0, item.id, fmt["text"])
        sheet.write_string(n, 1, item.display_title, fmt["wrap"])
        sheet.write_string(n, 2, result.citations.get(item.id, ""), fmt["wrap"])
        sheet.write_number(n, 3, len(m["eligible"]), fmt["int"])
        sheet.write_number(n, 4, len(m["possible"]), fmt["int"])
        values = [
            r.amount.value_yuan
            for _, r in m["eligible"]
            if r.amount.kind != NOT_COMPUTABLE and r.amount.value_yuan is not None
        ]
        if values:
            sheet.write_number(n, 5, float(sum(values)), fmt["wan"])
        else:
            sheet.write_blank(n, 5, None, fmt["wan"])
        lacking: Counter[str] = Counter()
        for _, r in m["possible"]:
            lacking.update(r.missing)
            if r.confirmations:
                lacking["需人工确认"] += 1
        common = "、".join(
            f"{missing_label(k, registry) if k != '需人工确认' else k}（{c}家）"
            for k, c in lacking.most_common(4)
        )
        sheet.write_string(n, 6, common, fmt["wrap"])
        sheet.write_string(n, 7, _names(m["eligible"], registry, False), fmt["wrap"])
        sheet.write_string(n, 8, _names(m["possible"], registry, True), fmt["wrap"])


def _rejected(book: Any, fmt: dict[str, Any], result: BatchResult) -> None:
    sheet = book.add_worksheet("未纳入的行")
    _header(sheet, fmt, [("行号", 8), ("原因", 100)], len(result.rejected))
    for n, r in enumerate(result.rejected, start=1):
        sheet.write_number(n, 0, r.row, fmt["int"])
        sheet.write_string(n, 1, r.reason, fmt["wrap"])


def _notes(book: Any, fmt: dict[str, Any], result: BatchResult) -> None:
    sheet = book.add_worksheet("说明")
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 100)
    roster = result.roster
    lines: list[tuple[str, str]] = [
        ("评估日期", result.as_of.isoformat()),
        ("数据版本", result.data_version_text),
        ("生成时间", datetime.now().strftime("%Y-%m-%d %H:%M")),
        ("名册文件", roster.source),
        ("工作表", f"{roster.sheet}（表头在第{roster.header_row}行）"),
        ("已评估企业", f"{len(result.outcomes)} 家，每家对照 {len(result.measures)} 项措施"),
        ("未纳入的行", f"{len(result.rejected)} 行（行号与原因见“未纳入的行”表）"),
        ("金额", "金额为元，按万元显示；合计仅含“符合”的措施中可计算的金额，"
                 "未注明金额的措施不计入。"),
        ("状态", "符合：各项条件均满足；可能符合：没有不满足的条件，但有信息未填写或"
                 "需人工确认；不符合：至少一项条件不满足。"),
        ("说明", "本表为批量初筛结果。每家企业的条件逐项说明、依据原文和联系部门，"
                 "请在程序中打开该企业或打印其告知单。"),
    ]  # fmt: skip
    for spec in roster.columns:
        if spec.header:
            lines.append(("列对应", f"{spec.header} → {spec.field or '（不使用）'}"))
    for note in roster.notes + result.notes:
        lines.append(("读取说明", note))
    sheet.write_string(0, 0, "项目", fmt["head"])
    sheet.write_string(0, 1, "内容", fmt["head"])
    sheet.freeze_panes(1, 0)
    for n, (key, value) in enumerate(lines, start=1):
        sheet.write_string(n, 0, key, fmt["text"])
        sheet.write_string(n, 1, value, fmt["wrap"])

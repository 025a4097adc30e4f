"""河北省 全省中小企业促进工作开展情况和下一步工作举措 (an attachment, a progress report).

Layout: "附件", a two-line title, an introduction; part 一 reports work done in items
（一）–（七）; part 二 lists problems 一是…四是; part 三 has an introductory paragraph and next
steps （一）–（六）, each ending "（责任单位：…）".
"""

from __future__ import annotations

import re

from desktop_app.core.sources import common

_PROBLEM_RE = re.compile(r"^([一二三四五六七八九十]+是)")
_UNITS_RE = re.compile(r"（责任单位：(.+?)）$")
TITLE_LINES = ("全省中小企业促进工作开展情况", "和下一步工作举措")


def _numbered(line: str, part_no: int) -> tuple[str, str, str, str] | None:
    """Key, kind, article and locator of a numbered line: （一）… in parts 一 (work done) and 三
    (next steps), 一是… in part 二 (problems)."""
    group_match = common.GROUP_RE.match(line)
    if group_match and part_no in (1, 3):
        article = f"（{group_match.group(1)}）"
        key = f"{part_no}-{common.cn_to_int(group_match.group(1))}"
        kind, part = ("report", "一") if part_no == 1 else ("measure", "三")
        return key, kind, article, part + article
    problem_match = _PROBLEM_RE.match(line)
    if problem_match and part_no == 2:
        article = problem_match.group(1)
        return f"2-{common.cn_to_int(article[:-1])}", "problem", article, f"二、{article}"
    return None


def parse(text: str) -> list[common.ItemDraft]:
    lines = common.nonblank_lines(text)
    if lines[0] != "附件" or tuple(lines[1:3]) != TITLE_LINES:
        raise ValueError("河北报告开头应为“附件”和两行标题")
    items: list[common.ItemDraft] = []
    part: str | None = None
    part_no = 0
    for line in lines[3:]:
        part_match = common.PART_RE.match(line)
        if part_match and len(line) <= 12:
            part, part_no = line, common.cn_to_int(part_match.group(1))
            continue
        path = [part] if part else []
        numbered = _numbered(line, part_no)
        if numbered:
            key, kind, article, locator = numbered
            item = common.headed_item(line, article, key=key, kind=kind, locator=locator, path=path)
            units = _UNITS_RE.search(line)
            if units:
                item.departments = common.split_units(units.group(1))
                item.departments_text = units.group(0)
            items.append(item)
        elif part is None:
            items.append(common.ItemDraft(key="intro", kind="preamble", locator="前言", text=line))
        elif part_no == 3:
            items.append(
                common.ItemDraft(
                    key="3-intro", kind="general", locator="三、引言", path=path, text=line
                )
            )
        else:
            raise ValueError(f"河北报告中无法识别的段落：{line[:30]}")
    return items

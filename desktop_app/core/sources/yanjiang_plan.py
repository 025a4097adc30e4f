"""资阳市雁江区促进中小企业健康发展实施方案 (资雁府办发〔2020〕19号).

Layout: a notice (文号, issuer, a title broken over two lines, addressees, one paragraph,
signature, date) wrapping the plan: its title, an introduction, parts 一–七 with items
（一）–（二十五）; most items end "（责任单位：…）". Item （三） says "列首位的为牵头单位，下同",
so from there on the first unit listed is the lead unit. A page footer "— 3 —" closes the file.
"""

from __future__ import annotations

import re

from desktop_app.core.sources import common

PLAN_TITLE = "资阳市雁江区促进中小企业健康发展实施方案"
PAGE_FOOTER_RE = re.compile(r"^—\s*\d+\s*—$")
_UNITS_RE = re.compile(r"（责任单位：(.+?)）$")
_LEAD_NOTE = "。列首位的为牵头单位，下同"


def parse(text: str) -> list[common.ItemDraft]:
    lines = [line for line in common.nonblank_lines(text) if not PAGE_FOOTER_RE.match(line)]
    start = lines.index(PLAN_TITLE)
    notice = _join_broken_title(lines[:start])
    items = [
        common.ItemDraft(key="notice", kind="preamble", locator="印发通知", text="\n".join(notice))
    ]
    part: str | None = None
    lead_rule = False
    for line in lines[start + 1 :]:
        if common.PART_RE.match(line) and len(line) <= 16:
            part = line
            continue
        group_match = common.GROUP_RE.match(line)
        if group_match is None:
            if part is not None:
                raise ValueError(f"雁江方案中无法识别的段落：{line[:30]}")
            items.append(common.ItemDraft(key="intro", kind="preamble", locator="前言", text=line))
            continue
        article = f"（{group_match.group(1)}）"
        number = common.cn_to_int(group_match.group(1))
        units_match = _UNITS_RE.search(line)
        departments = []
        notes: list[str] = []
        if units_match:
            units_text = units_match.group(1)
            if _LEAD_NOTE in units_text:
                lead_rule = True
                units_text = units_text.replace(_LEAD_NOTE, "")
            departments = common.split_units(units_text, lead_first=lead_rule)
            if lead_rule and _LEAD_NOTE not in units_match.group(1):
                notes.append("牵头单位依第（三）项所注“列首位的为牵头单位，下同”。")
        kind = "general" if number <= 2 else "measure"
        path = [part] if part else []
        item = common.headed_item(
            line, article, key=str(number), kind=kind, locator=article, path=path
        )
        item.departments, item.source_notes = departments, notes
        item.departments_text = units_match.group(0) if units_match else None
        items.append(item)
    return items


def _join_broken_title(lines: list[str]) -> list[str]:
    """The notice's title is hard-wrapped over two lines; it is one title."""
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1].startswith("关于印发") and not joined[-1].endswith("通知"):
            joined[-1] += line
        else:
            joined.append(line)
    return joined

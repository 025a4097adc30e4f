"""厦门市…任务分解表: a table of 50 numbered provincial measures with Xiamen's units.

Layout: title, header row (序号 / 具体内容 / 我市责任单位), part rows "一、…", group rows "（一）…",
then per measure three cells: number, content, units.
"""

from __future__ import annotations

import re

from desktop_app.core.model import Department
from desktop_app.core.sources.common import (
    GROUP_RE,
    PART_RE,
    ItemDraft,
    nonblank_lines,
    split_units,
)

HEADER_CELLS = ("序号", "福建省《关于支持中小微企业健康发展的若干措施》具体内容", "我市责任单位")
_STANDING_RE = re.compile(r"（(以下责任单位均需(.+?)，不再一一列出)）")


def parse(text: str) -> list[ItemDraft]:
    lines = nonblank_lines(text)
    title, body = lines[0], lines[1:]
    if tuple(body[:3]) != HEADER_CELLS:
        raise ValueError(f"厦门任务分解表表头与预期不符：{body[:3]}")
    body = body[3:]
    items: list[ItemDraft] = []
    part: str | None = None
    group: str | None = None
    standing: list[Department] = []
    standing_note: str | None = None
    i = 0
    while i < len(body):
        line = body[i]
        if line.isdigit():
            number, content, units_text = line, body[i + 1], body[i + 2]
            i += 3
            own_text = units_text
            match = _STANDING_RE.search(units_text)
            if match:
                own_text = units_text.replace(match.group(0), "")
                standing = split_units(match.group(2), basis="standing")
                standing_note = match.group(1)
            departments = split_units(own_text)
            notes: list[str] = []
            if standing and not match:
                departments += standing
                notes.append(f"责任单位含第1项所注“{standing_note}”的单位。")
            path = [p for p in (part, group) if p]
            items.append(
                ItemDraft(
                    key=number,
                    kind="measure",
                    article=number,
                    locator=number,
                    path=path,
                    text=content,
                    departments=departments,
                    departments_text=units_text,
                    source_notes=notes,
                )
            )
            continue
        if PART_RE.match(line):
            part, group = line, None
        elif GROUP_RE.match(line):
            group = line
        else:
            raise ValueError(f"厦门任务分解表中无法识别的行：{line}")
        i += 1
    if [d.key for d in items] != [str(n) for n in range(1, 51)]:
        raise ValueError("厦门任务分解表应有编号1–50的50项措施")
    del title  # stored as the document title
    return items

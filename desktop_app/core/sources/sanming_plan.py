"""三明市优质中小企业梯度培育行动方案（征求意见稿）.

Layout: title, status line, an introduction, part 一 (two paragraphs of goals), part 二 with groups
（一）–（三） of items "1.建培育库。…" each followed by a line "责任单位：…", part 三 (保障措施)
with items "（一）加强统筹协调。…" and their units, and a closing paragraph stating the validity.
"""

from __future__ import annotations

import re

from desktop_app.core.sources import common

_NUMBERED_RE = re.compile(r"^(\d+)\.")
_UNITS_PREFIX = "责任单位："


def _numbered(
    line: str, part_no: int, part: str | None, group: str | None, group_no: int
) -> tuple[str, str, str, list[str]] | None:
    """Key, article, locator and path of a numbered measure: （一）… in part 三, 1.… in a group
    （一）… of part 二."""
    group_match = common.GROUP_RE.match(line)
    if group_match and part_no == 3:
        article = f"（{group_match.group(1)}）"
        key = f"3-{common.cn_to_int(group_match.group(1))}"
        return key, article, f"三{article}", [part] if part else []
    numbered = _NUMBERED_RE.match(line)
    if numbered and group:
        article = f"{numbered.group(1)}."
        key = f"2-{group_no}-{numbered.group(1)}"
        locator = f"二{group[: group.index('）') + 1]}{article}"
        return key, article, locator, [p for p in (part, group) if p]
    return None


def parse(text: str) -> list[common.ItemDraft]:
    lines = common.nonblank_lines(text)
    if lines[1] != "（征求意见稿）":
        raise ValueError("三明方案应标明（征求意见稿）")
    body = lines[2:]
    items: list[common.ItemDraft] = []
    part: str | None = None
    part_no = 0
    group: str | None = None
    group_no = 0
    paragraph_no = 0
    for line in body:
        if line.startswith(_UNITS_PREFIX):
            last = items[-1]
            last.departments_text = line
            last.departments = common.split_units(line[len(_UNITS_PREFIX) :])
            continue
        part_match = common.PART_RE.match(line)
        if part_match and len(line) <= 12:
            part, part_no = line, common.cn_to_int(part_match.group(1))
            group, group_no, paragraph_no = None, 0, 0
            continue
        group_match = common.GROUP_RE.match(line)
        if group_match and part_no == 2:
            group, group_no = line, common.cn_to_int(group_match.group(1))
            continue
        numbered = _numbered(line, part_no, part, group, group_no)
        if numbered:
            key, article, locator, path = numbered
            items.append(
                common.headed_item(
                    line, article, key=key, kind="measure", locator=locator, path=path
                )
            )
            continue
        if line.startswith("本方案有效期"):
            items.append(common.ItemDraft(key="end", kind="general", locator="结语", text=line))
            continue
        if part is None:
            items.append(common.ItemDraft(key="intro", kind="preamble", locator="前言", text=line))
            continue
        paragraph_no += 1
        items.append(
            common.ItemDraft(
                key=f"{part_no}-p{paragraph_no}",
                kind="general",
                locator=f"{part.split('、')[0]}、第{paragraph_no}段",
                path=[part],
                text=line,
            )
        )
    return items

"""2019年福建省中小企业发展工作要点: a Python list literal of 191 strings, hard-wrapped.

The list is read with ast.literal_eval after joining the wrapped lines (never eval). What
cannot be read off the strings themselves — which strings form one sentence, how far a
surviving department heading reaches — comes from db/structure/fj2019.yaml.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import yaml

from desktop_app.core.model import Department
from desktop_app.core.sources.common import ItemDraft

_NUMBER_RE = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+是)")
_DEPT_RE = re.compile(r"^[一二三四五六七八九十]+、")
_CLAUSE_PUNCT = re.compile(r"[，。；,;]")


def read_strings(text: str) -> list[str]:
    joined = text.replace("\r", "").replace("\n", "")
    value = ast.literal_eval(joined)
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise ValueError("福建工作要点应为字符串列表")
    return value


def load_structure(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def _is_heading(strings: list[str], i: int) -> bool:
    s = strings[i]
    if not _NUMBER_RE.match(s) or _CLAUSE_PUNCT.search(s):
        return False
    nxt = strings[i + 1] if i + 1 < len(strings) else None
    return nxt is not None and not _NUMBER_RE.match(nxt) and not _DEPT_RE.match(nxt)


def parse(text: str, structure: dict[str, Any]) -> list[ItemDraft]:
    strings = read_strings(text)
    preamble = set(structure["preamble"])
    joins = {j["strings"][0]: j for j in structure["joins"]}
    joined_away = {i for j in structure["joins"] for i in j["strings"][1:]}
    fragments: dict[int, str] = structure["fragments"]
    dept_headings: dict[int, dict[str, Any]] = structure["department_headings"]
    breaks = set(structure["section_breaks"])

    items = [
        ItemDraft(
            key="000",
            kind="preamble",
            locator="文首",
            text="\n".join(strings[i] for i in sorted(preamble)),
        )
    ]
    department: str | None = None
    department_until = -1
    heading: str | None = None
    position = 0
    for i, s in enumerate(strings):
        if i in preamble or i in joined_away:
            continue
        if i > department_until:
            department = None
        if i in breaks:
            heading = None
        if i in dept_headings:
            department, department_until, heading = s, dept_headings[i]["through"], None
            continue
        if _is_heading(strings, i):
            heading = s
            continue
        numbered = _NUMBER_RE.match(s)
        if numbered:
            heading = None  # a numbered item is a sibling of the heading, not under it
        text_, notes, kind = s, [], "measure"
        if i in joins:
            join = joins[i]
            titles = set(join.get("title_strings", []))
            text_ = "".join(
                f"《{strings[k]}》" if k in titles else strings[k] for k in join["strings"]
            )
            notes.append(join["note"])
            kind = join.get("kind", kind)
        if i in fragments:
            notes.append(fragments[i])
        departments = []
        if department:
            name = department.split("、", 1)[1]
            departments = [Department(name=name, as_printed=department, basis="heading")]
            notes.append(f"责任单位据原文部门标题“{department}”。")
        else:
            notes.append("原文此处的部门标题缺失，责任单位未注明。")
        position += 1
        article = numbered.group(1) if numbered else None
        items.append(
            ItemDraft(
                key=f"{i:03d}",
                kind=kind,
                article=article,
                locator=f"第{position}项",  # several lists restart at （一）: number by position
                path=[p for p in (department, heading) if p],
                text=text_,
                departments=departments,
                departments_text=department,
                source_notes=notes,
            )
        )
    return items

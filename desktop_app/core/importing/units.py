"""Responsible units: "责任单位：…" lines, "（责任单位：…）" endings, 牵头 / 配合 units, the
"列首位的为牵头单位" convention and standing lists ("以下…均需…，不再一一列出").

Splitting a list into single units is the bundled parsers' `split_units`, so an imported
document lists its units exactly as a bundled one does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.model import Department
from desktop_app.core.sources.common import split_units

_LABEL = r"(?:责任单位|责任部门|牵头单位|牵头部门|主责单位|配合单位|配合部门|协同单位|参与单位)"
# a paragraph of its own: 责任单位：市工信局、财政局 (or the same in brackets)
UNITS_LINE = re.compile(rf"^(?:{_LABEL}[：:]\s*\S|[（(]{_LABEL}[：:].+[）)][。]?$)")
# a county's list carries 县 over like a city's 市: 县工信局、财政局 → 县财政局
_PREFIXES = "市区省县"
# at the end of an item: …。（责任单位：区发改局、区市场监管局。列首位的为牵头单位，下同）
_UNITS_END = re.compile(rf"[（(]({_LABEL}[：:].+?)[）)][。；]?$")
_SEGMENT = re.compile(rf"({_LABEL})[：:]")
_LEAD_NOTE = re.compile(r"[。；，,]?\s*列首位的?为牵头单位(?:[，,]\s*(下同))?[。]?")
_STANDING = re.compile(
    r"[（(]?(以下(?:责任单位|单位)?均?需?(?:包括|含)?(.+?)[，,]\s*不再一一列出)[）)]?"
)


@dataclass
class UnitsFound:
    departments: list[Department]
    as_printed: str  # the passage, e.g. （责任单位：市工信局）
    lead_from_here: bool = False  # "列首位的为牵头单位，下同"
    standing: list[Department] = field(default_factory=list)
    standing_note: str | None = None


# …（省税务局、财政厅按职责分工负责） / （市工信局牵头，市财政局配合） / （县商务局负责）
_DUTY_END = re.compile(r"[（(]([^（）()。]{2,80}?)(按职责分工负责|分工负责|负责)[）)][。；]?$")
_LEAD_END = re.compile(
    r"[（(]([^（）()。]{2,60}?)牵头[，,、]?([^（）()。]{2,60}?)(?:配合|参与)[）)][。；]?$"
)
_UNIT_ENDINGS = (*"局厅委办院会行府司部处所队室站社联署馆", "中心", "管委会", "政府")


def _all_units(text: str) -> bool:
    tokens = [t for t in re.split(r"[、，,及和]", text) if t.strip()]
    return bool(tokens) and all(t.strip().endswith(_UNIT_ENDINGS) for t in tokens)


def units_at_end(text: str) -> tuple[str, str] | None:
    """The units an item ends with: (the passage as printed, its list with labels)."""
    if found := _UNITS_END.search(text):
        return found.group(0), found.group(1)
    if (found := _LEAD_END.search(text)) and _all_units(f"{found.group(1)}、{found.group(2)}"):
        return found.group(0), f"牵头单位：{found.group(1)}；配合单位：{found.group(2)}"
    if (found := _DUTY_END.search(text)) and _all_units(found.group(1)):
        return found.group(0), f"责任单位：{found.group(1)}"
    return None


def parse_units(passage: str, body: str, *, lead_first: bool) -> UnitsFound:
    """`body` is the list after its label(s); `passage` the text as printed."""
    standing: list[Department] = []
    standing_note = None
    found = _STANDING.search(body)
    if found:
        standing = split_units(found.group(2), basis="standing", prefixes=_PREFIXES)
        standing_note = found.group(1)
        body = body.replace(found.group(0), "")
    lead_note = _LEAD_NOTE.search(body)
    lead_from_here = bool(lead_note and lead_note.group(1))
    if lead_note:
        lead_first = True
        body = body.replace(lead_note.group(0), "")
    departments: list[Department] = []
    for label, units_text in _segments(body):
        units = split_units(
            units_text.strip(" ；;。（）()"),
            lead_first=lead_first and not departments,
            prefixes=_PREFIXES,
        )
        if label.startswith("牵头") or label.startswith("主责"):
            units = [Department(u.name, u.as_printed, True, u.basis) for u in units]
        departments += units
    return UnitsFound(departments, passage, lead_from_here, standing, standing_note)


def _segments(body: str) -> list[tuple[str, str]]:
    """牵头单位：A；配合单位：B → [(牵头单位, A), (配合单位, B)]; no label → 责任单位."""
    marks = list(_SEGMENT.finditer(body))
    if not marks:
        return [("责任单位", body)]
    segments = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        segments.append((mark.group(1), body[mark.end() : end]))
    return segments


def department_dicts(departments: list[Department]) -> list[dict[str, Any]]:
    return [d.to_dict() for d in departments]

"""Local guidance: what an office adds to a measure that the texts do not say.

Shown and printed apart from the text, always under the mark 本地补充（非原文）.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MARK = "本地补充（非原文）"
LIMITS = {"office": 80, "address": 120, "phone": 60, "period": 80, "note": 500}
_PHONE = re.compile(r"^[0-9０-９\-－—()（）+ 、,，转/]*$")
LABELS = {
    "office": "受理窗口",
    "address": "地址",
    "phone": "联系电话",
    "period": "申报时间",
    "materials": "申报材料",
    "note": "备注",
}


@dataclass(frozen=True)
class LocalGuidance:
    measure_id: str
    office: str | None = None
    address: str | None = None
    phone: str | None = None
    period: str | None = None
    year_round: bool = False
    materials: tuple[str, ...] = ()
    note: str | None = None
    updated_by: str | None = None
    updated_at: str | None = None
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def empty(self) -> bool:
        return not (
            self.office or self.address or self.phone or self.period or self.year_round
        ) and not (self.materials or self.note)

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) in reading order, only what was filled in."""
        out = []
        for key in ("office", "address", "phone"):
            value = getattr(self, key)
            if value:
                out.append((LABELS[key], value))
        if self.year_round:
            out.append((LABELS["period"], "常年申报"))
        elif self.period:
            out.append((LABELS["period"], self.period))
        if self.materials:
            out.append((LABELS["materials"], "；".join(self.materials)))
        if self.note:
            out.append((LABELS["note"], self.note))
        return out

    def entered(self) -> dict[str, Any]:
        """What the office enters (PolicyLibrary.set_guidance takes exactly these)."""
        return {
            "office": self.office,
            "address": self.address,
            "phone": self.phone,
            "period": self.period,
            "year_round": self.year_round,
            "materials": self.materials,
            "note": self.note,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure_id": self.measure_id,
            "mark": MARK,
            **self.entered(),
            "materials": list(self.materials),
            "updated_by": self.updated_by,
            "updated_at": self.updated_at,
        }


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def guidance_from(measure_id: str, raw: dict[str, Any]) -> LocalGuidance:
    """Guidance from form or stored values; `problems` lists what cannot be saved, in Chinese."""
    problems = []
    values: dict[str, Any] = {}
    for key, limit in LIMITS.items():
        text = _clean(raw.get(key))
        if text and len(text) > limit:
            problems.append(f"{LABELS[key]}过长（最多{limit}字）")
        values[key] = text
    if values["phone"] and not _PHONE.match(values["phone"]):
        problems.append("联系电话只能包含数字、空格、括号、“-”和“转”")
    materials = raw.get("materials") or []
    if isinstance(materials, str):
        materials = re.split(r"[\n；;]", materials)
    cleaned = tuple(m for m in (_clean(x) for x in materials) if m)
    if any(len(m) > 120 for m in cleaned):
        problems.append("每项申报材料最多120字")
    year_round = bool(raw.get("year_round"))
    if year_round and values["period"]:
        problems.append("已选“常年申报”，请不要再填写申报时间")
    return LocalGuidance(
        measure_id=measure_id,
        year_round=year_round,
        materials=cleaned,
        updated_by=_clean(raw.get("updated_by")),
        updated_at=_clean(raw.get("updated_at")),
        problems=tuple(problems),
        **values,
    )


def guidance_lines(data: dict[str, Any] | None) -> list[str]:
    """A result's local guidance as 'label：value' lines (empty without guidance)."""
    if not data:
        return []
    g = guidance_from(str(data.get("measure_id") or ""), data)
    return [f"{label}：{value}" for label, value in g.lines()]

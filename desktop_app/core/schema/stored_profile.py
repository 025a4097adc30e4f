"""A profile read back from a saved evaluation, as it was saved.

An evaluation keeps the profile it was computed for. Today's schema may refuse some of it — a
region code since retired, an industry renamed, a fact dropped from the registry, a limit made
stricter — but the evaluation was computed, printed and handed over with those answers, so
history must show and print them exactly. Each field is checked alone with today's rules:
what passes is read as today reads it; what does not is kept as stored (where the value has the
field's type) and named in a Chinese note, never raised.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.profile import Profile, Qualification, SizeOverride
from desktop_app.core.schema import values as v
from desktop_app.core.schema.errors import ProfileError
from desktop_app.core.schema.profile import FIELDS, validate_profile

LABELS = {
    "name": "企业名称",
    "region": "所在地区",
    "industry": "所属行业",
    "employees": "从业人员",
    "revenue": "营业收入",
    "assets": "资产总额",
    "established": "成立日期",
    "entity_type": "主体类型",
    "qualifications": "已取得资质",
    "facts": "其他情况",
    "size_override": "手动指定规模",
    "credit_code": "统一社会信用代码",
    "contact": "联系方式",
}
_TEXT = ("name", "region", "industry", "entity_type", "credit_code", "contact")
_NUMBERS = ("employees", "revenue", "assets")


@dataclass(frozen=True)
class StoredProfile:
    profile: Profile
    notes: list[str] = field(default_factory=list)  # Chinese, one per field kept as stored


def read_stored_profile(
    data: Any, as_of: date | None = None, registry: FactsRegistry | None = None
) -> StoredProfile:
    """Never raises: a value today's schema refuses is kept as stored and noted."""
    if not isinstance(data, dict):
        return StoredProfile(Profile(), ["保存的企业信息不是一个对象，无法显示"] if data else [])
    registry = registry or load_registry()
    values: dict[str, Any] = {}
    notes: list[str] = []
    for name in FIELDS:
        raw = data.get(name)
        if v.blank(raw):
            continue
        if name == "facts" and isinstance(raw, dict):
            values[name] = _facts(raw, registry, as_of, notes)
            continue
        if name == "qualifications" and isinstance(raw, list):
            values[name] = _qualifications(raw, registry, as_of, notes)
            continue
        try:
            values[name] = getattr(_checked({name: raw}, registry, as_of), name)
        except ProfileError as exc:
            values[name] = _as_stored(name, raw)
            notes.append(_note(LABELS[name], raw, exc))
    return StoredProfile(Profile(**values), notes)


def _checked(data: dict[str, Any], registry: FactsRegistry, as_of: date | None) -> Profile:
    return validate_profile(data, registry, as_of=as_of)


def _note(label: str, raw: Any, exc: ProfileError) -> str:
    why = "；".join(exc.problems)
    return f"{label}按保存时的内容显示（{_shown(raw)}），按现行规则不再接受：{why}"


def _shown(raw: Any) -> str:
    if isinstance(raw, str | int | float | bool):
        return v.shown(raw) if isinstance(raw, str) else str(raw)
    return "格式已不同"


def _as_stored(name: str, raw: Any) -> Any:
    """The stored value where it has the field's type, else None (shown as not filled)."""
    if name in _TEXT:
        return raw if isinstance(raw, str) and not v.has_surrogates(raw) else None
    if name in _NUMBERS:
        ok = isinstance(raw, int | float) and not isinstance(raw, bool)
        return float(raw) if ok and math.isfinite(float(raw)) else None
    if name == "established":
        try:
            return date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            return None
    if name == "size_override" and isinstance(raw, dict):
        size, reason = raw.get("size"), raw.get("reason")
        if isinstance(size, str) and isinstance(reason, str):
            return SizeOverride(size, reason)
    return None


def _facts(
    raw: dict[Any, Any], registry: FactsRegistry, as_of: date | None, notes: list[str]
) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or v.has_surrogates(key) or v.blank(value):
            continue
        try:
            facts.update(_checked({"facts": {key: value}}, registry, as_of).facts)
        except ProfileError as exc:
            if isinstance(value, str | int | float | bool):
                facts[key] = value
            label = registry.facts[key].label if key in registry.facts else key
            notes.append(_note(label, value, exc))
    return facts


def _qualifications(
    raw: list[Any], registry: FactsRegistry, as_of: date | None, notes: list[str]
) -> tuple[Qualification, ...]:
    found: dict[str, Qualification] = {}
    for item in raw:
        try:
            found.update(
                (q.id, q)
                for q in _checked({"qualifications": [item]}, registry, as_of).qualifications
            )
        except ProfileError as exc:
            qid = (
                item
                if isinstance(item, str)
                else item.get("id")
                if isinstance(item, dict)
                else None
            )
            granted = item.get("granted") if isinstance(item, dict) else None
            if isinstance(qid, str) and not v.has_surrogates(qid):
                found[qid] = Qualification(qid, _as_stored("established", granted))
            notes.append(_note(LABELS["qualifications"], qid if qid is not None else item, exc))
    return tuple(found.values())

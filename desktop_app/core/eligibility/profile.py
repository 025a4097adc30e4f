"""An enterprise profile: what the user entered. Missing fields mean unknown."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.core.eligibility.facts import FactsRegistry, load_registry

ENTITY_TYPES = {"enterprise": "企业", "individual_business": "个体工商户"}
SIZES = ("large", "medium", "small", "micro")
MAX_NAME = 300


class ProfileError(ValueError):
    """The profile has invalid values; `problems` lists each in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Qualification:
    id: str
    granted: date | None = None


@dataclass(frozen=True)
class SizeOverride:
    size: str
    reason: str


@dataclass(frozen=True)
class Profile:
    name: str | None = None
    region: str | None = None
    industry: str | None = None
    employees: float | None = None
    revenue: float | None = None
    assets: float | None = None
    established: date | None = None
    entity_type: str | None = None
    qualifications: tuple[Qualification, ...] = ()
    facts: dict[str, Any] = field(default_factory=dict)
    size_override: SizeOverride | None = None

    def qualification(self, qual_id: str) -> Qualification | None:
        return next((q for q in self.qualifications if q.id == qual_id), None)

    @classmethod
    def from_dict(cls, data: Any, registry: FactsRegistry | None = None) -> Profile:
        return parse_profile(data, registry or load_registry())

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "region": self.region,
            "industry": self.industry,
            "employees": self.employees,
            "revenue": self.revenue,
            "assets": self.assets,
            "established": self.established.isoformat() if self.established else None,
            "entity_type": self.entity_type,
            "qualifications": [
                {"id": q.id, "granted": q.granted.isoformat() if q.granted else None}
                for q in self.qualifications
            ],
            "facts": dict(self.facts),
            "size_override": (
                {"size": self.size_override.size, "reason": self.size_override.reason}
                if self.size_override
                else None
            ),
        }


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(
    value: Any, label: str, problems: list[str], *, low: float, high: float
) -> float | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        problems.append(f"{label}应为数字")
        return None
    try:
        number = (
            float(str(value).replace(",", "").strip()) if isinstance(value, str) else float(value)
        )
    except (TypeError, ValueError):
        problems.append(f"{label}“{value}”不是数字")
        return None
    if math.isnan(number) or math.isinf(number):
        problems.append(f"{label}不是有效数字")
        return None
    if number < low or number > high:
        problems.append(f"{label}应在{_readable(low)}到{_readable(high)}之间")
        return None
    return number


def _readable(number: float) -> str:
    """10000000 → 1000万, 500 → 500: limits a person can read (never 1e+07)."""
    if abs(number) >= 1e8:
        return f"{number / 1e8:g}亿"
    if abs(number) >= 1e4:
        return f"{number / 1e4:g}万"
    return f"{number:g}"


def _date(value: Any, label: str, problems: list[str]) -> date | None:
    if _blank(value):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        problems.append(f"{label}“{value}”不是有效日期（格式：2021-05-01）")
        return None


def parse_profile(data: Any, registry: FactsRegistry) -> Profile:
    """Validate and normalise a profile; every problem is collected, none raises alone."""
    if not isinstance(data, dict):
        raise ProfileError(["企业信息应为一个 JSON 对象"])
    problems: list[str] = []
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        problems.append("企业名称应为文字")
        name = None
    if isinstance(name, str):
        name = "".join(ch for ch in name if ch.isprintable()).strip() or None
        if name and len(name) > MAX_NAME:
            problems.append(f"企业名称不能超过{MAX_NAME}个字")
    region = data.get("region")
    if not _blank(region) and not re.fullmatch(r"\d{6}", str(region)):
        problems.append(f"地区代码“{region}”应为6位数字")
        region = None
    entity_type = data.get("entity_type")
    if not _blank(entity_type) and entity_type not in ENTITY_TYPES:
        problems.append("主体类型应为 enterprise（企业）或 individual_business（个体工商户）")
        entity_type = None
    quals: list[Qualification] = []
    for raw in data.get("qualifications") or []:
        qid, granted = (raw, None) if isinstance(raw, str) else (raw.get("id"), raw.get("granted"))
        if qid not in registry.qualifications:
            problems.append(f"未知的资质“{qid}”")
            continue
        quals.append(
            Qualification(
                qid, _date(granted, f"{registry.qualifications[qid].label}认定日期", problems)
            )
        )
    facts = _parse_facts(data.get("facts") or {}, registry, problems)
    override = None
    raw_override = data.get("size_override")
    if raw_override:
        if raw_override.get("size") not in SIZES or _blank(raw_override.get("reason")):
            problems.append("手动指定企业规模时须选择规模并填写理由")
        else:
            override = SizeOverride(raw_override["size"], str(raw_override["reason"]).strip())
    profile = Profile(
        name=name,
        region=None if _blank(region) else str(region),
        industry=None if _blank(data.get("industry")) else str(data.get("industry")),
        employees=_number(data.get("employees"), "从业人员", problems, low=0, high=1e7),
        revenue=_number(data.get("revenue"), "营业收入", problems, low=0, high=1e11),
        assets=_number(data.get("assets"), "资产总额", problems, low=0, high=1e11),
        established=_date(data.get("established"), "成立日期", problems),
        entity_type=None if _blank(entity_type) else str(entity_type),
        qualifications=tuple(quals),
        facts=facts,
        size_override=override,
    )
    if problems:
        raise ProfileError(problems)
    return profile


def _parse_facts(raw: Any, registry: FactsRegistry, problems: list[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        problems.append("facts 应为一个对象")
        return {}
    facts: dict[str, Any] = {}
    for key, value in raw.items():
        fact = registry.facts.get(key)
        if fact is None:
            problems.append(f"未知的事项“{key}”")
            continue
        if _blank(value):
            continue
        if fact.type == "boolean":
            if not isinstance(value, bool):
                problems.append(f"{fact.label}应为“是”或“否”")
                continue
            facts[key] = value
        elif fact.type in ("integer", "number"):
            low = fact.min if fact.min is not None else -1e15
            high = fact.max if fact.max is not None else 1e15
            number = _number(value, fact.label, problems, low=low, high=high)
            if number is None:
                continue
            if fact.type == "integer" and number != int(number):
                problems.append(f"{fact.label}应为整数")
                continue
            facts[key] = int(number) if fact.type == "integer" else number
        elif fact.type == "choice":
            if value not in fact.choices:
                problems.append(f"{fact.label}应为：{'、'.join(fact.choices)}")
                continue
            facts[key] = value
        else:
            parsed = _date(value, fact.label, problems)
            if parsed:
                facts[key] = parsed
    return facts

"""The enterprise profile schema: what `match`, `report`, the wizard, `profiles import` and the
roster import all read, so what is stored is exactly what the engine accepts."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app.core import credit_code, regions, size_class
from desktop_app.core.eligibility.facts import FactDef, FactsRegistry, load_registry
from desktop_app.core.eligibility.profile import (
    ENTITY_TYPES,
    MAX_CONTACT,
    MAX_NAME,
    SIZES,
    Profile,
    Qualification,
    SizeOverride,
)
from desktop_app.core.schema import values as v
from desktop_app.core.schema.errors import ProfileError

FIELDS = (
    "name",
    "region",
    "industry",
    "employees",
    "revenue",
    "assets",
    "established",
    "entity_type",
    "qualifications",
    "facts",
    "size_override",
    "credit_code",
    "contact",
)
MAX_QUALIFICATIONS = 200
MAX_FACTS = 2000


def validate_profile(
    data: Any, registry: FactsRegistry | None = None, *, as_of: date | None = None
) -> Profile:
    """Validate and normalise a profile (a dict as in resources/samples/*.json).

    Raises ProfileError listing every problem in Chinese; never anything else, whatever
    `data` holds. `as_of` is the evaluation date (default today): an enterprise cannot be
    established after it.
    """
    if not isinstance(data, dict):
        raise ProfileError(["企业信息应为一个 JSON 对象"])
    registry = registry or load_registry()
    problems: list[str] = []
    for key in data:
        if not isinstance(key, str) or v.has_surrogates(key):
            problems.append(f"企业信息中有无法识别的字段名“{v.shown(key)}”")
    name = v.text(data.get("name"), "企业名称", problems, max_len=MAX_NAME)
    established = v.day(data.get("established"), "成立日期", problems)
    limit = as_of or date.today()
    if established is not None and established > limit:
        problems.append(f"成立日期{established.isoformat()}晚于评估日期{limit.isoformat()}，请核对")
        established = None
    profile = Profile(
        name=name,
        region=_region(data.get("region"), problems),
        industry=_industry(data.get("industry"), problems),
        employees=v.number(data.get("employees"), "从业人员", problems, low=0, high=1e7),
        revenue=v.number(data.get("revenue"), "营业收入", problems, low=0, high=1e11),
        assets=v.number(data.get("assets"), "资产总额", problems, low=0, high=1e11),
        established=established,
        entity_type=v.choice(data.get("entity_type"), "主体类型", problems, ENTITY_TYPES),
        qualifications=_qualifications(data.get("qualifications"), registry, problems),
        facts=_facts(data.get("facts"), registry, problems),
        size_override=_size_override(data.get("size_override"), problems),
        credit_code=_credit_code(data.get("credit_code"), problems),
        contact=v.text(data.get("contact"), "联系方式", problems, max_len=MAX_CONTACT),
    )
    if problems:
        raise ProfileError(problems)
    return profile


def _region(value: Any, problems: list[str]) -> str | None:
    if v.blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or v.has_surrogates(value):
        problems.append(f"地区代码“{v.shown(value)}”应为6位数字")
        return None
    code = v.ascii_digits(value).strip()
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        problems.append(f"地区代码“{v.shown(value)}”应为6位数字")
        return None
    try:
        regions.get(code)
    except regions.UnknownRegionError as exc:  # its message names a retired code's successor
        problems.append(f"所在地区：{exc}")
        return None
    return code


def _credit_code(value: Any, problems: list[str]) -> str | None:
    text = v.text(value, credit_code.LABEL, problems)
    if text is None:
        return None
    code = credit_code.normalized(text)
    problem = credit_code.credit_code_problem(code)
    if problem:
        problems.append(problem)
        return None
    return code


def _industry(value: Any, problems: list[str]) -> str | None:
    name = v.text(value, "所属行业", problems)
    if name is None:
        return None
    try:
        return size_class.load_standard().industry(name).name
    except size_class.UnknownIndustryError as exc:
        problems.append(f"所属行业：{exc}")
        return None


def _qualifications(
    raw: Any, registry: FactsRegistry, problems: list[str]
) -> tuple[Qualification, ...]:
    if v.blank(raw):
        return ()
    if not isinstance(raw, list):
        problems.append("资质（qualifications）应为一个列表")
        return ()
    if len(raw) > MAX_QUALIFICATIONS:
        problems.append(f"资质不能超过{MAX_QUALIFICATIONS}项")
        return ()
    found: dict[str, Qualification] = {}
    for n, item in enumerate(raw, start=1):
        qid: Any
        granted: Any
        if isinstance(item, str):
            qid, granted = item, None
        elif isinstance(item, dict):
            qid, granted = item.get("id"), item.get("granted")
        else:
            problems.append(f"资质第{n}项格式不对（应为资质编号或 {{id, granted}}）")
            continue
        if not isinstance(qid, str) or qid not in registry.qualifications:
            problems.append(f"资质第{n}项：未知的资质“{v.shown(qid)}”")
            continue
        label = registry.qualifications[qid].label
        found[qid] = Qualification(qid, v.day(granted, f"{label}认定日期", problems))
    return tuple(found.values())


def _facts(raw: Any, registry: FactsRegistry, problems: list[str]) -> dict[str, Any]:
    if v.blank(raw):
        return {}
    if not isinstance(raw, dict):
        problems.append("经营情况（facts）应为一个对象")
        return {}
    if len(raw) > MAX_FACTS:
        problems.append("经营情况（facts）的事项过多")
        return {}
    facts: dict[str, Any] = {}
    for key, value in raw.items():
        fact = registry.facts.get(key) if isinstance(key, str) else None
        if fact is None:
            problems.append(f"未知的事项“{v.shown(key)}”")
            continue
        parsed = _fact_value(fact, value, problems)
        if parsed is not None:
            facts[key] = parsed
    return facts


def _fact_value(fact: FactDef, value: Any, problems: list[str]) -> Any:
    if v.blank(value):
        return None
    if fact.type == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{fact.label}应为“是”或“否”")
            return None
        return value
    if fact.type in ("integer", "number"):
        low = fact.min if fact.min is not None else -1e15
        high = fact.max if fact.max is not None else 1e15
        integer = fact.type == "integer"
        number = v.number(value, fact.label, problems, low=low, high=high, integer=integer)
        if number is None:
            return None
        return int(number) if integer else number
    if fact.type == "choice":
        return v.choice(value, fact.label, problems, {c: c for c in fact.choices})
    return v.day(value, fact.label, problems)


def _size_override(raw: Any, problems: list[str]) -> SizeOverride | None:
    if v.blank(raw) or raw == {}:
        return None
    if not isinstance(raw, dict):
        problems.append("手动指定企业规模（size_override）应为 {size, reason}")
        return None
    size = raw.get("size")
    reason = v.text(raw.get("reason"), "手动指定规模的理由", problems, max_len=2000)
    if not isinstance(size, str) or size not in SIZES or reason is None:
        problems.append(
            "手动指定企业规模时须选择规模并填写理由"
            "（规模：large 大型、medium 中型、small 小型、micro 微型）"
        )
        return None
    return SizeOverride(size, reason)

"""Enterprise size class (大型/中型/小型/微型) under 《中小企业划型标准规定》(2011) 第四条.

The thresholds live in db/size_standard.yaml so that they can be reviewed against the source;
this module only applies them. Each indicator listed for the industry places the enterprise in a
class on its own and the lowest of those classes wins. That is the 规定's own rule restated:
large, medium and small must meet every listed lower bound ("否则下划一档"), micro needs only one
indicator below the small bound.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop_app.core.numbers import plain
from desktop_app.paths import curated_dir

SIZES = ("large", "medium", "small", "micro")  # highest first: a larger index is a lower class
SIZE_LABELS = {"large": "大型", "medium": "中型", "small": "小型", "micro": "微型"}
UNKNOWN_LABEL = "无法判断"
INDICATOR_KEYS = ("employees", "revenue", "assets")

# Far beyond any real enterprise (the largest employ a few million people; the largest balance
# sheets are tens of 万亿元), so only typing slips and unit mix-ups are refused.
_MAX_VALUE = {"employees": 10_000_000.0, "revenue": 1e11, "assets": 1e11}
_NAME_NOISE = re.compile(r"[\s、，,]")


class SizeInputError(ValueError):
    """Input the classification cannot use; the message is Chinese and meant for the user."""


class UnknownIndustryError(SizeInputError):
    pass


class SizeStandardError(Exception):
    """db/size_standard.yaml is malformed: a data bug, not a user error."""


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str  # 从业人员 / 营业收入 / 资产总额
    unit: str  # 人 / 万元


@dataclass(frozen=True)
class Bounds:
    """Lower bounds: value ≥ large is large, ≥ medium medium, ≥ small small, else micro."""

    large: float
    medium: float
    small: float

    def size_of(self, value: float) -> str:
        if value >= self.large:
            return "large"
        if value >= self.medium:
            return "medium"
        if value >= self.small:
            return "small"
        return "micro"

    def rule(self, size: str, unit: str) -> str:
        large, medium, small = (
            format_number(b) + unit for b in (self.large, self.medium, self.small)
        )
        return {
            "large": f"{large}及以上",
            "medium": f"{medium}及以上，{large}以下",
            "small": f"{small}及以上，{medium}以下",
            "micro": f"{small}以下",
        }[size]

    def to_dict(self) -> dict[str, float | int]:
        return {"large": _num(self.large), "medium": _num(self.medium), "small": _num(self.small)}


@dataclass(frozen=True)
class IndustryStandard:
    name: str
    clause: str  # （一）…（十六）
    source: str
    quote: str
    indicators: Mapping[str, Bounds]  # in the order the clause lists them
    examples: tuple[str, ...] = ()  # from the 规定's own description of the industry
    hints: tuple[str, ...] = ()  # editorial help for choosing, not official text
    notes: tuple[str, ...] = ()

    def to_dict(self, indicators: Mapping[str, Indicator]) -> dict[str, Any]:
        return {
            "name": self.name,
            "clause": self.clause,
            "indicators": [
                {
                    "indicator": key,
                    "name": indicators[key].name,
                    "unit": indicators[key].unit,
                    **bounds.to_dict(),
                }
                for key, bounds in self.indicators.items()
            ],
            "examples": list(self.examples),
            "hints": list(self.hints),
            "notes": list(self.notes),
            "source": self.source,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class SizeStandard:
    source: Mapping[str, str]
    indicators: Mapping[str, Indicator]
    industries: tuple[IndustryStandard, ...]

    def names(self) -> list[str]:
        return [industry.name for industry in self.industries]

    def industry(self, name: str) -> IndustryStandard:
        if not isinstance(name, str):
            raise UnknownIndustryError(f"行业名称必须是文字。可选行业：{'；'.join(self.names())}")
        for industry in self.industries:
            if industry.name == name:
                return industry
        # Users type 农林牧渔业 or add spaces; the 、 between sub-sectors carries no meaning.
        wanted = _NAME_NOISE.sub("", name)
        for industry in self.industries:
            if wanted and _NAME_NOISE.sub("", industry.name) == wanted:
                return industry
        # The 规定 names sub-sectors (制造业 is 工业); point there instead of guessing silently.
        owners = [
            i.name
            for i in self.industries
            if wanted in {_NAME_NOISE.sub("", e) for e in i.examples}
        ]
        hint = f"（{name}属于“{owners[0]}”）" if wanted and owners else ""
        raise UnknownIndustryError(f"未知行业“{name}”{hint}。可选行业：{'；'.join(self.names())}")


@dataclass(frozen=True)
class IndicatorWorking:
    indicator: str
    name: str
    unit: str
    value: float | None
    size: str | None  # the class this indicator alone implies; None when the value is missing
    bounds: Bounds
    rule: str | None  # e.g. "20人及以上，300人以下"
    decisive: bool = False

    @property
    def size_label(self) -> str:
        return SIZE_LABELS[self.size] if self.size else "缺少数据"

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "name": self.name,
            "unit": self.unit,
            "value": None if self.value is None else _num(self.value),
            "size": self.size,
            "size_label": self.size_label,
            "bounds": self.bounds.to_dict(),
            "rule": self.rule,
            "decisive": self.decisive,
        }


@dataclass(frozen=True)
class SizeResult:
    industry: str
    size: str | None  # None means unknown: a needed indicator is missing
    working: tuple[IndicatorWorking, ...]
    decided_by: tuple[str, ...]  # indicator keys that set the class (ties list them all)
    missing: tuple[str, ...]
    ignored: tuple[str, ...]  # values given for indicators this industry does not use
    explanation: str
    clause: str
    source: str
    quote: str
    notes: tuple[str, ...] = field(default=())

    @property
    def size_label(self) -> str:
        return SIZE_LABELS[self.size] if self.size else UNKNOWN_LABEL

    def to_dict(self) -> dict[str, Any]:
        return {
            "industry": self.industry,
            "size": self.size,
            "size_label": self.size_label,
            "working": [w.to_dict() for w in self.working],
            "decided_by": list(self.decided_by),
            "missing": list(self.missing),
            "ignored": list(self.ignored),
            "explanation": self.explanation,
            "notes": list(self.notes),
            "clause": self.clause,
            "source": self.source,
            "quote": self.quote,
        }


def default_path() -> Path:
    return curated_dir() / "size_standard.yaml"


def load_standard(path: Path | None = None) -> SizeStandard:
    if path is None:
        return _default_standard()
    return _read_standard(path)


@functools.cache
def _default_standard() -> SizeStandard:
    return _read_standard(default_path())


def industries() -> list[IndustryStandard]:
    return list(load_standard().industries)


def classify(
    industry: str,
    employees: float | None = None,
    revenue: float | None = None,
    assets: float | None = None,
    *,
    individual_business: bool = False,
    standard: SizeStandard | None = None,
) -> SizeResult:
    """Size class of one enterprise; employees in 人, revenue and assets in 万元."""
    std = standard or load_standard()
    rules = std.industry(industry)
    values = {
        "employees": _check_value("employees", employees, std),
        "revenue": _check_value("revenue", revenue, std),
        "assets": _check_value("assets", assets, std),
    }

    sizes: dict[str, str | None] = {}
    for key, bounds in rules.indicators.items():
        value = values[key]
        sizes[key] = None if value is None else bounds.size_of(value)
    known = {key: size for key, size in sizes.items() if size is not None}
    missing = tuple(key for key, size in sizes.items() if size is None)
    lowest = max(known.values(), key=SIZES.index) if known else None
    # Micro is the floor, so a missing indicator cannot change a micro verdict.
    size = lowest if lowest is not None and (not missing or lowest == "micro") else None
    decided_by = tuple(key for key, s in known.items() if s == size) if size else ()

    working = tuple(
        IndicatorWorking(
            indicator=key,
            name=std.indicators[key].name,
            unit=std.indicators[key].unit,
            value=values[key],
            size=sizes[key],
            bounds=bounds,
            rule=bounds.rule(s, std.indicators[key].unit) if (s := sizes[key]) else None,
            decisive=key in decided_by,
        )
        for key, bounds in rules.indicators.items()
    )
    ignored = tuple(
        key for key in INDICATOR_KEYS if values[key] is not None and key not in rules.indicators
    )
    notes = list(rules.notes)
    if ignored:
        names = "、".join(std.indicators[key].name for key in ignored)
        notes.append(f"{names}不是{rules.name}的划型指标，未使用。")
    if individual_business:
        notes.append(std.source.get("individual_business", "个体工商户参照本标准划型。"))
    return SizeResult(
        industry=rules.name,
        size=size,
        working=working,
        decided_by=decided_by,
        missing=missing,
        ignored=ignored,
        explanation=_explain(working, size, missing, std),
        clause=rules.clause,
        source=rules.source,
        quote=rules.quote,
        notes=tuple(notes),
    )


def _explain(
    working: tuple[IndicatorWorking, ...],
    size: str | None,
    missing: tuple[str, ...],
    std: SizeStandard,
) -> str:
    parts = [
        f"{w.name}{format_number(w.value)}{w.unit}属{w.size_label}"
        for w in working
        if w.value is not None
    ]
    stated = "，".join(parts)
    missing_names = "、".join(std.indicators[key].name for key in missing)
    if size is None:
        prefix = f"{stated}；" if stated else ""
        return f"{prefix}缺少{missing_names}，无法判断企业规模"
    label = SIZE_LABELS[size]
    if missing:
        return f"{stated}，微型只需一项指标低于小型下限，缺少{missing_names}不影响结果：{label}"
    if len(parts) == 1:
        return f"{stated}：{label}"
    return f"{stated}，取最低：{label}"


def _check_value(key: str, value: object, std: SizeStandard) -> float | None:
    if value is None:
        return None
    name = std.indicators[key].name if key in std.indicators else key
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise SizeInputError(f"{name}必须是数字，收到“{value}”")
    number = float(value)
    if not math.isfinite(number):
        raise SizeInputError(f"{name}不是有效数字（{value}）")
    if number < 0:
        raise SizeInputError(f"{name}不能为负数（{format_number(number)}）")
    if number > _MAX_VALUE[key]:
        unit = std.indicators[key].unit if key in std.indicators else ""
        raise SizeInputError(
            f"{name}{format_number(number)}{unit}不合常理，请检查数值和单位（营业收入、资产总额以万元计）"
        )
    return number


def format_number(number: float | None) -> str:
    """300.0 → "300", 299.99 → "299.99" (core.numbers.plain); blank for an unknown value."""
    return "" if number is None else plain(number)


def _num(number: float) -> float | int:
    """Whole numbers as int so that JSON shows 300, not 300.0."""
    return int(number) if number.is_integer() else number


def _read_standard(path: Path) -> SizeStandard:
    import yaml  # read once, on the first classification: not with every importer of SIZES

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SizeStandardError(f"无法读取划型标准文件 {path}：{exc}") from exc
    try:
        return _parse_standard(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise SizeStandardError(f"划型标准文件 {path} 格式错误：{exc}") from exc


def _parse_standard(data: Mapping[str, Any]) -> SizeStandard:
    indicators = {
        key: Indicator(key=key, name=str(spec["name"]), unit=str(spec["unit"]))
        for key, spec in data["indicators"].items()
    }
    if set(indicators) != set(INDICATOR_KEYS):
        raise ValueError(f"indicators must be exactly {INDICATOR_KEYS}")
    parsed: list[IndustryStandard] = []
    for entry in data["industries"]:
        name = str(entry["name"])
        bounds: dict[str, Bounds] = {}
        for key, spec in entry["indicators"].items():
            if key not in indicators:
                raise ValueError(f"{name}: unknown indicator {key}")
            b = Bounds(*(_bound(spec[level]) for level in ("large", "medium", "small")))
            if not b.large > b.medium > b.small > 0:
                raise ValueError(f"{name}/{key}: bounds must fall large > medium > small > 0")
            bounds[key] = b
        if not bounds:
            raise ValueError(f"{name}: no indicators")
        parsed.append(
            IndustryStandard(
                name=name,
                clause=str(entry["clause"]),
                source=str(entry["source"]),
                # Folded YAML joins lines with a space; Chinese text has none of its own.
                quote="".join(str(entry["quote"]).split()),
                indicators=bounds,
                examples=_strings(entry.get("examples")),
                hints=_strings(entry.get("hints")),
                notes=_strings(entry.get("notes")),
            )
        )
    names = [industry.name for industry in parsed]
    if len(set(names)) != len(names):
        raise ValueError("duplicate industry names")
    source = {str(k): str(v) for k, v in data["source"].items()}
    return SizeStandard(source=source, indicators=indicators, industries=tuple(parsed))


def _bound(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"bound {value!r} is not a number")
    return float(value)


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError(f"expected a list, got {value!r}")
    return tuple(str(item) for item in value)

"""Enterprise size class (大型/中型/小型/微型) under 《中小企业划型标准规定》(2011) 第四条.

The thresholds live in db/size_standard.yaml so that they can be reviewed against the source;
core/size_standard.py reads them and this module only applies them. Each indicator listed for
the industry places the enterprise in a class on its own and the lowest of those classes wins.
That is the 规定's own rule restated: large, medium and small must meet every listed lower
bound ("否则下划一档"), micro needs only one indicator below the small bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop_app.core.size_standard import (
    INDICATOR_KEYS,
    SIZE_LABELS,
    SIZES,
    Bounds,
    Indicator,
    IndustryStandard,
    SizeInputError,
    SizeStandard,
    SizeStandardError,
    UnknownIndustryError,
    default_path,
    format_number,
    industries,
    json_number,
    load_standard,
)

__all__ = [
    "INDICATOR_KEYS",
    "SIZES",
    "SIZE_LABELS",
    "UNKNOWN_LABEL",
    "Bounds",
    "Indicator",
    "IndicatorWorking",
    "IndustryStandard",
    "SizeInputError",
    "SizeResult",
    "SizeStandard",
    "SizeStandardError",
    "UnknownIndustryError",
    "classify",
    "default_path",
    "format_number",
    "industries",
    "load_standard",
]

UNKNOWN_LABEL = "无法判断"
# Far beyond any real enterprise (the largest employ a few million people; the largest balance
# sheets are tens of 万亿元), so only typing slips and unit mix-ups are refused.
_MAX_VALUE = {"employees": 10_000_000.0, "revenue": 1e11, "assets": 1e11}


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
            "value": None if self.value is None else json_number(self.value),
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

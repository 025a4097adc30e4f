"""The 《中小企业划型标准规定》(2011) as data: its indicators, each industry's bounds, read from
db/size_standard.yaml (reviewed against the source) and checked for shape when read.

core.size_class applies it; this module only says what the standard is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.numbers import plain
from desktop_app.paths import curated_dir

SIZES = ("large", "medium", "small", "micro")  # highest first: a larger index is a lower class
SIZE_LABELS = {"large": "大型", "medium": "中型", "small": "小型", "micro": "微型"}
INDICATOR_KEYS = ("employees", "revenue", "assets")

# Far beyond any real enterprise (the largest employ a few million people; the largest balance
# sheets are tens of 万亿元), so only typing slips and unit mix-ups are refused.
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
        return {
            "large": json_number(self.large),
            "medium": json_number(self.medium),
            "small": json_number(self.small),
        }


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


def format_number(number: float | None) -> str:
    """300.0 → "300", 299.99 → "299.99" (core.numbers.plain); blank for an unknown value."""
    return "" if number is None else plain(number)


def json_number(number: float) -> float | int:
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

"""Compute a benefit's amount from its formula and the profile's facts, with the working."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.money import format_in, format_yuan, to_yuan
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.rules import AmountSpec
from desktop_app.core.numbers import plain

EXACT, UP_TO, RANGE, NOT_COMPUTABLE = "exact", "up_to", "range", "not_computable"


@dataclass(frozen=True)
class AmountResult:
    kind: str
    text: str  # what the result column shows: 4500元 / 最高300万元 / 未注明金额
    working: str  # how it was reached, in the document's own units
    value_yuan: Decimal | None = None  # exact amount, or the upper bound for up_to
    min_yuan: Decimal | None = None  # lower bound, for ranges
    missing: tuple[str, ...] = ()  # facts that would make it computable

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "working": self.working,
            "value_yuan": None if self.value_yuan is None else plain(self.value_yuan),
            "min_yuan": None if self.min_yuan is None else plain(self.min_yuan),
            "missing": list(self.missing),
        }


def _rate(params: dict[str, Any]) -> tuple[Decimal, str]:
    if "permille" in params:
        return Decimal(str(params["permille"])) / 1000, f"{plain(params['permille'])}‰"
    return Decimal(str(params["percent"])) / 100, f"{plain(params['percent'])}%"


def _cap(params: dict[str, Any]) -> tuple[Decimal | None, str]:
    if "cap" not in params:
        return None, ""
    unit = params.get("cap_unit", params.get("unit", "万元"))
    return to_yuan(params["cap"], unit), format_in(params["cap"], unit)


def _bounded(
    total: Decimal, working: str, cap: Decimal | None, cap_text: str, at_most: bool
) -> AmountResult:
    if cap is not None and total > cap:
        working += f"，超过上限{cap_text}，按{cap_text}计"
        total = cap
    kind = UP_TO if at_most else EXACT
    text = ("最高" if at_most else "") + format_yuan(total)
    return AmountResult(kind, text, working, value_yuan=total)


def _unfilled(
    rule: str, fact_id: str, cap: Decimal | None, registry: FactsRegistry
) -> AmountResult:
    """The fact the formula needs is blank: the stated cap is still an upper bound."""
    label = registry.facts[fact_id].label
    if cap is not None:
        return AmountResult(
            UP_TO,
            f"最高{format_yuan(cap)}",
            f"{rule}；未填写{label}",
            value_yuan=cap,
            missing=(fact_id,),
        )
    return AmountResult(NOT_COMPUTABLE, rule, f"{rule}；请填写{label}", missing=(fact_id,))


def compute(spec: AmountSpec, profile: Profile, registry: FactsRegistry) -> AmountResult:
    p = spec.params
    facts = profile.facts
    if spec.type == "none":
        return AmountResult(NOT_COMPUTABLE, "原文未注明金额", "原文未注明金额或标准")
    if spec.type == "fixed":
        value = to_yuan(p["value"], p["unit"])
        return AmountResult(
            EXACT, format_yuan(value), f"定额{format_in(p['value'], p['unit'])}", value_yuan=value
        )
    if spec.type == "up_to":
        value = to_yuan(p["value"], p["unit"])
        return AmountResult(
            UP_TO,
            f"最高{format_yuan(value)}",
            f"最高{format_in(p['value'], p['unit'])}，具体金额以核定为准",
            value_yuan=value,
        )
    if spec.type == "per_unit":
        per = format_in(p["per_unit"], p["unit"])
        count_unit = p.get("count_unit", "")
        at_most = bool(p.get("at_most"))
        cap, cap_text = _cap(p)
        rule = f"每{count_unit}{'不超过' if at_most else ''}{per}" + (
            f"，总额不超过{cap_text}" if cap_text else ""
        )
        count = facts.get(p["count_fact"])
        if count is None:
            return _unfilled(rule, p["count_fact"], cap, registry)
        total = to_yuan(p["per_unit"], p["unit"]) * Decimal(str(count))
        working = f"{plain(count)}{count_unit} × {per} = {format_yuan(total)}"
        return _bounded(total, working, cap, cap_text, at_most)
    if spec.type == "rate":
        rate, rate_text = _rate(p)
        cap, cap_text = _cap(p)
        at_most = bool(p.get("at_most"))
        base_label = registry.facts[p["base_fact"]].label
        rule = f"按{base_label}的{'不超过' if at_most else ''}{rate_text}" + (
            f"，最高{cap_text}" if cap_text else ""
        )
        base = facts.get(p["base_fact"])
        if base is None:
            return _unfilled(rule, p["base_fact"], cap, registry)
        total = to_yuan(base, "万元") * rate
        working = f"{plain(base)}万元 × {rate_text} = {format_yuan(total)}"
        return _bounded(total, working, cap, cap_text, at_most)
    if spec.type == "interest":
        rate, rate_text = _rate(p)
        years = Decimal(str(p["years"]))
        base = facts.get(p["base_fact"])
        base_label = registry.facts[p["base_fact"]].label
        rule = f"按年化{rate_text}贴息，最长{plain(years)}年"
        if base is None:
            return AmountResult(
                NOT_COMPUTABLE, rule, f"{rule}；请填写{base_label}", missing=(p["base_fact"],)
            )
        yearly = to_yuan(base, "万元") * rate
        total = yearly * years
        working = (
            f"{plain(base)}万元 × 年化{rate_text} = 每年{format_yuan(yearly)}，"
            f"× 最长{plain(years)}年 = {format_yuan(total)}"
            "（按贷款本金全额估算的上限，实际按贷款余额和核定为准）"
        )
        return AmountResult(UP_TO, f"最高约{format_yuan(total)}", working, value_yuan=total)
    if spec.type == "full":
        base = facts.get(p["base_fact"])
        base_label = registry.facts[p["base_fact"]].label
        if base is None:
            return AmountResult(
                NOT_COMPUTABLE,
                "费用全额补贴",
                f"{base_label}全额补贴；请填写费用金额",
                missing=(p["base_fact"],),
            )
        total = to_yuan(base, "万元")
        return AmountResult(
            EXACT,
            format_yuan(total),
            f"{base_label}{plain(base)}万元，全额补贴 = {format_yuan(total)}",
            value_yuan=total,
        )
    raise ValueError(f"未知的金额类型 {spec.type}")

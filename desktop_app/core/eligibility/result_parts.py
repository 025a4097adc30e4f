"""Readers of the parts a stored evaluation result is made of (conditions, amounts, plain
dataclasses), shared by every format `results.MatchResult.from_dict` reads."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from desktop_app.core.eligibility.amounts import AmountResult
from desktop_app.core.eligibility.conditions import ConditionResult


def condition_from_dict(data: dict[str, Any]) -> ConditionResult:
    return ConditionResult(
        text=data["text"],
        state=data["state"],
        value=data.get("value") or "",
        quote=data.get("quote") or "",
        needs_confirmation=bool(data.get("needs_confirmation")),
        missing=list(data.get("missing") or []),
        children=[condition_from_dict(c) for c in data.get("children") or []],
        confirmation=data.get("confirmation"),
    )


def amount_from_dict(data: dict[str, Any]) -> AmountResult:
    def number(key: str) -> Decimal | None:
        value = data.get(key)
        return None if value is None else Decimal(str(value))

    return AmountResult(
        kind=data["kind"],
        text=data.get("text") or "",
        working=data.get("working") or "",
        value_yuan=number("value_yuan"),
        min_yuan=number("min_yuan"),
        missing=tuple(data.get("missing") or ()),
    )


def dataclass_from_dict(cls: Any, data: dict[str, Any]) -> Any:
    """A plain dataclass from its asdict() form; fields a newer program added keep defaults."""
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})

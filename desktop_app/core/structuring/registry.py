"""The facts registry extended by facts an imported document needs (kept in the user library)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from desktop_app.core.eligibility.facts import FactDef, FactsRegistry, QualificationDef

IMPORTED_GROUP = "导入文件的事项"


def fact_id(scope: str, label: str, unit: str | None) -> str:
    """A stable id: the same label and unit in the same scope is the same question."""
    digest = hashlib.sha1(f"{scope}|{label}|{unit or ''}".encode()).hexdigest()[:10]
    return f"imp_{digest}"


def fact_def(raw: dict[str, Any]) -> FactDef:
    return FactDef(
        id=raw["id"],
        label=raw["label"],
        type=raw["type"],
        group=raw.get("group") or IMPORTED_GROUP,
        unit=raw.get("unit"),
        help=raw.get("help"),
        min=0 if raw["type"] in ("integer", "number") else None,
        max=raw.get("max", 10**9 if raw["type"] in ("integer", "number") else None),
    )


def extended(
    registry: FactsRegistry,
    facts: Iterable[dict[str, Any]] = (),
    qualifications: Iterable[dict[str, Any]] = (),
) -> FactsRegistry:
    """The registry with extra facts and qualifications; a bundled id is never replaced."""
    extra_facts = {f["id"]: fact_def(f) for f in facts if f["id"] not in registry.facts}
    extra_quals = {
        q["id"]: QualificationDef(q["id"], q["label"])
        for q in qualifications
        if q["id"] not in registry.qualifications
    }
    if not extra_facts and not extra_quals:
        return registry
    return FactsRegistry(
        facts={**registry.facts, **extra_facts},
        qualifications={**registry.qualifications, **extra_quals},
    )


def find_by_label(registry: FactsRegistry, label: str, unit: str | None) -> str | None:
    for fact in registry.facts.values():
        if fact.label == label and (fact.unit or None) == (unit or None):
            return fact.id
    return None

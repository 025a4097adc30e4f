"""What evaluating one condition gives: its state (met, unmet, unknown) with the value used,
and the context a condition is evaluated in (profile, size, date, document, registry)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.model import Document

MET, UNMET, UNKNOWN = "met", "unmet", "unknown"
STATE_LABELS = {MET: "符合", UNMET: "不符合", UNKNOWN: "待确认"}


@dataclass
class ConditionResult:
    text: str  # the condition as a person reads it
    state: str
    value: str  # the value used, or 未填写
    quote: str  # the words of the document it rests on ('' for region/validity)
    needs_confirmation: bool = False
    missing: list[str] = field(default_factory=list)  # fact / qualification ids to fill in
    children: list[ConditionResult] = field(default_factory=list)
    confirmation: str | None = None  # what a person must confirm, when it differs from text

    @property
    def state_label(self) -> str:
        return "需人工确认" if self.needs_confirmation else STATE_LABELS[self.state]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "state": self.state,
            "state_label": self.state_label,
            "value": self.value,
            "quote": self.quote,
            "needs_confirmation": self.needs_confirmation,
            "missing": list(self.missing),
            "children": [c.to_dict() for c in self.children],
            "confirmation": self.confirmation,
        }


@dataclass(frozen=True)
class Context:
    profile: Profile
    size: str | None  # large/medium/small/micro after any override; None = unknown
    size_text: str  # how the size was found, for the value column
    as_of: date
    document: Document
    registry: FactsRegistry
    # the document's period (stated, or 推定 from its text) for 新认定; None when unstated
    period: tuple[str | None, str | None] | None = None
    period_derived: bool = False


def combine(states: list[str]) -> str:
    if UNMET in states:
        return UNMET
    if UNKNOWN in states:
        return UNKNOWN
    return MET

"""What the proposer suggests for one item: benefits and conditions, each with its passage."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CONFIDENCE = ("high", "medium", "low")


@dataclass
class Proposal:
    id: str  # b1, c1 … unique within the item
    kind: str  # benefit | condition
    quote: str  # the exact passage of the item's text
    start: int  # where the passage is in the item's text (for highlighting)
    end: int
    amount: dict[str, Any] | None = None  # a rule amount (benefits)
    test: dict[str, Any] | None = None  # a rule condition with its quote (conditions)
    label: str | None = None
    benefit_kind: str | None = None
    payer: str | None = None
    handler: str | None = None
    confidence: str = "high"
    applies_to: list[str] = field(default_factory=list)  # benefit ids; empty = the whole item
    notes: list[str] = field(default_factory=list)
    new_facts: list[dict[str, Any]] = field(default_factory=list)  # facts the registry lacks
    group: str | None = None  # tiers of one 分别给予: alternatives, never summed

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Proposal:
        names = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class ItemProposals:
    item_id: str
    article: str | None
    proposals: list[Proposal]
    rejected: list[str] = field(default_factory=list)  # candidates the validator refused, why

    def to_dict(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "article": self.article,
            "proposals": [p.to_dict() for p in self.proposals],
            "rejected": list(self.rejected),
        }

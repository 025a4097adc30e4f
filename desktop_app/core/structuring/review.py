"""One item under review: the proposals a person accepts, edits or rejects, passages they add
by selecting text, and the check that runs on saving (the build-db validation)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.model import Item
from desktop_app.core.structuring import registry as reg
from desktop_app.core.structuring.amount_finder import find_amounts
from desktop_app.core.structuring.assemble import check_entry, check_proposal, rule_entry
from desktop_app.core.structuring.clauses import Span
from desktop_app.core.structuring.condition_finder import find_conditions
from desktop_app.core.structuring.export import NEW_FACTS_KEY
from desktop_app.core.structuring.lexicon import load_lexicon
from desktop_app.core.structuring.proposal import Proposal
from desktop_app.core.structuring.proposer import propose_item

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"


@dataclass
class ItemReview:
    item: Item
    proposals: list[Proposal]
    decisions: dict[str, str] = field(default_factory=dict)  # proposal id -> decision
    not_enterprise: bool = False  # 非企业可申请: a government task, no rules

    def decision(self, proposal_id: str) -> str:
        return self.decisions.get(proposal_id, PENDING)

    def set_decision(self, proposal_id: str, decision: str) -> None:
        self.decisions[proposal_id] = decision

    def accept_all(self) -> None:
        for p in self.proposals:
            self.decisions.setdefault(p.id, ACCEPTED)

    def accepted(self) -> list[Proposal]:
        return [p for p in self.proposals if self.decision(p.id) == ACCEPTED]

    def replace(self, proposal: Proposal) -> None:
        """An edited proposal takes the place of the one with its id (and is accepted)."""
        self.proposals = [proposal if p.id == proposal.id else p for p in self.proposals]
        self.decisions[proposal.id] = ACCEPTED

    def add(self, proposal: Proposal) -> None:
        self.proposals.append(proposal)
        self.decisions[proposal.id] = ACCEPTED

    def next_id(self, kind: str) -> str:
        used = {p.id for p in self.proposals}
        n = 1
        while f"{kind[0]}{n}" in used:
            n += 1
        return f"{kind[0]}{n}"

    def entry(self) -> dict[str, Any] | None:
        """The rule entry of what is accepted (None when nothing or 非企业可申请)."""
        accepted = self.accepted()
        benefit_ids = {p.id for p in accepted if p.kind == "benefit"}
        if self.not_enterprise or not benefit_ids:
            return None
        kept = [
            dataclasses.replace(p, applies_to=[b for b in p.applies_to if b in benefit_ids])
            if p.kind == "condition"
            else p
            for p in accepted
            if p.kind == "benefit" or not p.applies_to or set(p.applies_to) & benefit_ids
        ]
        entry = rule_entry(self.item, kept)
        facts = {f["id"]: f for p in kept for f in p.new_facts if _uses(entry, f["id"])}
        if facts:
            entry[NEW_FACTS_KEY] = list(facts.values())
        return entry

    def check(self, registry: FactsRegistry) -> list[str]:
        """Why the accepted rules cannot be saved (empty: they can). The same validation as
        build-db: quotes in the text, numbers in their quotes, facts and tests known."""
        if self.not_enterprise:
            return []
        entry = self.entry()
        if entry is None:
            return [f"{self.item.id}: 至少需要接受一项待遇，或将本条标为“非企业可申请”"]
        extended = reg.extended(registry, entry.get(NEW_FACTS_KEY, []))
        return check_entry(self.item, entry, extended)


def _uses(entry: dict[str, Any], fact_id: str) -> bool:
    return f"'{fact_id}'" in repr(entry)


def start_review(item: Item, registry: FactsRegistry, stored: dict[str, Any] | None) -> ItemReview:
    """The review of one item: its stored rules when it has them (all accepted), else fresh
    proposals (all pending)."""
    if stored is not None:
        review = ItemReview(item, proposals_from_entry(item, stored))
        review.accept_all()
        return review
    return ItemReview(item, propose_item(item, registry).proposals)


def proposals_from_entry(item: Item, entry: dict[str, Any]) -> list[Proposal]:
    """Stored rules as proposals again, so they can be edited."""
    facts = entry.get(NEW_FACTS_KEY, [])
    out: list[Proposal] = []

    def where(quote: str) -> tuple[int, int]:
        at = item.text.find(quote)
        return (at, at + len(quote)) if at >= 0 else (0, 0)

    def condition(test: dict[str, Any], applies_to: list[str]) -> Proposal:
        quote = test.get("quote") or (test.get("conditions") or [{}])[0].get("quote", "")
        start, end = where(quote)
        return Proposal(
            f"c{len(out) + 1}",
            "condition",
            quote,
            start,
            end,
            test=test,
            applies_to=applies_to,
            new_facts=facts,
        )

    for test in entry.get("conditions", []):
        out.append(condition(test, []))
    for index, benefit in enumerate(entry.get("benefits", []), start=1):
        start, end = where(benefit["quote"])
        bid = f"b{index}"
        out.append(
            Proposal(
                bid,
                "benefit",
                benefit["quote"],
                start,
                end,
                amount=benefit.get("amount") or {"type": "none"},
                label=benefit.get("label"),
                benefit_kind=benefit.get("kind"),
                notes=list(benefit.get("notes", [])),
                new_facts=facts,
                payer=(benefit.get("payer") or {}).get("name"),
                group=benefit.get("group"),
            )
        )
        for test in benefit.get("conditions", []):
            out.append(condition(test, [bid]))
    for n, p in enumerate([p for p in out if p.kind == "condition"], start=1):
        p.id = f"c{n}"
    return out


def proposal_from_selection(
    review: ItemReview, start: int, end: int, kind: str, registry: FactsRegistry
) -> tuple[Proposal | None, list[str]]:
    """A proposal the reader missed, from a passage the person selected: its amount or
    condition is read from the passage; without one, a benefit of no stated amount or a
    condition for a person to confirm. Returns it with the validation's reasons (if any)."""
    item = review.item
    start, end = max(0, start), min(len(item.text), end)
    quote = item.text[start:end].strip()
    if not quote:
        return None, ["请先在原文中选中一段文字"]
    start = item.text.find(quote, start)
    end = start + len(quote)
    span = Span(start, quote)
    lex = load_lexicon()
    pid = review.next_id(kind)
    if kind == "benefit":
        found = find_amounts(span, lex)
        amount = dict(found[0].amount) if found else {"type": "none"}
        probe = propose_item(dataclasses.replace(item, text=quote), registry)
        match = next((p for p in probe.proposals if p.kind == "benefit"), None)
        proposal = Proposal(
            pid,
            "benefit",
            quote,
            start,
            end,
            amount=(match.amount if match else amount),
            label=(match.label if match else quote[:24]),
            benefit_kind=(match.benefit_kind if match else "other"),
            new_facts=(match.new_facts if match else []),
            notes=["由人工选取原文添加"],
            confidence="high",
        )
    else:
        conds = find_conditions(span, lex, [])
        probe = propose_item(dataclasses.replace(item, text=quote), registry)
        match = next((p for p in probe.proposals if p.kind == "condition"), None)
        test: dict[str, Any] = {"test": "confirm", "wording": quote, "quote": quote}
        facts: list[dict[str, Any]] = []
        if match is not None and conds:
            test = {**(match.test or {}), "quote": quote}
            if test["test"] in ("any_of", "all_of"):
                test = match.test or {}
            facts = match.new_facts
        proposal = Proposal(
            pid,
            "condition",
            quote,
            start,
            end,
            test=test,
            new_facts=facts,
            notes=["由人工选取原文添加"],
        )
    errors = check_proposal(item, proposal, reg.extended(registry, proposal.new_facts))
    return (None, errors) if errors else (proposal, [])


def edited(
    review: ItemReview, proposal: Proposal, changes: dict[str, Any], registry: FactsRegistry
) -> tuple[Proposal | None, list[str]]:
    """The proposal with a person's changes (amount, test, label, quote…), or the reasons the
    validation refuses them."""
    new = dataclasses.replace(proposal, **changes)
    if "quote" in changes:
        at = review.item.text.find(new.quote)
        if at < 0:
            return None, [f"引文“{new.quote}”不在条目原文中"]
        new.start, new.end = at, at + len(new.quote)
        if new.test is not None and "test" not in changes:
            new.test = {**new.test, "quote": new.quote}
    errors = check_proposal(review.item, new, reg.extended(registry, new.new_facts))
    return (None, errors) if errors else (new, [])

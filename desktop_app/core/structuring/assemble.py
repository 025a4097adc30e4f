"""Proposals (or accepted rules) as a db/benefits rule entry, checked by the build-db validator."""

from __future__ import annotations

import dataclasses
from typing import Any

from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.rules import parse_rules, validate_rules
from desktop_app.core.model import Item
from desktop_app.core.structuring.proposal import Proposal


def rule_entry(item: Item, proposals: list[Proposal], summary: str | None = None) -> dict[str, Any]:
    """One db/benefits entry: item-wide conditions, and each benefit with its own conditions."""
    benefits = [p for p in proposals if p.kind == "benefit"]
    conditions = [p for p in proposals if p.kind == "condition"]
    benefit_ids = {b.id for b in benefits}
    shared = [c.test for c in conditions if c.test and not (set(c.applies_to) & benefit_ids)]
    members: dict[str, list[Proposal]] = {}
    for benefit in benefits:
        if benefit.group:
            members.setdefault(benefit.group, []).append(benefit)
    groups = {gid: ps for gid, ps in members.items() if len(ps) >= 2}
    entries = []
    for benefit in benefits:
        entry: dict[str, Any] = {
            "label": benefit.label or "待遇",
            "kind": benefit.benefit_kind or "other",
            "quote": benefit.quote,
            "amount": dict(benefit.amount or {"type": "none"}),
        }
        own = [c.test for c in conditions if c.test and benefit.id in c.applies_to]
        if own:
            entry["conditions"] = own
        notes = list(benefit.notes)
        if benefit.payer:  # the payer's own word is its quote: it is in the text
            entry["payer"] = {"name": benefit.payer, "quote": benefit.payer}
        if benefit.group in groups:
            entry["group"] = benefit.group
        if benefit.handler:
            notes.append(f"受理/负责：{benefit.handler}")
        if notes:
            entry["notes"] = notes
        entries.append(entry)
    rule: dict[str, Any] = {"summary": summary or item.display_title}
    if shared:
        rule["conditions"] = shared
    if groups:
        rule["amount_groups"] = [
            {"id": gid, "mode": "alternatives", "label": "分档给予，择一", "quote": ps[0].quote}
            for gid, ps in groups.items()
        ]
    rule["benefits"] = entries
    return rule


def check_entry(item: Item, entry: dict[str, Any], registry: FactsRegistry) -> list[str]:
    """The build-db validation of one entry: quotes in the text, numbers in their quotes, facts
    and tests known. An empty list means it passes."""
    try:
        rules = parse_rules({item.id: entry})
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return [f"{item.id}: 格式有误（{exc}）"]
    facing = dataclasses.replace(item, enterprise_facing=True)
    return validate_rules(rules, {item.id: facing}, registry)


def check_proposal(item: Item, proposal: Proposal, registry: FactsRegistry) -> list[str]:
    """One proposal on its own: a benefit alone, or a condition on a placeholder benefit."""
    if proposal.kind == "benefit":
        entry = rule_entry(item, [proposal])
    else:
        holder = Proposal(
            id="_",
            kind="benefit",
            quote=proposal.quote,
            start=0,
            end=0,
            amount={"type": "none"},
            benefit_kind="other",
            label="_",
        )
        entry = rule_entry(item, [holder, dataclasses.replace(proposal, applies_to=[])])
    return check_entry(item, entry, registry)
